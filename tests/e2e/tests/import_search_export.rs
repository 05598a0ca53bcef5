//! Import several files at once (one of them broken), search with a two-character query, and
//! export a handout whose PDF passes the core's checks.

use lectern_e2e::{workspace_root, App};

#[tokio::test(flavor = "multi_thread")]
async fn import_search_and_export_a_handout() {
    let app = App::launch().await;
    app.find(r#"[data-testid="library-item"]"#).await;

    // Import a GBK text and a corrupt .docx in one go, through the same path as the open dialog.
    let data = workspace_root().join("tests/data");
    let good = data.join("基层党建讲稿-gbk.txt");
    let bad = data.join("损坏的文件.docx");
    // The import ends by showing its summary dialog, so start it and watch the window.
    app.client
        .execute("window.lectern.importPaths(arguments[0]); return true;", vec![serde_json::json!([good, bad])])
        .await
        .unwrap();
    let summary = app.wait_for_text(r#"[data-testid="import-summary"]"#, |t| t.contains("损坏的文件.docx")).await;
    assert!(summary.contains("导入了 1 个文件"), "{summary}");
    app.screenshot("import-summary").await;
    app.click(r#"[data-testid="import-summary"] button"#).await;
    let items = app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 2).await;
    assert!(items.iter().any(|t| t.contains("关于加强基层党组织建设的几点思考")), "{items:?}");
    // The GBK text was decoded: its body is in the editor.
    app.wait_for_text(".cm-content", |t| t.contains("基层党组织是党在社会基层组织中的战斗堡垒")).await;

    // A two-character search finds it, with the match marked in the snippet.
    let search = app.find(r#"[data-testid="library-search"]"#).await;
    search.send_keys("堡垒").await.unwrap();
    let hits = app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1).await;
    assert!(hits[0].contains("基层党组织"), "{hits:?}");
    let marks = app.texts(r#"[data-testid="search-snippet"] mark"#).await;
    assert_eq!(marks, vec!["堡垒".to_string()]);
    search.clear().await.unwrap();
    search.send_keys("城").await.unwrap();
    app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 1 && t[0].contains("城乡")).await;

    // Export the demo lecture as an attendee handout: the dialog previews the real PDF's pages.
    app.click(r#"[data-testid="library-item"]"#).await;
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    app.click(r#"[data-testid="export-button"]"#).await;
    app.find(r#"[data-testid="export-dialog"]"#).await;
    app.find(r#"[data-testid="preview-page"]"#).await;
    let status = app.wait_for_text(r#"[data-testid="export-status"]"#, |t| t.starts_with("共")).await;
    app.screenshot("export-dialog").await;
    let out = app.data_dir.path().join("讲义.pdf");
    app.js_async(
        "const [path, done] = arguments; window.lectern.exportTo(path).then(() => done(true));",
        vec![serde_json::json!(out)],
    )
    .await;
    app.wait_for_text(r#"[data-testid="export-status"]"#, |t| t.contains("已保存")).await;
    let pdf = std::fs::read(&out).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF"), "{status}");
    // The preview counted the pages the saved PDF has.
    let pages: usize = status.trim_start_matches('共').trim_end_matches('页').trim().parse().expect(&status);
    let info = std::process::Command::new("pdfinfo").arg(&out).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    let saved = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse::<usize>().unwrap());
    assert_eq!(saved, Some(pages), "{info}");
    check_handout(&out);
    app.close().await;
}

/// The saved handout, read back with poppler's tools: A4 pages, every face embedded as a subset,
/// and the lecture's text extractable as the right Chinese characters.
fn check_handout(pdf: &std::path::Path) {
    let run = |cmd: &str, args: &[&str]| {
        let mut c = std::process::Command::new(cmd);
        c.args(args).arg(pdf);
        if cmd == "pdftotext" {
            c.arg("-");
        }
        let out = c.output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
        assert!(out.status.success(), "{cmd} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let info = run("pdfinfo", &[]);
    assert!(info.contains("595.28 x 841.89") || info.contains("595.276 x 841.89"), "A4 pages: {info}");
    let fonts = run("pdffonts", &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(row.split_whitespace().next().unwrap().contains('+'), "face not subset: {row}");
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "face not embedded as a subset with a ToUnicode map: {row}");
    }
    let text: String = run("pdftotext", &["-enc", "UTF-8"]).chars().filter(|c| !c.is_whitespace()).collect();
    for phrase in ["坚持以新型城镇化引领推动城乡融合发展", "同志们", "城乡融合发展是现代化的重要标志"] {
        assert!(text.contains(phrase), "the PDF's text lacks {phrase}");
    }
}
