//! Issue 13, item 10 in the PDF: a short block (思考题) is not split across
//! pages when it fits on one, and the export report says in a sentence which
//! preset face is not installed and what was used instead.

mod pdf_support;

use pdf_support::*;

const QUESTIONS: [&str; 4] = [
    "新型城镇化对城乡融合发展有什么牵引作用？",
    "结合本单位实际，谈谈如何促进城乡要素双向流动。",
    "怎样把农业转移人口市民化落到实处？",
    "县城在城乡融合中处在什么位置？",
];

/// A lecture of `n` one-line paragraphs, so the study questions start `n`
/// lines into the body.
fn short_lecture(n: usize) -> std::path::PathBuf {
    let mut t = String::from("关于城乡融合发展的学习材料");
    for k in 0..n {
        t += &format!("\n\n第{k}段正文，讲城乡融合。");
    }
    let p = work_dir().join(format!("short-{n}.txt"));
    std::fs::write(&p, t).unwrap();
    p
}

#[test]
fn the_study_questions_are_not_split_across_pages() {
    let mut straddled = 0;
    // The questions start near the bottom of page 1 for each of these lengths:
    // the 5 lines (label and 4 questions) would cross the page end for most.
    for n in 14..=20 {
        let l = short_lecture(n);
        let mut args = vec![l.to_str().unwrap().to_string(), "--kind".into(), "handout".into()];
        for q in QUESTIONS {
            args.extend(["--question".to_string(), q.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (pdf, _) = export(&format!("questions-{n}"), &args);
        let pages = read_pdf(&pdf);
        check_pages(&pages, GBT9704);
        let lines = flow(&pages);
        let label = lines.iter().position(|f| f.line.text() == "思考题").expect("the 思考题 label");
        let block = &lines[label..label + 1 + QUESTIONS.len()];
        for (f, q) in block[1..].iter().zip(1..) {
            assert!(f.line.text().starts_with(&format!("{q}．")), "n = {n}: {}", f.line.text());
        }
        let page = block[0].page;
        assert!(block.iter().all(|f| f.page == page), "n = {n}: the questions are split across pages {:?}", block.iter().map(|f| f.page + 1).collect::<Vec<_>>());
        // The block moved to the next page where the page before had room for part of it.
        if page > 0 && lines[label - 1].page == page - 1 {
            let on_prev = lines.iter().filter(|f| f.page == page - 1).count();
            if on_prev < GBT9704.lines_per_page {
                straddled += 1;
            }
        }
    }
    assert!(straddled > 0, "no length put the questions across a page end");
}

#[test]
fn the_report_says_which_preset_face_is_missing_and_what_stands_in() {
    // What this machine uses for the title.
    let mut c = lectern();
    c.args(["fonts", "--json"]);
    let o = run(c);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let title = v["roles"][0]["family"].as_str().unwrap().to_string();
    assert_ne!(title, "方正小标宋简体", "this test needs a machine without 方正小标宋简体");
    let l = lecture_path();
    let (_, report) = export("report-faces", &[l.to_str().unwrap()]);
    let sentence = format!("方正小标宋简体未安装，标题改用 {title}");
    assert!(report.lines().any(|line| line.trim() == format!("标题：{sentence}")), "{report}");
    // The body's sentence too, when 仿宋_GB2312 is missing.
    let body = v["roles"][5]["family"].as_str().unwrap();
    if body != "仿宋_GB2312" {
        assert!(report.contains(&format!("仿宋_GB2312未安装，正文改用 {body}")), "{report}");
    }
}
