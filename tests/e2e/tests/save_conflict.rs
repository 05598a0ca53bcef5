//! No silent overwrite, on the release window: while a lecture is open, another process (a second
//! connection to the same library file, as the CLI's `save` or a second app writes it) changes it;
//! the user types; the save is refused and the conflict dialog offers 保留我的 / 采用库中的 /
//! 两份都保留. Each choice is tried on a lecture of its own, and afterwards the library holds both
//! texts: the winner as the lecture, the other as a snapshot of it or as a new lecture.

use lectern_e2e::App;
use lectern_library::journal::Journal;
use lectern_library::Library;

const SAVE_STATUS: &str = r#"[data-testid="save-status"]"#;
const DIALOG: &str = r#"[data-testid="conflict-dialog"]"#;

/// The bodies of all snapshots of lecture `id`.
fn snapshot_bodies(lib: &Library, id: i64) -> Vec<String> {
    lib.snapshots(id).unwrap().iter().map(|s| lib.get_snapshot(s.id).unwrap().body).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_save_against_a_newer_version_asks_and_every_choice_keeps_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let choices = [("keep_mine", "保留我的"), ("take_theirs", "采用库中的"), ("keep_both", "两份都保留")];
    let ids: Vec<i64> = {
        let lib = Library::open(&db).unwrap();
        choices
            .iter()
            .enumerate()
            .map(|(n, _)| {
                let id = lib.create(&format!("讲稿{n}")).unwrap();
                lib.save(id, lib.get(id).unwrap().version, &format!("原文{n}。")).unwrap();
                id
            })
            .collect()
    };
    let app = App::launch_in(dir).await;

    for (n, ((action, label), id)) in choices.iter().zip(&ids).enumerate() {
        let id = *id;
        app.click(&format!(r#"[data-testid="library-item"][data-id="{id}"]"#)).await;
        app.wait_for_text(".cm-content", |t| t.contains(&format!("原文{n}。"))).await;
        app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;

        // Another process saves the open lecture.
        let theirs = format!("原文{n}。别处改过的第{n}稿。");
        {
            let lib = Library::open(&db).unwrap();
            lib.save(id, lib.get(id).unwrap().version, &theirs).unwrap();
        }
        println!("tried: another connection saved 讲稿{n} as {theirs:?}");

        // The user, who has not seen it, types: the save is refused, the dialog asks.
        let typed = format!("我在窗口里写的第{n}句。");
        let content = app.find(".cm-content").await;
        content.click().await.unwrap();
        content.send_keys(&typed).await.unwrap();
        let question = app.wait_for_text(DIALOG, |t| t.contains("保留我的")).await;
        assert!(question.contains("采用库中的") && question.contains("两份都保留"), "{question}");
        let status = app.wait_for_text(SAVE_STATUS, |t| t.contains("别处修改")).await;
        println!("asked: {}; status bar: {status}", question.replace('\n', " "));
        let mine = app.js(r#"return document.querySelector('.cm-content').textContent"#).await;
        assert!(mine.as_str().unwrap().contains(&typed), "the editor holds what was typed");

        app.click(&format!(r#"{DIALOG} button[data-action="{action}"]"#)).await;
        println!("tried: {label}");
        app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;

        let lib = Library::open(&db).unwrap();
        let lecture = lib.get(id).unwrap().body;
        let snapshots = snapshot_bodies(&lib, id);
        match *action {
            "keep_mine" => {
                assert!(lecture.contains(&typed), "mine is the lecture: {lecture:?}");
                assert!(snapshots.contains(&theirs), "theirs kept as a snapshot: {snapshots:?}");
                app.wait_for_text(".cm-content", |t| t.contains(&typed)).await;
                println!("survived: 讲稿{n} = {lecture:?}; snapshot = {theirs:?}");
            }
            "take_theirs" => {
                assert_eq!(lecture, theirs, "theirs stays the lecture");
                let kept = snapshots.iter().find(|s| s.contains(&typed));
                assert!(kept.is_some(), "mine kept as a snapshot: {snapshots:?}");
                // The editor reloads the library's text.
                app.wait_for_text(".cm-content", |t| t.contains("别处改过") && !t.contains(&typed)).await;
                println!("survived: 讲稿{n} = {lecture:?}; snapshot = {:?}", kept.unwrap());
            }
            _ => {
                assert_eq!(lecture, theirs, "theirs stays the lecture");
                let copy = lib.list().unwrap().into_iter().find(|l| l.id != id && l.title.contains(&format!("讲稿{n}")));
                let copy = copy.expect("mine became a new lecture");
                let copy_body = lib.get(copy.id).unwrap().body;
                assert!(copy_body.contains(&typed), "{copy_body:?}");
                // The editor goes on with the copy.
                app.wait_for_text(".cm-content", |t| t.contains(&typed)).await;
                let selected = r#"[data-testid="library-item"][aria-selected="true"]"#;
                app.wait_for_text(&format!(r#"{selected}[data-id="{}"]"#, copy.id), |t| t.contains("另存")).await;
                println!("survived: 讲稿{n} = {lecture:?}; new lecture 《{}》 = {copy_body:?}, open in the editor", copy.title);
            }
        }
    }
    assert!(Journal::beside(&app.library_path()).list().unwrap().is_empty(), "nothing left only in the journal");
    app.close().await;
}
