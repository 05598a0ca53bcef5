//! Punctuation (GB/T 15834): half-width marks in Chinese text, paired marks
//! unbalanced or reversed, repeated and clashing marks, the ellipsis, the
//! dash, and a 顿号 before 等.

use super::{Category, Doc, Finding};
use crate::punct::{full_width_of, half_width_marks, is_chinese_context, is_chinese_full_stop, is_end_mark, is_han, is_pause_mark, PAIRS};

const CAT: Category = Category::Punctuation;

pub fn check(doc: &Doc, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    half_width(doc, &mut found);
    paired(doc, &mut found);
    let from = found.len();
    runs(doc, &mut found);
    // `：：:` is one repeated mark, not also a half-width one.
    let repeated: Vec<(usize, usize)> =
        found[from..].iter().filter(|f| f.rule == "punct.repeated" || f.rule == "punct.clash").map(|f| (f.start, f.end)).collect();
    if !repeated.is_empty() {
        found.retain(|f| f.rule != "punct.half_width" || !repeated.iter().any(|&(s, e)| s <= f.start && f.end <= e));
    }
    enumeration_deng(doc, &mut found);
    out.append(&mut found);
}

/// `,` `:` `;` `!` `?` `(` `)` `.` where Chinese typography wants `，` …
fn half_width(doc: &Doc, out: &mut Vec<Finding>) {
    // Only when there is any ASCII mark at all: most texts have none.
    if !doc.text.bytes().any(|b| matches!(b, b',' | b':' | b';' | b'!' | b'?' | b'(' | b')' | b'.')) {
        return;
    }
    let mut marks = half_width_marks(&doc.chars);
    for (i, &c) in doc.chars.iter().enumerate() {
        if c == '.' && is_chinese_full_stop(&doc.chars, i) {
            marks.push((i, '。'));
        }
    }
    marks.sort();
    for (i, wide) in marks {
        let c = doc.chars[i];
        out.push(doc.finding(
            "punct.half_width",
            CAT,
            i,
            i + 1,
            Some(wide.to_string()),
            format!("中文里用了半角标点「{c}」，应为全角「{wide}」"),
        ));
    }
}

/// Which pair a mark belongs to (ASCII parentheses count with `（）`, so
/// `（试行)` is one half-width mark, not an unclosed pair), and whether it opens.
fn pair_of(c: char) -> Option<(usize, bool)> {
    match c {
        '(' => Some((3, true)),
        ')' => Some((3, false)),
        _ => PAIRS.iter().enumerate().find_map(|(k, &(o, cl))| {
            if c == o {
                Some((k, true))
            } else if c == cl {
                Some((k, false))
            } else {
                None
            }
        }),
    }
}

fn first_non_space(doc: &Doc, (s, e): (usize, usize)) -> Option<usize> {
    (s..e).find(|&i| !crate::ordinal::is_space(doc.chars[i]))
}

/// Paired marks within each paragraph (line). A quote left open at the
/// start of a paragraph is correct when the next paragraph opens with the
/// same quote (a quotation over several paragraphs).
fn paired(doc: &Doc, out: &mut Vec<Finding>) {
    let is_pair_char = |c: char| pair_of(c).is_some();
    for (li, &(s, e)) in doc.lines.iter().enumerate() {
        if !doc.chars[s..e].iter().any(|&c| is_pair_char(c)) {
            continue;
        }
        let mut open: [Vec<usize>; 5] = Default::default();
        let mut stray: [Vec<usize>; 5] = Default::default();
        for i in s..e {
            let c = doc.chars[i];
            let Some((k, opens)) = pair_of(c) else { continue };
            // An apostrophe in Latin text (`don’t`) is not a quote.
            if c == '’' && doc.before(i).is_some_and(|p| p.is_ascii_alphabetic()) && doc.at(i + 1).is_some_and(|n| n.is_ascii_alphabetic()) {
                continue;
            }
            if opens {
                open[k].push(i);
            } else if open[k].pop().is_none() {
                stray[k].push(i);
            }
        }
        let next_line_opens_with = |mark: char| {
            doc.lines[li + 1..]
                .iter()
                .find_map(|&l| first_non_space(doc, l))
                .is_some_and(|i| doc.chars[i] == mark)
        };
        for k in 0..5 {
            let (o, cl) = PAIRS[k];
            // Latin parentheses away from Chinese text are Latin's own business.
            let chinese = |i: usize| {
                let c = doc.chars[i];
                !(c == '(' || c == ')') || doc.before(i).is_some_and(is_chinese_context) || doc.at(i + 1).is_some_and(is_chinese_context)
            };
            let opens: Vec<usize> = open[k].iter().copied().filter(|&i| chinese(i)).collect();
            let closes: Vec<usize> = stray[k].iter().copied().filter(|&i| chinese(i)).collect();
            // `”群众“`: one stray closing mark before one unclosed opening one.
            if opens.len() == 1 && closes.len() == 1 && closes[0] < opens[0] && opens[0] - closes[0] <= 40 {
                let (a, b) = (closes[0], opens[0]);
                let inner = doc.slice(a + 1, b);
                let suggestion = format!("{o}{inner}{cl}");
                out.push(doc.finding("punct.pair_reversed", CAT, a, b + 1, Some(suggestion), format!("「{o}」与「{cl}」前后颠倒")));
                continue;
            }
            for i in opens {
                let quote = o == '“' || o == '‘';
                if quote && first_non_space(doc, (s, e)) == Some(i) && next_line_opens_with(o) {
                    continue;
                }
                out.push(doc.finding("punct.pair_unclosed", CAT, i, i + 1, None, format!("「{}」没有对应的「{cl}」", doc.chars[i])));
            }
            for i in closes {
                out.push(doc.finding("punct.pair_unopened", CAT, i, i + 1, None, format!("「{}」前面没有对应的「{o}」", doc.chars[i])));
            }
        }
    }
}

/// Runs of marks: repeated (`！！` `，，`), clashing (`，。`), the ellipsis
/// (`。。。` `...` a single `…`) and the dash (`--`, a single `—`).
fn runs(doc: &Doc, out: &mut Vec<Finding>) {
    let chars = &doc.chars;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if is_pause_mark(c) || is_end_mark(c) {
            i = marks(doc, i, out);
            continue;
        }
        if !matches!(c, '.' | '…' | '-' | '—') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && chars[j] == c {
            j += 1;
        }
        let len = j - i;
        let prev = doc.before(i);
        let next = doc.at(j);
        let cn = |x: Option<char>| x.is_some_and(is_chinese_context);
        match c {
            '.' if len >= 3 && (cn(prev) || cn(next)) && !prev.is_some_and(|p| p.is_ascii_alphanumeric()) => {
                out.push(doc.finding("punct.ellipsis", CAT, i, j, Some("……".into()), "省略号应为「……」".into()));
            }
            '…' if len == 1 || len == 3 => {
                out.push(doc.finding("punct.ellipsis", CAT, i, j, Some("……".into()), "省略号应为两个「…」（六个点）".into()));
            }
            '-' if len == 2 && (cn(prev) || cn(next)) && !prev.is_some_and(|p| p.is_ascii_alphanumeric()) && !next.is_some_and(|p| p.is_ascii_alphanumeric()) => {
                out.push(doc.finding("punct.dash", CAT, i, j, Some("——".into()), "破折号应为「——」".into()));
            }
            // A single `—` between two short names is the connecting mark
            // (`秦岭—淮河`, `北京—上海`), not a shortened dash.
            '—' if len == 1
                && next.is_some_and(|x| is_han(x) || x == '“')
                && prev.is_none_or(|p| is_han(p) || p == '\n' || p == '”' || p == '）')
                && !connects_names(chars, i) =>
            {
                out.push(doc.finding("punct.dash", CAT, i, j, Some("——".into()), "破折号应为「——」（两个「—」）".into()));
            }
            _ => {}
        }
        i = j;
    }
}

/// A run of pause and end marks from `i` (a half-width twin counts, `：：:`),
/// reported whole so that one fix leaves one mark: `。。。` is an ellipsis,
/// `！！` `，，` a repeated mark, `，。` `、，` `。。，。` clashing marks (`？！`
/// is a mark of its own). Returns where the run ends.
fn marks(doc: &Doc, i: usize, out: &mut Vec<Finding>) -> usize {
    let chars = &doc.chars;
    let norm = |x: char| full_width_of(x).unwrap_or(x);
    let is_mark = |x: char| is_pause_mark(x) || is_end_mark(x);
    let mut j = i + 1;
    while j < chars.len() && is_mark(norm(chars[j])) {
        j += 1;
    }
    if j - i < 2 {
        return j;
    }
    let run: Vec<char> = chars[i..j].iter().map(|&x| norm(x)).collect();
    let c = run[0];
    if run.len() >= 3 && run.iter().all(|&m| m == '。') {
        out.push(doc.finding("punct.ellipsis", CAT, i, j, Some("……".into()), "省略号应为「……」".into()));
    } else if run.iter().all(|&m| m == c) {
        out.push(doc.finding("punct.repeated", CAT, i, j, Some(c.to_string()), format!("标点「{c}」重复")));
    } else if !(run.len() == 2 && run.iter().all(|m| matches!(m, '！' | '？'))) {
        // The sentence's own end is certain when every other mark is a pause or the same end.
        let last = run[run.len() - 1];
        let certain = is_end_mark(last) && run.iter().all(|&m| m == last || is_pause_mark(m));
        let shown: String = run.iter().map(|m| format!("「{m}」")).collect();
        out.push(doc.finding("punct.clash", CAT, i, j, certain.then(|| last.to_string()), format!("标点{shown}连用，只应保留一个")));
    }
    j
}

/// The Han run just before `i` is a short name (at most four characters):
/// `秦岭—淮河`, `北京—上海特别快车`.
fn connects_names(chars: &[char], i: usize) -> bool {
    let run = chars[..i].iter().rev().take_while(|&&c| is_han(c)).count();
    (1..=4).contains(&run)
}

/// Chars after `等` that make a word of their own (`等级`, `等于`, `等待`).
const DENG_WORDS: &str = "级次于同待候号额比效值量高差分距边价式外闲第到";

/// `有岗位、有责任、等`: no 顿号 before 等 or 等等.
fn enumeration_deng(doc: &Doc, out: &mut Vec<Finding>) {
    for (i, w) in doc.chars.windows(2).enumerate() {
        if w == ['、', '等'] {
            let after = doc.at(i + 2);
            if after.is_some_and(|a| DENG_WORDS.contains(a)) {
                continue;
            }
            out.push(doc.finding("punct.dunhao_deng", CAT, i, i + 1, Some(String::new()), "「等」前不用顿号".into()));
        }
    }
}
