//! The library: a SQLite database of lecture texts.
//!
//! The schema is created and upgraded by migrations (see [`schema`]); the
//! connection runs in WAL mode with foreign keys on and a busy timeout.

mod schema;

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

pub use schema::migrations;

/// What can go wrong in the library.
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
}

pub type Result<T> = std::result::Result<T, LibraryError>;

/// A lecture as the library list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LectureSummary {
    pub id: i64,
    pub title: String,
    pub date: Option<String>,
    pub char_count: i64,
}

/// A whole lecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lecture {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A lecture to add.
#[derive(Debug, Clone, Default)]
pub struct NewLecture {
    pub title: String,
    pub body: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
}

/// An open library.
pub struct Library {
    conn: Connection,
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
        let conn = Connection::open(path)
            .map_err(|source| LibraryError::Open { path: path.display().to_string(), source })?;
        Self::init(conn)
    }

    /// An in-memory library, for tests.
    pub fn open_in_memory() -> Result<Library> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Library> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations().to_latest(&mut conn)?;
        Ok(Library { conn })
    }

    /// Whether the library holds no lecture at all (trash included).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM lectures", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Adds a lecture and returns its id.
    pub fn add(&self, new: &NewLecture) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO lectures (title, body, source, date, category) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![new.title, new.body, new.source, new.date, new.category],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The lectures, most recently changed first.
    pub fn list(&self) -> Result<Vec<LectureSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, title, date, body FROM lectures ORDER BY updated_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let body: String = r.get(3)?;
            Ok(LectureSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                char_count: crate::text::stats::count_chars(&body) as i64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One lecture, whole.
    pub fn get(&self, id: i64) -> Result<Lecture> {
        self.conn
            .query_row(
                "SELECT id, title, body, source, date, category, created_at, updated_at
                 FROM lectures WHERE id = ?1",
                [id],
                |r| {
                    Ok(Lecture {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        body: r.get(2)?,
                        source: r.get(3)?,
                        date: r.get(4)?,
                        category: r.get(5)?,
                        created_at: r.get(6)?,
                        updated_at: r.get(7)?,
                    })
                },
            )
            .optional()?
            .ok_or(LibraryError::NotFound(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
