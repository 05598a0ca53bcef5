//! The user's wording rules (规范表述) for 校对, kept in the library beside
//! the lectures: added, listed, removed. The checker
//! (`lectern_text::check::Checker::new`) takes them with the shipped rules.

use rusqlite::params;
use serde::Serialize;

use lectern_text::check::WordingRule;

use super::{Library, LibraryError, Result};

/// A wording rule the user added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UserRule {
    pub id: i64,
    #[serde(flatten)]
    pub rule: WordingRule,
    pub created_at: String,
}

impl Library {
    /// The user's wording rules, oldest first.
    pub fn wording_rules(&self) -> Result<Vec<UserRule>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, pattern, standard, note, created_at FROM wording_rules ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(UserRule {
                id: r.get(0)?,
                rule: WordingRule { pattern: r.get(1)?, standard: r.get(2)?, note: r.get(3)?, also_correct: Vec::new() },
                created_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Adds a wording rule, or replaces the rule with the same pattern;
    /// returns its id. Pattern and standard form are trimmed, must not be
    /// empty and must differ (a rule that changes nothing would only cry wolf).
    pub fn add_wording_rule(&self, pattern: &str, standard: &str, note: &str) -> Result<i64> {
        let (pattern, standard, note) = (pattern.trim(), standard.trim(), note.trim());
        if pattern.is_empty() || standard.is_empty() {
            return Err(LibraryError::EmptyRule);
        }
        if pattern == standard {
            return Err(LibraryError::SameRule(pattern.to_string()));
        }
        let tx = self.write()?;
        let id = tx.query_row(
            "INSERT INTO wording_rules (pattern, standard, note) VALUES (?1, ?2, ?3)
             ON CONFLICT(pattern) DO UPDATE SET standard = excluded.standard, note = excluded.note
             RETURNING id",
            params![pattern, standard, note],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Removes a wording rule; `false` when there was none with that id.
    pub fn delete_wording_rule(&self, id: i64) -> Result<bool> {
        let tx = self.write()?;
        let n = tx.execute("DELETE FROM wording_rules WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use lectern_text::check::Checker;

    use crate::{Library, LibraryError};

    #[test]
    fn user_rules_are_kept_in_the_file_and_used_by_the_checker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        {
            let lib = Library::open(&path).unwrap();
            let id = lib.add_wording_rule(" 两学一做 ", "“两学一做”", "专有略语加引号").unwrap();
            // The same pattern again replaces the rule.
            assert_eq!(lib.add_wording_rule("两学一做", "“两学一做”学习教育", "单位通知").unwrap(), id);
            lib.add_wording_rule("三严三实", "“三严三实”", "").unwrap();
            assert!(matches!(lib.add_wording_rule("  ", "x", ""), Err(LibraryError::EmptyRule)));
            assert!(matches!(lib.add_wording_rule("x", " ", ""), Err(LibraryError::EmptyRule)));
            // A rule whose standard form is its pattern is refused, in Chinese, and not kept.
            let same = lib.add_wording_rule("两学一做 ", " 两学一做", "").unwrap_err();
            assert_eq!(same.to_string(), "规范写法与原写法相同：「两学一做」不必改");
        }
        let lib = Library::open(&path).unwrap();
        let rules = lib.wording_rules().unwrap();
        assert_eq!(rules.iter().map(|r| r.rule.pattern.as_str()).collect::<Vec<_>>(), ["两学一做", "三严三实"]);
        assert_eq!(rules[0].rule.standard, "“两学一做”学习教育");

        let user: Vec<_> = rules.iter().map(|r| r.rule.clone()).collect();
        let text = "开展两学一做，践行“三严三实”。";
        let found = Checker::new(&user).check(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].start, found[0].end, found[0].found.as_str()), (2, 6, "两学一做"));
        assert_eq!(found[0].suggestion.as_deref(), Some("“两学一做”学习教育"));
        assert!(found[0].message.contains("单位通知"));

        assert!(lib.delete_wording_rule(rules[0].id).unwrap());
        assert!(!lib.delete_wording_rule(rules[0].id).unwrap());
        assert_eq!(lib.wording_rules().unwrap().len(), 1);
    }

    #[test]
    fn the_library_export_carries_the_user_rules_and_the_merge_adds_the_missing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("export.json");
        let from = Library::open(&dir.path().join("a.db")).unwrap();
        from.add_wording_rule("两学一做", "“两学一做”学习教育", "单位通知").unwrap();
        from.add_wording_rule("三严三实", "“三严三实”", "").unwrap();
        from.export_library(&file).unwrap();

        let into = Library::open(&dir.path().join("b.db")).unwrap();
        into.add_wording_rule("三严三实", "“三严三实”专题教育", "本单位的写法").unwrap();
        let report = into.import_library(&file).unwrap();
        assert_eq!(report.rules_added, 1);
        let rules: Vec<(String, String, String)> =
            into.wording_rules().unwrap().into_iter().map(|r| (r.rule.pattern, r.rule.standard, r.rule.note)).collect();
        assert_eq!(
            rules,
            [
                ("三严三实".to_string(), "“三严三实”专题教育".to_string(), "本单位的写法".to_string()),
                ("两学一做".to_string(), "“两学一做”学习教育".to_string(), "单位通知".to_string()),
            ]
        );
        // Merging again adds nothing; a file from before the rules existed still merges.
        assert_eq!(into.import_library(&file).unwrap().rules_added, 0);
        let old = dir.path().join("old.json");
        std::fs::write(&old, r#"{"format":"lectern-library","version":1,"lectures":[]}"#).unwrap();
        assert_eq!(into.import_library(&old).unwrap().rules_added, 0);
        assert_eq!(into.wording_rules().unwrap().len(), 2);
    }
}
