//! `lectern rules` as a user runs it: a wording rule added from the command
//! line is listed, used by `lectern check --db`, carried by the library
//! export into another library, and removed by id or by pattern.

use std::path::Path;
use std::process::{Command, Output};

fn lectern(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern")).arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let o = lectern(db, args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn patterns(db: &Path) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_str(&ok(db, &["rules", "list", "--json"])).unwrap();
    list.as_array().unwrap().iter().map(|r| r["pattern"].as_str().unwrap().to_string()).collect()
}

#[test]
fn rules_added_on_the_command_line_are_listed_checked_exported_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let text = dir.path().join("lecture.txt");
    std::fs::write(&text, "我们开展两学一做，践行三严三实。\n").unwrap();

    assert!(ok(&db, &["rules", "list"]).contains("共 0 条"));
    let id = ok(&db, &["rules", "add", "两学一做", "“两学一做”学习教育", "--note", "单位通知"]);
    let id: i64 = id.trim().parse().unwrap();
    ok(&db, &["rules", "add", "三严三实", "“三严三实”"]);
    let listed = ok(&db, &["rules", "list"]);
    assert!(listed.contains("两学一做\t→ “两学一做”学习教育\t（单位通知）"), "{listed}");
    assert!(listed.contains("共 2 条"), "{listed}");

    let found: serde_json::Value = serde_json::from_str(&ok(&db, &["check", "--json", text.to_str().unwrap()])).unwrap();
    let spans: Vec<(u64, u64, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap(), f["suggestion"].as_str().unwrap()))
        .collect();
    assert_eq!(spans, [(4, 8, "“两学一做”学习教育"), (11, 15, "“三严三实”")]);

    // The library export carries them into another library.
    let file = dir.path().join("export.json");
    ok(&db, &["export-library", file.to_str().unwrap()]);
    let other = dir.path().join("other.db");
    let merged = ok(&other, &["import-library", file.to_str().unwrap()]);
    assert!(merged.contains("新增规范表述 2 条"), "{merged}");
    assert_eq!(patterns(&other), ["两学一做", "三严三实"]);

    // Removed by id and by pattern; a rule not there is one clear line and exit 1.
    ok(&db, &["rules", "remove", &id.to_string()]);
    assert_eq!(patterns(&db), ["三严三实"]);
    ok(&db, &["rules", "remove", "三严三实"]);
    assert!(patterns(&db).is_empty());
    let missing = lectern(&db, &["rules", "remove", "三严三实"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("没有这条规范表述：三严三实"));
    let empty = lectern(&db, &["rules", "add", " ", "x"]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("不能为空"));
}

#[test]
fn check_with_db_leaves_out_the_rules_switched_off_in_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let text = dir.path().join("lecture.txt");
    std::fs::write(&text, "我们要要学习二十大精神,坚持到底。\n").unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        let found: serde_json::Value = serde_json::from_str(&ok(&db, args)).unwrap();
        found.as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
    };
    let path = text.to_str().unwrap();
    assert_eq!(rules(&["check", "--json", path]), ["doubled.char", "wording", "punct.half_width"]);
    {
        // 不再检查 in the app, on one wording and on the half-width marks.
        let lib = lectern_library::Library::open(&db).unwrap();
        lib.set_rule_disabled("punct.half_width", true).unwrap();
        lib.set_rule_disabled("wording:二十大精神", true).unwrap();
    }
    assert_eq!(rules(&["check", "--json", path]), ["doubled.char"]);
    // Without --db nothing is switched off.
    let o = Command::new(env!("CARGO_BIN_EXE_lectern")).args(["check", "--json", path]).output().unwrap();
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap().as_array().unwrap().len(), 3);
}
