//! One window per library. A second start of the app on the same library brings the running window
//! to the front, hands it the files it was given (see [`crate::opened`]) and exits
//! (tauri-plugin-single-instance: a D-Bus name on Linux, a named mutex on Windows).
//!
//! On Linux the name includes the data folder, so two different libraries (`LECTERN_DATA_DIR`,
//! which the end-to-end tests set to a fresh folder for each start) may be open side by side.

use std::hash::{Hash, Hasher};
use std::path::Path;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::opened::{self, Opened};

/// The D-Bus name's stem for the library in `data_dir`: the app's identifier and a hash of the
/// folder (the plugin appends `.SingleInstance`). Each part of a D-Bus name is letters, digits and
/// `_`, and starts with a letter: hence the `L` before the hex digits.
pub fn dbus_id(identifier: &str, data_dir: Option<&Path>) -> String {
    match data_dir {
        None => identifier.to_string(),
        Some(dir) => {
            // The same binary on both sides, so std's hasher (fixed keys) gives the same value.
            let mut h = std::collections::hash_map::DefaultHasher::new();
            dir.hash(&mut h);
            format!("{identifier}.L{:016x}", h.finish())
        }
    }
}

/// A second start was stopped: take its files, and bring the window to the front.
pub fn second_start<R: Runtime>(app: &AppHandle<R>, args: Vec<String>, cwd: String) {
    let files = opened::files_in(args.into_iter().map(Into::into), Path::new(&cwd));
    if !files.is_empty() {
        app.state::<Opened>().push(files);
        let _ = app.emit(opened::EVENT, ());
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_library_has_its_own_valid_dbus_name() {
        let a = dbus_id("app.lectern.desktop", Some(Path::new("/home/a/.local/share/lectern")));
        let b = dbus_id("app.lectern.desktop", Some(Path::new("/tmp/讲稿库")));
        assert_ne!(a, b);
        assert_eq!(a, dbus_id("app.lectern.desktop", Some(Path::new("/home/a/.local/share/lectern"))));
        for name in [&a, &b] {
            let full = format!("{name}.SingleInstance");
            assert!(full.len() <= 255);
            for part in full.split('.') {
                assert!(part.starts_with(|c: char| c.is_ascii_alphabetic()), "{full}");
                assert!(part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{full}");
            }
        }
    }
}
