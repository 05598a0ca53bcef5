//! The editor's companions: the outline and counts of the text being edited, structural edits,
//! and the cleaning preview for pastes.

use lectern_core::analysis::{self, Analysis, EditResult, OutlineOp};
use lectern_core::text;
use serde::Serialize;

use super::msg;

#[tauri::command]
pub fn text_analyze(text: String, rate: u32) -> Analysis {
    analysis::analyze(&text, rate)
}

#[tauri::command]
pub fn outline_edit(text: String, op: OutlineOp) -> Result<EditResult, String> {
    analysis::apply(&text, &op).map_err(msg)
}

/// What cleaning a pasted text would give, and the lines it would remove.
#[derive(Serialize)]
pub struct CleanPreview {
    text: String,
    removed: Vec<String>,
}

#[tauri::command]
pub fn clean_preview(text: String) -> CleanPreview {
    let cleaned = text::clean(&text);
    CleanPreview { text: cleaned.text, removed: cleaned.removed }
}
