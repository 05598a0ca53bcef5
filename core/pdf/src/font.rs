//! One face of an export as a PDF font: cut once, straight from the mapped
//! font file (a face of a `.ttc` collection included), down to the glyphs the
//! pages use, with the `subsetter` crate, and handed to printpdf as a
//! [`ParsedFont`] whose codes are the subset's glyph ids. printpdf then embeds
//! it as a Type 0 font with Identity-H codes, the widths of the glyphs used and
//! a /ToUnicode map, so the text copies out as the right characters; CFF
//! outlines stay CFF (a bare CID-keyed `CFF ` table), TrueType goes in
//! /FontFile2.
//!
//! Why not printpdf's own subsetting (its `text_layout` feature): it parses
//! each whole face with allsorts and cuts it again on save, which took ~95 ms
//! of the ~184 ms an export took when Lectern used it. subsetter reads only
//! the parts of the mapped file it needs, once.

use std::collections::{BTreeMap, HashMap};

use printpdf::font::PdfFontMetricsStub;
use printpdf::{FontMetrics, FontType, ParsedFont};
use sha2::{Digest, Sha256};

use super::PdfError;
use lectern_typeset::fonts::LoadedFace;

/// The glyphs of a face an export uses, and their codes in the embedded subset.
pub(super) struct Plan {
    /// Original glyph id → code (= glyph id in the subset), .notdef first.
    codes: BTreeMap<u16, u16>,
    /// Character → its code, where the face sets the character with one glyph.
    by_char: HashMap<char, u16>,
    /// Code → advance in 1/1000 em, rounded as the PDF's /W says it.
    widths: BTreeMap<u16, u16>,
}

impl Plan {
    /// The code of an original glyph id (the subset's .notdef for a glyph not planned).
    pub(super) fn code(&self, gid: u16) -> u16 {
        self.codes.get(&gid).copied().unwrap_or(0)
    }

    /// The code that sets `ch`, if one glyph of the face sets it.
    pub(super) fn code_of_char(&self, ch: char) -> Option<u16> {
        self.by_char.get(&ch).copied()
    }

    /// The width of a code, in 1/1000 em.
    pub(super) fn width(&self, code: u16) -> f32 {
        self.widths.get(&code).copied().unwrap_or(0) as f32
    }

    /// The subsetter's glyph map: the same codes, in the same order.
    fn remapper(&self) -> subsetter::GlyphRemapper {
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut by_code: Vec<(u16, u16)> = self.codes.iter().map(|(g, c)| (*c, *g)).collect();
        by_code.sort_unstable();
        for (_, gid) in by_code {
            remapper.remap(gid);
        }
        remapper
    }
}

fn unreadable(face: &LoadedFace) -> PdfError {
    PdfError::Subset { face: face.entry.describe(), reason: "字体无法解析".into() }
}

/// Codes and widths for the glyphs of `used` (original glyph id → the character it sets):
/// .notdef is code 0, the others follow in glyph id order.
pub(super) fn plan(face: &LoadedFace, used: &BTreeMap<u16, char>) -> Result<Plan, PdfError> {
    let ttf = face.face().ok_or_else(|| unreadable(face))?;
    let scale = 1000.0 / ttf.units_per_em().max(1) as f32;
    let mut codes = BTreeMap::from([(0u16, 0u16)]);
    let mut by_char = HashMap::new();
    let mut shared = Vec::new();
    for (&gid, &ch) in used.iter().filter(|(g, _)| **g != 0) {
        let code = codes.len() as u16;
        codes.insert(gid, code);
        if by_char.insert(ch, code).is_some() {
            shared.push(ch);
        }
    }
    // A character two glyphs set is written by glyph, never by character.
    for ch in shared {
        by_char.remove(&ch);
    }
    let widths = codes
        .iter()
        .map(|(&gid, &code)| {
            let adv = ttf.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0) as f32;
            (code, (adv * scale).round().clamp(0.0, u16::MAX as f32) as u16)
        })
        .collect();
    Ok(Plan { codes, by_char, widths })
}

/// What went wrong cutting a face, in words for the user.
fn subset_error(e: &subsetter::Error) -> String {
    use subsetter::Error as E;
    match e {
        E::UnknownKind => "不是 TrueType 或 CFF 轮廓的 OpenType 字体".into(),
        E::Unimplemented => "不支持这种字体格式（例如 CFF2 可变字体），请换用其他字体".into(),
        E::MalformedFont | E::CFFError => "字体文件已损坏或格式不规范".into(),
        other => format!("提取字形失败（{other}）"),
    }
}

/// Cuts the glyphs of `plan` out of `face`: the face as printpdf is to embed it, named with
/// its subset tag, its characters and widths keyed by the subset's glyph ids.
pub(super) fn cut(face: &LoadedFace, plan: &Plan) -> Result<ParsedFont, PdfError> {
    let err = |reason: String| PdfError::Subset { face: face.entry.describe(), reason };
    let remapper = plan.remapper();
    if plan.codes.iter().any(|(gid, code)| remapper.get(*gid) != Some(*code)) {
        return Err(err("字形编号不一致".into()));
    }
    let t = std::time::Instant::now();
    // A font the subsetter chokes on is an error for this export, not a crash.
    let cut = std::panic::catch_unwind(|| subsetter::subset(face.file_data(), face.entry.index, &remapper));
    let sfnt = match cut {
        Ok(Ok(sfnt)) => sfnt,
        Ok(Err(e)) => return Err(err(subset_error(&e))),
        Err(_) => return Err(err("字体文件格式不规范，无法提取字形".into())),
    };
    super::timing(&format!("subset {} ({} KB)", face.entry.describe(), sfnt.len() / 1000), t);
    let ttf = face.face().ok_or_else(|| unreadable(face))?;
    // Everything in 1/1000 em, as the PDF states it.
    let scale = 1000.0 / ttf.units_per_em().max(1) as f32;
    let em = |v: i16| (v as f32 * scale).round() as i16;
    let bbox = ttf.global_bounding_box();
    let font_type = if sfnt.starts_with(b"OTTO") { FontType::OpenTypeCFF(()) } else { FontType::TrueType };
    Ok(ParsedFont {
        original_bytes: sfnt,
        font_index: 0,
        font_name: Some(format!("{}+{}", subset_tag(face, plan), clean_name(&face.entry.postscript))),
        codepoint_to_glyph: plan.by_char.iter().map(|(ch, code)| (*ch as u32, *code)).collect(),
        glyph_widths: plan.widths.clone(),
        units_per_em: 1000,
        font_metrics: FontMetrics { ascent: em(ttf.ascender()), descent: em(ttf.descender()) },
        font_type,
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em: 1000,
            x_min: em(bbox.x_min),
            y_min: em(bbox.y_min),
            x_max: em(bbox.x_max),
            y_max: em(bbox.y_max),
            caret_slope_rise: 1,
            caret_slope_run: 0,
            us_weight_class: ttf.weight().to_number(),
        },
    })
}

/// Six capital letters naming a subset, as the PDF standard asks
/// (`ABCDEF+Name`), derived from the face and the glyphs kept.
fn subset_tag(face: &LoadedFace, plan: &Plan) -> String {
    let mut h = Sha256::new();
    h.update(face.entry.postscript.as_bytes());
    h.update(face.entry.index.to_le_bytes());
    for gid in plan.codes.keys() {
        h.update(gid.to_le_bytes());
    }
    h.finalize().iter().take(6).map(|b| (b'A' + b % 26) as char).collect()
}

/// A PostScript name fit for a PDF name: printable ASCII without delimiters.
fn clean_name(name: &str) -> String {
    let n: String =
        name.chars().filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c)).take(100).collect();
    if n.is_empty() { "Font".to_string() } else { n }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_only_what_a_pdf_name_may_hold() {
        assert_eq!(clean_name("NotoSerifCJKsc-Regular"), "NotoSerifCJKsc-Regular");
        assert_eq!(clean_name("AR PL UKai (CN)"), "ARPLUKaiCN");
        assert_eq!(clean_name("仿宋"), "Font");
    }
}
