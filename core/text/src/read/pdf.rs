//! PDF with a text layer (study materials, printed lectures): each glyph's
//! text and position come from the pdf-extract crate (fonts' ToUnicode maps,
//! CID fonts, Identity-H); [`super::pdf_layout`] rebuilds lines, paragraphs
//! and drops running headers, footers and page numbers. An encrypted PDF, a
//! broken one or one with no text layer (a scan) is a [`Problem`]; a panic in
//! the crate is caught here and reads as a broken file.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::pdf_layout::{layout, Glyph, Page};
use super::{Format, Problem, RawText, Repair};

/// Collects the glyphs of each page, top-down coordinates.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _n: u32, media_box: &MediaBox, _art: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: (media_box.ury - media_box.lly).abs(),
            top: media_box.ury.max(media_box.lly),
            left: media_box.llx.min(media_box.urx),
            glyphs: Vec::new(),
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, text: &str) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else { return Ok(()) };
        // The font size in page space: the side of a square as large as the
        // transformed em square (as pdf-extract's own text output does it).
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let (x, y) = (trm.m31 - page.left, page.top - trm.m32);
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        page.glyphs.push(Glyph { x, y, size, advance: (width * size).max(0.0), text: text.to_string() });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn pages(bytes: &[u8]) -> Result<Vec<Page>, Problem> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| {
        if format!("{e:?}").contains("ecrypt") {
            Problem::Encrypted
        } else {
            Problem::CorruptPdf("无法解析".into())
        }
    })?;
    if doc.is_encrypted() {
        // Many PDFs are encrypted with an empty user password (printing and
        // copying limits only): those open; a real password does not.
        if doc.decrypt("").is_err() || doc.is_encrypted() {
            return Err(Problem::Encrypted);
        }
    }
    normalise_cid_widths(&mut doc);
    let mut out = Collector::default();
    for (n, _) in doc.get_pages() {
        // One broken page costs that page, not the file.
        if pdf_extract::output_doc_page(&doc, &mut out, n).is_err() {
            if out.pages.len() < n as usize {
                out.pages.push(Page::default());
            }
            continue;
        }
    }
    Ok(out.pages)
}

/// Rewrites each CID font's `W` array into its `c [w1 w2 …]` form: pdf-extract
/// 0.12 misreads the `c_first c_last w` form (Typst writes it) and then gives
/// the glyphs no width, which scrambles the order of a line's pieces.
fn normalise_cid_widths(doc: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let fonts: Vec<_> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            let sub = d.get(b"Subtype").ok()?.as_name().ok()?;
            (sub == b"CIDFontType0" || sub == b"CIDFontType2").then_some(*id)
        })
        .collect();
    for id in fonts {
        let w = match doc.objects.get(&id).and_then(|o| o.as_dict().ok()).and_then(|d| d.get(b"W").ok()) {
            Some(Object::Array(a)) => a.clone(),
            Some(Object::Reference(r)) => match doc.objects.get(r) {
                Some(Object::Array(a)) => a.clone(),
                _ => continue,
            },
            _ => continue,
        };
        let num = |o: &Object| match o {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r as f64),
            _ => None,
        };
        let mut fixed: Vec<Object> = Vec::new();
        let mut i = 0;
        let mut ok = true;
        while i < w.len() {
            match (w.get(i).and_then(num), w.get(i + 1)) {
                (Some(c), Some(Object::Array(ws))) => {
                    fixed.push(Object::Integer(c as i64));
                    fixed.push(Object::Array(ws.clone()));
                    i += 2;
                }
                (Some(first), Some(last)) => {
                    let (Some(last), Some(width)) = (num(last), w.get(i + 2).and_then(num)) else {
                        ok = false;
                        break;
                    };
                    let n = (last - first + 1.0).clamp(0.0, 65536.0) as usize;
                    fixed.push(Object::Integer(first as i64));
                    fixed.push(Object::Array(vec![Object::Real(width as _); n]));
                    i += 3;
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&id) {
                d.set("W", Object::Array(fixed));
            }
        }
    }
}

pub(super) fn read(bytes: &[u8]) -> Result<RawText, Problem> {
    if !bytes.starts_with(b"%PDF-") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(Problem::CorruptPdf("不是 PDF 文件".into()));
    }
    let pages = match catch_unwind(AssertUnwindSafe(|| pages(bytes))) {
        Ok(r) => r?,
        Err(_) => return Err(Problem::CorruptPdf("内容无法解析".into())),
    };
    if pages.is_empty() {
        return Err(Problem::CorruptPdf("没有页面".into()));
    }
    if pages.iter().all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty())) {
        return Err(Problem::NoTextLayer);
    }
    let text = layout(&pages);
    if text.paragraphs.is_empty() {
        return Err(Problem::NoTextLayer);
    }
    let mut repairs = Vec::new();
    if text.running_removed > 0 {
        repairs.push(Repair::RunningLinesRemoved(text.running_removed));
    }
    if text.page_numbers_removed > 0 {
        repairs.push(Repair::PageNumbersRemoved(text.page_numbers_removed));
    }
    if text.table_rows > 0 {
        repairs.push(Repair::TableRowsKept(text.table_rows));
    }
    Ok(RawText { text: text.paragraphs.join("\n"), format: Format::Pdf, encoding: None, headings: Vec::new(), repairs })
}
