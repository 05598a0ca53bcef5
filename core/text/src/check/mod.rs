//! 校对: the proofreading pass over a lecture as written (not cleaned).
//!
//! Each rule family is one file: [`punctuation`] (GB/T 15834), [`ordinals`]
//! (the ordinal forms by level, and the outline's numbering check),
//! [`numbers`] (GB/T 15835), [`spacing`], [`doubled`] (doubled characters)
//! and [`wording`] (规范表述, rules kept as data). The punctuation knowledge
//! is the cleaner's, in [`crate::punct`].
//!
//! A [`Finding`] names its rule, its [`Category`], its span in character
//! offsets of the text, the text found, the replacement when one is certain
//! and a one-line Chinese message. [`Finding::fix`], [`fixes`] and [`apply`]
//! turn findings into edits, so the editor's pane stays a thin layer.
//!
//! Rule ids: `punct.half_width`, `punct.pair_unclosed`, `punct.pair_unopened`,
//! `punct.pair_reversed`, `punct.repeated`, `punct.clash`, `punct.ellipsis`,
//! `punct.dash`, `punct.dunhao_deng`; `ordinal.mark`, `ordinal.half_width`,
//! `ordinal.numbering_{gap,repeat,order,mixed_form,mixed_style}`;
//! `number.full_width`, `number.year_two_ways`; `space.between_han`,
//! `space.before_punct`; `doubled.char`; `wording`.
//!
//! Precision comes first: a checker that cries wolf gets switched off, so
//! every rule leaves alone what official texts legitimately write (decimals,
//! times, Latin runs, real reduplication, joint issuing bodies, quotes that
//! span paragraphs …).

pub mod doubled;
pub mod numbers;
pub mod ordinals;
pub mod punctuation;
pub mod spacing;
pub mod wording;

use std::sync::OnceLock;

use serde::Serialize;

pub use wording::WordingRule;

/// The kind of error a finding is, for grouping in the pane. Serialised as
/// its Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Category {
    #[serde(rename = "标点")]
    Punctuation,
    #[serde(rename = "序号")]
    Ordinal,
    #[serde(rename = "数字")]
    Number,
    #[serde(rename = "空格")]
    Spacing,
    #[serde(rename = "重字")]
    Doubled,
    #[serde(rename = "规范表述")]
    Wording,
}

impl Category {
    /// The category's Chinese name, as the pane and the CLI show it.
    pub fn label(self) -> &'static str {
        match self {
            Category::Punctuation => "标点",
            Category::Ordinal => "序号",
            Category::Number => "数字",
            Category::Spacing => "空格",
            Category::Doubled => "重字",
            Category::Wording => "规范表述",
        }
    }

    /// A short ASCII name of the category, for styling (the underline's colour).
    pub fn key(self) -> &'static str {
        match self {
            Category::Punctuation => "punct",
            Category::Ordinal => "ordinal",
            Category::Number => "number",
            Category::Spacing => "space",
            Category::Doubled => "doubled",
            Category::Wording => "wording",
        }
    }
}

/// One error found. `start..end` are character offsets in the text checked;
/// `found` is exactly that span. `suggestion` is the replacement of the span
/// when it is certain (an empty string deletes the span).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub suggestion: Option<String>,
    pub message: String,
}

/// One replacement, in character offsets of the text the findings came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub insert: String,
}

impl Finding {
    /// The edit that applies this finding's suggestion (none without one).
    pub fn fix(&self) -> Option<Edit> {
        self.suggestion.as_ref().map(|s| Edit { start: self.start, end: self.end, insert: s.clone() })
    }
}

/// The edits that fix every finding of `rule` with a suggestion (every
/// finding when `rule` is `None`), in order and not overlapping: a finding
/// overlapping one already taken is left for the next check. 全部改 applies
/// these as one step.
pub fn fixes(findings: &[Finding], rule: Option<&str>) -> Vec<Edit> {
    let mut edits: Vec<Edit> =
        findings.iter().filter(|f| rule.is_none_or(|r| f.rule == r)).filter_map(Finding::fix).collect();
    // Of two fixes starting together, the longer (`、、` over its first `、`).
    edits.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if out.last().is_none_or(|l| l.end <= e.start && l.start != e.start) {
            out.push(e);
        }
    }
    out
}

/// `text` with `edits` applied (character offsets, in order, not
/// overlapping; an edit out of order or out of range is skipped).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let n = bytes.len() - 1;
    let mut out = String::with_capacity(text.len() + 16);
    let (mut copied, mut last_end) = (0, 0);
    for e in edits {
        if e.start < last_end || e.end < e.start || e.end > n {
            continue;
        }
        out.push_str(&text[copied..bytes[e.start]]);
        out.push_str(&e.insert);
        copied = bytes[e.end];
        last_end = e.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The text being checked: its chars and its lines, shared by the rules.
pub struct Doc<'a> {
    pub text: &'a str,
    pub chars: Vec<char>,
    /// Each line as a char range `start..end` (`end` before its `\n`).
    pub lines: Vec<(usize, usize)>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let chars: Vec<char> = text.chars().collect();
        let mut lines = Vec::new();
        let mut s = 0;
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                lines.push((s, i));
                s = i + 1;
            }
        }
        lines.push((s, chars.len()));
        Doc { text, chars, lines }
    }

    /// The chars of `start..end` as a string.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// A finding over `start..end`.
    pub fn finding(&self, rule: &str, category: Category, start: usize, end: usize, suggestion: Option<String>, message: String) -> Finding {
        Finding { rule: rule.to_string(), category, start, end, found: self.slice(start, end), suggestion, message }
    }

    /// The char at `i`, `None` out of range.
    pub fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The char before `i`, `None` at the start.
    pub fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.at(j))
    }
}

/// A checker with its wording rules (the shipped ones and the user's).
/// Building one compiles the wording rules; keep it for repeated checks.
pub struct Checker {
    wording: wording::Matcher,
}

impl Checker {
    /// The shipped rules plus `user` wording rules (from the library).
    pub fn new(user: &[WordingRule]) -> Checker {
        let mut rules = wording::builtin().to_vec();
        rules.extend(user.iter().filter(|r| !r.pattern.is_empty()).cloned());
        Checker { wording: wording::Matcher::new(rules) }
    }

    /// Every finding in `text`, in order of position.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        let doc = Doc::new(text);
        let mut out = Vec::new();
        // Order matters for duplicates: an earlier family's finding wins over
        // a later one on the same span (`一,` is an ordinal error first).
        ordinals::check(&doc, &mut out);
        punctuation::check(&doc, &mut out);
        numbers::check(&doc, &mut out);
        spacing::check(&doc, &mut out);
        doubled::check(&doc, &mut out);
        self.wording.check(&doc, &mut out);
        dedupe(out)
    }
}

/// Spans sorted by start, each with the largest end up to it: whether a
/// span overlaps or lies within one of them is a binary search.
struct Spans {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<(usize, usize)>) -> Spans {
        spans.sort_unstable();
        let mut m = 0;
        let max_end = spans.iter().map(|&(_, e)| {
            m = m.max(e);
            m
        }).collect();
        Spans { starts: spans.into_iter().map(|(s, _)| s).collect(), max_end }
    }

    /// The largest end among the spans starting before `pos` (`at_or_before`: at or before).
    fn max_end_before(&self, pos: usize, at_or_before: bool) -> usize {
        let n = if at_or_before { self.starts.partition_point(|&s| s <= pos) } else { self.starts.partition_point(|&s| s < pos) };
        if n == 0 { 0 } else { self.max_end[n - 1] }
    }

    fn overlaps(&self, s: usize, e: usize) -> bool {
        self.max_end_before(e, false) > s
    }

    fn contains(&self, s: usize, e: usize) -> bool {
        self.max_end_before(s, true) >= e && self.starts.first().is_some_and(|&f| f <= s)
    }
}

/// Drops a finding within a span the ordinal rules already reported
/// (`(二)` as an ordinal, not as two half-width marks), and a numbering
/// problem (which has no fix) on an ordinal another finding already covers.
fn dedupe(findings: Vec<Finding>) -> Vec<Finding> {
    let numbering = |f: &Finding| f.rule.starts_with("ordinal.numbering");
    let others = Spans::new(findings.iter().filter(|f| !numbering(f)).map(|f| (f.start, f.end)).collect());
    let (ordinal, rest): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|f| f.category == Category::Ordinal);
    let ordinal: Vec<Finding> = ordinal.into_iter().filter(|f| !(numbering(f) && others.overlaps(f.start, f.end))).collect();
    let covered = Spans::new(ordinal.iter().map(|f| (f.start, f.end)).collect());
    let mut out = ordinal;
    out.extend(rest.into_iter().filter(|f| !covered.contains(f.start, f.end)));
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// Every finding in `text` with the shipped rules.
pub fn check(text: &str) -> Vec<Finding> {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(&[])).check(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_fixes_of_one_rule_apply_as_one_list_of_edits() {
        let text = "我们要要坚持,不动摇,的的确确。";
        let found = check(text);
        let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["doubled.char", "punct.half_width", "punct.half_width"]);
        let edits = fixes(&found, Some("punct.half_width"));
        assert_eq!(edits, [Edit { start: 6, end: 7, insert: "，".into() }, Edit { start: 10, end: 11, insert: "，".into() }]);
        assert_eq!(apply(text, &edits), "我们要要坚持，不动摇，的的确确。");
        let one = found[0].fix().unwrap();
        assert_eq!(apply(text, &[one]), "我们要坚持,不动摇,的的确确。");
        assert_eq!(apply(text, &fixes(&found, None)), "我们要坚持，不动摇，的的确确。");
    }

    #[test]
    fn overlapping_and_out_of_range_edits_are_skipped() {
        let e = |start, end, insert: &str| Edit { start, end, insert: insert.into() };
        assert_eq!(apply("一二三", &[e(0, 2, "甲"), e(1, 3, "乙"), e(2, 9, "丙")]), "甲三");
        assert_eq!(apply("", &[e(0, 0, "甲")]), "甲");
    }
}
