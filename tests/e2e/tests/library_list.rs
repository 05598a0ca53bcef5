//! Finding and telling lectures apart in the 讲稿库 pane, on the release window: search hits show
//! the date and 字数 and their snippet is the text, not the title again; a tag clicked in a row
//! shows only the lectures carrying it (the search box then reads `#标签`); the list does not jump
//! while the open lecture is being saved; it sorts by 最近修改 / 标题 / 字数, and the choice is
//! kept for the next start.

use std::time::{Duration, Instant};

use lectern_e2e::App;
use lectern_library::{Library, NewLecture};

const ROWS: &str = r#"[data-testid="library-item"] .library-item-title"#;

const FIRST: &str = "关于加强作风建设的几点思考";
const SECOND: &str = "城乡融合发展专题党课";
const THIRD: &str = "学习体会";

/// A library of three lectures, made before the app starts (so no demo lecture is added).
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let add = |title: &str, body: String, date: Option<&str>| {
        lib.add(&NewLecture { title: title.into(), body, date: date.map(str::to_string), ..Default::default() }).unwrap()
    };
    // Its body opens with its title, as an imported .txt does.
    let first = add(
        FIRST,
        format!("{FIRST}\n\n同志们：\n\n{}", "作风建设永远在路上，永远没有休止符。".repeat(6)),
        Some("2025-03-01"),
    );
    let second = add(SECOND, format!("同志们：\n\n{}", "城乡融合发展是现代化的重要标志。".repeat(30)), Some("2025-02-07"));
    add(THIRD, "同志们：\n\n学习体会。".to_string(), None);
    lib.set_tags_line(first, "作风建设").unwrap();
    lib.set_tags_line(second, "三农，城镇化").unwrap();
    dir
}

async fn select_sort(app: &App, value: &str) {
    app.click(r#"[data-testid="library-sort"]"#).await;
    app.click(&format!(r#"[data-testid="library-sort"] option[value="{value}"]"#)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_hits_tags_and_a_list_that_keeps_still() {
    let mut app = App::launch_in(seeded()).await;
    let start = app.wait_for_text_contents(ROWS, |t| t.len() == 3).await;

    // A word of the first lecture's title: the hit shows date and 字数, and its snippet is the
    // text after the title line, not the title again.
    app.find(r#"[data-testid="library-search"]"#).await.send_keys("思考").await.unwrap();
    app.wait_for_text_contents(ROWS, |t| t == [FIRST]).await;
    let meta = app.wait_for_text_contents(r#"[data-testid="library-item"] [data-testid="library-item-meta"]"#, |t| t.len() == 1).await;
    assert!(meta[0].contains("2025-03-01") && meta[0].contains(" 字"), "the hit's date and 字数: {meta:?}");
    assert!(meta[0].contains("作风建设"), "the hit's tag: {meta:?}");
    let snippet = app.text_contents(r#"[data-testid="search-snippet"]"#).await;
    assert_eq!(snippet.len(), 1);
    assert!(!snippet[0].contains(FIRST), "the snippet repeats the title: {snippet:?}");
    assert!(snippet[0].starts_with("同志们"), "{snippet:?}");

    // Cleared, the list is back; a tag clicked in a row shows only the lectures carrying it.
    let search = app.find(r#"[data-testid="library-search"]"#).await;
    search.clear().await.unwrap();
    search.send_keys(" ").await.unwrap();
    app.wait_for_text_contents(ROWS, |t| t.len() == 3).await;
    app.click(r#"[data-testid="library-item"][data-id="2"] [data-testid="library-tag"]"#).await;
    app.wait_for_text_contents(ROWS, |t| t == [SECOND]).await;
    let typed = app.js("return document.querySelector('[data-testid=\"library-search\"]').value").await;
    assert!(typed.as_str().is_some_and(|v| v.starts_with('#')), "the filter is shown in the search box: {typed}");
    // Typed by hand, the same filter.
    let search = app.find(r#"[data-testid="library-search"]"#).await;
    search.clear().await.unwrap();
    search.send_keys("#作风建设").await.unwrap();
    app.wait_for_text_contents(ROWS, |t| t == [FIRST]).await;
    // A tag's name typed as a plain word finds the lecture carrying it, though its text lacks it.
    search.clear().await.unwrap();
    search.send_keys("三农").await.unwrap();
    app.wait_for_text_contents(ROWS, |t| t == [SECOND]).await;
    search.clear().await.unwrap();
    search.send_keys(" ").await.unwrap();
    app.wait_for_text_contents(ROWS, |t| t.len() == 3).await;

    // The lecture at the bottom, opened and typed into: saved, it stays at the bottom of the list.
    let bottom = start[2].clone();
    let id = [FIRST, SECOND, THIRD].iter().position(|t| *t == bottom).unwrap() + 1;
    app.click(&format!(r#"[data-testid="library-item"][data-id="{id}"]"#)).await;
    let title = format!(r#"return document.querySelector('[data-testid="lecture-title"]').value === {bottom:?}"#);
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.js(&title).await != true {
        assert!(Instant::now() < deadline, "{bottom} never opened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    let content = app.find(".cm-content").await;
    content.click().await.unwrap();
    content.send_keys("要抓常抓长。").await.unwrap();
    app.wait_for_text(".cm-content", |t| t.contains("要抓常抓长。")).await;
    let saved = || Library::open(&app.library_path()).unwrap().get(id as i64).unwrap().body.contains("要抓常抓长。");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !saved() {
        assert!(Instant::now() < deadline, "the typing never reached the library");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.wait_for_text(r#"[data-testid="save-status"]"#, |t| t == "已保存").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = app.text_contents(ROWS).await;
    assert_eq!(after, start, "the list jumped while the lecture was saved");

    // Sorted again: by 字数 (longest first), by 标题, by 最近修改 (the edited one now first).
    select_sort(&app, "length").await;
    app.wait_for_text_contents(ROWS, |t| t == [SECOND, FIRST, THIRD]).await;
    select_sort(&app, "recent").await;
    app.wait_for_text_contents(ROWS, |t| t.first() == Some(&bottom)).await;
    // By 标题 in 拼音 order: 城 chéng, 关 guān, 学 xué (by code point 关 U+5173 would come first).
    select_sort(&app, "title").await;
    app.wait_for_text_contents(ROWS, |t| t == [SECOND, FIRST, THIRD]).await;
    select_sort(&app, "length").await;
    app.wait_for_text_contents(ROWS, |t| t == [SECOND, FIRST, THIRD]).await;
    let kept = app.data_dir.path().join("layout.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&kept).unwrap_or_default().contains("\"sort\":\"length\"") {
        assert!(Instant::now() < deadline, "the sort never reached {}", kept.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let data_dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    app.close().await; // waits until the window's process has exited

    // Started again: sorted by 字数, and the menu says so.
    let app = App::launch_in(data_dir).await;
    app.wait_for_text_contents(ROWS, |t| t == [SECOND, FIRST, THIRD]).await;
    let chosen = app.js("return document.querySelector('[data-testid=\"library-sort\"]').value").await;
    assert_eq!(chosen, "length");
    app.close().await;
}
