//! lectern-docx: a lecture as a Word document (.docx) that opens in Word or
//! WPS looking like a document from the same office as the PDF handout.
//!
//! Word lays out its own pages, so the .docx shares the document model
//! ([`lectern_typeset::Document`], the kinds) and the preset
//! ([`lectern_typeset::Preset`], with the faces each role names from
//! [`lectern_typeset::fonts::preset`]) with the PDF, not the layout: nothing
//! here measures text or breaks lines. The layout is said in Word's own
//! terms, from the preset's numbers: A4 and the GB/T 9704 margins; a
//! `w:docGrid` of `linesAndChars` whose `linePitch` and `charSpace` give 22
//! lines of 28 characters (16 × 22 for large print), which the paragraphs
//! keep to with an exact line pitch and a character spacing that makes a
//! body character's advance the grid's pitch, so Word, WPS and LibreOffice
//! set the same lines (see [`parts::styles`]); one paragraph style per
//! role (Title 小标宋, Subtitle 楷体, headings 黑体/楷体/仿宋 carrying
//! `w:outlineLvl` so that the navigation pane shows the outline, the body in
//! 仿宋 with `firstLineChars="200"`), the faces named as the reader's machine
//! knows them in `w:eastAsia` and Times New Roman in `w:ascii`/`w:hAnsi`;
//! `— N —` page numbers in footers, odd pages right and even pages left
//! (`w:evenAndOddHeaders`); the title and the speaker in the document's properties.
//! This crate never depends on lectern-pdf.
//!
//! Written with quick-xml (escaping) and zip (the package), not docx-rs: the
//! parts are small and fixed, written in one pass in schema order, and the
//! attributes this layout lives on (`charSpace` on a `linesAndChars` grid,
//! `firstLineChars`, `w:hint` on `w:rFonts`, `w:snapToGrid` off in the footer,
//! a PAGE field between em dashes, a tab leader for ruled lines) are plain
//! attributes here rather than whatever subset of them a builder API exposes;
//! both crates are already in the workspace for the .docx reader, so nothing
//! new is compiled, and the export stays a few milliseconds.
//!
//! - [`page`]: the preset in twips, half-points and grid units;
//! - [`parts`]: content types, relationships, properties, settings, fonts, styles, footers;
//! - [`body`]: the kind's paragraphs and the section;
//! - [`xml`]: the XML writer.

pub mod body;
pub mod page;
pub mod parts;
pub mod xml;

use std::io::{Cursor, Write};

use lectern_typeset::fonts::preset::document_face;
use lectern_typeset::fonts::Role;
use lectern_typeset::{Document, Kind, Preset, TypesetError};
use zip::write::SimpleFileOptions;

pub use page::Page;

/// An error writing a .docx.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error(transparent)]
    Content(#[from] TypesetError),
    #[error("无法生成 Word 文档：{0}")]
    Package(String),
}

/// `doc` as `kind` on `preset`, the bytes of a .docx file.
pub fn write(doc: &Document, preset: &Preset, kind: Kind) -> Result<Vec<u8>, DocxError> {
    let g = Page::of(preset);
    let document = body::document(doc, &g, kind)?;
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        ("docProps/core.xml", parts::core_properties(doc, kind)),
        ("docProps/app.xml", parts::app_properties()),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/document.xml", document),
        ("word/styles.xml", parts::styles(&g)),
        ("word/settings.xml", parts::settings()),
        ("word/fontTable.xml", parts::font_table()),
        ("word/footer1.xml", parts::footer(&g, true)),
    ];
    let even = parts::footer(&g, false);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let package = |e: &dyn std::fmt::Display| DocxError::Package(e.to_string());
    for (name, text) in parts.iter().map(|(n, t)| (*n, t.as_str())).chain([("word/footer2.xml", even.as_str())]) {
        zip.start_file(name, opts).map_err(|e| package(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| package(&e))?;
    }
    Ok(zip.finish().map_err(|e| package(&e))?.into_inner())
}

/// The face each role names in the document, for the export's report.
pub fn faces() -> Vec<(Role, &'static str)> {
    Role::ALL.iter().map(|&r| (r, document_face(r).0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_typeset::{document_from_text, Meta};

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    }

    #[test]
    fn a_lecture_reads_back_with_its_text_and_outline() {
        let text = "题目\n\n——在党课上的讲话\n\n同志们：\n\n开场白，<引号>&。\n\n一、总体要求\n\n（一）坚持问题导向。要聚焦主要矛盾。\n\n最后一段。";
        let doc = document_from_text("题目", text, Meta { speaker: Some("张三".into()), ..Default::default() });
        let bytes = write(&doc, &Preset::gbt9704(), Kind::Speaker).unwrap();
        let dir = std::env::temp_dir().join(format!("lectern-docx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.docx");
        std::fs::write(&path, &bytes).unwrap();
        let back = lectern_text::import_path(&path).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squash(&back.text), squash(text));
        assert_eq!(back.title, "题目");
        assert!(part(&bytes, "docProps/core.xml").contains("<dc:creator>张三</dc:creator>"));
    }

    #[test]
    fn an_outline_needs_headings_and_a_document_needs_text() {
        let doc = document_from_text("题目", "题目\n\n只有正文。", Meta::default());
        assert!(matches!(write(&doc, &Preset::gbt9704(), Kind::Outline), Err(DocxError::Content(TypesetError::NoHeadings))));
        assert!(matches!(write(&Document::default(), &Preset::gbt9704(), Kind::Speaker), Err(DocxError::Content(TypesetError::Empty))));
    }
}
