//! lectern-library: the library, a SQLite database of lecture texts. It reads
//! files through lectern-text; it knows no fonts and no PDF.
//!
//! One [`Library`] is one open connection. It is `Send`, so the app keeps it in
//! a `Mutex` and every command goes through that one handle. Every write runs
//! in a transaction (`BEGIN IMMEDIATE`). The connection runs in WAL mode with
//! `synchronous = FULL` (a save reported done survives a crash or a power
//! cut), foreign keys on and a busy timeout.
//!
//! The parts, one concern each:
//! - [`schema`]: the migrations;
//! - `lectures`: adding, reading, listing, saving, tags, trash and lineage;
//! - `snapshots`: snapshots, the automatic snapshot rule and restore;
//! - `search`: Chinese search of any length with ranked, marked snippets;
//! - `import`: importing files, with duplicate detection;
//! - `transfer`: export and import of a whole library as one JSON file;
//! - `backup`: SQLite online backups, the last ten kept;
//! - [`paths`]: where the library lives;
//! - [`demo`]: the demo lecture a new library starts with.

mod backup;
pub mod demo;
pub mod paths;
mod import;
mod lectures;
mod rules;
mod schema;
mod search;
mod snapshots;
mod tags;
mod transfer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use backup::{backups_in, BackupInfo, BACKUPS_KEPT, BACKUP_DIR};
pub use import::{FileOutcome, ImportOutcome, ImportProgress, ImportReport, ImportStatus};
pub use lectures::{Lecture, LectureInfo, LectureRef, LectureSummary, NewLecture, SaveOutcome, TagCount};
pub use rules::UserRule;
pub use schema::migrations;
pub use search::{SearchHit, SnippetPart};
pub use snapshots::{AutoSnapshotRule, RestoreOutcome, Snapshot, SnapshotEntry, SnapshotInfo, SnapshotKind};
pub use tags::{join_tags, parse_tags};
pub use transfer::{MergeReport, EXPORT_FORMAT, EXPORT_VERSION};

/// What can go wrong in the library. Every message is Chinese and names what
/// it is about, so the UI and the CLI can show it as it is.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("无法打开讲稿库 {path}：{source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("讲稿库升级失败：{0}")]
    Migrate(#[from] rusqlite_migration::Error),
    #[error("讲稿库出错：{0}")]
    Sql(#[from] rusqlite::Error),
    #[error("无法创建数据文件夹 {path}：{source}")]
    CreateDir { path: String, source: std::io::Error },
    #[error("找不到编号为 {0} 的讲稿")]
    NotFound(i64),
    #[error("讲稿 {lecture} 没有编号为 {snapshot} 的快照")]
    SnapshotNotFound { lecture: i64, snapshot: i64 },
    #[error("找不到编号为 {0} 的快照")]
    NoSuchSnapshot(i64),
    #[error("标题不能为空")]
    EmptyTitle,
    #[error("标签不能为空")]
    EmptyTag,
    #[error("这篇讲稿不是改编稿，没有原稿可比较")]
    NotAdapted(i64),
    #[error("讲稿 {0} 不在回收站中")]
    NotInTrash(i64),
    #[error("{path}：{reason}")]
    File { path: String, reason: String },
    #[error("内存中的讲稿库没有数据文件夹，无法备份")]
    NoDataDir,
    #[error("规范表述的原文和规范写法都不能为空")]
    EmptyRule,
}

impl LibraryError {
    fn file(path: &Path, reason: impl std::fmt::Display) -> LibraryError {
        LibraryError::File { path: path.display().to_string(), reason: reason.to_string() }
    }
}

pub type Result<T> = std::result::Result<T, LibraryError>;

/// An open library.
pub struct Library {
    conn: Connection,
    path: Option<PathBuf>,
    rule: AutoSnapshotRule,
}

impl Library {
    /// Opens the library at `path`, creating the file and its folder when
    /// missing, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Library> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LibraryError::CreateDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let open_err = |source| LibraryError::Open { path: path.display().to_string(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        // A file that is not a database shows up at the first read: name it.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .map_err(open_err)?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// An in-memory library, for tests.
    pub fn open_in_memory() -> Result<Library> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Library> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // 64 MiB of page cache: search and import touch large indexes.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.set_prepared_statement_cache_capacity(64);
        migrations().to_latest(&mut conn)?;
        Ok(Library { conn, path, rule: AutoSnapshotRule::default() })
    }

    /// The database file, `None` for an in-memory library.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Changes the automatic snapshot rule (e.g. from the user's settings).
    pub fn set_auto_snapshot_rule(&mut self, rule: AutoSnapshotRule) {
        self.rule = rule;
    }

    /// `PRAGMA integrity_check`: `Ok(())` when the file is sound, else the
    /// problems SQLite found.
    pub fn integrity_check(&self) -> Result<std::result::Result<(), Vec<String>>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(if lines == ["ok"] { Ok(()) } else { Err(lines) })
    }

    /// A write transaction that takes the write lock at once.
    fn write(&self) -> Result<Transaction<'_>> {
        Ok(Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?)
    }
}

/// The current time as the library stores it (UTC, ISO 8601, milliseconds).
fn now(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| r.get(0))?)
}

/// 字数 of a text, as the whole app counts it.
fn count_chars(text: &str) -> i64 {
    lectern_text::count_chars(text) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>() {}

    #[test]
    fn library_is_send_so_the_app_can_share_it_behind_a_mutex() {
        assert_send::<Library>();
    }

    #[test]
    fn adds_lists_and_gets_a_lecture_in_a_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("library.db");
        {
            let lib = Library::open(&path).unwrap();
            assert!(lib.is_empty().unwrap());
            let id = lib
                .add(&NewLecture { title: "党课".into(), body: "同志们：\n\n大家好。".into(), ..Default::default() })
                .unwrap();
            assert_eq!(lib.get(id).unwrap().body, "同志们：\n\n大家好。");
        }
        let lib = Library::open(&path).unwrap();
        let list = lib.list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].title, "党课");
        assert_eq!(list[0].char_count, 6);
        assert!(matches!(lib.get(999), Err(LibraryError::NotFound(999))));
        assert_eq!(lib.integrity_check().unwrap(), Ok(()));
    }

    #[test]
    fn a_file_that_is_not_a_database_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(100)).unwrap();
        let err = Library::open(&path).err().expect("opening a text file must fail");
        assert!(err.to_string().contains("notes.db"), "{err}");
        // The file is left as it was.
        assert!(std::fs::read_to_string(&path).unwrap().starts_with("这不是数据库"));
    }
}
