//! How headings marked by the source (Word styles, Markdown `#`, HTML `<hN>`)
//! survive into plain text: see the module docs of [`super`].

use crate::ordinal::{self, Style};

use super::SourceHeading;

/// A paragraph the source marks as a heading.
#[derive(Debug, Clone, Copy)]
pub(super) struct Marked {
    pub paragraph: usize,
    /// Word's `heading N`, `#` count, `<hN>`.
    pub source_level: u8,
    /// Word's "Title" style or HTML's `<h1>`: a title, not a section.
    pub title_style: bool,
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
}

/// Writes ordinals in front of marked headings that have none, numbered
/// under their parents and in step with the ordinals already in the text.
///
/// `marked` may come in any order and name a paragraph twice (a heading
/// inside a heading, `<h1><div><h2>…</h2></div></h1>`): the marks are put in
/// paragraph order and the first mark of a paragraph (the innermost, which
/// the readers record first) is the one that counts.
pub(super) fn number_headings(paragraphs: &mut [String], marked: &[Marked]) -> Vec<SourceHeading> {
    let mut marked: Vec<Marked> = marked.iter().copied().filter(|m| m.paragraph < paragraphs.len()).collect();
    marked.sort_by_key(|m| m.paragraph);
    marked.dedup_by_key(|m| m.paragraph);
    let marked = &marked[..];
    if marked.is_empty() {
        return Vec::new();
    }
    let first = paragraphs.iter().position(|p| !is_blank(p));
    let mut title = None;
    if let Some(m) = marked.iter().find(|m| Some(m.paragraph) == first) {
        let lower = marked.iter().filter(|o| o.paragraph != m.paragraph && !o.title_style).map(|o| o.source_level).min();
        if m.title_style || (lower.is_none_or(|l| m.source_level < l) && ordinal::detect(&paragraphs[m.paragraph]).is_none()) {
            title = Some(m.paragraph);
        }
    }
    let mut levels: Vec<u8> =
        marked.iter().filter(|m| !m.title_style && Some(m.paragraph) != title).map(|m| m.source_level).collect();
    levels.sort_unstable();
    levels.dedup();
    let mut counters = [0u32; 5];
    let mut out = Vec::new();
    let mut k = 0;
    for (i, p) in paragraphs.iter_mut().enumerate() {
        while k < marked.len() && marked[k].paragraph < i {
            k += 1;
        }
        let mark = marked.get(k).filter(|m| m.paragraph == i).copied();
        if let Some(m) = mark.filter(|_| Some(i) == title) {
            out.push(SourceHeading { paragraph: i, source_level: m.source_level, is_title: true, ordinal_added: false });
            continue;
        }
        if let Some(o) = ordinal::detect(p) {
            match o.style.standard_level() {
                Some(l) => {
                    counters[l as usize] = o.value;
                    counters[l as usize + 1..].iter_mut().for_each(|c| *c = 0);
                }
                None => counters = [0; 5],
            }
            if let Some(m) = mark {
                out.push(SourceHeading { paragraph: i, source_level: m.source_level, is_title: false, ordinal_added: false });
            }
            continue;
        }
        let Some(m) = mark.filter(|m| !m.title_style && !is_blank(p)) else { continue };
        let rank = levels.iter().position(|&l| l == m.source_level).unwrap_or(0);
        let level = (rank + 1).min(4);
        counters[level] += 1;
        counters[level + 1..].iter_mut().for_each(|c| *c = 0);
        let style = Style::from_standard_level(level as u8).unwrap_or(Style::ArabicParen);
        let trimmed = p.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        *p = format!("{}{}", style.canonical_form().render(counters[level]), trimmed);
        out.push(SourceHeading { paragraph: i, source_level: m.source_level, is_title: false, ordinal_added: true });
    }
    out
}
