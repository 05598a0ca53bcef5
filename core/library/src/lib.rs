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
//! - `rules`, `proofread`: 校对's wording rules, ignored findings and rules switched off;
//! - `transfer`: export and import of a whole library as one JSON file;
//! - `backup`: SQLite online backups, the last ten kept, listed and restored;
//! - [`journal`]: the recovery journal of text not yet in the library;
//! - `durable`: temp file, fsync, rename, fsync folder for every file written;
//! - [`paths`]: where the library lives;
//! - [`demo`]: the demo lecture a new library starts with.

mod backup;
pub mod demo;
mod durable;
pub mod journal;
pub mod layout;
pub mod paths;
mod import;
mod lectures;
mod proofread;
mod rules;
mod schema;
mod search;
mod snapshots;
mod tags;
mod transfer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use backup::{
    backup_dir_of, backups_in, list_backups, restore_backup, BackupEntry, BackupInfo, RestoredBackup, BACKUPS_KEPT,
    BACKUP_DIR,
};
pub use import::{import_locked, FileOutcome, ImportOutcome, ImportProgress, ImportReport, ImportStatus, ReadImport};
pub use lectures::{ConflictOutcome, Lecture, LectureInfo, LectureRef, LectureSort, LectureSummary, NewLecture, Retitled, SaveOutcome, TagCount};
pub use proofread::{rule_key, rule_name, DisabledRule, FixEdit, IgnoreKey, ProofFinding, Proofread};
pub use rules::UserRule;
pub use schema::{migrations, migrations_count};
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
    Sql(#[source] rusqlite::Error),
    /// Another process (a second window, the CLI) holds the write lock for
    /// longer than the busy timeout.
    #[error("讲稿库正被另一个程序（另一个讲稿台窗口或命令行）占用，等待后仍无法写入，这次没有保存")]
    Busy,
    #[error("磁盘已满，无法写入讲稿库，这次没有保存：请腾出磁盘空间")]
    DiskFull,
    #[error("讲稿库的文件或所在文件夹是只读的，无法写入，这次没有保存：请检查文件夹权限")]
    ReadOnly,
    #[error("讲稿库 {path} 的文件或所在的文件夹是只读的，讲稿台无法写入：请检查文件夹权限（文件没有改动）")]
    ReadOnlyLibrary { path: String },
    #[error("写入磁盘失败（磁盘可能已满），这次没有保存：请腾出磁盘空间后再试（{0}）")]
    WriteFailed(String),
    /// The file is damaged (not a database, or SQLite found it corrupt).
    #[error("讲稿库 {path} 已损坏，无法打开。可以从备份恢复：在讲稿台中选择一个备份，或在命令行运行 lectern --db \"{path}\" restore-backup（损坏的文件会移到一旁保留，不会删除；lectern --db \"{path}\" backups 列出备份）")]
    Damaged { path: String },
    /// SQLite found damage while the library was in use.
    #[error("讲稿库已损坏（{0}）。可以从备份恢复：在讲稿台中选择一个备份，或在命令行运行 lectern restore-backup（损坏的文件会移到一旁保留，不会删除）")]
    Corrupt(String),
    #[error("讲稿库 {path} 来自更新版本的讲稿台（数据格式第 {found} 版），本程序只支持到第 {supported} 版：请升级讲稿台后再打开，文件没有改动")]
    TooNew { path: String, found: i64, supported: i64 },
    #[error("没有可用的备份（{dir} 中没有完好的备份文件）")]
    NoBackup { dir: String },
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
    #[error("规范写法与原写法相同：「{0}」不必改")]
    SameRule(String),
    /// A save against a version older than the library's: the lecture was
    /// changed elsewhere (another window, the CLI) since it was loaded.
    #[error("讲稿「{title}」已在别处修改（这里的文字基于第 {base} 版，讲稿库中已是第 {current} 版），为免覆盖，没有保存：请选择保留我的、采用讲稿库中的，或两份都保留")]
    Conflict { id: i64, title: String, base: i64, current: i64 },
    #[error("讲稿「{title}」在回收站中，是只读的：先从回收站恢复，才能编辑")]
    InTrash { id: i64, title: String },
}

impl From<rusqlite::Error> for LibraryError {
    /// Names the cause of the faults a user can do something about: the
    /// library locked by another process, a full disk, a read-only folder.
    fn from(e: rusqlite::Error) -> LibraryError {
        use rusqlite::ErrorCode;
        let extended = e.sqlite_error().map(|f| f.extended_code).unwrap_or(0);
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => LibraryError::Busy,
            Some(ErrorCode::DiskFull) => LibraryError::DiskFull,
            Some(ErrorCode::ReadOnly) => LibraryError::ReadOnly,
            Some(ErrorCode::CannotOpen) if extended != rusqlite::ffi::SQLITE_CANTOPEN => LibraryError::ReadOnly,
            Some(ErrorCode::SystemIoFailure) => LibraryError::WriteFailed(e.to_string()),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => LibraryError::Corrupt(e.to_string()),
            _ => LibraryError::Sql(e),
        }
    }
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
        let shown = path.display().to_string();
        let damaged = |e: &rusqlite::Error| {
            matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
        };
        let open_err = |source: rusqlite::Error| {
            if damaged(&source) {
                LibraryError::Damaged { path: shown.clone() }
            } else if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
                LibraryError::ReadOnlyLibrary { path: shown.clone() }
            } else {
                LibraryError::Open { path: shown.clone(), source }
            }
        };
        let conn = Connection::open(path).map_err(open_err)?;
        // A file that is not a database shows up at the first read: name it.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .map_err(open_err)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(open_err)?;
        let supported = schema::migrations_count();
        if found > supported {
            return Err(LibraryError::TooNew { path: shown, found, supported });
        }
        Self::init(conn, Some(path.to_path_buf())).map_err(|e| match e {
            LibraryError::Corrupt(_) => LibraryError::Damaged { path: shown.clone() },
            LibraryError::ReadOnly => LibraryError::ReadOnlyLibrary { path: shown.clone() },
            LibraryError::Migrate(rusqlite_migration::Error::RusqliteError { err, .. }) if damaged(&err) => {
                LibraryError::Damaged { path: shown.clone() }
            }
            LibraryError::Migrate(rusqlite_migration::Error::RusqliteError { err, .. })
                if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) =>
            {
                LibraryError::ReadOnlyLibrary { path: shown.clone() }
            }
            other => other,
        })
    }

    /// Sets how long a write waits for another process's write lock before
    /// it fails with [`LibraryError::Busy`] (5 s by default).
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
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
