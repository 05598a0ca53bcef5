//! Export the demo lecture as a Word document from the export dialog: choosing Word changes the
//! save button and says that Word lays out its own pages; the saved .docx is a real Word package
//! whose headings carry outline levels, with the lecture's title, and which reads back with the
//! lecture's outline.

use std::io::Read;
use std::path::Path;

use lectern_e2e::App;
use lectern_library::Library;

#[tokio::test(flavor = "multi_thread")]
async fn export_the_lecture_as_a_word_document() {
    let app = App::launch().await;
    app.wait_for_text(".cm-content", |t| t.contains("同志们")).await;
    let id = app.js(r#"return document.querySelector('[data-testid="library-item"]').dataset.id"#).await;
    let id: i64 = id.as_str().and_then(|s| s.parse().ok()).expect("the row's lecture id");
    app.click(r#"[data-testid="library-item"]"#).await;
    app.click(r#"[data-testid="export-button"]"#).await;
    app.find(r#"[data-testid="export-dialog"]"#).await;
    // The preview is the PDF's pages; with PDF chosen, nothing speaks of Word.
    app.find(r#"[data-testid="preview-page"]"#).await;
    app.wait_for_text(r#"[data-testid="export-status"]"#, |t| t.starts_with("共")).await;
    app.wait_for_text(r#"[data-testid="export-save"]"#, |t| t == "保存 PDF…").await;
    app.wait_for_text(r#"[data-testid="export-format-note"]"#, |t| t.is_empty()).await;

    app.click(r#"[data-testid="export-format-docx"]"#).await;
    app.wait_for_text(r#"[data-testid="export-save"]"#, |t| t == "保存 Word…").await;
    app.wait_for_text(r#"[data-testid="export-format-note"]"#, |t| t.contains("分页由 Word 或 WPS 自己完成")).await;
    app.screenshot("export-dialog-word").await;

    // Saved through the path the native save dialog takes, with a name typed without extension.
    let typed = app.data_dir.path().join("讲稿");
    app.js_async(
        "const [path, done] = arguments; window.lectern.exportTo(path).then(() => done(true));",
        vec![serde_json::json!(typed)],
    )
    .await;
    let status = app.wait_for_text(r#"[data-testid="export-status"]"#, |t| t.contains("已保存")).await;
    assert!(status.contains("Word 文档"), "{status}");
    app.find(r#"[data-testid="export-open"]"#).await;
    let out = app.data_dir.path().join("讲稿.docx");
    assert!(out.is_file(), "the name got the format's extension: {status}");

    // Checked before closing: the data folder goes with the app.
    let lecture = Library::open(&app.library_path()).unwrap().get(id).unwrap();
    check_word_document(&out, &lecture.title, &lecture.body);
    app.close().await;
}

/// A paragraph of document.xml: its style and its text.
struct Para {
    style: String,
    text: String,
}

/// The paragraphs of `word/document.xml`, read with plain string search: the writer puts one
/// `w:pStyle` first in each styled paragraph and the text in `w:t` runs.
fn paragraphs(xml: &str) -> Vec<Para> {
    let attr = |s: &str, name: &str| -> Option<String> {
        let at = s.find(name)? + name.len();
        let rest = &s[at..];
        Some(rest[..rest.find('"')?].to_string())
    };
    xml.split("<w:p>")
        .skip(1)
        .map(|p| {
            let p = &p[..p.find("</w:p>").unwrap_or(p.len())];
            let style = p.find("<w:pStyle").and_then(|at| attr(&p[at..], "w:val=\"")).unwrap_or_default();
            let mut text = String::new();
            for run in p.split("<w:t").skip(1) {
                let Some(open) = run.find('>') else { continue };
                let body = &run[open + 1..];
                text.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
            }
            Para { style, text }
        })
        .collect()
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).expect("a zip package");
    let mut s = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("no {name}: {e}")).read_to_string(&mut s).unwrap();
    s
}

fn check_word_document(docx: &Path, title: &str, body: &str) {
    let bytes = std::fs::read(docx).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a .docx is a zip package");
    assert!(part(docx, "[Content_Types].xml").contains("wordprocessingml.document.main+xml"));
    assert!(part(docx, "docProps/core.xml").contains(&format!("<dc:title>{title}</dc:title>")));

    // Headings carry outline levels through their styles: the navigation pane shows the outline.
    let styles = part(docx, "word/styles.xml");
    for (id, level) in [("Heading1", 0), ("Heading2", 1)] {
        let at = styles.find(&format!("w:styleId=\"{id}\"")).unwrap_or_else(|| panic!("no style {id}"));
        let style = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(style.contains(&format!("<w:outlineLvl w:val=\"{level}\"/>")), "{id}: {style}");
    }

    // The title first, then every heading of the lecture in order, each in its level's style.
    let paras = paragraphs(&part(docx, "word/document.xml"));
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(paras[0].style, "Title");
    assert_eq!(squash(&paras[0].text), squash(title));
    let outline = lectern_text::outline::parse(body);
    let sections = outline.flat();
    assert!(sections.len() >= 10, "the demo lecture has its headings: {}", sections.len());
    let mut from = 1;
    for s in &sections {
        let style = format!("Heading{}", s.level);
        let found = paras[from..]
            .iter()
            .position(|p| p.style == style && squash(&p.text).starts_with(&squash(&format!("{}{}", s.number, s.title))))
            .unwrap_or_else(|| panic!("no {style} paragraph “{}{}” in order after paragraph {from}", s.number, s.title));
        from += found + 1;
    }

    // Read back as a lecture, it has the same outline.
    let back = lectern_text::import_path(docx).expect("the .docx reads back");
    assert_eq!(squash(&back.title), squash(title));
    let heads = |o: &lectern_text::Outline| -> Vec<(u8, String, String)> {
        o.flat().iter().map(|s| (s.level, s.number.clone(), s.title.clone())).collect()
    };
    assert_eq!(heads(&lectern_text::outline::parse(&back.text)), heads(&outline));
}
