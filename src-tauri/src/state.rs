//! The app's shared state: one handle on the library, opened at start.

use std::sync::{Mutex, MutexGuard};

use lectern_core::{demo, library::Library, paths};

/// The library, or the reason it could not be opened (shown in the UI
/// instead of a crash).
pub struct AppState {
    library: Result<Mutex<Library>, String>,
}

impl AppState {
    /// Opens `library.db` in the data folder, creating it with the demo
    /// lecture on first start.
    pub fn open() -> AppState {
        let library = match paths::library_path() {
            None => Err("找不到数据文件夹：请设置环境变量 LECTERN_DATA_DIR".to_string()),
            Some(path) => demo::open_or_create(&path).map(Mutex::new).map_err(|e| e.to_string()),
        };
        AppState { library }
    }

    /// The library, locked for one command.
    pub fn library(&self) -> Result<MutexGuard<'_, Library>, String> {
        match &self.library {
            Ok(m) => Ok(m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())),
            Err(e) => Err(e.clone()),
        }
    }
}
