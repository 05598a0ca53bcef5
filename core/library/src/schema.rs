//! The library's schema, as migrations applied in order.
//!
//! Column order matters for speed: SQLite stores a row's columns in order and
//! a long body spills onto overflow pages, so every small column comes before
//! `body`. Listing, filtering the trash and ranking then never read a body.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult, Migrations, M};

use super::search::rebuild;

/// The first schema: lectures, tags, snapshots and the two search indexes.
///
/// - `lectures_fts`: FTS5 with the trigram tokenizer over title and body,
///   kept in step by triggers; it answers queries whose every term has three
///   or more characters.
/// - `lectures_chars`: a contentless FTS5 index over the same columns in
///   which every letter or Han character is its own token (the text is
///   spaced out in Rust, see `search::char_tokens`); it answers one- and
///   two-character queries as phrases. The library writes it in the same
///   transaction as the lecture.
const V1: &str = "
CREATE TABLE lectures (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    title              TEXT NOT NULL,
    source             TEXT,
    date               TEXT,
    category           TEXT,
    speaker            TEXT,
    adapted_from       INTEGER REFERENCES lectures(id) ON DELETE SET NULL,
    char_count         INTEGER NOT NULL DEFAULT 0,
    content_hash       TEXT NOT NULL,
    import_hash        TEXT,
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at         TEXT,
    pending_edit_chars INTEGER NOT NULL DEFAULT 0,
    pending_since      TEXT,
    body               TEXT NOT NULL
);
CREATE INDEX lectures_content_hash ON lectures(content_hash);
CREATE INDEX lectures_import_hash ON lectures(import_hash) WHERE import_hash IS NOT NULL;
CREATE INDEX lectures_adapted_from ON lectures(adapted_from) WHERE adapted_from IS NOT NULL;
CREATE INDEX lectures_updated_at ON lectures(updated_at);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE lecture_tags (
    lecture_id INTEGER NOT NULL REFERENCES lectures(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (lecture_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX lecture_tags_tag ON lecture_tags(tag_id);

CREATE TABLE snapshots (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    lecture_id INTEGER NOT NULL REFERENCES lectures(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('manual', 'auto', 'before_restore', 'merge')),
    label      TEXT,
    char_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE INDEX snapshots_lecture ON snapshots(lecture_id, id);

CREATE VIRTUAL TABLE lectures_fts USING fts5(
    title, body, content = 'lectures', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO lectures_fts(lectures_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
CREATE TRIGGER lectures_fts_insert AFTER INSERT ON lectures BEGIN
    INSERT INTO lectures_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER lectures_fts_delete AFTER DELETE ON lectures BEGIN
    INSERT INTO lectures_fts(lectures_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER lectures_fts_update AFTER UPDATE OF title, body ON lectures BEGIN
    INSERT INTO lectures_fts(lectures_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO lectures_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE lectures_chars USING fts5(
    title, body, content = '', contentless_delete = 1, tokenize = 'unicode61'
);
INSERT INTO lectures_chars(lectures_chars, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
";

/// Search and import at size (10,000 lectures):
/// - a partial index of the trash, so search leaves deleted lectures out
///   without reading any lecture row;
/// - FTS5 keeps up to 64 MiB (trigram) and 32 MiB (characters) of pending
///   index data in memory before it writes a segment; the default 1 MiB made
///   bulk import write and merge thousands of tiny segments.
const V2: &str = "
CREATE INDEX lectures_trash ON lectures(id) WHERE deleted_at IS NOT NULL;
INSERT INTO lectures_fts(lectures_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO lectures_chars(lectures_chars, rank) VALUES ('hashsize', 33554432);
";

/// The pair index replaces the trigram index (see `search` for why): every
/// run of letters, digits or Han characters stored as its overlapping pairs.
/// The character index is made again with FTS5's `ascii` tokenizer: both are
/// now tokenised and folded in Rust, and FTS5 only splits at the spaces,
/// which made building them at import about a sixth faster. [`fill_indexes`]
/// fills both from the lectures. Both are contentless and written by the
/// library in the same transaction as the lecture.
const V3: &str = "
DROP TRIGGER lectures_fts_insert;
DROP TRIGGER lectures_fts_delete;
DROP TRIGGER lectures_fts_update;
DROP TABLE lectures_fts;
DROP TABLE lectures_chars;
CREATE VIRTUAL TABLE lectures_chars USING fts5(
    title, body, content = '', contentless_delete = 1, tokenize = 'ascii'
);
INSERT INTO lectures_chars(lectures_chars, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
INSERT INTO lectures_chars(lectures_chars, rank) VALUES ('hashsize', 33554432);
CREATE VIRTUAL TABLE lectures_pairs USING fts5(
    title, body, content = '', contentless_delete = 1, tokenize = 'ascii'
);
INSERT INTO lectures_pairs(lectures_pairs, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
INSERT INTO lectures_pairs(lectures_pairs, rank) VALUES ('hashsize', 67108864);
";

/// Indexes every lecture of an existing library in the new indexes.
fn fill_indexes(tx: &Transaction) -> HookResult {
    rebuild(tx).map_err(|e| HookError::Hook(e.to_string()))
}

/// 校对's user wording rules (规范表述 the user adds to the shipped ones):
/// one row a pattern, with its standard form and a note on its source.
const V4_WORDING_RULES: &str = "
CREATE TABLE wording_rules (
    id         INTEGER PRIMARY KEY,
    pattern    TEXT NOT NULL UNIQUE,
    standard   TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
";

/// Every migration, oldest first. Never edit one that has shipped: add a new one.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(all())
}

fn all() -> Vec<M<'static>> {
    vec![M::up(V1), M::up(V2), M::up_with_hook(V3, fill_indexes), M::up(V4_WORDING_RULES), M::up(VERSIONS), M::up(V6_PROOFREAD)]
}

/// Lecture versions, so that no save silently overwrites another (issue 12):
/// every lecture has a `version`, 1 when added, one more at each change of
/// its text or title. The library's own body writes bump it themselves
/// (`lectures::write_body`); the trigger bumps it for every other change of
/// `body` or `title` that leaves it as it was, so no writer can forget it. A
/// save names the version it was edited from and is refused when the
/// lecture has moved on (`Library::save`).
///
/// The column is added at the end, after `body`: reading it reads past a
/// long body's overflow pages, so only the reads that fetch the body anyway
/// (`get`, saves) read it, never the list.
const VERSIONS: &str = "
ALTER TABLE lectures ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER lectures_version AFTER UPDATE OF body, title ON lectures
    WHEN new.version = old.version
BEGIN
    UPDATE lectures SET version = old.version + 1 WHERE id = new.id;
END;
";

/// 校对's memory: the findings ignored (忽略) in each lecture, and the rules
/// switched off (不再检查) for the whole library. An ignored finding is known
/// by its rule, the text found and the words around it (letters and Han
/// characters only, see `proofread`), so it stays ignored when the text
/// changes elsewhere; it goes with its lecture.
const V6_PROOFREAD: &str = "
CREATE TABLE check_ignores (
    lecture_id INTEGER NOT NULL REFERENCES lectures(id) ON DELETE CASCADE,
    rule       TEXT NOT NULL,
    found      TEXT NOT NULL,
    before     TEXT NOT NULL,
    after      TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (lecture_id, rule, found, before, after)
) WITHOUT ROWID;
CREATE TABLE check_disabled (
    rule       TEXT PRIMARY KEY,
    label      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
";

/// How many migrations there are: the `user_version` of an up-to-date library.
pub fn migrations_count() -> i64 {
    all().len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_count_matches_the_list() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrations().to_latest(&mut conn).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, super::migrations_count());
    }

    use rusqlite::Connection;

    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }

    #[test]
    fn migrating_a_new_database_sets_its_version_and_creates_every_table() {
        let mut conn = Connection::open_in_memory().unwrap();
        let m = super::migrations();
        m.to_latest(&mut conn).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, super::migrations_count());
        for table in ["lectures", "tags", "lecture_tags", "snapshots", "lectures_pairs", "lectures_chars", "wording_rules", "check_ignores", "check_disabled"] {
            let n: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master WHERE name = ?1", [table], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 1, "table {table} missing");
        }
        // Running them again on an up-to-date database changes nothing.
        m.to_latest(&mut conn).unwrap();
    }

    #[test]
    fn a_library_of_the_first_schema_is_upgraded_with_its_lectures_still_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            super::migrations().to_version(&mut conn, 1).unwrap();
            conn.execute(
                "INSERT INTO lectures (title, content_hash, body) VALUES ('旧讲稿', 'x', '旧库里的乡村振兴讲稿')",
                [],
            )
            .unwrap();
            conn.execute("INSERT INTO lectures_chars (rowid, title, body) VALUES (1, '旧 讲 稿', '旧 库 里 的 乡 村 振 兴 讲 稿')", [])
                .unwrap();
        }
        let lib = crate::Library::open(&path).unwrap();
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, super::migrations_count());
        // The old lecture starts at version 1 and counts up from there.
        assert_eq!(lib.get(1).unwrap().version, 1);
        assert_eq!(lib.search("乡村振兴", 10).unwrap()[0].title, "旧讲稿");
        assert_eq!(lib.search("讲稿", 10).unwrap()[0].title, "旧讲稿");
        assert_eq!(lib.search("旧", 10).unwrap()[0].title, "旧讲稿");
        lib.delete(1).unwrap();
        assert!(lib.search("乡村振兴", 10).unwrap().is_empty());
    }
}
