//! Issue 13, item 7, on the release window: a web clipping of three pages (the site's lines
//! repeated between the pages) imported as a .txt comes in as the lecture alone: no 付费复制,
//! 扫码, share bar or byline left in the middle, and every paragraph of the lecture kept.

use lectern_e2e::{workspace_root, App};
use lectern_library::Library;

/// The clipping as three pages: the tail of one page and the head of the next stand between them,
/// after the 10th and the 25th line of the lecture (the way a multi-page clipping comes).
fn three_pages(raw: &str) -> String {
    let lines: Vec<&str> = raw.lines().collect();
    let body = lines.iter().position(|l| l.trim().starts_with("同志们")).unwrap();
    let tail = lines.iter().rposition(|l| l.trim() == "联系我们").unwrap();
    let (head, lecture, tail) = (&lines[..body], &lines[body..tail], &lines[tail..]);
    let mut out: Vec<&str> = head.to_vec();
    let mut seen = 0;
    for line in lecture {
        out.push(line);
        if !line.trim().is_empty() {
            seen += 1;
            if seen == 10 || seen == 25 {
                out.push("");
                out.extend(tail.iter().chain(head));
                out.push("分享到： 微信 微博 QQ空间");
            }
        }
    }
    out.extend(tail);
    out.join("\n")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clipping_of_several_pages_comes_in_without_the_site_between_them() {
    let raw = std::fs::read_to_string(workspace_root().join("tests/data/web-clip-lecture.txt")).unwrap();
    let one_page = lectern_text::clean(&raw);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("三页网页.txt");
    std::fs::write(&file, three_pages(&raw)).unwrap();

    // A library made before the app starts, so no demo lecture is added: the demo is this very
    // clipping, and the import would rightly be refused as a lecture already in the library.
    let data_dir = tempfile::tempdir().unwrap();
    Library::open(&data_dir.path().join("library.db")).unwrap();
    let app = App::launch_in(data_dir).await;
    app.find(r#"[data-testid="library-search"]"#).await;
    app.client
        .execute("window.lectern.importPaths(arguments[0]); return true;", vec![serde_json::json!([file])])
        .await
        .unwrap();
    // One file read without a problem: the app opens the new lecture (no summary to answer).
    let shown = app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    let lib = Library::open(&app.library_path()).unwrap();
    let lectures = lib.list().unwrap();
    assert_eq!(lectures.len(), 1, "the clipping is the one lecture: {lectures:?}");
    assert_eq!(lectures[0].title, one_page.title);
    let body = lib.get(lectures[0].id).unwrap().body;
    for furniture in ["付费复制", "扫码", "w227", "分享到", "2.99元", "验证码", "最近发表"] {
        assert!(!body.contains(furniture), "{furniture} left in the lecture");
        assert!(!shown.contains(furniture), "{furniture} shown in the editor");
    }
    // Every paragraph of the lecture, in order, as the one-page clipping gives it.
    let paragraphs = |t: &str| t.split('\n').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(paragraphs(&body), paragraphs(&one_page.text), "the lecture's paragraphs");
    app.close().await;
}
