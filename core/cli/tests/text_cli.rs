//! The `lectern clean | outline | stats` commands as a user runs them.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/web-clip-lecture.txt");

fn lectern(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern")).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn clean_prints_the_cleaned_text() {
    let out = stdout(&lectern(&["clean", FIXTURE]));
    let want = lectern_text::clean(include_str!("../../../tests/data/web-clip-lecture.txt")).text;
    assert_eq!(out, format!("{want}\n"));
    assert!(out.starts_with("党课：坚持以新型城镇化引领推动城乡融合发展\n\n同志们：\n\n"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&lectern(&["clean", "--json", FIXTURE]))).unwrap();
    assert_eq!(json["metadata"]["date"], "2025-02-07");
    assert_eq!(json["metadata"]["category"], "讲稿讲义");
    assert_eq!(json["removed"][0], "右侧显示信息");
}

#[test]
fn outline_prints_the_tree_and_its_json() {
    let out = stdout(&lectern(&["outline", FIXTURE]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 3 + 11);
    assert_eq!(lines[1], "一、深刻领会以新型城镇化引领推动城乡融合发展的重大意义");
    assert_eq!(lines[2], "  （一）以新型城镇化为牵引推动城乡融合发展，有利于塑造新型工农城乡关系");
    let json: serde_json::Value = serde_json::from_str(&stdout(&lectern(&["outline", "--json", FIXTURE]))).unwrap();
    assert_eq!(json["title"], "党课：坚持以新型城镇化引领推动城乡融合发展");
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 3);
    assert_eq!(sections.iter().map(|s| s["children"].as_array().unwrap().len()).sum::<usize>(), 11);
    assert_eq!(sections[1]["level"], 1);
    assert_eq!(sections[1]["number"], "二、");
    assert_eq!(sections[0]["end"], sections[1]["start"]);
}

#[test]
fn stats_count_with_a_rate() {
    let json: serde_json::Value = serde_json::from_str(&stdout(&lectern(&["stats", "--json", "--rate", "250", FIXTURE]))).unwrap();
    let n = json["char_count"].as_u64().unwrap();
    assert_eq!(json["rate_per_minute"], 250);
    assert_eq!(json["minutes"].as_f64().unwrap(), n as f64 / 250.0);
    assert_eq!(json["sections"][2]["children"][3]["number"], "（四）");
    let text = stdout(&lectern(&["stats", FIXTURE]));
    assert!(text.starts_with(&format!("全文 {n} 字，按每分钟 200 字约 ")));
}

#[test]
fn a_dash_reads_standard_input_in_any_encoding() {
    let (gbk, _, _) = encoding_rs::GBK.encode("学习党章\r\n\r\n一、认真学习\r\n（一）逐条学,入脑入心。\r\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["outline", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&gbk).unwrap();
    let out = stdout(&child.wait_with_output().unwrap());
    assert_eq!(out, "学习党章\n一、认真学习\n  （一）逐条学，入脑入心\n");
}

#[test]
fn bad_input_exits_1_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("图片.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "不是文本文件"),
        ("空.txt", b"", "文件是空的"),
        ("讲稿.pdf", b"%PDF-1.7", "PDF 文件已损坏或无法识别"),
        ("报告.docx", b"PK\x03\x04 broken", "文件已损坏（不是有效的 docx）"),
    ];
    for (name, bytes, problem) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        for cmd in ["clean", "outline", "stats"] {
            let o = lectern(&[cmd, p.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(1), "{cmd} {name}");
            let err = String::from_utf8(o.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with(&format!("lectern: 无法读取 {name}：")), "{err}");
            assert!(err.contains(problem), "{err}");
            assert!(o.stdout.is_empty());
        }
    }
    let o = lectern(&["clean", dir.path().join("没有这个文件.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8(o.stderr).unwrap(), "lectern: 无法读取 没有这个文件.txt：文件不存在\n");
}
