//! The closing remarks (结束语): recognised after the last section, shown as
//! an unnumbered outline entry, and kept last whatever section moves.

use proptest::prelude::*;

use lectern_text::edit::{self, Place};
use lectern_text::outline::{self, parse};

const CLOSING: &str = "同志们，新征程上，让我们更加紧密地团结起来，为全面建设社会主义现代化国家而努力奋斗！";

fn lecture(closing: &str) -> String {
    format!(
        "关于推进城乡融合发展的几点思考\n\n同志们：\n\n今天和大家交流三个问题。\n\n一、深刻认识重大意义\n\n第一部分的正文。\n\n二、准确把握基本要求\n\n第二部分的正文。\n\n三、扎实推进重点任务\n\n（一）抓好规划。规划的正文。\n\n（二）抓好落实\n\n落实的正文。\n\n{closing}"
    )
}

fn numbered(text: &str) -> Vec<String> {
    outline::parse(text).sections.iter().map(|s| format!("{}{}", s.number, s.title)).collect()
}

#[test]
fn a_closing_after_the_last_section_is_its_own_entry() {
    let t = lecture(CLOSING);
    let o = parse(&t);
    let c = o.closing.as_ref().expect("the 同志们，……让我们……奋斗！ paragraph is the closing");
    assert_eq!(c.title, "结束语");
    let chars: Vec<char> = t.chars().collect();
    let closing: String = chars[c.start..c.end].iter().collect();
    assert_eq!(closing, CLOSING);
    // The last part and its last subsection stop where the closing begins.
    let last = o.sections.last().unwrap();
    assert_eq!(last.end, c.start);
    assert_eq!(last.children.last().unwrap().end, c.start);
    assert_eq!(o.sections.len(), 3, "the closing is not numbered among the parts");
}

#[test]
fn the_formulas_of_a_closing() {
    for closing in [
        "以上是我的几点体会，与大家共勉。",
        "以上就是我今天讲的主要内容。\n\n谢谢大家！",
        "总之，推进城乡融合发展任重道远。",
        "最后，让我们以更加昂扬的精神状态投入工作。",
        "今天就讲到这里。谢谢大家。",
    ] {
        let t = lecture(closing);
        let c = parse(&t).closing.unwrap_or_else(|| panic!("{closing} is a closing"));
        assert_eq!(t.chars().skip(c.start).collect::<String>(), closing);
    }
    // A closing of two paragraphs whose second has no formula.
    let t = lecture("同志们，让我们携手奋进。\n\n谢谢。");
    let c = parse(&t).closing.unwrap();
    assert_eq!(t.chars().skip(c.start).collect::<String>(), "同志们，让我们携手奋进。\n\n谢谢。");
}

#[test]
fn a_last_paragraph_that_only_addresses_the_audience_mid_argument_is_body() {
    // 同志们 opening an ordinary paragraph of the argument: no exhortation, no thanks.
    for last in [
        "同志们，这个问题不解决，基层就会失去群众的信任，我们必须正视它。",
        "落实的第二段正文，说到同志们的作风问题。",
        // A formula three paragraphs from the end is not a closing.
        "以上是我的几点体会。\n\n又一段正文。\n\n再一段正文。",
    ] {
        let t = lecture(last);
        let o = parse(&t);
        assert_eq!(o.closing, None, "{last} is the last section's body");
        assert_eq!(o.sections.last().unwrap().end, t.chars().count());
    }
    // No headings, no outline to keep a closing after.
    assert_eq!(parse("题目\n\n正文。\n\n以上是我的几点体会，与大家共勉。").closing, None);
}

#[test]
fn moving_the_last_part_up_leaves_the_closing_at_the_end() {
    let t = lecture("以上是我的几点体会，与大家共勉。");
    let flat = parse(&t).flat().len();
    // The last part is flat index 2 (一 0, 二 1, 三 2, (一) 3, (二) 4).
    assert_eq!(flat, 5);
    let moved = edit::move_section(&t, 2, 0, Place::Before).unwrap();
    assert!(moved.ends_with("落实的正文。\n\n二、深刻认识重大意义\n\n第一部分的正文。\n\n三、准确把握基本要求\n\n第二部分的正文。\n\n以上是我的几点体会，与大家共勉。"), "{moved}");
    assert_eq!(numbered(&moved), ["一、扎实推进重点任务", "二、深刻认识重大意义", "三、准确把握基本要求"]);
    assert!(parse(&moved).closing.is_some());
}

#[test]
fn moving_a_part_after_the_last_keeps_it_before_the_closing() {
    let t = lecture(CLOSING);
    let moved = edit::move_section(&t, 0, 2, Place::After).unwrap();
    assert!(moved.ends_with(&format!("三、深刻认识重大意义\n\n第一部分的正文。\n\n{CLOSING}")), "{moved}");
    // A subsection moved after the last one stays before the closing too.
    let sub = edit::move_section(&t, 3, 4, Place::After).unwrap();
    assert!(sub.ends_with(&format!("（二）抓好规划。规划的正文。\n\n{CLOSING}")), "{sub}");
}

const HAN: &str = "党课学习坚持改革发展建设城乡融合推动新型人民群众作风纪律理想信念组织基层创新治理体系现代化高质量文化生态";

fn words(min: usize, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = HAN.chars().collect();
    prop::collection::vec(prop::sample::select(chars), min..max).prop_map(|v| v.into_iter().collect())
}

const NUMS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// A lecture of 1–6 parts, each with 0–3 subsections and 0–2 paragraphs,
/// ending with one of the closings.
fn generated() -> impl Strategy<Value = (String, String)> {
    let part = (words(2, 8), prop::collection::vec(words(4, 20), 0..3), prop::collection::vec((words(2, 8), any::<bool>()), 0..4));
    let closings = prop::sample::select(vec![
        CLOSING.to_string(),
        "以上是我的几点体会，与大家共勉。".to_string(),
        "以上就是我今天讲的内容。\n\n谢谢大家！".to_string(),
    ]);
    (prop::collection::vec(part, 1..7), closings).prop_map(|(parts, closing)| {
        let mut t = String::from("题目\n\n同志们：\n\n开场的话。");
        for (i, (title, body, subs)) in parts.iter().enumerate() {
            t += &format!("\n\n{}、{}", NUMS[i], title);
            for b in body {
                t += &format!("\n\n{b}。");
            }
            for (j, (s, run_in)) in subs.iter().enumerate() {
                let sep = if *run_in { "。" } else { "\n\n" };
                t += &format!("\n\n（{}）{s}{sep}{s}的正文。", NUMS[j]);
            }
        }
        t += "\n\n";
        t += &closing;
        (t, closing)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn moves_keep_the_closing_last(
        (text, closing) in generated(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 1..6),
    ) {
        let o = parse(&text);
        prop_assert_eq!(o.closing.as_ref().map(|c| text.chars().skip(c.start).collect::<String>()), Some(closing.clone()));
        let mut t = text;
        for (a, b, after) in picks {
            let flat = parse(&t).flat().into_iter().map(|s| s.style).collect::<Vec<_>>();
            let i = a.index(flat.len());
            // A target of the same level, so the move is made.
            let same: Vec<usize> = (0..flat.len()).filter(|&j| flat[j] == flat[i]).collect();
            let j = same[b.index(same.len())];
            t = edit::move_section(&t, i, j, if after { Place::After } else { Place::Before }).unwrap();
            prop_assert!(t.ends_with(&format!("\n\n{closing}")), "the closing stays last: {}", t);
            let o = parse(&t);
            let c = o.closing.as_ref();
            prop_assert_eq!(c.map(|c| t.chars().skip(c.start).collect::<String>()), Some(closing.clone()));
            prop_assert_eq!(o.sections.last().map(|s| s.end), c.map(|c| c.start));
            prop_assert_eq!(t.matches(closing.as_str()).count(), 1);
        }
    }
}
