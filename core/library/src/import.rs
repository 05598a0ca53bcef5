//! Importing files (and pasted text) into the library, through the text
//! engine's readers and cleaner, without silent duplicates.
//!
//! A text is a duplicate when, ignoring whitespace, it equals a lecture's
//! current text or the text a lecture was imported with (so re-importing a
//! file whose lecture has since been edited is still recognised).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::lectures::{insert, BodyFacts, InsertExtra, NewLecture};
use super::{Library, Result};
use lectern_text::Cleaned;

/// Files read and cleaned before each write transaction during import.
const CHUNK: usize = 1000;

/// What became of one imported file or text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// Imported as a new lecture.
    /// `read`: what the reader did beyond plain reading (numbering written out, …).
    Added { id: i64, title: String, #[serde(skip_serializing_if = "Vec::is_empty")] read: Vec<String> },
    /// The library already holds this text (perhaps in the trash): nothing was added.
    Duplicate { id: i64, title: String, in_trash: bool },
    /// Could not be imported; the message (Chinese) names the file and the reason.
    Failed { message: String },
}

/// One file's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub path: PathBuf,
    #[serde(flatten)]
    pub outcome: ImportOutcome,
}

impl ImportReport {
    /// The line to show for a file that was not added (Chinese, naming the
    /// file); `None` for a file that was added.
    pub fn message(&self) -> Option<String> {
        match &self.outcome {
            ImportOutcome::Added { .. } => None,
            ImportOutcome::Duplicate { id, title, in_trash } => Some(format!(
                "{}：讲稿库中已有这篇讲稿（编号 {id}《{title}》{}），没有重复导入",
                name_of(&self.path),
                if *in_trash { "，在回收站中" } else { "" }
            )),
            ImportOutcome::Failed { message } => Some(message.clone()),
        }
    }
}

/// How far an import has got: sent after each file is read and cleaned (the slow part; the
/// writes follow in transactions of up to [`CHUNK`] files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
    /// The file just read, as given.
    pub file: String,
}

/// What became of a file, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Imported,
    Duplicate,
    Failed,
}

/// One file's result as the import summary shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FileOutcome {
    pub file: String,
    pub status: ImportStatus,
    /// The lecture added, or the one that already holds the text.
    pub id: Option<i64>,
    /// Why it was not added (Chinese, naming the file).
    pub message: Option<String>,
    /// What the reader did beyond plain reading, for a file that was added
    /// (`写出了 11 处自动编号`, `去掉了 9 处页码`, …).
    pub read: Vec<String>,
}

impl ImportReport {
    /// This result as the import summary shows it.
    pub fn summary(&self) -> FileOutcome {
        let (status, id) = match self.outcome {
            ImportOutcome::Added { id, .. } => (ImportStatus::Imported, Some(id)),
            ImportOutcome::Duplicate { id, .. } => (ImportStatus::Duplicate, Some(id)),
            ImportOutcome::Failed { .. } => (ImportStatus::Failed, None),
        };
        let read = match &self.outcome {
            ImportOutcome::Added { read, .. } => read.clone(),
            _ => Vec::new(),
        };
        FileOutcome { file: self.path.display().to_string(), status, id, message: self.message(), read }
    }
}

/// Reads and cleans one file with the text engine (.txt in UTF-8, UTF-16
/// or GBK, .md, .docx, .html); the error is its Chinese line naming the file.
/// A file as messages name it: its file name, as the text engine does.
fn name_of(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// A file read and cleaned, with what the library derives from its text.
struct ReadFile {
    cleaned: Cleaned,
    facts: BodyFacts,
}

type Read = std::result::Result<ReadFile, String>;

fn read(path: &Path) -> Read {
    let cleaned = lectern_text::import_path(path).map_err(|e| e.to_string())?;
    let facts = BodyFacts::of(&cleaned.text);
    Ok(ReadFile { cleaned, facts })
}

/// The existing lecture holding this text, if any: (id, title, in trash).
fn find_duplicate(conn: &Connection, hash: &str) -> Result<Option<(i64, String, bool)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, title, deleted_at IS NOT NULL FROM lectures
             WHERE content_hash = ?1 OR import_hash = ?1 ORDER BY id LIMIT 1",
        )?
        .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Adds a cleaned text unless the library holds it already.
fn add_cleaned(
    conn: &Connection,
    cleaned: Cleaned,
    facts: &BodyFacts,
    source: Option<String>,
    fallback_title: &str,
) -> Result<ImportOutcome> {
    let hash = &facts.hash;
    if let Some((id, title, in_trash)) = find_duplicate(conn, hash)? {
        return Ok(ImportOutcome::Duplicate { id, title, in_trash });
    }
    let read = cleaned.read.iter().map(ToString::to_string).collect();
    let title = if cleaned.title.trim().is_empty() { fallback_title.to_string() } else { cleaned.title };
    let new = NewLecture {
        title,
        body: cleaned.text,
        source,
        date: cleaned.metadata.date,
        category: cleaned.metadata.category,
    };
    let id = insert(conn, &new, &InsertExtra { import_hash: Some(hash), facts: Some(facts), ..Default::default() })?;
    let title = conn.query_row("SELECT title FROM lectures WHERE id = ?1", [id], |r| r.get(0))?;
    Ok(ImportOutcome::Added { id, title, read })
}

/// A file read and cleaned for import, not yet added to a library. Reading needs no library, so
/// it happens while the library is free for other work (see [`import_locked`]).
pub struct ReadImport {
    path: PathBuf,
    read: Read,
}

impl ReadImport {
    /// Reads and cleans the file at `path` (the slow part of an import; no library involved).
    pub fn of(path: &Path) -> ReadImport {
        ReadImport { path: path.to_path_buf(), read: read(path) }
    }
}

/// Files handed to the shell's import at once, while the library is free: read on a second
/// thread, they are added a few at a time, so that a save waits at most for one such chunk.
const SHARED_CHUNK: usize = 32;

/// Reads and cleans `paths` on a second thread, in order, telling `progress` after each, and hands
/// them to `add` in chunks of up to `chunk` files; one result per file, in order.
fn read_in_chunks<P: AsRef<Path> + Sync>(
    paths: &[P],
    chunk: usize,
    mut progress: impl FnMut(ImportProgress),
    mut add: impl FnMut(Vec<ReadImport>) -> Vec<ImportReport>,
) -> Vec<ImportReport> {
    let total = paths.len();
    let mut done = 0;
    let mut reports = Vec::with_capacity(paths.len());
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(64);
        scope.spawn(move || {
            for p in paths {
                if send.send(ReadImport::of(p.as_ref())).is_err() {
                    break;
                }
            }
        });
        let mut files = receive
            .into_iter()
            .inspect(|file| {
                done += 1;
                progress(ImportProgress { done, total, file: file.path.display().to_string() });
            })
            .peekable();
        while files.peek().is_some() {
            reports.extend(add(files.by_ref().take(chunk).collect()));
        }
    });
    reports
}

/// Imports files into a library the caller shares behind a lock (the app's one handle, which
/// saves and searches use too): the files are read and cleaned without the lock, and `lock` is
/// taken only to add each chunk of a few files, in one short write transaction. So the library
/// stays usable while a large or slow batch is read (a file on a slow share, a big .docx).
/// When `lock` fails, the files of that chunk are reported failed with its reason.
pub fn import_locked<P, G>(
    paths: &[P],
    progress: impl FnMut(ImportProgress),
    mut lock: impl FnMut() -> std::result::Result<G, String>,
) -> Vec<ImportReport>
where
    P: AsRef<Path> + Sync,
    G: std::ops::Deref<Target = Library>,
{
    read_in_chunks(paths, SHARED_CHUNK, progress, |files| match lock() {
        Ok(library) => library.add_read(files),
        Err(e) => files
            .into_iter()
            .map(|f| {
                let message = format!("{}：{e}", name_of(&f.path));
                ImportReport { path: f.path, outcome: ImportOutcome::Failed { message } }
            })
            .collect(),
    })
}

impl Library {
    /// Imports files: each is read by the text engine, cleaned and added,
    /// unless the library already holds its text. One result per file, in
    /// order; a bad file never stops the others. Files are written in
    /// transactions of up to a thousand, while a second thread reads and
    /// cleans the next files.
    pub fn import_files<P: AsRef<Path> + Sync>(&self, paths: &[P]) -> Vec<ImportReport> {
        self.import_files_with_progress(paths, |_| {})
    }

    /// [`Library::import_files`], telling `progress` after each file is read and cleaned.
    pub fn import_files_with_progress<P: AsRef<Path> + Sync>(
        &self,
        paths: &[P],
        progress: impl FnMut(ImportProgress),
    ) -> Vec<ImportReport> {
        read_in_chunks(paths, CHUNK, progress, |files| self.add_read(files))
    }

    /// Adds files read with [`ReadImport::of`] (unless the library holds their text already), in
    /// one write transaction; one result per file, in order.
    pub fn add_read(&self, files: Vec<ReadImport>) -> Vec<ImportReport> {
        self.add_chunk(files.into_iter().map(|f| (f.path, f.read)))
    }

    /// Adds a chunk of read files in one transaction. FTS5 writes its
    /// pending index data out at every savepoint, so the files are added
    /// without one each; only when one of them fails is the transaction
    /// rolled back and the chunk added again file by file, each in its own
    /// savepoint, so the failure costs no other file its place.
    fn add_chunk(&self, files: impl Iterator<Item = (PathBuf, Read)>) -> Vec<ImportReport> {
        let files: Vec<(PathBuf, Read)> = files.collect();
        match self.add_all(&files) {
            Ok(reports) => reports,
            Err(_) => self.add_one_by_one(&files),
        }
    }

    /// The cleaned text of a file worth adding: read, and not empty.
    fn readable(read: &Read) -> Option<&ReadFile> {
        read.as_ref().ok().filter(|r| !r.cleaned.text.trim().is_empty())
    }

    /// Why a file that is not [`Self::readable`] was not added.
    fn unreadable(path: &Path, read: &Read) -> ImportOutcome {
        match read {
            Err(message) => ImportOutcome::Failed { message: message.clone() },
            Ok(_) => ImportOutcome::Failed { message: format!("{}：文件中没有正文", name_of(path)) },
        }
    }

    fn add_file(conn: &Connection, path: &Path, file: &ReadFile) -> Result<ImportOutcome> {
        let source = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        add_cleaned(conn, file.cleaned.clone(), &file.facts, source, &stem)
    }

    /// Every file in one transaction; the first error undoes the chunk.
    fn add_all(&self, files: &[(PathBuf, Read)]) -> Result<Vec<ImportReport>> {
        let tx = self.write()?;
        let mut reports = Vec::with_capacity(files.len());
        for (path, read) in files {
            let outcome = match Self::readable(read) {
                Some(cleaned) => Self::add_file(&tx, path, cleaned)?,
                None => Self::unreadable(path, read),
            };
            reports.push(ImportReport { path: path.clone(), outcome });
        }
        tx.commit()?;
        Ok(reports)
    }

    /// Each file in a savepoint of its own: a file that fails is reported
    /// and the others are added.
    fn add_one_by_one(&self, files: &[(PathBuf, Read)]) -> Vec<ImportReport> {
        let mut tx = match self.write() {
            Ok(tx) => tx,
            Err(e) => {
                return files
                    .iter()
                    .map(|(path, _)| {
                        let message = format!("{}：{e}", name_of(path));
                        ImportReport { path: path.clone(), outcome: ImportOutcome::Failed { message } }
                    })
                    .collect()
            }
        };
        let mut reports = Vec::with_capacity(files.len());
        for (path, read) in files {
            let outcome = match Self::readable(read) {
                None => Self::unreadable(path, read),
                Some(cleaned) => {
                    let added = tx.savepoint().map_err(Into::into).and_then(|sp| {
                        let outcome = Self::add_file(&sp, path, cleaned)?;
                        sp.commit()?;
                        Ok(outcome)
                    });
                    added.unwrap_or_else(|e: super::LibraryError| ImportOutcome::Failed {
                        message: format!("{}：{e}", name_of(path)),
                    })
                }
            };
            reports.push(ImportReport { path: path.clone(), outcome });
        }
        if let Err(e) = tx.commit() {
            for r in &mut reports {
                if matches!(r.outcome, ImportOutcome::Added { .. }) {
                    r.outcome = ImportOutcome::Failed { message: format!("{}：保存失败：{e}", name_of(&r.path)) };
                }
            }
        }
        reports
    }

    /// Imports a text the user pasted: cleaned by the text engine, added
    /// unless the library holds it already. `source` is where it came from
    /// (a URL), when known.
    pub fn import_text(&self, raw: &str, source: Option<&str>) -> Result<ImportOutcome> {
        let cleaned = lectern_text::clean(raw);
        if cleaned.text.trim().is_empty() {
            return Ok(ImportOutcome::Failed { message: "粘贴的文字中没有正文".to_string() });
        }
        let tx = self.write()?;
        let facts = BodyFacts::of(&cleaned.text);
        let outcome = add_cleaned(&tx, cleaned, &facts, source.map(str::to_string), super::lectures::UNTITLED)?;
        tx.commit()?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_progress_per_file_and_sums_each_up() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let paths = vec![
            write("甲.txt", "关于学习的讲话\n\n同志们：\n\n一、总体要求\n\n要认真学习。"),
            write("乙.txt", "关于学习的讲话\n\n同志们：\n\n一、总体要求\n\n要认真学习。"),
            write("丙.txt", "   \n"),
        ];
        let lib = Library::open_in_memory().unwrap();
        let mut seen = Vec::new();
        let reports = lib.import_files_with_progress(&paths, |p| seen.push((p.done, p.total, p.file)));
        let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(seen, vec![(1, 3, files[0].clone()), (2, 3, files[1].clone()), (3, 3, files[2].clone())]);
        let sums: Vec<FileOutcome> = reports.iter().map(ImportReport::summary).collect();
        assert_eq!(sums.iter().map(|s| s.status).collect::<Vec<_>>(), vec![ImportStatus::Imported, ImportStatus::Duplicate, ImportStatus::Failed]);
        assert_eq!(sums[1].id, sums[0].id, "the duplicate names the lecture that holds the text");
        assert_eq!(sums[0].message, None);
        assert!(sums[1].message.as_deref().is_some_and(|m| m.starts_with("乙.txt")), "{:?}", sums[1].message);
        assert!(sums[2].message.as_deref().is_some_and(|m| m.contains("丙.txt")), "{:?}", sums[2].message);
        assert_eq!(sums[2].id, None);
        assert_eq!(sums[0].file, files[0]);
        assert!(sums.iter().all(|s| s.read.is_empty()), "plain texts need no repair");
    }

    #[test]
    fn the_summary_says_what_the_reader_did() {
        let docx = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/docs/lecture.docx");
        let lib = Library::open_in_memory().unwrap();
        let sums: Vec<FileOutcome> = lib.import_files(&[docx]).iter().map(ImportReport::summary).collect();
        assert_eq!(sums[0].status, ImportStatus::Imported);
        assert!(sums[0].read.iter().any(|r| r.contains("自动编号")), "{:?}", sums[0].read);
    }

    /// A file that is slow to read (a FIFO: its reading waits until a writer comes) in the middle
    /// of a batch: while it is read, the library's lock is free, and a save goes through.
    #[cfg(unix)]
    #[test]
    fn the_library_stays_usable_while_a_slow_file_is_read() {
        use std::sync::Mutex;
        use std::time::{Duration, Instant};
        let dir = tempfile::tempdir().unwrap();
        let fast = dir.path().join("快.txt");
        std::fs::write(&fast, "关于学习的讲话\n\n同志们：\n\n要认真学习。").unwrap();
        let slow = dir.path().join("慢.txt");
        let made = std::process::Command::new("mkfifo").arg(&slow).status().unwrap();
        assert!(made.success(), "mkfifo");
        let last = dir.path().join("后.txt");
        std::fs::write(&last, "关于调研的讲话\n\n要深入调研。").unwrap();

        let library = Mutex::new(Library::open_in_memory().unwrap());
        let id = {
            let lib = library.lock().unwrap();
            let id = lib.create("正在写的讲稿").unwrap();
            lib.save(id, lib.get(id).unwrap().version, "第一稿。").unwrap();
            id
        };
        let (seen, progress) = std::sync::mpsc::channel();
        let paths = [fast, slow.clone(), last];
        let reports = std::thread::scope(|scope| {
            let import = scope.spawn(|| {
                import_locked(&paths, move |p| {
                    let _ = seen.send(p.done);
                }, || Ok::<_, String>(library.lock().unwrap()))
            });
            assert_eq!(progress.recv_timeout(Duration::from_secs(10)), Ok(1), "the first file is read");
            // The import now waits on the slow file: the library must be free meanwhile.
            let deadline = Instant::now() + Duration::from_secs(5);
            let lib = loop {
                match library.try_lock() {
                    Ok(lib) => break lib,
                    Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
                    Err(_) => {
                        std::fs::write(&slow, "要改进作风。").unwrap(); // lets the import end
                        panic!("the library stayed locked while a file was being read")
                    }
                }
            };
            let version = lib.get(id).unwrap().version;
            lib.save(id, version, "第一稿。第二稿，导入进行中保存。").unwrap();
            drop(lib);
            // The slow file's contents arrive; the import finishes.
            std::fs::write(&slow, "关于作风的讲话\n\n要改进作风。").unwrap();
            import.join().unwrap()
        });
        let statuses: Vec<ImportStatus> = reports.iter().map(|r| r.summary().status).collect();
        assert_eq!(statuses, vec![ImportStatus::Imported; 3], "{reports:?}");
        let lib = library.lock().unwrap();
        assert_eq!(lib.get(id).unwrap().body, "第一稿。第二稿，导入进行中保存。");
        assert_eq!(lib.list().unwrap().len(), 4);
    }

    #[test]
    fn a_failed_lock_fails_its_files_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("甲.txt");
        std::fs::write(&p, "要认真学习。").unwrap();
        let reports = import_locked(&[p], |_| {}, || Err::<std::sync::MutexGuard<'_, Library>, _>("讲稿库打不开".to_string()));
        assert_eq!(reports[0].message().as_deref(), Some("甲.txt：讲稿库打不开"));
    }
}
