//! Snapshots of a lecture: take, list, compare with the current text, restore.

use lectern_text::diff::{diff_paragraphs, DiffLine};
use lectern_library::SnapshotInfo;
use tauri::State;

use super::msg;
use crate::state::AppState;

#[tauri::command]
pub fn snapshot_take(state: State<'_, AppState>, id: i64, label: Option<String>) -> Result<i64, String> {
    let label = label.filter(|l| !l.trim().is_empty());
    Ok(state.library()?.snapshot(id, label.as_deref()).map_err(msg)?.id)
}

#[tauri::command]
pub fn snapshot_list(state: State<'_, AppState>, id: i64) -> Result<Vec<SnapshotInfo>, String> {
    state.library()?.snapshots(id).map_err(msg)
}

/// Differences from a snapshot to `current`; with no snapshot, from the text the draft was adapted from.
#[tauri::command]
pub fn snapshot_diff(
    state: State<'_, AppState>,
    id: i64,
    snapshot_id: Option<i64>,
    current: String,
) -> Result<Vec<DiffLine>, String> {
    let lib = state.library()?;
    let old = match snapshot_id {
        Some(s) => lib.get_snapshot(s).map_err(msg)?.body,
        None => {
            let source = lib.get(id).map_err(msg)?.adapted_from.ok_or("这篇讲稿不是改编稿，没有原稿可比较")?;
            lib.get(source.id).map_err(msg)?.body
        }
    };
    Ok(diff_paragraphs(&old, &current))
}

/// Restores a snapshot (the library first snapshots the current text) and returns the restored text.
#[tauri::command]
pub fn snapshot_restore(state: State<'_, AppState>, id: i64, snapshot_id: i64) -> Result<String, String> {
    let lib = state.library()?;
    lib.restore(id, snapshot_id).map_err(msg)?;
    Ok(lib.get(id).map_err(msg)?.body)
}
