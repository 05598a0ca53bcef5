//! The library's API as the app uses it: saving with automatic snapshots,
//! restore, search kept in step with edits, merging libraries, pasting text.

use std::path::{Path, PathBuf};

use lectern_library::{AutoSnapshotRule, ImportOutcome, Library, LibraryError, NewLecture, SnapshotKind};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/library").join(name)
}

fn open(dir: &tempfile::TempDir, name: &str) -> Library {
    Library::open(&dir.path().join(name)).unwrap()
}

fn added(outcome: &ImportOutcome) -> i64 {
    match outcome {
        ImportOutcome::Added { id, .. } => *id,
        other => panic!("not added: {other:?}"),
    }
}

fn ids(hits: &[lectern_library::SearchHit]) -> Vec<i64> {
    hits.iter().map(|h| h.id).collect()
}

#[test]
fn the_first_edit_keeps_the_original_then_large_edits_are_snapshotted() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir, "l.db");
    let original = std::fs::read_to_string(data("rural-revitalization.txt")).unwrap();
    let id = lib.add(&NewLecture { title: "乡村振兴".into(), body: original.clone(), ..Default::default() }).unwrap();

    // First edit: the imported original is kept.
    let s = lib.update_body(id, &format!("{original}补充一句。")).unwrap();
    let snap = s.auto_snapshot.expect("the original is kept before the first edit");
    assert_eq!(lib.get_snapshot(snap.id).unwrap().body, original);
    assert_eq!(snap.kind, SnapshotKind::Auto);

    // Small edits accumulate without snapshots …
    let mut text = format!("{original}补充一句。");
    for i in 0..9 {
        text.push_str(&"新增内容".repeat(10)); // 40 characters each save
        let s = lib.update_body(id, &text).unwrap();
        assert!(s.auto_snapshot.is_none(), "save {i}: {s:?}");
    }
    assert_eq!(lib.snapshots(id).unwrap().len(), 1);
    // … until the edits since the last snapshot reach 500 characters: the
    // text before this save is kept.
    let before = text.clone();
    text.push_str(&"再加一段".repeat(40)); // 160 more: 1 + 360 + 160 ≥ 500
    let s = lib.update_body(id, &text).unwrap();
    let snap = s.auto_snapshot.expect("500 changed characters take a snapshot");
    assert_eq!(lib.get_snapshot(snap.id).unwrap().body, before);
    assert_eq!(lib.get(id).unwrap().body, text);

    // Saving the same text again writes nothing.
    let updated = lib.get(id).unwrap().updated_at;
    let s = lib.update_body(id, &text).unwrap();
    assert!(!s.changed && s.auto_snapshot.is_none());
    assert_eq!(lib.get(id).unwrap().updated_at, updated);
}

#[test]
fn edits_older_than_the_rules_age_are_snapshotted_at_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir, "l.db");
    let id = lib.create("").unwrap();
    assert_eq!(lib.get(id).unwrap().title, "未命名讲稿");
    // Typing into a new lecture: the empty start is not worth a snapshot.
    assert!(lib.update_body(id, "同").unwrap().auto_snapshot.is_none());
    assert!(lib.update_body(id, "同志").unwrap().auto_snapshot.is_none());
    lib.set_auto_snapshot_rule(AutoSnapshotRule { min_edit_chars: 1_000_000, max_age_secs: 0 });
    let s = lib.update_body(id, "同志们").unwrap();
    let snap = s.auto_snapshot.expect("pending edits older than max_age are kept");
    assert_eq!(lib.get_snapshot(snap.id).unwrap().body, "同志");
}

#[test]
fn restore_keeps_the_replaced_text_and_refuses_another_lectures_snapshot() {
    let lib = Library::open_in_memory().unwrap();
    let a = lib.add(&NewLecture { title: "甲".into(), body: "第一稿".into(), ..Default::default() }).unwrap();
    let b = lib.add(&NewLecture { title: "乙".into(), body: "另一篇".into(), ..Default::default() }).unwrap();
    let first = lib.snapshot(a, Some("第一稿")).unwrap();
    lib.update_body(a, "第二稿，改了很多").unwrap();
    let out = lib.restore(a, first.id).unwrap();
    assert!(out.changed);
    let safety = out.safety_snapshot.expect("the replaced text is kept");
    assert_eq!(lib.get_snapshot(safety.id).unwrap().body, "第二稿，改了很多");
    assert_eq!(lib.get(a).unwrap().body, "第一稿");
    // Restoring again: nothing to do, nothing added.
    let n = lib.snapshots(a).unwrap().len();
    assert!(!lib.restore(a, first.id).unwrap().changed);
    assert_eq!(lib.snapshots(a).unwrap().len(), n);
    assert!(matches!(lib.restore(b, first.id), Err(LibraryError::SnapshotNotFound { .. })));
    assert_eq!(lib.get(b).unwrap().body, "另一篇");
}

#[test]
fn search_follows_edits_titles_and_the_trash() {
    let lib = Library::open_in_memory().unwrap();
    let a = lib.add(&NewLecture { title: "关于作风建设".into(), body: "要加强作风建设，密切联系群众。".into(), ..Default::default() }).unwrap();
    let b = lib
        .add(&NewLecture { title: "学习体会".into(), body: "作风问题关系人心向背，作风建设永远在路上。".into(), ..Default::default() })
        .unwrap();
    // A title hit weighs more than body hits.
    assert_eq!(ids(&lib.search("作风建设", 10).unwrap()), vec![a, b]);
    assert_eq!(ids(&lib.search("作风", 10).unwrap())[0], a);

    // Edits reach both indexes at once.
    lib.update_body(b, "生态环境保护是功在当代、利在千秋的事业。").unwrap();
    assert_eq!(ids(&lib.search("作风建设", 10).unwrap()), vec![a]);
    assert_eq!(ids(&lib.search("风", 10).unwrap()), vec![a]);
    assert_eq!(ids(&lib.search("千秋", 10).unwrap()), vec![b]);
    assert_eq!(ids(&lib.search("利在千秋", 10).unwrap()), vec![b]);
    lib.set_title(b, "生态文明").unwrap();
    let hits = lib.search("文明", 10).unwrap();
    assert_eq!(ids(&hits), vec![b]);
    assert!(hits[0].title_parts.iter().any(|p| p.is_match && p.text == "文明"));
    assert!(matches!(lib.set_title(b, "  "), Err(LibraryError::EmptyTitle)));

    lib.delete(a).unwrap();
    assert!(lib.search("作风", 10).unwrap().is_empty());
    assert!(lib.search("作风建设", 10).unwrap().is_empty());
    lib.restore_deleted(a).unwrap();
    assert_eq!(ids(&lib.search("作风", 10).unwrap()), vec![a]);

    // Rebuilding the indexes gives the same answers.
    lib.rebuild_search_index().unwrap();
    assert_eq!(ids(&lib.search("作风", 10).unwrap()), vec![a]);
    assert_eq!(ids(&lib.search("功在当代", 10).unwrap()), vec![b]);
    // Latin letters and digits, any case.
    lib.update_body(b, "推进5G网络和AI应用。").unwrap();
    assert_eq!(ids(&lib.search("5g", 10).unwrap()), vec![b]);
    assert_eq!(ids(&lib.search("ai应用", 10).unwrap()), vec![b]);
    // An empty query, or one of punctuation only, finds nothing.
    assert!(lib.search("  ", 10).unwrap().is_empty());
    assert!(lib.search("，", 10).unwrap().is_empty());
}

#[test]
fn files_in_gbk_are_imported_through_the_text_engine() {
    let lib = Library::open_in_memory().unwrap();
    let reports = lib.import_files(&[data("gbk-lecture.txt")]);
    let id = added(&reports[0].outcome);
    let l = lib.get(id).unwrap();
    assert_eq!(l.title, "传承红色基因 争做时代先锋");
    assert_eq!(l.source.as_deref(), Some("gbk-lecture.txt"));
    assert_eq!(ids(&lib.search("红色基因", 10).unwrap()), vec![id]);
}

#[test]
fn a_pasted_web_clipping_is_cleaned_keeps_its_metadata_and_is_not_added_twice() {
    let lib = Library::open_in_memory().unwrap();
    let raw = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/web-clip-lecture.txt")).unwrap();
    let id = added(&lib.import_text(&raw, Some("https://example.org/a.html")).unwrap());
    let l = lib.get(id).unwrap();
    assert_eq!(l.date.as_deref(), Some("2025-02-07"));
    assert_eq!(l.category.as_deref(), Some("讲稿讲义"));
    assert!(!l.body.contains("付费复制"), "site furniture is dropped");
    assert!(l.body.contains("城乡融合发展"));
    match lib.import_text(&raw, None).unwrap() {
        ImportOutcome::Duplicate { id: dup, in_trash: false, .. } => assert_eq!(dup, id),
        other => panic!("{other:?}"),
    }
    // Still recognised after the lecture was edited and moved to the trash.
    lib.update_body(id, "改写后的稿子").unwrap();
    lib.delete(id).unwrap();
    match lib.import_text(&raw, None).unwrap() {
        ImportOutcome::Duplicate { id: dup, in_trash: true, .. } => assert_eq!(dup, id),
        other => panic!("{other:?}"),
    }
}

#[test]
fn tags_lineage_and_info() {
    let lib = Library::open_in_memory().unwrap();
    let a = lib.add(&NewLecture { title: "原稿".into(), body: "原稿正文".into(), ..Default::default() }).unwrap();
    assert_eq!(lib.add_tags(a, &["党史".into(), "学习".into(), "党史".into()]).unwrap(), vec!["党史", "学习"]);
    assert!(matches!(lib.add_tags(a, &[" ".into()]), Err(LibraryError::EmptyTag)));
    let b = lib.adapt(a).unwrap();
    let c = lib.adapt(b).unwrap();
    let lineage: Vec<i64> = lib.lineage(c).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(lineage, vec![b, a]);
    assert_eq!(lib.adaptations(a).unwrap().iter().map(|r| r.id).collect::<Vec<_>>(), vec![b]);
    assert_eq!(lib.get(c).unwrap().tags, vec!["党史", "学习"]);
    let counts = lib.tags().unwrap();
    assert_eq!(counts.iter().find(|t| t.name == "党史").unwrap().count, 3);
    lib.delete(c).unwrap();
    assert_eq!(lib.tags().unwrap().iter().find(|t| t.name == "党史").unwrap().count, 2);
    assert_eq!(lib.remove_tags(a, &["学习".into()]).unwrap(), vec!["党史"]);
    assert_eq!(lib.set_tags(a, &["七一".into()]).unwrap(), vec!["七一"]);
    assert_eq!(lib.list_tagged("七一").unwrap().iter().map(|l| l.id).collect::<Vec<_>>(), vec![a]);

    let info = lectern_library::LectureInfo {
        title: "新标题".into(),
        source: Some("会议材料".into()),
        date: Some("2024-07-01".into()),
        category: None,
        speaker: Some("王书记".into()),
    };
    lib.set_info(a, &info).unwrap();
    let l = lib.get(a).unwrap();
    assert_eq!((l.title.as_str(), l.speaker.as_deref(), l.date.as_deref()), ("新标题", Some("王书记"), Some("2024-07-01")));
    assert!(matches!(lib.get(999), Err(LibraryError::NotFound(999))));
    assert!(matches!(lib.update_body(999, "x"), Err(LibraryError::NotFound(999))));
}

#[test]
fn merging_keeps_the_newer_text_and_the_older_as_a_snapshot_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let home = open(&dir, "home.db");
    let office = open(&dir, "office.db");
    let id = home.add(&NewLecture { title: "七一党课".into(), body: "初稿".into(), ..Default::default() }).unwrap();
    let file = dir.path().join("move.json");
    home.export_library(&file).unwrap();
    let report = office.import_library(&file).unwrap();
    assert_eq!((report.added, report.updated), (1, 0));
    let office_id = office.list().unwrap()[0].id;

    // Both edit; the office's edit is the newer one.
    home.update_body(id, "家里改的稿子").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    office.update_body(office_id, "单位改的稿子").unwrap();

    // Home merges the office's file: the newer office text wins, home's is a snapshot.
    let office_file = dir.path().join("office.json");
    office.export_library(&office_file).unwrap();
    let r = home.import_library(&office_file).unwrap();
    assert_eq!((r.added, r.updated), (0, 1));
    assert_eq!(home.get(id).unwrap().body, "单位改的稿子");
    let texts: Vec<String> = home.snapshots(id).unwrap().iter().map(|s| home.get_snapshot(s.id).unwrap().body).collect();
    assert!(texts.contains(&"家里改的稿子".to_string()), "{texts:?}");
    assert!(texts.contains(&"初稿".to_string()), "{texts:?}");

    // The office merges home's older export: its own text stays, home's is kept as a snapshot.
    let r = office.import_library(&file).unwrap();
    assert_eq!(r.added, 0);
    assert_eq!(office.get(office_id).unwrap().body, "单位改的稿子");
    // Merging the same file again adds nothing.
    let n = office.snapshots(office_id).unwrap().len();
    let r = office.import_library(&file).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged), (0, 0, 1));
    assert_eq!(office.snapshots(office_id).unwrap().len(), n);
    // And home's whole library merged back into the office converges.
    let home_file = dir.path().join("home.json");
    home.export_library(&home_file).unwrap();
    office.import_library(&home_file).unwrap();
    assert_eq!(office.get(office_id).unwrap().body, home.get(id).unwrap().body);
    assert_eq!(office.list().unwrap().len(), 1);
}

#[test]
fn the_daily_backup_is_made_once_and_again_when_due() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir, "library.db");
    lib.import_text("同志们：\n\n今天讲乡村振兴。", None).unwrap();
    let day = std::time::Duration::from_secs(24 * 3600);
    let first = lib.backup_if_due(day).unwrap().expect("no backup yet, so one is due");
    assert!(first.path.starts_with(dir.path().join("backups")));
    // The copy is a library holding the lecture.
    let copy = Library::open(&first.path).unwrap();
    assert_eq!(copy.search("乡村振兴", 5).unwrap().len(), 1);
    // Within the day, nothing more; once due again, a second backup.
    assert!(lib.backup_if_due(day).unwrap().is_none());
    assert_eq!(lectern_library::backups_in(&dir.path().join("backups")).len(), 1);
    let second = lib.backup_if_due(std::time::Duration::ZERO).unwrap().expect("due");
    assert_ne!(second.path, first.path);
    assert_eq!(lectern_library::backups_in(&dir.path().join("backups")).len(), 2);
}

/// A file the database refuses midway through an import costs no other file its place: the
/// import falls back to adding the chunk file by file, and reports the one that failed.
#[test]
fn a_file_the_database_refuses_is_reported_and_the_others_are_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    drop(Library::open(&db).unwrap());
    // Stand in for a write error on one lecture: the database itself refuses this title.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON lectures WHEN new.title = '坏讲稿'
             BEGIN SELECT RAISE(ABORT, '磁盘已满'); END;",
        )
        .unwrap();
    let files: Vec<PathBuf> = [("a.txt", "好讲稿一"), ("b.txt", "坏讲稿"), ("c.txt", "好讲稿二")]
        .iter()
        .map(|(name, title)| {
            let p = dir.path().join(name);
            std::fs::write(&p, format!("{title}\n\n同志们：\n\n今天讲{title}的乡村振兴。")).unwrap();
            p
        })
        .collect();
    let lib = Library::open(&db).unwrap();
    let reports = lib.import_files(&files);
    assert!(matches!(reports[0].outcome, ImportOutcome::Added { .. }), "{reports:?}");
    assert!(matches!(reports[2].outcome, ImportOutcome::Added { .. }), "{reports:?}");
    let message = reports[1].message().expect("the refused file is reported");
    assert!(message.starts_with("b.txt") && message.contains("磁盘已满"), "{message}");
    let titles: Vec<String> = lib.list().unwrap().into_iter().map(|l| l.title).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(ids(&lib.search("乡村振兴", 10).unwrap()).len(), 2);
}
