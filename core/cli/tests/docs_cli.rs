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

#[test]
fn import_says_what_the_reader_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let o = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--db")
        .arg(&db)
        .args(["import", doc("lecture.docx").to_str().unwrap(), doc("lecture-typst.pdf").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("lecture.docx：写出了 11 处自动编号；按接受修订处理，去掉了 1 处删除的文字"), "{err}");
    assert!(err.contains("lecture-typst.pdf：") && err.contains("个页码"), "{err}");
    let o = lectern(&["--db", db.to_str().unwrap(), "import", doc("scanned.pdf").to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("scanned.pdf：这个 PDF 没有文字层"));
}
