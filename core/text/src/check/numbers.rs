//! Numbers (GB/T 15835): full-width digits and letters (`２０２４年` `ＡＩ`),
//! and one year written two ways in one text (`二〇二四年` and `2024年`).

use std::collections::HashMap;

use super::{Category, Doc, Finding};
use crate::punct::narrow_alnum;

const CAT: Category = Category::Number;

pub fn check(doc: &Doc, out: &mut Vec<Finding>) {
    full_width(doc, out);
    years(doc, out);
}

fn full_width(doc: &Doc, out: &mut Vec<Finding>) {
    let chars = &doc.chars;
    let mut i = 0;
    while i < chars.len() {
        if narrow_alnum(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && narrow_alnum(chars[j]).is_some() {
            j += 1;
        }
        let narrow: String = chars[i..j].iter().filter_map(|&c| narrow_alnum(c)).collect();
        let what = if chars[i..j].iter().all(|c| c.is_numeric()) { "数字" } else { "字母或数字" };
        out.push(doc.finding("number.full_width", CAT, i, j, Some(narrow.clone()), format!("全角{what}，应为半角「{narrow}」")));
        i = j;
    }
}

fn cn_year_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A year written with Arabic digits and the same year in Chinese numerals.
fn years(doc: &Doc, out: &mut Vec<Finding>) {
    // (start, end, value, written in Chinese)
    let mut found: Vec<(usize, usize, u32, bool)> = Vec::new();
    let chars = &doc.chars;
    for (i, &c) in chars.iter().enumerate() {
        if c != '年' || i < 4 {
            continue;
        }
        let w = &chars[i - 4..i];
        let before = doc.before(i - 4);
        if w.iter().all(|c| c.is_ascii_digit()) && !before.is_some_and(|b| b.is_ascii_digit() || b == '.') {
            let v: u32 = w.iter().fold(0, |a, c| a * 10 + c.to_digit(10).unwrap_or(0));
            if (1900..2100).contains(&v) {
                found.push((i - 4, i + 1, v, false));
            }
        } else if w.iter().all(|&c| cn_year_digit(c).is_some()) && !before.is_some_and(|b| cn_year_digit(b).is_some() || b == '十') {
            let v = w.iter().fold(0, |a, &c| a * 10 + cn_year_digit(c).unwrap_or(0));
            if (1900..2100).contains(&v) {
                found.push((i - 4, i + 1, v, true));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let mut counts: HashMap<u32, (usize, usize, usize)> = HashMap::new(); // arabic, chinese, first arabic index
    for (k, &(_, _, v, cn)) in found.iter().enumerate() {
        let e = counts.entry(v).or_insert((0, 0, usize::MAX));
        if cn {
            e.1 += 1;
        } else {
            e.0 += 1;
            e.2 = e.2.min(k);
        }
    }
    for &(s, e, v, cn) in &found {
        let (arabic, chinese, _) = counts[&v];
        if arabic == 0 || chinese == 0 {
            continue;
        }
        // The form used less is the odd one out; on a tie, Arabic digits (GB/T 15835).
        let odd_is_chinese = chinese <= arabic;
        if cn != odd_is_chinese {
            continue;
        }
        let other = if cn { format!("{v}年") } else { found.iter().find(|f| f.2 == v && f.3).map(|f| doc.slice(f.0, f.1)).unwrap_or_default() };
        out.push(doc.finding("number.year_two_ways", CAT, s, e, Some(other.clone()), format!("同一年份前后写法不一，宜统一写作「{other}」")));
    }
}
