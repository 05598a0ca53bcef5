//! One face of an export as a PDF font: cut once, straight from the mapped
//! font file (a face of a `.ttc` collection included), down to the glyphs the
//! pages use, with the `subsetter` crate; then written as a Type 0 font with
//! Identity-H codes, the widths of the glyphs used, and a /ToUnicode map so
//! the text copies out as the right characters.
//!
//! CFF outlines stay CFF (the bare `CFF ` table in /FontFile3, CID-keyed with
//! CID = glyph id of the subset); TrueType outlines go in /FontFile2 with an
//! identity CID → glyph map.
//!
//! The codes and widths are settled before the cut ([`plan`]), from the
//! original face; the cut ([`program`]) only has to honour them.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};

use super::PdfError;
use crate::fonts::LoadedFace;

/// What the Identity-H codes of a font mean: Adobe-Identity-0.
const IDENTITY: SystemInfo<'static> =
    SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// The glyphs of a face an export uses, and their codes in the embedded subset.
pub(super) struct Plan {
    /// Original glyph id → code (= CID = glyph id in the subset), .notdef first.
    codes: BTreeMap<u16, u16>,
    /// Code → the character it sets, for /ToUnicode.
    chars: BTreeMap<u16, char>,
    /// Code → advance in 1/1000 em (to 1/100), as /W says.
    widths: BTreeMap<u16, f32>,
}

impl Plan {
    /// The code of an original glyph id (the subset's .notdef for a glyph not planned).
    pub(super) fn code(&self, gid: u16) -> u16 {
        self.codes.get(&gid).copied().unwrap_or(0)
    }

    /// The width of a code, in 1/1000 em.
    pub(super) fn width(&self, code: u16) -> f32 {
        self.widths.get(&code).copied().unwrap_or(0.0)
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

/// Codes and widths for the glyphs of `used` (original glyph id → the character it sets):
/// .notdef is code 0, the others follow in glyph id order.
pub(super) fn plan(face: &LoadedFace, used: &BTreeMap<u16, char>) -> Result<Plan, PdfError> {
    let ttf = face
        .face()
        .ok_or_else(|| PdfError::Subset { face: face.entry.describe(), reason: "字体无法解析".into() })?;
    let scale = 1000.0 / ttf.units_per_em().max(1) as f32;
    let mut codes = BTreeMap::from([(0u16, 0u16)]);
    let mut chars = BTreeMap::new();
    for (&gid, &ch) in used.iter().filter(|(g, _)| **g != 0) {
        let code = codes.len() as u16;
        codes.insert(gid, code);
        chars.insert(code, ch);
    }
    let widths = codes
        .iter()
        .map(|(&gid, &code)| {
            let adv = ttf.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0) as f32;
            (code, (adv * scale * 100.0).round() / 100.0)
        })
        .collect();
    Ok(Plan { codes, chars, widths })
}

/// A face's font program, cut to a plan's glyphs and compressed.
pub(super) struct Program {
    /// Flate-compressed.
    data: Vec<u8>,
    /// The size before compression.
    len: usize,
    /// A bare CFF table (else a TrueType font).
    cff: bool,
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

impl Program {
    /// Its size in the file.
    pub(super) fn size(&self) -> usize {
        self.data.len()
    }
}

/// Cuts the glyphs of `plan` out of `face` and compresses the result.
pub(super) fn program(face: &LoadedFace, plan: &Plan, level: u32) -> Result<Program, PdfError> {
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
    super::timing(&format!("subset {}", face.entry.describe()), t);
    let raw = ttf_parser::RawFace::parse(&sfnt, 0).map_err(|e| err(format!("所提取的字形无法解析：{e}")))?;
    let (program, cff) = match raw.table(ttf_parser::Tag::from_bytes(b"CFF ")) {
        Some(table) => (table, true),
        None => (&sfnt[..], false),
    };
    let t = std::time::Instant::now();
    let data = deflate(program, level);
    super::timing(&format!("deflate {} KB", program.len() / 1000), t);
    Ok(Program { data, len: program.len(), cff })
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

/// Writes the `plan` of `face`, with its cut `program`, as a Type 0 font at
/// `font_ref`, allocating the other objects it needs with `alloc`.
pub(super) fn write(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    font_ref: Ref,
    face: &LoadedFace,
    (plan, program): (&Plan, &Program),
    level: u32,
) -> Result<(), PdfError> {
    let ttf = face.face().ok_or_else(|| PdfError::Subset {
        face: face.entry.describe(),
        reason: "字体无法解析".into(),
    })?;
    let (cid_ref, descriptor_ref, cmap_ref, file_ref) = (alloc(), alloc(), alloc(), alloc());
    let scale = 1000.0 / ttf.units_per_em().max(1) as f32;
    let to_pdf = |v: f32| (v * scale).round();
    let name = format!("{}+{}", subset_tag(face, plan), clean_name(&face.entry.postscript));

    pdf.type0_font(font_ref)
        .base_font(Name(name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    // Widths in 1/1000 em, by code; most CJK glyphs share one, the default.
    let widths: Vec<(u16, f32)> = plan.widths.iter().map(|(c, w)| (*c, *w)).collect();
    let default = most_common(widths.iter().map(|w| w.1)).unwrap_or(1000.0);
    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(if program.cff { CidFontType::Type0 } else { CidFontType::Type2 })
        .base_font(Name(name.as_bytes()))
        .system_info(IDENTITY)
        .font_descriptor(descriptor_ref)
        .default_width(default);
    if !program.cff {
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
    if program.cff {
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
    for (&code, &ch) in &plan.chars {
        cmap.pair(code, ch);
    }
    let cmap = deflate(&cmap.finish(), level);
    pdf.cmap(cmap_ref, &cmap).filter(Filter::FlateDecode);

    let mut file = pdf.stream(file_ref, &program.data);
    file.filter(Filter::FlateDecode);
    if program.cff {
        file.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        file.pair(Name(b"Length1"), program.len as i32);
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
