//! Word's list number formats (`w:numFmt` in .docx, the `nfc` codes of
//! .doc): a counter value as the text Word and WPS show for it, and the
//! rendering of a level's text (`%1、`, `（%2）`, `%1.%2`) from the counters.

/// A number format, as .docx names it and .doc codes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumFormat {
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    DecimalHalfWidth,
    DecimalEnclosedCircle,
    DecimalEnclosedParen,
    DecimalEnclosedFullstop,
    ChineseCounting,
    ChineseCountingThousand,
    ChineseLegalSimplified,
    IdeographTraditional,
    IdeographZodiac,
    IdeographDigital,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

impl NumFormat {
    /// The `w:numFmt` value; unknown formats read as decimal, as Word falls back.
    pub(super) fn from_docx(name: &str) -> NumFormat {
        match name {
            "decimal" | "ordinal" | "cardinalText" | "ordinalText" | "arabicAbjad" | "arabicAlpha" => NumFormat::Decimal,
            "decimalZero" => NumFormat::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => NumFormat::DecimalFullWidth,
            "decimalHalfWidth" => NumFormat::DecimalHalfWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFormat::DecimalEnclosedCircle,
            "decimalEnclosedParen" => NumFormat::DecimalEnclosedParen,
            "decimalEnclosedFullstop" => NumFormat::DecimalEnclosedFullstop,
            "chineseCounting" | "japaneseCounting" | "koreanCounting" | "taiwaneseCounting" => NumFormat::ChineseCounting,
            "chineseCountingThousand" | "japaneseDigitalTenThousand" | "taiwaneseCountingThousand" | "koreanDigital" => {
                NumFormat::ChineseCountingThousand
            }
            "chineseLegalSimplified" | "japaneseLegal" | "koreanLegal" => NumFormat::ChineseLegalSimplified,
            "ideographTraditional" => NumFormat::IdeographTraditional,
            "ideographZodiac" | "ideographZodiacTraditional" => NumFormat::IdeographZodiac,
            "ideographDigital" | "taiwaneseDigital" | "koreanDigital2" => NumFormat::IdeographDigital,
            "lowerLetter" => NumFormat::LowerLetter,
            "upperLetter" => NumFormat::UpperLetter,
            "lowerRoman" => NumFormat::LowerRoman,
            "upperRoman" => NumFormat::UpperRoman,
            "bullet" => NumFormat::Bullet,
            "none" => NumFormat::None,
            _ => NumFormat::Decimal,
        }
    }

    /// The `nfc` code of a .doc list level (MS-DOC 2.9.158 and [MS-OI29500] numFmt).
    pub(super) fn from_nfc(nfc: u8) -> NumFormat {
        match nfc {
            0 | 5 | 6 | 7 => NumFormat::Decimal,
            1 => NumFormat::UpperRoman,
            2 => NumFormat::LowerRoman,
            3 => NumFormat::UpperLetter,
            4 => NumFormat::LowerLetter,
            14 | 19 => NumFormat::DecimalFullWidth,
            15 => NumFormat::DecimalHalfWidth,
            18 | 28 | 29 => NumFormat::DecimalEnclosedCircle,
            22 => NumFormat::DecimalZero,
            23 => NumFormat::Bullet,
            26 => NumFormat::DecimalEnclosedFullstop,
            27 => NumFormat::DecimalEnclosedParen,
            30 => NumFormat::IdeographTraditional,
            31 => NumFormat::IdeographZodiac,
            33 | 39 => NumFormat::ChineseCounting,
            34 | 40 => NumFormat::ChineseCountingThousand,
            35 | 36 => NumFormat::ChineseLegalSimplified,
            37 | 41 => NumFormat::IdeographDigital,
            38 => NumFormat::ChineseLegalSimplified,
            255 => NumFormat::None,
            _ => NumFormat::Decimal,
        }
    }

    /// The text of counter value `n` in this format.
    pub(super) fn render(self, n: i64) -> String {
        let n = n.max(0);
        match self {
            NumFormat::Decimal | NumFormat::DecimalHalfWidth => n.to_string(),
            NumFormat::DecimalZero => format!("{n:02}"),
            NumFormat::DecimalFullWidth => n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect(),
            NumFormat::DecimalEnclosedCircle => enclosed(n, 0x2460, 20),
            NumFormat::DecimalEnclosedParen => enclosed(n, 0x2474, 20),
            NumFormat::DecimalEnclosedFullstop => enclosed(n, 0x2488, 20),
            NumFormat::ChineseCounting | NumFormat::ChineseCountingThousand => chinese(n, &DIGITS, ["十", "百", "千", "万"]),
            NumFormat::ChineseLegalSimplified => chinese(n, &LEGAL, ["拾", "佰", "仟", "万"]),
            NumFormat::IdeographTraditional => cycle(n, &["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]),
            NumFormat::IdeographZodiac => cycle(n, &["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"]),
            NumFormat::IdeographDigital => n.to_string().chars().map(|c| DIGITS[c as usize - '0' as usize]).collect(),
            NumFormat::LowerLetter => letters(n).to_lowercase(),
            NumFormat::UpperLetter => letters(n),
            NumFormat::LowerRoman => roman(n).to_lowercase(),
            NumFormat::UpperRoman => roman(n),
            NumFormat::Bullet | NumFormat::None => String::new(),
        }
    }
}

const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const LEGAL: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

fn enclosed(n: i64, first: u32, count: i64) -> String {
    if (1..=count).contains(&n) {
        char::from_u32(first + n as u32 - 1).map(String::from).unwrap_or_else(|| n.to_string())
    } else {
        n.to_string()
    }
}

fn cycle(n: i64, items: &[&str]) -> String {
    if n == 0 {
        return "0".into();
    }
    items[((n - 1) % items.len() as i64) as usize].to_string()
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 10000 → 一万.
fn chinese(n: i64, digits: &[&str; 10], units: [&str; 4]) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 100_000_000 {
        return n.to_string();
    }
    let mut out = String::new();
    let (high, low) = (n / 10_000, n % 10_000);
    if high > 0 {
        out += &below_10000(high, digits, units, true);
        out += units[3];
        if low > 0 && low < 1000 {
            out += if digits[0] == "〇" { "零" } else { digits[0] };
        }
    }
    if low > 0 {
        out += &below_10000(low, digits, units, high == 0);
    }
    out
}

fn below_10000(n: i64, digits: &[&str; 10], units: [&str; 4], leading: bool) -> String {
    let parts = [(n / 1000) % 10, (n / 100) % 10, (n / 10) % 10, n % 10];
    let names = [units[2], units[1], units[0], ""];
    let mut out = String::new();
    let mut zero = false;
    let mut started = false;
    for (i, &d) in parts.iter().enumerate() {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out += if digits[0] == "〇" { "零" } else { digits[0] };
            zero = false;
        }
        // 十二, not 一十二, when ten is the number's first unit.
        if !(i == 2 && d == 1 && !started && leading && digits[1] == "一") {
            out += digits[d as usize];
        }
        out += names[i];
        started = true;
    }
    out
}

fn letters(n: i64) -> String {
    if n <= 0 {
        return n.to_string();
    }
    // Word repeats the letter: 27 → AA, 28 → BB.
    let letter = (b'A' + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1).min(10) as usize).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out += s;
            n -= v;
        }
    }
    out
}

/// What follows the number (`w:suff`; `ixchFollow` in .doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    Tab,
    Space,
    Nothing,
}

/// A level's number text: `template` with `%1`…`%9` replaced by the levels'
/// counters in their formats (`value(k)` for level k, 0-based), then the suffix.
/// A tab after a number that ends in Chinese punctuation (`一、`, `（一）`) is
/// dropped, else it reads as a space.
pub(super) fn render_level(template: &str, suffix: Suffix, value: impl Fn(usize) -> Option<(NumFormat, i64)>) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d)) {
                chars.next();
                if let Some((fmt, n)) = value(d as usize - 1) {
                    out += &fmt.render(n);
                }
                continue;
            }
        }
        out.push(c);
    }
    if out.trim().is_empty() {
        return String::new();
    }
    let cjk_end = out.chars().last().is_some_and(|c| matches!(c, '、' | '）' | '．' | '。' | '：' | '】' | '〕') || crate::punct::is_han(c) || ('\u{2460}'..='\u{24ff}').contains(&c));
    match suffix {
        Suffix::Space => out.push(' '),
        Suffix::Tab if !cjk_end => out.push(' '),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_read_as_written() {
        let f = NumFormat::ChineseCounting;
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 100, 105, 110, 1000, 10000, 10001].iter().map(|&n| f.render(n)).collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十", "一千", "一万", "一万零一"]);
        assert_eq!(NumFormat::ChineseLegalSimplified.render(12), "壹拾贰");
        assert_eq!(NumFormat::IdeographTraditional.render(2), "乙");
        assert_eq!(NumFormat::DecimalFullWidth.render(12), "１２");
        assert_eq!(NumFormat::DecimalEnclosedCircle.render(3), "③");
        assert_eq!(NumFormat::DecimalEnclosedParen.render(2), "⑵");
        assert_eq!(NumFormat::UpperRoman.render(14), "XIV");
        assert_eq!(NumFormat::LowerLetter.render(28), "bb");
    }

    #[test]
    fn level_text_takes_every_level() {
        let v = |k: usize| Some((if k == 0 { NumFormat::ChineseCounting } else { NumFormat::Decimal }, k as i64 + 2));
        assert_eq!(render_level("%1、", Suffix::Tab, v), "二、");
        assert_eq!(render_level("%1.%2", Suffix::Tab, |k| Some((NumFormat::Decimal, k as i64 + 1))), "1.2 ");
        assert_eq!(render_level("第%1章", Suffix::Space, v), "第二章 ");
    }
}
