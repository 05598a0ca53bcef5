//! Ordinals by level (一、 （一） 1． （1））: the wrong mark after an ordinal
//! at a line start (`一.` `一，` `（一）、` `1、`), and the outline's own
//! numbering check ([`crate::edit::check`]: gaps, repeats, order, mixed
//! forms and styles) turned into findings.

use super::{Category, Doc, Finding};
use crate::edit::{self, ProblemKind};
use crate::ordinal::{self, is_space, parse_chinese_numeral, Style};

const CAT: Category = Category::Ordinal;

pub fn check(doc: &Doc, out: &mut Vec<Finding>) {
    let arabic_dot = arabic_mark(doc);
    for &(s, e) in &doc.lines {
        let Some(p) = (s..e).find(|&i| !is_space(doc.chars[i])) else { continue };
        let c0 = doc.chars[p];
        if !(c0 == '（' || c0 == '(' || c0.is_ascii_digit() || is_cn_numeral(c0)) {
            continue;
        }
        cn_mark(doc, p, e, out);
        let line = doc.slice(s, e);
        let Some(o) = ordinal::detect(&line) else { continue };
        let end = s + o.end;
        match o.style {
            Style::CnParen | Style::ArabicParen => {
                let (a, b) = (s + o.start, end);
                if o.form.prefix == "(" || o.form.suffix == ")" {
                    let wide = format!("（{}）", doc.slice(s + o.digits_start, s + o.digits_end));
                    out.push(doc.finding(
                        "ordinal.half_width",
                        CAT,
                        a,
                        b,
                        Some(wide.clone()),
                        format!("序号的括号应为全角「{wide}」"),
                    ));
                }
                if let Some(m) = doc.at(end).filter(|m| matches!(m, '、' | '.' | '．' | '，' | ',')) {
                    out.push(doc.finding(
                        "ordinal.mark",
                        CAT,
                        end,
                        end + 1,
                        Some(String::new()),
                        format!("序号「{}」后不加「{m}」", o.text(&line)),
                    ));
                }
            }
            Style::Arabic if o.form.suffix == "、" => {
                out.push(doc.finding(
                    "ordinal.mark",
                    CAT,
                    end - 1,
                    end,
                    Some(arabic_dot.to_string()),
                    format!("阿拉伯数字序号后用「{arabic_dot}」，不用「、」"),
                ));
            }
            _ => {}
        }
    }
    numbering(doc, out);
}

fn is_cn_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '〇' | '零')
}

/// The mark the text's own `1.`-style ordinals use (`.` or `．`), else `．`.
fn arabic_mark(doc: &Doc) -> char {
    let (mut ascii, mut wide) = (0, 0);
    for &(s, e) in &doc.lines {
        if !doc.at(s).is_some_and(|c| c.is_ascii_digit() || c.is_whitespace()) {
            continue;
        }
        let line = doc.slice(s, e);
        if let Some(o) = ordinal::detect(&line).filter(|o| o.style == Style::Arabic) {
            match o.form.suffix {
                "." => ascii += 1,
                "．" => wide += 1,
                _ => {}
            }
        }
    }
    if ascii > wide {
        '.'
    } else {
        '．'
    }
}

/// `一.` `一．` `一，` `一,` at a line start, before a title: `一、`.
fn cn_mark(doc: &Doc, p: usize, e: usize, out: &mut Vec<Finding>) {
    let mut d = p;
    while d < e && d - p < 4 && is_cn_numeral(doc.chars[d]) {
        d += 1;
    }
    if d == p || d >= e || parse_chinese_numeral(&doc.slice(p, d)).is_none() {
        return;
    }
    let m = doc.chars[d];
    if !matches!(m, '.' | '．' | '，' | ',') {
        return;
    }
    // A title follows, perhaps after spaces (`一. 深刻领会`): a Han character (not a number or
    // a unit). The spaces go with the mark: `一、` takes none.
    let mut t = d + 1;
    while t < e && is_space(doc.chars[t]) {
        t += 1;
    }
    let Some(next) = doc.at(t).filter(|_| t < e) else { return };
    if !(crate::punct::is_han(next) || next == '“' || next == '《') || is_cn_numeral(next) {
        return;
    }
    out.push(doc.finding(
        "ordinal.mark",
        CAT,
        d,
        t,
        Some("、".into()),
        format!("序号「{}」后应用「、」，不用「{m}」", doc.slice(p, d)),
    ));
}

/// The outline's numbering problems, each on its ordinal. The outline reads
/// the text with the wrong marks found above already put right (`一.` →
/// `一、`, one char for one, so offsets stay), so that `一.` counts as the
/// heading it is meant to be.
fn numbering(doc: &Doc, out: &mut Vec<Finding>) {
    let patched: Option<String> = {
        let marks: Vec<usize> = out.iter().filter(|f| f.rule == "ordinal.mark" && f.suggestion.as_deref() == Some("、")).map(|f| f.start).collect();
        (!marks.is_empty()).then(|| {
            let mut c = doc.chars.clone();
            for m in marks {
                c[m] = '、';
            }
            c.into_iter().collect()
        })
    };
    let problems = edit::check(patched.as_deref().unwrap_or(doc.text));
    if problems.is_empty() {
        return;
    }
    for p in problems {
        let li = doc.lines.partition_point(|&(s, _)| s <= p.offset);
        let Some(li) = li.checked_sub(1) else { continue };
        if in_attachment_list(doc, li) {
            continue;
        }
        let (s, e) = doc.lines[li];
        let line = doc.slice(s, e);
        let Some(o) = ordinal::detect(&line) else { continue };
        let (start, end) = (s + o.start, s + o.end);
        let rule = match p.kind {
            ProblemKind::Gap => "ordinal.numbering_gap",
            ProblemKind::Repeat => "ordinal.numbering_repeat",
            ProblemKind::OutOfOrder => "ordinal.numbering_order",
            ProblemKind::MixedForm => "ordinal.numbering_mixed_form",
            ProblemKind::MixedStyle => "ordinal.numbering_mixed_style",
        };
        out.push(doc.finding(rule, CAT, start, end, None, p.message));
    }
}

/// Line `li` continues the list of attachments that a line `附件：1．……`
/// opens (GB/T 9704's 附件说明): its numbers belong to that list, not to the outline.
fn in_attachment_list(doc: &Doc, li: usize) -> bool {
    let mut i = li;
    while i > 0 {
        i -= 1;
        let (s, e) = doc.lines[i];
        let line = doc.slice(s, e);
        let t = line.trim_start_matches(is_space);
        if t.is_empty() {
            continue;
        }
        if t.starts_with("附件") {
            return true;
        }
        if ordinal::detect(t).is_none_or(|o| o.style != Style::Arabic) {
            return false;
        }
    }
    false
}
