//! A paragraph into lines: greedy filling with the clreq rules, squeezing
//! punctuation before pushing a character down, justification by even
//! spacing, no stretched last line and no one-character last line.

use std::ops::Range;

use crate::fonts::Role;

use super::breaking::{blank_side, can_break_before, is_han, is_punct, no_start, words, Blank};
use super::shape::Shaper;

/// Lengths below this (pt) are rounding noise.
const EPS: f32 = 0.01;

/// One character set in a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub ch: char,
    pub slot: usize,
    pub gid: u16,
    pub size: f32,
    /// The advance on the line (the grid pitch for a full-width character).
    pub width: f32,
    /// Space before this item when it does not start a line (Han–Latin quarter em).
    pub glue: f32,
    /// How much the item may shrink: up to half an em for a full-width mark,
    /// less where the face's ink reaches into its blank half ([`squeezable`]).
    pub shrink: f32,
    pub blank: Option<Blank>,
    /// The Latin word the item belongs to.
    pub word: Option<usize>,
    pub role: Role,
}

impl Item {
    fn is_space(&self) -> bool {
        self.ch == ' ' || self.ch == '\u{3000}'
    }
}

/// A run of text and the role whose face sets it.
pub struct Run<'t> {
    pub text: &'t str,
    pub role: Role,
}

/// Characters to items. `pitch` is the advance of a full-width character
/// (the grid's character pitch for body text; the size itself for a title).
pub fn items(shaper: &mut Shaper<'_>, runs: &[Run<'_>], size: f32, pitch: f32) -> Vec<Item> {
    let mut chars = Vec::new();
    let mut roles = Vec::new();
    for r in runs {
        for c in r.text.chars() {
            chars.push(c);
            roles.push(r.role);
        }
    }
    let word_of = words(&chars);
    let mut out: Vec<Item> = Vec::with_capacity(chars.len());
    for (i, &ch) in chars.iter().enumerate() {
        let s = shaper.shape(ch, roles[i]);
        let full = s.advance >= 0.9 && word_of[i].is_none();
        let width = if full { pitch + (s.advance - 1.0) * size } else { s.advance * size };
        let blank = if full { blank_side(ch) } else { None };
        let shrink = match blank {
            Some(side) => squeezable(shaper.ink(s.slot, s.gid), side, s.advance) * size,
            None => 0.0,
        };
        let glue = match i.checked_sub(1) {
            Some(p) if (is_han(chars[p]) && word_of[i].is_some()) || (word_of[p].is_some() && is_han(ch)) => 0.25 * size,
            _ => 0.0,
        };
        out.push(Item { ch, slot: s.slot, gid: s.gid, size, width, glue, shrink, blank, word: word_of[i], role: roles[i] });
    }
    out
}

/// Ink is kept at least this far (em) from the edge a squeeze moves.
const INK_GAP: f32 = 0.04;

/// How much (em) a full-width mark may give up on its blank side: half an em
/// where the face draws the mark in the half it belongs to, only the empty
/// part where the ink reaches further (AR PL UKai draws `、` and `，` in the
/// middle of the em box), nothing where the ink is centred. So a squeezed
/// mark never lies under the next character.
fn squeezable(ink: Option<(f32, f32)>, side: Blank, advance: f32) -> f32 {
    let empty = match (ink, side) {
        (None, _) => 0.5,
        (Some((_, right)), Blank::Right) => advance - right - INK_GAP,
        (Some((left, _)), Blank::Left) => left - INK_GAP,
    };
    empty.clamp(0.0, 0.5)
}

/// Whether a break may fall before item `i`.
fn breakable(items: &[Item], chars: &[char], words: &[Option<usize>], i: usize) -> bool {
    if i >= items.len() {
        return true;
    }
    if i > 0 && items[i - 1].is_space() {
        return true;
    }
    can_break_before(chars, words, i)
}

/// The natural width of `items[r]`, spaces at either end left out.
fn natural(items: &[Item], r: Range<usize>) -> f32 {
    let r = trim(items, r);
    let mut w = 0.0;
    for i in r.clone() {
        w += items[i].width;
        if i > r.start {
            w += items[i].glue;
        }
    }
    w
}

/// Spans longer than this (items) are measured from running sums, not summed item by item.
const LONG_SPAN: usize = 256;

/// A forward search remembered: the first position from `from` on where a test holds was `found`,
/// so a later search starting anywhere in `from..=found` has the same answer without walking.
#[derive(Default)]
struct Walk {
    from: usize,
    found: Option<usize>,
}

impl Walk {
    /// The first position in `from..end` where `hit` holds, else `end`.
    fn find(&mut self, from: usize, end: usize, hit: impl Fn(usize) -> bool) -> usize {
        if let Some(found) = self.found.filter(|&f| self.from <= from && from <= f) {
            return found;
        }
        let found = (from..end).find(|&i| hit(i)).unwrap_or(end);
        *self = Walk { from, found: Some(found) };
        found
    }
}

/// Running sums of the items' widths, glue and shrink (in f64, exact enough over any paragraph).
struct Sums {
    width: Vec<f64>,
    glue: Vec<f64>,
    shrink: Vec<f64>,
}

impl Sums {
    fn of(items: &[Item]) -> Sums {
        let run = |f: fn(&Item) -> f32| {
            let mut v = Vec::with_capacity(items.len() + 1);
            v.push(0.0);
            for it in items {
                v.push(v[v.len() - 1] + f64::from(f(it)));
            }
            v
        };
        Sums { width: run(|it| it.width), glue: run(|it| it.glue), shrink: run(|it| it.shrink) }
    }

    /// [`natural`] of `items[r]`, from the sums (the ends' spaces trimmed as there).
    fn natural(&self, items: &[Item], r: Range<usize>) -> f64 {
        let r = trim(items, r);
        if r.is_empty() {
            return 0.0;
        }
        (self.width[r.end] - self.width[r.start]) + (self.glue[r.end] - self.glue[r.start + 1])
    }

    fn shrink(&self, r: Range<usize>) -> f64 {
        self.shrink[r.end] - self.shrink[r.start]
    }
}

fn trim(items: &[Item], mut r: Range<usize>) -> Range<usize> {
    while r.start < r.end && items[r.start].is_space() {
        r.start += 1;
    }
    while r.end > r.start && items[r.end - 1].is_space() {
        r.end -= 1;
    }
    r
}

/// Breaks items into lines: the first line `first` wide, the others `width`.
pub fn break_lines(items: &[Item], first: f32, width: f32) -> Vec<Range<usize>> {
    let chars: Vec<char> = items.iter().map(|i| i.ch).collect();
    let word_of: Vec<Option<usize>> = items.iter().map(|i| i.word).collect();
    let n = items.len();
    // A run no break may enter (a Latin word or a number of 100,000 characters, a long run of
    // marks) is walked once, not once per line: the last walk to the next break, and to the end
    // of a run of prohibited-start marks, is remembered, and widths over a long span come from
    // running sums (made only when a paragraph has such a span).
    let mut break_walk = Walk::default();
    let mut mark_walk = Walk::default();
    let mut sums: Option<Sums> = None;
    let mut lines = Vec::new();
    let mut s = 0;
    while s < n && items[s].is_space() {
        s += 1;
    }
    while s < n {
        let avail = if lines.is_empty() { first } else { width };
        let mut e = s;
        let mut w = 0.0;
        let mut last_break = None;
        while e < n {
            let add = items[e].width + if e > s { items[e].glue } else { 0.0 };
            if w + add > avail + EPS && !items[e].is_space() {
                break;
            }
            w += add;
            e += 1;
            if breakable(items, &chars, &word_of, e) {
                last_break = Some(e);
            }
        }
        if e >= n {
            lines.push(s..n);
            break;
        }
        // Item e does not fit. When only prohibited-start marks overflow,
        // squeeze the line's punctuation to keep them on it.
        let next = break_walk.find(e + 1, n, |b| breakable(items, &chars, &word_of, b));
        let only_marks = mark_walk.find(e, n, |i| !no_start(items[i].ch)) >= next;
        let mut fits = || {
            if next - s <= LONG_SPAN {
                let shrink: f32 = items[s..next].iter().map(|it| it.shrink).sum();
                natural(items, s..next) - shrink <= avail + EPS
            } else {
                let sums = sums.get_or_insert_with(|| Sums::of(items));
                sums.natural(items, s..next) - sums.shrink(s..next) <= f64::from(avail + EPS)
            }
        };
        let end = if only_marks && fits() {
            next
        } else {
            match last_break {
                Some(b) if b > s => b,
                _ => e.max(s + 1), // one unbreakable unit wider than a line
            }
        };
        lines.push(s..end);
        s = end;
        while s < n && items[s].is_space() {
            s += 1;
        }
    }
    // 孤字不成行: the last line holds at least two characters besides punctuation.
    if lines.len() >= 2 {
        let last = lines[lines.len() - 1].clone();
        let count = items[last.clone()].iter().filter(|it| !is_punct(it.ch) && !it.is_space()).count();
        if count < 2 {
            let prev = lines[lines.len() - 2].clone();
            let avail = if lines.len() == 2 { first } else { width };
            let back = (prev.start + 1..prev.end).rev().find(|&b| breakable(items, &chars, &word_of, b));
            if let Some(b) = back {
                let prev_ok = natural(items, prev.start..b) <= avail + EPS;
                if prev_ok && natural(items, b..last.end) <= width + EPS {
                    let k = lines.len();
                    lines[k - 2] = prev.start..b;
                    lines[k - 1] = b..last.end;
                }
            }
        }
    }
    lines
}

/// A glyph placed on a line, `x` from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct LineGlyph {
    pub x: f32,
    pub item: usize,
}

/// Places a line's items in `avail` points: squeezes punctuation when the
/// line is too long, and spreads space evenly between characters when
/// `justify` (never inside a Latin word). Returns the glyphs and the width used.
pub fn place(items: &[Item], r: Range<usize>, avail: f32, justify: bool) -> (Vec<LineGlyph>, f32) {
    let r = trim(items, r);
    if r.is_empty() {
        return (Vec::new(), 0.0);
    }
    let nat = natural(items, r.clone());
    let mut squeeze = vec![0.0f32; r.len()];
    let mut over = nat - avail;
    if over > EPS {
        // Squeeze marks from the end of the line backwards, adjacent pairs first.
        let order: Vec<usize> = {
            let mut pairs: Vec<usize> = Vec::new();
            let mut singles: Vec<usize> = Vec::new();
            for k in (0..r.len()).rev() {
                let it = &items[r.start + k];
                if it.shrink <= 0.0 {
                    continue;
                }
                let near = |j: Option<usize>| j.and_then(|j| items.get(r.start + j)).is_some_and(|o| o.shrink > 0.0);
                if near(k.checked_sub(1)) || near(Some(k + 1).filter(|&j| j < r.len())) {
                    pairs.push(k);
                } else {
                    singles.push(k);
                }
            }
            pairs.into_iter().chain(singles).collect()
        };
        for k in order {
            if over <= EPS {
                break;
            }
            let s = items[r.start + k].shrink.min(over);
            squeeze[k] = s;
            over -= s;
        }
    }
    let used: f32 = nat - squeeze.iter().sum::<f32>();
    let gaps: Vec<bool> = (0..r.len())
        .map(|k| {
            k > 0 && {
                let (a, b) = (&items[r.start + k - 1], &items[r.start + k]);
                !(a.word.is_some() && a.word == b.word)
            }
        })
        .collect();
    let n_gaps = gaps.iter().filter(|g| **g).count();
    let spread = if justify && n_gaps > 0 && avail - used > EPS { (avail - used) / n_gaps as f32 } else { 0.0 };
    let mut x = 0.0;
    let mut out = Vec::with_capacity(r.len());
    for k in 0..r.len() {
        let it = &items[r.start + k];
        if k > 0 {
            x += it.glue;
            if gaps[k] {
                x += spread;
            }
        }
        let shift = if it.blank == Some(Blank::Left) { squeeze[k] } else { 0.0 };
        out.push(LineGlyph { x: x - shift, item: r.start + k });
        x += it.width - squeeze[k];
    }
    (out, x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items without fonts: every character one em (`pitch` pt) wide,
    /// punctuation squeezable; ASCII half an em.
    #[test]
    fn a_mark_gives_up_only_the_empty_side_of_its_box() {
        // Ink in the left half (a Song 、): half an em.
        assert_eq!(squeezable(Some((0.1, 0.35)), Blank::Right, 1.0), 0.5);
        // Ink in the middle (AR PL UKai's 、): only what is empty.
        assert!((squeezable(Some((0.35, 0.65)), Blank::Right, 1.0) - 0.31).abs() < 1e-4);
        // Ink across the right half: nothing.
        assert_eq!(squeezable(Some((0.3, 0.99)), Blank::Right, 1.0), 0.0);
        // An opening mark: its left side.
        assert_eq!(squeezable(Some((0.6, 0.9)), Blank::Left, 1.0), 0.5);
        assert!((squeezable(Some((0.2, 0.9)), Blank::Left, 1.0) - 0.16).abs() < 1e-4);
    }

    fn fake(s: &str, pitch: f32) -> Vec<Item> {
        let chars: Vec<char> = s.chars().collect();
        let w = words(&chars);
        chars
            .iter()
            .enumerate()
            .map(|(i, &ch)| {
                let ascii = ch.is_ascii();
                let blank = if ascii { None } else { blank_side(ch) };
                Item {
                    ch,
                    slot: 0,
                    gid: 1,
                    size: pitch,
                    width: if ascii { pitch / 2.0 } else { pitch },
                    glue: 0.0,
                    shrink: if blank.is_some() { pitch / 2.0 } else { 0.0 },
                    blank,
                    word: w[i],
                    role: Role::Body,
                }
            })
            .collect()
    }

    fn text(items: &[Item], r: &Range<usize>) -> String {
        items[r.clone()].iter().map(|i| i.ch).collect()
    }

    #[test]
    fn lines_fill_the_measure_and_never_start_with_a_closing_mark() {
        let s = "城镇是经济社会发展的重要支撑和核心承载，城镇化发展状态决定着中国式现代化建设的速度与质量。以新型城镇化为牵引推动城乡融合发展、加快实现城乡共享共荣，是推动塑造新型工农城乡关系的关键环节。";
        let it = fake(s, 10.0);
        let lines = break_lines(&it, 80.0, 100.0);
        for (k, r) in lines.iter().enumerate() {
            let t = text(&it, r);
            assert!(!no_start(t.chars().next().unwrap()), "line {k} starts with a prohibited mark: {t}");
            let avail = if k == 0 { 80.0 } else { 100.0 };
            let (_, used) = place(&it, r.clone(), avail, k + 1 < lines.len());
            assert!(used <= avail + 0.01, "line {k} overflows: {used}");
            if k + 1 < lines.len() {
                assert!((used - avail).abs() < 0.01, "line {k} is not flush: {used}");
            }
        }
        let all: String = lines.iter().map(|r| text(&it, r)).collect();
        assert_eq!(all, s);
    }

    #[test]
    fn a_closing_mark_that_overflows_is_squeezed_onto_the_line() {
        // Ten em-wide characters fit; the 。 would be the 11th.
        let it = fake("一二三四五六七，八九。后面", 10.0);
        let lines = break_lines(&it, 100.0, 100.0);
        assert_eq!(text(&it, &lines[0]), "一二三四五六七，八九。");
        let (glyphs, used) = place(&it, lines[0].clone(), 100.0, true);
        assert!((used - 100.0).abs() < 0.01);
        // Both marks gave up half their width.
        assert!((glyphs[10].x - 95.0).abs() < 0.01, "{:?}", glyphs[10]);
    }

    #[test]
    fn a_character_is_pushed_down_when_squeezing_cannot_help() {
        // No squeezable mark on the line: 十 goes down with its 。 and the line spreads.
        let it = fake("一二三四五六七八九十。后面还有", 10.0);
        let lines = break_lines(&it, 100.0, 100.0);
        assert_eq!(text(&it, &lines[0]), "一二三四五六七八九");
        let (_, used) = place(&it, lines[0].clone(), 100.0, true);
        assert!((used - 100.0).abs() < 0.01);
    }

    #[test]
    fn numbers_stay_whole_and_the_last_line_is_not_stretched() {
        let it = fake("一二三四五六七八2024年以来", 10.0);
        let lines = break_lines(&it, 100.0, 100.0);
        assert_eq!(text(&it, &lines[0]), "一二三四五六七八2024");
        let last = lines.last().unwrap().clone();
        let (_, used) = place(&it, last, 100.0, false);
        assert!(used < 100.0);
    }

    #[test]
    fn a_word_longer_than_many_lines_is_cut_at_the_measure() {
        let s = format!("学习{}的体会。", "a".repeat(3000));
        let it = fake(&s, 10.0);
        let lines = break_lines(&it, 100.0, 100.0);
        assert_eq!(lines.first().map(|l| l.start), Some(0));
        assert_eq!(lines.last().map(|l| l.end), Some(it.len()));
        assert!(lines.windows(2).all(|w| w[0].end == w[1].start), "every character on one line");
        assert!(lines.iter().all(|l| natural(&it, l.clone()) <= 100.0 + EPS), "no line wider than the measure");
        assert!(lines.len() >= 3000 / 20, "{} lines", lines.len());
    }

    #[test]
    fn the_last_line_never_holds_a_single_character() {
        // 十一 characters then 。: the lone 一 would end up alone.
        let it = fake("一二三四五六七八九十一。", 10.0);
        let lines = break_lines(&it, 100.0, 100.0);
        let last = text(&it, lines.last().unwrap());
        assert!(last.chars().filter(|c| !is_punct(*c)).count() >= 2, "{last}");
    }

    #[test]
    fn dashes_are_not_split() {
        let it = fake("一二三四五六七八九——十一二", 10.0);
        let lines = break_lines(&it, 100.0, 100.0);
        for r in &lines {
            let t = text(&it, r);
            assert!(!t.starts_with('—'), "{t}");
        }
    }
}
