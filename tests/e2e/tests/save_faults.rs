//! A real fault on the release window: another process holds the library's write lock (longer
//! than the busy timeout) while the user types in lecture A and switches to lecture B. The status
//! bar says the saves fail, in red, with the reason; once the lock is released, A holds everything
//! typed, B is unchanged, the recovery journal is empty, and the status bar says 已保存.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use lectern_e2e::App;
use lectern_library::journal::Journal;
use lectern_library::Library;

const SAVE_STATUS: &str = r#"[data-testid="save-status"]"#;

/// A second process (python3's sqlite3 module) holding the write lock of `db` (BEGIN IMMEDIATE)
/// until its stdin is closed.
fn hold_write_lock(db: &std::path::Path) -> Child {
    let script = "import sqlite3, sys\n\
                  c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
                  c.execute('BEGIN IMMEDIATE')\n\
                  print('locked', flush=True)\n\
                  sys.stdin.read()\n\
                  c.execute('ROLLBACK')\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "locked", "the other process holds the write lock");
    child
}

fn body(db: &std::path::Path, id: i64) -> String {
    Library::open(db).unwrap().get(id).unwrap().body
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_while_another_process_locks_the_library_goes_into_its_own_lecture() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (a, b) = {
        let lib = Library::open(&db).unwrap();
        let lecture = |title: &str, text: &str| {
            let id = lib.create(title).unwrap();
            lib.save(id, lib.get(id).unwrap().version, text).unwrap();
            id
        };
        let a = lecture("讲稿甲", "甲稿原文。");
        let b = lecture("讲稿乙", "乙稿原文，不应被改动。");
        (a, b)
    };
    let b_before = body(&db, b);
    let app = App::launch_in(dir).await;
    let row = |id: i64| format!(r#"[data-testid="library-item"][data-id="{id}"]"#);

    // Open A and type: saved as usual.
    app.click(&row(a)).await;
    app.wait_for_text(".cm-content", |t| t.contains("甲稿原文")).await;
    let content = app.find(".cm-content").await;
    content.click().await.unwrap();
    content.send_keys("第一句。").await.unwrap();
    app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;
    assert!(body(&db, a).contains("第一句。"));
    println!("tried: typed 第一句。 into 讲稿甲 → saved");

    // Another process takes the write lock; the user types more in A, then switches to B.
    let mut locker = hold_write_lock(&db);
    println!("tried: a python3 sqlite3 process holds BEGIN IMMEDIATE on library.db");
    content.send_keys("第二句。").await.unwrap();
    let status = app.wait_for_text(SAVE_STATUS, |t| t.contains("保存失败") && t.contains("占用")).await;
    let state = app.js(r#"return document.querySelector('[data-testid="save-status"]').dataset.state"#).await;
    assert_eq!(state.as_str(), Some("error"), "{status}");
    let color = app.js(r#"return getComputedStyle(document.querySelector('[data-testid="save-status"]')).color"#).await;
    println!("status bar while locked: {status} ({color})");
    assert_eq!(color.as_str(), Some("rgb(178, 34, 34)"), "shown in red");
    app.click(&row(b)).await;
    app.wait_for_text(".cm-content", |t| t.contains("乙稿原文")).await;
    println!("tried: typed 第二句。 into 讲稿甲 and switched to 讲稿乙 while locked");
    let status = app.wait_for_text(SAVE_STATUS, |t| t.contains("保存失败")).await;
    println!("status bar after switching: {status}");
    let journal = Journal::beside(&db).list().unwrap();
    assert!(
        journal.iter().any(|e| e.lecture_id == a && e.text.contains("第二句。")),
        "A's unsaved text is in the recovery journal: {journal:?}"
    );
    assert!(journal.iter().all(|e| e.lecture_id == a), "nothing journalled for B: {journal:?}");

    // The lock goes: the retry saves A's text into A, and only into A.
    drop(locker.stdin.take());
    locker.wait().unwrap();
    println!("tried: the other process released the lock");
    app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;
    let a_after = body(&db, a);
    let b_after = body(&db, b);
    println!("survived: 讲稿甲 = {a_after:?}; 讲稿乙 = {b_after:?}");
    assert!(a_after.contains("第一句。") && a_after.contains("第二句。") && a_after.contains("甲稿原文"), "{a_after}");
    assert_eq!(b_after, b_before, "B is unchanged");
    assert!(Journal::beside(&db).list().unwrap().is_empty(), "the journal entry went once A was saved");
    app.wait_for_text(".cm-content", |t| t.contains("乙稿原文") && !t.contains("第二句")).await;
    app.close().await;
}
