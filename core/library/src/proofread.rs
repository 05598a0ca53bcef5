//! 校对 for a lecture in the library: the core's findings
//! (`lectern_text::check`) with the library's own wording rules, less the
//! findings the user ignored (忽略) in this lecture and the rules switched
//! off (不再检查) for the whole library; and the fixes of one rule (全部改)
//! from the same findings.
//!
//! Positions here are the editor's: UTF-16 code units of the text checked,
//! as in `lectern_text::analysis`, so the window converts no offsets.
//!
//! An ignored finding is remembered by its rule, the text found and up to
//! [`CONTEXT`] letters or Han characters either side on its line
//! (punctuation and spaces skipped): it stays ignored when the text changes
//! elsewhere, or when a mark beside it is fixed, and two occurrences in
//! different sentences are told apart.
//!
//! What 不再检查 switches off is a finding's `rule_key`: its rule id, except
//! for standard wordings, where each pattern is a rule of its own
//! (`wording:二十大精神`), so switching off one wording keeps the others.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use lectern_text::check::{self, Checker, Finding, WordingRule};
use lectern_text::counter::Counter;

use super::{Library, LibraryError, Result};

/// Letters or Han characters kept either side of an ignored finding.
pub const CONTEXT: usize = 4;

/// What identifies a finding the user ignored in a lecture.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IgnoreKey {
    pub rule: String,
    pub found: String,
    pub before: String,
    pub after: String,
}

/// One finding as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProofFinding {
    pub rule: String,
    /// What 不再检查 switches off (see the module's doc).
    pub rule_key: String,
    /// The rule's Chinese name ([`rule_name`]).
    pub rule_name: String,
    /// The category's Chinese name (标点, 序号 …).
    pub category: String,
    /// The category's ASCII name (punct, ordinal …), for the underline's colour.
    pub category_key: String,
    /// UTF-16 positions of the span in the text checked.
    pub start: usize,
    pub end: usize,
    pub found: String,
    /// The span's replacement when it is certain ("" deletes it).
    pub suggestion: Option<String>,
    pub message: String,
    /// What 忽略 remembers.
    pub ignore: IgnoreKey,
}

/// A rule switched off for the whole library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DisabledRule {
    pub rule_key: String,
    /// Its Chinese name ([`rule_name`]).
    pub name: String,
}

/// A lecture's 校对.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Proofread {
    /// The findings left, by category (the core's order: 标点, 序号, 数字 …), then by position.
    pub findings: Vec<ProofFinding>,
    /// How many findings are hidden because they were ignored in this lecture.
    pub ignored: usize,
    /// The rules switched off, oldest first.
    pub disabled: Vec<DisabledRule>,
}

/// One replacement in UTF-16 positions of the text checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FixEdit {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// The Chinese name of a rule (a finding's `rule_key`), as the pane names
/// it when offering 不再检查 and when listing the rules switched off.
pub fn rule_name(rule_key: &str) -> String {
    if let Some(pattern) = rule_key.strip_prefix("wording:") {
        return format!("规范表述「{pattern}」");
    }
    let name = match rule_key {
        "punct.half_width" => "中文里的半角标点",
        "punct.pair_unclosed" => "成对标点缺后一半",
        "punct.pair_unopened" => "成对标点缺前一半",
        "punct.pair_reversed" => "成对标点前后颠倒",
        "punct.repeated" => "标点重复",
        "punct.clash" => "标点连用",
        "punct.ellipsis" => "省略号的写法",
        "punct.dash" => "破折号的写法",
        "punct.dunhao_deng" => "「等」前的顿号",
        "ordinal.mark" => "序号后的标点",
        "ordinal.half_width" => "序号里的半角标点",
        "ordinal.numbering_gap" => "序号跳号",
        "ordinal.numbering_repeat" => "序号重复",
        "ordinal.numbering_order" => "序号次序",
        "ordinal.numbering_mixed_form" => "同级序号形式不一",
        "ordinal.numbering_mixed_style" => "同级序号样式不一",
        "number.full_width" => "全角数字和字母",
        "number.year_two_ways" => "年份写法不一",
        "space.between_han" => "汉字之间的空格",
        "space.before_punct" => "标点前的空格",
        "doubled.char" => "重字",
        "wording" => "规范表述",
        other => other,
    };
    name.to_string()
}

/// What 不再检查 switches off for `f`.
pub fn rule_key(f: &Finding) -> String {
    if f.rule == "wording" {
        format!("wording:{}", f.found)
    } else {
        f.rule.clone()
    }
}

/// Up to [`CONTEXT`] letters or Han characters, nearest first, walking from
/// a finding along its line.
fn context(chars: impl Iterator<Item = char>) -> String {
    chars.take_while(|&c| c != '\n').filter(|c| c.is_alphanumeric()).take(CONTEXT).collect()
}

/// The key 忽略 stores for each finding of `text`.
fn ignore_keys(text: &str, findings: &[Finding]) -> Vec<IgnoreKey> {
    let chars: Vec<char> = text.chars().collect();
    findings
        .iter()
        .map(|f| {
            let (s, e) = (f.start.min(chars.len()), f.end.min(chars.len()));
            let mut before: Vec<char> = context(chars[..s].iter().rev().copied()).chars().collect();
            before.reverse();
            IgnoreKey {
                rule: f.rule.clone(),
                found: f.found.clone(),
                before: before.into_iter().collect(),
                after: context(chars[e..].iter().copied()),
            }
        })
        .collect()
}

/// The findings ignored in `lecture` (for the library's export too).
pub(crate) fn ignores_of(conn: &Connection, lecture: i64) -> Result<Vec<IgnoreKey>> {
    let mut stmt = conn.prepare_cached("SELECT rule, found, before, after FROM check_ignores WHERE lecture_id = ?1 ORDER BY created_at")?;
    let rows = stmt.query_map([lecture], |r| Ok(IgnoreKey { rule: r.get(0)?, found: r.get(1)?, before: r.get(2)?, after: r.get(3)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Remembers findings as ignored in `lecture` (those already remembered stay as they are).
pub(crate) fn add_ignores(conn: &Connection, lecture: i64, keys: &[IgnoreKey]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO check_ignores (lecture_id, rule, found, before, after) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for k in keys {
        stmt.execute(params![lecture, k.rule, k.found, k.before, k.after])?;
    }
    Ok(())
}

/// The rule keys switched off (for the library's export too).
pub(crate) fn disabled_keys(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT rule FROM check_disabled ORDER BY created_at, rule")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Switches rules off (those already off stay as they are).
pub(crate) fn add_disabled(conn: &Connection, keys: &[String]) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT INTO check_disabled (rule, label) VALUES (?1, ?2) ON CONFLICT(rule) DO NOTHING")?;
    for k in keys.iter().filter(|k| !k.trim().is_empty()) {
        stmt.execute(params![k, rule_name(k)])?;
    }
    Ok(())
}

impl Library {
    /// The checker with this library's wording rules.
    fn checker(&self) -> Result<Checker> {
        let user: Vec<WordingRule> = self.wording_rules()?.into_iter().map(|r| r.rule).collect();
        Ok(Checker::new(&user))
    }

    fn ensure_lecture(&self, lecture: i64) -> Result<()> {
        let known = self.conn.prepare_cached("SELECT 1 FROM lectures WHERE id = ?1")?.query_row([lecture], |_| Ok(())).optional()?;
        known.ok_or(LibraryError::NotFound(lecture))
    }

    /// The findings of `text` (lecture `lecture` as being edited) that are
    /// neither ignored in it nor of a rule switched off, with their keys.
    fn kept_findings(&self, lecture: i64, text: &str) -> Result<(Vec<(Finding, IgnoreKey)>, usize)> {
        self.ensure_lecture(lecture)?;
        let findings = self.checker()?.check(text);
        let disabled: std::collections::HashSet<String> = self.disabled_rules()?.into_iter().map(|d| d.rule_key).collect();
        let ignored: std::collections::HashSet<IgnoreKey> = self.ignores(lecture)?.into_iter().collect();
        let keys = ignore_keys(text, &findings);
        let mut hidden = 0;
        let kept = findings
            .into_iter()
            .zip(keys)
            .filter(|(f, _)| !disabled.contains(&rule_key(f)))
            .filter(|(_, k)| {
                let hide = ignored.contains(k);
                hidden += hide as usize;
                !hide
            })
            .collect();
        Ok((kept, hidden))
    }

    /// 校对 of `text`, the text of lecture `lecture` as being edited.
    pub fn proofread(&self, lecture: i64, text: &str) -> Result<Proofread> {
        let (mut kept, ignored) = self.kept_findings(lecture, text)?;
        // The pane's order: by category (the core's order: 标点, 序号, 数字 …), then by position.
        kept.sort_by_key(|(f, _)| (f.category, f.start));
        let counter = Counter::new(text);
        let findings = kept
            .into_iter()
            .map(|(f, ignore)| ProofFinding {
                rule_key: rule_key(&f),
                rule_name: rule_name(&rule_key(&f)),
                category: f.category.label().to_string(),
                category_key: f.category.key().to_string(),
                start: counter.utf16(f.start),
                end: counter.utf16(f.end),
                rule: f.rule,
                found: f.found,
                suggestion: f.suggestion,
                message: f.message,
                ignore,
            })
            .collect();
        Ok(Proofread { findings, ignored, disabled: self.disabled_rules()? })
    }

    /// 全部改: the fixes of every finding of `rule_key` shown for `text`
    /// (every finding when `None`), in order and not overlapping (the
    /// core's [`check::fixes`]), as one list the editor applies as one step.
    pub fn proofread_fixes(&self, lecture: i64, text: &str, rule_key_: Option<&str>) -> Result<Vec<FixEdit>> {
        let (kept, _) = self.kept_findings(lecture, text)?;
        let chosen: Vec<Finding> = kept.into_iter().map(|(f, _)| f).filter(|f| rule_key_.is_none_or(|k| rule_key(f) == k)).collect();
        let counter = Counter::new(text);
        Ok(check::fixes(&chosen, None)
            .into_iter()
            .map(|e| FixEdit { from: counter.utf16(e.start), to: counter.utf16(e.end), insert: e.insert })
            .collect())
    }

    /// 忽略: remembers a finding as ignored in `lecture`.
    pub fn ignore_finding(&self, lecture: i64, key: &IgnoreKey) -> Result<()> {
        self.ensure_lecture(lecture)?;
        let tx = self.write()?;
        add_ignores(&tx, lecture, std::slice::from_ref(key))?;
        tx.commit()?;
        Ok(())
    }

    /// The findings ignored in `lecture`.
    pub fn ignores(&self, lecture: i64) -> Result<Vec<IgnoreKey>> {
        ignores_of(&self.conn, lecture)
    }

    /// Forgets every finding ignored in `lecture`; returns how many there were.
    pub fn clear_ignores(&self, lecture: i64) -> Result<usize> {
        let tx = self.write()?;
        let n = tx.execute("DELETE FROM check_ignores WHERE lecture_id = ?1", [lecture])?;
        tx.commit()?;
        Ok(n)
    }

    /// 不再检查: switches a rule (a finding's `rule_key`) off, or on again,
    /// for the whole library.
    pub fn set_rule_disabled(&self, rule_key: &str, disabled: bool) -> Result<()> {
        let tx = self.write()?;
        if disabled {
            add_disabled(&tx, &[rule_key.to_string()])?;
        } else {
            tx.execute("DELETE FROM check_disabled WHERE rule = ?1", [rule_key])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The rules switched off, oldest first.
    pub fn disabled_rules(&self) -> Result<Vec<DisabledRule>> {
        Ok(disabled_keys(&self.conn)?.into_iter().map(|rule_key| DisabledRule { name: rule_name(&rule_key), rule_key }).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewLecture;

    fn lecture(lib: &Library, body: &str) -> i64 {
        lib.add(&NewLecture { title: "校对".into(), body: body.into(), ..Default::default() }).unwrap()
    }

    fn found(p: &Proofread) -> Vec<(&str, &str)> {
        p.findings.iter().map(|f| (f.rule.as_str(), f.found.as_str())).collect()
    }

    #[test]
    fn an_ignored_finding_stays_ignored_in_its_lecture_across_edits_elsewhere_and_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let text = "我们要要坚持党的领导,不动摇。\n我们要要坚持学习。";
        let (a, b) = {
            let lib = Library::open(&path).unwrap();
            let (a, b) = (lecture(&lib, text), lecture(&lib, text));
            let p = lib.proofread(a, text).unwrap();
            // By category (标点 before 重字), then by position.
            assert_eq!(found(&p), [("punct.half_width", ","), ("doubled.char", "要要"), ("doubled.char", "要要")]);
            assert_eq!([p.findings[1].start, p.findings[2].start], [2, 18]);
            assert_eq!(p.findings[1].ignore.before, "我们");
            assert_eq!(p.findings[1].ignore.after, "坚持党的");
            lib.ignore_finding(a, &p.findings[1].ignore).unwrap();
            lib.ignore_finding(a, &p.findings[1].ignore).unwrap();
            (a, b)
        };
        let lib = Library::open(&path).unwrap();
        // The first 要要 only: the second, in another sentence, is still shown.
        let p = lib.proofread(a, text).unwrap();
        assert_eq!(found(&p), [("punct.half_width", ","), ("doubled.char", "要要")]);
        assert_eq!(p.ignored, 1);
        // Edits elsewhere, and the comma beside it fixed, keep it ignored.
        let edited = "前言。\n我们要要坚持党的领导，不动摇。\n我们要要坚持学习。";
        let p = lib.proofread(a, edited).unwrap();
        assert_eq!(found(&p), [("doubled.char", "要要")]);
        assert_eq!(p.findings[0].start, 22, "the second sentence's 要要");
        // In the other lecture nothing is ignored.
        assert_eq!(lib.proofread(b, text).unwrap().findings.len(), 3);
        // Editing the words beside it brings it back.
        assert_eq!(lib.proofread(a, "我们要要坚决,不动摇。").unwrap().findings.len(), 2);
        assert_eq!(lib.clear_ignores(a).unwrap(), 1);
        assert_eq!(lib.proofread(a, text).unwrap().findings.len(), 3);
        assert!(matches!(lib.proofread(999, text), Err(LibraryError::NotFound(999))));
    }

    #[test]
    fn a_rule_switched_off_is_off_in_every_lecture_until_switched_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let text = "学习二十大精神,贯彻新发展理念。我们要要落实。";
        let a = {
            let lib = Library::open(&path).unwrap();
            let a = lecture(&lib, text);
            let p = lib.proofread(a, text).unwrap();
            let keys: Vec<&str> = p.findings.iter().map(|f| f.rule_key.as_str()).collect();
            assert_eq!(keys, ["punct.half_width", "doubled.char", "wording:二十大精神"]);
            assert_eq!(p.findings.iter().map(|f| f.category_key.as_str()).collect::<Vec<_>>(), ["punct", "doubled", "wording"]);
            assert_eq!(p.findings[1].rule_name, "重字");
            lib.set_rule_disabled("punct.half_width", true).unwrap();
            lib.set_rule_disabled("wording:二十大精神", true).unwrap();
            a
        };
        let lib = Library::open(&path).unwrap();
        let b = lecture(&lib, text);
        for id in [a, b] {
            let p = lib.proofread(id, text).unwrap();
            assert_eq!(found(&p), [("doubled.char", "要要")]);
            assert_eq!(p.disabled.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["中文里的半角标点", "规范表述「二十大精神」"]);
        }
        // Another wording rule is still checked.
        lib.add_wording_rule("两学一做", "“两学一做”学习教育", "").unwrap();
        assert_eq!(found(&lib.proofread(a, "开展两学一做。").unwrap()), [("wording", "两学一做")]);
        lib.set_rule_disabled("punct.half_width", false).unwrap();
        assert_eq!(lib.proofread(a, text).unwrap().findings.len(), 2);
        assert_eq!(lib.disabled_rules().unwrap().len(), 1);
    }

    #[test]
    fn fixes_of_one_rule_are_in_utf16_positions_and_leave_ignored_findings_alone() {
        let lib = Library::open_in_memory().unwrap();
        // U+20000 is two UTF-16 units: every later position moves by one.
        let text = "𠀀字,第一,我们要要坚持,不动摇。";
        let a = lecture(&lib, text);
        let p = lib.proofread(a, text).unwrap();
        let comma: Vec<(usize, usize)> = p.findings.iter().filter(|f| f.rule == "punct.half_width").map(|f| (f.start, f.end)).collect();
        let units = |i: usize| text.char_indices().nth(i).map_or(text.encode_utf16().count(), |(b, _)| text[..b].encode_utf16().count());
        assert_eq!(comma, [(units(2), units(3)), (units(5), units(6)), (units(12), units(13))]);
        // Ignore the second comma; 全部改 then fixes the other two.
        lib.ignore_finding(a, &p.findings.iter().filter(|f| f.rule == "punct.half_width").nth(1).unwrap().ignore).unwrap();
        let edits = lib.proofread_fixes(a, text, Some("punct.half_width")).unwrap();
        assert_eq!(edits, [FixEdit { from: 3, to: 4, insert: "，".into() }, FixEdit { from: 13, to: 14, insert: "，".into() }]);
        let mut units16: Vec<u16> = text.encode_utf16().collect();
        for e in edits.iter().rev() {
            units16.splice(e.from..e.to, e.insert.encode_utf16());
        }
        assert_eq!(String::from_utf16(&units16).unwrap(), "𠀀字，第一,我们要要坚持，不动摇。");
        assert_eq!(lib.proofread_fixes(a, text, Some("doubled.char")).unwrap().len(), 1);
    }

    #[test]
    fn every_rule_found_in_the_test_lecture_has_a_chinese_name() {
        let lib = Library::open_in_memory().unwrap();
        let text = include_str!("../../../tests/data/check/lecture-20-errors.txt");
        let a = lecture(&lib, text);
        let p = lib.proofread(a, text).unwrap();
        assert!(p.findings.len() >= 18);
        for f in &p.findings {
            assert!(!f.rule_name.is_ascii(), "{} has no Chinese name", f.rule_key);
        }
    }

    #[test]
    fn ignored_findings_and_rules_switched_off_go_with_the_library_export() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("export.json");
        let text = "我们要要坚持党的领导,不动摇。\n我们要要坚持学习。";
        let from = Library::open(&dir.path().join("a.db")).unwrap();
        let a = lecture(&from, text);
        let p = from.proofread(a, text).unwrap();
        let first_doubled = p.findings.iter().find(|f| f.rule == "doubled.char").unwrap();
        assert_eq!(first_doubled.start, 2);
        from.ignore_finding(a, &first_doubled.ignore).unwrap();
        from.set_rule_disabled("punct.half_width", true).unwrap();
        from.export_library(&file).unwrap();

        let into = Library::open(&dir.path().join("b.db")).unwrap();
        into.set_rule_disabled("space.between_han", true).unwrap();
        into.import_library(&file).unwrap();
        let b = into.list().unwrap().into_iter().find(|l| l.title == "校对").unwrap().id;
        let p = into.proofread(b, text).unwrap();
        assert_eq!(found(&p), [("doubled.char", "要要")]);
        assert_eq!(p.findings[0].start, 18, "the second sentence's 要要 is still shown");
        assert_eq!(p.ignored, 1);
        // Both switched off (in the order switched off; one millisecond may hold both, so sorted here).
        let mut off: Vec<String> = p.disabled.into_iter().map(|d| d.rule_key).collect();
        off.sort();
        assert_eq!(off, ["punct.half_width", "space.between_han"]);
        // Merging the same file again changes nothing.
        into.import_library(&file).unwrap();
        assert_eq!(into.ignores(b).unwrap().len(), 1);
        assert_eq!(into.disabled_rules().unwrap().len(), 2);
    }
}
