//! Writing laid-out pages as a PDF with printpdf: every face embedded as a
//! subset with a /ToUnicode map (the text copies out as the right Chinese
//! characters), title and author in the document information, A4 pages.
//!
//! A face is first cut down to the glyphs used with allsorts, the subsetter
//! printpdf itself uses, straight from the memory-mapped font file. printpdf
//! then parses that small font (instead of copying a 20–26 MB collection into
//! memory) and subsets it again when it saves, tagging the embedded program
//! `XXXXXX+Name` as the PDF standard asks of a subset.

pub mod handout;

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line as PdfLine, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, TextItem, TextMatrix,
};

mod save;
pub use save::save_pdf;
pub use handout::{make_handout, make_handout_with, Handout, HandoutError, HandoutOptions, HandoutReport};

use crate::fonts::FontSet;
use crate::typeset::Layout;

/// What the document information says.
#[derive(Debug, Clone, Default)]
pub struct PdfInfo {
    pub title: String,
    /// The speaker, when known.
    pub author: Option<String>,
    /// What the file is (讲稿, 学习材料, 提纲).
    pub subject: Option<String>,
}

/// One face embedded in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedFace {
    /// Index into [`FontSet::faces`].
    pub slot: usize,
    /// How many glyphs of it the file uses.
    pub glyphs: usize,
}

/// A written PDF.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    pub faces: Vec<EmbeddedFace>,
    /// What printpdf warned about while writing (empty for a sound file).
    pub warnings: Vec<String>,
}

/// An error writing a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("无法从字体 {face} 中提取所用字形：{reason}")]
    Subset { face: String, reason: String },
}

struct Embedded {
    id: FontId,
    /// Original glyph id → glyph id in the pre-cut face.
    remap: BTreeMap<u16, u16>,
}

/// A cut face: its bytes, and original glyph id → glyph id in the cut.
type Cut = (Vec<u8>, BTreeMap<u16, u16>);

/// Cuts the glyphs `used` out of a face: a small standalone font whose glyph
/// `i` is `ids[i]` of the original (glyph 0 stays .notdef).
fn cut_face(fonts: &FontSet, slot: usize, used: &BTreeSet<u16>) -> Result<Cut, PdfError> {
    let face = &fonts.faces[slot];
    let err = |reason: String| PdfError::Subset { face: face.entry.describe(), reason };
    let file = ReadScope::new(face.file_data()).read::<FontData<'_>>().map_err(|e| err(e.to_string()))?;
    let provider = file.table_provider(face.entry.index as usize).map_err(|e| err(e.to_string()))?;
    let ids: Vec<u16> = std::iter::once(0).chain(used.iter().copied().filter(|g| *g != 0)).collect();
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| err(e.to_string()))?;
    let remap = ids.iter().enumerate().map(|(new, old)| (*old, new as u16)).collect();
    Ok((bytes, remap))
}

/// Writes `layout` as a PDF.
pub fn write(layout: &Layout, fonts: &FontSet, info: &PdfInfo) -> Result<PdfOutput, PdfError> {
    let mut used: BTreeMap<usize, BTreeSet<u16>> = BTreeMap::new();
    for page in &layout.pages {
        for line in &page.lines {
            for g in &line.glyphs {
                used.entry(g.slot).or_default().insert(g.gid);
            }
        }
    }
    let mut doc = PdfDocument::new(&info.title);
    let mut warnings = Vec::new();
    let mut embedded: BTreeMap<usize, Embedded> = BTreeMap::new();
    let mut faces = Vec::new();
    // One face at a time: cutting them on parallel threads saved ~20 ms but
    // pushed peak memory past 50 MiB.
    for (slot, gids) in &used {
        let (bytes, remap) = cut_face(fonts, *slot, gids)?;
        let mut font_warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut font_warnings).ok_or_else(|| PdfError::Subset {
            face: fonts.faces[*slot].entry.describe(),
            reason: format!("printpdf 无法读取所提取的字形：{font_warnings:?}"),
        })?;
        warnings.extend(
            font_warnings
                .into_iter()
                .filter(|w| format!("{:?}", w.severity) != "Info")
                .map(|w| format!("{}: {}", fonts.faces[*slot].entry.describe(), w.message)),
        );
        let id = doc.add_font(&parsed);
        embedded.insert(*slot, Embedded { id, remap });
        faces.push(EmbeddedFace { slot: *slot, glyphs: gids.len() });
    }

    let p = &layout.preset;
    let (w, h) = (p.page_width, p.page_height);
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut ops = Vec::new();
        if !page.rules.is_empty() {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale::new(0.55, None)) });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
            for r in &page.rules {
                let pt = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(h - r.y) }, bezier: false };
                ops.push(Op::DrawLine { line: PdfLine { points: vec![pt(r.x0), pt(r.x1)], is_closed: false } });
            }
            ops.push(Op::RestoreGraphicsState);
        }
        ops.push(Op::StartTextSection);
        let mut current: Option<(usize, f32)> = None;
        for line in &page.lines {
            for g in &line.glyphs {
                let Some(e) = embedded.get(&g.slot) else { continue };
                if current != Some((g.slot, g.size)) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(e.id.clone()), size: Pt(g.size) });
                    current = Some((g.slot, g.size));
                }
                let gid = e.remap.get(&g.gid).copied().unwrap_or(0);
                ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(g.x), Pt(h - g.y)) });
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(vec![Codepoint { gid, offset: 0.0, cid: Some(g.ch.to_string()) }])],
                });
            }
        }
        ops.push(Op::EndTextSection);
        pages.push(PdfPage::new(Mm(w * 25.4 / 72.0), Mm(h * 25.4 / 72.0), ops));
    }
    doc.with_pages(pages);
    let meta = &mut doc.metadata.info;
    meta.document_title = info.title.clone();
    meta.author = info.author.clone().unwrap_or_default();
    meta.subject = info.subject.clone().unwrap_or_default();
    meta.creator = "讲稿台 Lectern".to_string();
    meta.producer = "Lectern (printpdf)".to_string();
    let now = printpdf::OffsetDateTime::now_utc();
    meta.creation_date = now;
    meta.modification_date = now;
    meta.metadata_date = now;

    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    let mut save_warnings = Vec::new();
    let bytes = doc.save(&opts, &mut save_warnings);
    warnings.extend(
        save_warnings
            .into_iter()
            .filter(|w| !matches!(w.severity, printpdf::PdfParseErrorSeverity::Info))
            .map(|w| w.msg),
    );
    Ok(PdfOutput { bytes, faces, warnings })
}
