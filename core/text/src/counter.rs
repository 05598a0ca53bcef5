//! The one section counter: 字数 of any range of a text, and where a character offset falls in
//! UTF-16 (the editor's positions), both from one pass over the text.
//!
//! [`crate::stats`] (the CLI's counts) and [`crate::analysis`] (the editor's outline) count sections
//! through it, so the two can never disagree.

use crate::stats;

/// Running totals at every character of a text.
pub struct Counter {
    /// `counted[i]`: characters that count (字数) before character `i`.
    counted: Vec<usize>,
    /// `units[i]`: UTF-16 code units before character `i`; empty when every character is one unit
    /// (no character outside the Basic Multilingual Plane), as in nearly every lecture.
    units: Vec<usize>,
}

impl Counter {
    /// One pass over `text`.
    pub fn new(text: &str) -> Counter {
        let mut counted = Vec::with_capacity(text.len() / 3 + 1);
        let mut units = Vec::new();
        let (mut n, mut u) = (0usize, 0usize);
        counted.push(0);
        for (i, c) in text.chars().enumerate() {
            if stats::counts(c) {
                n += 1;
            }
            counted.push(n);
            if c.len_utf16() == 2 && units.is_empty() {
                // The first wide character: every offset so far was one unit per character.
                units = (0..=i).collect();
            }
            u += c.len_utf16();
            if !units.is_empty() {
                units.push(u);
            }
        }
        Counter { counted, units }
    }

    /// 字数 of the whole text.
    pub fn total(&self) -> usize {
        self.counted[self.counted.len() - 1]
    }

    /// 字数 of the characters `from..to` (character offsets, clamped to the text).
    pub fn count(&self, from: usize, to: usize) -> usize {
        let last = self.counted.len() - 1;
        self.counted[to.min(last)].saturating_sub(self.counted[from.min(last)])
    }

    /// The UTF-16 position of character offset `at` (clamped to the text).
    pub fn utf16(&self, at: usize) -> usize {
        let at = at.min(self.counted.len() - 1);
        if self.units.is_empty() {
            at
        } else {
            self.units[at]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_ranges_like_count_chars() {
        let text = "一、总体要求\n\n开通5G网络，覆盖率达66.2%。";
        let c = Counter::new(text);
        let chars: Vec<char> = text.chars().collect();
        for from in 0..=chars.len() {
            for to in from..=chars.len() {
                let s: String = chars[from..to].iter().collect();
                assert_eq!(c.count(from, to), stats::count_chars(&s), "{from}..{to}");
            }
        }
        assert_eq!(c.total(), stats::count_chars(text));
    }

    #[test]
    fn utf16_positions_step_two_past_a_rare_character() {
        let c = Counter::new("甲𠀀乙");
        assert_eq!((0..=3).map(|i| c.utf16(i)).collect::<Vec<_>>(), vec![0, 1, 3, 4]);
        let plain = Counter::new("甲乙");
        assert_eq!((0..=2).map(|i| plain.utf16(i)).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(plain.utf16(9), 2, "past the end is the end");
    }
}
