//! Writing laid-out pages as a PDF: every face embedded as a subset with a
//! /ToUnicode map (the text copies out as the right Chinese characters), title
//! and author in the document information, A4 pages, compressed streams.
//!
//! Each face is cut once, straight from the memory-mapped font file, to the
//! glyphs the pages use ([`font`]), and the objects are written with
//! `pdf-writer` ([`page`] for the content streams). Nothing is subset twice,
//! parsed twice, or copied whole: a 26 MB collection costs only the pages of
//! it that are read.

mod font;
pub mod handout;
mod page;

use std::collections::BTreeMap;

use pdf_writer::{Date, Filter, Finish, Name, Pdf, Rect, Ref, Settings, TextStr};

mod save;
pub use save::save_pdf;
pub use handout::{make_handout, make_handout_with, Handout, HandoutError, HandoutOptions, HandoutReport};

use crate::fonts::FontSet;
use crate::typeset::Layout;

/// With `LECTERN_TIMINGS` set, prints how long a stage of an export took (for profiling).
pub(crate) fn timing(stage: &str, since: std::time::Instant) {
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
}

/// How hard streams are compressed (zlib levels 1–9): 6 is within 1 % of 9's size, at a
/// fraction of its time.
const COMPRESSION: u32 = 6;

/// The planned faces of an export, by slot.
struct Plans(BTreeMap<usize, font::Plan>);

impl page::Codes for Plans {
    fn code(&self, slot: usize, gid: u16) -> Option<u16> {
        self.0.get(&slot).map(|s| s.code(gid))
    }

    fn width(&self, slot: usize, code: u16) -> f32 {
        self.0.get(&slot).map(|s| s.width(code)).unwrap_or(0.0)
    }
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
    let mut plans = BTreeMap::new();
    let mut faces = Vec::new();
    for (slot, gids) in &used {
        plans.insert(*slot, font::plan(&fonts.faces[*slot], gids)?);
        faces.push(EmbeddedFace { slot: *slot, glyphs: gids.len() });
    }
    let plans = Plans(plans);

    // One face after the other, on this thread: cutting the body's face on a second
    // thread saved no time on the two shared cores, and cost 7 ms more CPU and 6 MiB.
    let t = std::time::Instant::now();
    let mut programs = BTreeMap::new();
    for (slot, plan) in &plans.0 {
        programs.insert(*slot, font::program(&fonts.faces[*slot], plan, COMPRESSION)?);
    }
    let h = layout.preset.page_height;
    let contents: Vec<Vec<u8>> =
        layout.pages.iter().map(|p| font::deflate(&page::content(p, h, &plans), COMPRESSION)).collect();
    timing("cut faces and write pages", t);

    let t = std::time::Instant::now();
    let mut next = 0;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let (catalog_ref, tree_ref, info_ref) = (alloc(), alloc(), alloc());
    let font_refs: BTreeMap<usize, Ref> = plans.0.keys().map(|slot| (*slot, alloc())).collect();
    let page_refs: Vec<(Ref, Ref)> = layout.pages.iter().map(|_| (alloc(), alloc())).collect();

    let size = contents.iter().map(Vec::len).sum::<usize>() + programs.values().map(|p| p.size()).sum::<usize>();
    let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, size + 64 * 1024);
    let w = layout.preset.page_width;
    pdf.catalog(catalog_ref).pages(tree_ref).lang(TextStr("zh-CN")).viewer_preferences().display_doc_title(true);
    pdf.pages(tree_ref).kids(page_refs.iter().map(|(page, _)| *page)).count(page_refs.len() as i32);
    for ((page_ref, content_ref), content) in page_refs.iter().zip(&contents) {
        let mut pg = pdf.page(*page_ref);
        pg.parent(tree_ref).media_box(Rect::new(0.0, 0.0, w, h)).contents(*content_ref);
        let mut res = pg.resources();
        let mut dict = res.fonts();
        for (slot, r) in &font_refs {
            dict.pair(Name(page::font_name(*slot).as_bytes()), *r);
        }
        dict.finish();
        res.finish();
        pg.finish();
        pdf.stream(*content_ref, content).filter(Filter::FlateDecode);
    }
    for (slot, r) in &font_refs {
        let face = (&plans.0[slot], &programs[slot]);
        font::write(&mut pdf, &mut alloc, *r, &fonts.faces[*slot], face, COMPRESSION)?;
    }
    timing("objects", t);

    let now = now_utc();
    let mut doc = pdf.document_info(info_ref);
    doc.title(TextStr(&info.title));
    if let Some(a) = &info.author {
        doc.author(TextStr(a));
    }
    if let Some(s) = &info.subject {
        doc.subject(TextStr(s));
    }
    doc.creator(TextStr("讲稿台 Lectern")).producer(TextStr("Lectern (pdf-writer)")).creation_date(now).modified_date(now);
    doc.finish();
    let bytes = pdf.finish();
    Ok(PdfOutput { bytes, faces, warnings: Vec::new() })
}

/// The current time as a PDF date, in UTC.
fn now_utc() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    Date::new(y as u16)
        .month(m as u8)
        .day(d as u8)
        .hour((rem / 3600) as u8)
        .minute((rem / 60 % 60) as u8)
        .second((rem % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_786), (2026, 11, 29));
    }
}
