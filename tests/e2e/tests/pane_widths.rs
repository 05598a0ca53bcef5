//! The panes can be made wider or narrower with their splitters, and a library's window opens
//! with the widths it was left with (kept in the data folder beside the library).

use std::time::{Duration, Instant};

use lectern_e2e::App;

const WIDTH: &str = "return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().width);";

async fn width(app: &App, css: &str) -> u64 {
    let v = app.client.execute(WIDTH, vec![serde_json::json!(css)]).await.expect("the pane's width");
    v.as_u64().unwrap_or_else(|| panic!("no width for {css}: {v:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn pane_widths_follow_the_splitters_and_are_kept() {
    let mut app = App::launch().await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    let (library0, outline0) = (width(&app, ".library").await, width(&app, ".outline").await);
    assert_eq!((library0, outline0), (280, 260), "the default widths");

    // Focus each splitter with a real click, then widen the library pane by 5 steps of 16 px and
    // narrow the outline by 3.
    app.click(r#"[data-testid="library-splitter"]"#).await;
    let splitter = app.find(r#"[data-testid="library-splitter"]"#).await;
    for _ in 0..5 {
        splitter.send_keys("\u{E014}").await.expect("→ on the splitter");
    }
    app.click(r#"[data-testid="outline-splitter"]"#).await;
    let splitter = app.find(r#"[data-testid="outline-splitter"]"#).await;
    for _ in 0..3 {
        splitter.send_keys("\u{E012}").await.expect("← on the splitter");
    }
    let (library1, outline1) = (width(&app, ".library").await, width(&app, ".outline").await);
    println!("library pane {library0} → {library1} px, outline {outline0} → {outline1} px");
    assert_eq!((library1, outline1), (library0 + 80, outline0 - 48));

    let kept = app.data_dir.path().join("layout.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(&kept).unwrap_or_default();
        if text.contains(&format!("\"library\":{library1}")) && text.contains(&format!("\"outline\":{outline1}")) {
            break;
        }
        assert!(Instant::now() < deadline, "the widths never reached {}: {text:?}", kept.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let data_dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    app.close().await;

    // Started again on the same library, the window has the widths it was left with.
    let app = App::launch_in(data_dir).await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = (width(&app, ".library").await, width(&app, ".outline").await);
        if now == (library1, outline1) {
            break;
        }
        assert!(Instant::now() < deadline, "opened with {now:?}, not {:?}", (library1, outline1));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.close().await;
}
