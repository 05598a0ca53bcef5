//! The commands the UI calls. Each translates between the UI's JSON and
//! lectern-core, and turns errors into a Chinese message.

use lectern_core::library::{Lecture, LectureSummary};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn library_list(state: State<'_, AppState>) -> Result<Vec<LectureSummary>, String> {
    state.library()?.list().map_err(|e| e.to_string())
}

#[tauri::command]
pub fn lecture_get(state: State<'_, AppState>, id: i64) -> Result<Lecture, String> {
    state.library()?.get(id).map_err(|e| e.to_string())
}
