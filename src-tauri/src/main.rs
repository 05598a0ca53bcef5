//! 讲稿台 Lectern: the desktop app. A thin Tauri shell: it opens the library
//! and translates between the UI and lectern-core; domain logic lives in core.

#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

mod commands;
mod state;

fn main() {
    let state = state::AppState::open();
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![commands::library_list, commands::lecture_get])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("讲稿台无法启动：{e}");
            std::process::exit(1);
        });
}
