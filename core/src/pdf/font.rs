//! One face of an export as a PDF font: cut once, straight from the mapped
//! font file (a face of a `.ttc` collection included), down to the glyphs the
//! pages use, with the `subsetter` crate; then written as a Type 0 font with
//! Identity-H codes, the widths of the glyphs used, and a /ToUnicode map so
//! the text copies out as the right characters.
//!
//! CFF outlines stay CFF (the bare `CFF ` table in /FontFile3, subroutines and
//! all, CID-keyed with CID = glyph id of the subset); TrueType outlines go in
//! /FontFile2 with an identity CID → glyph map.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};

use super::PdfError;
use crate::fonts::LoadedFace;

/// What the Identity-H codes of a font mean: Adobe-Identity-0.
const IDENTITY: SystemInfo<'static> =
    SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// A face cut down to the glyphs used.
pub(super) struct Subset {
    /// Original glyph id → code (= CID = glyph id in the subset).
    codes: BTreeMap<u16, u16>,
    /// Code → the character it sets, for /ToUnicode.
    chars: BTreeMap<u16, char>,
    /// Code → advance in 1/1000 em (to 1/100), as /W says.
    widths: BTreeMap<u16, f32>,
    /// The font program, and whether it is a bare CFF table.
    program: Vec<u8>,
    cff: bool,
}

impl Subset {
    /// The code of an original glyph id (the subset's .notdef for a glyph not cut).
    pub(super) fn code(&self, gid: u16) -> u16 {
        self.codes.get(&gid).copied().unwrap_or(0)
    }

    /// The width of a code, in 1/1000 em.
    pub(super) fn width(&self, code: u16) -> f32 {
        self.widths.get(&code).copied().unwrap_or(0.0)
    }
}

/// Cuts the glyphs of `used` (original glyph id → the character it sets) out of `face`.
pub(super) fn cut(face: &LoadedFace, used: &BTreeMap<u16, char>) -> Result<Subset, PdfError> {
    let err = |reason: String| PdfError::Subset { face: face.entry.describe(), reason };
    let ttf = face.face().ok_or_else(|| err("字体无法解析".into()))?;
    let scale = 1000.0 / ttf.units_per_em().max(1) as f32;
    let mut widths = BTreeMap::new();
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut codes = BTreeMap::new();
    let mut chars = BTreeMap::new();
    for (&gid, &ch) in used {
        let code = remapper.remap(gid);
        codes.insert(gid, code);
        let adv = ttf.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0) as f32;
        widths.insert(code, (adv * scale * 100.0).round() / 100.0);
        if gid != 0 {
            chars.insert(code, ch);
        }
    }
    let sfnt = subsetter::subset(face.file_data(), face.entry.index, &remapper).map_err(|e| err(e.to_string()))?;
    let raw = ttf_parser::RawFace::parse(&sfnt, 0).map_err(|e| err(format!("所提取的字形无法解析：{e}")))?;
    let (program, cff) = match raw.table(ttf_parser::Tag::from_bytes(b"CFF ")) {
        Some(table) => (table.to_vec(), true),
        None => (sfnt, false),
    };
    Ok(Subset { codes, chars, widths, program, cff })
}

/// Compresses a stream's data with Flate.
pub(super) fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::with_capacity(data.len() / 2), flate2::Compression::new(level));
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// Six capital letters naming a subset, as the PDF standard asks
/// (`ABCDEF+Name`), derived from the face and the glyphs kept.
fn subset_tag(face: &LoadedFace, subset: &Subset) -> String {
    let mut h = Sha256::new();
    h.update(face.entry.postscript.as_bytes());
    h.update(face.entry.index.to_le_bytes());
    for gid in subset.codes.keys() {
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

/// Writes `subset` of `face` as a Type 0 font at `font_ref`, allocating the
/// other objects it needs with `alloc`.
pub(super) fn write(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    font_ref: Ref,
    face: &LoadedFace,
    subset: &Subset,
    level: u32,
) -> Result<(), PdfError> {
    let ttf = face.face().ok_or_else(|| PdfError::Subset {
        face: face.entry.describe(),
        reason: "字体无法解析".into(),
    })?;
    let (cid_ref, descriptor_ref, cmap_ref, file_ref) = (alloc(), alloc(), alloc(), alloc());
    let scale = 1000.0 / ttf.units_per_em().max(1) as f32;
    let to_pdf = |v: f32| (v * scale).round();
    let name = format!("{}+{}", subset_tag(face, subset), clean_name(&face.entry.postscript));

    pdf.type0_font(font_ref)
        .base_font(Name(name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    // Widths in 1/1000 em, by code; most CJK glyphs share one, the default.
    let widths: Vec<(u16, f32)> = subset.widths.iter().map(|(c, w)| (*c, *w)).collect();
    let default = most_common(widths.iter().map(|w| w.1)).unwrap_or(1000.0);
    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(if subset.cff { CidFontType::Type0 } else { CidFontType::Type2 })
        .base_font(Name(name.as_bytes()))
        .system_info(IDENTITY)
        .font_descriptor(descriptor_ref)
        .default_width(default);
    if !subset.cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    {
        let mut w = cid.widths();
        let mut run: Vec<f32> = Vec::new();
        let mut start = 0u16;
        for (code, width) in widths.iter().filter(|(_, wd)| *wd != default) {
            if !run.is_empty() && start as usize + run.len() != *code as usize {
                w.consecutive(start, run.drain(..));
            }
            if run.is_empty() {
                start = *code;
            }
            run.push(*width);
        }
        if !run.is_empty() {
            w.consecutive(start, run.drain(..));
        }
    }
    cid.finish();

    let bbox = ttf.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    if ttf.is_italic() {
        flags |= FontFlags::ITALIC;
    }
    if ttf.is_monospaced() {
        flags |= FontFlags::FIXED_PITCH;
    }
    let weight = ttf.weight().to_number() as f32;
    let ascent = to_pdf(ttf.ascender() as f32);
    let mut desc = pdf.font_descriptor(descriptor_ref);
    desc.name(Name(name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            to_pdf(bbox.x_min as f32),
            to_pdf(bbox.y_min as f32),
            to_pdf(bbox.x_max as f32),
            to_pdf(bbox.y_max as f32),
        ))
        .italic_angle(ttf.italic_angle())
        .ascent(ascent)
        .descent(to_pdf(ttf.descender() as f32))
        .cap_height(ttf.capital_height().map(|c| to_pdf(c as f32)).unwrap_or(ascent))
        .stem_v((10.0 + 0.244 * (weight - 50.0)).round());
    if subset.cff {
        desc.font_file3(file_ref);
    } else {
        desc.font_file2(file_ref);
    }
    desc.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Lectern-UCS"), SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    });
    for (&code, &ch) in &subset.chars {
        cmap.pair(code, ch);
    }
    let cmap = deflate(&cmap.finish(), level);
    pdf.cmap(cmap_ref, &cmap).filter(Filter::FlateDecode);

    let data = deflate(&subset.program, level);
    let mut file = pdf.stream(file_ref, &data);
    file.filter(Filter::FlateDecode);
    if subset.cff {
        file.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        file.pair(Name(b"Length1"), subset.program.len() as i32);
    }
    file.finish();
    Ok(())
}

/// The value that occurs most often (the smallest of equals).
fn most_common(values: impl Iterator<Item = f32>) -> Option<f32> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for v in values {
        *counts.entry((v * 100.0).round() as i64).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(v, _)| v as f32 / 100.0)
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

    #[test]
    fn the_default_width_is_the_commonest() {
        assert_eq!(most_common([1000.0, 500.0, 1000.0, 250.0].into_iter()), Some(1000.0));
        assert_eq!(most_common(std::iter::empty()), None);
    }
}
