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
    defuse_recursion(&mut doc);
    // Pages are independent (pdf-extract loads each page's fonts anew, which
    // is most of the time): read them on a few threads, then in page order.
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let chunk = numbers.len().div_ceil(threads).max(1);
    let doc = &doc;
    let pages = std::thread::scope(|s| {
        let handles: Vec<_> = numbers
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .stack_size(8 << 20)
                    .spawn_scoped(s, move || part.iter().map(|&n| page(doc, n)).collect::<Vec<Page>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.ok().and_then(|h| h.join().ok()).unwrap_or_default()).collect::<Vec<Page>>()
    });
    Ok(pages)
}

/// One page's glyphs; a page the crate cannot read (or panics on) is empty.
fn page(doc: &pdf_extract::Document, n: u32) -> Page {
    let mut out = Collector::default();
    let ok = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc_page(doc, &mut out, n).is_ok())).unwrap_or(false);
    match out.pages.pop() {
        Some(p) if ok => p,
        _ => Page::default(),
    }
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

/// pdf-extract follows a page's `Parent` chain and draws form XObjects
/// within form XObjects by recursion, without a limit: a file with a loop in
/// either would overflow the stack (which no `catch_unwind` catches). Here,
/// walking iteratively, each page gets what it inherits set on itself and
/// loses its `Parent`; and a form's reference to a form that is already
/// being drawn, or that lies more than [`MAX_FORM_DEPTH`] deep, is removed.
fn defuse_recursion(doc: &mut pdf_extract::Document) {
    use pdf_extract::{Dictionary, Object, ObjectId};
    use std::collections::{HashMap, HashSet};
    const MAX_FORM_DEPTH: usize = 16;
    let dict_of = |doc: &pdf_extract::Document, id: ObjectId| -> Option<Dictionary> {
        match doc.objects.get(&id)? {
            Object::Dictionary(d) => Some(d.clone()),
            Object::Stream(s) => Some(s.dict.clone()),
            _ => None,
        }
    };
    for (_, page) in doc.get_pages() {
        let Some(mut dict) = dict_of(doc, page) else { continue };
        let mut seen = HashSet::from([page]);
        let mut parent = dict.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
        while let Some(id) = parent {
            if !seen.insert(id) || seen.len() > 64 {
                break;
            }
            let Some(p) = dict_of(doc, id) else { break };
            for key in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
                if !dict.has(key) {
                    if let Ok(v) = p.get(key) {
                        dict.set(key.to_vec(), v.clone());
                    }
                }
            }
            parent = p.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
        }
        dict.remove(b"Parent");
        if !dict.has(b"MediaBox") {
            dict.set("MediaBox", Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
        }
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&page) {
            *d = dict;
        }
    }
    // Form XObjects: the XObjects each one's resources name.
    let resolve = |doc: &pdf_extract::Document, o: &Object| -> Option<Dictionary> {
        match o {
            Object::Dictionary(d) => Some(d.clone()),
            Object::Reference(r) => dict_of(doc, *r),
            _ => None,
        }
    };
    let mut edges: HashMap<ObjectId, Vec<(Vec<u8>, ObjectId)>> = HashMap::new();
    for (id, o) in &doc.objects {
        let Object::Stream(s) = o else { continue };
        if s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) != Some(b"Form") {
            continue;
        }
        let xobjects = s.dict.get(b"Resources").ok().and_then(|r| resolve(doc, r)).and_then(|r| r.get(b"XObject").ok().cloned()).and_then(|x| resolve(doc, &x));
        let out = xobjects.map(|x| x.iter().filter_map(|(k, v)| v.as_reference().ok().map(|r| (k.clone(), r))).collect()).unwrap_or_default();
        edges.insert(*id, out);
    }
    // Iterative depth-first walk from every form; cut back edges and deep ones.
    let mut cut: HashSet<(ObjectId, Vec<u8>)> = HashSet::new();
    let mut done: HashSet<ObjectId> = HashSet::new();
    for &root in edges.keys() {
        if done.contains(&root) {
            continue;
        }
        let mut stack: Vec<(ObjectId, usize)> = vec![(root, 0)];
        let mut on_path: Vec<ObjectId> = vec![root];
        while let Some((node, next)) = stack.last().copied() {
            let children = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            if next >= children.len() {
                stack.pop();
                on_path.pop();
                done.insert(node);
                continue;
            }
            stack.last_mut().expect("non-empty").1 += 1;
            let (name, child) = &children[next];
            if !edges.contains_key(child) {
                continue;
            }
            if on_path.contains(child) || stack.len() >= MAX_FORM_DEPTH {
                cut.insert((node, name.clone()));
            } else if !done.contains(child) {
                stack.push((*child, 0));
                on_path.push(*child);
            }
        }
    }
    for (form, name) in cut {
        let Some(Object::Stream(s)) = doc.objects.get(&form) else { continue };
        // The XObject dictionary may be direct or referenced: remove the name where it lives.
        let res = s.dict.get(b"Resources").ok().cloned();
        let (res_id, mut res_dict) = match res {
            Some(Object::Reference(r)) => match dict_of(doc, r) {
                Some(d) => (Some(r), d),
                None => continue,
            },
            Some(Object::Dictionary(d)) => (None, d),
            _ => continue,
        };
        match res_dict.get(b"XObject").ok().cloned() {
            Some(Object::Reference(x)) => {
                if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&x) {
                    d.remove(&name);
                }
                continue;
            }
            Some(Object::Dictionary(mut d)) => {
                d.remove(&name);
                res_dict.set("XObject", Object::Dictionary(d));
            }
            _ => continue,
        }
        match res_id {
            Some(r) => {
                if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&r) {
                    *d = res_dict;
                }
            }
            None => {
                if let Some(Object::Stream(s)) = doc.objects.get_mut(&form) {
                    s.dict.set("Resources", Object::Dictionary(res_dict));
                }
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
