//! 讲稿台 Lectern: the desktop app. A thin Tauri shell: it opens the library
//! and translates between the UI and the core crates (lectern-text,
//! lectern-library, lectern-typeset, lectern-pdf); domain logic lives there.

#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod state;

use commands::{app, text};

fn main() {
    app::mark_start();
    let state = state::AppState::open();
    let commands = commands::specta();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .manage(text::Copy::default())
        .invoke_handler(commands.invoke_handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("讲稿台无法启动：{e}");
            std::process::exit(1);
        });
}
