//! Spacing: spaces between Han characters (`基层 党组织`, often left by a
//! PDF's line wraps) and spaces before Chinese punctuation. Left alone:
//! indentation, title-like lines (slogans written `不忘初心 牢记使命`), the
//! space after `第一部分`, and the space between joint issuing bodies
//! (`中共中央 国务院`, `中共中央办公厅 国务院办公厅`).

use super::{Category, Doc, Finding};
use crate::ordinal::is_space;
use crate::punct::{is_closing_or_stop, is_han};

const CAT: Category = Category::Spacing;

/// How the name of an issuing body ends: a space after one of these, before
/// Han text, separates two bodies.
const BODIES: [&str; 16] = ["中共中央", "国务院", "中央军委", "办公厅", "委员会", "常委会", "人民政府", "政协", "党组", "部", "委", "局", "厅", "署", "办", "院"];

pub fn check(doc: &Doc, out: &mut Vec<Finding>) {
    // Fast exit: no space inside any line.
    if !doc.chars.iter().any(|&c| c == ' ' || c == '\u{3000}' || c == '\u{a0}') {
        return;
    }
    for &(s, e) in &doc.lines {
        let Some(first) = (s..e).find(|&i| !is_space(doc.chars[i])) else { continue };
        let mut i = first;
        let mut title_like: Option<bool> = None;
        while i < e {
            if !is_space(doc.chars[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < e && is_space(doc.chars[j]) {
                j += 1;
            }
            if j == e {
                break; // trailing spaces: invisible, not worth a finding
            }
            let (prev, next) = (doc.chars[i - 1], doc.chars[j]);
            if is_closing_or_stop(next) {
                out.push(doc.finding("space.before_punct", CAT, i, j, Some(String::new()), format!("「{next}」前不应有空格")));
            } else if is_han(prev) && is_han(next) {
                let tl = *title_like.get_or_insert_with(|| is_title_like(doc, s, e));
                if !tl && !after_body(doc, s, i) && !after_large_ordinal(doc, s, e, i) {
                    out.push(doc.finding("space.between_han", CAT, i, j, Some(String::new()), "汉字之间不应有空格".into()));
                }
            }
            i = j;
        }
    }
}

/// A heading or title line: short, and no sentence or pause marks.
fn is_title_like(doc: &Doc, s: usize, e: usize) -> bool {
    e - s <= 40 && !doc.chars[s..e].iter().any(|&c| matches!(c, '。' | '，' | '；' | '！' | '？'))
}

fn after_body(doc: &Doc, s: usize, i: usize) -> bool {
    let from = i.saturating_sub(4).max(s);
    let before = doc.slice(from, i);
    BODIES.iter().any(|b| before.ends_with(b))
}

/// The space after `第一部分` / `第三章` at the line start.
fn after_large_ordinal(doc: &Doc, s: usize, e: usize, i: usize) -> bool {
    let line = doc.slice(s, e);
    crate::ordinal::detect(&line).is_some_and(|o| o.style.is_large_unit() && s + o.end <= i && i < s + o.title_start)
}
