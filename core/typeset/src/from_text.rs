//! From a cleaned lecture text and its outline to the [`Document`] the layout engine sets.

use lectern_text::outline::{self, Outline};

use super::model::{Block, Document, Meta};

/// Builds the document from a cleaned text (one paragraph per line, blank
/// lines between) and its title, with the outline the text engine reads from
/// the ordinals ([`lectern_text::outline::parse`]).
///
/// The first paragraph is dropped when it is the title; a short opening line
/// ending in `：` (`同志们：`) is a salutation. A heading paragraph keeps its
/// ordinal as written; for a run-in heading only the ordinal and the heading
/// sentence (up to the outline's `heading_end`) take the heading face, and
/// the rest of the paragraph is body text.
pub fn document_from_text(title: &str, text: &str, meta: Meta) -> Document {
    let outline: Outline = outline::parse(text);
    let chars: Vec<char> = text.chars().collect();
    let sections = outline.flat();
    let slice = |a: usize, b: usize| -> String { chars[a.min(chars.len())..b.min(chars.len())].iter().collect() };
    let mut blocks = Vec::new();
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
            None if blocks.is_empty() && para.chars().count() <= 12 && (para.ends_with('：') || para.ends_with(':')) => {
                blocks.push(Block::Salutation(para.to_string()));
            }
            None => blocks.push(Block::Paragraph(para.to_string())),
        }
    }
    Document { title: title.trim().to_string(), meta, blocks, questions: Vec::new() }
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
    }
}
