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
//! The closing remarks (结束语) are recognised as the opening is before the
//! first heading: they are the trailing paragraphs after the last section's
//! body, from one of the last two paragraphs that opens with a closing
//! formula (see [`is_closing_formula`]). The last section, and every section
//! open at the end, then ends where the closing begins, so the outline shows
//! the closing as its own unnumbered 结束语 entry and [`crate::edit`] never
//! carries it along when the last part moves. The rule, chosen for precision:
//! - only the last two paragraphs of the text can begin the closing, and the
//!   closing runs to the end;
//! - a paragraph after the last heading line can begin it even when the last
//!   section has no other body (its formula says it is the closing), so the
//!   closing is found again wherever a move has put another section last;
//! - a paragraph opening with `以上是我…`, `以上就是…`, `总之，`, `最后，让我们…`,
//!   `今天就讲到这里`, `谢谢大家` … begins a closing by itself; one opening with
//!   `同志们，` or `让我们` only when it also exhorts or thanks (`让我们`, `共勉`,
//!   `奋斗`, `携手`, `谢谢` …), since a speaker also says `同志们，这个问题……`
//!   mid-argument;
//! - a text without headings has no closing (it has no outline to keep it after).
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
    /// The closing remarks (结束语) after the last section, if the text has them.
    pub closing: Option<Closing>,
}

/// The closing remarks: an unnumbered entry after the last section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closing {
    /// Always `结束语`: the outline's label for it.
    pub title: String,
    /// Where the closing's first paragraph begins (the last section ends here).
    pub start: usize,
    /// The end of the text.
    pub end: usize,
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
    /// The line where the closing remarks begin, and its char offset.
    pub closing: Option<(usize, usize)>,
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
    let closing = closing_line(&lines, &headings).map(|l| (l, line_starts[l]));
    if let Some((cl, at)) = closing {
        for h in headings.iter_mut().filter(|h| h.end_line == lines.len()) {
            h.end_line = cl;
            h.end = at;
        }
    }
    Scan { lines, headings, styles, closing }
}

/// Starts of a closing formula that begin the closing by themselves.
const CLOSING_STARTS: &[&str] = &[
    "以上是我", "以上就是", "以上所讲", "以上几点", "以上，是", "以上讲的", "总之，", "总之,", "总而言之", "最后，我", "最后，让我们", "最后，希望",
    "最后,", "今天就讲到这里", "今天我就讲", "我就讲这些", "我就讲这么", "就讲到这里", "谢谢大家", "谢谢！",
];

/// Starts that begin a closing only with an exhortation or thanks in the paragraph.
const CLOSING_WEAK_STARTS: &[&str] = &["同志们，", "同志们！", "同志们：", "同志们,", "同志们!", "同志们:", "让我们"];

/// Words of exhortation or thanks that make a weak start a closing.
const CLOSING_CUES: &[&str] = &["让我们", "共勉", "携手", "奋斗", "奋进", "谢谢", "最后"];

/// Whether a paragraph opens with a closing formula (`以上是我的几点体会……`,
/// `同志们，……让我们……奋斗！`).
pub fn is_closing_formula(paragraph: &str) -> bool {
    let p = paragraph.trim_start_matches(is_space);
    if CLOSING_STARTS.iter().any(|s| p.starts_with(s)) {
        return true;
    }
    CLOSING_WEAK_STARTS.iter().find(|s| p.starts_with(*s)).is_some_and(|s| {
        let rest = &p[s.len()..];
        CLOSING_CUES.iter().any(|c| rest.contains(c))
    })
}

/// The line where the closing remarks begin, by the rule in the module's doc.
fn closing_line(lines: &[&str], headings: &[Heading]) -> Option<usize> {
    let last = headings.last()?;
    let body: Vec<usize> = (last.line + 1..lines.len()).filter(|&i| lines[i].chars().any(|c| !is_space(c))).collect();
    (body.len().saturating_sub(2)..body.len()).map(|k| body[k]).find(|&l| is_closing_formula(lines[l]))
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
    parse_scanned(text, &scan(text))
}

/// [`parse`] from a scan of `text` already made (the editor's analysis scans once for the outline
/// and the numbering check).
pub(crate) fn parse_scanned(text: &str, scan: &Scan<'_>) -> Outline {
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
    let closing = scan.closing.map(|(_, start)| Closing { title: "结束语".into(), start, end: text.chars().count() });
    Outline { title, sections, closing }
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
