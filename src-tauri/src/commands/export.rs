//! The export dialog: the faces each role can use, a preview of the real PDF, and saving it as a PDF
//! or as a Word document. Both formats start from the same `Document`, built once here from the
//! lecture and the dialog's fields ([`document`]); PDF goes through lectern-pdf, Word through
//! lectern-docx.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use lectern_typeset::fonts::{resolve, Catalog, RoleOverride};
use lectern_pdf::{make_handout_with, Handout, HandoutOptions, HandoutReport};
use lectern_typeset::{document_from_text, Document, Kind, Meta, Preset};
use serde::{Deserialize, Serialize};
use tauri::ipc::{InvokeResponseBody, IpcResponse, Response};
use tauri::AppHandle;

use super::guard::{guarded, off_main};
use super::msg;
use crate::state::AppState;

/// The installed faces, scanned (or read from the cache) once per run.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::system)
}

#[derive(Serialize, specta::Type)]
pub struct FontRole {
    role: &'static str,
    label: &'static str,
    resolved: Option<String>,
    note: Option<String>,
}

#[derive(Serialize, specta::Type)]
pub struct FontChoices {
    roles: Vec<FontRole>,
    families: Vec<String>,
}

/// What each role resolves to here, and every installed family a user may choose instead.
#[tauri::command]
#[specta::specta]
pub async fn export_fonts() -> Result<FontChoices, String> {
    guarded("查找字体", font_choices)
}

fn font_choices() -> Result<FontChoices, String> {
    let catalog = catalog();
    let resolution = resolve(catalog, &[]).map_err(msg)?;
    let roles = resolution
        .roles
        .iter()
        .map(|c| FontRole {
            role: c.role.key(),
            label: c.role.label(),
            resolved: Some(c.face.family().to_string()),
            note: Some(c.reason.clone()),
        })
        .collect();
    let mut families: Vec<String> = catalog.faces.iter().map(|f| f.family().to_string()).collect();
    families.sort();
    families.dedup();
    Ok(FontChoices { roles, families })
}

/// A handout kind as the dialog offers it: which of its fields the kind prints.
#[derive(Serialize, specta::Type)]
pub struct KindFields {
    key: &'static str,
    label: &'static str,
    /// `speaker`, `date`, `place`, `questions`: the fields this kind prints (the dialog hides the rest).
    fields: Vec<&'static str>,
}

/// The handout kinds and the fields each prints (a rule of lectern-typeset's `Kind`).
#[tauri::command]
#[specta::specta]
pub fn export_kinds() -> Vec<KindFields> {
    Kind::ALL.iter().map(|k| KindFields { key: k.key(), label: k.label(), fields: k.fields() }).collect()
}

/// The export dialog's choices.
#[derive(Deserialize, specta::Type)]
pub struct ExportRequest {
    id: i64,
    kind: String,
    preset: String,
    #[serde(default)]
    fonts: HashMap<String, String>,
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    questions: Vec<String>,
}

/// The lecture as the document both formats write, with the kind and preset the dialog chose.
fn document(state: &AppState, req: &ExportRequest) -> Result<(Document, Kind, Preset), String> {
    let lecture = state.library()?.get(req.id).map_err(msg)?;
    let kind = Kind::parse(&req.kind)?;
    let preset = Preset::parse(&req.preset)?;
    let meta = Meta::from_fields(Some(&req.speaker), Some(&req.date), Some(&req.place));
    let mut doc = document_from_text(&lecture.title, &lecture.body, meta);
    doc.set_questions(&req.questions);
    Ok((doc, kind, preset))
}

fn make(state: &AppState, req: &ExportRequest) -> Result<Handout, String> {
    let (doc, kind, preset) = document(state, req)?;
    let fonts = req
        .fonts
        .iter()
        .map(|(role, face)| RoleOverride::parse(&format!("{role}={face}")).map_err(msg))
        .collect::<Result<Vec<_>, _>>()?;
    make_handout_with(&doc, &HandoutOptions { kind, preset, fonts }, catalog()).map_err(msg)
}

/// A PDF's bytes, sent raw (not as JSON): the UI receives an `ArrayBuffer`.
pub struct PdfBytes(Vec<u8>);

impl specta::Type for PdfBytes {
    fn definition(_: &mut specta::Types) -> specta::datatype::DataType {
        specta_typescript::define("ArrayBuffer").into()
    }
}

impl IpcResponse for PdfBytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Response::new(self.0).body()
    }
}

/// The PDF the dialog would save, as bytes for the preview.
#[tauri::command]
#[specta::specta]
pub async fn export_preview(app: AppHandle, request: ExportRequest) -> Result<PdfBytes, String> {
    off_main(app, "预览讲义", move |state| Ok(PdfBytes(make(state, &request)?.pdf.bytes))).await
}

#[derive(Serialize, specta::Type)]
pub struct SaveReport {
    pages: usize,
    path: String,
    fonts: Vec<RoleFace>,
    fallbacks: Vec<String>,
}

#[derive(Serialize, specta::Type)]
pub struct RoleFace {
    role: &'static str,
    family: String,
}

/// Writes the PDF to `path` (through a temporary file, so a failed export leaves no half file).
#[tauri::command]
#[specta::specta]
pub async fn export_save(app: AppHandle, request: ExportRequest, path: PathBuf) -> Result<SaveReport, String> {
    off_main(app, "导出讲义", move |state| save_report(state, &request, path)).await
}

fn save_report(state: &AppState, request: &ExportRequest, path: PathBuf) -> Result<SaveReport, String> {
    let handout = make(state, request)?;
    lectern_pdf::save_pdf(&path, &handout.pdf.bytes).map_err(msg)?;
    let report: HandoutReport = handout.report();
    Ok(SaveReport {
        pages: report.pages,
        path: path.display().to_string(),
        fallbacks: report.fallback_notes(),
        fonts: report.fonts.into_iter().map(|f| RoleFace { role: f.role, family: f.family }).collect(),
    })
}

#[derive(Serialize, specta::Type)]
pub struct WordReport {
    path: String,
    /// The file's size in bytes.
    bytes: usize,
}

/// Writes the same document as a Word .docx to `path` (Word or WPS lays out its pages; the faces
/// are named, so the dialog's font choices do not apply). Through a temporary file, as the PDF.
#[tauri::command]
#[specta::specta]
pub async fn export_word(app: AppHandle, request: ExportRequest, path: PathBuf) -> Result<WordReport, String> {
    off_main(app, "导出 Word 文档", move |state| {
        let (doc, kind, preset) = document(state, &request)?;
        let bytes = lectern_docx::write(&doc, &preset, kind).map_err(msg)?;
        lectern_pdf::save_pdf(&path, &bytes).map_err(msg)?;
        Ok(WordReport { path: path.display().to_string(), bytes: bytes.len() })
    })
    .await
}
