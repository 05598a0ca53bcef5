//! Section ordinals: the numbers Chinese speeches write their structure in.
//!
//! | style | forms | level when no larger unit is used |
//! |---|---|---|
//! | [`Style::Part`] | `第一部分` `第一篇` | above the four levels |
//! | [`Style::Chapter`] | `第一章` `第一讲` | above the four levels |
//! | [`Style::Section`] | `第一节` | above the four levels |
//! | [`Style::Cn`] | `一、` | 1 |
//! | [`Style::CnParen`] | `（一）` `(一)` | 2 |
//! | [`Style::Arabic`] | `1.` `1．` `1、` | 3 |
//! | [`Style::ArabicParen`] | `（1）` `(1)` | 4 |
//!
//! This module only reads one line's leading ordinal and renders numbers; the
//! outline decides what the ordinals mean together.

use serde::Serialize;

/// An ordinal style, from the largest unit to the smallest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// `第一部分`, `第一篇`
    Part,
    /// `第一章`, `第一讲`
    Chapter,
    /// `第一节`
    Section,
    /// `一、`
    Cn,
    /// `（一）`
    CnParen,
    /// `1.` `1．` `1、`
    Arabic,
    /// `（1）`
    ArabicParen,
}

impl Style {
    pub const ALL: [Style; 7] =
        [Style::Part, Style::Chapter, Style::Section, Style::Cn, Style::CnParen, Style::Arabic, Style::ArabicParen];

    /// The four ordinal levels of the speech (`一、` = 1 … `（1）` = 4); `None`
    /// for the larger units (`第一部分`, `第一章`, `第一节`).
    pub fn standard_level(self) -> Option<u8> {
        match self {
            Style::Cn => Some(1),
            Style::CnParen => Some(2),
            Style::Arabic => Some(3),
            Style::ArabicParen => Some(4),
            _ => None,
        }
    }

    /// The style of a standard level 1–4.
    pub fn from_standard_level(level: u8) -> Option<Style> {
        match level {
            1 => Some(Style::Cn),
            2 => Some(Style::CnParen),
            3 => Some(Style::Arabic),
            4 => Some(Style::ArabicParen),
            _ => None,
        }
    }

    pub fn is_large_unit(self) -> bool {
        matches!(self, Style::Part | Style::Chapter | Style::Section)
    }

    /// The form a new ordinal of this style takes when the document has none yet.
    pub fn canonical_form(self) -> Form {
        let (prefix, suffix, numerals, sep) = match self {
            Style::Part => ("第", "部分", Numerals::Chinese, "　"),
            Style::Chapter => ("第", "章", Numerals::Chinese, "　"),
            Style::Section => ("第", "节", Numerals::Chinese, "　"),
            Style::Cn => ("", "、", Numerals::Chinese, ""),
            Style::CnParen => ("（", "）", Numerals::Chinese, ""),
            Style::Arabic => ("", ".", Numerals::Ascii, ""),
            Style::ArabicParen => ("（", "）", Numerals::Ascii, ""),
        };
        Form { prefix, suffix, numerals, sep: sep.into() }
    }
}

/// How the digits of an ordinal are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Numerals {
    /// 一 二 … 十一
    Chinese,
    /// 1 2 3
    Ascii,
    /// １ ２ ３ (full-width)
    FullWidth,
}

/// How one ordinal is written around its number: `（` + 一 + `）`, `第` + 一 + `部分`;
/// `sep` is what stands between the ordinal and the title (a space after `第一部分`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Form {
    pub prefix: &'static str,
    pub suffix: &'static str,
    pub numerals: Numerals,
    pub sep: String,
}

impl Form {
    /// The ordinal for `value` in this form, separator included.
    pub fn render(&self, value: u32) -> String {
        format!("{}{}{}{}", self.prefix, render_number(value, self.numerals), self.suffix, self.sep)
    }

    /// A short label of the form for messages, e.g. `（一）` or `1、`.
    pub fn label(&self) -> String {
        format!("{}{}{}", self.prefix, render_number(1, self.numerals), self.suffix)
    }
}

/// A line's leading ordinal. Offsets are in chars from the start of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ordinal {
    pub style: Style,
    pub value: u32,
    pub form: Form,
    /// Where the ordinal begins (after any indentation).
    pub start: usize,
    /// Where its number's digits begin and end.
    pub digits_start: usize,
    pub digits_end: usize,
    /// Where the ordinal token ends (`一、` → after `、`).
    pub end: usize,
    /// Where the title begins (after spaces and separators following the ordinal).
    pub title_start: usize,
}

impl Ordinal {
    /// The ordinal as written, e.g. `一、`, `（一）`, `第一部分`.
    pub fn text(&self, line: &str) -> String {
        line.chars().skip(self.start).take(self.end - self.start).collect()
    }
}

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn is_cn_numeral(c: char) -> bool {
    matches!(c, '零' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百')
}

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// Renders 1–999 in Chinese numerals (`十一`, `二十`, `一百零五`); larger
/// values fall back to Arabic digits.
pub fn chinese_numeral(value: u32) -> String {
    if value == 0 || value > 999 {
        return value.to_string();
    }
    let (h, t, u) = (value / 100, value / 10 % 10, value % 10);
    let mut s = String::new();
    if h > 0 {
        s.push(CN_DIGITS[h as usize]);
        s.push('百');
        if t == 0 && u > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        if !(t == 1 && h == 0) {
            s.push(CN_DIGITS[t as usize]);
        }
        s.push('十');
    }
    if u > 0 {
        s.push(CN_DIGITS[u as usize]);
    }
    s
}

/// Reads a Chinese numeral written the canonical way (the way
/// [`chinese_numeral`] writes it); `None` for anything else.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || chars.len() > 6 {
        return None;
    }
    let mut value = 0u32;
    let mut pending: Option<u32> = None;
    for &c in &chars {
        match c {
            '百' => {
                value += pending.take()? * 100;
            }
            '十' => {
                value += pending.take().unwrap_or(1) * 10;
            }
            '零' | '〇' => {
                if pending.is_some() {
                    return None;
                }
            }
            _ => {
                let d = cn_digit(c)?;
                if pending.is_some() {
                    return None;
                }
                pending = Some(d);
            }
        }
    }
    value += pending.unwrap_or(0);
    (value > 0 && chinese_numeral(value) == s).then_some(value)
}

fn render_number(value: u32, numerals: Numerals) -> String {
    match numerals {
        Numerals::Chinese => chinese_numeral(value),
        Numerals::Ascii => value.to_string(),
        Numerals::FullWidth => {
            value.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
        }
    }
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whitespace that may indent a line or follow an ordinal (ASCII, NBSP, ideographic space).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Reads the ordinal at the start of `line` (after indentation), if the line
/// starts like a heading. Numbers and years at a line start (`1.5万`,
/// `2024年`), `一是`, `一、二季度` and a bare book title after the ordinal
/// (`1.《……》`, a line of a document list) are not headings.
pub fn detect(line: &str) -> Option<Ordinal> {
    // Most lines start with something no ordinal starts with: decide that
    // before collecting anything.
    let first = line.chars().find(|&c| !is_space(c))?;
    if !(first == '第' || first == '（' || first == '(' || is_cn_numeral(first) || ascii_digit(first).is_some()) {
        return None;
    }
    // Only the first few dozen chars matter; avoid collecting long paragraphs.
    let head: Vec<char> = line.chars().take(48).collect();
    let start = head.iter().position(|&c| !is_space(c))?;
    let c0 = head[start];
    let (style, value, digits, numerals, prefix, suffix, end) = if c0 == '第' {
        large_unit(&head, start)?
    } else if c0 == '（' || c0 == '(' {
        paren(&head, start)?
    } else if is_cn_numeral(c0) {
        cn(&head, start)?
    } else if ascii_digit(c0).is_some() {
        arabic(&head, start)?
    } else {
        return None;
    };
    // What follows the ordinal.
    let mut title_start = end;
    while title_start < head.len() && (is_space(head[title_start]) || (style.is_large_unit() && matches!(head[title_start], '：' | ':' | '、' | '．' | '.'))) {
        title_start += 1;
    }
    let sep: String = head[end..title_start].iter().collect();
    let rest = &head[title_start..];
    if style.is_large_unit() {
        // `第一节课……`, or a sentence that merely starts with `第一章`.
        if rest.first() == Some(&'课') {
            return None;
        }
        if title_start == end && !rest.is_empty() {
            // No separator: only a short title-like line counts.
            let full: Vec<char> = line.chars().collect();
            if full.len() > 40 || full.iter().any(|&c| is_sentence_end(c)) {
                return None;
            }
        }
    }
    if book_title_only(line, title_start) {
        return None;
    }
    Some(Ordinal {
        style,
        value,
        form: Form { prefix, suffix, numerals, sep },
        start,
        digits_start: digits.0,
        digits_end: digits.1,
        end,
        title_start,
    })
}

type Parsed = (Style, u32, (usize, usize), Numerals, &'static str, &'static str, usize);

fn large_unit(h: &[char], start: usize) -> Option<Parsed> {
    let ds = start + 1;
    let mut de = ds;
    let numerals;
    let value;
    if h.get(ds).copied().is_some_and(is_cn_numeral) {
        while de < h.len() && is_cn_numeral(h[de]) {
            de += 1;
        }
        value = parse_chinese_numeral(&h[ds..de].iter().collect::<String>())?;
        numerals = Numerals::Chinese;
    } else {
        let (v, e, n) = digits(h, ds, 3)?;
        value = v;
        de = e;
        numerals = n;
    }
    let rest: String = h[de..h.len().min(de + 2)].iter().collect();
    let (style, unit): (Style, &'static str) = if rest.starts_with("部分") {
        (Style::Part, "部分")
    } else if rest.starts_with('篇') {
        (Style::Part, "篇")
    } else if rest.starts_with('章') {
        (Style::Chapter, "章")
    } else if rest.starts_with('讲') {
        (Style::Chapter, "讲")
    } else if rest.starts_with('节') {
        (Style::Section, "节")
    } else {
        return None;
    };
    let end = de + unit.chars().count();
    Some((style, value, (ds, de), numerals, "第", unit, end))
}

fn digits(h: &[char], from: usize, max: usize) -> Option<(u32, usize, Numerals)> {
    let mut e = from;
    let mut v = 0u32;
    let full = h.get(from).is_some_and(|c| ('０'..='９').contains(c));
    while e < h.len() && e - from < max + 1 {
        match ascii_digit(h[e]) {
            Some(d) if full == ('０'..='９').contains(&h[e]) => {
                v = v * 10 + d;
                e += 1;
            }
            _ => break,
        }
    }
    let n = e - from;
    if n == 0 || n > max || v == 0 {
        return None;
    }
    Some((v, e, if full { Numerals::FullWidth } else { Numerals::Ascii }))
}

fn paren(h: &[char], start: usize) -> Option<Parsed> {
    let open = h[start];
    let ds = start + 1;
    let first = *h.get(ds)?;
    let (style, value, de, numerals) = if is_cn_numeral(first) {
        let mut de = ds;
        while de < h.len() && is_cn_numeral(h[de]) {
            de += 1;
        }
        let v = parse_chinese_numeral(&h[ds..de].iter().collect::<String>())?;
        (Style::CnParen, v, de, Numerals::Chinese)
    } else {
        let (v, de, n) = digits(h, ds, 2)?;
        (Style::ArabicParen, v, de, n)
    };
    let close = *h.get(de)?;
    if close != '）' && close != ')' {
        return None;
    }
    let open = if open == '（' { "（" } else { "(" };
    let close = if close == '）' { "）" } else { ")" };
    Some((style, value, (ds, de), numerals, open, close, de + 1))
}

fn cn(h: &[char], start: usize) -> Option<Parsed> {
    let mut de = start;
    while de < h.len() && is_cn_numeral(h[de]) {
        de += 1;
    }
    if h.get(de) != Some(&'、') {
        return None;
    }
    let value = parse_chinese_numeral(&h[start..de].iter().collect::<String>())?;
    // `一、二季度……`, `一、二、三等奖` are enumerations, not headings; they
    // count up, so `一、一年来……` is a heading.
    let mut k = de + 1;
    while k < h.len() && is_cn_numeral(h[k]) {
        k += 1;
    }
    if k > de + 1 && parse_chinese_numeral(&h[de + 1..k].iter().collect::<String>()).is_none_or(|next| next > value) {
        let next: String = h[k..h.len().min(k + 2)].iter().collect();
        if next.starts_with('、') || next.starts_with("季度") || next.starts_with('月') || next.starts_with('年') || next.starts_with('等') || next.starts_with('是') || next.starts_with('类') {
            return None;
        }
    }
    Some((Style::Cn, value, (start, de), Numerals::Chinese, "", "、", de + 1))
}

fn arabic(h: &[char], start: usize) -> Option<Parsed> {
    let (value, de, numerals) = digits(h, start, 2)?;
    let sep = *h.get(de)?;
    if !matches!(sep, '.' | '．' | '、') {
        return None;
    }
    // `1.5万`, `3.14`, `1、2月`, `10.1%`: a number, not an ordinal.
    let next = h[de + 1..].iter().copied().find(|&c| !is_space(c));
    if let Some(n) = next {
        if ascii_digit(n).is_some() || matches!(n, '%' | '％' | '.' | '．') {
            return None;
        }
        if sep == '.' && n.is_ascii_alphabetic() && h.get(de + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            // `1.x版本`, a version rather than an ordinal
            return None;
        }
    }
    let sep = match sep {
        '.' => ".",
        '．' => "．",
        _ => "、",
    };
    Some((Style::Arabic, value, (start, de), numerals, "", sep, de + 1))
}

/// `1.《中国共产党章程》`: the line after the ordinal is nothing but a book
/// title (a line of a document list), not a heading.
fn book_title_only(line: &str, title_start: usize) -> bool {
    if line.chars().nth(title_start) != Some('《') {
        return false;
    }
    let rest: String = line.chars().skip(title_start).collect();
    let rest = rest.trim_end_matches(|c: char| is_space(c) || matches!(c, '；' | ';' | '，' | ',' | '。' | '、'));
    if !rest.starts_with('《') || !rest.ends_with('》') {
        return false;
    }
    // Nothing outside the book-title brackets.
    let mut depth = 0i32;
    for c in rest.chars() {
        match c {
            '《' => depth += 1,
            '》' => depth -= 1,
            _ if depth == 0 && !matches!(c, '、' | '，' | ',') && !is_space(c) => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_round_trip() {
        for v in 1..=999 {
            assert_eq!(parse_chinese_numeral(&chinese_numeral(v)), Some(v), "{v}");
        }
        assert_eq!(chinese_numeral(11), "十一");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(105), "一百零五");
        assert_eq!(parse_chinese_numeral("一十"), None);
        assert_eq!(parse_chinese_numeral("一一"), None);
    }

    #[test]
    fn detects_the_four_levels_and_large_units() {
        let d = |s: &str| detect(s).map(|o| (o.style, o.value, o.text(s)));
        assert_eq!(d("一、深刻领会"), Some((Style::Cn, 1, "一、".into())));
        assert_eq!(d("十一、再谈"), Some((Style::Cn, 11, "十一、".into())));
        assert_eq!(d("（三）坚持问题导向。……"), Some((Style::CnParen, 3, "（三）".into())));
        assert_eq!(d("(二)以新型"), Some((Style::CnParen, 2, "(二)".into())));
        assert_eq!(d("2．加强队伍建设"), Some((Style::Arabic, 2, "2．".into())));
        assert_eq!(d("12.加强"), Some((Style::Arabic, 12, "12.".into())));
        assert_eq!(d("3、完善"), Some((Style::Arabic, 3, "3、".into())));
        assert_eq!(d("一、一年来工作回顾"), Some((Style::Cn, 1, "一、".into())));
        assert_eq!(d("（2）完善考核办法"), Some((Style::ArabicParen, 2, "（2）".into())));
        assert_eq!(d("　　（１）全角数字"), Some((Style::ArabicParen, 1, "（１）".into())));
        assert_eq!(d("第一部分　总体要求"), Some((Style::Part, 1, "第一部分".into())));
        assert_eq!(d("第三章 组织"), Some((Style::Chapter, 3, "第三章".into())));
        assert_eq!(d("第二节"), Some((Style::Section, 2, "第二节".into())));
    }

    #[test]
    fn traps_are_not_ordinals() {
        for s in [
            "1.5万人参加了培训。",
            "2024年以来，我们坚持……",
            "2024.10是一个时间",
            "10.1%的增长",
            "一是加强学习，二是改进作风。",
            "一、二季度经济运行平稳。",
            "1、2月份完成了任务。",
            "（2014—2020年）规划",
            "1.《中国共产党章程》",
            "第一节课上，我们学习了党章。",
            "第一，要加强学习。",
            "首先，要提高认识。",
            "《国家新型城镇化规划（2014—2020年）》",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }

    #[test]
    fn forms_render_in_their_own_writing() {
        let o = detect("(１)全角").unwrap();
        assert_eq!(o.form.render(12), "(１２)");
        let o = detect("第一部分：总体要求").unwrap();
        assert_eq!(o.form.render(2), "第二部分：");
        assert_eq!(o.title_start, 5);
    }
}
