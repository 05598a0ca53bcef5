//! Small things noticed in use, on the release window: a web clipping pasted into an empty
//! 未命名讲稿 gives the lecture its title, and the paste dialog shows the cleaned text; a speaking
//! rate out of range is refused with a Chinese line; a damaged UTF-16 .txt is refused by name.

use std::time::{Duration, Instant};

use lectern_e2e::{workspace_root, App};
use lectern_library::Library;

const TITLE_VALUE: &str = "return document.querySelector('[data-testid=\"lecture-title\"]').value";

/// Pastes `text` into the editor as the clipboard would: a paste event carrying it.
const PASTE: &str = r#"
const [text] = arguments;
const target = document.querySelector('.cm-content');
const ev = new Event('paste', { bubbles: true, cancelable: true });
Object.defineProperty(ev, 'clipboardData', { value: { getData: (type) => (type === 'text/plain' ? text : '') } });
target.dispatchEvent(ev);
return ev.defaultPrevented;
"#;

async fn wait_js(app: &App, script: &str, what: &str, check: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let v = app.js(script).await;
        if check(&v) {
            return v;
        }
        assert!(Instant::now() < deadline, "{what}; last seen {v}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clipping_pasted_into_an_empty_lecture_names_it_and_is_previewed_cleaned() {
    let app = App::launch().await;
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    app.click(r#"[data-testid="new-button"]"#).await;
    wait_js(&app, TITLE_VALUE, "the new lecture is untitled", |v| v == "未命名讲稿").await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 2).await;
    app.click(".cm-content").await;

    let clipping = std::fs::read_to_string(workspace_root().join("tests/data/web-clip-lecture.txt")).unwrap();
    let taken = app.client.execute(PASTE, vec![serde_json::json!(clipping)]).await.expect("paste");
    assert_eq!(taken, true, "the editor took the paste");

    // The dialog shows the text as it will be pasted, cleaned, besides the lines that go.
    let preview = app.wait_for_text_contents(r#"[data-testid="paste-preview"]"#, |t| t.len() == 1).await;
    assert!(preview[0].contains("同志们：") && preview[0].contains("城乡融合发展是现代化的重要标志"), "{}", &preview[0][..200]);
    for furniture in ["付费复制", "扫码", "w227", "广告位"] {
        assert!(!preview[0].contains(furniture), "the preview still holds {furniture}");
    }
    let removed = app.text_contents(r#"[data-testid="paste-removed"] li"#).await;
    assert!(removed.iter().any(|l| l.contains("付费复制")), "{removed:?}");
    app.click(r#"[data-testid="paste-dialog"] button.primary"#).await;
    app.wait_for_text(".cm-content", |t| t.contains("以城市发展反哺带动城镇")).await;

    // The lecture took the clipping's title: in the title field, the list and the library.
    let title = wait_js(&app, TITLE_VALUE, "the lecture never took the clipping's title", |v| {
        v.as_str().is_some_and(|t| t.contains("坚持以新型城镇化引领推动城乡融合发展"))
    })
    .await;
    let title = title.as_str().unwrap().to_string();
    app.wait_for_text_contents(r#"[data-testid="library-item"] .library-item-title"#, |t| t.iter().filter(|r| **r == title).count() == 2)
        .await;
    let lib = Library::open(&app.library_path()).unwrap();
    assert!(lib.list().unwrap().iter().all(|l| l.title != "未命名讲稿"), "{:?}", lib.list().unwrap());
    app.close().await;
}

/// Sets the speaking rate through the dialog (double-click on the statistics), typing `typed`.
async fn type_rate(app: &App, typed: &str) {
    if app.find_all(r#"[data-testid="rate-dialog"]"#).await.is_empty() {
        app.js("document.querySelector('[data-testid=\"stats\"]').dispatchEvent(new MouseEvent('dblclick', { bubbles: true })); return true;").await;
    }
    let input = app.find(r#"[data-testid="rate-input"]"#).await;
    input.clear().await.unwrap();
    input.send_keys(typed).await.unwrap();
    app.click(r#"[data-testid="rate-dialog"] button.primary"#).await;
}

/// The status bar once it shows the minutes of the lecture's 字数 at `rate`.
async fn stats_at(app: &App, rate: u32) -> String {
    let expected = |t: &str| {
        let chars: usize = t.split(" 字").next().unwrap_or("").replace(',', "").parse().unwrap_or(0);
        let label = lectern_text::stats::minutes_label(lectern_text::stats::minutes(chars, rate));
        chars > 0 && t.ends_with(&format!("约 {label} 分钟"))
    };
    app.wait_for_text(r#"[data-testid="stats"]"#, expected).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_speaking_rate_out_of_range_is_refused_in_chinese() {
    let app = App::launch().await;
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    // The rate is kept in the webview's storage across runs: start from a known one.
    type_rate(&app, "300").await;
    let at300 = stats_at(&app, 300).await;
    type_rate(&app, "5000").await;
    let said = app.wait_for_text(r#"[data-testid="rate-error"]"#, |t| !t.is_empty()).await;
    assert!(said.contains("超出范围") && said.contains("60 到 600"), "{said}");
    // Not taken: the minutes stay; a rate in range is taken.
    assert_eq!(app.text_contents(r#"[data-testid="stats"]"#).await, vec![at300.clone()]);
    type_rate(&app, "100").await;
    let at100 = stats_at(&app, 100).await;
    assert_ne!(at100, at300);
    assert!(app.find_all(r#"[data-testid="rate-dialog"]"#).await.is_empty());
    // Back to the default rate for the other tests.
    type_rate(&app, "200").await;
    stats_at(&app, 200).await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_utf16_text_is_refused_by_name() {
    let app = App::launch().await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    // A UTF-16 file whose every character lost its high byte: lone surrogates, mostly U+FFFD.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "学习党章\r\n\r\n同志们：\r\n今天我们一起学习党章，重温入党誓词。\r\n".encode_utf16() {
        bytes.extend([unit.to_le_bytes()[0], 0xDC]);
    }
    let path = app.data_dir.path().join("损坏的讲稿.txt");
    std::fs::write(&path, bytes).unwrap();
    app.client
        .execute("window.lectern.importPaths(arguments[0]); return true;", vec![serde_json::json!([path])])
        .await
        .unwrap();
    let summary = app.wait_for_text(r#"[data-testid="import-summary"]"#, |t| t.contains("损坏的讲稿.txt")).await;
    assert!(summary.contains("无法读取 损坏的讲稿.txt") && summary.contains("损坏"), "{summary}");
    app.click(r#"[data-testid="import-summary"] button"#).await;
    let rows = app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    assert!(!rows[0].contains('\u{fffd}'), "{rows:?}");
    assert_eq!(Library::open(&app.library_path()).unwrap().list().unwrap().len(), 1, "nothing was imported");
    app.close().await;
}
