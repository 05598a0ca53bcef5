//! Crash safety: a process saving a lecture in a loop is killed with SIGKILL,
//! many times. After every kill the database passes `PRAGMA integrity_check`
//! and holds the last save the writer reported done (or the one after it,
//! which may have committed just before the kill).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use lectern_library::{Library, NewLecture};

const ROUNDS: u64 = 30;

fn save_number(body: &str) -> u64 {
    let rest = body.strip_prefix('第').unwrap_or_else(|| panic!("unexpected text: {body:.40}"));
    let end = rest.find("次保存").unwrap_or_else(|| panic!("unexpected text: {body:.40}"));
    rest[..end].parse().unwrap()
}

#[test]
fn every_reported_save_survives_sigkill_and_the_file_stays_sound() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let id = Library::open(&db)
        .unwrap()
        .add(&NewLecture { title: "崩溃测试".into(), body: "第0次保存\n\n初稿".into(), ..Default::default() })
        .unwrap();
    let mut snapshots_seen = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .arg("--db")
            .arg(&db)
            .args(["save-loop", &id.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Wait for a varying number of finished saves, then a varying moment
        // more, so the kill lands anywhere in a save.
        let wanted = 1 + (round * 7) % 23;
        let mut last_done = 0;
        while last_done < wanted {
            let line = lines.next().expect("the writer stopped before it was killed").unwrap();
            last_done = line.strip_prefix("saved ").unwrap().parse().unwrap();
        }
        std::thread::sleep(Duration::from_micros((round * 977) % 6000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        // Saves reported after the ones read above, before the kill.
        for line in lines {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("saved ") {
                last_done = n.parse().unwrap();
            }
        }

        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "round {round}: integrity_check");
        drop(conn);
        let lib = Library::open(&db).unwrap();
        let saved = save_number(&lib.get(id).unwrap().body);
        assert!(
            saved == last_done || saved == last_done + 1,
            "round {round}: writer reported save {last_done} done, the library holds save {saved}"
        );
        snapshots_seen = lib.snapshots(id).unwrap().len();
        assert_eq!(lib.integrity_check().unwrap(), Ok(()));
    }
    // The loop's edits are large enough that the automatic rule took
    // snapshots along the way: those writes were under fire too.
    assert!(snapshots_seen > 0);
}
