//! From a PDF's positioned glyphs to paragraphs, by geometry alone:
//! - glyphs on one baseline make a line, in x order; a gap wider than a
//!   space is a space, a gap of several characters separates table cells
//!   (a tab);
//! - running headers and footers (a line at the top or bottom of a page that
//!   repeats on other pages, digits aside) and page numbers (`— 1 —`,
//!   `第 1 页`, `1/9`, `- 1 -`, `Page 1`) at a page's top or bottom are dropped;
//! - a line that reaches the right edge continues into the next line (across
//!   pages too); an indented line, a line after a short one, a change of size
//!   or a wider gap starts a paragraph. Chinese lines join without a space,
//!   Latin words keep theirs.

use crate::clean::pdf_text::is_page_number;

/// One glyph: its text, the left end of its baseline (points, from the page's
/// top-left), its font size and advance.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub advance: f64,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    pub height: f64,
    /// The media box's top and left, for turning PDF coordinates around.
    pub top: f64,
    pub left: f64,
    pub glyphs: Vec<Glyph>,
}

/// The text of a PDF, and what was dropped.
#[derive(Debug, Default)]
pub(super) struct Laid {
    pub paragraphs: Vec<String>,
    pub running_removed: usize,
    pub page_numbers_removed: usize,
    pub table_rows: usize,
}

#[derive(Debug, Clone)]
struct Line {
    page: usize,
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    text: String,
    table: bool,
}

fn cmp(a: f64, b: f64) -> std::cmp::Ordering {
    a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
}

fn lines_of(page_no: usize, page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| cmp(a.y, b.y).then(cmp(a.x, b.x)));
    // Baselines: glyphs within 40 % of a size of the line's first baseline.
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match groups.last_mut() {
            Some(cur) if (g.y - cur[0].y).abs() <= 0.4 * g.size.max(cur[0].size) => cur.push(g),
            _ => groups.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut group in groups {
        let y = group[0].y;
        group.sort_by(|a, b| cmp(a.x, b.x));
        let size = {
            let mut sizes: Vec<f64> = group.iter().filter(|g| !g.text.trim().is_empty()).map(|g| g.size).collect();
            sizes.sort_by(|a, b| cmp(*a, *b));
            sizes.get(sizes.len() / 2).copied().unwrap_or(group[0].size)
        };
        let mut text = String::new();
        let mut table = false;
        let mut prev_end: Option<f64> = None;
        let mut prev: Option<&Glyph> = None;
        let mut space = false;
        let mut x0 = None;
        let mut x1 = 0.0f64;
        for g in group {
            if g.text.trim().is_empty() {
                space = true;
                continue;
            }
            // A glyph drawn twice over itself (fake bold) counts once.
            if let Some(p) = prev {
                if p.text == g.text && (p.x - g.x).abs() < 0.1 * size {
                    continue;
                }
            }
            if let Some(end) = prev_end {
                let gap = g.x - end;
                if gap > 1.5 * size {
                    text.push('\t');
                    table = true;
                } else if space || gap > 0.22 * size {
                    text.push(' ');
                }
            }
            text.push_str(&g.text);
            x0.get_or_insert(g.x);
            x1 = x1.max(g.x + g.advance);
            prev_end = Some(g.x + g.advance);
            prev = Some(g);
            space = false;
        }
        let Some(x0) = x0 else { continue };
        out.push(Line { page: page_no, y, x0, x1, size, text, table });
    }
    out
}

/// A line's text with digits folded and spaces dropped: running headers
/// and footers repeat in this form.
fn running_key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '0' } else { c }).collect()
}

pub(super) fn layout(pages: &[Page]) -> Laid {
    let mut laid = Laid::default();
    let mut per_page: Vec<Vec<Line>> = pages.iter().enumerate().map(|(i, p)| lines_of(i, p)).collect();

    // Running lines: the two lines at the top and at the bottom of each
    // page, inside the page's top or bottom fifth.
    let edge = |page: &Page, lines: &[Line], k: usize| {
        let n = lines.len();
        let near = k < 2 || k + 2 >= n;
        let h = if page.height > 0.0 { page.height } else { 842.0 };
        near && (lines[k].y < 0.2 * h || lines[k].y > 0.8 * h)
    };
    let mut counts: std::collections::HashMap<String, std::collections::HashSet<usize>> = Default::default();
    for (i, lines) in per_page.iter().enumerate() {
        for k in 0..lines.len() {
            if edge(&pages[i], lines, k) {
                counts.entry(running_key(&lines[k].text)).or_default().insert(i);
            }
        }
    }
    let pages_with_text = per_page.iter().filter(|l| !l.is_empty()).count();
    for (i, lines) in per_page.iter_mut().enumerate() {
        let mut keep = Vec::with_capacity(lines.len());
        for (k, line) in lines.iter().enumerate() {
            if edge(&pages[i], lines, k) {
                if is_page_number(&line.text) {
                    laid.page_numbers_removed += 1;
                    continue;
                }
                let seen = counts.get(&running_key(&line.text)).map_or(0, |s| s.len());
                if pages_with_text >= 2 && seen >= 2 && seen * 3 >= pages_with_text {
                    laid.running_removed += 1;
                    continue;
                }
            }
            keep.push(line.clone());
        }
        *lines = keep;
    }
    let lines: Vec<Line> = per_page.into_iter().flatten().collect();
    if lines.is_empty() {
        return laid;
    }

    // The body's left edge: the leftmost start many lines share (first
    // lines are indented, titles centred); its right edge: the rightmost end
    // many lines share.
    let edge_of = |values: Vec<f64>, leftmost: bool| -> f64 {
        let mut bins: std::collections::BTreeMap<i64, usize> = Default::default();
        for v in &values {
            *bins.entry((v / 3.0).round() as i64).or_default() += 1;
        }
        let need = (values.len() / 10).max(2).min(values.len());
        let shared = |(_, n): &(&i64, &usize)| **n >= need;
        let bin = if leftmost { bins.iter().find(shared) } else { bins.iter().rev().find(shared) };
        match bin {
            Some((b, _)) => *b as f64 * 3.0,
            None => values.iter().copied().fold(if leftmost { f64::MAX } else { f64::MIN }, |a, b| if leftmost { a.min(b) } else { a.max(b) }),
        }
    };
    let left = edge_of(lines.iter().filter(|l| !l.table).map(|l| l.x0).collect(), true);
    let right = edge_of(lines.iter().filter(|l| !l.table).map(|l| l.x1).collect(), false);
    let gap = {
        let mut gaps: Vec<f64> = lines.windows(2).filter(|w| w[0].page == w[1].page && !w[0].table).map(|w| w[1].y - w[0].y).filter(|g| *g > 0.0).collect();
        gaps.sort_by(|a, b| cmp(*a, *b));
        gaps.get(gaps.len() / 2).copied().unwrap_or(0.0)
    };

    let mut current = String::new();
    let mut prev: Option<&Line> = None;
    for line in &lines {
        let starts = match prev {
            None => true,
            Some(p) => {
                let size = line.size.max(p.size);
                p.table
                    || line.table
                    || line.x0 > left + 0.8 * size
                    || p.x1 < right - 1.2 * size
                    || (line.size - p.size).abs() > 0.15 * size
                    || (p.page == line.page && gap > 0.0 && line.y - p.y > 1.6 * gap)
            }
        };
        if starts {
            if !current.trim().is_empty() {
                laid.paragraphs.push(std::mem::take(&mut current).trim().to_string());
            }
            current.clear();
            current.push_str(line.text.trim());
        } else {
            let text = line.text.trim();
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, ',' | ';' | ':' | '.' | '?' | '!'));
            if latin(current.chars().last()) && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
                current.push(' ');
            }
            current.push_str(text);
        }
        if line.table {
            laid.table_rows += 1;
        }
        prev = Some(line);
    }
    if !current.trim().is_empty() {
        laid.paragraphs.push(current.trim().to_string());
    }
    laid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars().enumerate().map(|(i, c)| Glyph { x: x + i as f64 * size, y, size, advance: size, text: c.to_string() }).collect()
    }

    #[test]
    fn lines_reaching_the_edge_continue_and_indented_lines_start_paragraphs() {
        // A page 20 characters wide at size 10, margins at 50.
        let mut g = Vec::new();
        g.extend(glyphs("内部资料", 200.0, 30.0, 8.0));
        g.extend(glyphs("　　中国共产党人始终把理论学习摆在", 50.0, 100.0, 10.0));
        g.extend(glyphs("首位坚持用科学理论武装头脑指导实践推", 50.0, 115.0, 10.0));
        g.extend(glyphs("动工作。", 50.0, 130.0, 10.0));
        g.extend(glyphs("　　一、深刻领会重大意义", 50.0, 145.0, 10.0));
        g.extend(glyphs("— 1 —", 120.0, 800.0, 8.0));
        let page = |g: Vec<Glyph>| Page { height: 842.0, top: 842.0, left: 0.0, glyphs: g };
        let mut g2 = glyphs("内部资料", 200.0, 30.0, 8.0);
        g2.extend(glyphs("　　二、准确把握目标要求", 50.0, 100.0, 10.0));
        g2.extend(glyphs("— 2 —", 120.0, 800.0, 8.0));
        let laid = layout(&[page(g), page(g2)]);
        assert_eq!(laid.paragraphs, ["中国共产党人始终把理论学习摆在首位坚持用科学理论武装头脑指导实践推动工作。", "一、深刻领会重大意义", "二、准确把握目标要求"]);
        assert_eq!((laid.running_removed, laid.page_numbers_removed), (2, 2));
    }
}
