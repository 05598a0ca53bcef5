//! Cleaning a lecture text as users bring it in: a web clipping with the
//! site around it, a .txt, the text of a .docx or a saved page.
//!
//! Each line of the input is one paragraph. Cleaning
//! - normalises line ends, trims each line (spaces, U+00A0, U+3000 indents),
//!   so a line of non-breaking spaces becomes a blank line;
//! - drops site furniture, conservatively: a line made only of widget phrases
//!   (`广告位 后台主题配置管理`, `付费复制 免费复制`) anywhere; around the lecture
//!   (before its first paragraph, after its last) also navigation, breadcrumbs,
//!   the byline and the pay-to-copy footer. Inside the lecture (a clipping of
//!   several pages repeats the site between them) a line is dropped only when
//!   it repeats the site: a byline of the page's date, or a furniture line
//!   (byline, breadcrumb, footer phrase) that also stands around the lecture
//!   or recurs inside it, and the page's title next to such lines. A line
//!   that ends a sentence (`。！？…`, a closing quote after one) is never
//!   dropped inside the lecture;
//! - repairs a text that went through a PDF ([`pdf_text`]): a table of
//!   contents dropped, lines broken at the page edge joined, page numbers and
//!   running headers dropped, spaces between Han characters and around
//!   numbers removed; each repair is listed in [`Cleaned::removed`];
//! - keeps the byline's date and category as [`Metadata`];
//! - converts half-width `,` `:` `;` `(` `)` inside Chinese text to full width
//!   ([`crate::punct::widen_punctuation`]);
//! - joins the paragraphs with one blank line.

mod furniture;
pub(crate) mod pdf_text;

use serde::Serialize;

use crate::punct::widen_punctuation;
use furniture::{
    breadcrumb_category, byline, has_around_phrase, is_breadcrumb, is_pure, is_salutation, is_weak,
};

/// Metadata kept from the text's surroundings (a web page's byline).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// `YYYY-MM-DD`
    pub date: Option<String>,
    pub category: Option<String>,
}

/// The result of cleaning: the lecture's title, its cleaned text
/// (paragraphs separated by one blank line, the title the first of them when
/// the text has one), the metadata found and the lines dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    pub title: String,
    pub text: String,
    pub metadata: Metadata,
    /// The lines that cleaning dropped, in order, as they were (trimmed),
    /// and one line for each kind of repair (spaces squeezed, broken lines joined).
    pub removed: Vec<String>,
    /// What the file's reader did beyond plain reading (empty for a pasted text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<crate::read::Repair>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Blank,
    /// Only widget phrases: dropped anywhere.
    Pure,
    /// Furniture when around the lecture: breadcrumb, footer phrase.
    Around,
    Byline,
    /// Short, no sentence: a title, a subtitle, a nav link.
    Weak,
    /// A sentence, a heading, a salutation: lecture text.
    Body,
}

fn classify(line: &str) -> Kind {
    if line.is_empty() {
        Kind::Blank
    } else if line.len() > 3 * 120 && line.chars().count() > 120 {
        // Too long for any furniture test: a paragraph of the lecture.
        Kind::Body
    } else if crate::ordinal::detect(line).is_some() {
        // A numbered heading of the lecture.
        Kind::Body
    } else if is_pure(line) {
        Kind::Pure
    } else if byline(line).is_some() {
        Kind::Byline
    } else if is_breadcrumb(line) || has_around_phrase(line) {
        Kind::Around
    } else if is_weak(line) {
        Kind::Weak
    } else {
        Kind::Body
    }
}

fn trim_line(l: &str) -> &str {
    l.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{a0}' | '\u{3000}' | '\u{feff}' | '\u{200b}'))
}

/// Normalises line ends (CRLF, CR → LF) and drops a BOM and zero-width spaces.
pub fn normalise_newlines(raw: &str) -> String {
    let mut s = if raw.contains('\r') { raw.replace("\r\n", "\n").replace('\r', "\n") } else { raw.to_string() };
    if ["\u{feff}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}"].iter().any(|z| s.contains(z)) {
        s.retain(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'));
    }
    s
}

/// Cleans a raw text. When the text has no title line, the title is the
/// start of its first paragraph.
pub fn clean(raw: &str) -> Cleaned {
    clean_with_fallback(raw, None)
}

/// Like [`clean`]; when the text has no title line, `fallback_title` (e.g.
/// the file's name) is the title.
pub fn clean_with_fallback(raw: &str, fallback_title: Option<&str>) -> Cleaned {
    let normalised = normalise_newlines(raw);
    let raw_lines: Vec<&str> = normalised.split('\n').collect();
    let repaired = pdf_text::repair(&raw_lines);
    let lines: Vec<&str> = repaired.lines.iter().map(|l| trim_line(l)).collect();
    let kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
    let n = lines.len();
    let mut drop = vec![false; n];
    let mut metadata = Metadata::default();

    // The tail: the run of furniture and short lines after the last sentence;
    // it starts at its first furniture line.
    let mut tail_start = n;
    for i in (0..n).rev() {
        match kinds[i] {
            Kind::Blank | Kind::Weak => {}
            Kind::Pure | Kind::Around | Kind::Byline => tail_start = i,
            Kind::Body => break,
        }
    }
    // The head: furniture and short lines before the first sentence, heading
    // or salutation.
    let mut body_start = 0;
    while body_start < tail_start && kinds[body_start] != Kind::Body {
        body_start += 1;
    }
    let head = 0..body_start;
    let by = head.clone().find(|&i| kinds[i] == Kind::Byline);
    if let Some(b) = by {
        if let Some((date, category)) = byline(lines[b]) {
            metadata.date = Some(date);
            metadata.category = category;
        }
        // The title is the short line just before the byline (or, when the
        // byline comes first, the first one after it); nothing before the
        // title is the lecture's.
        let title = (0..b).rev().find(|&i| kinds[i] == Kind::Weak).or_else(|| (b + 1..body_start).find(|&i| kinds[i] == Kind::Weak));
        if let Some(t) = title {
            for d in drop.iter_mut().take(t) {
                *d = true;
            }
        }
    }
    if metadata.category.is_none() {
        metadata.category = head.clone().filter(|&i| is_breadcrumb(lines[i])).find_map(|i| breadcrumb_category(lines[i]));
    }
    for i in 0..n {
        let furniture = match kinds[i] {
            Kind::Pure => true,
            Kind::Around | Kind::Byline => i < body_start || i >= tail_start,
            Kind::Weak => i >= tail_start,
            Kind::Blank | Kind::Body => false,
        };
        if furniture {
            drop[i] = true;
        }
    }
    drop_repeated_furniture(&lines, &kinds, body_start, tail_start, metadata.date.as_deref(), &mut drop);
    // A short text made only of "furniture" is more likely a lecture fragment
    // than a page: keep everything rather than return nothing.
    if (0..n).all(|i| drop[i] || kinds[i] == Kind::Blank) {
        drop.iter_mut().for_each(|d| *d = false);
    }

    // Spaces a PDF put in, only in sentences: a title's space between two
    // phrases is meant. Between Han characters only when the text shows it
    // went through a PDF (wrapped at a page edge, or such spaces recur).
    let sentence = |l: &str| l.chars().count() > 30 || l.contains(['，', '。', '；', '！', '？']);
    let kept = || (0..n).filter(|&i| kinds[i] != Kind::Blank && !drop[i] && sentence(lines[i]));
    let han = repaired.wrapped || kept().map(|i| pdf_text::squeeze(lines[i], true).1.han).sum::<usize>() >= 3;
    let mut removed = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let (mut spaces, mut examples) = (0, Vec::new());
    for i in 0..n {
        if kinds[i] == Kind::Blank {
            continue;
        }
        if drop[i] {
            removed.push(lines[i].to_string());
        } else {
            let (line, squeezed) = if sentence(lines[i]) { pdf_text::squeeze(lines[i], han) } else { (lines[i].to_string(), Default::default()) };
            let count = squeezed.numbers + squeezed.han;
            if count > 0 {
                spaces += count;
                if examples.len() < 2 {
                    examples.push(lines[i].chars().take(16).collect());
                }
            }
            paragraphs.push(widen_punctuation(&line));
        }
    }
    removed.extend(repaired.removed);
    if spaces > 0 {
        removed.push(pdf_text::spaces_removed(spaces, &examples));
    }
    let title = match paragraphs.first() {
        Some(first) if is_title_line(first) => first.clone(),
        Some(first) => match fallback_title {
            Some(f) if !f.trim().is_empty() => f.trim().to_string(),
            _ => title_from_paragraph(first),
        },
        None => fallback_title.unwrap_or_default().trim().to_string(),
    };
    Cleaned { title, text: paragraphs.join("\n\n"), metadata, removed, read: Vec::new() }
}

/// Whether a line ends a sentence: `。！？…!?` last, or before closing quotes
/// and brackets. Such a line inside the lecture is prose, never furniture.
pub fn ends_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '】' | '》'));
    end.ends_with(['。', '！', '？', '…', '!', '?'])
}

/// Inside the lecture (`body_start..tail_start`), marks the site's lines that a
/// clipping of several pages repeats between them: bylines of the page's date,
/// furniture lines (bylines, breadcrumbs, footer phrases) that also stand
/// around the lecture or recur inside it, and the page's title line next to
/// dropped lines. Never a line that ends a sentence.
fn drop_repeated_furniture(lines: &[&str], kinds: &[Kind], body_start: usize, tail_start: usize, date: Option<&str>, drop: &mut [bool]) {
    use std::collections::HashMap;
    let n = lines.len();
    let around_kind = |k: Kind| matches!(k, Kind::Around | Kind::Byline);
    let outside: std::collections::HashSet<&str> =
        (0..n).filter(|&i| drop[i] && !(body_start..tail_start).contains(&i) && kinds[i] != Kind::Blank).map(|i| lines[i]).collect();
    let mut inside: HashMap<&str, usize> = HashMap::new();
    for i in body_start..tail_start {
        if around_kind(kinds[i]) {
            *inside.entry(lines[i]).or_default() += 1;
        }
    }
    let mut any = false;
    for i in body_start..tail_start {
        if drop[i] || !around_kind(kinds[i]) || ends_sentence(lines[i]) {
            continue;
        }
        let same_date = kinds[i] == Kind::Byline && date.is_some() && byline(lines[i]).map(|(d, _)| d).as_deref() == date;
        if same_date || outside.contains(lines[i]) || inside.get(lines[i]).is_some_and(|&c| c >= 2) {
            drop[i] = true;
            any = true;
        }
    }
    if !any {
        return;
    }
    // The page's title, repeated at the top of the next page: dropped when a
    // dropped line stands next to it (blank lines aside).
    let Some(title) = (0..body_start.min(n)).rev().find(|&i| !drop[i] && kinds[i] == Kind::Weak).map(|i| lines[i]) else {
        return;
    };
    let next_to_dropped = |i: usize, drop: &[bool]| {
        let before = (0..i).rev().find(|&j| kinds[j] != Kind::Blank).is_some_and(|j| drop[j]);
        let after = (i + 1..n).find(|&j| kinds[j] != Kind::Blank).is_some_and(|j| drop[j]);
        before || after
    };
    for i in body_start..tail_start {
        if !drop[i] && kinds[i] == Kind::Weak && lines[i] == title && next_to_dropped(i, drop) {
            drop[i] = true;
        }
    }
}

/// Whether a paragraph reads as a lecture's title: short, no sentence, not a
/// salutation and not a numbered heading.
pub fn is_title_line(line: &str) -> bool {
    let line = trim_line(line);
    !line.is_empty()
        && line.chars().count() <= 80
        && !line.contains('。')
        && !line.ends_with(['，', ',', '；', ';', '：', ':', '、'])
        && !is_salutation(line)
        && crate::ordinal::detect(line).is_none()
}

/// A stand-in title: the first sentence of a paragraph, at most 30 characters.
fn title_from_paragraph(p: &str) -> String {
    let sentence: String = p.chars().take_while(|c| !matches!(c, '。' | '！' | '？' | '，' | '：')).collect();
    let mut t: String = sentence.chars().take(30).collect();
    if sentence.chars().count() > 30 {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_text_passes_through() {
        let c = clean("学习党章\r\n\r\n同志们：\r\n今天我们学习党章。\r\n");
        assert_eq!(c.title, "学习党章");
        assert_eq!(c.text, "学习党章\n\n同志们：\n\n今天我们学习党章。");
        assert!(c.removed.is_empty());
    }

    #[test]
    fn a_sentence_with_a_widget_word_stays_inside_the_lecture() {
        let raw = "题目\n\n同志们：\n\n我们要联系我们的工作实际，扫一扫心中的灰尘。\n\n广告位\n\n支付宝支付是新业态，我们要研究。\n\n最后一句。\n\n联系我们\n付费复制";
        let c = clean(raw);
        assert!(c.text.contains("我们要联系我们的工作实际，扫一扫心中的灰尘。"));
        assert!(c.text.contains("支付宝支付是新业态，我们要研究。"));
        assert_eq!(c.removed, vec!["广告位", "联系我们", "付费复制"]);
    }

    #[test]
    fn no_title_line_falls_back() {
        let c = clean_with_fallback("同志们：\n\n今天学习。", Some("学习笔记"));
        assert_eq!(c.title, "学习笔记");
        let c = clean("今天我们学习党的二十届三中全会精神，深刻领会。");
        assert_eq!(c.title, "今天我们学习党的二十届三中全会精神");
    }
}
