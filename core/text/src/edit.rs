//! Structural edits, as functions from text to new text: the text stays the
//! one source of truth and the outline is read from it again afterwards.
//!
//! A section is named by its index in document order, the index of
//! [`crate::outline::Outline::flat`] (the UI can get it from a cursor
//! offset with [`crate::outline::Outline::section_at`] or from a
//! heading's start with [`crate::outline::Outline::index_of_start`]).
//!
//! The closing remarks (结束语, [`crate::outline::Closing`]) belong to no
//! section: the scan ends the last sections where the closing begins, so
//! moving the last part up, or a part after the last one, leaves the closing
//! at the end of the text.
//!
//! Every edit renumbers the text afterwards ([`renumber`]), so a moved,
//! promoted or demoted section always reads in order.

use std::collections::HashMap;

use serde::Serialize;

use crate::ordinal::{Form, Numerals, Style};
use crate::outline::{scan, Heading, Scan};

/// Where a moved section goes relative to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Before,
    After,
}

/// Why an edit cannot be made (the message is for the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("找不到第 {0} 个标题（全文共有 {1} 个标题）")]
    NoSuchSection(usize, usize),
    #[error("只能把「{0}」移到同一级标题的前面或后面，「{1}」不是同一级")]
    NotSameLevel(String, String),
    #[error("「{0}」已是最高一级，不能再升级")]
    AlreadyTop(String),
    #[error("「{0}」或它的下级标题已是最低一级（（1）），不能再降级")]
    AlreadyBottom(String),
}

fn heading_label(s: &Scan, h: &Heading) -> String {
    let line = s.lines[h.line];
    let t: String = line.chars().skip(h.ordinal.start).take(24).collect();
    t.trim_end().to_string()
}

fn get<'s>(s: &'s Scan, i: usize) -> Result<&'s Heading, EditError> {
    s.headings.get(i).ok_or(EditError::NoSuchSection(i, s.headings.len()))
}

fn is_blank(l: &str) -> bool {
    l.chars().all(crate::ordinal::is_space)
}

/// Moves section `section` (with its subsections) before or after section
/// `target`, which must be of the same level; then renumbers. Moving a
/// section next to itself leaves the text as it is.
pub fn move_section(text: &str, section: usize, target: usize, place: Place) -> Result<String, EditError> {
    let s = scan(text);
    let h = get(&s, section)?;
    let t = get(&s, target)?;
    if h.ordinal.style != t.ordinal.style {
        return Err(EditError::NotSameLevel(heading_label(&s, h), heading_label(&s, t)));
    }
    let (a, b) = (h.line, h.end_line);
    let insert_at = match place {
        Place::Before => t.line,
        Place::After => t.end_line,
    };
    if section == target || (a..=b).contains(&insert_at) {
        return Ok(text.to_string());
    }
    let uses_blank_lines = s.lines.iter().any(|l| is_blank(l));
    let trailing_blanks = s.lines.iter().rev().take_while(|l| is_blank(l)).count();

    let mut block: Vec<&str> = s.lines[a..b].to_vec();
    if uses_blank_lines && !block.last().is_some_and(|l| is_blank(l)) {
        block.push("");
    }
    let mut rest: Vec<&str> = s.lines[..a].iter().chain(s.lines[b..].iter()).copied().collect();
    let mut p = if insert_at >= b { insert_at - (b - a) } else { insert_at };
    if uses_blank_lines && p > 0 && !is_blank(rest[p - 1]) {
        rest.insert(p, "");
        p += 1;
    }
    rest.splice(p..p, block);
    // Keep the text's own ending.
    while rest.len() > 1 && rest.iter().rev().take_while(|l| is_blank(l)).count() > trailing_blanks {
        rest.pop();
    }
    Ok(renumber(&rest.join("\n")))
}

/// The styles a section can take in this text, from the largest: the larger
/// units the text uses, then the four ordinal levels.
fn ladder(s: &Scan) -> Vec<Style> {
    let mut l: Vec<Style> = s.styles.iter().copied().filter(|st| st.is_large_unit()).collect();
    l.extend([Style::Cn, Style::CnParen, Style::Arabic, Style::ArabicParen]);
    l
}

/// The form the text mostly writes `style` in, or the canonical one.
fn dominant_form(s: &Scan, style: Style) -> Form {
    let mut counts: Vec<(Form, usize)> = Vec::new();
    for h in s.headings.iter().filter(|h| h.ordinal.style == style) {
        match counts.iter_mut().find(|(f, _)| *f == h.ordinal.form) {
            Some((_, n)) => *n += 1,
            None => counts.push((h.ordinal.form.clone(), 1)),
        }
    }
    let mut best: Option<(Form, usize)> = None;
    for (f, n) in counts {
        if best.as_ref().is_none_or(|(_, m)| n > *m) {
            best = Some((f, n));
        }
    }
    match best {
        Some((mut f, _)) => {
            if style.is_large_unit() && f.sep.is_empty() {
                f.sep = "　".into();
            }
            f
        }
        None => style.canonical_form(),
    }
}

fn shift(text: &str, section: usize, up: bool) -> Result<String, EditError> {
    let s = scan(text);
    let h = get(&s, section)?;
    let ladder = ladder(&s);
    let last = s.headings.iter().enumerate().skip(section + 1).take_while(|(_, x)| x.line < h.end_line).map(|(i, _)| i).last().unwrap_or(section);
    let mut new_style: HashMap<usize, Style> = HashMap::new();
    for i in section..=last {
        let x = &s.headings[i];
        let pos = ladder.iter().position(|&st| st == x.ordinal.style).unwrap_or(0);
        let np = if up { pos.checked_sub(1) } else { Some(pos + 1).filter(|&p| p < ladder.len()) };
        match np {
            Some(p) => {
                new_style.insert(x.line, ladder[p]);
            }
            None if up => return Err(EditError::AlreadyTop(heading_label(&s, h))),
            None => return Err(EditError::AlreadyBottom(heading_label(&s, h))),
        }
    }
    let forms: HashMap<Style, Form> = ladder.iter().map(|&st| (st, dominant_form(&s, st))).collect();
    let mut out: Vec<String> = Vec::with_capacity(s.lines.len());
    let mut hi = section;
    for (li, line) in s.lines.iter().enumerate() {
        match new_style.get(&li) {
            Some(st) => {
                let o = &s.headings[hi].ordinal;
                hi += 1;
                let chars: Vec<char> = line.chars().collect();
                let mut l: String = chars[..o.start].iter().collect();
                l.push_str(&forms[st].render(1));
                l.extend(&chars[o.title_start..]);
                out.push(l);
            }
            None => out.push(line.to_string()),
        }
    }
    Ok(renumber(&out.join("\n")))
}

/// Raises a section (with its subsections) one level: `（二）` becomes a
/// `二、`-level heading. The text stays in place, so the sections that
/// followed it under its old parent now fall under it; then renumbers.
pub fn promote(text: &str, section: usize) -> Result<String, EditError> {
    shift(text, section, true)
}

/// Lowers a section (with its subsections) one level: `二、` becomes a
/// `（二）`-level heading under the section before it; then renumbers.
pub fn demote(text: &str, section: usize) -> Result<String, EditError> {
    shift(text, section, false)
}

fn render_digits(v: u32, n: Numerals) -> String {
    let f = Form { prefix: "", suffix: "", numerals: n, sep: String::new() };
    f.render(v)
}

/// The number each heading should have: siblings of one style count 1, 2, 3
/// under their parent.
fn expected_numbers(s: &Scan) -> Vec<u32> {
    let mut counters: HashMap<(Option<usize>, Style), u32> = HashMap::new();
    s.headings
        .iter()
        .map(|h| {
            let c = counters.entry((h.parent, h.ordinal.style)).or_insert(0);
            *c += 1;
            *c
        })
        .collect()
}

/// Renumbers every ordinal in document order so each level counts again
/// under its parent (一二三 / （一）（二） / 1. 2. / （1）（2）), keeping each
/// ordinal's own writing (brackets, `.` `．` `、`, digit width). Idempotent.
pub fn renumber(text: &str) -> String {
    let s = scan(text);
    let expected = expected_numbers(&s);
    if s.headings.iter().zip(&expected).all(|(h, &e)| h.ordinal.value == e) {
        return text.to_string();
    }
    let mut by_line: HashMap<usize, (usize, u32)> = HashMap::new();
    for (i, h) in s.headings.iter().enumerate() {
        if h.ordinal.value != expected[i] {
            by_line.insert(h.line, (i, expected[i]));
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (li, line) in s.lines.iter().enumerate() {
        if li > 0 {
            out.push('\n');
        }
        match by_line.get(&li) {
            Some(&(i, v)) => {
                let o = &s.headings[i].ordinal;
                let chars: Vec<char> = line.chars().collect();
                let mut renumbered: String = chars[..o.digits_start].iter().collect();
                renumbered.push_str(&render_digits(v, o.form.numerals));
                renumbered.extend(&chars[o.digits_end..]);
                // A new number must still read as this heading's ordinal: `十一、十一、…` as
                // `一、十一、…` would read as an enumeration (一、十一) and stop being a heading,
                // and renumbering would no longer be idempotent. Such a line keeps its number.
                let same = crate::ordinal::detect(&renumbered).is_some_and(|n| n.style == o.style && n.value == v);
                out.push_str(if same { &renumbered } else { line });
            }
            None => out.push_str(line),
        }
    }
    out
}

/// What is wrong with a text's numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A number is skipped: `（一）` then `（三）`.
    Gap,
    /// A number comes twice.
    Repeat,
    /// A number is smaller than the one before.
    OutOfOrder,
    /// One level written two ways: `（一）` and `(二)`, `1.` and `2、`.
    MixedForm,
    /// Siblings numbered in different styles: `1.` beside `（一）`.
    MixedStyle,
}

/// One numbering problem, at the ordinal's char offset, with a message for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberingProblem {
    pub kind: ProblemKind,
    /// Char offset of the ordinal in the text.
    pub offset: usize,
    /// Index of the section in document order.
    pub section: usize,
    pub message: String,
}

/// Lists the numbering problems of a text: gaps, repeats, numbers out of
/// order, and mixed styles within one level.
pub fn check(text: &str) -> Vec<NumberingProblem> {
    check_scanned(&scan(text))
}

/// [`check`] from a scan of the text already made.
pub(crate) fn check_scanned(s: &Scan<'_>) -> Vec<NumberingProblem> {
    let mut problems = Vec::new();
    let mut last: HashMap<(Option<usize>, Style), u32> = HashMap::new();
    let mut first_form: HashMap<Style, Form> = HashMap::new();
    let mut first_child_style: HashMap<Option<usize>, (Style, Form)> = HashMap::new();
    for (i, h) in s.headings.iter().enumerate() {
        let o = &h.ordinal;
        let offset = h.line_start + o.start;
        let label = |v: u32| format!("{}{}{}", o.form.prefix, render_digits(v, o.form.numerals), o.form.suffix);
        let mut push = |kind, message: String| problems.push(NumberingProblem { kind, offset, section: i, message });
        let prev = last.get(&(h.parent, o.style)).copied().unwrap_or(0);
        if prev > 0 && o.value == prev {
            push(ProblemKind::Repeat, format!("序号重复：前面已有「{}」", label(o.value)));
        } else if o.value > prev + 1 {
            let missing: Vec<String> = (prev + 1..o.value).take(3).map(label).collect();
            let more = if o.value - prev - 1 > 3 { "等" } else { "" };
            let msg = if prev == 0 {
                format!("序号跳号：本级从「{}」开始，缺少{}{}", label(o.value), missing.iter().map(|m| format!("「{m}」")).collect::<String>(), more)
            } else {
                format!("序号跳号：「{}」之后是「{}」，缺少{}{}", label(prev), label(o.value), missing.iter().map(|m| format!("「{m}」")).collect::<String>(), more)
            };
            push(ProblemKind::Gap, msg);
        } else if o.value < prev {
            push(ProblemKind::OutOfOrder, format!("序号顺序颠倒：「{}」之后是「{}」", label(prev), label(o.value)));
        }
        last.insert((h.parent, o.style), o.value);

        match first_form.get(&o.style) {
            Some(f) if *f != o.form && (f.prefix != o.form.prefix || f.suffix != o.form.suffix || f.numerals != o.form.numerals) => {
                push(ProblemKind::MixedForm, format!("同一级序号写法不一致：这里是「{}」，前文是「{}」", o.form.label(), f.label()));
            }
            Some(_) => {}
            None => {
                first_form.insert(o.style, o.form.clone());
            }
        }
        match first_child_style.get(&h.parent) {
            Some((st, f)) if *st != o.style => {
                push(ProblemKind::MixedStyle, format!("同一层级混用了不同的序号：「{}」与「{}」", f.label(), o.form.label()));
            }
            Some(_) => {}
            None => {
                first_child_style.insert(h.parent, (o.style, o.form.clone()));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "题目\n\n一、甲\n\n（一）甲一。正文。\n\n（二）甲二\n\n二、乙\n\n乙的正文。\n\n三、丙\n\n丙的正文。";

    #[test]
    fn a_number_that_would_stop_reading_as_an_ordinal_is_kept() {
        // Found by the ordinal-soup property test: 一、十一、 reads as an enumeration.
        let r = renumber("十一、十一、\n一、");
        assert_eq!(r, "十一、十一、\n二、");
        assert_eq!(renumber(&r), r, "idempotent");
    }

    #[test]
    fn moving_a_part_renumbers() {
        let flat = crate::outline::parse(T);
        assert_eq!(flat.flat().len(), 5);
        let moved = move_section(T, 4, 0, Place::Before).unwrap();
        assert_eq!(moved, "题目\n\n一、丙\n\n丙的正文。\n\n二、甲\n\n（一）甲一。正文。\n\n（二）甲二\n\n三、乙\n\n乙的正文。");
        let back = move_section(&moved, 0, 4, Place::After).unwrap();
        assert_eq!(back, T);
    }

    #[test]
    fn moving_to_a_different_level_is_refused() {
        assert!(matches!(move_section(T, 1, 3, Place::Before), Err(EditError::NotSameLevel(..))));
        assert!(matches!(move_section(T, 9, 3, Place::Before), Err(EditError::NoSuchSection(9, 5))));
    }

    #[test]
    fn promote_and_demote() {
        let p = promote(T, 2).unwrap();
        assert_eq!(p, "题目\n\n一、甲\n\n（一）甲一。正文。\n\n二、甲二\n\n三、乙\n\n乙的正文。\n\n四、丙\n\n丙的正文。");
        let d = demote(T, 3).unwrap();
        assert_eq!(d, "题目\n\n一、甲\n\n（一）甲一。正文。\n\n（二）甲二\n\n（三）乙\n\n乙的正文。\n\n二、丙\n\n丙的正文。");
        assert!(matches!(promote(T, 0), Err(EditError::AlreadyTop(_))));
    }

    #[test]
    fn check_finds_gaps_repeats_and_mixed_forms() {
        let t = "一、甲\n（一）a\n(三)b\n（三）c\n二、乙\n1.甲\n2、y\n（一）z";
        let p = check(t);
        let kinds: Vec<ProblemKind> = p.iter().map(|x| x.kind).collect();
        assert_eq!(kinds, vec![ProblemKind::Gap, ProblemKind::MixedForm, ProblemKind::Repeat, ProblemKind::MixedForm, ProblemKind::MixedStyle]);
        assert_eq!(p[0].message, "序号跳号：「(一)」之后是「(三)」，缺少「(二)」");
        assert_eq!(p[0].offset, 9);
    }
}
