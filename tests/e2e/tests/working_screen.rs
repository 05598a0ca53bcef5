//! The working screen, on the release build: the outline beside the editor, restructuring by the
//! outline, autosave into the real database, snapshots and restore.

use lectern_library::Library;
use lectern_e2e::App;

const OUTLINE: &str = r#"[data-testid="outline-item"]"#;

#[tokio::test(flavor = "multi_thread")]
async fn reorganise_autosave_snapshot_and_restore() {
    let app = App::launch().await;
    // The demo lecture opens by itself; its outline has 3 parts and 11 sub-sections.
    let rows = app.wait_for_text_contents(OUTLINE, |t| t.len() == 14 && t.iter().all(|r| r.chars().count() > 4)).await;
    let levels: Vec<String> = {
        let mut v = Vec::new();
        for el in app.find_all(OUTLINE).await {
            v.push(el.attr("data-level").await.unwrap().expect("every outline row has a data-level"));
        }
        v
    };
    assert_eq!(levels.iter().filter(|l| *l == "1").count(), 3, "{rows:?}");
    assert_eq!(levels.iter().filter(|l| *l == "2").count(), 11, "{rows:?}");
    let part_rows: Vec<&String> = rows.iter().zip(&levels).filter(|(_, l)| *l == "1").map(|(r, _)| r).collect();
    assert!(part_rows[0].starts_with("一、") && part_rows[1].starts_with("二、") && part_rows[2].starts_with("三、"));
    let third_title = part_rows[2].trim_start_matches("三、").to_string();
    let second_title = part_rows[1].trim_start_matches("二、").to_string();

    // Clicking the third part scrolls the editor to its heading.
    let third = rows.iter().position(|r| r == part_rows[2]).unwrap();
    app.click(&format!(r#"[data-testid="outline-item"][data-index="{third}"]"#)).await;
    app.wait_for_text(".cm-content", |t| t.contains(&format!("三、{third_title}"))).await;
    let scrolled = app.js("return document.querySelector('.cm-scroller').scrollTop").await;
    assert!(scrolled.as_f64().unwrap() > 100.0, "the editor scrolled down to the heading: {scrolled}");
    app.wait_for_text_contents(".outline-item.current", |t| t.len() == 1 && t[0].contains(&third_title)).await;

    // Moving it up makes it the second part: the ordinals follow, in the outline and in the text.
    app.click(r#"[data-testid="outline-move-up"]"#).await;
    let rows = app
        .wait_for_text_contents(OUTLINE, |t| t.iter().any(|r| r == &format!("二、{third_title}")))
        .await;
    assert!(rows.contains(&format!("三、{second_title}")), "{rows:?}");
    assert_eq!(rows.len(), 14, "no section lost: {rows:?}");
    app.wait_for_text(".cm-content", |t| t.contains(&format!("二、{third_title}"))).await;

    // The change is saved into the library file within about a second.
    app.wait_for_text(r#"[data-testid="save-status"]"#, |t| t == "已保存").await;
    let saved_body = || {
        let lib = Library::open(&app.library_path()).unwrap();
        let id = lib.list().unwrap()[0].id;
        lib.get(id).unwrap().body
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !saved_body().contains(&format!("二、{third_title}")) {
        assert!(std::time::Instant::now() < deadline, "the moved section never reached the database");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // A snapshot with a label, then more typing, then restore: the typing goes, the snapshot's text returns.
    app.click(r#"[data-testid="snapshot-button"]"#).await;
    app.find(r#"[data-testid="snapshot-label"]"#).await.send_keys("调整顺序后").await.unwrap();
    app.click(r#"[data-testid="snapshot-take"]"#).await;
    app.wait_for_texts(r#"[data-testid="snapshot-item"]"#, |t| t.iter().any(|s| s.contains("调整顺序后"))).await;
    app.screenshot("snapshots-dialog").await;
    app.click(r#"[data-testid="snapshots-dialog"] footer button:last-child"#).await;

    let content = app.find(".cm-content").await;
    content.click().await.unwrap();
    app.js("const v = document.querySelector('.cm-content'); v.focus();").await;
    // A sentence, then a new heading of its own: the outline, refreshed from the typing, gains a row.
    let enter = char::from(fantoccini::key::Key::Enter);
    content.send_keys(&format!("这是新加的一句话。{enter}{enter}九、新增的部分{enter}{enter}")).await.unwrap();
    app.wait_for_text(".cm-content", |t| t.contains("这是新加的一句话。")).await;
    let rows = app.wait_for_text_contents(OUTLINE, |t| t.len() == 15).await;
    let added: Vec<&String> = rows.iter().filter(|r| r.starts_with("九、新增的部分")).collect();
    assert_eq!(added.len(), 1, "{rows:?}");
    // A 九、 after 一、 to 三、 skips numbers: it is flagged.
    assert!(added[0].contains('⚠'), "{rows:?}");
    assert!(rows.contains(&format!("二、{third_title}")), "the other rows keep their titles: {rows:?}");
    app.wait_for_text(r#"[data-testid="save-status"]"#, |t| t == "已保存").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !saved_body().contains("这是新加的一句话。") {
        assert!(std::time::Instant::now() < deadline, "typing never reached the database");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    app.click(r#"[data-testid="snapshot-button"]"#).await;
    app.click(r#"[data-testid="snapshot-item"]"#).await;
    app.wait_for_text(r#"[data-testid="snapshot-diff"]"#, |t| t.contains("这是新加的一句话。")).await;
    // The typed sentence and heading are marked as added since the snapshot.
    let added = app.text_contents(r#"[data-testid="snapshot-diff"] [data-kind="added"]"#).await;
    assert!(added.iter().any(|p| p.contains("这是新加的一句话。")), "{added:?}");
    assert!(added.iter().any(|p| p.contains("九、新增的部分")), "{added:?}");
    app.click(r#"[data-testid="snapshot-restore"]"#).await;
    app.wait_for_text(".cm-content", |t| !t.contains("这是新加的一句话。")).await;
    let rows = app.wait_for_text_contents(OUTLINE, |t| t.len() == 14).await;
    assert!(!rows.iter().any(|r| r.contains("新增的部分")), "the restore took the typed heading away: {rows:?}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while saved_body().contains("这是新加的一句话。") {
        assert!(std::time::Instant::now() < deadline, "the restored text never reached the database");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // Nothing is lost: the text before the restore is kept as a snapshot.
    let lib = Library::open(&app.library_path()).unwrap();
    let id = lib.list().unwrap()[0].id;
    let kept = lib.snapshots(id).unwrap().into_iter().any(|s| lib.get_snapshot(s.id).unwrap().body.contains("这是新加的一句话。"));
    assert!(kept, "the text replaced by the restore must survive as a snapshot");

    app.screenshot("after-restore").await;
    app.close().await;
}

/// Dragging a part's row above the first part moves the whole part, its sub-sections with it, to
/// the front: the ordinals follow in the outline and in the text, and nothing is lost.
#[tokio::test(flavor = "multi_thread")]
async fn dragging_a_section_in_the_outline_moves_it_with_its_subsections() {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};

    let app = App::launch().await;
    let rows = app.wait_for_text_contents(OUTLINE, |t| t.len() == 14 && t.iter().all(|r| r.chars().count() > 4)).await;
    let parts: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.starts_with("一、") || r.starts_with("二、") || r.starts_with("三、"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(parts.len(), 3, "{rows:?}");
    let third_title = rows[parts[2]].trim_start_matches("三、").to_string();
    let first_title = rows[parts[0]].trim_start_matches("一、").to_string();
    let third_subsections = rows.len() - parts[2] - 1;
    assert!(!third_title.is_empty() && !first_title.is_empty(), "{rows:?}");

    let dragged = app.find(&format!(r#"[data-testid="outline-item"][data-index="{}"]"#, parts[2])).await;
    let onto = app.find(&format!(r#"[data-testid="outline-item"][data-index="{}"]"#, parts[0])).await;
    let height = app
        .js(&format!(
            r#"return document.querySelector('[data-testid="outline-item"][data-index="{}"]').getBoundingClientRect().height"#,
            parts[0]
        ))
        .await
        .as_f64()
        .unwrap();
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: dragged, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(std::time::Duration::from_millis(100)), x: 0.0, y: -20.0 })
        // The upper half of the first part's row: drop before it.
        .then(PointerAction::MoveToElement {
            element: onto,
            duration: Some(std::time::Duration::from_millis(300)),
            x: 0.0,
            y: -(height / 4.0),
        })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    app.client.perform_actions(mouse).await.expect("drag in the outline");
    app.client.release_actions().await.ok();

    let rows = app.wait_for_text_contents(OUTLINE, |t| t.first().is_some_and(|r| r == &format!("一、{third_title}"))).await;
    assert_eq!(rows.len(), 14, "no section lost: {rows:?}");
    assert!(rows.contains(&format!("二、{first_title}")), "the old first part is now the second: {rows:?}");
    // Its sub-sections came with it, right behind it.
    let moved: Vec<String> = rows[1..=third_subsections].to_vec();
    assert!(moved.iter().all(|r| r.starts_with('（')), "sub-sections follow their part: {rows:?}");
    // The text itself changed, and is saved: in the library file, the moved part comes first.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let lib = Library::open(&app.library_path()).unwrap();
        let body = lib.get(lib.list().unwrap()[0].id).unwrap().body;
        let (a, b) = (body.find(&format!("一、{third_title}")), body.find(&format!("二、{first_title}")));
        if a.is_some_and(|a| b.is_some_and(|b| a < b)) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the dragged section never reached the text in the database");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // Hovering the status bar shows each section's speaking time, in the new order.
    let stats = app.find(r#"[data-testid="stats"]"#).await;
    let tip = stats.attr("title").await.unwrap().expect("the status bar has a tooltip");
    let lines: Vec<&str> = tip.lines().collect();
    assert_eq!(lines.len(), 14, "one line per section: {tip}");
    assert!(lines[0].starts_with(&format!("一、{third_title}：约 ")) && lines[0].ends_with("分钟"), "{tip}");
    assert!(lines[1].starts_with("　（一）"), "sub-sections indented under their part: {tip}");
    app.screenshot("main-screen").await;
    app.close().await;
}
