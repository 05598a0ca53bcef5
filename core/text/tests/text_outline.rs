//! The outline on varied lecture texts: all four levels, half- and
//! full-width ordinals, 第一部分 above them, run-in headings and the traps.

use lectern_text::ordinal::Style;
use lectern_text::outline::parse;

fn flat(text: &str) -> Vec<(u8, String, String, bool)> {
    parse(text).flat().iter().map(|s| (s.level, s.number.clone(), s.title.clone(), s.run_in)).collect()
}

fn h(level: u8, number: &str, title: &str, run_in: bool) -> (u8, String, String, bool) {
    (level, number.to_string(), title.to_string(), run_in)
}

#[test]
fn four_levels_in_both_widths() {
    let t = "\
加强作风建设专题党课

同志们：

一、为什么要加强作风建设

(一)作风建设关系党的形象。作风问题本质上是党性问题。

1．加强学习

（1）学习党章党规。要逐条学。

(2)学习党史

2.改进调研

（二）作风建设关系人心向背

二、怎样加强作风建设

１．全角数字也是序号

3、顿号也是序号
";
    assert_eq!(
        flat(t),
        vec![
            h(1, "一、", "为什么要加强作风建设", false),
            h(2, "(一)", "作风建设关系党的形象", true),
            h(3, "1．", "加强学习", false),
            h(4, "（1）", "学习党章党规", true),
            h(4, "(2)", "学习党史", false),
            h(3, "2.", "改进调研", false),
            h(2, "（二）", "作风建设关系人心向背", false),
            h(1, "二、", "怎样加强作风建设", false),
            h(3, "１．", "全角数字也是序号", false),
            h(3, "3、", "顿号也是序号", false),
        ]
    );
    let o = parse(t);
    assert_eq!(o.title.as_deref(), Some("加强作风建设专题党课"));
    // 1. directly under 二、 (no （一） in between) is still its child.
    assert_eq!(o.sections[1].children.len(), 2);
    assert_eq!(o.sections[1].children[0].style, Style::Arabic);
}

#[test]
fn parts_chapters_and_sections_stand_above_the_four_levels() {
    let t = "\
新时代党的建设总要求

第一部分　总体要求

一、指导思想

（一）坚持党的全面领导

第二部分 重点任务

一、政治建设

第三章 组织保障

第一节 队伍建设
";
    let o = parse(t);
    let got: Vec<(u8, &str, &str)> = o.flat().iter().map(|s| (s.level, s.number.as_str(), s.title.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (1, "第一部分", "总体要求"),
            (4, "一、", "指导思想"),
            (5, "（一）", "坚持党的全面领导"),
            (1, "第二部分", "重点任务"),
            (4, "一、", "政治建设"),
            (2, "第三章", "组织保障"),
            (3, "第一节", "队伍建设"),
        ]
    );
    assert_eq!(o.sections.len(), 2);
    assert_eq!(o.sections[1].children.len(), 2, "一、政治建设 and 第三章 under 第二部分");
}

#[test]
fn traps_are_body_text() {
    let t = "\
关于做好当前工作的讲话

同志们：

今年以来，我们取得了显著成绩。

1.5万人参加了集中培训。

2024年以来，各项工作稳步推进。

一是加强学习，二是改进作风，三是严明纪律。

首先，要提高认识；其次，要狠抓落实。

一、二季度经济运行总体平稳。

《国家新型城镇化规划（2014—2020年）》

1.《中国共产党章程》

2.《关于新形势下党内政治生活的若干准则》

我们要按照（一）（二）（三）的顺序推进，一、二、三项任务同步落实。

3.14是圆周率。

10.1%的增长来之不易。

一、真正的标题

正文里提到第一章的内容。
";
    assert_eq!(flat(t), vec![h(1, "一、", "真正的标题", false)]);
}

#[test]
fn run_in_heading_ends_at_the_first_sentence_mark() {
    let t = "题目\n\n（一）坚持问题导向！要找准问题。\n\n（二）为什么要改革？因为……\n\n（三）结尾句号。\n";
    let o = parse(t);
    let chars: Vec<char> = t.chars().collect();
    let got: Vec<(String, bool, String)> = o
        .flat()
        .iter()
        .map(|s| (s.title.clone(), s.run_in, chars[s.start..s.heading_end].iter().collect()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("坚持问题导向！".into(), true, "（一）坚持问题导向！".into()),
            ("为什么要改革？".into(), true, "（二）为什么要改革？".into()),
            ("结尾句号".into(), false, "（三）结尾句号。".into()),
        ]
    );
}

#[test]
fn offsets_are_chars_and_tile_the_text() {
    let t = "标题\n\n前言。\n\n一、甲\n\n（一）乙。丙。\n\n（二）丁\n\n二、戊\n\n正文。";
    let o = parse(t);
    let n = t.chars().count();
    lectern_text::fuzz::check_tiling(&o.sections, 0, n, n);
    let s1 = &o.sections[0];
    assert_eq!((s1.start, s1.end), (9, 29));
    assert_eq!((s1.children[0].start, s1.children[0].end, s1.children[0].heading_end), (14, 23, 19));
    assert_eq!(o.section_at(16), Some(1));
    assert_eq!(o.section_at(2), None);
    assert_eq!(o.index_of_start(23), Some(2));
    // Serialises in the JSON shape.
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["title"], "标题");
    assert_eq!(json["sections"][0]["number"], "一、");
    assert_eq!(json["sections"][0]["start"], 9);
    assert_eq!(json["sections"][0]["children"][1]["title"], "丁");
}

#[test]
fn titles_are_given_with_full_width_punctuation() {
    let o = parse("一、提高认识,把握好(三个)关系:要点\n");
    assert_eq!(o.sections[0].title, "提高认识，把握好（三个）关系：要点");
}

#[test]
fn empty_and_headingless_texts() {
    assert_eq!(parse("").sections.len(), 0);
    assert_eq!(parse("").title, None);
    let o = parse("同志们：\n\n今天讲一讲。");
    assert_eq!((o.title, o.sections.len()), (None, 0));
}
