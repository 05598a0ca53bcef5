//! A web clipping of several pages: the site's lines (付费复制, 扫码, share bars, the
//! `w227 2025-02-07 …` byline, the page's title) stand again between the pages. Cleaning drops
//! them wherever they stand and keeps every sentence of the lecture.

use std::path::Path;

use proptest::prelude::*;

use lectern_text::clean;
use lectern_text::clean::ends_sentence;

fn clipping() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/web-clip-lecture.txt");
    std::fs::read_to_string(path).unwrap()
}

/// The clipping's head (the site before `同志们`), its lecture lines, and its tail (from `联系我们`).
fn parts(raw: &str) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    let lines: Vec<&str> = raw.lines().collect();
    let body = lines.iter().position(|l| l.trim().starts_with("同志们")).unwrap();
    let tail = lines.iter().rposition(|l| l.trim() == "联系我们").unwrap();
    (lines[..body].to_vec(), lines[body..tail].to_vec(), lines[tail..].to_vec())
}

/// The same lecture clipped as three pages: the tail of one page and the head of the next stand
/// between them, after the 10th and the 25th lecture line.
fn three_pages(raw: &str) -> String {
    let (head, body, tail) = parts(raw);
    let between: Vec<&str> = tail.iter().chain(&head).copied().collect();
    let mut out: Vec<&str> = head.clone();
    let mut seen = 0;
    for line in body {
        out.push(line);
        if !line.trim().is_empty() {
            seen += 1;
            if seen == 10 || seen == 25 {
                out.push("");
                out.extend(&between);
                out.push("分享到： 微信 微博 QQ空间");
            }
        }
    }
    out.extend(&tail);
    out.join("\n")
}

#[test]
fn furniture_repeated_between_pages_goes_and_the_lecture_stays_whole() {
    let raw = clipping();
    let one = clean(&raw);
    let three = clean(&three_pages(&raw));
    assert_eq!(three.title, one.title);
    assert_eq!(three.metadata, one.metadata);
    // Every paragraph of the one-page cleaning, and nothing else, in the same order.
    assert_eq!(three.text, one.text);
    for furniture in ["付费复制", "扫码", "w227", "网站首页", "分享到", "广告位", "2.99元", "验证码", "最近发表"] {
        assert!(!three.text.contains(furniture), "{furniture} left in the text");
        assert!(three.removed.iter().any(|r| r.contains(furniture)), "{furniture} not listed as removed");
    }
    // The title stands once, as the first paragraph.
    assert_eq!(three.text.matches(&three.title).count(), one.text.matches(&one.title).count());
}

#[test]
fn a_lecture_line_that_names_the_site_s_words_stays() {
    let raw = clipping();
    let (head, body, tail) = parts(&raw);
    let prose = ["我们要推广扫码支付，方便群众办事。", "付费复制这种做法，不是我们提倡的！", "“本站”二字，出自某网站首页。”"];
    let mut lines: Vec<&str> = head.clone();
    lines.extend(&body[..6]);
    for p in prose {
        lines.extend([p, "", p, ""]);
    }
    lines.extend(&tail);
    lines.extend(&head);
    lines.extend(&body[6..]);
    lines.extend(&tail);
    let c = clean(&lines.join("\n"));
    for p in prose {
        assert_eq!(c.text.matches(p).count(), 2, "{p} lost: {:?}", c.removed);
    }
}

/// Lines of the site, as a clipping repeats them.
const FURNITURE: &[&str] = &[
    "联系我们",
    "付费后若不能复制,请刷新页面重试。 如有问题,再加客服微信。 工作日上午8:30-11:30 14:30-17:30",
    "免费复制",
    "微信扫码领取验证码",
    "付费复制 免费复制 付费复制",
    "价格:2.99元",
    "扫一扫,支付¥2.99",
    "w227 2025-02-07 17:20:52 讲稿讲义 54 ℃",
    "广告位 后台主题配置管理",
    "网站首页 > 讲稿讲义 正文",
    "分享到： 微信 微博 QQ空间",
];

/// A sentence-ending line of lecture prose, sometimes with the site's words in it.
fn prose() -> impl Strategy<Value = String> {
    let starts = prop::sample::select(vec!["我们要", "各级党组织", "同志们，", "要坚持", "第一，", "必须"]);
    let middles = prop::sample::select(vec![
        "推进城乡融合发展", "扫码", "付费复制", "本站", "首页", "来源：人民日报", "版权所有", "2025-02-07 17:20 发布",
        "联系我们", "分享到", "广告位", "价格", "w227",
    ]);
    let ends = prop::sample::select(vec!["。", "！", "？", "……", "。”", "？”"]);
    (starts, prop::collection::vec(middles, 1..4), ends).prop_map(|(s, m, e)| format!("{s}{}，落到实处{e}", m.join("、")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_sentence_ending_line_of_lecture_prose_is_ever_removed(
        pieces in prop::collection::vec(
            prop_oneof![prose().prop_map(Ok), prop::sample::select(FURNITURE.to_vec()).prop_map(Err)],
            1..40,
        ),
    ) {
        let raw = clipping();
        let (head, _, tail) = parts(&raw);
        let mut lines: Vec<String> = head.iter().map(|l| l.to_string()).collect();
        lines.push("同志们：".into());
        let mut expected = Vec::new();
        for p in &pieces {
            match p {
                Ok(line) => {
                    expected.push(line.clone());
                    lines.push(line.clone());
                }
                Err(f) => lines.push(f.to_string()),
            }
            lines.push(String::new());
        }
        lines.push("以上是我的几点体会，与大家共勉。".into());
        lines.extend(tail.iter().map(|l| l.to_string()));
        let c = clean(&lines.join("\n"));
        let kept: Vec<&str> = c.text.split("\n\n").collect();
        for line in &expected {
            prop_assert!(ends_sentence(line));
            prop_assert!(kept.contains(&line.as_str()), "lost {line:?}; removed {:?}", c.removed);
        }
        prop_assert_eq!(kept.iter().filter(|k| expected.contains(&k.to_string())).count(), expected.len());
    }
}
