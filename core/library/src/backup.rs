//! Backups: SQLite's online backup of the open library into `backups/`
//! beside the library file, named by time, the last [`BACKUPS_KEPT`] kept;
//! and the way back from a damaged library: [`list_backups`] (date and
//! number of lectures of each, newest first) and [`restore_backup`], which
//! moves the damaged file aside (never deleting it) and puts a good backup
//! in its place.
//!
//! A backup is written to a temp file with an unpredictable name, checked,
//! fsynced, renamed into place and the folder fsynced; a backup cut short
//! (a crash, a full disk) leaves a `.part` file that the next backup removes.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;

use super::{durable, Library, LibraryError, Result};

/// The folder, beside the library file, that holds the backups.
pub const BACKUP_DIR: &str = "backups";
/// How many backups are kept; older ones are removed after each backup.
pub const BACKUPS_KEPT: usize = 10;

const PREFIX: &str = "library-";
const SUFFIX: &str = ".db";
const PART_PREFIX: &str = ".library-";
const PART_SUFFIX: &str = ".db-part";

/// Removes backups cut short (by a crash or a full disk) from `dir`.
fn remove_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if (name.starts_with(PART_PREFIX) || name.starts_with(PREFIX)) && name.ends_with(PART_SUFFIX) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A backup as the restore dialog and `lectern backups` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupEntry {
    pub file: PathBuf,
    /// When it was taken (UTC), `YYYY-MM-DD HH:MM:SS`, from its name.
    pub date: String,
    /// Lectures in it, trash left out; `None` when the backup cannot be read.
    pub lectures: Option<i64>,
    /// It opens and passes SQLite's quick check.
    pub good: bool,
}

/// The backup folder of the library file `library`.
pub fn backup_dir_of(library: &Path) -> PathBuf {
    durable::folder_of(library).join(BACKUP_DIR)
}

fn date_of(file: &Path) -> String {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stamp = name.trim_start_matches(PREFIX);
    let d: Vec<char> = stamp.chars().take(15).collect();
    if d.len() == 15 && d[8] == '-' && d.iter().enumerate().all(|(i, c)| i == 8 || c.is_ascii_digit()) {
        let s: String = d.iter().collect();
        format!("{}-{}-{} {}:{}:{}", &s[0..4], &s[4..6], &s[6..8], &s[9..11], &s[11..13], &s[13..15])
    } else {
        String::new()
    }
}

/// Opens a backup read-only and counts its lectures, after a quick check.
fn inspect(file: &Path) -> (Option<i64>, bool) {
    let Ok(conn) = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    else {
        return (None, false);
    };
    let ok = conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)).is_ok_and(|c| c == "ok");
    let n = conn.query_row("SELECT count(*) FROM lectures WHERE deleted_at IS NULL", [], |r| r.get(0)).ok();
    (n, ok && n.is_some())
}

/// The backups of the library file `library` (which may be damaged or
/// missing), newest first, each with its date and number of lectures.
pub fn list_backups(library: &Path) -> Vec<BackupEntry> {
    let mut files = backups_in(&backup_dir_of(library));
    files.reverse();
    files
        .into_iter()
        .map(|file| {
            let (lectures, good) = inspect(&file);
            BackupEntry { date: date_of(&file), file, lectures, good }
        })
        .collect()
}

impl LibraryError {
    /// Whether the way out of this error is a backup: the library file is damaged, so the app
    /// offers [`list_backups`] and [`restore_backup`] (not for a library from a newer Lectern, a
    /// read-only folder or a missing data folder, which a backup would not mend).
    pub fn restorable_from_backup(&self) -> bool {
        matches!(self, LibraryError::Damaged { .. } | LibraryError::Corrupt(_))
    }
}

/// What [`restore_backup`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoredBackup {
    /// The backup now in the library's place.
    pub from: PathBuf,
    /// Where the file that was there (damaged or not) was moved, with its
    /// `-wal` beside it when it had one; `None` when there was no file.
    pub moved_aside: Option<PathBuf>,
    pub lectures: i64,
}

/// Puts a backup in place of the library file `library`: `backup` when
/// given (it must be good), else the newest good one. The file there is
/// first moved aside as `library.db.damaged-<time>` (its `-wal` and `-shm`
/// with it), never deleted. Crash-safe: the backup is copied to a temp file
/// beside the library and fsynced; the old file is linked aside, then the
/// copy is renamed over it, and the folder fsynced, so at every instant
/// `library` is the old file or the whole backup. No process may have the
/// library open meanwhile.
pub fn restore_backup(library: &Path, backup: Option<&Path>) -> Result<RestoredBackup> {
    let dir = backup_dir_of(library);
    let (from, lectures) = match backup {
        Some(b) => match inspect(b) {
            (Some(n), true) => (b.to_path_buf(), n),
            _ => return Err(LibraryError::file(b, "不是完好的讲稿库备份，没有恢复")),
        },
        None => list_backups(library)
            .into_iter()
            .find(|e| e.good)
            .map(|e| (e.file, e.lectures.unwrap_or(0)))
            .ok_or_else(|| LibraryError::NoBackup { dir: dir.display().to_string() })?,
    };
    let io = |e: std::io::Error| LibraryError::file(library, format!("恢复备份失败：{}", super::journal::io_reason(&e)));
    // 1. The copy, whole and on disk, beside the library.
    let mut tmp = durable::temp_beside(library).map_err(io)?;
    std::io::copy(&mut std::fs::File::open(&from).map_err(io)?, tmp.as_file_mut()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // 2. The old file aside: linked (so `library` is never missing), its
    //    WAL and shared memory moved (so they are not applied to the copy).
    let moved_aside = if library.exists() {
        let stamp = now_stamp();
        let mut aside_name = library.file_name().unwrap_or_default().to_os_string();
        aside_name.push(format!(".damaged-{stamp}"));
        let mut aside = library.with_file_name(&aside_name);
        let mut n = 1;
        while aside.exists() {
            aside = library.with_file_name(format!("{}-{n}", aside_name.to_string_lossy()));
            n += 1;
        }
        if std::fs::hard_link(library, &aside).is_err() {
            std::fs::copy(library, &aside).map_err(io)?;
            std::fs::File::open(&aside).and_then(|f| f.sync_all()).map_err(io)?;
        }
        for side in ["-wal", "-shm"] {
            let mut from_name = library.as_os_str().to_os_string();
            from_name.push(side);
            let mut to_name = aside.as_os_str().to_os_string();
            to_name.push(side);
            if Path::new(&from_name).exists() {
                std::fs::rename(&from_name, &to_name).map_err(io)?;
            }
        }
        durable::sync_dir(&durable::folder_of(library)).map_err(io)?;
        Some(aside)
    } else {
        None
    };
    // 3. The copy in place, atomically.
    durable::persist(tmp, library).map_err(io)?;
    Ok(RestoredBackup { from, moved_aside, lectures })
}

/// Now, UTC, `YYYYMMDD-HHMMSS`, from SQLite's clock (no date crate).
fn now_stamp() -> String {
    Connection::open_in_memory()
        .and_then(|c| c.query_row("SELECT strftime('%Y%m%d-%H%M%S', 'now')", [], |r| r.get(0)))
        .unwrap_or_else(|_| "now".into())
}

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
        remove_parts(dir);
        let io = |e: std::io::Error| LibraryError::file(&path, format!("备份失败：{}", super::journal::io_reason(&e)));
        let part = tempfile::Builder::new().prefix(PART_PREFIX).suffix(PART_SUFFIX).tempfile_in(dir).map_err(io)?;
        let copied = self.conn.backup(MAIN_DB, part.path(), None).and_then(|()| {
            let copy = Connection::open(part.path())?;
            copy.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        });
        match copied {
            Ok(check) if check == "ok" => {}
            // Dropping `part` removes the half-written file.
            Ok(check) => return Err(LibraryError::file(&path, format!("备份校验失败：{check}"))),
            Err(e) => return Err(LibraryError::file(&path, format!("备份失败：{}", LibraryError::from(e)))),
        }
        part.as_file().sync_all().map_err(io)?;
        durable::persist(part, &path).map_err(io)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_damaged_library_is_offered_its_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let lib = Library::open(&path).unwrap();
        lib.create("讲稿").unwrap();
        lib.backup().unwrap();
        drop(lib);
        // Garbage over the header and the first pages, as a failing disk leaves it.
        let mut bytes = std::fs::read(&path).unwrap();
        for (i, b) in bytes.iter_mut().take(8192).enumerate() {
            *b = (i * 7 + 13) as u8;
        }
        std::fs::write(&path, &bytes).unwrap();
        let e = Library::open(&path).err().expect("the damaged file does not open");
        assert!(e.restorable_from_backup(), "{e}");
        let backups = list_backups(&path);
        assert_eq!((backups.len(), backups[0].lectures, backups[0].good), (1, Some(1), true));
        let too_new = LibraryError::TooNew { path: "x".into(), found: 99, supported: 3 };
        assert!(!too_new.restorable_from_backup());
        assert!(!LibraryError::ReadOnlyLibrary { path: "x".into() }.restorable_from_backup());
    }
}
