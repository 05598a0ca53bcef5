//! lectern-pdf: writing laid-out pages (lectern-typeset's [`Layout`]) as a
//! PDF with printpdf: every face embedded as a subset with a /ToUnicode map
//! (the text copies out as the right Chinese characters), title and author in
//! the document information, A4 pages, compressed streams.
//!
//! Each face is cut once, straight from the memory-mapped font file, to the
//! glyphs the pages use ([`font`]), and handed to printpdf already cut; the
//! pages are printpdf operations ([`page`]); printpdf builds the objects and
//! [`file`] writes them compactly. Nothing is subset twice, parsed twice, or
//! copied whole: a 26 MB collection costs only the pages of it that are read.

mod file;
mod font;
pub mod handout;
mod page;

use std::collections::BTreeMap;

use printpdf::{Mm, OffsetDateTime, PdfDocument, PdfPage, PdfSaveOptions, Pt};

mod save;
pub use save::save_pdf;
pub use handout::{make_handout, make_handout_with, Handout, HandoutError, HandoutOptions, HandoutReport};

use lectern_typeset::fonts::FontSet;
use lectern_typeset::Layout;

/// With `LECTERN_TIMINGS` set, prints how long a stage of an export took (for profiling).
pub fn timing(stage: &str, since: std::time::Instant) {
    if std::env::var_os("LECTERN_TIMINGS").is_some() {
        let mem = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let mem: Vec<&str> = mem
            .lines()
            .filter(|l| ["VmHWM", "RssAnon", "RssFile"].iter().any(|k| l.starts_with(k)))
            .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
            .collect();
        eprintln!("{stage}: {:.1} ms  (peak/anon/file KiB {mem:?})", since.elapsed().as_secs_f64() * 1000.0);
    }
}

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
    /// What went wrong without stopping the file (empty for a sound file).
    pub warnings: Vec<String>,
}

/// An error writing a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("无法从字体 {face} 中提取所用字形：{reason}")]
    Subset { face: String, reason: String },
    #[error("无法生成 PDF 文件：{0}")]
    Write(String),
}

/// Writes `layout` as a PDF.
pub fn write(layout: &Layout, fonts: &FontSet, info: &PdfInfo) -> Result<PdfOutput, PdfError> {
    // The glyphs each face sets, and the character each glyph stands for.
    let mut used: BTreeMap<usize, BTreeMap<u16, char>> = BTreeMap::new();
    for page in &layout.pages {
        for line in &page.lines {
            for g in &line.glyphs {
                used.entry(g.slot).or_default().entry(g.gid).or_insert(g.ch);
            }
        }
    }
    let mut doc = PdfDocument::new(&info.title);
    let now = OffsetDateTime::now_utc();
    let meta = &mut doc.metadata.info;
    meta.author = info.author.clone().unwrap_or_default();
    meta.subject = info.subject.clone().unwrap_or_default();
    meta.creator = "讲稿台 Lectern".into();
    meta.producer = "Lectern (printpdf)".into();
    (meta.creation_date, meta.modification_date, meta.metadata_date) = (now, now, now);

    // One face after the other, on this thread: cutting the body's face on a second
    // thread saved no time on the two shared cores, and cost 7 ms more CPU and 6 MiB.
    let t = std::time::Instant::now();
    let mut faces = Vec::new();
    let mut embedded = BTreeMap::new();
    for (slot, gids) in &used {
        let face = &fonts.faces[*slot];
        let plan = font::plan(face, gids)?;
        let id = doc.add_font(&font::cut(face, &plan)?);
        embedded.insert(*slot, (plan, id));
        faces.push(EmbeddedFace { slot: *slot, glyphs: gids.len() });
    }
    timing("cut faces", t);

    let t = std::time::Instant::now();
    let (w, h) = (layout.preset.page_width, layout.preset.page_height);
    let pages = layout.pages.iter().map(|p| PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), page::ops(p, h, &embedded)));
    doc.with_pages(pages.collect());
    // The faces come cut already: printpdf embeds them as they are.
    let options = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let objects = doc.to_lopdf_document(&options, &mut warnings);
    timing("pages and objects", t);
    let t = std::time::Instant::now();
    let bytes = file::finish(objects).map_err(PdfError::Write)?;
    timing("write", t);
    let warnings = warnings.iter().map(|w| format!("{}（第 {} 页）", w.msg, w.page + 1)).collect();
    Ok(PdfOutput { bytes, faces, warnings })
}
