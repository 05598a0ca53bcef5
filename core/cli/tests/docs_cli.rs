//! `lectern outline` and `lectern import` on one lecture as its producers
//! saved it (tests/data/docs, made by make-fixtures.py): a .docx with
//! automatic numbering, LibreOffice's .doc and PDF, Typst's PDF. Each gives
//! the plain text's title and headings; import says what the reader did.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn doc(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/docs").join(name)
}

fn lectern(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern")).args(args).output().expect("run lectern")
}

fn outline(name: &str) -> String {
    let o = lectern(&["outline", doc(name).to_str().unwrap()]);
    assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn each_copy_of_the_lecture_outlines_like_its_plain_text() {
    let plain = outline("lecture.txt");
    assert!(plain.starts_with("坚持以学铸魂 推动主题教育走深走实\n一、深刻领会主题教育的重大意义\n"), "{plain}");
    assert_eq!(plain.lines().count(), 12, "{plain}");
    for name in ["lecture.docx", "lecture.doc", "lecture-libreoffice.pdf", "lecture-typst.pdf"] {
        assert_eq!(outline(name), plain, "{name}");
    }
}

fn import(db: &Path, files: &[&str]) -> (bool, String) {
    let paths: Vec<String> = files.iter().map(|f| doc(f).to_str().unwrap().to_string()).collect();
    let mut args = vec!["--db", db.to_str().unwrap(), "import"];
    args.extend(paths.iter().map(String::as_str));
    let o = lectern(&args);
    (o.status.success(), String::from_utf8(o.stderr).unwrap())
}

#[test]
fn import_says_what_the_reader_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let (ok, err) = import(&db, &["lecture.docx"]);
    assert!(ok, "{err}");
    assert_eq!(err, "lecture.docx：写出了 11 处自动编号；按接受修订处理，去掉了 1 处删除的文字；保留了 1 处插入的修订；表格按行保留（3 行）\n");
    // Read from Typst's PDF, the lecture is the very same text: a duplicate.
    let (_, err) = import(&db, &["lecture-typst.pdf", "lecture-libreoffice.pdf", "lecture.doc"]);
    assert_eq!(err.matches("讲稿库中已有这篇讲稿").count(), 3, "{err}");
    let other = dir.path().join("other.sqlite");
    let (ok, err) = import(&other, &["lecture-typst.pdf"]);
    assert!(ok, "{err}");
    assert_eq!(err, "lecture-typst.pdf：去掉了 2 行页眉、页脚；去掉了 2 个页码；表格按行保留（3 行）\n");
    let (ok, err) = import(&other, &["scanned.pdf"]);
    assert!(!ok);
    assert!(err.contains("scanned.pdf：这个 PDF 没有文字层"), "{err}");
}
