//! Edits as the editor reports them, applied to a copy of its text.
//!
//! The app keeps the text being edited on the Rust side too, so a keystroke
//! sends only what changed instead of the whole lecture (a 50,000-character
//! lecture is 150 KB a keystroke). The editor (CodeMirror, like the DOM)
//! counts positions in UTF-16 code units; each change replaces `from..to`
//! of the text as it was before any of the changes, as CodeMirror's
//! `ChangeSet.iterChanges` reports them (in order, not overlapping).

use serde::Deserialize;

use crate::analysis::{self, Analysis, AnalysisUpdate};

/// One replaced range, in UTF-16 code units of the text before the changes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Change {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// Why the changes do not fit the text (the editor and the copy have drifted
/// apart: the caller sends the whole text instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("编辑与文本不同步（{0}）")]
pub struct OutOfStep(pub &'static str);

/// The byte offset of UTF-16 position `units` in `text`, scanning from
/// `start` (a byte offset at UTF-16 position `start_units`).
fn byte_at(text: &str, start: usize, start_units: usize, units: usize) -> Result<usize, OutOfStep> {
    let mut at_units = start_units;
    for (i, c) in text[start..].char_indices() {
        if at_units == units {
            return Ok(start + i);
        }
        if at_units > units {
            return Err(OutOfStep("位置落在字符中间"));
        }
        at_units += c.len_utf16();
    }
    if at_units == units {
        Ok(text.len())
    } else {
        Err(OutOfStep("位置超出文本"))
    }
}

/// `text` with `changes` applied. `old_len` and `new_len` are the editor's
/// lengths (UTF-16) before and after: both are checked, so a copy that has
/// drifted from the editor is caught rather than silently analysed.
pub fn apply(text: &str, changes: &[Change], old_len: usize, new_len: usize) -> Result<String, OutOfStep> {
    let len16 = |s: &str| s.chars().map(char::len_utf16).sum::<usize>();
    if len16(text) != old_len {
        return Err(OutOfStep("长度不符"));
    }
    let mut out = String::with_capacity(text.len() + changes.iter().map(|c| c.insert.len()).sum::<usize>());
    let (mut byte, mut units) = (0usize, 0usize);
    for c in changes {
        if c.from < units || c.to < c.from {
            return Err(OutOfStep("修改次序不对"));
        }
        let from = byte_at(text, byte, units, c.from)?;
        let to = byte_at(text, from, c.from, c.to)?;
        out.push_str(&text[byte..from]);
        out.push_str(&c.insert);
        byte = to;
        units = c.to;
    }
    out.push_str(&text[byte..]);
    if len16(&out) != new_len {
        return Err(OutOfStep("修改后长度不符"));
    }
    Ok(out)
}

/// The copy of the text in the editor and of the analysis last sent for it, so that a keystroke
/// sends only its changes and is answered with only the analysis's changes.
#[derive(Debug, Default)]
pub struct EditorCopy {
    copy: Option<(String, Analysis)>,
}

impl EditorCopy {
    /// Analyses the whole text (a lecture opened, or the copy found out of step) and keeps it as
    /// the copy later changes apply to.
    pub fn analyze(&mut self, text: String, rate: u32) -> Analysis {
        let a = analysis::analyze(&text, rate);
        self.copy = Some((text, a.clone()));
        a
    }

    /// Applies the editor's changes since the last analysis to the copy and analyses the result,
    /// answered as its change from the analysis sent before. An error means the copy is out of
    /// step (or there is none): the editor then sends the whole text.
    pub fn analyze_changes(&mut self, changes: &[Change], old_len: usize, new_len: usize, rate: u32) -> Result<AnalysisUpdate, OutOfStep> {
        let Some((text, sent)) = self.copy.as_mut() else {
            return Err(OutOfStep("没有正文的副本"));
        };
        let next = apply(text, changes, old_len, new_len)?;
        let a = analysis::analyze(&next, rate);
        let update = a.update_from(sent);
        *text = next;
        *sent = a;
        Ok(update)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn change(from: usize, to: usize, insert: &str) -> Change {
        Change { from, to, insert: insert.into() }
    }

    #[test]
    fn applies_insertions_deletions_and_replacements_in_utf16_positions() {
        let text = "一、总体要求\n\n同志们：";
        assert_eq!(apply(text, &[change(2, 2, "新的")], 12, 14).unwrap(), "一、新的总体要求\n\n同志们：");
        assert_eq!(apply(text, &[change(0, 2, ""), change(8, 11, "大家")], 12, 9).unwrap(), "总体要求\n\n大家：");
        // U+20000 is one character but two UTF-16 units.
        let rare = "𠀀一、标题";
        assert_eq!(apply(rare, &[change(2, 3, "二")], 6, 6).unwrap(), "𠀀二、标题");
        assert!(apply(rare, &[change(1, 1, "x")], 6, 7).is_err(), "inside a surrogate pair");
    }

    #[test]
    fn a_copy_out_of_step_is_caught() {
        assert!(apply("同志们", &[change(0, 0, "各位")], 4, 5).is_err());
        assert!(apply("同志们", &[change(0, 0, "各位")], 3, 4).is_err());
        assert!(apply("同志们", &[change(2, 5, "")], 3, 0).is_err());
        assert!(apply("同志们", &[change(2, 2, "a"), change(1, 1, "b")], 3, 5).is_err());
    }

    #[test]
    fn the_copy_answers_keystrokes_with_the_analysis_of_the_whole_text() {
        let mut copy = EditorCopy::default();
        assert!(copy.analyze_changes(&[], 0, 0, 200).is_err(), "no copy yet: the editor must send the text");
        let text = "一、总体要求\n\n同志们：";
        let first = copy.analyze(text.to_string(), 200);
        let u = copy.analyze_changes(&[change(2, 2, "新的")], 12, 14, 200).unwrap();
        let now = analysis::analyze("一、新的总体要求\n\n同志们：", 200);
        assert_eq!(u, now.update_from(&first));
        // A change that does not fit the copy is refused, and the copy stays as it was.
        assert!(copy.analyze_changes(&[change(0, 0, "x")], 12, 13, 200).is_err());
        let u = copy.analyze_changes(&[change(0, 0, "")], 14, 14, 200).unwrap();
        assert_eq!(u, now.update_from(&now));
    }

    proptest! {
        /// Whatever the edits, applying them equals rebuilding the text by hand.
        #[test]
        fn equals_splicing_by_hand(
            text in "[一二三、。a-c𠀀\n]{0,40}",
            edits in proptest::collection::vec((0usize..50, 0usize..5, "[四五b𠀁]{0,3}"), 0..4),
        ) {
            let chars: Vec<char> = text.chars().collect();
            // Turn the random edits into ordered, non-overlapping char ranges.
            let mut at = 0usize;
            let mut changes = Vec::new();
            let mut expected = String::new();
            for (gap, len, insert) in edits {
                let from = (at + gap % 7).min(chars.len());
                let to = (from + len).min(chars.len());
                expected.extend(&chars[at..from]);
                expected.push_str(&insert);
                let u = |n: usize| chars[..n].iter().map(|c| c.len_utf16()).sum::<usize>();
                changes.push(change(u(from), u(to), &insert));
                at = to;
            }
            expected.extend(&chars[at..]);
            let len16 = |s: &str| s.chars().map(char::len_utf16).sum::<usize>();
            prop_assert_eq!(apply(&text, &changes, len16(&text), len16(&expected)).unwrap(), expected);
        }
    }
}
