//! From a cleaned lecture text and its outline to the [`Document`] the layout engine sets.

use lectern_text::outline::{self, Outline};

use super::model::{Block, Document, Meta};

/// Builds the document from a cleaned text (one paragraph per line, blank
/// lines between) and its title, with the outline the text engine reads from
/// the ordinals ([`lectern_text::outline::parse`]).
///
/// The first paragraph is dropped when it is the title; a line right under
/// it that says where the lecture was given (`——在……上的讲话`) is the
/// subtitle ([`is_subtitle`]); a short line ending in `：` that addresses the
/// audience (`同志们：`, `各位领导、同志们：`) before the first heading and the
/// first body paragraph is a salutation ([`is_salutation`]). A heading paragraph keeps its
/// ordinal as written; for a run-in heading only the ordinal and the heading
/// sentence (up to the outline's `heading_end`) take the heading face, and
/// the rest of the paragraph is body text.
pub fn document_from_text(title: &str, text: &str, meta: Meta) -> Document {
    let outline: Outline = outline::parse(text);
    let chars: Vec<char> = text.chars().collect();
    let sections = outline.flat();
    let slice = |a: usize, b: usize| -> String { chars[a.min(chars.len())..b.min(chars.len())].iter().collect() };
    let mut blocks: Vec<Block> = Vec::new();
    let mut subtitle = None;
    let mut first_content = true;
    let mut start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        let (line_start, line_end) = (start, start + len);
        start = line_end + 1;
        let para = line.trim();
        if para.is_empty() {
            continue;
        }
        if first_content {
            first_content = false;
            let as_title = outline.title.as_deref().unwrap_or(title);
            if para == title.trim() || para == as_title.trim() {
                continue;
            }
        }
        let heading = sections.iter().find(|s| s.start >= line_start && s.start < line_end.max(line_start + 1));
        match heading {
            Some(s) => {
                let number = slice(s.number_start, s.title_start).trim().to_string();
                let heading_end = s.heading_end.clamp(s.title_start, line_end);
                let heading = slice(s.title_start, heading_end).trim().to_string();
                let rest = slice(heading_end, line_end).trim().to_string();
                blocks.push(Block::Heading { level: s.level, number, heading, rest });
            }
            None if blocks.is_empty() && subtitle.is_none() && is_subtitle(para) => subtitle = Some(para.to_string()),
            None if opening(&blocks) && is_salutation(para, blocks.is_empty()) => {
                blocks.push(Block::Salutation(para.to_string()));
            }
            None => blocks.push(Block::Paragraph(para.to_string())),
        }
    }
    Document { title: title.trim().to_string(), subtitle, meta, blocks, questions: Vec::new() }
}

/// Whether the body has not begun: no heading, no salutation, and nothing
/// longer than a byline or a date line (`（2024年7月1日）`) so far.
fn opening(blocks: &[Block]) -> bool {
    blocks.iter().all(|b| matches!(b, Block::Paragraph(t) if t.chars().count() <= 40))
}

/// A subtitle under the title: `——在全局党课上的讲话` (one or two dashes,
/// em dashes or their lookalikes), or `（在……上的讲话）` in brackets.
pub fn is_subtitle(para: &str) -> bool {
    let p = para.trim();
    let n = p.chars().count();
    if !(3..=60).contains(&n) {
        return false;
    }
    if p.starts_with(['—', '─', '―']) || p.starts_with("--") {
        return true;
    }
    let inner = p.strip_prefix(['（', '(']).and_then(|r| r.strip_suffix(['）', ')']));
    inner.is_some_and(|i| i.starts_with('在') && ["讲话", "发言", "党课", "报告", "致辞", "辅导"].iter().any(|w| i.ends_with(w)))
}

/// A salutation: a short line ending in a colon that addresses the audience
/// (`同志们：`, `各位领导、同志们：`, `尊敬的各位来宾：`). The very first line
/// of the body may be any short line ending in a colon, as before.
pub fn is_salutation(para: &str, first: bool) -> bool {
    let p = para.trim();
    let Some(head) = p.strip_suffix(['：', ':']) else { return false };
    let n = p.chars().count();
    if first && n <= 12 {
        return true;
    }
    const ADDRESS: [&str; 12] = ["同志", "朋友", "领导", "来宾", "大家", "各位", "代表", "老师", "同学", "女士", "先生", "党员"];
    n <= 20 && !head.contains(['。', '，', '；', '？', '！']) && ADDRESS.iter().any(|w| head.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        document_from_text("题目", text, Meta::default())
    }

    #[test]
    fn title_salutation_headings_and_paragraphs() {
        let d = doc("题目\n\n同志们：\n\n开场白。\n\n一、深刻领会重大意义\n\n（一）有利于塑造关系。如何处理好关系。\n\n1.5万人参加。\n\n2．加强队伍建设\n\n（2）完善考核办法");
        assert_eq!(d.blocks[0], Block::Salutation("同志们：".into()));
        assert_eq!(d.blocks[1], Block::Paragraph("开场白。".into()));
        assert_eq!(
            d.blocks[2],
            Block::Heading { level: 1, number: "一、".into(), heading: "深刻领会重大意义".into(), rest: String::new() }
        );
        assert_eq!(
            d.blocks[3],
            Block::Heading {
                level: 2,
                number: "（一）".into(),
                heading: "有利于塑造关系。".into(),
                rest: "如何处理好关系。".into()
            }
        );
        // A number is not an ordinal.
        assert_eq!(d.blocks[4], Block::Paragraph("1.5万人参加。".into()));
        assert!(matches!(&d.blocks[5], Block::Heading { level: 3, number, .. } if number == "2．"));
        assert!(matches!(&d.blocks[6], Block::Heading { level: 4, number, .. } if number == "（2）"));
    }

    #[test]
    fn a_subtitle_under_the_title_is_not_body_text() {
        let d = doc("题目\n\n——在全局2024年度专题党课上的讲话\n\n同志们：\n\n开场白。");
        assert_eq!(d.subtitle.as_deref(), Some("——在全局2024年度专题党课上的讲话"));
        assert_eq!(d.blocks[0], Block::Salutation("同志们：".into()));
        assert_eq!(d.blocks[1], Block::Paragraph("开场白。".into()));
        let d = doc("题目\n\n（在市委理论学习中心组集体学习会上的发言）\n\n各位领导、同志们：\n\n开场白。");
        assert_eq!(d.subtitle.as_deref(), Some("（在市委理论学习中心组集体学习会上的发言）"));
        assert_eq!(d.blocks[0], Block::Salutation("各位领导、同志们：".into()));
        // A dash further down is not a subtitle.
        let d = doc("题目\n\n开场白。\n\n——这是一段引文。");
        assert_eq!(d.subtitle, None);
        assert_eq!(d.blocks[1], Block::Paragraph("——这是一段引文。".into()));
    }

    #[test]
    fn the_salutation_is_found_after_a_byline_but_not_inside_the_body() {
        // A title the caller names differently, then a date line: 同志们： is still the salutation.
        let d = document_from_text("另一个题目", "题目\n\n（2024年7月1日）\n\n同志们：\n\n开场白。", Meta::default());
        let k = d.blocks.iter().position(|b| matches!(b, Block::Salutation(_))).expect("a salutation");
        assert_eq!(d.blocks[k], Block::Salutation("同志们：".into()));
        assert_eq!(d.blocks[k + 1], Block::Paragraph("开场白。".into()));
        // A sentence ending in a colon inside the body is body text.
        let d = doc("题目\n\n同志们：\n\n开场白很长，讲了许多事情，一直讲到这里还没有讲完，还要继续往下讲一些。\n\n下面，我讲三点意见：\n\n各位同志：");
        assert_eq!(d.blocks[0], Block::Salutation("同志们：".into()));
        assert_eq!(d.blocks[2], Block::Paragraph("下面，我讲三点意见：".into()));
        assert_eq!(d.blocks[3], Block::Paragraph("各位同志：".into()));
    }

    #[test]
    fn a_heading_that_is_one_sentence_has_no_rest() {
        let d = doc("（三）坚持问题导向。");
        assert!(matches!(&d.blocks[0], Block::Heading { heading, rest, .. } if heading.starts_with("坚持问题导向") && rest.is_empty()));
    }

    #[test]
    fn the_whole_text_is_kept() {
        let text = "题目\n\n同志们：\n\n一、总体要求\n\n（一）坚持问题导向。要聚焦主要矛盾。\n\n最后一段。";
        let d = doc(text);
        let kept: String = d.body_text().chars().filter(|c| !c.is_whitespace()).collect();
        let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(format!("题目{kept}"), all);
        let with_subtitle = doc(&text.replacen("题目", "题目\n\n——在党课上的讲话", 1));
        assert_eq!(with_subtitle.blocks, d.blocks);
    }
}
