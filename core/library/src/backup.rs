//! Backups: SQLite's online backup of the open library into `backups/`
//! beside the library file, named by time, the last [`BACKUPS_KEPT`] kept.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB};
use serde::Serialize;

use super::{Library, LibraryError, Result};

/// The folder, beside the library file, that holds the backups.
pub const BACKUP_DIR: &str = "backups";
/// How many backups are kept; older ones are removed after each backup.
pub const BACKUPS_KEPT: usize = 10;

const PREFIX: &str = "library-";
const SUFFIX: &str = ".db";

/// A backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// Removed by this backup because more than [`BACKUPS_KEPT`] were there.
    pub removed: Vec<PathBuf>,
}

/// The backups in `dir`, oldest first (their names sort by time).
pub fn backups_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    files.sort();
    files
}

impl Library {
    /// The backup folder of this library: `backups/` beside its file.
    pub fn backup_dir(&self) -> Result<PathBuf> {
        let path = self.path.as_ref().ok_or(LibraryError::NoDataDir)?;
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Ok(parent.join(BACKUP_DIR))
    }

    /// Backs the library up into [`Library::backup_dir`] while it stays open,
    /// checks the copy, and removes all but the newest [`BACKUPS_KEPT`].
    pub fn backup(&self) -> Result<BackupInfo> {
        let dir = self.backup_dir()?;
        self.backup_into(&dir)
    }

    /// Backs the library up unless its newest backup is younger than `every`
    /// (the app calls this at start with a day, so a user who never thinks
    /// of backups still has the last ten days they worked on). `None` when
    /// no backup was due.
    pub fn backup_if_due(&self, every: std::time::Duration) -> Result<Option<BackupInfo>> {
        let dir = self.backup_dir()?;
        let newest = backups_in(&dir).last().and_then(|p| std::fs::metadata(p).ok()).and_then(|m| m.modified().ok());
        let due = newest.is_none_or(|t| t.elapsed().map_or(true, |age| age >= every));
        if due {
            self.backup_into(&dir).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Backs the library up into `dir` (see [`Library::backup`]).
    pub fn backup_into(&self, dir: &Path) -> Result<BackupInfo> {
        std::fs::create_dir_all(dir)
            .map_err(|source| LibraryError::CreateDir { path: dir.display().to_string(), source })?;
        let stamp: String = self.conn.query_row(
            "SELECT strftime('%Y%m%d-%H%M%S', 'now') || '-' || substr(strftime('%f', 'now'), 4)",
            [],
            |r| r.get(0),
        )?;
        let mut path = dir.join(format!("{PREFIX}{stamp}{SUFFIX}"));
        let mut n = 1;
        while path.exists() {
            path = dir.join(format!("{PREFIX}{stamp}-{n}{SUFFIX}"));
            n += 1;
        }
        let part = path.with_extension("db-part");
        let copied = self.conn.backup(MAIN_DB, &part, None).and_then(|()| {
            let copy = Connection::open(&part)?;
            copy.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        });
        match copied {
            Ok(check) if check == "ok" => {}
            Ok(check) => {
                let _ = std::fs::remove_file(&part);
                return Err(LibraryError::file(&path, format!("备份校验失败：{check}")));
            }
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(LibraryError::file(&path, format!("备份失败：{e}")));
            }
        }
        std::fs::rename(&part, &path).map_err(|e| LibraryError::file(&path, format!("备份失败：{e}")))?;
        let all = backups_in(dir);
        let mut removed = Vec::new();
        if all.len() > BACKUPS_KEPT {
            for old in &all[..all.len() - BACKUPS_KEPT] {
                if std::fs::remove_file(old).is_ok() {
                    removed.push(old.clone());
                }
            }
        }
        Ok(BackupInfo { path, removed })
    }
}
