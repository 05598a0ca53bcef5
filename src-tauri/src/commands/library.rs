//! The library pane: list, search, open, save, create, rename, adapt, tags, trash, import.

use std::path::PathBuf;

use lectern_library::{FileOutcome, ImportProgress, ImportReport, Lecture, LectureSummary, SaveOutcome, SearchHit};
use tauri::ipc::Channel;
use tauri::State;

use super::msg;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn library_list(state: State<'_, AppState>) -> Result<Vec<LectureSummary>, String> {
    state.library()?.list().map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn trash_list(state: State<'_, AppState>) -> Result<Vec<LectureSummary>, String> {
    state.library()?.trash().map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn library_search(state: State<'_, AppState>, query: String) -> Result<Vec<SearchHit>, String> {
    state.library()?.search(&query, 100).map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn lecture_get(state: State<'_, AppState>, id: i64) -> Result<Lecture, String> {
    state.library()?.get(id).map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn lecture_create(state: State<'_, AppState>) -> Result<i64, String> {
    state.library()?.create("").map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn lecture_save(state: State<'_, AppState>, id: i64, body: String) -> Result<SaveOutcome, String> {
    state.library()?.update_body(id, &body).map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn lecture_rename(state: State<'_, AppState>, id: i64, title: String) -> Result<(), String> {
    state.library()?.set_title(id, &title).map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn lecture_adapt(state: State<'_, AppState>, id: i64) -> Result<i64, String> {
    state.library()?.adapt(id).map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn lecture_delete(state: State<'_, AppState>, id: i64) -> Result<(), String> {
    state.library()?.delete(id).map_err(msg)
}

#[tauri::command]
#[specta::specta]
pub fn lecture_restore_deleted(state: State<'_, AppState>, id: i64) -> Result<(), String> {
    state.library()?.restore_deleted(id).map_err(msg)
}

/// Sets the tags from the line the user typed; returns them as stored (sorted, once each).
#[tauri::command]
#[specta::specta]
pub fn lecture_set_tags(state: State<'_, AppState>, id: i64, line: String) -> Result<Vec<String>, String> {
    state.library()?.set_tags_line(id, &line).map_err(msg)
}

/// Imports files with the library's chunked import, reporting progress after each file is read.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    on_progress: Channel<ImportProgress>,
) -> Result<Vec<FileOutcome>, String> {
    let reports = state.library()?.import_files_with_progress(&paths, |p| drop(on_progress.send(p)));
    Ok(reports.iter().map(ImportReport::summary).collect())
}
