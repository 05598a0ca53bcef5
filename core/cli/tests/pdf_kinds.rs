//! The attendee handout, the outline sheet and the large-print preset: each
//! PDF is opened and checked with its own line counts.

mod pdf_support;

use pdf_support::*;

fn lecture() -> String {
    lecture_path().to_str().unwrap().to_string()
}

#[test]
fn the_handout_has_speaker_date_place_questions_and_a_ruled_notes_area() {
    let l = lecture();
    let (pdf, report) = export(
        "handout",
        &[
            &l,
            "--kind",
            "handout",
            "--speaker",
            "张建国",
            "--date",
            "2025年3月5日",
            "--place",
            "局机关三楼会议室",
            "--question",
            "新型城镇化对城乡融合发展有什么牵引作用？",
            "--question",
            "结合本单位实际，谈谈如何促进城乡要素双向流动。",
        ],
    );
    assert!(report.contains("学习材料"), "{report}");
    let pages = read_pdf(&pdf);
    check_pages(&pages, GBT9704);
    check_fonts_subset(&pdf);
    let text = extracted_text(&pdf);
    // Title, then the line with speaker, date and place, then the whole text.
    let meta = squash("主讲人：张建国时间：2025年3月5日地点：局机关三楼会议室");
    let title = squash("党课：坚持以新型城镇化引领推动城乡融合发展");
    assert!(text.starts_with(&format!("{title}{meta}")), "{}", &text[..200]);
    let body = squash(&lecture_text());
    let body = body.strip_prefix(&title).unwrap();
    let after_meta = &text[title.len() + meta.len()..];
    assert!(after_meta.starts_with(body), "the full text follows the metadata line");
    // Study questions, numbered, then the notes area.
    let rest = &after_meta[body.len()..];
    assert_eq!(
        rest,
        squash("思考题1．新型城镇化对城乡融合发展有什么牵引作用？2．结合本单位实际，谈谈如何促进城乡要素双向流动。学习笔记")
    );
    // The notes area: ruled lines across the type area, on the grid, after 学习笔记.
    let last = pages.last().unwrap();
    assert!(last.rules.len() >= 6, "{} ruled lines", last.rules.len());
    let label_y = last.lines().iter().find(|l| l.text().contains("学习笔记")).unwrap().y();
    for (x0, x1, y) in &last.rules {
        assert!((x0 - LEFT).abs() < 0.5 && (x1 - RIGHT).abs() < 0.5, "rule from {x0} to {x1}");
        assert!(*y > label_y && *y <= BOTTOM + 0.5);
    }
    let lines_and_rules = last.lines().iter().filter(|l| l.y() <= BOTTOM).count() + last.rules.len();
    assert!(lines_and_rules <= 22);
    assert_eq!(pdfinfo(&pdf)["Author"], "张建国");
}

#[test]
fn the_outline_has_the_title_and_headings_only_each_with_ruled_lines() {
    let l = lecture();
    let (pdf, _) = export("outline", &[&l, "--kind", "outline"]);
    let pages = read_pdf(&pdf);
    check_pages(&pages, GBT9704);
    check_fonts_subset(&pdf);
    let text = extracted_text(&pdf);
    let headings: Vec<String> = lecture_text()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| p.starts_with('（') || (p.chars().next().is_some_and(|c| "一二三四".contains(c)) && p.contains('、')))
        .map(|p| match p.find('。') {
            Some(i) => p[..i + '。'.len_utf8()].to_string(),
            None => p.to_string(),
        })
        .collect();
    assert_eq!(headings.len(), 3 + 11, "{headings:?}");
    let expected = squash(&format!("党课：坚持以新型城镇化引领推动城乡融合发展{}", headings.concat()));
    assert_eq!(text, expected);
    // Each heading is followed by ruled lines: three after 一、, two after （一）.
    let rules: usize = pages.iter().map(|p| p.rules.len()).sum();
    assert_eq!(rules, 3 * 3 + 11 * 2);
    for p in &pages {
        let lines = p.lines().iter().filter(|l| l.y() <= BOTTOM).count();
        assert!(lines + p.rules.len() <= 22);
        // A heading is never the last thing on a page: a rule comes after it.
        let last_text = p.lines().iter().filter(|l| l.y() <= BOTTOM).map(|l| l.y()).fold(0.0, f32::max);
        let last_rule = p.rules.iter().map(|r| r.2).fold(0.0, f32::max);
        assert!(last_rule > last_text, "a page ends with a heading");
        // A heading's ruled lines stay with it: no page starts with a rule.
        let first_text = p.lines().iter().map(|l| l.y()).fold(f32::MAX, f32::min);
        let first_rule = p.rules.iter().map(|r| r.2).fold(f32::MAX, f32::min);
        assert!(first_text < first_rule, "a page starts with ruled lines");
    }
}

#[test]
fn large_print_sets_20_pt_on_a_22_by_16_grid() {
    let l = lecture();
    let (pdf, report) = export("large", &[&l, "--preset", "large-print"]);
    assert!(report.contains("large-print"), "{report}");
    let pages = read_pdf(&pdf);
    check_pages(&pages, LARGE_PRINT);
    check_fonts_subset(&pdf);
    assert_eq!(extracted_text(&pdf), squash(&lecture_text()));
    let body: Vec<TextLine> = pages[1].lines().into_iter().filter(|l| l.y() <= BOTTOM).collect();
    assert!(body.len() >= 15, "a full page holds {} lines", body.len());
    assert!(body.iter().all(|l| (l.size() - 20.0).abs() < 0.01));
    let pitch_v = body[1].y() - body[0].y();
    assert!(pitch_v >= 39.0, "line pitch {pitch_v}");
    // Full lines hold 22 characters; paragraphs are indented two of them.
    let p = pitch(LARGE_PRINT);
    assert!(body.iter().any(|l| (l.cells(p) - 22.0).abs() < 0.05 && l.glyphs.len() == 22));
    assert!(body.iter().any(|l| (l.x0() - (LEFT + 2.0 * p)).abs() < 0.3));
    // More pages than the 16 pt copy.
    assert!(pages.len() >= 12, "{} pages", pages.len());
}

#[test]
fn a_lecture_in_the_library_exports_by_its_number() {
    use lectern_library::{Library, LectureInfo, NewLecture};
    let db = work_dir().join("library-export.db");
    let lib = Library::open(&db).unwrap();
    let body = lecture_text();
    let title = "党课：坚持以新型城镇化引领推动城乡融合发展";
    let id = lib.add(&NewLecture { title: title.into(), body: body.clone(), ..Default::default() }).unwrap();
    lib.set_info(id, &LectureInfo { title: title.into(), speaker: Some("李明".into()), ..Default::default() }).unwrap();
    drop(lib);
    let out = work_dir().join("from-library.pdf");
    let mut c = lectern();
    c.arg("--db").arg(&db).args(["export", &id.to_string(), "--kind", "handout", "-o"]).arg(&out);
    let o = run(c);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pages = read_pdf(&out);
    check_pages(&pages, GBT9704);
    let text = extracted_text(&out);
    // The speaker recorded in the library is printed and is the PDF's author.
    assert!(text.contains(&squash("主讲人：李明")), "{}", &text[..120]);
    assert!(text.contains(&squash(&body).replacen(&squash(title), "", 1)));
    assert_eq!(pdfinfo(&out)["Author"], "李明");
    // A number that is not in the library is an error naming it.
    let mut c = lectern();
    c.arg("--db").arg(&db).args(["export", "9999", "-o"]).arg(work_dir().join("none.pdf"));
    let o = run(c);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("9999"), "{}", String::from_utf8_lossy(&o.stderr));
}
