//! Standard wording (规范表述): shortened or outdated forms and their standard
//! form, kept as data. The shipped rules are `wording.tsv` beside this file
//! (pattern, standard form, note on the source, other correct forms); users
//! add their own, kept in the library. A match inside the standard form
//! itself (`党的二十大精神` for the rule `二十大精神`) or inside one of the
//! other correct forms is not a finding.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use super::{Category, Doc, Finding};

/// One wording rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WordingRule {
    /// The wording to find, e.g. `二十大精神`.
    pub pattern: String,
    /// What to write instead, e.g. `党的二十大精神`.
    pub standard: String,
    /// Where the standard form comes from.
    pub note: String,
    /// Other correct forms that contain the pattern (`中共二十大精神`).
    #[serde(default)]
    pub also_correct: Vec<String>,
}

/// Reads rules in the shipped format: one a line, tab-separated pattern,
/// standard form, note and other correct forms (`|`-separated); `#` starts
/// a comment line. Lines without a pattern and a standard form are skipped.
pub fn parse_rules(tsv: &str) -> Vec<WordingRule> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t').map(str::trim);
            let pattern = f.next().filter(|p| !p.is_empty())?.to_string();
            let standard = f.next().filter(|p| !p.is_empty())?.to_string();
            let note = f.next().unwrap_or("").to_string();
            let also_correct = f.next().map(|a| a.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()).unwrap_or_default();
            Some(WordingRule { pattern, standard, note, also_correct })
        })
        .collect()
}

/// The rules Lectern ships.
pub fn builtin() -> &'static [WordingRule] {
    static RULES: OnceLock<Vec<WordingRule>> = OnceLock::new();
    RULES.get_or_init(|| parse_rules(include_str!("wording.tsv")))
}

/// The rules compiled into one automaton (Aho–Corasick: one pass over the
/// text whatever the number of rules).
pub struct Matcher {
    rules: Vec<WordingRule>,
    ac: Option<AhoCorasick>,
}

impl Matcher {
    pub fn new(mut rules: Vec<WordingRule>) -> Matcher {
        // A later rule with the same pattern (the user's) replaces an earlier one.
        let mut seen = std::collections::HashSet::new();
        rules.reverse();
        rules.retain(|r| seen.insert(r.pattern.clone()));
        rules.reverse();
        let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(rules.iter().map(|r| &r.pattern)).ok();
        Matcher { rules, ac }
    }

    pub fn check(&self, doc: &Doc, out: &mut Vec<Finding>) {
        let Some(ac) = &self.ac else { return };
        let text = doc.text;
        // Byte offsets to char offsets, walking forward with the matches.
        let (mut byte, mut chr) = (0usize, 0usize);
        for m in ac.find_iter(text) {
            let r = &self.rules[m.pattern().as_usize()];
            if correct_here(text, m.start(), r) {
                continue;
            }
            chr += text[byte..m.start()].chars().count();
            byte = m.start();
            let start = chr;
            let end = start + text[m.start()..m.end()].chars().count();
            let note = if r.note.is_empty() { String::new() } else { format!("；{}", r.note) };
            out.push(doc.finding(
                "wording",
                Category::Wording,
                start,
                end,
                Some(r.standard.clone()),
                format!("规范表述应为「{}」{note}", r.standard),
            ));
        }
    }
}

/// The match starting at byte `s` lies inside the standard form or another correct form.
fn correct_here(text: &str, s: usize, r: &WordingRule) -> bool {
    std::iter::once(&r.standard).chain(&r.also_correct).any(|form| {
        form.match_indices(r.pattern.as_str()).any(|(k, _)| {
            let from = s.checked_sub(k);
            let to = from.map(|f| f + form.len());
            match (from, to) {
                (Some(f), Some(t)) => text.get(f..t) == Some(form.as_str()),
                _ => false,
            }
        })
    })
}
