//! A long title breaks into lines of similar length, at a word boundary
//! (found with ICU's dictionary word segmenter, which knows Chinese words),
//! never leaving one or two characters alone on a line.

use std::ops::Range;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::WordSegmenter;

use super::breaking::{can_break_before, is_punct, words};
use super::paragraph::Item;

/// Word boundaries of `text` as character indices.
fn word_boundaries(text: &str) -> Vec<usize> {
    let seg = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let byte_to_char: Vec<usize> = {
        let mut v = vec![0; text.len() + 1];
        let mut ci = 0;
        for (b, _) in text.char_indices() {
            v[b] = ci;
            ci += 1;
        }
        v[text.len()] = ci;
        v
    };
    seg.segment_str(text).map(|b| byte_to_char[b]).collect()
}

/// A one-character word that belongs with the word before it (a suffix or particle).
fn leans_left(c: char) -> bool {
    "化性型式者家员们率度上中下里的地得了着过等外内间".contains(c)
}

/// A one-character word that belongs with the word after it (a preposition or conjunction).
fn leans_right(c: char) -> bool {
    "以在对把被从向为与和及跟同将于由按当就".contains(c)
}

/// Breaks a title's items into balanced lines no wider than `avail`.
///
/// Linear in the title's length for a given number of lines: widths and
/// letter counts come from prefix sums, word boundaries from a table, and a
/// line only looks back over the breaks that can fit on it. A "title" longer
/// than [`MAX_BALANCED`] characters is filled greedily.
pub fn break_title(items: &[Item], avail: f32) -> Vec<Range<usize>> {
    let n = items.len();
    // Prefix sums: the width and the letters of any range in O(1).
    let mut w_sum = Vec::with_capacity(n + 1);
    w_sum.push(0.0f32);
    for i in items {
        w_sum.push(w_sum.last().copied().unwrap_or(0.0) + i.width);
    }
    let total = w_sum[n];
    if n == 0 || total <= avail + 0.01 {
        let whole = 0..n;
        return vec![whole];
    }
    if n > MAX_BALANCED {
        return super::paragraph::break_lines(items, avail, avail);
    }
    let width = |r: Range<usize>| -> f32 { w_sum[r.end] - w_sum[r.start] };
    let chars: Vec<char> = items.iter().map(|i| i.ch).collect();
    let text: String = chars.iter().collect();
    let word_of = words(&chars);
    let bounds = word_boundaries(&text);
    let mut is_bound = vec![false; n + 1];
    for &b in &bounds {
        if b <= n {
            is_bound[b] = true;
        }
    }
    // Where a line may end: legal by clreq, and at a word boundary or after punctuation.
    let mut cand: Vec<usize> = (1..n)
        .filter(|&i| can_break_before(&chars, &word_of, i))
        .filter(|&i| is_bound[i] || is_punct(chars[i - 1]) || chars[i - 1] == ' ')
        .collect();
    if cand.is_empty() {
        cand = (1..n).filter(|&i| can_break_before(&chars, &word_of, i)).collect();
    }
    let mut l_sum = Vec::with_capacity(n + 1);
    l_sum.push(0usize);
    for c in &chars {
        l_sum.push(l_sum.last().copied().unwrap_or(0) + usize::from(!is_punct(*c) && *c != ' '));
    }
    let letters = |r: Range<usize>| l_sum[r.end] - l_sum[r.start];
    // A one-character word that leans on its neighbour (城镇|化, 以|新型) is not split from it.
    let size = items[0].size;
    let penalty = |i: usize| -> f32 {
        let at = bounds.partition_point(|&b| b < i);
        let before = if at > 0 { bounds[at - 1] } else { 0 };
        let after = bounds[at..].iter().find(|&&b| b > i).copied().unwrap_or(n);
        let lone_left = i - before == 1 && leans_right(chars[i - 1]);
        let lone_right = after - i == 1 && leans_left(chars[i]);
        if lone_left || lone_right { 2.0 * size * size } else { 0.0 }
    };
    let min_lines = (total / avail).ceil() as usize;
    for k in min_lines.max(2)..=n {
        if let Some(best) = balanced(k, n, &cand, avail, &width, &letters, &penalty) {
            return best;
        }
        if k > min_lines + 3 {
            break; // More lines will not make it fit: lines too short to hold three letters.
        }
    }
    // Nothing balanced fits: fill lines greedily.
    super::paragraph::break_lines(items, avail, avail)
}

/// The longest title set in balanced lines; a longer first line is not a
/// title a person wrote, and is filled like a paragraph.
pub const MAX_BALANCED: usize = 400;

/// The best way to set `n` items in exactly `k` lines ending at candidate
/// breaks: every line fits and holds at least three characters; the squared
/// deviations from the mean width, plus the penalties of the breaks, are smallest.
fn balanced(
    k: usize,
    n: usize,
    cand: &[usize],
    avail: f32,
    width: &dyn Fn(Range<usize>) -> f32,
    letters: &dyn Fn(Range<usize>) -> usize,
    penalty: &dyn Fn(usize) -> f32,
) -> Option<Vec<Range<usize>>> {
    let mut ends: Vec<usize> = cand.to_vec();
    ends.push(n);
    let mean = width(0..n) / k as f32;
    let m = ends.len();
    // cost[j][l]: best cost of setting 0..ends[j] in l+1 lines.
    let inf = f32::INFINITY;
    let mut cost = vec![vec![inf; k]; m];
    let mut from = vec![vec![usize::MAX; k]; m];
    let line_cost = |s: usize, e: usize| -> f32 {
        if letters(s..e) < 3 {
            return inf;
        }
        let w = width(s..e);
        if w > avail + 0.01 {
            return inf;
        }
        (w - mean).powi(2) + if e < n { penalty(e) } else { 0.0 }
    };
    // The first break a line ending at ends[j] can start from: lines are no
    // wider than `avail`, so only a window of earlier breaks is looked at.
    let mut lo = 0;
    for j in 0..m {
        cost[j][0] = line_cost(0, ends[j]);
        while lo < j && width(ends[lo]..ends[j]) > avail + 0.01 {
            lo += 1;
        }
        for l in 1..k {
            for i in lo..j {
                if cost[i][l - 1].is_finite() {
                    let c = cost[i][l - 1] + line_cost(ends[i], ends[j]);
                    if c < cost[j][l] {
                        cost[j][l] = c;
                        from[j][l] = i;
                    }
                }
            }
        }
    }
    if !cost[m - 1][k - 1].is_finite() {
        return None;
    }
    let mut lines = Vec::with_capacity(k);
    let (mut j, mut l) = (m - 1, k - 1);
    loop {
        if l == 0 {
            lines.push(0..ends[j]);
            break;
        }
        let i = from[j][l];
        lines.push(ends[i]..ends[j]);
        j = i;
        l -= 1;
    }
    lines.reverse();
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Role;

    fn fake(s: &str) -> Vec<Item> {
        s.chars()
            .map(|ch| Item {
                ch,
                slot: 0,
                gid: 1,
                size: 22.0,
                width: 22.0,
                glue: 0.0,
                shrink: 0.0,
                blank: None,
                word: None,
                role: Role::Title,
            })
            .collect()
    }

    fn lines(s: &str, avail: f32) -> Vec<String> {
        let it = fake(s);
        break_title(&it, avail).into_iter().map(|r| it[r].iter().map(|i| i.ch).collect()).collect()
    }

    #[test]
    fn a_short_title_stays_on_one_line() {
        assert_eq!(lines("党课讲稿", 440.0), vec!["党课讲稿"]);
    }

    #[test]
    fn a_long_title_breaks_into_balanced_lines_between_words() {
        let l = lines("党课：坚持以新型城镇化引领推动城乡融合发展", 440.0);
        assert_eq!(l, vec!["党课：坚持以新型城镇化", "引领推动城乡融合发展"]);
    }

    #[test]
    fn no_line_holds_one_or_two_characters() {
        let l = lines("关于进一步加强和改进新时代党的建设工作的若干意见学习", 440.0);
        assert!(l.len() >= 2);
        for x in &l {
            assert!(x.chars().count() >= 3, "{l:?}");
        }
        let widths: Vec<usize> = l.iter().map(|x| x.chars().count()).collect();
        assert!(widths.iter().max().unwrap() - widths.iter().min().unwrap() <= 4, "{l:?}");
    }

    #[test]
    fn very_long_titles_and_latin_runs_still_break_into_lines_that_fit() {
        // Near the limit (balanced), past it (filled), and a long Latin run.
        let near = "坚持以新型城镇化引领推动城乡融合发展".repeat(21);
        let past = "坚持以新型城镇化引领推动城乡融合发展".repeat(300);
        let latin = format!("学习{}体会", "abcdefghij".repeat(60));
        for s in [&near[..], &past[..], &latin[..]] {
            let it = fake(s);
            let ranges = break_title(&it, 440.0);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(it.len()));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            for r in ranges {
                let w: f32 = it[r].iter().map(|i| i.width).sum();
                assert!(w <= 440.0 + 0.01 || s == latin, "a line of {w} pt");
            }
        }
    }
}
