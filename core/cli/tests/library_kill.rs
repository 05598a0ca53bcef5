//! SIGKILL, 30 times each, while the real `lectern` binary imports files,
//! backs the library up, restores a backup over a damaged library, and
//! migrates an old library. After every kill the library passes
//! `PRAGMA integrity_check` and nothing acknowledged is lost; each test
//! prints what it tried and what survived. (Saves under SIGKILL are in
//! library_crash.rs.)

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use lectern_library::{list_backups, Library, NewLecture};

const ROUNDS: u64 = 30;

fn lectern(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lectern"));
    c.arg("--db").arg(db).stdout(Stdio::piped()).stderr(Stdio::null());
    c
}

/// Starts `cmd`, kills it with SIGKILL after `after` (unless it is done
/// before), and returns its standard output and whether it finished by itself.
fn kill_after(mut cmd: Command, after: Duration) -> (String, bool) {
    let mut child = cmd.spawn().expect("start lectern");
    let start = std::time::Instant::now();
    let mut finished = false;
    while start.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            finished = true;
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    if !finished {
        child.kill().unwrap(); // SIGKILL on Unix
    }
    let out = child.wait_with_output().unwrap();
    let done = finished && out.status.success();
    (String::from_utf8_lossy(&out.stdout).into_owned(), done)
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn sigkill_during_import_leaves_a_sound_library_and_whole_lectures() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..40)
        .map(|i| {
            let p = dir.path().join(format!("讲稿{i:02}.txt"));
            std::fs::write(&p, format!("第{i}篇讲稿\n\n同志们：\n\n{}\n\n全文完{i}号", format!("学习贯彻第{i}篇的精神，").repeat(800))).unwrap();
            p
        })
        .collect();
    let (mut finished, mut partial) = (0, 0);
    for round in 0..ROUNDS {
        let db = dir.path().join(format!("r{round}/library.db"));
        let mut cmd = lectern(&db);
        cmd.arg("import").args(&files);
        let (out, done) = kill_after(cmd, Duration::from_millis(5 + (round * 37) % 400));
        if !db.exists() {
            // Killed before it created the library: nothing was acknowledged.
            assert!(!done && out.trim().is_empty(), "round {round}");
            continue;
        }
        assert_eq!(integrity(&db), "ok", "round {round}");
        let lib = Library::open(&db).unwrap();
        let list = lib.list().unwrap();
        // Every lecture there is whole: it ends with its own last line.
        for l in &list {
            let body = lib.get(l.id).unwrap().body;
            let n = (0..files.len()).find(|n| body.contains(&format!("学习贯彻第{n}篇的精神"))).expect("one of the files");
            assert!(body.trim_end().ends_with(&format!("全文完{n}号")), "round {round}: lecture {} is cut short", l.title);
        }
        // Every id the CLI reported is there.
        for id in out.lines().filter_map(|l| l.trim().parse::<i64>().ok()) {
            assert!(lib.get(id).is_ok(), "round {round}: reported lecture {id} is missing");
        }
        if done {
            finished += 1;
            assert_eq!(list.len(), files.len(), "round {round}: a finished import holds every file");
        } else {
            partial += list.len();
        }
    }
    println!("tried: {ROUNDS} imports of 40 files, SIGKILL after 5–400 ms; {finished} finished before the kill");
    println!("survived: integrity_check ok every time; every lecture whole; every reported id present ({partial} lectures in killed rounds)");
}

fn library_with(db: &Path, lectures: usize) {
    let lib = Library::open(db).unwrap();
    for i in 0..lectures {
        lib.add(&NewLecture { title: format!("讲稿{i}"), body: format!("{i}：{}", "推动高质量发展，".repeat(1500)), ..Default::default() })
            .unwrap();
    }
}

#[test]
fn sigkill_during_backup_leaves_only_whole_backups_and_the_next_backup_removes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    library_with(&db, 120);
    let mut finished = 0;
    for round in 0..ROUNDS {
        let (out, done) = kill_after(lectern(&db).arg("backup").tap(), Duration::from_millis(2 + (round * 7) % 120));
        assert_eq!(integrity(&db), "ok", "round {round}");
        for b in list_backups(&db) {
            assert!(b.good && b.lectures == Some(120), "round {round}: backup {} is not whole", b.file.display());
        }
        if done {
            finished += 1;
            let path = PathBuf::from(out.trim());
            assert!(path.exists(), "round {round}: the reported backup {} is there", path.display());
        }
    }
    let backups_dir = dir.path().join("backups");
    let parts_before = std::fs::read_dir(&backups_dir).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".db-part")).count();
    Library::open(&db).unwrap().backup().unwrap();
    let parts_after = std::fs::read_dir(&backups_dir).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".db-part")).count();
    assert_eq!(parts_after, 0, "the next backup removes half-written ones");
    println!("tried: {ROUNDS} backups of a 120-lecture library, SIGKILL after 2–120 ms; {finished} finished");
    println!("survived: every backup file whole (quick_check, 120 lectures); {parts_before} half-written .part files, all removed by the next backup");
}

#[test]
fn sigkill_during_restore_backup_never_loses_the_damaged_file_nor_leaves_a_half_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    library_with(&db, 150);
    Library::open(&db).unwrap().backup().unwrap();
    let (mut restored, mut still_damaged) = (0, 0);
    for round in 0..ROUNDS {
        let damaged = format!("第{round}轮损坏的讲稿库").repeat(2000);
        std::fs::write(&db, &damaged).unwrap();
        for side in ["library.db-wal", "library.db-shm"] {
            let _ = std::fs::remove_file(dir.path().join(side));
        }
        let (_, done) = kill_after(lectern(&db).arg("restore-backup").tap(), Duration::from_millis((round * 11) % 300));
        // The damaged text of this round is somewhere: still in place, or aside.
        let kept = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).any(|p| {
            std::fs::read(&p).map(|b| b == damaged.as_bytes()).unwrap_or(false)
        });
        assert!(kept, "round {round}: the damaged file was lost");
        let now = std::fs::read(&db).unwrap();
        if now == damaged.as_bytes() {
            assert!(!done, "round {round}: restore reported done but the damaged file is in place");
            still_damaged += 1;
        } else {
            assert_eq!(integrity(&db), "ok", "round {round}");
            assert_eq!(Library::open(&db).unwrap().list().unwrap().len(), 150, "round {round}");
            restored += 1;
        }
    }
    println!("tried: {ROUNDS} restore-backup over a damaged library, SIGKILL after 0–290 ms");
    println!("survived: every round's damaged file kept (in place or aside); library.db was the damaged file {still_damaged} times and the whole backup (integrity ok, 150 lectures) {restored} times, never half");
}

#[test]
fn sigkill_during_migration_leaves_the_old_or_the_new_schema_with_every_lecture() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("v2.db");
    {
        let mut conn = rusqlite::Connection::open(&template).unwrap();
        lectern_library::migrations().to_version(&mut conn, 2).unwrap();
        let tx = conn.transaction().unwrap();
        for i in 0..300 {
            tx.execute(
                "INSERT INTO lectures (title, content_hash, body) VALUES (?1, 'x', ?2)",
                rusqlite::params![format!("旧讲稿{i}"), format!("{i}：{}", "乡村振兴，共同富裕。".repeat(300))],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let latest = lectern_library::migrations_count();
    let (mut old, mut new) = (0, 0);
    for round in 0..ROUNDS {
        let db = dir.path().join("library.db");
        for side in ["library.db-wal", "library.db-shm"] {
            let _ = std::fs::remove_file(dir.path().join(side));
        }
        std::fs::copy(&template, &db).unwrap();
        let (_, done) = kill_after(lectern(&db).arg("list").tap(), Duration::from_millis(5 + (round * 23) % 500));
        assert_eq!(integrity(&db), "ok", "round {round}");
        let conn = rusqlite::Connection::open(&db).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM lectures", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 300, "round {round}: every lecture is there");
        assert!(version == 2 || version == latest, "round {round}: schema {version} is half-way");
        if done {
            assert_eq!(version, latest, "round {round}: a finished open migrated");
        }
        if version == 2 { old += 1 } else { new += 1 }
        drop(conn);
        if round % 10 == 9 {
            // The library opens and finds an old lecture by search.
            let lib = Library::open(&db).unwrap();
            assert_eq!(lib.search("乡村振兴", 400).unwrap().len(), 300, "round {round}");
        }
    }
    println!("tried: {ROUNDS} migrations of a 300-lecture schema-2 library to {latest}, SIGKILL after 5–500 ms");
    println!("survived: integrity ok and 300 lectures every time; schema 2 (untouched) {old} times, {latest} (complete) {new} times, never between");
}

/// `Command` builder methods return `&mut Command`; this gives it back by value.
trait Tap {
    fn tap(&mut self) -> Command;
}

impl Tap for Command {
    fn tap(&mut self) -> Command {
        let mut c = Command::new(self.get_program());
        c.args(self.get_args()).stdout(Stdio::piped()).stderr(Stdio::null());
        c
    }
}
