//! 讲稿台 Lectern: the desktop app. A thin Tauri shell: it opens the library
//! and translates between the UI and the core crates (lectern-text,
//! lectern-library, lectern-typeset, lectern-pdf); domain logic lives there.

#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

mod commands;
mod state;

use commands::{app, export, library, snapshots, text};

fn main() {
    app::mark_start();
    let state = state::AppState::open();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .manage(text::EditorCopy::default())
        .invoke_handler(tauri::generate_handler![
            library::library_list,
            library::trash_list,
            library::library_search,
            library::lecture_get,
            library::lecture_create,
            library::lecture_save,
            library::lecture_rename,
            library::lecture_adapt,
            library::lecture_delete,
            library::lecture_restore_deleted,
            library::lecture_set_tags,
            library::import_files,
            text::text_analyze,
            text::text_analyze_changes,
            text::outline_edit,
            text::clean_preview,
            snapshots::snapshot_take,
            snapshots::snapshot_list,
            snapshots::snapshot_diff,
            snapshots::snapshot_restore,
            export::export_fonts,
            export::export_preview,
            export::export_save,
            app::app_uptime_ms,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("讲稿台无法启动：{e}");
            std::process::exit(1);
        });
}
