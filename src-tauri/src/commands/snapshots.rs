//! Snapshots of a lecture: take, list, compare with the current text, restore.

use lectern_library::SnapshotEntry;
use lectern_text::diff::DiffLine;
use tauri::State;

use super::msg;
use crate::state::AppState;

/// Keeps the current text as a snapshot (a blank label is no label); returns its id.
#[tauri::command]
#[specta::specta]
pub fn snapshot_take(state: State<'_, AppState>, id: i64, label: Option<String>) -> Result<i64, String> {
    Ok(state.library()?.snapshot(id, label.as_deref()).map_err(msg)?.id)
}

#[tauri::command]
#[specta::specta]
pub fn snapshot_list(state: State<'_, AppState>, id: i64) -> Result<Vec<SnapshotEntry>, String> {
    state.library()?.snapshot_entries(id).map_err(msg)
}

/// Differences from a snapshot to `current`; with no snapshot, from the text the draft was adapted from.
#[tauri::command]
#[specta::specta]
pub fn snapshot_diff(state: State<'_, AppState>, id: i64, snapshot_id: Option<i64>, current: String) -> Result<Vec<DiffLine>, String> {
    state.library()?.compare(id, snapshot_id, &current).map_err(msg)
}

/// Restores a snapshot (the library first snapshots the current text) and returns the restored text.
#[tauri::command]
#[specta::specta]
pub fn snapshot_restore(state: State<'_, AppState>, id: i64, snapshot_id: i64) -> Result<String, String> {
    state.library()?.restore_text(id, snapshot_id).map_err(msg)
}
