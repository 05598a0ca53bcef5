//! A page's content stream: the ruled lines, then the text, one `TJ` per run
//! of glyphs sharing a face, a size and a baseline. Each run starts at its
//! first glyph's position (`Tm` for a page's first run, `Td` from then on).
//! The spacing most of a run's glyphs share (a justified line's even spacing)
//! becomes the character spacing `Tc`; only the glyphs spaced otherwise
//! (squeezed punctuation, Latin words) carry a `TJ` adjustment. Every glyph
//! lands within 0.01 pt of where the layout put it.

use pdf_writer::{Content, Name, Settings, Str};

use crate::typeset::{Page, PlacedGlyph};

/// The code of a glyph in the font the PDF embeds for its face, and that
/// glyph's width in 1/1000 em as the PDF's /W says.
pub(super) trait Codes {
    fn code(&self, slot: usize, gid: u16) -> Option<u16>;
    fn width(&self, slot: usize, code: u16) -> f32;
}

/// The resource name of the font of face `slot`.
pub(super) fn font_name(slot: usize) -> String {
    format!("F{slot}")
}

/// The gap that occurs most often, to 1/1000 pt (0 for none).
fn most_common(gaps: impl Iterator<Item = f32>) -> f32 {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for g in gaps {
        let k = (g * 1000.0).round() as i32;
        match counts.iter_mut().find(|(v, _)| *v == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts.iter().max_by_key(|(v, n)| (*n, -v.abs())).map(|(v, _)| *v as f32 / 1000.0).unwrap_or(0.0)
}

/// Rounds to hundredths: positions to 1/100 pt, adjustments to 1/100 000 em.
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The content stream of `page`, on a page `height` pt tall.
pub(super) fn content(page: &Page, height: f32, codes: &impl Codes) -> Vec<u8> {
    let mut c = Content::with_settings_and_capacity(Settings { pretty: false }, 16 * 1024);
    if !page.rules.is_empty() {
        c.save_state();
        c.set_stroke_gray(0.55);
        c.set_line_width(0.5);
        for r in &page.rules {
            let y = r2(height - r.y);
            c.move_to(r2(r.x0), y);
            c.line_to(r2(r.x1), y);
        }
        c.stroke();
        c.restore_state();
    }
    c.begin_text();
    let mut font: Option<(usize, f32)> = None;
    // The character spacing (Tc, pt) in force, and the start of the current text line.
    let mut spacing = 0.0f32;
    let mut origin: Option<(f32, f32)> = None;
    let mut bytes: Vec<u8> = Vec::new();
    for line in &page.lines {
        let mut i = 0;
        while i < line.glyphs.len() {
            let first = &line.glyphs[i];
            let run: Vec<&PlacedGlyph> = line.glyphs[i..]
                .iter()
                .take_while(|g| g.slot == first.slot && g.size == first.size && g.y == first.y)
                .collect();
            i += run.len();
            if codes.code(first.slot, first.gid).is_none() {
                continue;
            }
            let size = first.size;
            let width = |g: &PlacedGlyph| codes.width(g.slot, codes.code(g.slot, g.gid).unwrap_or(0)) * size / 1000.0;
            if font != Some((first.slot, size)) {
                c.set_font(Name(font_name(first.slot).as_bytes()), size);
                font = Some((first.slot, size));
            }
            // A justified line spaces its glyphs evenly: that spacing becomes Tc,
            // and only the glyphs set otherwise need an adjustment of their own.
            if run.len() > 1 {
                let tc = most_common(run.windows(2).map(|w| w[1].x - w[0].x - width(w[0])));
                if (tc - spacing).abs() > 0.0005 {
                    c.set_char_spacing(tc);
                    spacing = tc;
                }
            }
            let (x, y) = (r2(first.x), r2(height - first.y));
            let start = match origin {
                None => {
                    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
                    (x, y)
                }
                Some((ox, oy)) => {
                    let (dx, dy) = (r2(x - ox), r2(y - oy));
                    c.next_line(dx, dy);
                    (ox + dx, oy + dy)
                }
            };
            origin = Some(start);
            let mut tj = c.show_positioned();
            let mut items = tj.items();
            // Where the pen stands after the glyphs shown so far, in pt.
            let mut pen = start.0;
            for g in run {
                let code = codes.code(g.slot, g.gid).unwrap_or(0);
                // The TJ adjustment (1/1000 em, positive moves left) that puts the glyph at its x.
                if (pen - g.x).abs() > 0.01 {
                    let adjust = r2((pen - g.x) * 1000.0 / size);
                    if !bytes.is_empty() {
                        items.show(Str(&bytes));
                        bytes.clear();
                    }
                    items.adjust(adjust);
                    pen -= adjust * size / 1000.0;
                }
                bytes.extend_from_slice(&code.to_be_bytes());
                pen += width(g) + spacing;
            }
            if !bytes.is_empty() {
                items.show(Str(&bytes));
                bytes.clear();
            }
        }
    }
    c.end_text();
    c.finish().into_vec()
}
