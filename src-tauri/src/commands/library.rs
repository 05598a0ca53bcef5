//! The library pane: list, search, open, save, create, rename, adapt, tags, trash, import.

use std::path::PathBuf;

use lectern_library::{ImportOutcome, Lecture, LectureSummary, SaveOutcome, SearchHit};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use super::msg;
use crate::state::AppState;

#[tauri::command]
pub fn library_list(state: State<'_, AppState>) -> Result<Vec<LectureSummary>, String> {
    state.library()?.list().map_err(msg)
}

#[tauri::command]
pub fn trash_list(state: State<'_, AppState>) -> Result<Vec<LectureSummary>, String> {
    state.library()?.trash().map_err(msg)
}

#[tauri::command]
pub fn library_search(state: State<'_, AppState>, query: String) -> Result<Vec<SearchHit>, String> {
    state.library()?.search(&query, 100).map_err(msg)
}

#[tauri::command]
pub fn lecture_get(state: State<'_, AppState>, id: i64) -> Result<Lecture, String> {
    state.library()?.get(id).map_err(msg)
}

#[tauri::command]
pub fn lecture_create(state: State<'_, AppState>) -> Result<i64, String> {
    state.library()?.create("").map_err(msg)
}

#[tauri::command]
pub fn lecture_save(state: State<'_, AppState>, id: i64, body: String) -> Result<SaveOutcome, String> {
    state.library()?.update_body(id, &body).map_err(msg)
}

#[tauri::command]
pub fn lecture_rename(state: State<'_, AppState>, id: i64, title: String) -> Result<(), String> {
    state.library()?.set_title(id, &title).map_err(msg)
}

#[tauri::command]
pub fn lecture_adapt(state: State<'_, AppState>, id: i64) -> Result<i64, String> {
    state.library()?.adapt(id).map_err(msg)
}

#[tauri::command]
pub fn lecture_delete(state: State<'_, AppState>, id: i64) -> Result<(), String> {
    state.library()?.delete(id).map_err(msg)
}

#[tauri::command]
pub fn lecture_restore_deleted(state: State<'_, AppState>, id: i64) -> Result<(), String> {
    state.library()?.restore_deleted(id).map_err(msg)
}

#[tauri::command]
pub fn lecture_set_tags(state: State<'_, AppState>, id: i64, tags: Vec<String>) -> Result<Vec<String>, String> {
    state.library()?.set_tags(id, &tags).map_err(msg)
}

/// Progress of an import, sent after each file.
#[derive(Clone, Serialize)]
pub struct ImportProgress {
    done: usize,
    total: usize,
    file: String,
}

/// One file's result, as the import summary shows it.
#[derive(Serialize)]
pub struct FileOutcome {
    file: String,
    status: &'static str,
    id: Option<i64>,
    message: Option<String>,
}

/// Imports files one by one (each in its own transaction: a bad file harms nothing), reporting
/// progress after each.
#[tauri::command]
pub async fn import_files(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    on_progress: Channel<ImportProgress>,
) -> Result<Vec<FileOutcome>, String> {
    let total = paths.len();
    let mut out = Vec::with_capacity(total);
    for (i, path) in paths.iter().enumerate() {
        let report = state.library()?.import_files(std::slice::from_ref(path)).remove(0);
        let message = report.message();
        let (status, id) = match report.outcome {
            ImportOutcome::Added { id, .. } => ("imported", Some(id)),
            ImportOutcome::Duplicate { id, .. } => ("duplicate", Some(id)),
            ImportOutcome::Failed { .. } => ("failed", None),
        };
        let file = path.display().to_string();
        let _ = on_progress.send(ImportProgress { done: i + 1, total, file: file.clone() });
        out.push(FileOutcome { file, status, id, message });
    }
    Ok(out)
}
