//! Moving a library to another computer: export everything to one JSON file
//! and merge such a file into a library without duplicates.
//!
//! The file (UTF-8 JSON) is
//! `{"format": "lectern-library", "version": 1, "exported_at": …, "wording_rules": [...], "lectures": [...]}`;
//! each lecture carries its stable `uid`, its details, body, tags, snapshots
//! (each with its own `uid`) and `adapted_from` as the source lecture's uid;
//! `wording_rules` are the user's own 校对 rules (pattern, standard form,
//! note), `check_disabled` the rules switched off (不再检查), and each
//! lecture's `check_ignores` the findings ignored in it (忽略); all absent in
//! files from before they existed.
//!
//! Merging, lecture by lecture, in one transaction:
//! - a lecture is the same as a local one when their uids match, or else
//!   when their texts match (whitespace ignored) and the local one is not
//!   itself in the file: then nothing is added twice;
//! - a new lecture is added with its uid, times, trash state, tags and
//!   snapshots;
//! - for a known lecture whose text differs, the newer text (by `updated_at`)
//!   becomes the lecture's text and the other one is kept as a snapshot, so
//!   no text is lost either way; the newer details (title, date …) win too;
//! - tags are united; snapshots are added unless their uid is known or the
//!   lecture already has a snapshot with the same text;
//! - lineage (`adapted_from`) is linked by uid after all lectures are in;
//! - a wording rule whose pattern this library lacks is added; one it has
//!   keeps this library's standard form; ignored findings and rules switched
//!   off are united with this library's.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::lectures::{self, add_tags_in, content_hash, edit_size, insert, tags_of, InsertExtra, NewLecture};
use super::proofread::{self, IgnoreKey};
use super::snapshots::{self, SnapshotKind};
use super::{now, search, Library, LibraryError, Result};

/// The `format` field of an export file.
pub const EXPORT_FORMAT: &str = "lectern-library";
/// The newest export version this build writes and reads.
pub const EXPORT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct ExportedLecture {
    uid: String,
    title: String,
    source: Option<String>,
    date: Option<String>,
    category: Option<String>,
    speaker: Option<String>,
    /// The uid of the lecture this one was adapted from.
    adapted_from: Option<String>,
    import_hash: Option<String>,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    snapshots: Vec<ExportedSnapshot>,
    /// The 校对 findings ignored in this lecture.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    check_ignores: Vec<IgnoreKey>,
    body: String,
}

#[derive(Serialize, Deserialize)]
struct ExportedSnapshot {
    uid: String,
    kind: SnapshotKind,
    label: Option<String>,
    created_at: String,
    title: String,
    body: String,
}

/// A user's wording rule as the file carries it.
#[derive(Serialize, Deserialize)]
struct ExportedRule {
    pattern: String,
    standard: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct ExportFile {
    format: String,
    version: u32,
    #[serde(default)]
    wording_rules: Vec<ExportedRule>,
    #[serde(default)]
    check_disabled: Vec<String>,
    lectures: Vec<ExportedLecture>,
}

/// What merging an export file did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Lectures new to this library.
    pub added: usize,
    /// Known lectures that changed (text, details, tags or snapshots).
    pub updated: usize,
    /// Known lectures already identical here.
    pub unchanged: usize,
    /// Snapshots added (to new and known lectures).
    pub snapshots_added: usize,
    /// The user's wording rules (校对) new to this library.
    pub rules_added: usize,
}

fn read_lecture(conn: &Connection, id: i64, uid: &str) -> Result<ExportedLecture> {
    let mut l = conn.query_row(
        "SELECT l.title, l.source, l.date, l.category, l.speaker, a.uid, l.import_hash,
                l.created_at, l.updated_at, l.deleted_at, l.body
         FROM lectures l LEFT JOIN lectures a ON a.id = l.adapted_from WHERE l.id = ?1",
        [id],
        |r| {
            Ok(ExportedLecture {
                uid: uid.to_string(),
                title: r.get(0)?,
                source: r.get(1)?,
                date: r.get(2)?,
                category: r.get(3)?,
                speaker: r.get(4)?,
                adapted_from: r.get(5)?,
                import_hash: r.get(6)?,
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
                deleted_at: r.get(9)?,
                tags: Vec::new(),
                snapshots: Vec::new(),
                check_ignores: Vec::new(),
                body: r.get(10)?,
            })
        },
    )?;
    l.tags = tags_of(conn, id)?;
    l.check_ignores = proofread::ignores_of(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT uid, kind, label, created_at, title, body FROM snapshots WHERE lecture_id = ?1 ORDER BY id",
    )?;
    l.snapshots = stmt
        .query_map([id], |r| {
            let kind: String = r.get(1)?;
            Ok(ExportedSnapshot {
                uid: r.get(0)?,
                kind: SnapshotKind::parse(&kind).unwrap_or(SnapshotKind::Manual),
                label: r.get(2)?,
                created_at: r.get(3)?,
                title: r.get(4)?,
                body: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(l)
}

fn has_snapshot_text(conn: &Connection, lecture: i64, body: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM snapshots WHERE lecture_id = ?1 AND body = ?2 LIMIT 1")?
        .query_row(params![lecture, body], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Adds the file's snapshots of a lecture that this library lacks.
fn merge_snapshots(conn: &Connection, id: i64, snaps: &[ExportedSnapshot]) -> Result<usize> {
    let mut added = 0;
    for s in snaps {
        let known = conn
            .prepare_cached("SELECT 1 FROM snapshots WHERE uid = ?1")?
            .query_row([&s.uid], |_| Ok(()))
            .optional()?
            .is_some();
        if known || has_snapshot_text(conn, id, &s.body)? {
            continue;
        }
        conn.prepare_cached(
            "INSERT INTO snapshots (uid, lecture_id, kind, label, char_count, created_at, title, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            s.uid,
            id,
            s.kind.as_str(),
            s.label,
            super::count_chars(&s.body),
            s.created_at,
            s.title,
            s.body
        ])?;
        added += 1;
    }
    Ok(added)
}

/// Merges one incoming lecture into a known local one; returns whether
/// anything changed.
fn merge_into(conn: &Connection, id: i64, l: &ExportedLecture) -> Result<bool> {
    type Opt = Option<String>;
    let (title, body, updated_at, details): (String, String, String, (Opt, Opt, Opt, Opt)) = conn.query_row(
        "SELECT title, body, updated_at, source, date, category, speaker FROM lectures WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))),
    )?;
    let theirs_newer = l.updated_at > updated_at;
    let mut changed = false;
    if body != l.body {
        if theirs_newer {
            if !has_snapshot_text(conn, id, &body)? {
                snapshots::insert(conn, id, &title, &body, SnapshotKind::Merge, Some("合并前本机的正文"))?;
            }
            let stamp = now(conn)?;
            lectures::write_body(conn, id, &title, &l.body, edit_size(&body, &l.body), Some(&stamp))?;
            changed = true;
        } else if !has_snapshot_text(conn, id, &l.body)? {
            let label = format!("另一台电脑上的正文（{}）", l.updated_at);
            snapshots::insert(conn, id, &l.title, &l.body, SnapshotKind::Merge, Some(&label))?;
            changed = true;
        }
    }
    let details_differ = title != l.title
        || details != (l.source.clone(), l.date.clone(), l.category.clone(), l.speaker.clone());
    if theirs_newer && (details_differ || changed) {
        let new_title = if l.title.trim().is_empty() { title.clone() } else { l.title.trim().to_string() };
        conn.execute(
            "UPDATE lectures SET title = ?2, source = ?3, date = ?4, category = ?5, speaker = ?6, updated_at = ?7
             WHERE id = ?1",
            params![id, new_title, l.source, l.date, l.category, l.speaker, l.updated_at],
        )?;
        if new_title != title {
            let body: String = conn.query_row("SELECT body FROM lectures WHERE id = ?1", [id], |r| r.get(0))?;
            search::index(conn, id, &new_title, &body)?;
        }
        changed |= details_differ;
    }
    let before = tags_of(conn, id)?;
    let tags: Vec<String> = l.tags.iter().filter(|t| !t.trim().is_empty()).cloned().collect();
    add_tags_in(conn, id, &tags)?;
    changed |= tags_of(conn, id)?.len() != before.len();
    Ok(changed)
}

impl Library {
    /// Writes the whole library (trash included) with snapshots, tags and
    /// lineage to one JSON file; returns how many lectures it holds. The file
    /// appears only when complete.
    pub fn export_library(&self, path: &Path) -> Result<usize> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let io = |e: std::io::Error| LibraryError::file(path, super::journal::io_reason(&e));
        let dir = super::durable::folder_of(path);
        if !dir.is_dir() {
            return Err(LibraryError::file(path, format!("无法写入：文件夹 {} 不存在", dir.display())));
        }
        // Durably: a temp file beside it, fsynced, renamed, the folder
        // fsynced; on any error the temp file is removed (see `durable`).
        super::durable::write_with(path, io, |out| -> Result<usize> {
            let rules: Vec<ExportedRule> = tx
                .prepare("SELECT pattern, standard, note FROM wording_rules ORDER BY id")?
                .query_map([], |r| Ok(ExportedRule { pattern: r.get(0)?, standard: r.get(1)?, note: r.get(2)? }))?
                .collect::<rusqlite::Result<_>>()?;
            let header = serde_json::json!({
                "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": now(&tx)?, "wording_rules": rules,
                "check_disabled": proofread::disabled_keys(&tx)?,
            });
            let header = header.to_string();
            write!(out, "{},\"lectures\":[", &header[..header.len() - 1]).map_err(io)?;
            let ids: Vec<(i64, String)> = tx
                .prepare("SELECT id, uid FROM lectures ORDER BY id")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (n, (id, uid)) in ids.iter().enumerate() {
                if n > 0 {
                    out.write_all(b",").map_err(io)?;
                }
                out.write_all(b"\n").map_err(io)?;
                serde_json::to_writer(&mut *out, &read_lecture(&tx, *id, uid)?).map_err(|e| match e.io_error_kind() {
                    Some(kind) => io(std::io::Error::new(kind, e.to_string())),
                    None => LibraryError::file(path, format!("无法写入：{e}")),
                })?;
            }
            out.write_all(b"\n]}\n").map_err(io)?;
            Ok(ids.len())
        })
    }

    /// Merges an export file into this library (see the module's rules). All
    /// or nothing: a bad file changes nothing.
    pub fn import_library(&self, path: &Path) -> Result<MergeReport> {
        let file = File::open(path).map_err(|e| LibraryError::file(path, format!("无法打开：{e}")))?;
        let data: ExportFile = serde_json::from_reader(BufReader::new(file))
            .map_err(|e| LibraryError::file(path, format!("不是讲稿台导出的讲稿库文件（{e}）")))?;
        if data.format != EXPORT_FORMAT {
            return Err(LibraryError::file(path, "不是讲稿台导出的讲稿库文件"));
        }
        if data.version > EXPORT_VERSION {
            return Err(LibraryError::file(path, format!("由更新版本的讲稿台导出（格式版本 {}），请先升级", data.version)));
        }
        let incoming: HashSet<&str> = data.lectures.iter().map(|l| l.uid.as_str()).collect();
        let tx = self.write()?;
        let mut report = MergeReport::default();
        let mut ids: HashMap<&str, i64> = HashMap::new();
        let mut matched: HashSet<i64> = HashSet::new();
        for l in &data.lectures {
            let by_uid: Option<i64> = tx
                .prepare_cached("SELECT id FROM lectures WHERE uid = ?1")?
                .query_row([&l.uid], |r| r.get(0))
                .optional()?;
            let local = match by_uid {
                Some(id) => Some(id),
                None => {
                    let mut stmt = tx.prepare_cached("SELECT id, uid FROM lectures WHERE content_hash = ?1 ORDER BY id")?;
                    let candidates: Vec<(i64, String)> =
                        stmt.query_map([content_hash(&l.body)], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
                    candidates
                        .into_iter()
                        .find(|(id, uid)| !incoming.contains(uid.as_str()) && !matched.contains(id))
                        .map(|(id, _)| id)
                }
            };
            let id = match local {
                Some(id) => {
                    let changed = merge_into(&tx, id, l)?;
                    let snaps = merge_snapshots(&tx, id, &l.snapshots)?;
                    report.snapshots_added += snaps;
                    if changed || snaps > 0 {
                        report.updated += 1;
                    } else {
                        report.unchanged += 1;
                    }
                    id
                }
                None => {
                    let new = NewLecture {
                        title: l.title.clone(),
                        body: l.body.clone(),
                        source: l.source.clone(),
                        date: l.date.clone(),
                        category: l.category.clone(),
                    };
                    let extra = InsertExtra {
                        uid: Some(l.uid.as_str()).filter(|u| !u.trim().is_empty()),
                        speaker: l.speaker.as_deref(),
                        import_hash: l.import_hash.as_deref(),
                        created_at: Some(&l.created_at),
                        updated_at: Some(&l.updated_at),
                        deleted_at: l.deleted_at.as_deref(),
                        ..Default::default()
                    };
                    let id = insert(&tx, &new, &extra)?;
                    let tags: Vec<String> = l.tags.iter().filter(|t| !t.trim().is_empty()).cloned().collect();
                    add_tags_in(&tx, id, &tags)?;
                    report.snapshots_added += merge_snapshots(&tx, id, &l.snapshots)?;
                    report.added += 1;
                    id
                }
            };
            proofread::add_ignores(&tx, id, &l.check_ignores)?;
            matched.insert(id);
            ids.insert(l.uid.as_str(), id);
        }
        for l in &data.lectures {
            let Some(parent_uid) = l.adapted_from.as_deref() else { continue };
            let parent = match ids.get(parent_uid) {
                Some(&p) => Some(p),
                None => tx
                    .query_row("SELECT id FROM lectures WHERE uid = ?1", [parent_uid], |r| r.get(0))
                    .optional()?,
            };
            if let Some(parent) = parent {
                tx.execute(
                    "UPDATE lectures SET adapted_from = ?2 WHERE id = ?1 AND adapted_from IS NULL AND id != ?2",
                    [ids[l.uid.as_str()], parent],
                )?;
            }
        }
        proofread::add_disabled(&tx, &data.check_disabled)?;
        for r in &data.wording_rules {
            let (pattern, standard) = (r.pattern.trim(), r.standard.trim());
            if pattern.is_empty() || standard.is_empty() {
                continue;
            }
            report.rules_added += tx.execute(
                "INSERT INTO wording_rules (pattern, standard, note) VALUES (?1, ?2, ?3) ON CONFLICT(pattern) DO NOTHING",
                params![pattern, standard, r.note.trim()],
            )?;
        }
        tx.commit()?;
        Ok(report)
    }
}
