//! The editor's companions: the outline and counts of the text being edited, structural edits,
//! and the cleaning preview for pastes.

use std::sync::Mutex;

use lectern_text::analysis::{self, Analysis, AnalysisUpdate, EditResult, OutlineOp};
use lectern_text::changes::{self, Change};

use serde::Serialize;
use tauri::State;

use super::msg;

/// The shell's copy of the text in the editor and of the analysis last sent for it, so that a
/// keystroke sends only its changes and is answered with only the analysis's changes.
#[derive(Default)]
pub struct EditorCopy(Mutex<Option<(String, Analysis)>>);

impl EditorCopy {
    fn set(&self, text: String, sent: Analysis) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some((text, sent));
    }
}

/// Analyses the whole text (when a lecture is opened, or the copy was found out of step) and keeps
/// it as the copy later changes apply to. Async, so the work on a long text runs off the main
/// thread that also drives the window.
#[tauri::command]
pub async fn text_analyze(copy: State<'_, EditorCopy>, text: String, rate: u32) -> Result<Analysis, String> {
    let a = analysis::analyze(&text, rate);
    copy.set(text, a.clone());
    Ok(a)
}

/// Applies the editor's changes since the last analysis to the copy and analyses the result,
/// answered as its change from the analysis sent before. An error means the copy is out of step
/// (or there is none): the UI then sends the whole text. A plain (not async)
/// command: the work is well under a millisecond, and an async command's hop to another thread
/// and back measured about ten times that.
#[tauri::command]
pub fn text_analyze_changes(
    copy: State<'_, EditorCopy>,
    changes: Vec<Change>,
    old_len: usize,
    new_len: usize,
    rate: u32,
) -> Result<AnalysisUpdate, String> {
    let mut copy = copy.0.lock().unwrap_or_else(|p| p.into_inner());
    let Some((text, sent)) = copy.as_mut() else {
        return Err("没有正文的副本".into());
    };
    let next = changes::apply(text, &changes, old_len, new_len).map_err(msg)?;
    let a = analysis::analyze(&next, rate);
    let update = a.update_from(sent);
    *text = next;
    *sent = a;
    Ok(update)
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
    let cleaned = lectern_text::clean(&text);
    CleanPreview { text: cleaned.text, removed: cleaned.removed }
}
