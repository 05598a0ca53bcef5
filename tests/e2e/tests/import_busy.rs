//! The library stays usable during an import, on the release window: a batch holds a file that is
//! slow to read (a FIFO, whose reading waits until something is written into it, as a file on a
//! slow network share does). While it is being read, the user types in the open lecture and the
//! text is saved (已保存, and in the library); then the file arrives and the import finishes.

use std::path::PathBuf;

use lectern_e2e::App;
use lectern_library::Library;

const SAVE_STATUS: &str = r#"[data-testid="save-status"]"#;

/// Writes the slow file's text when dropped, if the test did not (so a failing test does not leave
/// the app reading forever); from a thread of its own, as opening a FIFO waits for its reader.
struct Feed(Option<PathBuf>);

impl Feed {
    fn write(&mut self) {
        if let Some(path) = self.0.take() {
            std::fs::write(path, "关于作风建设的讲话\n\n同志们：\n\n要持续改进作风。").unwrap();
        }
    }
}

impl Drop for Feed {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            std::thread::spawn(move || std::fs::write(path, "要持续改进作风。"));
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_is_saved_while_an_import_reads_a_slow_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let id = {
        let lib = Library::open(&db).unwrap();
        let id = lib.create("正在写的讲稿").unwrap();
        lib.save(id, lib.get(id).unwrap().version, "正在写的讲稿原文。").unwrap();
        id
    };
    let files = tempfile::tempdir().unwrap();
    let fast = files.path().join("先到的讲话.txt");
    std::fs::write(&fast, "关于学习的讲话\n\n同志们：\n\n要认真学习。").unwrap();
    let slow = files.path().join("慢慢读的讲话.txt");
    let made = std::process::Command::new("mkfifo").arg(&slow).status().unwrap();
    assert!(made.success(), "mkfifo");
    let mut feed = Feed(Some(slow.clone()));

    let app = App::launch_in(dir).await;
    app.click(&format!(r#"[data-testid="library-item"][data-id="{id}"]"#)).await;
    app.wait_for_text(".cm-content", |t| t.contains("正在写的讲稿原文")).await;

    // The import starts (as choosing the two files in the open dialog does) and waits on the slow one.
    let start = "window.lectern.importPaths(arguments[0]); return true;";
    let paths = serde_json::json!([fast.display().to_string(), slow.display().to_string()]);
    app.client.execute(start, vec![paths]).await.unwrap();
    let progress = app.wait_for_text("#import-progress", |t| t.contains("正在导入 1/2")).await;
    println!("tried: importing 2 files, the second a FIFO not yet written; progress: {progress}");

    let content = app.find(".cm-content").await;
    content.click().await.unwrap();
    content.send_keys("导入时写的一句。").await.unwrap();
    app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;
    let body = Library::open(&db).unwrap().get(id).unwrap().body;
    println!("survived: while the import read the slow file, the save went in: {body:?}");
    assert!(body.contains("导入时写的一句。"), "{body}");
    let still = app.wait_for_text("#import-progress", |t| t.contains("正在导入")).await;
    println!("the import is still reading: {still}");

    feed.write();
    let rows = app
        .wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 3 && t.iter().any(|r| r.contains("作风建设")))
        .await;
    println!("then the file arrived: the library lists {rows:?}");
    app.close().await;
}
