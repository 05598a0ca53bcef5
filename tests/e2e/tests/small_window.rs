//! The window at its minimum size (900×600) and at 1400×900, on the release build: every toolbar
//! button lies wholly inside the window (导出讲义… included), the 讲稿库 pane folds away and stays
//! folded at the next start, and in the export dialog the preview page fits inside the dialog
//! (never cut off on the left, no sideways scrolling), also when the window shrinks while the
//! dialog is open; the dialog shows only the fields the chosen kind prints.

use std::time::{Duration, Instant};

use lectern_e2e::App;

/// Every visible toolbar button whose box is not wholly inside the window, with its box.
const BUTTONS_OUTSIDE: &str = r#"
const w = window.innerWidth, h = window.innerHeight;
return Array.from(document.querySelectorAll('.toolbar button'))
  .filter(b => b.offsetParent !== null)
  .map(b => { const r = b.getBoundingClientRect(); return [b.textContent, r.left, r.top, r.right, r.bottom, w, h]; })
  .filter(([, l, t, r, bt]) => l < 0 || t < 0 || r > w + 0.5 || bt > h + 0.5);
"#;

const VISIBLE_BUTTONS: &str =
    "return Array.from(document.querySelectorAll('.toolbar button')).filter(b => b.offsetParent !== null).map(b => b.textContent);";

/// The preview's pages that are not wholly inside the dialog, and whether the preview scrolls sideways.
const PREVIEW_FIT: &str = r#"
const d = document.querySelector('[data-testid="export-dialog"]').getBoundingClientRect();
const p = document.querySelector('[data-testid="export-preview"]');
const q = p.getBoundingClientRect();
const pages = Array.from(document.querySelectorAll('[data-testid="preview-page"]'));
const outside = pages.map(c => c.getBoundingClientRect())
  .filter(r => r.left < d.left - 0.5 || r.right > d.right + 0.5 || r.left < q.left - 0.5 || r.right > q.right + 0.5)
  .map(r => [r.left, r.right, d.left, d.right, q.left, q.right]);
return { pages: pages.length, outside, sideways: p.scrollWidth > p.clientWidth + 1,
         dialogInside: d.left >= 0 && d.right <= window.innerWidth + 0.5 };
"#;

const VISIBLE_FIELDS: &str = "return Array.from(document.querySelectorAll('.export-form .field')).filter(f => f.offsetParent !== null).map(f => f.firstChild.textContent);";

async fn resize(app: &App, width: u32, height: u32) {
    app.client.set_window_size(width, height).await.expect("resize the window");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let inner = app.js("return [window.innerWidth, window.innerHeight]").await;
        let (w, h) = (inner[0].as_u64().unwrap(), inner[1].as_u64().unwrap());
        if w <= width as u64 && w + 40 >= width as u64 && h <= height as u64 && h + 80 >= height as u64 {
            break;
        }
        assert!(Instant::now() < deadline, "the window never became {width}×{height}: inner {inner}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
}

async fn check_toolbar(app: &App, what: &str) {
    let buttons = app.js(VISIBLE_BUTTONS).await;
    let names: Vec<&str> = buttons.as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert!(names.contains(&"导出讲义…"), "{what}: {names:?}");
    let outside = app.js(BUTTONS_OUTSIDE).await;
    assert_eq!(outside, serde_json::json!([]), "{what}: toolbar buttons cut off");
    app.screenshot(&format!("window-{what}")).await;
}

async fn select_kind(app: &App, kind: &str) {
    app.click(r#"[data-testid="export-kind"]"#).await;
    app.click(&format!(r#"[data-testid="export-kind"] option[value="{kind}"]"#)).await;
}

/// Waits (up to 10 s: the dialog asks the core which fields a kind prints) until the visible
/// fields meet `check`; fails naming `kind` and the fields last seen.
async fn fields_when(app: &App, kind: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = app.js(VISIBLE_FIELDS).await;
        let fields: Vec<String> = v.as_array().unwrap().iter().map(|f| f.as_str().unwrap_or_default().to_string()).collect();
        if check(&fields) {
            return fields;
        }
        assert!(Instant::now() < deadline, "{kind}: the fields shown never met the expectation: {fields:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn check_export_dialog(app: &App, what: &str) {
    app.click(r#"[data-testid="export-button"]"#).await;
    app.find(r#"[data-testid="export-dialog"]"#).await;
    app.wait_for_text(r#"[data-testid="export-status"]"#, |t| t.starts_with("共")).await;
    app.find(r#"[data-testid="preview-page"]"#).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let fit = app.js(PREVIEW_FIT).await;
    println!("{what}: {fit}");
    assert!(fit["pages"].as_u64().unwrap() > 0, "{what}: {fit}");
    assert_eq!(fit["outside"], serde_json::json!([]), "{what}: preview pages outside the dialog: {fit}");
    assert_eq!(fit["sideways"], false, "{what}: the preview scrolls sideways: {fit}");
    assert_eq!(fit["dialogInside"], true, "{what}: the dialog is wider than the window: {fit}");
    app.screenshot(&format!("export-dialog-{what}")).await;
    app.click(r#"[data-testid="export-dialog"] footer button:last-child"#).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.find_all(r#"[data-testid="export-dialog"]"#).await.is_empty() {
        assert!(Instant::now() < deadline, "the export dialog never closed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_is_cut_off_at_900_by_600_or_at_1400_by_900() {
    let mut app = App::launch().await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;

    resize(&app, 900, 600).await;
    check_toolbar(&app, "900×600").await;
    app.screenshot("toolbar-900x600").await;
    check_export_dialog(&app, "900x600").await;

    // The library pane folds away: the editor gets its width; the toolbar still fits.
    let editor_before = app.js("return document.querySelector('.editor').getBoundingClientRect().width").await;
    app.click(r#"[data-testid="library-fold"]"#).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let shown = app.js("return document.querySelector('.library').offsetParent !== null").await;
        if shown == false {
            break;
        }
        assert!(Instant::now() < deadline, "the library pane did not fold away");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let editor_after = app.js("return document.querySelector('.editor').getBoundingClientRect().width").await;
    assert!(
        editor_after.as_f64().unwrap() > editor_before.as_f64().unwrap() + 150.0,
        "the editor grew: {editor_before} → {editor_after}"
    );
    check_toolbar(&app, "900×600, library folded").await;
    let kept = app.data_dir.path().join("layout.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&kept).unwrap_or_default().contains("\"library_folded\":true") {
        assert!(Instant::now() < deadline, "the fold never reached {}", kept.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    resize(&app, 1400, 900).await;
    check_toolbar(&app, "1400×900, library folded").await;
    let data_dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    app.close().await; // waits until the window's process has exited

    // Started again: still folded; unfolded with the same button, and nothing cut off at 1400×900.
    let app = App::launch_in(data_dir).await;
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.js("return document.querySelector('.library').offsetParent !== null").await != false {
        assert!(Instant::now() < deadline, "the library pane opened unfolded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.click(r#"[data-testid="library-fold"]"#).await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    resize(&app, 1400, 900).await;
    check_toolbar(&app, "1400×900").await;
    check_export_dialog(&app, "1400x900").await;

    // The dialog open while the window shrinks to 900×600: the pages drawn for the wider window
    // scale down to the narrower column.
    app.click(r#"[data-testid="export-button"]"#).await;
    app.wait_for_text(r#"[data-testid="export-status"]"#, |t| t.starts_with("共")).await;
    resize(&app, 900, 600).await;
    let fit = app.js(PREVIEW_FIT).await;
    assert_eq!(fit["outside"], serde_json::json!([]), "shrunk with the dialog open: pages cut off: {fit}");
    assert_eq!(fit["sideways"], false, "shrunk with the dialog open: the preview scrolls sideways: {fit}");
    check_toolbar(&app, "900×600 again").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_export_dialog_shows_only_the_fields_a_kind_prints() {
    let app = App::launch().await;
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    app.click(r#"[data-testid="export-button"]"#).await;
    app.find(r#"[data-testid="export-dialog"]"#).await;
    app.wait_for_text(r#"[data-testid="export-status"]"#, |t| t.starts_with("共")).await;
    let shown = |fields: &[String], f: &str| fields.iter().any(|x| x == f);
    let meta = ["主讲人", "日期", "地点"];
    // 讲稿 (the default): the speaker reads it; no speaker, date, place or 思考题.
    select_kind(&app, "speaker").await;
    fields_when(&app, "讲稿", |f| shown(f, "类型") && !meta.iter().chain(&["思考题"]).any(|m| shown(f, m))).await;
    // 学习材料: all of them.
    select_kind(&app, "handout").await;
    fields_when(&app, "学习材料", |f| meta.iter().chain(&["思考题"]).all(|m| shown(f, m))).await;
    // 提纲: speaker, date and place, but no 思考题.
    select_kind(&app, "outline").await;
    fields_when(&app, "提纲", |f| meta.iter().all(|m| shown(f, m)) && !shown(f, "思考题")).await;
    app.close().await;
}
