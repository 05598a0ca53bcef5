//! Chinese line-breaking rules (clreq, "basic" level), as handout-layout.md
//! lists them. UAX #14 is close but not the same (it will not break on either
//! side of `“` `”` in many contexts and treats `·` as a letter), so the classes
//! here are the document's own, written out.

/// Never at the start of a line.
pub fn no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '”' | '’' | '）' | '》' | '」' | '』' | '】' | '〕' | '〗'
            | '〉' | '…' | '—' | '·' | '・' | '～' | ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '}' | '%'
            | '℃' | '‰' | '］' | '｝' | '％'
    )
}

/// Never at the end of a line.
pub fn no_end(c: char) -> bool {
    matches!(c, '“' | '‘' | '（' | '《' | '「' | '『' | '【' | '〔' | '〖' | '〈' | '(' | '[' | '{' | '［' | '｛')
}

/// `——` and `……` are one unit.
pub fn inseparable(a: char, b: char) -> bool {
    (a == '—' && b == '—') || (a == '…' && b == '…')
}

/// A character of a Latin word or a number (set in the Latin face, never split).
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && (c as u32) < 0x0250)
}

/// A character that joins word characters into one unbreakable word:
/// `66.2%`, `8:30`, `2014-2020`, `don't`, `1,083`.
pub fn is_word_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '-' | '/' | '\'' | '%' | '+' | '&' | '_' | '‰')
}

/// A Han ideograph (or kana): the characters that take a quarter em of space
/// next to a Latin letter or digit.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F | 0x3040..=0x30FF | 0x3007)
}

/// Which side of a full-width mark is blank, and may be squeezed away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// Closing marks and the comma family: the ink is on the left.
    Right,
    /// Opening marks: the ink is on the right.
    Left,
}

/// The squeezable side of a full-width punctuation mark, if it has one.
pub fn blank_side(c: char) -> Option<Blank> {
    match c {
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '”' | '’' | '）' | '》' | '」' | '』' | '】' | '〕' | '〗' | '〉' => {
            Some(Blank::Right)
        }
        '“' | '‘' | '（' | '《' | '「' | '『' | '【' | '〔' | '〖' | '〈' => Some(Blank::Left),
        _ => None,
    }
}

/// Whether `c` is punctuation (not counted as a character of a line's text).
pub fn is_punct(c: char) -> bool {
    blank_side(c).is_some() || no_start(c) || no_end(c) || matches!(c, '—' | '…' | '·')
}

/// Marks each character with the index of the Latin word it belongs to (so no
/// break falls inside one), or `None`. Joiners count only between word characters.
pub fn words(chars: &[char]) -> Vec<Option<usize>> {
    let mut out = vec![None; chars.len()];
    let mut word = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < chars.len() && is_word_char(chars[end]) {
                end += 1;
            } else if end + 1 < chars.len() && is_word_joiner(chars[end]) && is_word_char(chars[end + 1]) {
                end += 2;
            } else if end < chars.len() && matches!(chars[end], '%' | '‰') {
                end += 1;
                break;
            } else {
                break;
            }
        }
        for slot in &mut out[start..end] {
            *slot = Some(word);
        }
        word += 1;
        i = end;
    }
    out
}

/// Whether a line may break between `chars[i - 1]` and `chars[i]`.
pub fn can_break_before(chars: &[char], words: &[Option<usize>], i: usize) -> bool {
    if i == 0 || i >= chars.len() {
        return i == chars.len();
    }
    let (a, b) = (chars[i - 1], chars[i]);
    if b == ' ' || b == '\u{3000}' {
        return false; // break after the space, not before it
    }
    if no_start(b) || no_end(a) || inseparable(a, b) {
        return false;
    }
    if let (Some(x), Some(y)) = (words[i - 1], words[i]) {
        if x == y {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(s: &str) -> Vec<usize> {
        let chars: Vec<char> = s.chars().collect();
        let w = words(&chars);
        (1..chars.len()).filter(|&i| can_break_before(&chars, &w, i)).collect()
    }

    #[test]
    fn prohibited_starts_and_ends_hold() {
        // 发展。“要 — no break before 。 nor after “.
        assert_eq!(breaks("展。“要"), vec![2]);
        assert_eq!(breaks("（一）以"), vec![3]);
    }

    #[test]
    fn dashes_and_ellipses_stay_whole() {
        assert!(!breaks("好——的").contains(&2));
        assert!(!breaks("好……的").contains(&2));
    }

    #[test]
    fn numbers_and_words_stay_whole() {
        // 从2012年的53.1%提高至66.2%
        let s = "从2012年的53.1%提高";
        let b = breaks(s);
        let chars: Vec<char> = s.chars().collect();
        for i in b {
            assert!(!(chars[i - 1].is_ascii_digit() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '%')));
        }
        assert_eq!(words(&"5G网络".chars().collect::<Vec<_>>()), vec![Some(0), Some(0), None, None]);
        assert_eq!(words(&"8:30-11:30".chars().collect::<Vec<_>>()), vec![Some(0); 10]);
    }
}
