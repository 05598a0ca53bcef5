//! 校对: the findings of the lecture being edited (its ignores and the rules switched off applied
//! by the library), 全部改's fixes, 忽略 and 不再检查, and the user's own wording rules (规范表述…:
//! listed, added, removed; the library checks them). Positions are UTF-16, as the editor's.
//! Each runs off the main thread, a panic in it answered as a Chinese message naming the action
//! (see `guard.rs`).

use lectern_library::{FixEdit, IgnoreKey, Proofread, UserRule};
use tauri::AppHandle;

use super::guard::off_main;
use super::msg;

/// The findings of `text`, the text of lecture `id` as it is in the editor.
#[tauri::command]
#[specta::specta]
pub async fn check_run(app: AppHandle, id: i64, text: String) -> Result<Proofread, String> {
    off_main(app, "校对", move |state| state.library()?.proofread(id, &text).map_err(msg)).await
}

/// 全部改: the fixes of every finding of one rule (`rule_key`; all rules when none) in `text`.
#[tauri::command]
#[specta::specta]
pub async fn check_fixes(app: AppHandle, id: i64, text: String, rule_key: Option<String>) -> Result<Vec<FixEdit>, String> {
    off_main(app, "全部改", move |state| state.library()?.proofread_fixes(id, &text, rule_key.as_deref()).map_err(msg)).await
}

/// 忽略: remembers a finding as ignored in lecture `id`.
#[tauri::command]
#[specta::specta]
pub async fn check_ignore(app: AppHandle, id: i64, key: IgnoreKey) -> Result<(), String> {
    off_main(app, "忽略校对结果", move |state| state.library()?.ignore_finding(id, &key).map_err(msg)).await
}

/// 不再检查 (or 恢复检查): switches a rule off or on again for the whole library.
#[tauri::command]
#[specta::specta]
pub async fn check_set_rule_disabled(app: AppHandle, rule_key: String, disabled: bool) -> Result<(), String> {
    off_main(app, "设置校对规则", move |state| state.library()?.set_rule_disabled(&rule_key, disabled).map_err(msg)).await
}

/// 规范表述…: the user's own wording rules, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn check_rules_list(app: AppHandle) -> Result<Vec<UserRule>, String> {
    off_main(app, "读取规范表述", move |state| state.library()?.wording_rules().map_err(msg)).await
}

/// 添加: a wording rule (`pattern` → `standard`, with a note on its source), or a new standard form
/// for a pattern already there; its id.
#[tauri::command]
#[specta::specta]
pub async fn check_rule_add(app: AppHandle, pattern: String, standard: String, note: String) -> Result<i64, String> {
    off_main(app, "添加规范表述", move |state| state.library()?.add_wording_rule(&pattern, &standard, &note).map_err(msg)).await
}

/// 删除: a wording rule, by id (one already gone is no error: the rule is not there either way).
#[tauri::command]
#[specta::specta]
pub async fn check_rule_remove(app: AppHandle, id: i64) -> Result<(), String> {
    off_main(app, "删除规范表述", move |state| state.library()?.delete_wording_rule(id).map(|_| ()).map_err(msg)).await
}
