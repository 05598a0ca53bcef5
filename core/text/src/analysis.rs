//! What the editor shows beside the text, computed in one pass after each edit: the outline as a flat
//! list with per-section counts, speaking times and numbering problems; and structural edits named
//! the way the outline pane names sections (their index in document order).
//!
//! This is the editor's wire format. Positions in it are UTF-16 code units, as CodeMirror and the
//! DOM count them (the rest of the text engine counts characters); it carries only what the editor
//! reads, since it is sent after every pause in typing.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::counter::Counter;
use crate::edit::{self, EditError, Place};
use crate::{outline, stats};

/// One heading of the outline, flat, in document order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutlineItem {
    pub index: usize,
    pub level: u8,
    pub number: String,
    pub title: String,
    /// UTF-16 positions of the heading's start and of the end of the heading's own text.
    pub start: usize,
    pub heading_end: usize,
    /// 字数 of the whole section, subsections included.
    pub char_count: usize,
    /// Its speaking time as shown, e.g. "3" or "0.5" ([`stats::minutes_label`]).
    pub minutes: String,
    /// The first numbering problem at this heading, in Chinese.
    pub problem: Option<String>,
}

/// The outline and counts of a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Analysis {
    pub char_count: usize,
    /// The whole text's speaking time as shown ([`stats::minutes_label`]).
    pub minutes: String,
    pub items: Vec<OutlineItem>,
    /// The closing remarks (结束语) after the last section, if the text has them: the outline's
    /// last row, unnumbered and not movable ([`outline::Closing`]).
    pub closing: Option<ClosingItem>,
}

/// The closing remarks as the outline shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClosingItem {
    /// Always `结束语`.
    pub title: String,
    /// UTF-16 position where the closing begins.
    pub start: usize,
    pub char_count: usize,
    /// Its speaking time as shown ([`stats::minutes_label`]).
    pub minutes: String,
}

/// Analyses `text` at `rate` characters a minute.
pub fn analyze(text: &str, rate: u32) -> Analysis {
    // One scan of the lines for both the outline and the numbering check.
    let scan = outline::scan(text);
    let outline = outline::parse_scanned(text, &scan);
    let counter = Counter::new(text);
    // The first problem at each heading, found in one pass (problems come in no set order).
    let flat = outline.flat();
    let mut problems: Vec<Option<String>> = vec![None; flat.len()];
    for p in edit::check_scanned(&scan) {
        if let Some(slot @ None) = problems.get_mut(p.section) {
            *slot = Some(p.message);
        }
    }
    // Sections of one size share their label: formatting a float for each of 50,000 one-line
    // headings was a tenth of the work.
    let mut labels: HashMap<usize, String> = HashMap::new();
    let mut label = |chars: usize| labels.entry(chars).or_insert_with(|| stats::minutes_label(stats::minutes(chars, rate))).clone();
    let items = flat
        .into_iter()
        .zip(problems)
        .enumerate()
        .map(|(index, (s, problem))| {
            let char_count = counter.count(s.start, s.end);
            OutlineItem {
                index,
                level: s.level,
                number: s.number.clone(),
                title: s.title.clone(),
                start: counter.utf16(s.start),
                heading_end: counter.utf16(s.heading_end),
                char_count,
                minutes: label(char_count),
                problem,
            }
        })
        .collect();
    let closing = outline.closing.as_ref().map(|c| {
        let char_count = counter.count(c.start, c.end);
        ClosingItem {
            title: c.title.clone(),
            start: counter.utf16(c.start),
            char_count,
            minutes: stats::minutes_label(stats::minutes(char_count, rate)),
        }
    });
    let n = counter.total();
    Analysis { char_count: n, minutes: stats::minutes_label(stats::minutes(n, rate)), items, closing }
}

/// An analysis told as its change from the one before it: what the editor is sent after each
/// keystroke. A long lecture's outline is some 30 KB whole, nearly all of it titles that a keystroke
/// does not touch; here the items' positions and counts come as plain columns, and their words only
/// where they differ from the earlier analysis's item at the same index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AnalysisUpdate {
    pub char_count: usize,
    pub minutes: String,
    /// One entry per item, in document order: the item's field of the same name.
    pub level: Vec<u8>,
    pub start: Vec<usize>,
    pub heading_end: Vec<usize>,
    pub item_chars: Vec<usize>,
    pub item_minutes: Vec<String>,
    /// The number, title and problem of each item whose words are not those of the earlier item at
    /// its index (or that had no earlier item).
    pub words: Vec<ItemWords>,
    /// The closing remarks, sent whole (one small row).
    pub closing: Option<ClosingItem>,
}

/// The words of one outline item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemWords {
    pub index: usize,
    pub number: String,
    pub title: String,
    pub problem: Option<String>,
}

impl Analysis {
    /// This analysis as its change from `earlier`.
    pub fn update_from(&self, earlier: &Analysis) -> AnalysisUpdate {
        let column = |f: fn(&OutlineItem) -> usize| self.items.iter().map(f).collect::<Vec<_>>();
        let words = self
            .items
            .iter()
            .filter(|i| {
                earlier
                    .items
                    .get(i.index)
                    .is_none_or(|e| e.number != i.number || e.title != i.title || e.problem != i.problem)
            })
            .map(|i| ItemWords { index: i.index, number: i.number.clone(), title: i.title.clone(), problem: i.problem.clone() })
            .collect();
        AnalysisUpdate {
            char_count: self.char_count,
            minutes: self.minutes.clone(),
            level: self.items.iter().map(|i| i.level).collect(),
            start: column(|i| i.start),
            heading_end: column(|i| i.heading_end),
            item_chars: column(|i| i.char_count),
            item_minutes: self.items.iter().map(|i| i.minutes.clone()).collect(),
            words,
            closing: self.closing.clone(),
        }
    }
}

/// A structural edit, naming sections by their index in document order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutlineOp {
    Move { index: usize, target: usize, placement: Placement },
    /// Swap with the previous sibling (same level, same parent); nothing when there is none.
    MoveUp { index: usize },
    /// Swap with the next sibling; nothing when there is none.
    MoveDown { index: usize },
    Promote { index: usize },
    Demote { index: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Before,
    After,
}

/// The text after an edit, and where the edited heading now starts (UTF-16 position).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EditResult {
    pub text: String,
    pub cursor: usize,
}

/// The previous (`back`) or next sibling of section `index`: the nearest section of the same level
/// before (after) it with no shallower section between.
pub fn sibling(flat: &[&outline::Section], index: usize, back: bool) -> Option<usize> {
    let level = flat.get(index)?.level;
    let mut p = index;
    loop {
        p = if back { p.checked_sub(1)? } else { p + 1 };
        let s = flat.get(p)?;
        if s.level < level {
            return None;
        }
        if s.level == level {
            return Some(p);
        }
    }
}

/// Applies a structural edit; the ordinals are renumbered. A move up or down with no sibling that
/// way leaves the text as it is.
pub fn apply(text: &str, op: &OutlineOp) -> Result<EditResult, EditError> {
    let before = outline::parse(text);
    let flat = before.flat();
    let moved = |index: usize, target: Option<usize>, place: Place| match target {
        Some(t) => edit::move_section(text, index, t, place),
        None => Ok(text.to_string()),
    };
    let (new_text, index) = match *op {
        OutlineOp::Move { index, target, placement } => {
            let place = match placement {
                Placement::Before => Place::Before,
                Placement::After => Place::After,
            };
            (edit::move_section(text, index, target, place)?, index)
        }
        OutlineOp::MoveUp { index } => (moved(index, sibling(&flat, index, true), Place::Before)?, index),
        OutlineOp::MoveDown { index } => (moved(index, sibling(&flat, index, false), Place::After)?, index),
        OutlineOp::Promote { index } => (edit::promote(text, index)?, index),
        OutlineOp::Demote { index } => (edit::demote(text, index)?, index),
    };
    let cursor = flat
        .get(index)
        .and_then(|moved| {
            // The edited heading keeps its title; find it in the new text, nearest its old place.
            let after = outline::parse(&new_text);
            after
                .flat()
                .into_iter()
                .filter(|s| s.title == moved.title)
                .min_by_key(|s| s.start.abs_diff(moved.start))
                .map(|s| s.start)
        })
        .map_or(0, |at| Counter::new(&new_text).utf16(at));
    Ok(EditResult { text: new_text, cursor })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "关于做好工作的讲话\n\n同志们：\n\n一、总体要求\n\n（一）坚持问题导向。这是第一点。\n\n（三）坚持目标导向。这是第二点。\n\n二、主要任务\n\n加强队伍建设。";

    #[test]
    fn flattens_the_outline_with_counts_and_problems() {
        let a = analyze(TEXT, 200);
        let titles: Vec<_> = a.items.iter().map(|i| (i.level, i.number.as_str(), i.title.as_str())).collect();
        assert_eq!(
            titles,
            vec![(1, "一、", "总体要求"), (2, "（一）", "坚持问题导向"), (2, "（三）", "坚持目标导向"), (1, "二、", "主要任务")]
        );
        // The first part counts its own heading and both subsections.
        let part1 = &TEXT[TEXT.find("一、").unwrap()..TEXT.find("二、").unwrap()];
        assert_eq!(a.items[0].char_count, stats::count_chars(part1));
        assert_eq!(a.minutes, "0.3", "{} 字 at 200 a minute", a.char_count);
        assert!(a.items[2].problem.is_some(), "（三） after （一） is a gap");
        assert!(a.items[1].problem.is_none());
        assert_eq!(a.char_count, stats::count_chars(TEXT));
    }

    #[test]
    fn moving_a_section_renumbers_and_points_at_it() {
        let r = apply(TEXT, &OutlineOp::Move { index: 3, target: 0, placement: Placement::Before }).unwrap();
        let a = analyze(&r.text, 200);
        assert_eq!(a.items[0].title, "主要任务");
        assert_eq!(a.items[0].number, "一、");
        assert_eq!(a.items.iter().find(|i| i.title == "总体要求").unwrap().number, "二、");
        assert_eq!(r.cursor, a.items[0].start);
    }

    #[test]
    fn positions_are_utf16_units_as_the_editor_counts_them() {
        // U+20000 is one character but two UTF-16 units: every later position moves by one more.
        let text = "题目𠀀\n\n一、总体要求\n\n正文。\n\n二、主要任务\n\n正文。";
        let units = |needle: &str| text[..text.find(needle).unwrap()].encode_utf16().count();
        let a = analyze(text, 200);
        assert_eq!(a.items[0].start, units("一、"));
        assert_eq!(a.items[0].heading_end, units("一、") + "一、总体要求".encode_utf16().count());
        assert_eq!(a.items[1].start, units("二、"));
        let r = apply(text, &OutlineOp::MoveUp { index: 1 }).unwrap();
        assert_eq!(r.cursor, r.text[..r.text.find("一、").unwrap()].encode_utf16().count());
    }

    #[test]
    fn moving_up_and_down_swaps_with_the_sibling_or_does_nothing() {
        // （三） moves above （一）, within its part; the numbers follow the new order.
        let r = apply(TEXT, &OutlineOp::MoveUp { index: 2 }).unwrap();
        let a = analyze(&r.text, 200);
        let titles: Vec<_> = a.items.iter().map(|i| format!("{}{}", i.number, i.title)).collect();
        assert_eq!(titles, vec!["一、总体要求", "（一）坚持目标导向", "（二）坚持问题导向", "二、主要任务"]);
        assert_eq!(r.cursor, a.items[1].start);
        // The first subsection has no sibling above; the last part none below; a part skips the
        // subsections between it and the next part.
        assert_eq!(apply(TEXT, &OutlineOp::MoveUp { index: 1 }).unwrap().text, TEXT);
        assert_eq!(apply(TEXT, &OutlineOp::MoveDown { index: 3 }).unwrap().text, TEXT);
        assert_eq!(apply(TEXT, &OutlineOp::MoveUp { index: 9 }).unwrap().text, TEXT);
        let down = analyze(&apply(TEXT, &OutlineOp::MoveDown { index: 0 }).unwrap().text, 200);
        assert_eq!(down.items[0].title, "主要任务");
        assert_eq!(down.items[1].title, "总体要求");
    }

    #[test]
    fn every_heading_gets_its_own_first_problem() {
        let text = "一、甲\n\n三、乙\n\n三、丙\n\n（二）丁";
        let a = analyze(text, 200);
        let expected: Vec<bool> = edit::check(text).iter().fold(vec![false; a.items.len()], |mut v, p| {
            v[p.section] = true;
            v
        });
        assert_eq!(a.items.iter().map(|i| i.problem.is_some()).collect::<Vec<_>>(), expected);
        assert!(expected.iter().filter(|x| **x).count() >= 2);
        for i in &a.items {
            let first = edit::check(text).into_iter().find(|p| p.section == i.index).map(|p| p.message);
            assert_eq!(i.problem, first);
        }
    }

    #[test]
    fn the_closing_is_an_unnumbered_last_row_that_stays_last() {
        let text = format!("{TEXT}\n\n同志们，让我们携手奋斗！\n\n以上是我的几点体会，与大家共勉。");
        let a = analyze(&text, 200);
        let closing = a.closing.clone().expect("the closing is recognised");
        assert_eq!(closing.title, "结束语");
        assert_eq!(closing.start, text[..text.find("同志们，让我们").unwrap()].encode_utf16().count());
        assert_eq!(closing.char_count, stats::count_chars("同志们，让我们携手奋斗！以上是我的几点体会，与大家共勉。"));
        // The last part no longer counts the closing.
        assert_eq!(a.items[3].char_count, stats::count_chars("二、主要任务加强队伍建设。"));
        // Moving the last part up leaves the closing at the end, and the update carries it.
        let r = apply(&text, &OutlineOp::MoveUp { index: 3 }).unwrap();
        assert!(r.text.ends_with("同志们，让我们携手奋斗！\n\n以上是我的几点体会，与大家共勉。"), "{}", r.text);
        let moved = analyze(&r.text, 200);
        assert_eq!(moved.items.iter().rev().find(|i| i.level == 1).unwrap().title, "总体要求");
        assert!(moved.closing.as_ref().unwrap().start > moved.items.last().unwrap().start);
        assert_eq!(moved.update_from(&a).closing, moved.closing);
        // Without closing formula there is no closing row.
        assert_eq!(analyze(TEXT, 200).closing, None);
    }

    #[test]
    fn an_impossible_edit_is_an_error_not_a_panic() {
        assert!(apply(TEXT, &OutlineOp::Move { index: 9, target: 0, placement: Placement::After }).is_err());
        assert!(apply(TEXT, &OutlineOp::Promote { index: 0 }).is_err());
    }

    /// Rebuilds the items the way the editor does: words from the update, else from `earlier`.
    fn rebuild(earlier: &Analysis, u: &AnalysisUpdate) -> Vec<OutlineItem> {
        (0..u.level.len())
            .map(|index| {
                let (number, title, problem) = match u.words.iter().find(|w| w.index == index) {
                    Some(w) => (w.number.clone(), w.title.clone(), w.problem.clone()),
                    None => {
                        let e = &earlier.items[index];
                        (e.number.clone(), e.title.clone(), e.problem.clone())
                    }
                };
                OutlineItem {
                    index,
                    level: u.level[index],
                    number,
                    title,
                    start: u.start[index],
                    heading_end: u.heading_end[index],
                    char_count: u.item_chars[index],
                    minutes: u.item_minutes[index].clone(),
                    problem,
                }
            })
            .collect()
    }

    #[test]
    fn an_update_carries_only_the_words_that_changed() {
        let earlier = analyze(TEXT, 200);
        // Typing inside a paragraph: positions move, no words change.
        let typed = TEXT.replacen("这是第一点", "这是很重要的第一点", 1);
        let now = analyze(&typed, 200);
        let u = now.update_from(&earlier);
        assert!(u.words.is_empty());
        assert_eq!(rebuild(&earlier, &u), now.items);
        assert_eq!((u.char_count, &u.minutes), (now.char_count, &now.minutes));

        // Retitling one heading and adding another: only those two are sent.
        let retitled = format!("{}\n\n三、组织保障\n\n落实责任。", typed.replacen("主要任务", "重点任务", 1));
        let later = analyze(&retitled, 200);
        let u = later.update_from(&now);
        let sent: Vec<_> = u.words.iter().map(|w| w.title.as_str()).collect();
        assert_eq!(sent, vec!["重点任务", "组织保障"]);
        assert_eq!(rebuild(&now, &u), later.items);

        // Fixing the gap （三）→（二） clears that item's problem, which is sent too.
        let fixed = analyze(&typed.replacen("（三）", "（二）", 1), 200);
        let u = fixed.update_from(&now);
        assert_eq!(u.words.len(), 1);
        assert_eq!((u.words[0].index, u.words[0].problem.clone()), (2, None));
        assert_eq!(rebuild(&now, &u), fixed.items);

        // Deleting a heading: fewer items, the later ones shift down and are sent with their words.
        let cut = analyze(&typed.replacen("（一）坚持问题导向。这是很重要的第一点。\n\n", "", 1), 200);
        let u = cut.update_from(&now);
        assert_eq!(u.level.len(), now.items.len() - 1);
        assert_eq!(rebuild(&now, &u), cut.items);
    }
}
