//! A page as printpdf operations: the ruled lines, then the text, one `TJ`
//! per run of glyphs sharing a face, a size and a baseline, each run set at
//! its first glyph's position. The spacing most of a run's glyphs share (a
//! justified line's even spacing) becomes the character spacing `Tc`; only
//! the glyphs spaced otherwise (squeezed punctuation, Latin words) carry a
//! `TJ` adjustment. Every glyph lands within 0.01 pt of where the layout put
//! it. A run is written as its characters where the face sets each of them
//! with one glyph (the usual case: one string per run), else glyph by glyph.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line, LinePoint, Op, PdfFontHandle, Point, Pt, TextItem, TextMatrix,
};

use super::font::Plan;
use lectern_typeset::{Page, PlacedGlyph};

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

/// The operations of `page`, on a page `height` pt tall, with the embedded faces by slot.
pub(super) fn ops(page: &Page, height: f32, faces: &BTreeMap<usize, (Plan, FontId)>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.lines.len() * 4 + page.rules.len() + 8);
    if !page.rules.is_empty() {
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale::new(0.55, None)) });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        for r in &page.rules {
            let y = r2(height - r.y);
            let at = |x: f32| LinePoint { p: Point { x: Pt(r2(x)), y: Pt(y) }, bezier: false };
            ops.push(Op::DrawLine { line: Line { points: vec![at(r.x0), at(r.x1)], is_closed: false } });
        }
        ops.push(Op::RestoreGraphicsState);
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(usize, f32)> = None;
    // The character spacing (Tc, pt) in force.
    let mut spacing = 0.0f32;
    for line in &page.lines {
        let mut i = 0;
        while i < line.glyphs.len() {
            let first = &line.glyphs[i];
            let run: Vec<&PlacedGlyph> = line.glyphs[i..]
                .iter()
                .take_while(|g| g.slot == first.slot && g.size == first.size && g.y == first.y)
                .collect();
            i += run.len();
            let Some((plan, id)) = faces.get(&first.slot) else { continue };
            let size = first.size;
            let width = |g: &PlacedGlyph| plan.width(plan.code(g.gid)) * size / 1000.0;
            if font != Some((first.slot, size)) {
                ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(size) });
                font = Some((first.slot, size));
            }
            // A justified line spaces its glyphs evenly: that spacing becomes Tc,
            // and only the glyphs set otherwise need an adjustment of their own.
            if run.len() > 1 {
                let tc = most_common(run.windows(2).map(|w| w[1].x - w[0].x - width(w[0])));
                if (tc - spacing).abs() > 0.0005 {
                    ops.push(Op::SetCharacterSpacing { multiplier: tc });
                    spacing = tc;
                }
            }
            let x = r2(first.x);
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(r2(height - first.y))) });
            let by_char = run.iter().all(|g| plan.code_of_char(g.ch) == Some(plan.code(g.gid)));
            let mut items: Vec<TextItem> = Vec::new();
            let mut text = String::new();
            let mut glyphs: Vec<Codepoint> = Vec::new();
            // Where the pen stands after the glyphs shown so far, in pt.
            let mut pen = x;
            for g in &run {
                // The TJ adjustment (1/1000 em, positive moves left) that puts the glyph at its x.
                if (pen - g.x).abs() > 0.01 {
                    let adjust = r2((pen - g.x) * 1000.0 / size);
                    if by_char {
                        if !text.is_empty() {
                            items.push(TextItem::Text(std::mem::take(&mut text)));
                        }
                        items.push(TextItem::Offset(adjust));
                    } else if let Some(last) = glyphs.last_mut() {
                        // A glyph's offset is the adjustment after it.
                        last.offset = adjust;
                    } else {
                        items.push(TextItem::Offset(adjust));
                    }
                    pen -= adjust * size / 1000.0;
                }
                if by_char {
                    text.push(g.ch);
                } else {
                    glyphs.push(Codepoint { gid: plan.code(g.gid), offset: 0.0, cid: Some(g.ch.to_string()) });
                }
                pen += width(g) + spacing;
            }
            if !text.is_empty() {
                items.push(TextItem::Text(text));
            }
            if !glyphs.is_empty() {
                items.push(TextItem::GlyphIds(glyphs));
            }
            ops.push(Op::ShowText { items });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commonest_gap_wins_and_ties_go_to_the_smaller() {
        assert_eq!(most_common([0.5, 0.5, 0.0, 1.25].into_iter()), 0.5);
        assert_eq!(most_common([0.0, 0.5].into_iter()), 0.0);
        assert_eq!(most_common(std::iter::empty()), 0.0);
    }
}
