//! The app itself: how long ago it started (the UI reports when it became usable; the
//! responsiveness measurement in the README reads it), the files handed to it (see
//! [`crate::opened`]), the facts the About dialog (关于讲稿台) shows, and the panes' widths
//! kept beside the library; and the start with a damaged library: what is wrong, the backups to
//! restore from (date, number of lectures), and the restore (the rule of what is damaged and the
//! restore itself are the core's: [`lectern_library::LibraryError::restorable_from_backup`],
//! [`lectern_library::list_backups`], [`lectern_library::restore_backup`]).

use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use lectern_library::layout::{self, PaneWidths};
use lectern_library::{backups_in, list_backups, paths};
use serde::Serialize;
use tauri::State;

use super::guard::off_main;
use crate::bundled::{Bundled, BUNDLED};
use crate::opened::Opened;
use crate::state::AppState;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Marks the process start; called first thing in `main`.
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// Milliseconds since the process started.
#[tauri::command]
#[specta::specta]
pub fn app_uptime_ms() -> f64 {
    STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0)
}

/// The files given to the app (its command line, or a second start's) that the window has not
/// imported yet; each is handed over once.
#[tauri::command]
#[specta::specta]
pub fn app_take_opened_files(opened: State<'_, Opened>) -> Vec<String> {
    opened.take()
}

/// What the About dialog shows.
#[derive(Debug, Serialize, specta::Type)]
pub struct About {
    pub version: String,
    /// The data folder; `None` when there is none (no home folder and no `LECTERN_DATA_DIR`).
    pub data_dir: Option<String>,
    pub library_file: Option<String>,
    /// Bytes of the library file and its write-ahead log.
    pub library_bytes: u64,
    /// Lectures in the library (the trash not counted); `None` when it could not be opened.
    pub lectures: Option<u32>,
    pub backups_dir: Option<String>,
    pub backups: u32,
    pub backups_bytes: u64,
    /// The main components bundled in the app, with their licences.
    pub bundled: Vec<Bundled>,
}

/// The version, where the data lives and how big it is, and the licences of what is bundled.
#[tauri::command]
#[specta::specta]
pub fn app_about(state: State<'_, AppState>) -> About {
    let shown = |p: &Path| p.display().to_string();
    let library = state.library().ok();
    let file = library.as_ref().and_then(|l| l.path().map(Path::to_path_buf)).or_else(paths::library_path);
    let backups_dir = library.as_ref().and_then(|l| l.backup_dir().ok());
    let backups = backups_dir.as_deref().map(backups_in).unwrap_or_default();
    About {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: paths::data_dir().as_deref().map(shown),
        library_file: file.as_deref().map(shown),
        library_bytes: file.as_deref().map_or(0, |l| size(l) + size(&wal(l))),
        lectures: library.as_ref().and_then(|l| l.list().ok()).map(|l| l.len() as u32),
        backups_dir: backups_dir.as_deref().map(shown),
        backups: backups.len() as u32,
        backups_bytes: backups.iter().map(|b| size(b)).sum(),
        bundled: BUNDLED.to_vec(),
    }
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// SQLite's write-ahead log beside a library file (`library.db-wal`).
fn wal(library: &Path) -> std::path::PathBuf {
    let mut name = library.as_os_str().to_owned();
    name.push("-wal");
    name.into()
}

/// The panes' widths as this library's window was left (the defaults when none are kept).
#[tauri::command]
#[specta::specta]
pub fn layout_get() -> PaneWidths {
    paths::data_dir().map(|d| layout::load_pane_widths(&d)).unwrap_or_default()
}

/// Keeps the panes' widths beside the library; answers them as kept (brought into range).
#[tauri::command]
#[specta::specta]
pub fn layout_set(widths: PaneWidths) -> Result<PaneWidths, String> {
    let dir = paths::data_dir().ok_or_else(|| "找不到数据文件夹：请设置环境变量 LECTERN_DATA_DIR".to_string())?;
    layout::save_pane_widths(&dir, widths)
}

/// A backup the UI offers for a damaged library.
#[derive(Debug, Serialize, specta::Type)]
pub struct BackupOffer {
    pub file: String,
    /// When it was taken (UTC), `YYYY-MM-DD HH:MM:SS`.
    pub date: String,
    /// Lectures in it, trash left out; `None` when it cannot be read.
    pub lectures: Option<i64>,
    /// It opens and passes SQLite's quick check: only good ones can be restored.
    pub good: bool,
}

/// Whether the library opened at start; if not, why, and for a damaged one its backups (newest first).
#[derive(Debug, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LibraryStatus {
    Open,
    Failed { message: String, damaged: bool, backups: Vec<BackupOffer> },
}

/// Whether the library opened; for a damaged one, the backups to offer (the UI asks at start).
#[tauri::command]
#[specta::specta]
pub async fn library_status(app: tauri::AppHandle) -> Result<LibraryStatus, String> {
    off_main(app, "检查讲稿库", |state| {
        let Some(failure) = state.failure() else { return Ok(LibraryStatus::Open) };
        let backups = match (failure.damaged, paths::library_path()) {
            (true, Some(path)) => list_backups(&path)
                .into_iter()
                .map(|b| BackupOffer { file: b.file.display().to_string(), date: b.date, lectures: b.lectures, good: b.good })
                .collect(),
            _ => Vec::new(),
        };
        Ok(LibraryStatus::Failed { message: failure.message, damaged: failure.damaged, backups })
    })
    .await
}

/// What restoring a backup did.
#[derive(Debug, Serialize, specta::Type)]
pub struct BackupRestored {
    pub lectures: i64,
    /// Where the damaged file was moved (kept, never deleted).
    pub moved_aside: Option<String>,
}

/// Replaces the damaged library by the backup `file` and opens it.
#[tauri::command]
#[specta::specta]
pub async fn library_restore_backup(app: tauri::AppHandle, file: String) -> Result<BackupRestored, String> {
    off_main(app, "从备份恢复讲稿库", move |state| {
        let restored = state.restore_backup(Path::new(&file))?;
        Ok(BackupRestored {
            lectures: restored.lectures,
            moved_aside: restored.moved_aside.as_deref().map(|p| p.display().to_string()),
        })
    })
    .await
}
