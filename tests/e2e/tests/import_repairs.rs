//! The import summary says what the reader did to a Word file beyond plain reading (its automatic
//! numbering written out, tracked deletions dropped), and names a file that failed once.

use lectern_e2e::{workspace_root, App};

#[tokio::test(flavor = "multi_thread")]
async fn the_import_summary_tells_what_the_reader_did_and_names_each_file_once() {
    let app = App::launch().await;
    app.find(r#"[data-testid="library-item"]"#).await;

    let data = workspace_root().join("tests/data");
    let word = data.join("docs/lecture.docx");
    let bad = data.join("损坏的文件.docx");
    app.client
        .execute("window.lectern.importPaths(arguments[0]); return true;", vec![serde_json::json!([word, bad])])
        .await
        .unwrap();
    let summary = app.wait_for_text(r#"[data-testid="import-summary"]"#, |t| t.contains("损坏的文件.docx")).await;
    assert!(summary.contains("导入了 1 个文件，1 个没有导入"), "{summary}");
    let failures = app.texts(r#"[data-testid="import-failures"] li"#).await;
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0].matches("损坏的文件.docx").count(), 1, "the failed file is named once: {failures:?}");
    let repairs = app.texts(r#"[data-testid="import-repairs"] li"#).await;
    assert_eq!(repairs.len(), 1, "{repairs:?}");
    assert!(repairs[0].starts_with("lecture.docx：") && repairs[0].contains("自动编号"), "{repairs:?}");
    println!("import summary: {summary}");
    app.screenshot("import-repairs").await;
    app.click(r#"[data-testid="import-summary"] button"#).await;
    // The Word file's automatic numbering is in the text: its headings carry their ordinals.
    app.wait_for_text(".cm-content", |t| t.contains("一、深刻领会主题教育的重大意义") && t.contains("（一）坚持学思用贯通")).await;
}
