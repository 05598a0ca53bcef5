//! The editor's companions: the outline and counts of the text being edited, structural edits,
//! and the cleaning preview for pastes. A panic in any of them is answered as a Chinese message
//! naming the action (see `guard.rs`).

use std::sync::Mutex;

use lectern_text::analysis::{self, Analysis, AnalysisUpdate, EditResult, OutlineOp};
use lectern_text::changes::{Change, EditorCopy};
use serde::Serialize;
use tauri::State;

use super::guard::guarded;
use super::msg;

/// The shell's copy of the text in the editor (see [`EditorCopy`]).
#[derive(Default)]
pub struct Copy(Mutex<EditorCopy>);

impl Copy {
    fn lock(&self) -> std::sync::MutexGuard<'_, EditorCopy> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Analyses the whole text and keeps it as the copy. Async, so the work on a long text runs off
/// the main thread that also drives the window.
#[tauri::command]
#[specta::specta]
pub async fn text_analyze(copy: State<'_, Copy>, text: String, rate: u32) -> Result<Analysis, String> {
    guarded("分析讲稿", || Ok(copy.lock().analyze(text, rate)))
}

/// The analysis after the editor's changes, as its change from the one sent before. A plain (not
/// async) command: the work is well under a millisecond, and an async command's hop to another
/// thread and back measured about ten times that.
#[tauri::command]
#[specta::specta]
pub fn text_analyze_changes(
    copy: State<'_, Copy>,
    changes: Vec<Change>,
    old_len: usize,
    new_len: usize,
    rate: u32,
) -> Result<AnalysisUpdate, String> {
    guarded("分析讲稿", || copy.lock().analyze_changes(&changes, old_len, new_len, rate).map_err(msg))
}

#[tauri::command]
#[specta::specta]
pub fn outline_edit(text: String, op: OutlineOp) -> Result<EditResult, String> {
    guarded("调整提纲", || analysis::apply(&text, &op).map_err(msg))
}

/// What cleaning a pasted text would give, and the lines it would remove.
#[derive(Serialize, specta::Type)]
pub struct CleanPreview {
    text: String,
    removed: Vec<String>,
    /// The clipping's title (an empty, untitled lecture takes it).
    title: String,
}

/// Reads a speaking rate as the user typed it; out of range or not a number: why, in Chinese.
#[tauri::command]
#[specta::specta]
pub fn rate_parse(text: String) -> Result<u32, String> {
    guarded("设置语速", || lectern_text::stats::parse_rate(&text))
}

#[tauri::command]
#[specta::specta]
pub fn clean_preview(text: String) -> Result<CleanPreview, String> {
    guarded("清理粘贴的文字", || {
        let cleaned = lectern_text::clean(&text);
        Ok(CleanPreview { title: cleaned.title, text: cleaned.text, removed: cleaned.removed })
    })
}
