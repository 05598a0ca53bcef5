//! The app's shared state: one handle on the library, opened at start, and its recovery journal
//! (the text typed that has not reached the library yet).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use lectern_library::journal::Journal;
use lectern_library::{demo, paths, Library};

/// The library, or the reason it could not be opened (shown in the UI
/// instead of a crash).
pub struct AppState {
    library: Result<Mutex<Library>, String>,
    journal: Option<Journal>,
}

impl AppState {
    /// Opens `library.db` in the data folder, creating it with the demo
    /// lecture on first start.
    pub fn open() -> AppState {
        let journal = paths::library_path().map(|p| Journal::beside(&p));
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
        AppState { library, journal }
    }

    /// The recovery journal beside the library.
    pub fn journal(&self) -> Result<&Journal, String> {
        self.journal.as_ref().ok_or_else(|| "找不到数据文件夹：请设置环境变量 LECTERN_DATA_DIR".to_string())
    }

    /// `text` reached the library: its journal entry (if it is that text) is no longer needed.
    pub fn journal_saved(&self, id: i64, text: &str) {
        if let Some(journal) = &self.journal {
            if let Err(e) = journal.remove_saved(id, text) {
                eprintln!("讲稿台：无法更新恢复记录：{e}");
            }
        }
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
