//! First start: a new data folder gets a library holding the demo lecture,
//! and opening it shows its text in the editor.

use lectern_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn first_start_shows_the_demo_lecture_and_opens_it() {
    let app = App::launch().await;

    // The most recent lecture opens by itself; the list is redrawn as data arrives, so it is read
    // afresh each time.
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    let rows = app
        .wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1 && t[0].contains("城乡融合发展"))
        .await;
    assert!(rows[0].contains("字"), "the row shows the 字数: {rows:?}");
    let id = app.js(r#"return document.querySelector('[data-testid="library-item"]').dataset.id"#).await;
    assert!(id.as_str().is_some_and(|s| s.parse::<i64>().is_ok()), "rows carry their lecture's id: {id}");

    app.click(r#"[data-testid="library-item"]"#).await;
    // CodeMirror renders only the lines in view: the opening of the lecture is what a user sees.
    app.wait_for_text(".cm-content", |t| t.contains("同志们") && t.contains("城乡融合发展"))
        .await;
    // CodeMirror injects its own styles; under a CSP that blocks them the editor is unstyled
    // (release builds once showed a blank editor that way).
    let styles = app
        .client
        .execute(
            "const e = document.querySelector('.cm-editor'), c = document.querySelector('.cm-content');
             return [getComputedStyle(e).display, getComputedStyle(c).whiteSpace];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(styles[0], "flex", "CodeMirror's base theme must apply under the CSP");
    assert!(
        ["pre-wrap", "break-spaces"].contains(&styles[1].as_str().unwrap_or("")),
        "lines must wrap: {styles:?}"
    );

    let stats = app.wait_for_text(r#"[data-testid="stats"]"#, |t| t.contains("字")).await;
    assert!(stats.contains("分钟"), "status bar: {stats:?}");

    // The library file is where the data folder says.
    assert!(app.data_dir.path().join("library.db").exists());
    app.screenshot("first-start").await;
    app.close().await;
}
