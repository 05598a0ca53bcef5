//! Structural edits on the real lecture: moves, promotion and demotion,
//! renumbering and the numbering check.

use lectern_text::edit::{check, demote, move_section, promote, renumber, EditError, Place, ProblemKind};
use lectern_text::{clean, outline};

fn lecture() -> String {
    clean(include_str!("../../../tests/data/web-clip-lecture.txt")).text
}

fn headings(text: &str) -> Vec<String> {
    outline::parse(text).flat().iter().map(|s| format!("{}{}", s.number, s.title.chars().take(6).collect::<String>())).collect()
}

#[test]
fn moving_part_three_to_the_front_renumbers_the_parts() {
    let t = lecture();
    let o = outline::parse(&t);
    let third = o.index_of_start(o.sections[2].start).unwrap();
    let moved = move_section(&t, third, 0, Place::Before).unwrap();
    let parts: Vec<String> = outline::parse(&moved).sections.iter().map(|s| format!("{}{}", s.number, s.title)).collect();
    assert_eq!(
        parts,
        vec![
            "一、贯彻落实以新型城镇化引领推动城乡融合发展的重点任务",
            "二、深刻领会以新型城镇化引领推动城乡融合发展的重大意义",
            "三、准确把握以新型城镇化引领推动城乡融合发展的时代特征",
        ]
    );
    // The introduction stays before the first part; nothing else changes.
    assert_eq!(moved.chars().count(), t.chars().count());
    let intro_end = t.find("一、深刻领会").unwrap();
    assert!(moved.starts_with(&t[..intro_end]));
    assert!(!moved.contains("\n\n\n") && !moved.ends_with('\n'));
}

#[test]
fn a_sub_section_moves_into_another_part() {
    let t = lecture();
    // （三） of part 一 (flat index 3) before （一） of part 二 (flat index 5).
    let moved = move_section(&t, 3, 5, Place::Before).unwrap();
    let o = outline::parse(&moved);
    assert_eq!(o.sections[0].children.len(), 2);
    assert_eq!(o.sections[1].children.len(), 5);
    assert_eq!(o.sections[1].children[0].number, "（一）");
    assert!(o.sections[1].children[0].title.ends_with("有利于促进城乡区域共同繁荣"));
    assert_eq!(o.sections[1].children[4].number, "（五）");
    assert!(matches!(move_section(&t, 3, 4, Place::After), Err(EditError::NotSameLevel(..))));
}

#[test]
fn demoting_a_part_and_promoting_it_back() {
    let t = lecture();
    let demoted = demote(&t, 4).unwrap();
    let h = headings(&demoted);
    assert_eq!(&h[..9], ["一、深刻领会以新", "（一）以新型城镇化", "（二）以新型城镇化", "（三）以新型城镇化", "（四）准确把握以新", "1.以坚持人民城", "2.以深化制度建", "3.以发挥市场决", "4.以注重系统集"]);
    assert_eq!(h[9], "二、贯彻落实以新");
    assert_eq!(promote(&demoted, 4).unwrap(), t);
    assert!(matches!(promote(&t, 0), Err(EditError::AlreadyTop(_))));
    let e = promote(&t, 0).unwrap_err().to_string();
    assert!(e.starts_with("「一、深刻领会"), "{e}");
}

#[test]
fn check_reports_gaps_and_renumber_repairs_them() {
    let t = lecture();
    assert!(check(&t).is_empty(), "the lecture is numbered right");
    let broken = t.replacen("（三）以发挥市场", "（五）以发挥市场", 1).replacen("三、贯彻落实", "二、贯彻落实", 1);
    let problems = check(&broken);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::Gap);
    assert_eq!(problems[0].message, "序号跳号：「（二）」之后是「（五）」，缺少「（三）」「（四）」");
    let offset = broken.chars().collect::<Vec<_>>();
    let at: String = offset[problems[0].offset..problems[0].offset + 5].iter().collect();
    assert_eq!(at, "（五）以发");
    assert_eq!(problems[1].kind, ProblemKind::OutOfOrder);
    assert_eq!(problems[2].kind, ProblemKind::Repeat);
    assert_eq!(renumber(&broken), t);
}
