//! 关于讲稿台: the dialog names the data folder the app really uses, the library it holds, and the
//! licences of what is bundled.

use lectern_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn about_names_the_data_folder_the_library_and_the_licences() {
    let app = App::launch().await;
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    app.click(r#"[data-testid="about-button"]"#).await;
    let data_dir = app.data_dir.path().display().to_string();
    let facts = app
        .wait_for_text_contents(r#"[data-testid="about-facts"]"#, |t| t.len() == 1 && t[0].contains(&data_dir))
        .await;
    let facts = &facts[0];
    assert!(facts.contains(env!("CARGO_PKG_VERSION")), "the version: {facts}");
    assert!(facts.contains(&format!("{data_dir}/library.db，1 篇讲稿")), "the library with the demo lecture: {facts}");
    assert!(facts.contains(&format!("{data_dir}/backups")), "the backups folder: {facts}");
    let licences = app.text_contents(r#"[data-testid="about-licences"] li"#).await;
    for (name, licence) in [("tauri", "Apache-2.0 OR MIT"), ("SQLite", "blessing"), ("pdfjs-dist", "Apache-2.0")] {
        assert!(
            licences.iter().any(|l| l.starts_with(&format!("{name}（")) && l.ends_with(licence)),
            "{name} with {licence} in {licences:?}"
        );
    }
    app.screenshot("about").await;
    app.close().await;
}
