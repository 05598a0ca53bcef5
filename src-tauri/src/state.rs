//! The app's shared state: one handle on the library, opened at start, and its recovery journal
//! (the text typed that has not reached the library yet). A library that could not be opened is
//! kept as the reason (shown in the UI instead of a crash); a damaged one can be replaced by a
//! backup while the app runs ([`AppState::restore_backup`]), and the library opened in its place.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use lectern_library::journal::Journal;
use lectern_library::{demo, paths, restore_backup, Library, LibraryError, RestoredBackup};

/// Why the library is not open.
#[derive(Clone)]
pub struct OpenFailure {
    /// The Chinese message, naming the file and the way out.
    pub message: String,
    /// The file is damaged: its backups are offered (the core's rule).
    pub damaged: bool,
}

impl From<LibraryError> for OpenFailure {
    fn from(e: LibraryError) -> Self {
        OpenFailure { damaged: e.restorable_from_backup(), message: e.to_string() }
    }
}

pub struct AppState {
    library: Mutex<Result<Library, OpenFailure>>,
    journal: Option<Journal>,
}

/// The library, locked for one command.
pub struct LibraryGuard<'a>(MutexGuard<'a, Result<Library, OpenFailure>>);

impl Deref for LibraryGuard<'_> {
    type Target = Library;
    fn deref(&self) -> &Library {
        match &*self.0 {
            Ok(library) => library,
            // A guard is only made over an open library (see `AppState::library`).
            Err(_) => unreachable!("a LibraryGuard over a library that is not open"),
        }
    }
}

const NO_DATA_DIR: &str = "找不到数据文件夹：请设置环境变量 LECTERN_DATA_DIR";

impl AppState {
    /// Opens `library.db` in the data folder, creating it with the demo
    /// lecture on first start.
    pub fn open() -> AppState {
        let journal = paths::library_path().map(|p| Journal::beside(&p));
        let library = match paths::library_path() {
            None => Err(OpenFailure { message: NO_DATA_DIR.to_string(), damaged: false }),
            Some(path) => open_library(&path),
        };
        AppState { library: Mutex::new(library), journal }
    }

    /// The recovery journal beside the library.
    pub fn journal(&self) -> Result<&Journal, String> {
        self.journal.as_ref().ok_or_else(|| NO_DATA_DIR.to_string())
    }

    /// `text` reached the library: its journal entry (if it is that text) is no longer needed.
    pub fn journal_saved(&self, id: i64, text: &str) {
        if let Some(journal) = &self.journal {
            if let Err(e) = journal.remove_saved(id, text) {
                eprintln!("讲稿台：无法更新恢复记录：{e}");
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Result<Library, OpenFailure>> {
        self.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The library, locked for one command.
    pub fn library(&self) -> Result<LibraryGuard<'_>, String> {
        let guard = self.lock();
        match &*guard {
            Ok(_) => Ok(LibraryGuard(guard)),
            Err(failure) => Err(failure.message.clone()),
        }
    }

    /// Why the library is not open; `None` when it is.
    pub fn failure(&self) -> Option<OpenFailure> {
        self.lock().as_ref().err().cloned()
    }

    /// Puts `backup` in place of the damaged library (the damaged file moved aside by the core,
    /// never deleted) and opens it. Only while the library is not open.
    pub fn restore_backup(&self, backup: &Path) -> Result<RestoredBackup, String> {
        let mut guard = self.lock();
        if guard.is_ok() {
            return Err("讲稿库是完好的，不需要从备份恢复".to_string());
        }
        let path = paths::library_path().ok_or_else(|| NO_DATA_DIR.to_string())?;
        let restored = restore_backup(&path, Some(backup)).map_err(|e| e.to_string())?;
        *guard = open_library(&path);
        match &*guard {
            Ok(_) => Ok(restored),
            Err(failure) => Err(failure.message.clone()),
        }
    }
}

/// Opens (or creates) the library at `path`; once open, the daily backup.
fn open_library(path: &Path) -> Result<Library, OpenFailure> {
    let library = demo::open_or_create(path)?;
    daily_backup(path.to_path_buf());
    Ok(library)
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
