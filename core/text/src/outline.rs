//! Reading a lecture's outline from its ordinals.
//!
//! A heading is a paragraph (a line) that starts with an ordinal
//! ([`crate::ordinal::detect`]). Its level is the rank of its style
//! among the styles the text uses, from the largest: a text with `一、`
//! `（一）` `1.` `（1）` has them at levels 1–4; a text that also uses
//! `第一部分` has that at level 1 and the others one below. A heading's parent
//! is the nearest heading before it of a larger style.
//!
//! A heading either stands on its own line or runs in: then it is the first
//! sentence of its paragraph, up to and including the first `。！？`, and
//! `heading_end` marks where that sentence ends.
//!
//! All offsets are character (not byte) offsets into the text.

use serde::Serialize;

use crate::ordinal::{self, is_space, Ordinal, Style};
use crate::punct::widen_punctuation;

/// The outline of a text: its title and its heading tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outline {
    /// The first paragraph when it reads as a title.
    pub title: Option<String>,
    pub sections: Vec<Section>,
}

/// One section: its heading and everything up to the next heading of the
/// same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// 1 for the largest ordinal style the text uses, 2 for the next …
    pub level: u8,
    /// The ordinal as written, e.g. `一、`, `（一）`, `1.`, `第一部分`.
    pub number: String,
    /// The heading's title, without the ordinal, with full-width punctuation
    /// and without a closing `。`.
    pub title: String,
    /// Where the heading's line begins.
    pub start: usize,
    /// Just before the next heading of the same or a higher level (or the end of the text).
    pub end: usize,
    /// Where the heading sentence (run-in) or line ends.
    pub heading_end: usize,
    /// The heading is the first sentence of a paragraph that goes on.
    pub run_in: bool,
    pub children: Vec<Section>,
    /// The ordinal's style (`cn` = `一、`, `cn_paren` = `（一）`, `arabic` =
    /// `1.`, `arabic_paren` = `（1）`, `part`/`chapter`/`section` = `第一部分`/`第一章`/`第一节`).
    pub style: Style,
    /// The ordinal's number (`（三）` → 3).
    pub value: u32,
    /// Where the ordinal begins (after any indentation).
    pub number_start: usize,
    /// Where the title begins.
    pub title_start: usize,
}

impl Outline {
    /// Every section in document order (pre-order); a section's index here is
    /// how [`crate::edit`] names it.
    pub fn flat(&self) -> Vec<&Section> {
        fn walk<'a>(s: &'a [Section], out: &mut Vec<&'a Section>) {
            for x in s {
                out.push(x);
                walk(&x.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }

    /// The index (in [`Outline::flat`] order) of the innermost section holding
    /// the char offset `offset`, e.g. the cursor's.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        self.flat().iter().enumerate().rev().find(|(_, s)| s.start <= offset && offset < s.end).map(|(i, _)| i)
    }

    /// The index of the section whose heading starts at `start`.
    pub fn index_of_start(&self, start: usize) -> Option<usize> {
        self.flat().iter().position(|s| s.start == start)
    }
}

/// A heading as found on one line, before the tree is built.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// Line index.
    pub line: usize,
    /// Char offset of the line's start.
    pub line_start: usize,
    pub ordinal: Ordinal,
    pub level: u8,
    /// Index of the parent heading in the flat list.
    pub parent: Option<usize>,
    /// Line index just past the section (the next heading of the same or higher level).
    pub end_line: usize,
    pub end: usize,
}

/// The lines of a text with their char offsets and headings.
pub(crate) struct Scan<'a> {
    pub lines: Vec<&'a str>,
    pub headings: Vec<Heading>,
    /// The styles used, in rank order.
    pub styles: Vec<Style>,
}

impl Scan<'_> {
    /// Index of the first non-blank line.
    fn first_content_line(&self) -> Option<usize> {
        self.lines.iter().position(|l| l.chars().any(|c| !is_space(c)))
    }
}

pub(crate) fn scan(text: &str) -> Scan<'_> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut line_starts = Vec::with_capacity(lines.len() + 1);
    let mut pos = 0;
    for l in &lines {
        line_starts.push(pos);
        pos += l.chars().count() + 1;
    }
    line_starts.push(pos - 1);
    let title_line = lines.iter().position(|l| l.chars().any(|c| !is_space(c)));
    let mut found: Vec<(usize, Ordinal)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if Some(i) == title_line && crate::clean::is_title_line(l) {
            continue;
        }
        if let Some(o) = ordinal::detect(l) {
            found.push((i, o));
        }
    }
    let mut styles: Vec<Style> = found.iter().map(|(_, o)| o.style).collect();
    styles.sort();
    styles.dedup();
    let mut headings: Vec<Heading> = Vec::with_capacity(found.len());
    let mut stack: Vec<usize> = Vec::new();
    for (line, o) in found {
        let level = styles.iter().position(|&s| s == o.style).unwrap_or(0) as u8 + 1;
        while let Some(&top) = stack.last() {
            if headings[top].level >= level {
                stack.pop();
            } else {
                break;
            }
        }
        let parent = stack.last().copied();
        let idx = headings.len();
        headings.push(Heading { line, line_start: line_starts[line], ordinal: o, level, parent, end_line: lines.len(), end: pos - 1 });
        stack.push(idx);
    }
    // Ends: the next heading of the same or a higher level.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let level = headings[i].level;
        while let Some(&top) = open.last() {
            if headings[top].level >= level {
                headings[top].end_line = headings[i].line;
                headings[top].end = headings[i].line_start;
                open.pop();
            } else {
                break;
            }
        }
        open.push(i);
    }
    Scan { lines, headings, styles }
}

/// Where the heading sentence ends within its line (char offset in the
/// line), whether text follows on the same line, and the title.
fn heading_parts(line: &str, o: &Ordinal) -> (usize, bool, String) {
    // Walk the line once: up to the first sentence mark, then only far
    // enough to see whether anything but closing quotes follows.
    let mut title = String::new();
    let mut last_non_space = o.title_start;
    let mut stop = None;
    let mut chars = line.chars().enumerate();
    for (pos, c) in chars.by_ref() {
        if pos >= o.title_start {
            if !is_space(c) {
                last_non_space = pos + 1;
            }
            title.push(c);
            if matches!(c, '。' | '！' | '？' | '!' | '?') {
                stop = Some(pos + 1);
                break;
            }
        }
    }
    let (sentence_end, run_in) = match stop {
        Some(end) => {
            let run_in = chars.any(|(_, c)| !is_space(c) && !matches!(c, '”' | '’' | '」'));
            (end, run_in)
        }
        None => (last_non_space, false),
    };
    let mut title = widen_punctuation(title.trim_matches(is_space));
    while title.ends_with(['。', '，', '；', '：', ';', ',', ':', '、']) {
        title.pop();
    }
    (sentence_end, run_in, title)
}

/// Reads the outline of `text`.
pub fn parse(text: &str) -> Outline {
    let scan = scan(text);
    let title = scan
        .first_content_line()
        .map(|i| scan.lines[i])
        .filter(|l| crate::clean::is_title_line(l))
        .map(|l| widen_punctuation(l.trim_matches(is_space)));
    let mut flat: Vec<(Option<usize>, Section)> = Vec::with_capacity(scan.headings.len());
    for h in &scan.headings {
        let line = scan.lines[h.line];
        let (he, run_in, title) = heading_parts(line, &h.ordinal);
        flat.push((
            h.parent,
            Section {
                level: h.level,
                number: h.ordinal.text(line),
                title,
                start: h.line_start,
                end: h.end,
                heading_end: h.line_start + he,
                run_in,
                children: Vec::new(),
                style: h.ordinal.style,
                value: h.ordinal.value,
                number_start: h.line_start + h.ordinal.start,
                title_start: h.line_start + h.ordinal.title_start.min(he),
            },
        ));
    }
    // Build the tree bottom-up: children come after their parents, so by
    // the time a section is moved into its parent all of its own children
    // are in it. They arrive last first: each list is pushed (not inserted
    // at the front, which made a text of many sibling headings quadratic)
    // and reversed once, when its section moves.
    let mut slots: Vec<Option<Section>> = Vec::with_capacity(flat.len());
    let parents: Vec<Option<usize>> = flat.iter().map(|(p, _)| *p).collect();
    for (_, s) in flat {
        slots.push(Some(s));
    }
    for i in (0..slots.len()).rev() {
        let Some(p) = parents[i] else { continue };
        if let Some(mut child) = slots[i].take() {
            child.children.reverse();
            if let Some(parent) = slots[p].as_mut() {
                parent.children.push(child);
            }
        }
    }
    let sections = slots
        .into_iter()
        .flatten()
        .map(|mut s| {
            s.children.reverse();
            s
        })
        .collect();
    Outline { title, sections }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_tree_with_offsets_in_chars() {
        let t = "题目\n\n一、总体\n\n（一）第一点。正文。\n\n二、其次\n";
        let o = parse(t);
        assert_eq!(o.title.as_deref(), Some("题目"));
        assert_eq!(o.sections.len(), 2);
        let a = &o.sections[0];
        assert_eq!((a.number.as_str(), a.title.as_str(), a.start, a.end), ("一、", "总体", 4, 22));
        let b = &a.children[0];
        assert_eq!((b.title.as_str(), b.run_in, b.heading_end - b.start), ("第一点", true, 7));
        assert_eq!(o.sections[1].end, t.chars().count());
    }
}
