//! The recovery journal: text typed in the editor that has not reached the
//! library yet (the library was locked by another process, the disk was full,
//! the folder read-only, or the window was closed mid-save). It is one small
//! JSON file beside the library file (`library.db` → `library.db.recovery`)
//! holding at most one entry per lecture: the lecture's id, the version its
//! text was edited from, and the text. Every change rewrites the whole file
//! durably (temp file, fsync, rename, fsync folder: see `durable`), so after
//! a crash it is the previous journal or the new one, never half of one.
//!
//! The app puts an entry before each save is tried, removes it once that
//! text is in the library, and on start lists what is left to offer it back.
//! Entries are removed only when the text saved is the text journalled, so a
//! newer entry written meanwhile is never dropped.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{durable, LibraryError, Result};

/// The journal file's format tag.
const FORMAT: &str = "lectern-recovery";
const VERSION: u32 = 1;

/// One lecture's unsaved text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalEntry {
    pub lecture_id: i64,
    /// The version of the lecture the text was edited from
    /// ([`crate::Lecture::version`]): a later save names it.
    pub base_version: i64,
    pub text: String,
    /// When it was written (UTC, RFC 3339, seconds), for the offer on start.
    pub written_at: String,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    entries: Vec<JournalEntry>,
}

/// The journal beside one library file.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    /// The journal of the library at `library` (the file need not exist yet).
    pub fn beside(library: &Path) -> Journal {
        let mut name = library.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "library.db".into());
        name.push(".recovery");
        Journal { path: library.with_file_name(name) }
    }

    /// The journal's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every entry, by lecture id. No file is an empty journal; a file that
    /// cannot be read is an error naming it (it is left as it is).
    pub fn list(&self) -> Result<Vec<JournalEntry>> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(LibraryError::file(&self.path, format!("无法读取恢复记录：{e}"))),
        };
        let file: File = serde_json::from_slice(&bytes)
            .map_err(|e| LibraryError::file(&self.path, format!("恢复记录已损坏（{e}）")))?;
        if file.format != FORMAT || file.version > VERSION {
            return Err(LibraryError::file(&self.path, "恢复记录来自更新版本的讲稿台，无法读取"));
        }
        let mut entries = file.entries;
        entries.sort_by_key(|e| e.lecture_id);
        Ok(entries)
    }

    /// Puts (or replaces) the entry of `lecture_id`, durably.
    pub fn put(&self, lecture_id: i64, base_version: i64, text: &str) -> Result<()> {
        let mut entries = self.list()?;
        entries.retain(|e| e.lecture_id != lecture_id);
        entries.push(JournalEntry { lecture_id, base_version, text: text.to_string(), written_at: stamp() });
        self.write(entries)
    }

    /// Removes the entry of `lecture_id` when its text is `saved` (the text
    /// that just reached the library); true when it was removed. An entry
    /// holding other (newer) text stays.
    pub fn remove_saved(&self, lecture_id: i64, saved: &str) -> Result<bool> {
        let mut entries = self.list()?;
        let before = entries.len();
        entries.retain(|e| !(e.lecture_id == lecture_id && e.text == saved));
        if entries.len() == before {
            return Ok(false);
        }
        self.write(entries)?;
        Ok(true)
    }

    /// Removes the entry of `lecture_id` whatever it holds (the user chose
    /// to discard it); true when there was one.
    pub fn discard(&self, lecture_id: i64) -> Result<bool> {
        let mut entries = self.list()?;
        let before = entries.len();
        entries.retain(|e| e.lecture_id != lecture_id);
        if entries.len() == before {
            return Ok(false);
        }
        self.write(entries)?;
        Ok(true)
    }

    fn write(&self, entries: Vec<JournalEntry>) -> Result<()> {
        if entries.is_empty() {
            return match std::fs::remove_file(&self.path) {
                Ok(()) => durable::sync_dir(&durable::folder_of(&self.path))
                    .map_err(|e| LibraryError::file(&self.path, io_reason(&e))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(LibraryError::file(&self.path, io_reason(&e))),
            };
        }
        let file = File { format: FORMAT.into(), version: VERSION, entries };
        let bytes = serde_json::to_vec(&file).map_err(|e| LibraryError::file(&self.path, e))?;
        durable::write(&self.path, &bytes).map_err(|e| LibraryError::file(&self.path, io_reason(&e)))
    }
}

/// A write error in Chinese, naming the cause a user can act on.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        StorageFull | QuotaExceeded | FileTooLarge => format!("磁盘已满，无法写入（{e}）"),
        PermissionDenied | ReadOnlyFilesystem => format!("文件夹是只读的，无法写入（{e}）"),
        _ => format!("无法写入（{e}）"),
    }
}

/// Now, UTC, RFC 3339 to the second, without a date crate.
fn stamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_lists_and_removes_entries_one_per_lecture() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::beside(&dir.path().join("library.db"));
        assert_eq!(j.path(), dir.path().join("library.db.recovery"));
        assert!(j.list().unwrap().is_empty());
        j.put(2, 5, "乙稿未保存的文字").unwrap();
        j.put(1, 3, "甲稿第一次").unwrap();
        j.put(1, 3, "甲稿第二次，多打了几个字").unwrap();
        let all = j.list().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].lecture_id, all[0].base_version, all[0].text.as_str()), (1, 3, "甲稿第二次，多打了几个字"));
        assert_eq!(all[1].text, "乙稿未保存的文字");
        assert!(all[0].written_at.starts_with("20") && all[0].written_at.ends_with('Z'));
        // An older text reaching the library does not drop the newer entry.
        assert!(!j.remove_saved(1, "甲稿第一次").unwrap());
        assert!(j.remove_saved(1, "甲稿第二次，多打了几个字").unwrap());
        assert_eq!(j.list().unwrap().len(), 1);
        assert!(j.discard(2).unwrap());
        assert!(!j.path().exists(), "an empty journal leaves no file");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temp file left");
    }

    #[test]
    fn a_damaged_journal_is_an_error_naming_it_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::beside(&dir.path().join("library.db"));
        std::fs::write(j.path(), "{\"format\":\"lectern-recov").unwrap();
        let err = j.list().unwrap_err().to_string();
        assert!(err.contains("library.db.recovery") && err.contains("恢复记录已损坏"), "{err}");
        assert!(j.put(1, 1, "x").is_err());
        assert_eq!(std::fs::read_to_string(j.path()).unwrap(), "{\"format\":\"lectern-recov");
    }

    #[test]
    fn stamp_is_a_utc_time() {
        let s = stamp();
        assert_eq!(s.len(), 20, "{s}");
        assert_eq!(&s[4..5], "-");
    }
}
