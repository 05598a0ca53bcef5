//! Repairs of a text that went through a PDF (pasted from a PDF viewer,
//! copied from a page that copied one, or read from a PDF): spaces that line
//! wrapping put between Han characters and around numbers
//! (`中国共 产党人`, `1921 年 6 月`), lines broken at the page edge
//! mid-sentence, a table of contents (`目录` and its lines ending in page
//! numbers), page numbers and running headers standing on lines of their
//! own. Each repair is reported as a removal, so a preview can list it.
//!
//! Conservative: spaces between Latin words stay; lines are joined only in a
//! text most of whose lines share one width (a text wrapped at a page edge),
//! only after a line that reaches that width, never after the end of a
//! sentence, never before a heading or an indented line.

use crate::punct::is_han;

/// Han characters, CJK punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    is_han(c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff01}'..='\u{ff60}').contains(&c) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Spaces a PDF put into a line: between a CJK character and a number
/// (`1921 年 6 月`), and between two CJK characters (`中国共 产党人`). The
/// second kind only when `han` is set (the text shows it went through a
/// PDF: a space between two Han characters can be meant, as in
/// `中共中央 国务院`), and never inside `《》`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Squeezed {
    pub numbers: usize,
    pub han: usize,
}

pub(super) fn squeeze(line: &str, han: bool) -> (String, Squeezed) {
    let mut count = Squeezed::default();
    if !line.contains(' ') {
        return (line.to_string(), count);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut title_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = title_depth.saturating_sub(1),
            _ => {}
        }
        if c == ' ' && i > 0 {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            // Gaps of several spaces (a hand-laid table) stay.
            if j < chars.len() && j - i <= 2 {
                let (a, b) = (chars[i - 1], chars[j]);
                // A number is digits (with `.`, `,`, `%`), not the start of a word like `5G`.
                let numeric = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '%');
                let number_after = b.is_ascii_digit() && chars[j..].iter().take_while(|&&c| !is_cjk(c) && c != ' ').all(|&c| numeric(c));
                let number_before = a.is_ascii_digit() && chars[..i].iter().rev().take_while(|&&c| !is_cjk(c) && c != ' ').all(|&c| numeric(c));
                let number = (is_cjk(a) && number_after) || (number_before && is_cjk(b)) || ((is_cjk(a) || a.is_ascii_digit()) && b == '%') || (a == '%' && is_cjk(b));
                let han_pair = is_cjk(a) && is_cjk(b);
                if number || (han_pair && han && title_depth == 0) {
                    if number {
                        count.numbers += 1;
                    } else {
                        count.han += 1;
                    }
                    i = j;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    (out, count)
}

/// [`squeeze`] with Han pairs too: for measuring a line as it was printed.
pub(super) fn squeeze_spaces(line: &str) -> (String, usize) {
    let (s, n) = squeeze(line, true);
    (s, n.numbers + n.han)
}

/// A page number alone on a line: `— 1 —`, `- 1 -`, `·1·`, `第 1 页`,
/// `第1页 共9页`, `1/9`, `1`, `Page 1`, `1 of 9`.
pub(crate) fn is_page_number(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    if s.is_empty() || s.chars().count() > 16 {
        return false;
    }
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '•' | '~' | '_' | '‒' | '―' | '−' | '[' | ']' | '(' | ')' | '（' | '）');
    let core = s.trim_matches(dashes);
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(rest) = core.strip_prefix("page") {
        let rest = rest.replace("of", "/");
        return digits(&rest) || rest.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b));
    }
    if let Some((a, b)) = core.split_once("of") {
        return digits(a) && digits(b);
    }
    if let Some(rest) = core.strip_prefix('第') {
        if let Some((n, tail)) = rest.split_once('页') {
            return digits(n) && (tail.is_empty() || tail.strip_prefix('共').and_then(|t| t.strip_suffix('页')).is_some_and(digits));
        }
    }
    false
}

/// A line of a table of contents: text, then leader dots or spaces, then a page number.
fn is_toc_entry(line: &str) -> bool {
    let t = line.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if body.len() == t.len() || body.trim().is_empty() || t.len() - body.len() > 4 {
        return false;
    }
    let before = body.trim_end_matches([' ', '\t', '\u{3000}']);
    let leaders = body.len() - before.trim_end_matches(['.', '…', '·', '．', '-', '—', '─', '_']).len();
    // Leader dots, or at least a gap before the number.
    leaders > 0 && before.trim_end_matches(['.', '…', '·', '．', '-', '—', '─', '_']).chars().any(|c| !c.is_whitespace())
}

fn is_toc_title(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    s == "目录" || s == "目次"
}

/// Display width: Han and full-width characters count two, others one.
fn width(line: &str) -> usize {
    line.chars().map(|c| if is_cjk(c) || ('\u{ac00}'..='\u{d7a3}').contains(&c) { 2 } else { 1 }).sum()
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['。', '！', '？', '!', '?', '；', '：', '”', '’', '…', '」', '』', '）', ')'])
}

fn indented(raw: &str) -> bool {
    raw.starts_with([' ', '\t', '\u{3000}', '\u{a0}'])
}

/// The repaired lines (trimmed), and what went, as lines for [`super::Cleaned::removed`].
#[derive(Default)]
pub(super) struct Repaired {
    pub lines: Vec<String>,
    pub removed: Vec<String>,
    /// The text was wrapped at a page edge (it went through a PDF).
    pub wrapped: bool,
}

/// The line for [`super::Cleaned::removed`] that reports squeezed spaces.
pub(super) fn spaces_removed(count: usize, examples: &[String]) -> String {
    let eg: Vec<String> = examples.iter().map(|e| format!("“{e}”")).collect();
    format!("汉字、数字之间多余的空格 {count} 处（如 {}）", eg.join("、"))
}

/// Drops a table of contents, and in a text wrapped at a page edge its page
/// numbers and running headers, and joins its broken lines. The lines come
/// untrimmed, as they were; spaces are left to [`squeeze_spaces`].
pub(super) fn repair(raw_lines: &[&str]) -> Repaired {
    let mut out = Repaired::default();
    // A table of contents: `目录`, then lines ending in page numbers (blank
    // lines and wrapped entries between them allowed).
    let mut drop = vec![false; raw_lines.len()];
    let mut i = 0;
    while i < raw_lines.len() {
        if is_toc_title(raw_lines[i]) {
            let mut j = i + 1;
            let mut last_entry = None;
            while j < raw_lines.len() && j <= last_entry.unwrap_or(i) + 3 {
                if is_toc_entry(raw_lines[j]) {
                    last_entry = Some(j);
                }
                j += 1;
            }
            if let Some(end) = last_entry {
                for d in drop.iter_mut().take(end + 1).skip(i) {
                    *d = true;
                }
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut lines: Vec<(String, bool)> = Vec::new();
    for (k, raw) in raw_lines.iter().enumerate() {
        if drop[k] {
            out.removed.push(raw.trim().to_string());
            continue;
        }
        lines.push((raw.trim().to_string(), indented(raw)));
    }

    // A text wrapped at a page edge: many lines share one width (at least
    // twenty Han characters), most of them end mid-sentence, and such lines
    // follow each other. Headings do not count.
    let widths: Vec<Option<usize>> = lines
        .iter()
        .map(|(l, _)| {
            let w = width(&squeeze_spaces(l).0);
            (w >= 40 && crate::ordinal::detect(l).is_none()).then_some(w)
        })
        .collect();
    let long: Vec<usize> = widths.iter().flatten().copied().collect();
    let mut edge = None;
    if long.len() >= 3 {
        let mut best = (0, 0);
        for &w in &long {
            let n = long.iter().filter(|&&v| v.abs_diff(w) <= 4).count();
            if n > best.1 || (n == best.1 && w > best.0) {
                best = (w, n);
            }
        }
        let at_edge = |k: usize| widths[k].is_some_and(|w| w.abs_diff(best.0) <= 4);
        let nonblank = lines.iter().filter(|(l, _)| !l.is_empty()).count();
        let unended = (0..lines.len()).filter(|&k| at_edge(k) && !ends_sentence(&lines[k].0)).count();
        let runs = (1..lines.len()).filter(|&k| at_edge(k - 1) && at_edge(k)).count();
        if best.1 * 10 >= nonblank * 3 && unended * 2 >= best.1 && runs * 3 >= best.1 {
            edge = long.iter().copied().filter(|v| v.abs_diff(best.0) <= 4).max();
        }
    }
    let Some(edge) = edge else {
        out.lines = lines.into_iter().map(|(l, _)| l).collect();
        return out;
    };
    out.wrapped = true;
    // Page numbers, and a short line that repeats (a running header) in a wrapped text.
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for (l, _) in &lines {
        if !l.is_empty() && width(l) < 30 && crate::ordinal::detect(l).is_none() {
            *counts.entry(l.as_str()).or_default() += 1;
        }
    }
    let running: std::collections::HashSet<String> = counts.into_iter().filter(|&(_, n)| n >= 3).map(|(l, _)| l.to_string()).collect();
    let mut joined: Vec<String> = Vec::new();
    let mut joins = 0;
    let mut open = false;
    for (l, ind) in lines {
        if is_page_number(&l) || running.contains(&l) {
            out.removed.push(l);
            continue;
        }
        if l.is_empty() {
            joined.push(l);
            open = false;
            continue;
        }
        let heading = crate::ordinal::detect(&l).is_some();
        if open && !ind && !heading {
            let last = joined.last_mut().expect("open means a line");
            if last.chars().last().is_some_and(|c| c.is_ascii_alphanumeric()) && l.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                last.push(' ');
            }
            last.push_str(&l);
            joins += 1;
        } else {
            joined.push(l.clone());
        }
        let w = width(&squeeze_spaces(&l).0);
        open = w + 4 >= edge && !ends_sentence(&l) && !l.contains('\t');
        // A joined line keeps going while its last piece reaches the edge.
    }
    if joins > 0 {
        out.removed.push(format!("段落中间的断行 {joins} 处（已接回段落）"));
    }
    out.lines = joined;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_between_han_and_around_numbers_go_latin_spaces_stay() {
        assert_eq!(squeeze_spaces("中国共 产党人").0, "中国共产党人");
        assert_eq!(squeeze("《中共中央 国务院关于……的意见》，2019 年", true).0, "《中共中央 国务院关于……的意见》，2019年");
        assert_eq!(squeeze("中共中央 国务院", false).0, "中共中央 国务院");
        assert_eq!(squeeze_spaces("1921 年 6 月，在 上海").0, "1921年6月，在上海");
        assert_eq!(squeeze_spaces("Hello world 和 5G 网络").0, "Hello world 和 5G 网络");
        assert_eq!(squeeze_spaces("占 66.2 %").0, "占66.2%");
    }

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for s in ["— 1 —", "- 12 -", "第 3 页", "第3页 共9页", "1/9", "7", "Page 2", "2 of 9", "·4·"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["1921年", "一、总体要求", "第一部分", "第三章"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn toc_entries() {
        assert!(is_toc_entry("一、深刻领会重大意义……………3"));
        assert!(is_toc_entry("第二部分 工作安排 .......... 12"));
        assert!(!is_toc_entry("到2025年"));
        assert!(!is_toc_entry("一、深刻领会重大意义"));
    }
}
