//! From a cleaned lecture text to the [`Document`] the layout engine sets.

use super::model::{Block, Document, Meta};

/// Builds the document from a cleaned text (paragraphs separated by blank
/// lines) and its title. The first paragraph is dropped when it is the title;
/// a short opening line ending in `：` (`同志们：`) is a salutation.
///
/// Headings are found by their ordinals (`一、` `（一）` `1.` `（1）`). A heading
/// paragraph that goes on after its first sentence is a run-in heading: only
/// the ordinal and that sentence take the heading face.
pub fn document_from_text(title: &str, text: &str, meta: Meta) -> Document {
    // Interim heading detection until the text engine's outline parser lands
    // on this branch; it lives only here and goes when that parser does.
    fn detect(p: &str) -> Option<(u8, usize)> {
        const HAN_NUM: &str = "一二三四五六七八九十百零〇";
        let chars: Vec<char> = p.chars().collect();
        let han = |c: char| HAN_NUM.contains(c);
        let count = |from: usize, f: &dyn Fn(char) -> bool| chars[from..].iter().take_while(|c| f(**c)).count();
        let open = |c: char| c == '（' || c == '(';
        let close = |c: char| c == '）' || c == ')';
        let n = count(0, &han);
        if n > 0 && chars.get(n) == Some(&'、') {
            return Some((1, n + 1));
        }
        if chars.first().copied().is_some_and(open) {
            let n = count(1, &han);
            if n > 0 && chars.get(1 + n).copied().is_some_and(close) {
                return Some((2, n + 2));
            }
            let n = count(1, &|c: char| c.is_ascii_digit());
            if n > 0 && chars.get(1 + n).copied().is_some_and(close) {
                return Some((4, n + 2));
            }
        }
        let n = count(0, &|c: char| c.is_ascii_digit());
        if n > 0 && n <= 2 && matches!(chars.get(n), Some('.' | '．' | '、')) && !chars.get(n + 1).is_some_and(|c| c.is_ascii_digit()) {
            return Some((3, n + 1));
        }
        None
    }

    let mut blocks = Vec::new();
    let mut paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).peekable();
    if paragraphs.peek().is_some_and(|p| p.replace('\n', "") == title.trim()) {
        paragraphs.next();
    }
    for p in paragraphs {
        let p = p.replace('\n', "");
        if blocks.is_empty() && p.chars().count() <= 12 && (p.ends_with('：') || p.ends_with(':')) {
            blocks.push(Block::Salutation(p));
            continue;
        }
        match detect(&p) {
            Some((level, number_len)) => {
                let chars: Vec<char> = p.chars().collect();
                let number: String = chars[..number_len].iter().collect();
                let after = &chars[number_len..];
                // The heading sentence ends at the first 。！？ that is not the paragraph's end.
                let end = after
                    .iter()
                    .position(|c| matches!(c, '。' | '！' | '？'))
                    .map(|i| i + 1)
                    .filter(|&i| i < after.len())
                    .unwrap_or(after.len());
                blocks.push(Block::Heading {
                    level,
                    number,
                    heading: after[..end].iter().collect(),
                    rest: after[end..].iter().collect(),
                });
            }
            None => blocks.push(Block::Paragraph(p)),
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
        assert!(matches!(&d.blocks[0], Block::Heading { heading, rest, .. } if heading == "坚持问题导向。" && rest.is_empty()));
    }
}
