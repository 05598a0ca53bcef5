//! Library subcommands: import, search, list, show, save, snapshots,
//! restore, adapt, trash, tags, export/import of a whole library, backups
//! and restoring one.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde::Serialize;

use crate::{db_path, CliError};
use lectern_library::{ImportOutcome, Lecture, LectureSummary, Library};

#[derive(Subcommand)]
pub enum LibraryCommand {
    /// Imports files (.txt, .docx, .html …): prints each new lecture's id;
    /// a file that fails, or whose text is already in the library, gets one
    /// line on stderr; exits with 1 when any file failed
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Searches titles and texts (any length, one Han character included);
    /// several words must all occur
    Search {
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// Prints a JSON list of {"id", "title", "snippet"} (matches between « and »)
        #[arg(long)]
        json: bool,
        /// How many results at most
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Lists the lectures in the library: id, title, date, 字数, tags
    List {
        #[arg(long)]
        json: bool,
        /// Lists the trash instead
        #[arg(long)]
        trash: bool,
        /// Only lectures with this tag
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
    },
    /// Prints one lecture: its details, then its text
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
        /// Prints this snapshot's text instead
        #[arg(long, value_name = "SNAPSHOT")]
        snapshot: Option<i64>,
    },
    /// Keeps the lecture's current text as a snapshot; prints the snapshot's id
    Snapshot {
        id: i64,
        #[arg(long, value_name = "LABEL")]
        label: Option<String>,
    },
    /// Lists a lecture's snapshots, newest first
    Snapshots {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Puts a snapshot's text back (the current text is kept as a snapshot first)
    Restore { id: i64, snapshot: i64 },
    /// Copies a lecture as a new draft that remembers its source; prints the draft's id
    Adapt { id: i64 },
    /// Moves a lecture to the trash
    Delete { id: i64 },
    /// Brings a lecture back from the trash
    RestoreDeleted { id: i64 },
    /// Adds tags to a lecture (or removes them with --remove); prints its tags
    Tag {
        id: i64,
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long)]
        remove: bool,
    },
    /// Lists every tag with its number of lectures
    Tags {
        #[arg(long)]
        json: bool,
    },
    /// Writes the whole library (snapshots, tags, lineage, trash) to one file
    ExportLibrary { file: PathBuf },
    /// Merges a file written by export-library into this library, without duplicates
    ImportLibrary { file: PathBuf },
    /// Backs the library up into backups/ beside it (the last 10 are kept); prints the backup's path
    Backup,
    /// Lists the backups, newest first: file, date (UTC), number of lectures
    /// (works on a damaged library too)
    Backups {
        /// Prints a JSON list of {"file", "date", "lectures", "good"}
        #[arg(long)]
        json: bool,
    },
    /// Puts a backup in the library's place (the newest good one when FILE is
    /// omitted); the file there is moved aside, never deleted
    RestoreBackup { file: Option<PathBuf> },
    /// Saves a lecture's text from FILE (or standard input), edited from
    /// version BASE (see `show --json`); refused when the lecture changed since
    Save {
        id: i64,
        #[arg(long = "base-version", value_name = "BASE")]
        base: i64,
        /// Read the text from this file instead of standard input
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Saves a lecture in a loop, printing "saved N" after each save is done
    /// (for the crash test)
    #[command(hide = true)]
    SaveLoop {
        id: i64,
        #[arg(long, default_value_t = 100_000)]
        count: u64,
    },
}

#[derive(Serialize)]
struct JsonHit<'a> {
    id: i64,
    title: &'a str,
    snippet: &'a str,
}

/// The import command failed for some files (each already reported).
#[derive(Debug)]
struct SomeFilesFailed {
    failed: usize,
    total: usize,
}

impl std::fmt::Display for SomeFilesFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 个文件中有 {} 个没有导入", self.total, self.failed)
    }
}

impl std::error::Error for SomeFilesFailed {}

fn print_list(list: &[LectureSummary], json: bool) -> Result<(), CliError> {
    if json {
        println!("{}", serde_json::to_string_pretty(list)?);
    } else {
        for l in list {
            println!("{}\t{}\t{}\t{}\t{}", l.id, l.title, l.date.as_deref().unwrap_or(""), l.char_count, l.tags.join("、"));
        }
    }
    Ok(())
}

fn print_lecture(l: &Lecture) {
    println!("《{}》", l.title);
    let mut details = vec![format!("编号：{}", l.id), format!("字数：{}", l.char_count)];
    for (name, value) in [("日期", &l.date), ("类别", &l.category), ("主讲人", &l.speaker), ("来源", &l.source)] {
        if let Some(v) = value {
            details.push(format!("{name}：{v}"));
        }
    }
    println!("{}", details.join("　"));
    if !l.tags.is_empty() {
        println!("标签：{}", l.tags.join("、"));
    }
    if let Some(a) = &l.adapted_from {
        println!("改编自：{}《{}》{}", a.id, a.title, if a.deleted { "（在回收站中）" } else { "" });
    }
    if let Some(d) = &l.deleted_at {
        println!("在回收站中（删除于 {d}）");
    }
    println!();
    println!("{}", l.body);
}

fn import(lib: &Library, files: &[PathBuf]) -> Result<(), CliError> {
    let reports = lib.import_files(files);
    let mut failed = 0;
    for r in &reports {
        match &r.outcome {
            ImportOutcome::Added { id, read, .. } => {
                println!("{id}");
                if !read.is_empty() {
                    eprintln!("{}：{}", r.path.file_name().unwrap_or_default().to_string_lossy(), read.join("；"));
                }
            }
            ImportOutcome::Duplicate { .. } => eprintln!("{}", r.message().unwrap_or_default()),
            ImportOutcome::Failed { .. } => {
                failed += 1;
                eprintln!("{}", r.message().unwrap_or_default());
            }
        }
    }
    if failed > 0 {
        return Err(Box::new(SomeFilesFailed { failed, total: reports.len() }));
    }
    Ok(())
}

/// Saves a lecture over and over; each line "saved N" is printed only after
/// save N has committed.
fn save_loop(lib: &Library, id: i64, count: u64) -> Result<(), CliError> {
    lib.get(id)?;
    let stdout = std::io::stdout();
    for n in 1..=count {
        let text = format!("第{n}次保存\n\n{}", "学习贯彻党的创新理论，".repeat((n % 60) as usize));
        lib.update_body(id, &text)?;
        let mut out = stdout.lock();
        if writeln!(out, "saved {n}").and_then(|()| out.flush()).is_err() {
            break; // Nobody is listening any more.
        }
    }
    Ok(())
}

/// `backups`: the list, newest first.
fn backups(db: &Path, json: bool) -> Result<(), CliError> {
    let list = lectern_library::list_backups(db);
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else if list.is_empty() {
        println!("没有备份（{} 中没有备份文件）", lectern_library::backup_dir_of(db).display());
    } else {
        for b in &list {
            let n = b.lectures.map_or("无法读取".to_string(), |n| format!("{n} 篇讲稿"));
            println!("{}\t{}\t{}{}", b.file.display(), b.date, n, if b.good { "" } else { "\t已损坏" });
        }
    }
    Ok(())
}

/// `save`: the text from a file or standard input, with the version check.
fn save(lib: &Library, id: i64, base: i64, file: Option<&Path>) -> Result<(), CliError> {
    let text = match file {
        Some(f) => std::fs::read_to_string(f).map_err(|e| format!("无法读取 {}：{e}", f.display()))?,
        None => std::io::read_to_string(std::io::stdin())?,
    };
    let out = lib.save(id, base, &text)?;
    println!("{}", if out.changed { format!("已保存，讲稿 {id} 现为第 {} 版", out.version) } else { format!("正文未变，讲稿 {id} 仍为第 {} 版", out.version) });
    Ok(())
}

impl LibraryCommand {
    pub fn run(self, db: Option<&Path>) -> Result<(), CliError> {
        let db = db_path(db)?;
        // These two work without opening the library: it may be damaged.
        match self {
            LibraryCommand::Backups { json } => return backups(&db, json),
            LibraryCommand::RestoreBackup { file } => {
                let r = lectern_library::restore_backup(&db, file.as_deref())?;
                if let Some(aside) = &r.moved_aside {
                    println!("原来的讲稿库已移到 {}（没有删除）", aside.display());
                }
                println!("已从备份 {} 恢复讲稿库（{} 篇讲稿）", r.from.display(), r.lectures);
                return Ok(());
            }
            _ => {}
        }
        let lib = Library::open(&db)?;
        match self {
            LibraryCommand::Import { files } => import(&lib, &files)?,
            LibraryCommand::Search { query, json, limit } => {
                let hits = lib.search(&query.join(" "), limit)?;
                if json {
                    let out: Vec<JsonHit> =
                        hits.iter().map(|h| JsonHit { id: h.id, title: &h.title, snippet: &h.snippet }).collect();
                    println!("{}", serde_json::to_string_pretty(&out)?);
                } else {
                    for h in &hits {
                        println!("{}\t{}\t{}", h.id, h.title, h.snippet);
                    }
                }
            }
            LibraryCommand::List { json, trash, tag } => {
                let list = match (trash, tag) {
                    (true, _) => lib.trash()?,
                    (false, Some(tag)) => lib.list_tagged(&tag)?,
                    (false, None) => lib.list()?,
                };
                print_list(&list, json)?;
            }
            LibraryCommand::Show { id, json, snapshot: Some(sid) } => {
                let snap = lib.get_snapshot(sid)?;
                if snap.info.lecture_id != id {
                    return Err(lectern_library::LibraryError::SnapshotNotFound { lecture: id, snapshot: sid }.into());
                }
                if json {
                    println!("{}", serde_json::to_string_pretty(&snap)?);
                } else {
                    println!("{}", snap.body);
                }
            }
            LibraryCommand::Show { id, json, snapshot: None } => {
                let lecture = lib.get(id)?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&lecture)?);
                } else {
                    print_lecture(&lecture);
                }
            }
            LibraryCommand::Snapshot { id, label } => println!("{}", lib.snapshot(id, label.as_deref())?.id),
            LibraryCommand::Snapshots { id, json } => {
                let snaps = lib.snapshots(id)?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&snaps)?);
                } else {
                    for s in snaps {
                        println!(
                            "{}\t{}\t{}\t{}\t{}",
                            s.id,
                            s.created_at,
                            s.kind.label_zh(),
                            s.char_count,
                            s.label.unwrap_or_default()
                        );
                    }
                }
            }
            LibraryCommand::Restore { id, snapshot } => {
                let out = lib.restore(id, snapshot)?;
                match (out.changed, out.safety_snapshot) {
                    (false, _) => println!("讲稿 {id} 的正文已与快照 {snapshot} 相同，无需恢复"),
                    (true, Some(s)) => println!("讲稿 {id} 已恢复为快照 {snapshot} 的正文（恢复前的正文已存为快照 {}）", s.id),
                    (true, None) => println!("讲稿 {id} 已恢复为快照 {snapshot} 的正文（恢复前的正文已在最新的快照中）"),
                }
            }
            LibraryCommand::Adapt { id } => println!("{}", lib.adapt(id)?),
            LibraryCommand::Delete { id } => {
                lib.delete(id)?;
                println!("讲稿 {id} 已移到回收站（用 restore-deleted {id} 找回）");
            }
            LibraryCommand::RestoreDeleted { id } => {
                lib.restore_deleted(id)?;
                println!("讲稿 {id} 已从回收站找回");
            }
            LibraryCommand::Tag { id, tags, remove } => {
                let all = if remove { lib.remove_tags(id, &tags)? } else { lib.add_tags(id, &tags)? };
                println!("{}", if all.is_empty() { "（无标签）".to_string() } else { all.join("、") });
            }
            LibraryCommand::Tags { json } => {
                let tags = lib.tags()?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&tags)?);
                } else {
                    for t in tags {
                        println!("{}\t{}", t.name, t.count);
                    }
                }
            }
            LibraryCommand::ExportLibrary { file } => {
                let n = lib.export_library(&file)?;
                println!("已导出 {n} 篇讲稿到 {}", file.display());
            }
            LibraryCommand::ImportLibrary { file } => {
                let r = lib.import_library(&file)?;
                println!(
                    "新增 {} 篇，更新 {} 篇，未变 {} 篇，新增快照 {} 个，新增规范表述 {} 条",
                    r.added, r.updated, r.unchanged, r.snapshots_added, r.rules_added
                );
            }
            LibraryCommand::Backup => {
                let b = lib.backup()?;
                println!("{}", b.path.display());
            }
            LibraryCommand::SaveLoop { id, count } => save_loop(&lib, id, count)?,
            LibraryCommand::Save { id, base, file } => save(&lib, id, base, file.as_deref())?,
            // Handled above, before the library is opened.
            LibraryCommand::Backups { .. } | LibraryCommand::RestoreBackup { .. } => {}
        }
        Ok(())
    }
}
