//! The app's shared state: one handle on the library, opened at start.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use lectern_library::{demo, paths, Library};

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
            Some(path) => {
                let opened = demo::open_or_create(&path).map(Mutex::new).map_err(|e| e.to_string());
                if opened.is_ok() {
                    daily_backup(path);
                }
                opened
            }
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

/// At most once a day, a backup into `backups/` beside the library (the last ten kept), made on a
/// connection of its own in the background so the window opens without waiting for it.
fn daily_backup(path: PathBuf) {
    std::thread::spawn(move || {
        let done = Library::open(&path).and_then(|lib| lib.backup_if_due(Duration::from_secs(24 * 3600)));
        if let Err(e) = done {
            eprintln!("讲稿台：自动备份失败：{e}");
        }
    });
}
