//! Real faults against the real `lectern` binary and real library files
//! (issue 12), each printing what it tried and what survived:
//! - the CLI and the library API writing the same lecture;
//! - a second process holding the library's write lock while a save is tried;
//! - a full disk (RLIMIT_FSIZE on the child process) during a save, a library
//!   export and a PDF export;
//! - a read-only data folder.
//!
//! The SIGKILL rounds (import, backup, restore-backup, migration) are in
//! library_kill.rs.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use lectern_library::{Library, LibraryError, NewLecture};

fn lectern(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lectern"));
    c.arg("--db").arg(db);
    c
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Runs `cmd` with the file size limit at `bytes` (a disk that fills up
/// there) and SIGXFSZ ignored, so a write past it fails with EFBIG as a
/// write to a full disk fails with ENOSPC.
fn with_file_limit(cmd: &mut Command, bytes: u64) -> &mut Command {
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn new_library(dir: &Path, body: &str) -> (PathBuf, i64) {
    let db = dir.join("library.db");
    let id = Library::open(&db).unwrap().add(&NewLecture { title: "学习党纪".into(), body: body.into(), ..Default::default() }).unwrap();
    (db, id)
}

#[test]
fn the_cli_and_the_library_api_writing_the_same_lecture_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = new_library(dir.path(), "初稿");
    let app = Library::open(&db).unwrap();
    let loaded = app.get(id).unwrap();
    // The CLI saves first, from the same version the app loaded.
    let o = lectern(&db).args(["save", &id.to_string(), "--base-version", &loaded.version.to_string()]).arg("--file").arg({
        let f = dir.path().join("cli.txt");
        std::fs::write(&f, "命令行改的稿子").unwrap();
        f
    }).output().unwrap();
    assert!(o.status.success(), "{:?}", text(&o));
    // The app's save from the old version is refused, naming both versions.
    let err = app.save(id, loaded.version, "窗口里改的稿子").unwrap_err();
    assert!(matches!(err, LibraryError::Conflict { base: 1, current: 2, .. }), "{err}");
    // And the other way round: the app saves, then the CLI from version 2 is refused.
    let out = app.keep_mine(id, "窗口里改的稿子").unwrap();
    let kept = out.kept_as_snapshot.clone().expect("the CLI's text kept");
    let o = lectern(&db).args(["save", &id.to_string(), "--base-version", "2"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().and_then(|mut c| {
        use std::io::Write;
        c.stdin.take().unwrap().write_all("命令行第二次改".as_bytes())?;
        c.wait_with_output()
    }).unwrap();
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(stderr.contains("已在别处修改") && stderr.contains("第 2 版") && stderr.contains(&format!("第 {} 版", out.version)), "{stderr} {out:?}");
    // Nothing lost: the app's text is the lecture, the CLI's first text a snapshot.
    assert_eq!(app.get(id).unwrap().body, "窗口里改的稿子");
    assert_eq!(app.get_snapshot(kept.id).unwrap().body, "命令行改的稿子");
    integrity_ok(&db);
    println!("tried: CLI save v1→v2, app save from v1 (refused, kept mine, theirs as snapshot {}), CLI save from v2 (refused: {})", kept.id, stderr.trim());
    println!("survived: lecture = 窗口里改的稿子, snapshot = 命令行改的稿子");
}

#[test]
fn a_save_while_another_process_holds_the_write_lock_fails_naming_the_cause_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = new_library(dir.path(), "初稿");
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let f = dir.path().join("t.txt");
    std::fs::write(&f, "锁住时保存的稿子").unwrap();
    let o = lectern(&db).args(["save", &id.to_string(), "--base-version", "1", "--file"]).arg(&f).output().unwrap();
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(stderr.contains("另一个程序") && stderr.contains("没有保存"), "{stderr}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(Library::open(&db).unwrap().get(id).unwrap().body, "初稿");
    let o = lectern(&db).args(["save", &id.to_string(), "--base-version", "1", "--file"]).arg(&f).output().unwrap();
    assert!(o.status.success());
    assert_eq!(Library::open(&db).unwrap().get(id).unwrap().body, "锁住时保存的稿子");
    integrity_ok(&db);
    println!("tried: save while another process held BEGIN IMMEDIATE (5 s busy timeout); said: {}", stderr.trim());
    println!("survived: the old text; the same save after the release went through");
}

#[test]
fn a_full_disk_during_a_save_fails_naming_the_cause_and_keeps_the_old_text() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = new_library(dir.path(), "初稿：同志们好。");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "学习贯彻党的创新理论，推动各项工作落地见效。\n".repeat(40_000)).unwrap();
    let limit = 512 * 1024;
    let o = with_file_limit(lectern(&db).args(["save", &id.to_string(), "--base-version", "1", "--file"]).arg(&big), limit)
        .output()
        .unwrap();
    let (_, stderr) = text(&o);
    assert!(!o.status.success(), "a 2 MB save past a 512 KB limit must fail");
    assert!(stderr.contains("没有保存") && stderr.contains("磁盘"), "{stderr}");
    integrity_ok(&db);
    let lib = Library::open(&db).unwrap();
    assert_eq!(lib.get(id).unwrap().body, "初稿：同志们好。");
    assert!(lib.save(id, 1, "磁盘腾出后再保存").unwrap().changed);
    println!("tried: a 2 MB save with RLIMIT_FSIZE 512 KB; said: {}", stderr.trim());
    println!("survived: the old text, integrity_check ok; the next save went through");
}

#[test]
fn a_full_disk_during_a_library_export_leaves_the_old_export_and_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = new_library(dir.path(), "初稿");
    let out_dir = dir.path().join("exports");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("讲稿库.json");
    assert!(lectern(&db).arg("export-library").arg(&out).output().unwrap().status.success());
    let old = std::fs::read(&out).unwrap();
    {
        let lib = Library::open(&db).unwrap();
        for i in 0..20 {
            lib.add(&NewLecture { title: format!("讲稿{i}"), body: format!("{i}：{}", "深入学习，".repeat(4000)), ..Default::default() }).unwrap();
        }
    }
    let o = with_file_limit(lectern(&db).arg("export-library").arg(&out), 64 * 1024).output().unwrap();
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(stderr.contains("讲稿库.json") && stderr.contains("磁盘已满"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), old, "the earlier export is whole");
    assert_eq!(files_in(&out_dir), vec!["讲稿库.json".to_string()], "no temp file left");
    println!("tried: export-library of ~1 MB with RLIMIT_FSIZE 64 KB; said: {}", stderr.trim());
    println!("survived: the earlier export, unchanged; no temp file");
}

#[test]
fn a_full_disk_during_a_pdf_export_leaves_the_old_pdf_and_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let lecture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/web-clip-lecture.txt");
    let out_dir = dir.path().join("pdf");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("讲稿.pdf");
    std::fs::write(&out, b"%PDF-1.7 an earlier handout").unwrap();
    let o = with_file_limit(Command::new(env!("CARGO_BIN_EXE_lectern")).arg("export").arg(&lecture).arg("-o").arg(&out), 8 * 1024)
        .output()
        .unwrap();
    let (_, stderr) = text(&o);
    assert!(!o.status.success(), "a PDF past an 8 KB limit must fail");
    assert!(stderr.contains("讲稿.pdf") && stderr.contains("磁盘已满"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7 an earlier handout");
    assert_eq!(files_in(&out_dir), vec!["讲稿.pdf".to_string()], "no temp file left");
    println!("tried: PDF export with RLIMIT_FSIZE 8 KB; said: {}", stderr.trim());
    println!("survived: the earlier PDF, unchanged; no temp file");
}

#[test]
fn a_read_only_data_folder_fails_the_save_naming_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let (db, id) = new_library(&data, "初稿");
    let f = dir.path().join("t.txt");
    std::fs::write(&f, "只读时保存的稿子").unwrap();
    use std::os::unix::fs::PermissionsExt;
    let set = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    set(dir.path(), 0o755);
    set(&f, 0o644);
    set(&db, 0o444);
    set(&data, 0o555);
    let mut cmd = lectern(&db);
    cmd.args(["save", &id.to_string(), "--base-version", "1", "--file"]).arg(&f);
    // Root writes through permissions: run the CLI as nobody then.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        cmd.uid(65534).gid(65534);
    }
    let o = cmd.output().unwrap();
    set(&data, 0o755);
    set(&db, 0o644);
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(stderr.contains("只读"), "{stderr}");
    assert_eq!(Library::open(&db).unwrap().get(id).unwrap().body, "初稿");
    integrity_ok(&db);
    println!("tried: save with the data folder 0555 and library 0444 (as {}); said: {}", if root { "nobody" } else { "this user" }, stderr.trim());
    println!("survived: the old text, integrity_check ok");
}
