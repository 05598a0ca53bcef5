//! 讲稿台 Lectern: the desktop app. A thin Tauri shell: it opens the library
//! and translates between the UI and the core crates (lectern-text,
//! lectern-library, lectern-typeset, lectern-pdf); domain logic lives there.
//!
//! One window per library ([`instance`]): a second start hands its files over and exits before it
//! opens anything. The window's size, position and maximised state are kept in the data folder
//! (`window-state.json`, tauri-plugin-window-state) and restored at the next start.

#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod bundled;
mod commands;
mod instance;
mod opened;
mod state;

use commands::{app, text};
use lectern_library::paths;
use tauri::{Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What of the window is remembered (not its visibility or decorations).
const WINDOW_STATE: StateFlags = StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);

fn main() {
    app::mark_start();
    let data_dir = paths::data_dir();
    let context = tauri::generate_context!();
    let identifier = context.config().identifier.clone();
    let commands = commands::specta();
    let mut window_state = tauri_plugin_window_state::Builder::new().with_state_flags(WINDOW_STATE);
    if let Some(dir) = &data_dir {
        // An absolute name: the plugin joins it to its config folder, which then gives way to it.
        window_state = window_state.with_filename(dir.join("window-state.json").to_string_lossy());
    }
    tauri::Builder::default()
        // First: a second start must be stopped before anything else is set up.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance::dbus_id(&identifier, data_dir.as_deref()))
                .callback(instance::second_start)
                .build(),
        )
        .plugin(window_state.build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(text::Copy::default())
        .manage(opened::Opened::default())
        .setup(|app| {
            // Only the first start gets here: the library is opened once.
            app.manage(state::AppState::open());
            app.state::<opened::Opened>().push(opened::files_in(
                std::env::args_os(),
                &std::env::current_dir().unwrap_or_default(),
            ));
            Ok(())
        })
        // The plugin writes the state when the app exits; also when the window goes, however it
        // is closed (the session ending, a test driver), so the next start still finds it.
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { .. } | WindowEvent::Destroyed = event {
                let _ = window.app_handle().save_window_state(WINDOW_STATE);
            }
        })
        .invoke_handler(commands.invoke_handler())
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("讲稿台无法启动：{e}");
            std::process::exit(1);
        });
}
