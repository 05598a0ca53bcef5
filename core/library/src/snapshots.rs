//! Snapshots: earlier versions of a lecture's text, taken by hand, by the
//! automatic rule while the user edits, before a restore and when a merge
//! replaces a text.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::lectures::{self, write_body};
use super::{count_chars, Library, LibraryError, Result};
use lectern_text::diff::{diff_paragraphs, DiffLine};

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SnapshotKind {
    /// The user asked for it (`snapshot ID --label L`).
    Manual,
    /// The automatic rule took it while the user edited.
    Auto,
    /// The text as it was just before a restore replaced it.
    BeforeRestore,
    /// The text a library merge replaced, or the other computer's version
    /// when the merge kept this one.
    Merge,
}

impl SnapshotKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            SnapshotKind::Manual => "manual",
            SnapshotKind::Auto => "auto",
            SnapshotKind::BeforeRestore => "before_restore",
            SnapshotKind::Merge => "merge",
        }
    }

    pub(super) fn parse(s: &str) -> Option<SnapshotKind> {
        Some(match s {
            "manual" => SnapshotKind::Manual,
            "auto" => SnapshotKind::Auto,
            "before_restore" => SnapshotKind::BeforeRestore,
            "merge" => SnapshotKind::Merge,
            _ => return None,
        })
    }

    /// The kind in Chinese, for lists.
    pub fn label_zh(self) -> &'static str {
        match self {
            SnapshotKind::Manual => "手动",
            SnapshotKind::Auto => "自动",
            SnapshotKind::BeforeRestore => "恢复前",
            SnapshotKind::Merge => "合并",
        }
    }
}

/// A snapshot without its text, for lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnapshotInfo {
    pub id: i64,
    pub lecture_id: i64,
    pub kind: SnapshotKind,
    pub label: Option<String>,
    pub char_count: i64,
    pub created_at: String,
}

/// A snapshot as the snapshot list shows it: its facts and the name to show for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnapshotEntry {
    #[serde(flatten)]
    pub info: SnapshotInfo,
    /// Its label, or for one without a label its kind (手动快照, 自动快照, …); an automatic one says
    /// why it was taken (自动快照 · 原稿, 自动快照 · 500 字改动).
    pub name: String,
}

impl SnapshotInfo {
    /// The name to show: the label, or the kind for a snapshot without one. An automatic
    /// snapshot's label is why it was taken (原稿, 500 字改动): it is shown after the kind.
    pub fn name(&self) -> String {
        match &self.label {
            Some(l) if !l.trim().is_empty() && self.kind == SnapshotKind::Auto => format!("自动快照 · {l}"),
            Some(l) if !l.trim().is_empty() => l.clone(),
            _ => format!("{}快照", self.kind.label_zh()),
        }
    }
}

/// A snapshot with its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    #[serde(flatten)]
    pub info: SnapshotInfo,
    /// The lecture's title when the snapshot was taken.
    pub title: String,
    pub body: String,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreOutcome {
    /// False when the text already was the snapshot's.
    pub changed: bool,
    /// The snapshot of the text the restore replaced (`None` when that text
    /// was already kept in the newest snapshot).
    pub safety_snapshot: Option<SnapshotInfo>,
    pub updated_at: String,
    pub char_count: i64,
}

/// When saving keeps the previous text as an automatic snapshot.
///
/// The library counts the characters changed by each save since the last
/// snapshot (the longer of what was removed and what was inserted). Before a
/// save replaces the text, the previous text becomes a snapshot when
/// - it is the lecture's original text (imported, adapted or merged, not
///   yet edited, and no snapshot exists yet): the first edit always keeps
///   the original; or
/// - it holds edits not in any snapshot, and either those edits plus this
///   save's reach `min_edit_chars` characters, or the first of them is
///   `max_age_secs` seconds old.
///
/// The defaults are 500 characters and 10 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoSnapshotRule {
    pub min_edit_chars: i64,
    pub max_age_secs: i64,
}

impl Default for AutoSnapshotRule {
    fn default() -> Self {
        AutoSnapshotRule { min_edit_chars: 500, max_age_secs: 600 }
    }
}

impl AutoSnapshotRule {
    /// Whether the previous text becomes a snapshot, and why (the reason is the snapshot's
    /// label, so the list says why it was taken). `original_unkept`: the previous text is the
    /// lecture's first text and no snapshot holds it; `pending`: characters edited since the last
    /// snapshot; `edit`: this save's; `age_secs`: age of the first pending edit.
    pub(super) fn takes_snapshot(&self, original_unkept: bool, pending: i64, edit: i64, age_secs: Option<f64>) -> Option<String> {
        if pending == 0 {
            return original_unkept.then(|| "原稿".to_string());
        }
        if pending + edit >= self.min_edit_chars {
            Some(format!("{} 字改动", self.min_edit_chars))
        } else if age_secs.is_some_and(|a| a >= self.max_age_secs as f64) {
            Some(format!("{} 分钟的改动", (self.max_age_secs + 59) / 60))
        } else {
            None
        }
    }
}

const INFO_COLUMNS: &str = "id, lecture_id, kind, label, char_count, created_at";

fn info(r: &Row<'_>) -> rusqlite::Result<SnapshotInfo> {
    let kind: String = r.get(2)?;
    Ok(SnapshotInfo {
        id: r.get(0)?,
        lecture_id: r.get(1)?,
        kind: SnapshotKind::parse(&kind).unwrap_or(SnapshotKind::Manual),
        label: r.get(3)?,
        char_count: r.get(4)?,
        created_at: r.get(5)?,
    })
}

pub(super) fn has_any(conn: &Connection, lecture: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM snapshots WHERE lecture_id = ?1 LIMIT 1")?
        .query_row([lecture], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Inserts a snapshot holding `body`.
pub(super) fn insert(
    conn: &Connection,
    lecture: i64,
    title: &str,
    body: &str,
    kind: SnapshotKind,
    label: Option<&str>,
) -> Result<SnapshotInfo> {
    let label = label.map(str::trim).filter(|l| !l.is_empty());
    conn.prepare_cached(
        "INSERT INTO snapshots (lecture_id, kind, label, char_count, title, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![lecture, kind.as_str(), label, count_chars(body), title, body])?;
    let id = conn.last_insert_rowid();
    Ok(conn
        .prepare_cached(&format!("SELECT {INFO_COLUMNS} FROM snapshots WHERE id = ?1"))?
        .query_row([id], info)?)
}

/// The newest snapshot's body, if any.
pub(super) fn newest_body(conn: &Connection, lecture: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT body FROM snapshots WHERE lecture_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([lecture], |r| r.get(0))
        .optional()?)
}

impl Library {
    /// Keeps the lecture's current text as a snapshot, with an optional label.
    pub fn snapshot(&self, id: i64, label: Option<&str>) -> Result<SnapshotInfo> {
        let tx = self.write()?;
        let (title, body): (String, String) = tx
            .query_row("SELECT title, body FROM lectures WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(LibraryError::NotFound(id))?;
        let snap = insert(&tx, id, &title, &body, SnapshotKind::Manual, label)?;
        tx.execute("UPDATE lectures SET pending_edit_chars = 0, pending_since = NULL WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(snap)
    }

    /// A lecture's snapshots, newest first.
    pub fn snapshots(&self, id: i64) -> Result<Vec<SnapshotInfo>> {
        lectures::exists(&self.conn, id)?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {INFO_COLUMNS} FROM snapshots WHERE lecture_id = ?1 ORDER BY id DESC"))?;
        let rows = stmt.query_map([id], info)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// A lecture's snapshots, newest first, each with the name the list shows.
    pub fn snapshot_entries(&self, id: i64) -> Result<Vec<SnapshotEntry>> {
        Ok(self.snapshots(id)?.into_iter().map(|info| SnapshotEntry { name: info.name(), info }).collect())
    }

    /// What changed from an earlier version to `current`, paragraph by paragraph: from snapshot
    /// `snapshot`, or with none from the text the lecture was adapted from (an error, in Chinese,
    /// for a lecture that is not a draft adapted from another).
    pub fn compare(&self, id: i64, snapshot: Option<i64>, current: &str) -> Result<Vec<DiffLine>> {
        let base = match snapshot {
            Some(s) => self.get_snapshot(s)?.body,
            None => {
                let source = self.get(id)?.adapted_from.ok_or(LibraryError::NotAdapted(id))?;
                self.get(source.id)?.body
            }
        };
        Ok(diff_paragraphs(&base, current))
    }

    /// [`Library::restore`], answered with the lecture's text after it.
    pub fn restore_text(&self, id: i64, snapshot: i64) -> Result<String> {
        self.restore(id, snapshot)?;
        Ok(self.get(id)?.body)
    }

    /// One snapshot with its text.
    pub fn get_snapshot(&self, snapshot: i64) -> Result<Snapshot> {
        self.conn
            .prepare_cached(&format!("SELECT {INFO_COLUMNS}, title, body FROM snapshots WHERE id = ?1"))?
            .query_row([snapshot], |r| Ok(Snapshot { info: info(r)?, title: r.get(6)?, body: r.get(7)? }))
            .optional()?
            .ok_or(LibraryError::NoSuchSnapshot(snapshot))
    }

    /// Puts a snapshot's text back as the lecture's text. The current text is
    /// kept as a snapshot first (unless the newest snapshot already holds
    /// it), so a restore never loses anything. The title stays as it is.
    pub fn restore(&self, id: i64, snapshot: i64) -> Result<RestoreOutcome> {
        let tx = self.write()?;
        let (title, current): (String, String) = tx
            .query_row("SELECT title, body FROM lectures WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(LibraryError::NotFound(id))?;
        let wanted: String = tx
            .query_row("SELECT body FROM snapshots WHERE id = ?1 AND lecture_id = ?2", [snapshot, id], |r| r.get(0))
            .optional()?
            .ok_or(LibraryError::SnapshotNotFound { lecture: id, snapshot })?;
        if wanted == current {
            let (updated_at, char_count) =
                tx.query_row("SELECT updated_at, char_count FROM lectures WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            return Ok(RestoreOutcome { changed: false, safety_snapshot: None, updated_at, char_count });
        }
        let safety_snapshot = if newest_body(&tx, id)?.as_deref() == Some(current.as_str()) {
            None
        } else {
            Some(insert(&tx, id, &title, &current, SnapshotKind::BeforeRestore, Some("恢复前的正文"))?)
        };
        let updated_at = write_body(&tx, id, &title, &wanted, 0, None)?;
        tx.commit()?;
        Ok(RestoreOutcome { changed: true, safety_snapshot, updated_at, char_count: count_chars(&wanted) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use lectern_text::diff::DiffKind;

    fn changed(lines: &[DiffLine]) -> Vec<(DiffKind, &str)> {
        lines.iter().filter(|l| l.kind != DiffKind::Same).map(|l| (l.kind, l.text.as_str())).collect()
    }

    #[test]
    fn compares_with_a_snapshot_or_with_the_adapted_source() {
        let lib = Library::open_in_memory().unwrap();
        let id = lib.add(&lectures::NewLecture { title: "讲稿".into(), body: "第一段。\n\n第二段。".into(), ..Default::default() }).unwrap();
        let snap = lib.snapshot(id, Some("   ")).unwrap();
        assert_eq!(snap.label, None, "a blank label is no label");
        assert_eq!(lib.snapshot_entries(id).unwrap()[0].name, "手动快照");
        let now = "第一段。\n\n改过的第二段。";
        assert_eq!(
            changed(&lib.compare(id, Some(snap.id), now).unwrap()),
            vec![(DiffKind::Removed, "第二段。"), (DiffKind::Added, "改过的第二段。")]
        );
        // An original has no source to compare with: one Chinese line says so.
        let err = lib.compare(id, None, now).unwrap_err().to_string();
        assert!(err.contains("不是改编稿"), "{err}");
        // A draft compares with the text it was adapted from.
        let draft = lib.adapt(id).unwrap();
        assert_eq!(changed(&lib.compare(draft, None, "第一段。\n\n第二段。\n\n新加的。").unwrap()), vec![(DiffKind::Added, "新加的。")]);
    }

    #[test]
    fn restoring_answers_with_the_restored_text() {
        let lib = Library::open_in_memory().unwrap();
        let id = lib.add(&lectures::NewLecture { title: "讲稿".into(), body: "原来的。".into(), ..Default::default() }).unwrap();
        let snap = lib.snapshot(id, Some("审阅前")).unwrap();
        assert_eq!(lib.snapshot_entries(id).unwrap()[0].name, "审阅前");
        lib.update_body(id, "改过的。").unwrap();
        assert_eq!(lib.restore_text(id, snap.id).unwrap(), "原来的。");
        assert_eq!(lib.get(id).unwrap().body, "原来的。");
    }

    #[test]
    fn automatic_snapshots_say_why_they_were_taken() {
        let lib = Library::open_in_memory().unwrap();
        let id = lib.add(&lectures::NewLecture { title: "讲稿".into(), body: "原来的。".into(), ..Default::default() }).unwrap();
        lib.update_body(id, "改过一字的。").unwrap();
        let long = "新".repeat(600);
        lib.update_body(id, &long).unwrap();
        let snap = lib.snapshot(id, None).unwrap();
        lib.update_body(id, "再改。").unwrap();
        lib.restore(id, snap.id).unwrap();
        let names: Vec<String> = lib.snapshot_entries(id).unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, vec!["恢复前的正文", "手动快照", "自动快照 · 500 字改动", "自动快照 · 原稿"]);
    }

    #[test]
    fn the_rule_keeps_the_original_and_large_or_old_edits() {
        let rule = AutoSnapshotRule::default();
        // The first edit of an imported text keeps the original.
        assert_eq!(rule.takes_snapshot(true, 0, 1, None).as_deref(), Some("原稿"));
        // Nothing pending and the text already kept: no snapshot, however large the edit.
        assert_eq!(rule.takes_snapshot(false, 0, 5000, None), None);
        // Small edits accumulate until 500 characters.
        assert_eq!(rule.takes_snapshot(false, 200, 100, Some(30.0)), None);
        assert_eq!(rule.takes_snapshot(false, 450, 50, Some(30.0)).as_deref(), Some("500 字改动"));
        // Or until the first pending edit is ten minutes old.
        assert_eq!(rule.takes_snapshot(false, 10, 1, Some(599.0)), None);
        assert_eq!(rule.takes_snapshot(false, 10, 1, Some(600.0)).as_deref(), Some("10 分钟的改动"));
    }
}
