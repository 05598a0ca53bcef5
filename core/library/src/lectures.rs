//! Lectures: adding, reading, listing, saving, tags, the trash and lineage.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::snapshots::{self, SnapshotInfo};
use super::{count_chars, now, search, Library, LibraryError, Result};

/// The title a lecture gets when it has none.
pub const UNTITLED: &str = "未命名讲稿";

/// The orders the library list can be shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LectureSort {
    /// 最近修改: the most recently changed first.
    #[default]
    Recent,
    /// 标题: by title (untitled ones last), then the most recently changed first.
    Title,
    /// 字数: the longest first, then the most recently changed first.
    Length,
}

impl LectureSort {
    /// The SQL `ORDER BY` of this order (over `lectures l`).
    fn order_by(self) -> &'static str {
        match self {
            LectureSort::Recent => "l.updated_at DESC, l.id DESC",
            // 拼音 order is applied after the query (see `list_sorted`); ties stay most recent first.
            LectureSort::Title => "l.updated_at DESC, l.id DESC",
            LectureSort::Length => "l.char_count DESC, l.updated_at DESC, l.id DESC",
        }
    }
}

/// A lecture's new title, and its version after the change (the editor's next save names it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Retitled {
    pub title: String,
    pub version: i64,
}

/// A lecture as the library list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LectureSummary {
    pub id: i64,
    pub title: String,
    pub date: Option<String>,
    pub category: Option<String>,
    pub speaker: Option<String>,
    /// 字数: Han characters, digits and Latin letters.
    pub char_count: i64,
    /// Sorted by name.
    pub tags: Vec<String>,
    pub adapted_from: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    /// When it went to the trash; `None` for a lecture in the library.
    pub deleted_at: Option<String>,
}

/// A whole lecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Lecture {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// Where it came from: a file name or a URL.
    pub source: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub speaker: Option<String>,
    pub tags: Vec<String>,
    /// The lecture this draft was adapted from.
    pub adapted_from: Option<LectureRef>,
    pub char_count: i64,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
    /// 1 when added, one more at each change of the text or title; a save
    /// names the version it was edited from ([`Library::save`]).
    pub version: i64,
}

/// A lecture named by id and title (lineage, duplicates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LectureRef {
    pub id: i64,
    pub title: String,
    pub deleted: bool,
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

/// The details of a lecture besides its body, as the app's form edits them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LectureInfo {
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub speaker: Option<String>,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SaveOutcome {
    /// False when the text was already the saved one (nothing was written).
    pub changed: bool,
    pub updated_at: String,
    pub char_count: i64,
    /// The automatic snapshot of the previous text, when the rule took one.
    pub auto_snapshot: Option<SnapshotInfo>,
    /// The lecture's version after the save: the next save names it.
    pub version: i64,
}

/// How a save refused as a [`LibraryError::Conflict`] was settled: what the
/// library now holds, and where the other text was kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConflictOutcome {
    /// The lecture the user goes on editing: the same one, or the new copy
    /// for "keep both".
    pub lecture: i64,
    /// Its version now.
    pub version: i64,
    /// The snapshot that keeps the text that did not win (none for "keep
    /// both", where both texts stay lectures, or when the two were equal).
    pub kept_as_snapshot: Option<SnapshotInfo>,
}

/// A tag and how many lectures (not in the trash) carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub name: String,
    pub count: i64,
}

/// What `insert` needs beyond a [`NewLecture`]: set by adapt, import and merge.
#[derive(Default)]
pub(super) struct InsertExtra<'a> {
    pub uid: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub adapted_from: Option<i64>,
    pub import_hash: Option<&'a str>,
    pub created_at: Option<&'a str>,
    pub updated_at: Option<&'a str>,
    pub deleted_at: Option<&'a str>,
    /// The body's hash, count and index tokens, when already worked out
    /// (import does it on its reading thread).
    pub facts: Option<&'a BodyFacts>,
}

/// What the library derives from a body before storing it: its hash, its
/// 字数 and its tokens for both search indexes.
#[derive(Debug, Clone)]
pub(super) struct BodyFacts {
    pub hash: String,
    pub char_count: i64,
    pub chars: String,
    pub pairs: String,
}

impl BodyFacts {
    pub fn of(body: &str) -> BodyFacts {
        BodyFacts {
            hash: content_hash(body),
            char_count: count_chars(body),
            chars: search::char_tokens(body),
            pairs: search::pair_tokens(body),
        }
    }
}

const TAGS_OF: &str = "(SELECT group_concat(t.name, char(31) ORDER BY t.name)
     FROM lecture_tags lt JOIN tags t ON t.id = lt.tag_id WHERE lt.lecture_id = l.id)";

fn summary_sql(filter: &str) -> String {
    summary_sql_sorted(filter, LectureSort::Recent)
}

fn summary_sql_sorted(filter: &str, sort: LectureSort) -> String {
    format!(
        "SELECT l.id, l.title, l.date, l.category, l.speaker, l.char_count, {TAGS_OF}, l.adapted_from,
                l.created_at, l.updated_at, l.deleted_at
         FROM lectures l WHERE {filter} ORDER BY {}",
        sort.order_by()
    )
}

/// Where a title goes in the 标题 order: as a Chinese reader looks a title up, by 拼音 (安徽,
/// 北京, 中国), not by code point (中, 北, 安); untitled ones (empty or 未命名讲稿) last. A Han character counts as its
/// toneless 拼音 (the `pinyin` crate's table, its most common reading) followed by the character,
/// so that characters of one 拼音 keep apart; other characters count as themselves, lowercased.
fn title_order(title: &str) -> (bool, Vec<String>) {
    use pinyin::ToPinyin;
    let title = title.trim();
    let key = title
        .chars()
        .map(|c| match c.to_pinyin() {
            Some(p) => format!("{}{c}", p.plain()),
            None => c.to_lowercase().collect(),
        })
        .collect();
    (is_untitled(title), key)
}

fn split_tags(joined: Option<String>) -> Vec<String> {
    joined.map(|s| s.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default()
}

fn summary(r: &Row<'_>) -> rusqlite::Result<LectureSummary> {
    Ok(LectureSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        date: r.get(2)?,
        category: r.get(3)?,
        speaker: r.get(4)?,
        char_count: r.get(5)?,
        tags: split_tags(r.get(6)?),
        adapted_from: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        deleted_at: r.get(10)?,
    })
}

/// The hash that tells two texts apart: SHA-256 of the text without any
/// whitespace, so re-wrapped lines or blank lines do not make a new text.
pub(super) fn content_hash(body: &str) -> String {
    use sha2::{Digest, Sha256};
    let text: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Inserts a lecture with its search index entry; returns its id.
pub(super) fn insert(conn: &Connection, new: &NewLecture, extra: &InsertExtra<'_>) -> Result<i64> {
    let title = match new.title.trim() {
        "" => UNTITLED,
        t => t,
    };
    let worked_out;
    let facts = match extra.facts {
        Some(f) => f,
        None => {
            worked_out = BodyFacts::of(&new.body);
            &worked_out
        }
    };
    let stamp = now(conn)?;
    let created = extra.created_at.unwrap_or(&stamp);
    let updated = extra.updated_at.unwrap_or(created);
    conn.prepare_cached(
        "INSERT INTO lectures (uid, title, source, date, category, speaker, adapted_from, char_count,
                               content_hash, import_hash, created_at, updated_at, deleted_at, body)
         VALUES (coalesce(?1, lower(hex(randomblob(16)))), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        extra.uid,
        title,
        clean_opt(new.source.as_deref()),
        clean_opt(new.date.as_deref()),
        clean_opt(new.category.as_deref()),
        clean_opt(extra.speaker),
        extra.adapted_from,
        facts.char_count,
        facts.hash,
        extra.import_hash,
        created,
        updated,
        extra.deleted_at,
        new.body,
    ])?;
    let id = conn.last_insert_rowid();
    search::index_new_tokens(conn, id, title, &facts.chars, &facts.pairs)?;
    Ok(id)
}

/// Replaces a lecture's body (search indexes included) without any snapshot
/// logic; the caller decides about snapshots and the pending edit count.
pub(super) fn write_body(conn: &Connection, id: i64, title: &str, body: &str, pending: i64, pending_since: Option<&str>) -> Result<String> {
    let stamp = now(conn)?;
    conn.prepare_cached(
        "UPDATE lectures SET body = ?2, char_count = ?3, content_hash = ?4, updated_at = ?5,
                             pending_edit_chars = ?6, pending_since = ?7, version = version + 1
         WHERE id = ?1",
    )?
    .execute(params![id, body, count_chars(body), content_hash(body), stamp, pending, pending_since])?;
    search::index(conn, id, title, body)?;
    Ok(stamp)
}

pub(super) fn exists(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM lectures WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or(LibraryError::NotFound(id))
}

pub(super) fn tag_id(conn: &Connection, name: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?.execute([name])?;
    Ok(conn.prepare_cached("SELECT id FROM tags WHERE name = ?1")?.query_row([name], |r| r.get(0))?)
}

pub(super) fn add_tags_in(conn: &Connection, id: i64, tags: &[String]) -> Result<()> {
    for tag in tags {
        let tag = tag.trim();
        if tag.is_empty() {
            return Err(LibraryError::EmptyTag);
        }
        let tid = tag_id(conn, tag)?;
        conn.prepare_cached("INSERT OR IGNORE INTO lecture_tags (lecture_id, tag_id) VALUES (?1, ?2)")?
            .execute([id, tid])?;
    }
    Ok(())
}

pub(super) fn tags_of(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name FROM lecture_tags lt JOIN tags t ON t.id = lt.tag_id WHERE lt.lecture_id = ?1 ORDER BY t.name",
    )?;
    let tags = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(tags)
}

/// Whether a title is no title of the user's own: empty, or the [`UNTITLED`] a new lecture gets.
fn is_untitled(title: &str) -> bool {
    let title = title.trim();
    title.is_empty() || title == UNTITLED
}

/// Lecture `id`'s version as `conn` sees it.
fn version_in(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT version FROM lectures WHERE id = ?1", [id], |r| r.get(0))?)
}

fn set_title_in(conn: &Connection, id: i64, title: &str) -> Result<()> {
    let title = title.trim();
    if title.is_empty() {
        return Err(LibraryError::EmptyTitle);
    }
    let (old, body): (String, String) = conn
        .prepare_cached("SELECT title, body FROM lectures WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(LibraryError::NotFound(id))?;
    if old != title {
        conn.execute(
            "UPDATE lectures SET title = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
            params![id, title],
        )?;
        search::index(conn, id, title, &body)?;
    }
    Ok(())
}

/// A lecture's title, body and version.
fn current(conn: &Connection, id: i64) -> Result<(String, String, i64)> {
    conn.prepare_cached("SELECT title, body, version FROM lectures WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(LibraryError::NotFound(id))
}

/// How many characters an edit changed: the longer of what was removed and
/// what was inserted between the common start and the common end.
pub(super) fn edit_size(old: &str, new: &str) -> i64 {
    let prefix: usize = old.chars().zip(new.chars()).take_while(|(a, b)| a == b).count();
    let old_rest: Vec<char> = old.chars().skip(prefix).collect();
    let new_rest: Vec<char> = new.chars().skip(prefix).collect();
    let suffix = old_rest.iter().rev().zip(new_rest.iter().rev()).take_while(|(a, b)| a == b).count();
    (old_rest.len() - suffix).max(new_rest.len() - suffix) as i64
}

impl Library {
    /// Whether the library holds no lecture at all (trash included).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM lectures", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Adds a lecture as it is (no duplicate check; importing files checks)
    /// and returns its id.
    pub fn add(&self, new: &NewLecture) -> Result<i64> {
        let tx = self.write()?;
        let id = insert(&tx, new, &InsertExtra::default())?;
        tx.commit()?;
        Ok(id)
    }

    /// Creates an empty lecture for the user to write; an empty title becomes
    /// 未命名讲稿. Returns its id.
    pub fn create(&self, title: &str) -> Result<i64> {
        self.add(&NewLecture { title: title.to_string(), ..Default::default() })
    }

    /// One lecture, whole (also when it is in the trash).
    pub fn get(&self, id: i64) -> Result<Lecture> {
        let conn = &self.conn;
        let lecture = conn
            .prepare_cached(
                "SELECT l.id, l.title, l.body, l.source, l.date, l.category, l.speaker, l.char_count,
                        l.created_at, l.updated_at, l.deleted_at, a.id, a.title, a.deleted_at IS NOT NULL,
                        l.version
                 FROM lectures l LEFT JOIN lectures a ON a.id = l.adapted_from WHERE l.id = ?1",
            )?
            .query_row([id], |r| {
                let adapted_from = match r.get::<_, Option<i64>>(11)? {
                    Some(aid) => Some(LectureRef { id: aid, title: r.get(12)?, deleted: r.get(13)? }),
                    None => None,
                };
                Ok(Lecture {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    body: r.get(2)?,
                    source: r.get(3)?,
                    date: r.get(4)?,
                    category: r.get(5)?,
                    speaker: r.get(6)?,
                    tags: Vec::new(),
                    adapted_from,
                    char_count: r.get(7)?,
                    created_at: r.get(8)?,
                    updated_at: r.get(9)?,
                    deleted_at: r.get(10)?,
                    version: r.get(14)?,
                })
            })
            .optional()?
            .ok_or(LibraryError::NotFound(id))?;
        Ok(Lecture { tags: tags_of(conn, id)?, ..lecture })
    }

    /// The lectures not in the trash, most recently changed first.
    pub fn list(&self) -> Result<Vec<LectureSummary>> {
        self.list_sorted(LectureSort::Recent)
    }

    /// The lectures not in the trash, in the order `sort`.
    pub fn list_sorted(&self, sort: LectureSort) -> Result<Vec<LectureSummary>> {
        let mut stmt = self.conn.prepare_cached(&summary_sql_sorted("l.deleted_at IS NULL", sort))?;
        let mut rows = stmt.query_map([], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        if sort == LectureSort::Title {
            // A stable sort: lectures of one title stay most recently changed first.
            rows.sort_by_cached_key(|l| title_order(&l.title));
        }
        Ok(rows)
    }

    /// The lectures carrying `tag` (not in the trash), most recently changed first.
    pub fn list_tagged(&self, tag: &str) -> Result<Vec<LectureSummary>> {
        let mut stmt = self.conn.prepare_cached(&summary_sql(
            "l.deleted_at IS NULL AND l.id IN (SELECT lt.lecture_id FROM lecture_tags lt
                JOIN tags t ON t.id = lt.tag_id WHERE t.name = ?1)",
        ))?;
        let rows = stmt.query_map([tag.trim()], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The lectures in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<LectureSummary>> {
        let mut stmt = self.conn.prepare_cached(&summary_sql("l.deleted_at IS NOT NULL"))?;
        let mut rows = stmt.query_map([], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
        Ok(rows)
    }

    /// Saves the editor's text whatever version the lecture is at (the last
    /// save wins). The app and the CLI save with [`Library::save`], which
    /// refuses to overwrite a text changed elsewhere; this is for tools that
    /// own the lecture alone. One transaction: when the automatic snapshot
    /// rule (see [`super::AutoSnapshotRule`]) calls for it, the previous text
    /// is kept as a snapshot first. Saving the text already saved writes
    /// nothing.
    pub fn update_body(&self, id: i64, text: &str) -> Result<SaveOutcome> {
        let tx = self.write()?;
        let out = self.save_in(&tx, id, None, text)?;
        tx.commit()?;
        Ok(out)
    }

    /// Saves the editor's text, edited from version `base` of the lecture
    /// ([`Lecture::version`], [`SaveOutcome::version`]). When the lecture has
    /// moved on since (another window, the CLI), nothing is written and the
    /// error is [`LibraryError::Conflict`] with both versions; the user then
    /// picks [`Library::keep_mine`], [`Library::take_theirs`] or
    /// [`Library::keep_both`]. A lecture in the trash is read-only
    /// ([`LibraryError::InTrash`]). Saving the text the library already holds
    /// succeeds whatever the version (nothing would be lost).
    pub fn save(&self, id: i64, base: i64, text: &str) -> Result<SaveOutcome> {
        let tx = self.write()?;
        let out = self.save_in(&tx, id, Some(base), text)?;
        tx.commit()?;
        Ok(out)
    }

    fn save_in(&self, tx: &Connection, id: i64, base: Option<i64>, text: &str) -> Result<SaveOutcome> {
        type Row = (String, String, i64, Option<String>, Option<f64>, String, i64, i64, Option<String>);
        let (title, old, pending, since, age, updated_at, char_count, version, deleted_at): Row = tx
            .prepare_cached(
                "SELECT title, body, pending_edit_chars, pending_since,
                        (julianday('now') - julianday(pending_since)) * 86400.0, updated_at, char_count,
                        version, deleted_at
                 FROM lectures WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
            })
            .optional()?
            .ok_or(LibraryError::NotFound(id))?;
        if old == text {
            return Ok(SaveOutcome { changed: false, updated_at, char_count, auto_snapshot: None, version });
        }
        if base.is_some() && deleted_at.is_some() {
            return Err(LibraryError::InTrash { id, title });
        }
        if let Some(base) = base.filter(|&b| b != version) {
            return Err(LibraryError::Conflict { id, title, base, current: version });
        }
        let edit = edit_size(&old, text);
        let has_snapshot = snapshots::has_any(tx, id)?;
        let stamp = now(tx)?;
        let take = self.rule.takes_snapshot(!has_snapshot && !old.trim().is_empty(), pending, edit, age);
        let (auto_snapshot, pending, since) = if let Some(reason) = take {
            let snap = snapshots::insert(tx, id, &title, &old, super::SnapshotKind::Auto, Some(&reason))?;
            (Some(snap), edit, Some(stamp))
        } else {
            (None, pending + edit, since.or(Some(stamp)))
        };
        let updated_at = write_body(tx, id, &title, text, pending, since.as_deref())?;
        Ok(SaveOutcome { changed: true, updated_at, char_count: count_chars(text), auto_snapshot, version: version + 1 })
    }

    /// Settles a [`LibraryError::Conflict`] for the text edited here: `mine`
    /// becomes the lecture's text and the text saved elsewhere is kept as a
    /// snapshot (kind 合并, labelled with its version), so nothing is lost.
    pub fn keep_mine(&self, id: i64, mine: &str) -> Result<ConflictOutcome> {
        let tx = self.write()?;
        let (title, theirs, version) = current(&tx, id)?;
        let kept = if theirs == mine {
            None
        } else {
            let label = format!("保存冲突时另一处保存的文字（第 {version} 版）");
            Some(snapshots::insert(&tx, id, &title, &theirs, super::SnapshotKind::Merge, Some(&label))?)
        };
        let out = self.save_in(&tx, id, None, mine)?;
        tx.commit()?;
        Ok(ConflictOutcome { lecture: id, version: out.version, kept_as_snapshot: kept })
    }

    /// Settles a [`LibraryError::Conflict`] for the text saved elsewhere: the
    /// lecture keeps it, and `mine` is kept as a snapshot of the lecture
    /// (kind 合并), so nothing is lost. The editor then reloads the lecture.
    pub fn take_theirs(&self, id: i64, mine: &str) -> Result<ConflictOutcome> {
        let tx = self.write()?;
        let (title, theirs, version) = current(&tx, id)?;
        let kept = if theirs == mine {
            None
        } else {
            let label = format!("保存冲突时本处未保存的文字（基于第 {version} 版之前）");
            Some(snapshots::insert(&tx, id, &title, mine, super::SnapshotKind::Merge, Some(&label))?)
        };
        tx.commit()?;
        Ok(ConflictOutcome { lecture: id, version, kept_as_snapshot: kept })
    }

    /// Settles a [`LibraryError::Conflict`] by keeping both: the lecture keeps
    /// the text saved elsewhere and `mine` becomes a new lecture, titled
    /// 「原标题（另存）」, adapted from it, with its category, speaker and
    /// tags. The editor goes on with the new lecture.
    pub fn keep_both(&self, id: i64, mine: &str) -> Result<ConflictOutcome> {
        let tx = self.write()?;
        let (title, category, speaker, source): (String, Option<String>, Option<String>, Option<String>) = tx
            .query_row("SELECT title, category, speaker, source FROM lectures WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?
            .ok_or(LibraryError::NotFound(id))?;
        let new = NewLecture { title: format!("{title}（另存）"), body: mine.to_string(), category, source, ..Default::default() };
        let copy = insert(&tx, &new, &InsertExtra { speaker: speaker.as_deref(), adapted_from: Some(id), ..Default::default() })?;
        tx.execute(
            "INSERT INTO lecture_tags (lecture_id, tag_id) SELECT ?2, tag_id FROM lecture_tags WHERE lecture_id = ?1",
            [id, copy],
        )?;
        tx.commit()?;
        Ok(ConflictOutcome { lecture: copy, version: 1, kept_as_snapshot: None })
    }

    /// Renames a lecture; answers its version after the change (read in the same transaction,
    /// so a save of another program's in between can never be taken for the editor's).
    pub fn set_title(&self, id: i64, title: &str) -> Result<i64> {
        let tx = self.write()?;
        set_title_in(&tx, id, title)?;
        let version = version_in(&tx, id)?;
        tx.commit()?;
        Ok(version)
    }

    /// Gives lecture `id` the title of a text pasted into it, when it has no
    /// title of its own yet (it is still called [`UNTITLED`]); returns the
    /// title given with the lecture's version after the change, or `None`
    /// when the lecture keeps its own.
    pub fn adopt_title(&self, id: i64, title: &str) -> Result<Option<Retitled>> {
        let title = title.trim();
        let tx = self.write()?;
        let old: String = tx
            .query_row("SELECT title FROM lectures WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(LibraryError::NotFound(id))?;
        if title.is_empty() || !is_untitled(&old) {
            return Ok(None);
        }
        set_title_in(&tx, id, title)?;
        let version = version_in(&tx, id)?;
        tx.commit()?;
        Ok(Some(Retitled { title: title.to_string(), version }))
    }

    /// Sets a lecture's title, source, date, category and speaker at once.
    pub fn set_info(&self, id: i64, info: &LectureInfo) -> Result<()> {
        let tx = self.write()?;
        set_title_in(&tx, id, &info.title)?;
        tx.execute(
            "UPDATE lectures SET source = ?2, date = ?3, category = ?4, speaker = ?5,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1 AND (source IS NOT ?2 OR date IS NOT ?3 OR category IS NOT ?4 OR speaker IS NOT ?5)",
            params![
                id,
                clean_opt(info.source.as_deref()),
                clean_opt(info.date.as_deref()),
                clean_opt(info.category.as_deref()),
                clean_opt(info.speaker.as_deref())
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Moves a lecture to the trash. Its text, snapshots and tags stay; it
    /// leaves the list and the search until [`Library::restore_deleted`].
    pub fn delete(&self, id: i64) -> Result<()> {
        let tx = self.write()?;
        exists(&tx, id)?;
        tx.execute(
            "UPDATE lectures SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND deleted_at IS NULL",
            [id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Brings a lecture back from the trash.
    pub fn restore_deleted(&self, id: i64) -> Result<()> {
        let tx = self.write()?;
        exists(&tx, id)?;
        if tx.execute("UPDATE lectures SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [id])? == 0 {
            return Err(LibraryError::NotInTrash(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds tags to a lecture (tags it already has are kept once); returns
    /// its tags afterwards.
    pub fn add_tags(&self, id: i64, tags: &[String]) -> Result<Vec<String>> {
        let tx = self.write()?;
        exists(&tx, id)?;
        add_tags_in(&tx, id, tags)?;
        let all = tags_of(&tx, id)?;
        tx.commit()?;
        Ok(all)
    }

    /// Removes tags from a lecture; returns its tags afterwards.
    pub fn remove_tags(&self, id: i64, tags: &[String]) -> Result<Vec<String>> {
        let tx = self.write()?;
        exists(&tx, id)?;
        for tag in tags {
            tx.execute(
                "DELETE FROM lecture_tags WHERE lecture_id = ?1 AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
                params![id, tag.trim()],
            )?;
        }
        tx.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM lecture_tags)", [])?;
        let all = tags_of(&tx, id)?;
        tx.commit()?;
        Ok(all)
    }

    /// Replaces a lecture's tags.
    pub fn set_tags(&self, id: i64, tags: &[String]) -> Result<Vec<String>> {
        let tx = self.write()?;
        exists(&tx, id)?;
        tx.execute("DELETE FROM lecture_tags WHERE lecture_id = ?1", [id])?;
        add_tags_in(&tx, id, tags)?;
        tx.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM lecture_tags)", [])?;
        let all = tags_of(&tx, id)?;
        tx.commit()?;
        Ok(all)
    }

    /// Every tag with the number of lectures (not in the trash) carrying it, by name.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, count(l.id) FROM tags t
             JOIN lecture_tags lt ON lt.tag_id = t.id
             LEFT JOIN lectures l ON l.id = lt.lecture_id AND l.deleted_at IS NULL
             GROUP BY t.id ORDER BY t.name",
        )?;
        let rows = stmt
            .query_map([], |r| Ok(TagCount { name: r.get(0)?, count: r.get(1)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Copies a lecture as a new draft that remembers where it came from
    /// (`adapted_from`). The draft keeps the text, category, speaker and
    /// tags; its title gets （修改稿）. Returns the draft's id.
    pub fn adapt(&self, id: i64) -> Result<i64> {
        let tx = self.write()?;
        let (title, body, category, speaker): (String, String, Option<String>, Option<String>) = tx
            .query_row("SELECT title, body, category, speaker FROM lectures WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?
            .ok_or(LibraryError::NotFound(id))?;
        let new = NewLecture { title: format!("{title}（修改稿）"), body, category, ..Default::default() };
        let draft = insert(&tx, &new, &InsertExtra { speaker: speaker.as_deref(), adapted_from: Some(id), ..Default::default() })?;
        tx.execute(
            "INSERT INTO lecture_tags (lecture_id, tag_id) SELECT ?2, tag_id FROM lecture_tags WHERE lecture_id = ?1",
            [id, draft],
        )?;
        tx.commit()?;
        Ok(draft)
    }

    /// Where a draft comes from: the lecture it was adapted from, then that
    /// one's source, and so on (nearest first).
    pub fn lineage(&self, id: i64) -> Result<Vec<LectureRef>> {
        exists(&self.conn, id)?;
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE up(id, depth) AS (
                 SELECT adapted_from, 1 FROM lectures WHERE id = ?1 AND adapted_from IS NOT NULL
                 UNION
                 SELECT l.adapted_from, up.depth + 1 FROM lectures l JOIN up ON l.id = up.id
                 WHERE l.adapted_from IS NOT NULL AND up.depth < 1000
             )
             SELECT l.id, l.title, l.deleted_at IS NOT NULL FROM up JOIN lectures l ON l.id = up.id ORDER BY up.depth",
        )?;
        let rows = stmt
            .query_map([id], |r| Ok(LectureRef { id: r.get(0)?, title: r.get(1)?, deleted: r.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The drafts adapted directly from a lecture.
    pub fn adaptations(&self, id: i64) -> Result<Vec<LectureRef>> {
        exists(&self.conn, id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, deleted_at IS NOT NULL FROM lectures WHERE adapted_from = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([id], |r| Ok(LectureRef { id: r.get(0)?, title: r.get(1)?, deleted: r.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_size_counts_the_changed_middle() {
        assert_eq!(edit_size("同志们好", "同志们好"), 0);
        assert_eq!(edit_size("同志们好", "同志们，大家好"), 3);
        assert_eq!(edit_size("一二三四五", "一五"), 3);
        assert_eq!(edit_size("", "学习"), 2);
        assert_eq!(edit_size("甲乙丙", "甲丁丙"), 1);
        assert_eq!(edit_size("啊啊", "啊啊啊"), 1);
    }

    #[test]
    fn content_hash_ignores_whitespace_only() {
        assert_eq!(content_hash("同志们：\n\n大家好。"), content_hash("同志们：\r\n大家好。 "));
        assert_ne!(content_hash("同志们：大家好。"), content_hash("同志们：大家好！"));
    }
}
