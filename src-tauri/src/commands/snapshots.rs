//! Snapshots of a lecture: take, list, compare with the current text, restore. Each runs off the
//! main thread, a panic in it answered as a Chinese message naming the action (see `guard.rs`).

use lectern_library::SnapshotEntry;
use lectern_text::diff::DiffLine;
use tauri::AppHandle;

use super::guard::off_main;
use super::msg;

/// Keeps the current text as a snapshot (a blank label is no label); returns its id.
#[tauri::command]
#[specta::specta]
pub async fn snapshot_take(app: AppHandle, id: i64, label: Option<String>) -> Result<i64, String> {
    off_main(app, "保存快照", move |state| Ok(state.library()?.snapshot(id, label.as_deref()).map_err(msg)?.id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn snapshot_list(app: AppHandle, id: i64) -> Result<Vec<SnapshotEntry>, String> {
    off_main(app, "列出快照", move |state| state.library()?.snapshot_entries(id).map_err(msg)).await
}

/// Differences from a snapshot to `current`; with no snapshot, from the text the draft was adapted from.
#[tauri::command]
#[specta::specta]
pub async fn snapshot_diff(app: AppHandle, id: i64, snapshot_id: Option<i64>, current: String) -> Result<Vec<DiffLine>, String> {
    off_main(app, "比较快照", move |state| state.library()?.compare(id, snapshot_id, &current).map_err(msg)).await
}

/// Restores a snapshot (the library first snapshots the current text) and returns the restored text.
#[tauri::command]
#[specta::specta]
pub async fn snapshot_restore(app: AppHandle, id: i64, snapshot_id: i64) -> Result<String, String> {
    off_main(app, "恢复快照", move |state| state.library()?.restore_text(id, snapshot_id).map_err(msg)).await
}
