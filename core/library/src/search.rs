//! Chinese search over titles and bodies, for queries of any length.
//!
//! A query is split at whitespace into terms; a lecture matches when it
//! contains every term (in its title or body). Two contentless FTS5 indexes
//! answer, both fed with text tokenised here in Rust:
//! - the pair index `lectures_pairs`, where each run of letters, digits or
//!   Han characters is stored as its overlapping pairs (振兴 → `振兴`,
//!   乡村振兴 → `乡村 村振 振兴`). A term of two or more characters becomes
//!   the phrase of its pairs, so it matches exactly where the text holds it.
//!   It answers every query whose terms' runs all have two or more characters.
//! - the character index `lectures_chars`, where every letter, digit or Han
//!   character is one token; it answers queries with a one-character term.
//!
//! In both, each run of punctuation or whitespace is a separator token that
//! the text itself never produces (`zz` among single characters, `zzz` among
//! pairs), so a phrase never matches across punctuation: 党建 matches 党建 but not
//! 党，建. Ranking is BM25, a hit in the title weighing ten times a hit in
//! the body.
//!
//! Why pairs and not FTS5's trigram tokenizer: with 10,000 lectures of
//! 5,000 characters, the trigram index took about twice as long to build as
//! the pair index (the import target is 30 s), while phrase queries of
//! pairs stay within the 30 ms search target.
//!
//! A term written `#标签` (or `＃标签`) is a tag filter, not a word: only the
//! lectures carrying that tag are found; a query of tag filters alone lists
//! every lecture carrying them, the most recently changed first. A query of
//! one word that is a tag's name also finds the lectures carrying that tag,
//! after those whose text holds the word.
//!
//! Snippets are cut around the first match in the body and returned as parts
//! with a flag for matched text, so the UI renders them without any HTML; the
//! `snippet` string marks matches with «».

use rusqlite::Connection;
use serde::Serialize;

use super::{Library, Result};

/// How many of the newest matches BM25 ranks, per tier (see `ranked_ids`).
const RANKED: usize = 2000;

/// Characters shown in a snippet, and how many of them before the first match.
const SNIPPET_CHARS: usize = 80;
const SNIPPET_BEFORE: usize = 20;

/// A piece of a snippet or title: matched text or plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnippetPart {
    pub text: String,
    pub is_match: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    /// The snippet as one line, matches between « and ».
    pub snippet: String,
    /// The same snippet as parts, for the UI.
    pub snippet_parts: Vec<SnippetPart>,
    /// The title as parts, matches flagged.
    pub title_parts: Vec<SnippetPart>,
    /// The lecture's date, as the list shows it.
    pub date: Option<String>,
    /// 字数, as the list shows it.
    pub char_count: i64,
    /// Its tags, sorted by name.
    pub tags: Vec<String>,
}

/// A query as the user typed it: the words to find and the tags to filter by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query<'a> {
    pub terms: Vec<&'a str>,
    pub tags: Vec<&'a str>,
}

/// Splits a query at whitespace; a part starting with `#` or `＃` is a tag
/// filter (a bare `#` is nothing).
pub fn parse_query(query: &str) -> Query<'_> {
    let mut q = Query::default();
    for part in query.split_whitespace() {
        match part.strip_prefix('#').or_else(|| part.strip_prefix('＃')) {
            Some(tag) => {
                let tag = tag.trim_start_matches(['#', '＃']);
                if !tag.is_empty() {
                    q.tags.push(tag);
                }
            }
            None => q.terms.push(part),
        }
    }
    q
}

/// The SQL condition that `column` (a lecture id) carries each tag, its
/// parameters numbered from `first`.
fn tags_clause(column: &str, tags: &[&str], first: usize) -> String {
    (0..tags.len())
        .map(|i| {
            format!(
                " AND {column} IN (SELECT lt.lecture_id FROM lecture_tags lt JOIN tags t ON t.id = lt.tag_id
                     WHERE t.name = ?{})",
                first + i
            )
        })
        .collect()
}

/// The body without a first line that only repeats the title (whitespace
/// and 《》 aside), so a snippet shows the text, not the title again.
pub(super) fn without_title<'a>(body: &'a str, title: &str) -> &'a str {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》')).collect::<String>();
    let title = norm(title);
    if title.is_empty() {
        return body;
    }
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    if norm(line) == title {
        after.trim_start()
    } else {
        body
    }
}

/// Whether `c` is part of a word: a letter, digit or Han character (the
/// common Han block answered first, as it is nearly every character).
fn is_word(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}') || c.is_alphanumeric()
}

/// Appends `c` as the indexes store it: letters in lower case. The indexes
/// use FTS5's `ascii` tokenizer, which only splits at ASCII spaces and
/// punctuation; folding is done here, once, in Rust.
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if matches!(c, '\u{4E00}'..='\u{9FFF}') || !c.is_uppercase() {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The text as the character index stores it: each letter, digit or Han
/// character a token, each run of anything else the token `zz`.
pub(super) fn char_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut after_separator = true;
    for c in text.chars() {
        if is_word(c) {
            if !out.is_empty() {
                out.push(' ');
            }
            push_folded(&mut out, c);
            after_separator = false;
        } else if !after_separator {
            out.push_str(" zz");
            after_separator = true;
        }
    }
    out
}

/// The text as the pair index stores it: each run of letters, digits or
/// Han characters as its overlapping pairs (a one-character run is left
/// out: only the character index answers one-character terms), each run of
/// anything else the token `zzz`.
pub(super) fn pair_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev: Option<char> = None;
    let mut after_separator = true;
    for c in text.chars() {
        if is_word(c) {
            if let Some(p) = prev {
                if !out.is_empty() {
                    out.push(' ');
                }
                push_folded(&mut out, p);
                push_folded(&mut out, c);
            }
            // A one-character run has no pair but still parts its neighbours.
            after_separator = false;
            prev = Some(c);
        } else {
            prev = None;
            if !after_separator {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str("zzz");
                after_separator = true;
            }
        }
    }
    out
}

/// Writes a lecture's entries in both search indexes, replacing the old ones.
pub(super) fn index(conn: &Connection, id: i64, title: &str, body: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM lectures_chars WHERE rowid = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM lectures_pairs WHERE rowid = ?1")?.execute([id])?;
    index_new(conn, id, title, body)
}

/// Writes the search index entries of a lecture that has none yet.
pub(super) fn index_new(conn: &Connection, id: i64, title: &str, body: &str) -> Result<()> {
    index_new_tokens(conn, id, title, &char_tokens(body), &pair_tokens(body))
}

/// [`index_new`] with the body's tokens already worked out.
pub(super) fn index_new_tokens(conn: &Connection, id: i64, title: &str, body_chars: &str, body_pairs: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO lectures_chars (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(rusqlite::params![id, char_tokens(title), body_chars])?;
    conn.prepare_cached("INSERT INTO lectures_pairs (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(rusqlite::params![id, pair_tokens(title), body_pairs])?;
    Ok(())
}

/// Rebuilds both search indexes from the lectures table.
pub(super) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM lectures_chars", [])?;
    conn.execute("DELETE FROM lectures_pairs", [])?;
    let mut stmt = conn.prepare("SELECT id, title, body FROM lectures")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, title, body): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        index_new(conn, id, &title, &body)?;
    }
    Ok(())
}

/// A term's tokens as a phrase for `tokens`, without separators at its
/// ends (the text may continue there); `None` when nothing is left.
fn phrase(term: &str, tokens: fn(&str) -> String, separator: &str) -> Option<String> {
    let t = tokens(term);
    let mut t: Vec<&str> = t.split(' ').filter(|t| !t.is_empty()).collect();
    while t.last() == Some(&separator) {
        t.pop();
    }
    let start = t.iter().position(|t| *t != separator)?;
    Some(format!("\"{}\"", t[start..].join(" ")))
}

/// Whether every run of letters, digits or Han characters in the term has
/// two or more characters (so the pair index can answer it).
fn pairs_answer(term: &str) -> bool {
    term.split(|c: char| !is_word(c)).all(|run| run.chars().count() != 1)
}

/// The FTS5 query and the table that answers it; `None` when the query has
/// nothing to search for.
fn plan(terms: &[&str]) -> Option<(&'static str, String)> {
    let (table, tokens, separator): (&'static str, fn(&str) -> String, &str) = if terms.iter().all(|t| pairs_answer(t)) {
        ("lectures_pairs", pair_tokens, "zzz")
    } else {
        ("lectures_chars", char_tokens, "zz")
    };
    let phrases: Vec<String> = terms.iter().filter_map(|t| phrase(t, tokens, separator)).collect();
    if phrases.is_empty() {
        return None;
    }
    Some((table, phrases.join(" ")))
}

/// The newest `limit` lectures carrying every tag (not in the trash).
fn tagged_ids(conn: &Connection, tags: &[&str], limit: usize) -> Result<Vec<i64>> {
    let sql = format!(
        "SELECT l.id FROM lectures l WHERE l.deleted_at IS NULL{} ORDER BY l.updated_at DESC, l.id DESC LIMIT ?1",
        tags_clause("l.id", tags, 2)
    );
    let mut v: Vec<rusqlite::types::Value> = vec![(limit as i64).into()];
    v.extend(tags.iter().map(|t| rusqlite::types::Value::from(t.to_string())));
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map(rusqlite::params_from_iter(v), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The ids of the best `limit` matches (carrying every tag of `tags`): first the lectures with the query
/// in their title, then the others; in each tier BM25 ranks the newest
/// [`RANKED`] matches (all of them when there are fewer), so a query that
/// occurs in nearly every lecture costs no more than one that occurs in 2,000.
fn ranked_ids(conn: &Connection, table: &str, fts_query: &str, tags: &[&str], limit: usize) -> Result<Vec<i64>> {
    let sql = format!(
        "SELECT rowid FROM (
             SELECT rowid, rank FROM {table} WHERE {table} MATCH ?1
                 AND rowid NOT IN (SELECT id FROM lectures WHERE deleted_at IS NOT NULL){}
             ORDER BY rowid DESC LIMIT {RANKED}
         ) ORDER BY rank LIMIT ?2",
        tags_clause("rowid", tags, 3)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let args = |query: &str, n: usize| {
        let mut v: Vec<rusqlite::types::Value> = vec![query.to_string().into(), (n as i64).into()];
        v.extend(tags.iter().map(|t| rusqlite::types::Value::from(t.to_string())));
        rusqlite::params_from_iter(v)
    };
    let title_query = format!("title : ({fts_query})");
    let mut ids: Vec<i64> =
        stmt.query_map(args(&title_query, limit), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if ids.len() < limit {
        let more: Vec<i64> = stmt
            .query_map(args(fts_query, limit + ids.len()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in more {
            if ids.len() == limit {
                break;
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Every match of any term in `text` (char ranges, left to right, longest
/// term first where two start at the same place, never overlapping).
fn matches(text: &[char], terms: &[Vec<char>]) -> Vec<(usize, usize)> {
    let lowered: Vec<char> = text.iter().map(|&c| lower(c)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lowered.len() {
        let found = terms
            .iter()
            .filter(|t| !t.is_empty() && lowered[i..].starts_with(t))
            .map(|t| t.len())
            .max();
        match found {
            Some(n) => {
                out.push((i, i + n));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Cuts `text[start..end]` into parts, flagging the matches inside it;
/// whitespace runs (paragraph breaks) become one space.
fn parts(text: &[char], start: usize, end: usize, found: &[(usize, usize)]) -> Vec<SnippetPart> {
    let mut out: Vec<SnippetPart> = Vec::new();
    let mut push = |s: String, is_match: bool| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.is_match == is_match => last.text.push_str(&s),
            _ => out.push(SnippetPart { text: s, is_match }),
        }
    };
    let squash = |cs: &[char]| {
        let mut s = String::new();
        let mut space = false;
        for &c in cs {
            if c.is_whitespace() {
                if !space {
                    s.push(' ');
                }
                space = true;
            } else {
                s.push(c);
                space = false;
            }
        }
        s
    };
    let mut at = start;
    for &(a, b) in found.iter().filter(|(a, b)| *a >= start && *b <= end) {
        push(squash(&text[at..a]), false);
        push(squash(&text[a..b]), true);
        at = b;
    }
    push(squash(&text[at..end]), false);
    out
}

/// A snippet of `body` around the first match of any term.
pub(super) fn snippet(body: &str, terms: &[Vec<char>]) -> Vec<SnippetPart> {
    let text: Vec<char> = body.chars().collect();
    let found = matches(&text, terms);
    let mut start = 0;
    if let Some(&(first, _)) = found.first() {
        start = first.saturating_sub(SNIPPET_BEFORE);
        if let Some(nl) = text[start..first].iter().rposition(|&c| c == '\n') {
            start += nl + 1;
        }
    }
    while start < text.len() && text[start].is_whitespace() {
        start += 1;
    }
    let mut end = (start + SNIPPET_CHARS).min(text.len());
    if let Some(&(_, b)) = found.iter().find(|(a, b)| *a < end && *b > end) {
        end = b;
    }
    let mut out = Vec::new();
    if start > 0 {
        out.push(SnippetPart { text: "…".into(), is_match: false });
    }
    out.extend(parts(&text, start, end, &found));
    if end < text.len() {
        match out.last_mut() {
            Some(last) if !last.is_match => last.text.push('…'),
            _ => out.push(SnippetPart { text: "…".into(), is_match: false }),
        }
    }
    if let Some(first) = out.first_mut() {
        if first.text == "…" && out.len() > 1 && !out[1].is_match {
            let rest = out.remove(1);
            out[0].text.push_str(&rest.text);
        }
    }
    out
}

/// The parts as one line with matches between « and ».
pub fn marked(parts: &[SnippetPart]) -> String {
    parts
        .iter()
        .map(|p| if p.is_match { format!("«{}»", p.text) } else { p.text.clone() })
        .collect()
}

impl Library {
    /// Searches titles and bodies of the lectures not in the trash (see
    /// [`parse_query`] for tag filters); the best `limit` hits, best first.
    /// An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let q = parse_query(query);
        let mut ids = match plan(&q.terms) {
            Some((table, fts_query)) => ranked_ids(&self.conn, table, &fts_query, &q.tags, limit)?,
            None if !q.tags.is_empty() && q.terms.iter().all(|t| phrase(t, char_tokens, "zz").is_none()) => {
                tagged_ids(&self.conn, &q.tags, limit)?
            }
            None => return Ok(Vec::new()),
        };
        // One word that is a tag's name also finds the lectures carrying it, after the text hits.
        if let ([word], []) = (q.terms.as_slice(), q.tags.as_slice()) {
            for id in tagged_ids(&self.conn, &[word], limit)? {
                if ids.len() < limit && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let lowered: Vec<Vec<char>> = q.terms.iter().map(|t| t.chars().map(lower).collect()).collect();
        let mut get = self.conn.prepare_cached("SELECT title, body, date, char_count FROM lectures WHERE id = ?1")?;
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            let (title, body, date, char_count): (String, String, Option<String>, i64) =
                get.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            let title_chars: Vec<char> = title.chars().collect();
            let title_parts = parts(&title_chars, 0, title_chars.len(), &matches(&title_chars, &lowered));
            let snippet_parts = snippet(without_title(&body, &title), &lowered);
            let tags = super::lectures::tags_of(&self.conn, id)?;
            hits.push(SearchHit {
                id,
                title,
                snippet: marked(&snippet_parts),
                snippet_parts,
                title_parts,
                date,
                char_count,
                tags,
            });
        }
        Ok(hits)
    }

    /// Rebuilds the search indexes from the texts (for a library written by
    /// another tool; the library keeps them in step itself).
    pub fn rebuild_search_index(&self) -> Result<()> {
        let tx = self.write()?;
        rebuild(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_tokens_space_out_characters_and_mark_punctuation() {
        assert_eq!(char_tokens("党建，工作 5G"), "党 建 zz 工 作 zz 5 g");
        assert_eq!(char_tokens("「学习」"), "学 习 zz");
        assert_eq!(char_tokens(""), "");
    }

    #[test]
    fn pair_tokens_pair_up_each_run_and_mark_punctuation() {
        assert_eq!(pair_tokens("乡村振兴，党建 5G网"), "乡村 村振 振兴 zzz 党建 zzz 5g g网");
        assert_eq!(pair_tokens("ÉCOLE"), "éc co ol le");
        assert_eq!(pair_tokens("「学习」"), "学习 zzz");
        assert_eq!(pair_tokens("党，建设"), "zzz 建设");
        assert_eq!(pair_tokens("jazz"), "ja az zz");
        assert_eq!(pair_tokens("乡村，党，建设"), "乡村 zzz zzz 建设");
        assert_eq!(pair_tokens(""), "");
    }

    #[test]
    fn terms_of_two_or_more_characters_use_pairs_and_shorter_ones_characters() {
        assert_eq!(plan(&["乡村振兴"]).unwrap(), ("lectures_pairs", "\"乡村 村振 振兴\"".to_string()));
        assert_eq!(plan(&["党建"]).unwrap(), ("lectures_pairs", "\"党建\"".to_string()));
        assert_eq!(plan(&["党"]).unwrap(), ("lectures_chars", "\"党\"".to_string()));
        assert_eq!(plan(&["乡村振兴", "党"]).unwrap(), ("lectures_chars", "\"乡 村 振 兴\" \"党\"".to_string()));
        assert_eq!(plan(&["党，建设"]).unwrap(), ("lectures_chars", "\"党 zz 建 设\"".to_string()));
        assert_eq!(plan(&["「党建」"]).unwrap(), ("lectures_pairs", "\"党建\"".to_string()));
        assert_eq!(plan(&["jazz"]).unwrap().1, "\"ja az zz\"");
        assert!(plan(&[]).is_none());
        assert!(plan(&["，"]).is_none());
    }

    #[test]
    fn the_snippet_starts_near_the_first_match_and_marks_every_match() {
        let body = format!("{}\n\n要坚持党的领导，党建引领发展。{}", "开头一段。".repeat(10), "后文".repeat(60));
        let terms = vec!["党建".chars().collect::<Vec<_>>(), "党".chars().collect()];
        let parts = snippet(&body, &terms);
        let line = marked(&parts);
        assert!(line.starts_with("…要坚持«党»的领导，«党建»引领发展。"), "{line}");
        assert!(line.ends_with('…'));
        assert!(!line.contains('\n'));
    }

    #[test]
    fn a_snippet_without_a_body_match_shows_the_start() {
        let parts = snippet("同志们：\n\n大家好。", &["标题".chars().collect()]);
        assert_eq!(parts, vec![SnippetPart { text: "同志们： 大家好。".into(), is_match: false }]);
    }

    #[test]
    fn hash_terms_are_tag_filters() {
        let q = parse_query("#乡村振兴  作风 ＃党建 # ##x");
        assert_eq!(q.terms, vec!["作风"]);
        assert_eq!(q.tags, vec!["乡村振兴", "党建", "x"]);
    }

    #[test]
    fn a_first_line_repeating_the_title_is_not_the_snippet() {
        let body = "  《关于作风建设》\n\n同志们：作风建设永远在路上。";
        assert_eq!(without_title(body, "关于作风建设"), "同志们：作风建设永远在路上。");
        assert_eq!(without_title("同志们：\n大家好", "关于作风建设"), "同志们：\n大家好");
        assert_eq!(without_title("关于作风建设", "关于作风建设"), "");
    }

    #[test]
    fn latin_matches_ignore_case() {
        let t: Vec<char> = "发展5G网络".chars().collect();
        assert_eq!(matches(&t, &["5g".chars().collect()]), vec![(2, 4)]);
    }
}
