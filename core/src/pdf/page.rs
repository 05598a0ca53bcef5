//! A page's content stream: the ruled lines, then the text, one `TJ` per run
//! of glyphs sharing a face, a size and a baseline. Each run starts at its
//! first glyph's exact position; the glyphs after it are placed by their PDF
//! widths plus a kerning adjustment where the layout spaced them (justified
//! lines, squeezed punctuation), so every glyph lands where the layout put it.

use pdf_writer::{Content, Name, Settings, Str};

use crate::typeset::Page;

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
    let mut bytes: Vec<u8> = Vec::new();
    for line in &page.lines {
        let mut i = 0;
        while i < line.glyphs.len() {
            let first = &line.glyphs[i];
            let Some(_) = codes.code(first.slot, first.gid) else {
                i += 1;
                continue;
            };
            if font != Some((first.slot, first.size)) {
                c.set_font(Name(font_name(first.slot).as_bytes()), first.size);
                font = Some((first.slot, first.size));
            }
            c.set_text_matrix([1.0, 0.0, 0.0, 1.0, r2(first.x), r2(height - first.y)]);
            let mut tj = c.show_positioned();
            let mut items = tj.items();
            // Where the pen stands after the glyphs shown so far, in pt.
            let mut pen = r2(first.x);
            let run = line.glyphs[i..]
                .iter()
                .take_while(|g| g.slot == first.slot && g.size == first.size && g.y == first.y);
            let mut n = 0;
            for g in run {
                let Some(code) = codes.code(g.slot, g.gid) else { break };
                // The TJ adjustment (1/1000 em, positive moves left) that puts the glyph at its x.
                let adjust = r2((pen - g.x) * 1000.0 / g.size);
                if adjust != 0.0 {
                    if !bytes.is_empty() {
                        items.show(Str(&bytes));
                        bytes.clear();
                    }
                    items.adjust(adjust);
                    pen -= adjust * g.size / 1000.0;
                }
                bytes.extend_from_slice(&code.to_be_bytes());
                pen += codes.width(g.slot, code) * g.size / 1000.0;
                n += 1;
            }
            if !bytes.is_empty() {
                items.show(Str(&bytes));
                bytes.clear();
            }
            drop(items);
            drop(tj);
            i += n.max(1);
        }
    }
    c.end_text();
    c.finish().into_vec()
}
