//! The recovery journal: text the UI could not save yet (a failed save, or a lecture left with
//! unsaved text) is put here, beside the library, and offered back on the next start.

use lectern_library::journal::JournalEntry;
use tauri::AppHandle;

use super::guard::off_main;
use super::msg;

/// Keeps lecture `id`'s unsaved text, edited from `base_version` (one entry per lecture).
#[tauri::command]
#[specta::specta]
pub async fn journal_put(app: AppHandle, id: i64, base_version: i64, text: String) -> Result<(), String> {
    off_main(app, "写入恢复记录", move |state| {
        state.journal()?.put(id, base_version, &text).map_err(msg)
    })
    .await
}

/// What is waiting to be offered back.
#[tauri::command]
#[specta::specta]
pub async fn journal_list(app: AppHandle) -> Result<Vec<JournalEntry>, String> {
    off_main(app, "读取恢复记录", move |state| {
        state.journal()?.list().map_err(msg)
    })
    .await
}

/// The user chose 放弃 for lecture `id`'s unsaved text.
#[tauri::command]
#[specta::specta]
pub async fn journal_discard(app: AppHandle, id: i64) -> Result<(), String> {
    off_main(app, "放弃恢复记录", move |state| {
        state.journal()?.discard(id).map(drop).map_err(msg)
    })
    .await
}
