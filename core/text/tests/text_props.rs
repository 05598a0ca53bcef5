//! Properties of the text engine on generated lecture-shaped texts.

use proptest::prelude::*;

use lectern_text::edit::{self, Place, ProblemKind};
use lectern_text::ordinal::{chinese_numeral, detect, Style};
use lectern_text::outline::parse;
use lectern_text::punct::widen_punctuation;
use lectern_text::{clean, fuzz};

/// Han characters that are not numerals, so a generated title never starts
/// like `一、二季度`.
const HAN: &str = "党课学习坚持改革发展建设城乡融合推动新型人民群众作风纪律理想信念组织基层创新治理体系现代化高质量文化生态";

fn words(min: usize, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = HAN.chars().collect();
    prop::collection::vec(prop::sample::select(chars), min..max).prop_map(|v| v.into_iter().collect())
}

fn sentence() -> impl Strategy<Value = String> {
    (words(3, 10), prop::option::of(words(2, 8))).prop_map(|(a, b)| match b {
        Some(b) => format!("{a}，{b}。"),
        None => format!("{a}。"),
    })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|v| v.concat())
}

/// One heading in the generated tree: level 1–4, its title, an optional
/// run-in body and the paragraphs under it.
#[derive(Debug, Clone)]
struct Node {
    level: u8,
    title: String,
    run_in: Option<String>,
    body: Vec<String>,
}

fn node(level: u8) -> impl Strategy<Value = Node> {
    (words(2, 12), prop::option::of(paragraph()), prop::collection::vec(paragraph(), 0..2))
        .prop_map(move |(title, run_in, body)| Node { level, title, run_in, body })
}

/// A pre-order list of headings whose levels nest properly.
fn tree() -> impl Strategy<Value = Vec<Node>> {
    let l4 = prop::collection::vec(node(4), 0..3);
    let l3 = prop::collection::vec((node(3), l4), 0..3);
    let l2 = prop::collection::vec((node(2), l3), 0..4);
    let l1 = prop::collection::vec((node(1), l2), 1..5);
    l1.prop_map(|parts| {
        let mut out = Vec::new();
        for (p, subs) in parts {
            out.push(p);
            for (s, subsubs) in subs {
                out.push(s);
                for (x, leaves) in subsubs {
                    out.push(x);
                    out.extend(leaves);
                }
            }
        }
        out
    })
}

/// Writing choices: the form of each level and whether numbers are off.
#[derive(Debug, Clone)]
struct Writing {
    paren_full: bool,
    arabic_sep: usize,
    /// Per heading, a number offset (0 = correct).
    jitter: Vec<u32>,
}

fn writing() -> impl Strategy<Value = Writing> {
    (any::<bool>(), 0usize..3, prop::collection::vec(prop_oneof![6 => Just(0u32), 1 => 1u32..3], 64))
        .prop_map(|(paren_full, arabic_sep, jitter)| Writing { paren_full, arabic_sep, jitter })
}

fn ordinal(level: u8, n: u32, w: &Writing) -> String {
    let (o, c) = if w.paren_full { ("（", "）") } else { ("(", ")") };
    match level {
        1 => format!("{}、", chinese_numeral(n)),
        2 => format!("{o}{}{c}", chinese_numeral(n)),
        3 => format!("{n}{}", [".", "．", "、"][w.arabic_sep]),
        _ => format!("{o}{n}{c}"),
    }
}

/// Writes the lecture: title, salutation, introduction, then the headings
/// numbered under their parents (plus the jitter).
fn render(title: &str, intro: &[String], nodes: &[Node], w: &Writing) -> String {
    let mut paras = vec![title.to_string(), "同志们：".to_string()];
    paras.extend(intro.iter().cloned());
    let mut counters = [0u32; 5];
    for (i, n) in nodes.iter().enumerate() {
        let l = n.level as usize;
        counters[l] += 1;
        counters[l + 1..].iter_mut().for_each(|c| *c = 0);
        let num = counters[l] + w.jitter[i % w.jitter.len()];
        let mut head = format!("{}{}", ordinal(n.level, num, w), n.title);
        if let Some(r) = &n.run_in {
            head.push('。');
            head.push_str(r);
        }
        paras.push(head);
        paras.extend(n.body.iter().cloned());
    }
    paras.join("\n\n")
}

fn lecture() -> impl Strategy<Value = (String, Vec<Node>, Writing)> {
    (words(4, 16), prop::collection::vec(paragraph(), 0..3), tree(), writing())
        .prop_map(|(title, intro, nodes, w)| (render(&title, &intro, &nodes, &w), nodes, w))
}

/// The text without its ordinals and whitespace, as a sorted list of chars.
fn chars_without_ordinals(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let skip = detect(line).map(|o| o.title_start).unwrap_or(0);
        out.extend(line.chars().skip(skip).filter(|c| !c.is_whitespace()));
    }
    out.sort_unstable();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_outline_finds_every_heading_and_tiles_the_body((text, nodes, _w) in lecture()) {
        let o = parse(&text);
        let flat = o.flat();
        prop_assert_eq!(flat.len(), nodes.len());
        for (s, n) in flat.iter().zip(&nodes) {
            prop_assert_eq!(&s.title, &n.title);
            prop_assert_eq!(s.run_in, n.run_in.is_some());
        }
        let len = text.chars().count();
        fuzz::check_tiling(&o.sections, 0, len, len);
        // The first section starts after the title and introduction.
        prop_assert!(o.sections[0].start > 0);
    }

    #[test]
    fn renumbering_is_idempotent_and_fixes_the_numbers((text, nodes, w) in lecture()) {
        let once = edit::renumber(&text);
        prop_assert_eq!(edit::renumber(&once), once.clone());
        prop_assert!(edit::check(&once).iter().all(|p| !matches!(p.kind, ProblemKind::Gap | ProblemKind::Repeat | ProblemKind::OutOfOrder)));
        prop_assert_eq!(chars_without_ordinals(&once), chars_without_ordinals(&text));
        let correct = Writing { jitter: vec![0], ..w };
        let title = text.split("\n\n").next().unwrap();
        let intro: Vec<String> = text.split("\n\n").skip(2).take_while(|p| detect(p).is_none()).map(str::to_string).collect();
        prop_assert_eq!(once, render(title, &intro, &nodes, &correct));
    }

    #[test]
    fn moving_sections_keeps_every_character_but_ordinals(
        (text, _nodes, _w) in lecture(), pick in any::<prop::sample::Index>(), to in any::<prop::sample::Index>(), after in any::<bool>()
    ) {
        let text = edit::renumber(&text);
        let o = parse(&text);
        let flat = o.flat();
        let a = pick.index(flat.len());
        let same: Vec<usize> = (0..flat.len()).filter(|&i| flat[i].style == flat[a].style).collect();
        let b = same[to.index(same.len())];
        let place = if after { Place::After } else { Place::Before };
        let moved = edit::move_section(&text, a, b, place).unwrap();
        prop_assert_eq!(chars_without_ordinals(&moved), chars_without_ordinals(&text));
        let before: Vec<String> = flat.iter().map(|s| s.title.clone()).collect();
        let mut titles: Vec<String> = parse(&moved).flat().iter().map(|s| s.title.clone()).collect();
        prop_assert_eq!(titles.len(), before.len());
        titles.sort();
        let mut sorted = before.clone();
        sorted.sort();
        prop_assert_eq!(titles, sorted);
        prop_assert_eq!(edit::renumber(&moved), moved.clone());
        let n = moved.chars().count();
        fuzz::check_tiling(&parse(&moved).sections, 0, n, n);
    }

    #[test]
    fn promoting_and_demoting_keep_every_character_but_ordinals((text, _nodes, _w) in lecture(), pick in any::<prop::sample::Index>()) {
        let o = parse(&text);
        let n = o.flat().len();
        let i = pick.index(n);
        let s = o.flat()[i];
        let deepest = o.flat().iter().filter(|x| x.start >= s.start && x.start < s.end).map(|x| x.style).max().unwrap();
        prop_assert_eq!(edit::promote(&text, i).is_ok(), s.style != Style::Cn);
        prop_assert_eq!(edit::demote(&text, i).is_ok(), deepest != Style::ArabicParen);
        // Level 1 cannot be promoted, level 4 (or a section with level-4
        // children) cannot be demoted; every other edit succeeds.
        for t in [edit::promote(&text, i), edit::demote(&text, i)].into_iter().flatten() {
            prop_assert_eq!(chars_without_ordinals(&t), chars_without_ordinals(&text));
            prop_assert_eq!(parse(&t).flat().len(), n);
        }
    }

    #[test]
    fn cleaning_keeps_every_sentence_of_the_body(
        (text, _nodes, _w) in lecture(),
        head in prop::collection::vec(prop::sample::select(vec!["右侧显示信息", "广告位 后台主题配置管理", "网站首页 > 讲稿讲义 正文", "当前位置：首页 > 党建"]), 0..4),
        byline in any::<bool>(),
        tail in prop::collection::vec(prop::sample::select(vec!["联系我们", "付费复制 免费复制", "价格:2.99元", "扫一扫,支付¥2.99", "最近发表", "上一篇：党课讲稿", "版权所有 © 2024"]), 0..6),
        nbsp in any::<bool>(),
    ) {
        let mut paras: Vec<String> = text.split("\n\n").map(str::to_string).collect();
        if byline {
            paras.insert(1, "w227 2025-02-07 17:20:52 讲稿讲义 54 ℃".into());
        }
        let mut page: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        page.extend(paras.iter().cloned());
        if nbsp {
            page.push("\u{a0}\u{a0}".into());
        }
        page.extend(tail.iter().map(|s| s.to_string()));
        let raw = page.join("\r\n\r\n");
        let c = clean(&raw);
        for p in text.split("\n\n") {
            for s in widen_punctuation(p).split_inclusive('。') {
                prop_assert!(c.text.contains(s), "lost {}", s);
            }
        }
        prop_assert_eq!(c.title.as_str(), text.split("\n\n").next().unwrap());
        prop_assert_eq!(c.text, widen_punctuation(&text));
        for r in &c.removed {
            prop_assert!(!text.contains(r.as_str()), "removed a lecture line: {}", r);
        }
        prop_assert_eq!(c.removed.len(), head.len() + tail.len() + byline as usize);
        if byline {
            prop_assert_eq!(c.metadata.date.as_deref(), Some("2025-02-07"));
        }
    }
}
