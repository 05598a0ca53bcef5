//! The window's size is remembered: resized and closed, it opens at that size on the same library
//! (tauri-plugin-window-state, its file in the data folder).

use std::time::{Duration, Instant};

use lectern_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_at_the_size_it_was_closed_at() {
    let mut app = App::launch().await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    let (width, height) = (1010, 690);
    app.client.set_window_size(width, height).await.expect("resize the window");
    let size = app.client.get_window_size().await.expect("the window's size");
    assert_eq!(size, (width as u64, height as u64), "WebDriver resized the window");
    // Closing the window: the UI saves, then destroys the window (WebDriver's own "close window"
    // does not reach the app), which ends the app; the state is written into the data folder.
    let destroy = "window.__TAURI_INTERNALS__.invoke('plugin:window|destroy', { label: 'main' }); return true;";
    let _ = tokio::time::timeout(Duration::from_secs(5), app.client.execute(destroy, vec![])).await;
    let state = app.data_dir.path().join("window-state.json");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !state.exists() {
        assert!(Instant::now() < deadline, "closing the window wrote no {}", state.display());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let data_dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    drop(app);

    let app = App::launch_in(data_dir).await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = app.client.get_window_size().await.expect("the window's size");
        if now == size {
            break;
        }
        assert!(Instant::now() < deadline, "opened at {now:?}, not at {size:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.close().await;
}
