//! Nothing typed is lost and no save overwrites another (issue 12), on real
//! library files opened by two connections at once: versions and conflicts
//! with their three resolutions, the trash read-only, a lock held by another
//! connection, a damaged library and one from a newer Lectern, and backups
//! listed and restored with the damaged file kept aside.

use std::time::Duration;

use lectern_library::{list_backups, restore_backup, Library, LibraryError, NewLecture};

fn two_on_one_file() -> (tempfile::TempDir, Library, Library, i64) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let a = Library::open(&db).unwrap();
    let id = a.add(&NewLecture { title: "学习党纪".into(), body: "同志们：今天学习党纪。".into(), ..Default::default() }).unwrap();
    let b = Library::open(&db).unwrap();
    (dir, a, b, id)
}

#[test]
fn a_save_from_an_older_version_is_refused_with_both_versions() {
    let (_dir, window, other, id) = two_on_one_file();
    let loaded = window.get(id).unwrap();
    assert_eq!(loaded.version, 1);
    let theirs = "同志们：今天学习党纪。（另一窗口加了一段）";
    let out = other.save(id, 1, theirs).unwrap();
    assert_eq!(out.version, 2);
    let mine = "同志们：今天学习党纪，重点是六项纪律。";
    let err = window.save(id, loaded.version, mine).unwrap_err();
    match &err {
        LibraryError::Conflict { id: cid, base, current, .. } => assert_eq!((*cid, *base, *current), (id, 1, 2)),
        e => panic!("expected a conflict, got {e}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("第 1 版") && msg.contains("第 2 版") && msg.contains("学习党纪"), "{msg}");
    // Nothing was written: the other window's text stands.
    assert_eq!(window.get(id).unwrap().body, theirs);
    println!("tried: stale save (base 1, library at 2); survived: {theirs:?}; refused: {msg}");
    // Saving the very text the library holds is no conflict.
    assert!(!window.save(id, 1, theirs).unwrap().changed);
}

#[test]
fn keep_mine_keeps_theirs_as_a_snapshot() {
    let (_dir, window, other, id) = two_on_one_file();
    other.save(id, 1, "另一处的文字").unwrap();
    assert!(matches!(window.save(id, 1, "我的文字"), Err(LibraryError::Conflict { .. })));
    let out = window.keep_mine(id, "我的文字").unwrap();
    assert_eq!(out.lecture, id);
    assert_eq!(other.get(id).unwrap().body, "我的文字");
    assert_eq!(other.get(id).unwrap().version, out.version);
    let snap = out.kept_as_snapshot.expect("theirs kept");
    assert_eq!(other.get_snapshot(snap.id).unwrap().body, "另一处的文字");
    // The next save names the new version and goes through.
    assert!(window.save(id, out.version, "我的文字，接着写").unwrap().changed);
}

#[test]
fn take_theirs_keeps_mine_as_a_snapshot() {
    let (_dir, window, other, id) = two_on_one_file();
    other.save(id, 1, "另一处的文字").unwrap();
    let out = window.take_theirs(id, "我的文字").unwrap();
    assert_eq!(window.get(id).unwrap().body, "另一处的文字");
    assert_eq!(out.version, 2);
    let snap = out.kept_as_snapshot.expect("mine kept");
    assert_eq!(window.get_snapshot(snap.id).unwrap().body, "我的文字");
}

#[test]
fn keep_both_makes_mine_a_new_lecture_adapted_from_it() {
    let (_dir, window, other, id) = two_on_one_file();
    window.add_tags(id, &["党纪".into()]).unwrap();
    let v = window.get(id).unwrap().version;
    other.save(id, v, "另一处的文字").unwrap();
    let out = window.keep_both(id, "我的文字").unwrap();
    assert_ne!(out.lecture, id);
    assert_eq!(window.get(id).unwrap().body, "另一处的文字");
    let copy = window.get(out.lecture).unwrap();
    assert_eq!(copy.body, "我的文字");
    assert_eq!(copy.title, "学习党纪（另存）");
    assert_eq!(copy.tags, vec!["党纪".to_string()]);
    assert_eq!(copy.adapted_from.map(|a| a.id), Some(id));
    assert!(window.save(out.lecture, out.version, "我的文字，续写").unwrap().changed);
}

#[test]
fn every_change_of_text_or_title_counts_a_version_whoever_makes_it() {
    let (_dir, a, b, id) = two_on_one_file();
    assert_eq!(a.update_body(id, "新正文").unwrap().version, 2);
    b.set_title(id, "新标题").unwrap();
    assert_eq!(a.get(id).unwrap().version, 3, "a rename counts");
    let snap = a.snapshot(id, None).unwrap();
    a.update_body(id, "再改").unwrap();
    b.restore(id, snap.id).unwrap();
    assert_eq!(a.get(id).unwrap().version, 5, "a restore counts");
    assert!(matches!(a.save(id, 4, "旧版本上的修改"), Err(LibraryError::Conflict { base: 4, current: 5, .. })));
}

#[test]
fn a_lecture_in_the_trash_is_read_only() {
    let (_dir, a, _b, id) = two_on_one_file();
    a.delete(id).unwrap();
    let err = a.save(id, 1, "删除后打的字").unwrap_err();
    assert!(matches!(err, LibraryError::InTrash { .. }), "{err}");
    assert!(err.to_string().contains("回收站"), "{err}");
    assert_eq!(a.get(id).unwrap().body, "同志们：今天学习党纪。");
    a.restore_deleted(id).unwrap();
    assert!(a.save(id, 1, "恢复后可以编辑").unwrap().changed);
}

#[test]
fn a_save_while_another_connection_holds_the_write_lock_names_the_cause() {
    let (dir, a, _b, id) = two_on_one_file();
    let holder = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    a.set_busy_timeout(Duration::from_millis(300)).unwrap();
    let err = a.save(id, 1, "锁住时打的字").unwrap_err();
    assert!(matches!(err, LibraryError::Busy), "{err}");
    assert!(err.to_string().contains("另一个程序"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    // Once released, the same save (same base) goes through.
    assert!(a.save(id, 1, "锁住时打的字").unwrap().changed);
    println!("tried: save while another connection held BEGIN IMMEDIATE; refused with: {err}; after release: saved");
}

#[test]
fn a_damaged_library_names_the_way_out_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    {
        let lib = Library::open(&db).unwrap();
        for i in 0..30 {
            lib.add(&NewLecture { title: format!("讲稿{i}"), body: "学习贯彻党的创新理论。".repeat(200), ..Default::default() }).unwrap();
        }
    }
    // Damage the header page (a real kind of damage: a torn first page).
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..100].copy_from_slice(&[0x5a; 100]);
    std::fs::write(&db, &bytes).unwrap();
    let err = Library::open(&db).err().expect("a damaged library does not open");
    let msg = err.to_string();
    assert!(matches!(err, LibraryError::Damaged { .. }), "{msg}");
    assert!(msg.contains("已损坏") && msg.contains("备份") && msg.contains("restore-backup") && msg.contains("library.db"), "{msg}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the damaged file is untouched");
}

#[test]
fn a_library_from_a_newer_lectern_names_both_versions_and_is_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    Library::open(&db).unwrap();
    let ours = lectern_library::migrations_count();
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", ours + 3).unwrap();
    let before = std::fs::read(&db).unwrap();
    let msg = Library::open(&db).err().expect("refused").to_string();
    assert!(msg.contains(&format!("第 {} 版", ours + 3)) && msg.contains(&format!("第 {ours} 版")), "{msg}");
    assert!(msg.contains("更新版本"), "{msg}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn backups_are_listed_newest_first_and_the_newest_good_one_restores_a_damaged_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    {
        let lib = Library::open(&db).unwrap();
        lib.add(&NewLecture { title: "一".into(), body: "第一篇".into(), ..Default::default() }).unwrap();
        lib.backup().unwrap();
        std::thread::sleep(Duration::from_millis(5));
        lib.add(&NewLecture { title: "二".into(), body: "第二篇".into(), ..Default::default() }).unwrap();
        lib.backup().unwrap();
        std::thread::sleep(Duration::from_millis(5));
        lib.add(&NewLecture { title: "三".into(), body: "第三篇".into(), ..Default::default() }).unwrap();
        lib.backup().unwrap();
    }
    // The newest backup is damaged: the restore skips it.
    let list = list_backups(&db);
    assert_eq!(list.len(), 3);
    assert_eq!(list.iter().map(|b| b.lectures).collect::<Vec<_>>(), vec![Some(3), Some(2), Some(1)]);
    assert!(list.iter().all(|b| b.good && b.date.len() == 19), "{list:?}");
    std::fs::write(&list[0].file, "坏了".repeat(5000)).unwrap();
    let list = list_backups(&db);
    assert!(!list[0].good && list[0].lectures.is_none());
    let damaged = "这不是数据库".repeat(1000);
    std::fs::write(&db, &damaged).unwrap();
    assert!(Library::open(&db).is_err());
    let r = restore_backup(&db, None).unwrap();
    assert_eq!(r.from, list[1].file);
    assert_eq!(r.lectures, 2);
    let aside = r.moved_aside.expect("the damaged file is kept");
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), damaged, "moved aside, never deleted");
    let lib = Library::open(&db).unwrap();
    assert_eq!(lib.list().unwrap().len(), 2);
    assert_eq!(lib.integrity_check().unwrap(), Ok(()));
    // A named backup that is not good is refused, and nothing moves.
    let err = restore_backup(&db, Some(&list[0].file)).unwrap_err().to_string();
    assert!(err.contains("不是完好的讲稿库备份"), "{err}");
    assert_eq!(Library::open(&db).unwrap().list().unwrap().len(), 2);
}

#[test]
fn restoring_with_no_backup_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    std::fs::write(&db, "坏文件").unwrap();
    let err = restore_backup(&db, None).unwrap_err().to_string();
    assert!(err.contains("没有可用的备份"), "{err}");
    assert_eq!(std::fs::read_to_string(&db).unwrap(), "坏文件");
}

#[test]
fn the_recovery_journal_sits_beside_the_library_and_ties_text_to_its_lecture() {
    use lectern_library::journal::Journal;
    let (dir, a, b, id) = two_on_one_file();
    let journal = Journal::beside(&dir.path().join("library.db"));
    let v = a.get(id).unwrap().version;
    // The save fails (the lock is held); the text waits in the journal.
    let holder = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    a.set_busy_timeout(Duration::from_millis(100)).unwrap();
    journal.put(id, v, "锁住时打的字").unwrap();
    assert!(a.save(id, v, "锁住时打的字").is_err());
    holder.execute_batch("ROLLBACK").unwrap();
    drop(a);
    // Next start: the entry is offered back, for its own lecture and version.
    let left = journal.list().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!((left[0].lecture_id, left[0].base_version, left[0].text.as_str()), (id, v, "锁住时打的字"));
    b.save(left[0].lecture_id, left[0].base_version, &left[0].text).unwrap();
    assert!(journal.remove_saved(id, "锁住时打的字").unwrap());
    assert!(journal.list().unwrap().is_empty());
    assert_eq!(b.get(id).unwrap().body, "锁住时打的字");
}
