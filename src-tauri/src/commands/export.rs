//! The export dialog: fonts per role, a preview of the real PDF, and saving it.
//! (Wired to lectern-core's typesetter once it lands.)

use serde::Deserialize;

#[derive(Deserialize)]
pub struct ExportRequest {}

#[tauri::command]
pub fn export_fonts() -> Result<(), String> {
    Err("导出讲义还未完成".into())
}

#[tauri::command]
pub fn export_preview(request: ExportRequest) -> Result<(), String> {
    let _ = request;
    Err("导出讲义还未完成".into())
}

#[tauri::command]
pub fn export_save(request: ExportRequest, path: String) -> Result<(), String> {
    let _ = (request, path);
    Err("导出讲义还未完成".into())
}
