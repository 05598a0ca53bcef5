//! Finding and telling lectures apart: search hits carry the date and 字数 and never show the
//! title again as their snippet, `#标签` filters by tag, and the list sorts by 最近修改, 标题, 字数.

use lectern_library::{Library, LectureSort, NewLecture};

fn add(lib: &Library, title: &str, body: &str, date: Option<&str>) -> i64 {
    lib.add(&NewLecture { title: title.into(), body: body.into(), date: date.map(str::to_string), ..Default::default() })
        .unwrap()
}

#[test]
fn hits_show_date_and_length_and_their_snippet_is_the_text_not_the_title() {
    let lib = Library::open_in_memory().unwrap();
    let id = add(
        &lib,
        "关于作风建设",
        "关于作风建设\n\n同志们：今天讲三个问题。作风问题关系人心向背。",
        Some("2025-03-01"),
    );
    let hits = lib.search("作风", 10).unwrap();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit.id, id);
    assert_eq!(hit.date.as_deref(), Some("2025-03-01"));
    assert_eq!(hit.char_count, lib.get(id).unwrap().char_count);
    assert!(hit.char_count > 20);
    // The body's first line is the title: the snippet starts with the text after it.
    assert!(!hit.snippet.contains("关于作风建设"), "{}", hit.snippet);
    assert!(hit.snippet.contains("«作风»问题"), "{}", hit.snippet);
    // A match only in the title: the snippet shows the start of the text.
    let hits = lib.search("关于", 10).unwrap();
    assert!(hits[0].snippet.starts_with("同志们"), "{}", hits[0].snippet);
}

#[test]
fn hash_tags_filter_the_list_and_the_hits() {
    let lib = Library::open_in_memory().unwrap();
    let a = add(&lib, "乡村振兴讲稿", "推进乡村振兴，建设美丽乡村。", None);
    let b = add(&lib, "城镇化讲稿", "推进新型城镇化，城乡融合发展。", None);
    let c = add(&lib, "党建讲稿", "推进全面从严治党。", None);
    lib.set_tags_line(a, "三农，乡村振兴").unwrap();
    lib.set_tags_line(b, "三农").unwrap();
    let ids = |q: &str| lib.search(q, 10).unwrap().iter().map(|h| h.id).collect::<Vec<_>>();
    let mut tagged = ids("#三农");
    tagged.sort();
    assert_eq!(tagged, vec![a, b]);
    assert_eq!(ids("＃三农 城镇化"), vec![b]);
    assert_eq!(ids("#三农 #乡村振兴"), vec![a]);
    assert_eq!(ids("推进").len(), 3);
    // A tag's name typed as a word: the lectures carrying it, though their text lacks it.
    let mut by_word = ids("三农");
    by_word.sort();
    assert_eq!(by_word, vec![a, b]);
    assert!(ids("三农 城镇化").is_empty(), "two words: the text must hold both");
    assert!(ids("#没有的标签").is_empty());
    assert!(ids("#三农 从严治党").is_empty(), "{c} has no tag 三农");
    let hit = &lib.search("#乡村振兴", 10).unwrap()[0];
    assert_eq!(hit.tags, vec!["三农".to_string(), "乡村振兴".to_string()]);
    assert!(hit.snippet.starts_with("推进乡村振兴"), "{}", hit.snippet);
    lib.delete(a).unwrap();
    assert_eq!(ids("#乡村振兴"), Vec::<i64>::new(), "the trash is not searched");
}

#[test]
fn the_list_sorts_by_recent_change_title_or_length() {
    let lib = Library::open_in_memory().unwrap();
    let short = add(&lib, "乙 短稿", "同志们。", None);
    let long = add(&lib, "甲 长稿", &"同志们，要加强学习。".repeat(20), None);
    let middle = add(&lib, "丙 中稿", &"同志们，要加强学习。".repeat(5), None);
    lib.update_body(short, "同志们，好。").unwrap();
    let ids = |s: LectureSort| lib.list_sorted(s).unwrap().iter().map(|l| l.id).collect::<Vec<_>>();
    let recent = lib.list_sorted(LectureSort::Recent).unwrap();
    assert!(recent.windows(2).all(|w| w[0].updated_at >= w[1].updated_at), "the most recently changed first");
    assert_eq!(ids(LectureSort::Length), vec![long, middle, short]);
    let by_title: Vec<String> = lib.list_sorted(LectureSort::Title).unwrap().into_iter().map(|l| l.title).collect();
    // 拼音 order (bǐng, jiǎ, yǐ), not code point order (丙 U+4E19, 乙 U+4E59, 甲 U+7532).
    assert_eq!(by_title, ["丙 中稿", "甲 长稿", "乙 短稿"]);
    for t in ["中国式现代化", "北京精神", "安徽经验"] {
        add(&lib, t, "同志们。", None);
    }
    let by_title: Vec<String> = lib.list_sorted(LectureSort::Title).unwrap().into_iter().map(|l| l.title).collect();
    assert_eq!(by_title, ["安徽经验", "北京精神", "丙 中稿", "甲 长稿", "乙 短稿", "中国式现代化"]);
    // A new lecture, still 未命名讲稿 (wèi), goes last, not among the w's.
    let untitled = lib.create("").unwrap();
    add(&lib, "无限风光", "同志们。", None);
    let by_title: Vec<i64> = lib.list_sorted(LectureSort::Title).unwrap().into_iter().map(|l| l.id).collect();
    assert_eq!(by_title.last(), Some(&untitled));
    assert_eq!(lib.list().unwrap().iter().map(|l| l.id).collect::<Vec<_>>(), ids(LectureSort::Recent));
}

#[test]
fn a_pasted_clipping_names_an_untitled_lecture_only() {
    let lib = Library::open_in_memory().unwrap();
    let id = lib.create("").unwrap();
    assert_eq!(lib.get(id).unwrap().title, "未命名讲稿");
    let version = lib.get(id).unwrap().version;
    let adopted = lib.adopt_title(id, " 党课：坚持以新型城镇化引领 ").unwrap().expect("adopted");
    assert_eq!(adopted.title, "党课：坚持以新型城镇化引领");
    let lecture = lib.get(id).unwrap();
    assert_eq!(lecture.title, "党课：坚持以新型城镇化引领");
    assert!(lecture.version > version, "a new title is a new version");
    assert_eq!(adopted.version, lecture.version, "the version after the change is answered with it");
    assert_eq!(lib.search("城镇化", 10).unwrap()[0].id, id, "the new title is searchable");
    // Named now: a second paste does not rename it; nor does an empty title.
    assert_eq!(lib.adopt_title(id, "另一个标题").unwrap(), None);
    assert_eq!(lib.adopt_title(lib.create("").unwrap(), "  ").unwrap(), None);
    assert_eq!(lib.get(id).unwrap().title, "党课：坚持以新型城镇化引领");
    // A rename answers the version it made, as the editor's next save must name it.
    let renamed = lib.set_title(id, "党课：城乡融合").unwrap();
    assert!(renamed > adopted.version);
    assert_eq!(renamed, lib.get(id).unwrap().version);
}
