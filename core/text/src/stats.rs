//! 字数 and speaking time.
//!
//! The count that matters for a lecture is Han characters plus digits and
//! Latin letters, without punctuation and spaces. Minutes are that count
//! divided by the speaker's rate (characters per minute, 200 by default).

use serde::Serialize;

use crate::counter::Counter;
use crate::outline::{self, Section};
use crate::punct::is_han;

/// The speaking rate when the user sets none: 200 字 a minute.
pub const DEFAULT_RATE: u32 = 200;

/// The speaking rates a user may set, 字 a minute: slower than 60 or faster
/// than 600 is no speaker's pace, only a slip of the keyboard.
pub const RATE_RANGE: std::ops::RangeInclusive<u32> = 60..=600;

/// Reads a speaking rate as the user typed it (a whole number of 字 a
/// minute; full-width digits too). Not a number, or out of [`RATE_RANGE`]: a
/// Chinese line saying so.
pub fn parse_rate(typed: &str) -> Result<u32, String> {
    let ascii: String = typed
        .trim()
        .chars()
        .map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c })
        .collect();
    let (lo, hi) = (*RATE_RANGE.start(), *RATE_RANGE.end());
    let n: f64 = ascii.parse().map_err(|_| format!("语速要填一个数字：每分钟讲多少字（{lo}–{hi}，一般 180–220）"))?;
    if !n.is_finite() || n < lo as f64 || n > hi as f64 {
        let shown: String = if ascii.chars().count() > 12 { ascii.chars().take(12).chain(['…']).collect() } else { ascii.clone() };
        return Err(format!("语速 {shown} 字/分钟超出范围：请填 {lo} 到 {hi} 之间的数（一般 180–220）"));
    }
    Ok(n.round() as u32)
}

/// Counts of a whole text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub char_count: usize,
    pub rate_per_minute: u32,
    pub minutes: f64,
    pub sections: Vec<SectionStats>,
}

/// Counts of one section (its heading, body and subsections).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionStats {
    pub number: String,
    pub title: String,
    pub char_count: usize,
    pub minutes: f64,
    pub children: Vec<SectionStats>,
}

/// Whether `c` counts: a Han character, a digit or a Latin letter (half- or full-width).
pub fn counts(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || is_han(c)
        || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
        || (matches!(c as u32, 0xC0..=0x24F) && c.is_alphabetic())
}

/// 字数: Han characters, digits and Latin letters; punctuation and spaces are not counted.
pub fn count_chars(text: &str) -> usize {
    text.chars().filter(|&c| counts(c)).count()
}

/// Minutes for `chars` at `rate` characters a minute (0 when the rate is 0).
pub fn minutes(chars: usize, rate: u32) -> f64 {
    if rate == 0 {
        0.0
    } else {
        chars as f64 / rate as f64
    }
}

/// Speaking minutes as Lectern shows them everywhere (status bar, outline, CLI): whole minutes from
/// one minute up, one decimal below it, and never "0" for a text that takes any time at all.
pub fn minutes_label(minutes: f64) -> String {
    if minutes.is_nan() || minutes <= 0.0 {
        "0".to_string()
    } else if minutes < 0.95 {
        format!("{:.1}", minutes.max(0.1))
    } else {
        format!("{}", minutes.round())
    }
}

/// Counts the whole text and each section of its outline.
pub fn stats(text: &str, rate: u32) -> Stats {
    let outline = outline::parse(text);
    let counter = Counter::new(text);
    let n = counter.total();
    let count = |s: &Section| counter.count(s.start, s.end);
    fn build(s: &[Section], rate: u32, count: &dyn Fn(&Section) -> usize) -> Vec<SectionStats> {
        s.iter()
            .map(|x| {
                let c = count(x);
                SectionStats {
                    number: x.number.clone(),
                    title: x.title.clone(),
                    char_count: c,
                    minutes: minutes(c, rate),
                    children: build(&x.children, rate, count),
                }
            })
            .collect()
    }
    Stats { char_count: n, rate_per_minute: rate, minutes: minutes(n, rate), sections: build(&outline.sections, rate, &count) }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_rate_out_of_range_or_not_a_number_is_refused_in_chinese() {
        assert_eq!(parse_rate(" 200 "), Ok(200));
        assert_eq!(parse_rate("１８０"), Ok(180));
        assert_eq!(parse_rate("60"), Ok(60));
        assert_eq!(parse_rate("600"), Ok(600));
        assert_eq!(parse_rate("199.6"), Ok(200));
        for bad in ["59", "601", "0", "-200", "20000", "1e9", "NaN", "inf"] {
            let e = parse_rate(bad).unwrap_err();
            assert!(e.contains("超出范围") && e.contains("60 到 600"), "{bad}: {e}");
        }
        for bad in ["", "快", "二百", "200字"] {
            assert!(parse_rate(bad).unwrap_err().starts_with("语速要填一个数字"), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn counts_han_digits_and_latin_only() {
        assert_eq!(count_chars("开通5G网络，覆盖率达66.2%。"), 13);
        assert_eq!(count_chars("二〇二四年 ＡＢ１２"), 9);
        assert_eq!(count_chars("“”（）——……，。 \n\u{3000}"), 0);
    }

    #[test]
    fn sections_count_their_own_range() {
        let s = stats("题目\n\n一、甲乙\n\n丙丁。\n\n二、戊\n", 2);
        assert_eq!(s.char_count, 2 + 3 + 2 + 2);
        assert_eq!(s.sections[0].char_count, 5);
        assert_eq!(s.sections[1].char_count, 2);
        assert_eq!(s.sections[0].minutes, 2.5);
        assert_eq!(s.minutes, 4.5);
    }

    #[test]
    fn minutes_read_as_whole_minutes_and_tenths_below_one() {
        assert_eq!(minutes_label(0.0), "0");
        assert_eq!(minutes_label(0.02), "0.1", "a few characters still take some time");
        assert_eq!(minutes_label(0.45), "0.5");
        assert_eq!(minutes_label(0.96), "1");
        assert_eq!(minutes_label(4.5), "5");
        assert_eq!(minutes_label(23.0), "23");
        assert_eq!(minutes_label(minutes(4600, 200)), "23");
    }
}
