//! What the editor shows beside the text, computed in one pass after each edit: the outline as a flat
//! list with per-section counts and numbering problems; and structural edits named the way the
//! outline pane names sections (their index in document order).

use serde::{Deserialize, Serialize};

use crate::edit::{self, EditError, Place};
use crate::{outline, stats};

/// One heading of the outline, flat, in document order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineItem {
    pub index: usize,
    pub level: u8,
    pub number: String,
    pub title: String,
    /// Character offsets: the heading's start, the section's end, the end of the heading's own text.
    pub start: usize,
    pub end: usize,
    pub heading_end: usize,
    /// 字数 of the whole section, subsections included.
    pub char_count: usize,
    pub minutes: f64,
    /// The first numbering problem at this heading, in Chinese.
    pub problem: Option<String>,
}

/// A problem with the numbering, at a character offset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
}

/// The outline, counts and numbering problems of a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub title: Option<String>,
    pub char_count: usize,
    pub minutes: f64,
    pub items: Vec<OutlineItem>,
    pub problems: Vec<Problem>,
}

/// Analyses `text` at `rate` characters a minute.
pub fn analyze(text: &str, rate: u32) -> Analysis {
    let outline = outline::parse(text);
    let problems = edit::check(text);
    // Prefix counts over characters, so each section counts in O(1).
    let mut prefix = Vec::with_capacity(text.len() / 3 + 1);
    let mut n = 0usize;
    prefix.push(0);
    for c in text.chars() {
        if stats::counts(c) {
            n += 1;
        }
        prefix.push(n);
    }
    let count = |from: usize, to: usize| prefix[to.min(prefix.len() - 1)] - prefix[from.min(prefix.len() - 1)];
    let items = outline
        .flat()
        .into_iter()
        .enumerate()
        .map(|(index, s)| {
            let char_count = count(s.start, s.end);
            OutlineItem {
                index,
                level: s.level,
                number: s.number.clone(),
                title: s.title.clone(),
                start: s.start,
                end: s.end,
                heading_end: s.heading_end,
                char_count,
                minutes: stats::minutes(char_count, rate),
                problem: problems.iter().find(|p| p.section == index).map(|p| p.message.clone()),
            }
        })
        .collect();
    Analysis {
        title: outline.title,
        char_count: n,
        minutes: stats::minutes(n, rate),
        items,
        problems: problems.into_iter().map(|p| Problem { offset: p.offset, message: p.message }).collect(),
    }
}

/// An analysis told as its change from the one before it: what the editor is sent after each
/// keystroke. A long lecture's outline is some 30 KB whole, nearly all of it titles that a keystroke
/// does not touch; here the items' positions and counts come as plain columns, and their words only
/// where they differ from the earlier analysis's item at the same index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalysisUpdate {
    pub title: Option<String>,
    pub char_count: usize,
    pub minutes: f64,
    pub problems: Vec<Problem>,
    /// One entry per item, in document order: the item's field of the same name.
    pub level: Vec<u8>,
    pub start: Vec<usize>,
    pub end: Vec<usize>,
    pub heading_end: Vec<usize>,
    pub item_chars: Vec<usize>,
    pub item_minutes: Vec<f64>,
    /// The number, title and problem of each item whose words are not those of the earlier item at
    /// its index (or that had no earlier item).
    pub words: Vec<ItemWords>,
}

/// The words of one outline item.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
            title: self.title.clone(),
            char_count: self.char_count,
            minutes: self.minutes,
            problems: self.problems.clone(),
            level: self.items.iter().map(|i| i.level).collect(),
            start: column(|i| i.start),
            end: column(|i| i.end),
            heading_end: column(|i| i.heading_end),
            item_chars: column(|i| i.char_count),
            item_minutes: self.items.iter().map(|i| i.minutes).collect(),
            words,
        }
    }
}

/// A structural edit, naming sections by their index in document order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum OutlineOp {
    Move { index: usize, target: usize, placement: Placement },
    Promote { index: usize },
    Demote { index: usize },
    Renumber,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Before,
    After,
}

/// The text after an edit, and where the edited heading now starts (character offset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditResult {
    pub text: String,
    pub cursor: usize,
}

/// Applies a structural edit; the ordinals are renumbered.
pub fn apply(text: &str, op: &OutlineOp) -> Result<EditResult, EditError> {
    let before = outline::parse(text);
    let flat = before.flat();
    let (new_text, edited) = match *op {
        OutlineOp::Move { index, target, placement } => {
            let place = match placement {
                Placement::Before => Place::Before,
                Placement::After => Place::After,
            };
            (edit::move_section(text, index, target, place)?, Some(index))
        }
        OutlineOp::Promote { index } => (edit::promote(text, index)?, Some(index)),
        OutlineOp::Demote { index } => (edit::demote(text, index)?, Some(index)),
        OutlineOp::Renumber => (edit::renumber(text), None),
    };
    let cursor = edited
        .and_then(|i| flat.get(i))
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
        .unwrap_or(0);
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
        let part1: usize = a.items[0].char_count;
        assert_eq!(part1, stats::count_chars(&TEXT.chars().skip(a.items[0].start).take(a.items[0].end - a.items[0].start).collect::<String>()));
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
                    end: u.end[index],
                    heading_end: u.heading_end[index],
                    char_count: u.item_chars[index],
                    minutes: u.item_minutes[index],
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
        assert_eq!((u.char_count, u.problems.len()), (now.char_count, now.problems.len()));

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
