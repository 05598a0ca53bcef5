//! Differences between two versions of a lecture, paragraph by paragraph: what a user compares when
//! looking at a snapshot, or at the text a draft was adapted from.
//!
//! Uses the `similar` crate (Myers/Patience diff, well kept and dependency-free) over paragraphs.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// How a paragraph differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

/// One paragraph of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

/// Compares `old` and `new` paragraph by paragraph (blank lines are not paragraphs). A changed
/// paragraph shows as the old one removed and the new one added.
pub fn diff_paragraphs(old: &str, new: &str) -> Vec<DiffLine> {
    let old = paragraphs(old);
    let new = paragraphs(new);
    let diff = TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_slices(&old, &new);
    diff.iter_all_changes()
        .map(|c| DiffLine {
            kind: match c.tag() {
                ChangeTag::Equal => DiffKind::Same,
                ChangeTag::Insert => DiffKind::Added,
                ChangeTag::Delete => DiffKind::Removed,
            },
            text: c.value().to_string(),
        })
        .collect()
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(d: &[DiffLine]) -> Vec<(DiffKind, &str)> {
        d.iter().map(|l| (l.kind, l.text.as_str())).collect()
    }

    #[test]
    fn shows_changed_added_and_removed_paragraphs_in_order() {
        let old = "一、总体要求\n\n坚持问题导向。\n\n二、主要任务\n\n加强队伍建设。";
        let new = "一、总体要求\n\n坚持目标导向。\n\n二、主要任务\n\n加强队伍建设。\n\n三、保障措施";
        use DiffKind::*;
        assert_eq!(
            kinds(&diff_paragraphs(old, new)),
            vec![
                (Same, "一、总体要求"),
                (Removed, "坚持问题导向。"),
                (Added, "坚持目标导向。"),
                (Same, "二、主要任务"),
                (Same, "加强队伍建设。"),
                (Added, "三、保障措施"),
            ]
        );
    }

    #[test]
    fn identical_texts_have_no_change_whatever_their_blank_lines() {
        let d = diff_paragraphs("甲。\n\n乙。", "甲。\n乙。\n");
        assert!(d.iter().all(|l| l.kind == DiffKind::Same));
        assert_eq!(d.len(), 2);
    }
}
