//! `lectern check` as a user runs it: the "done when" (a lecture with
//! 20 errors put in: at least 18 found on the right span, at most 3 findings
//! elsewhere), precision on clean official texts (at most 1 finding per
//! 10,000 characters), the text and JSON outputs, standard input and the
//! library's own wording rules.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data");

fn lectern(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern")).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn check_json(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["check", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str::<serde_json::Value>(&stdout(&lectern(&all))).unwrap().as_array().unwrap().clone()
}

/// The 20 errors put into `check/lecture-20-errors.txt` (made from
/// `check/clean-lecture.txt`): start, end (characters) and the text there.
const PUT_IN: [(u64, u64, &str); 20] = [
    (16, 18, "--"),           // dash at the subtitle's start
    (44, 45, ","),            // half-width comma
    (72, 77, "二十大精神"),   // standard wording
    (182, 183, "."),          // half-width full stop
    (295, 296, "“"),          // quote never closed
    (415, 419, "１２８６"),   // full-width digits
    (461, 462, "、"),         // 顿号 before 等
    (533, 535, "的的"),       // doubled character
    (647, 648, "."),          // 二. for 二、
    (710, 716, "”三会一课“"), // reversed quotes
    (767, 768, "《"),         // 《 never closed
    (788, 789, "("),          // half-width parenthesis
    (837, 838, " "),          // space between Han characters
    (844, 849, "二〇二四年"), // the year also written 2024年
    (969, 970, "、"),         // （三）、
    (1018, 1019, " "),        // space before ，
    (1033, 1035, "，。"),     // clashing marks
    (1070, 1073, "..."),      // ... for ……
    (1340, 1343, "（四）"),   // numbering gap: （二） then （四）
    (1549, 1551, "！！"),     // repeated mark
];

#[test]
fn a_lecture_with_20_errors_put_in_has_at_least_18_found_and_at_most_3_elsewhere() {
    let path = format!("{DATA}/check/lecture-20-errors.txt");
    let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
    for (s, e, found) in PUT_IN {
        assert_eq!(text[s as usize..e as usize].iter().collect::<String>(), found, "the fixture drifted at {s}..{e}");
    }
    let findings = check_json(&[&path]);
    let span = |f: &serde_json::Value| (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
    let missed: Vec<_> = PUT_IN.iter().filter(|(s, e, _)| !findings.iter().any(|f| span(f) == (*s, *e))).collect();
    let elsewhere: Vec<_> = findings.iter().filter(|f| !PUT_IN.iter().any(|(s, e, _)| span(f) == (*s, *e))).collect();
    assert!(missed.len() <= 2, "missed: {missed:?}");
    assert!(elsewhere.len() <= 3, "elsewhere: {elsewhere:#?}");
    // Each finding carries what the pane needs.
    for f in &findings {
        let (s, e) = span(f);
        assert_eq!(f["found"].as_str().unwrap(), text[s as usize..e as usize].iter().collect::<String>());
        assert!(!f["rule"].as_str().unwrap().is_empty() && !f["category"].as_str().unwrap().is_empty());
        assert!(f["message"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{f}");
        assert!(f.get("suggestion").is_some());
    }
}

/// Findings and characters over clean official texts: the cleaned web
/// clipping, the library fixtures and a clean lecture written for the checker.
#[test]
fn clean_official_texts_have_at_most_one_finding_per_10000_characters() {
    let dir = tempfile::tempdir().unwrap();
    let cleaned = dir.path().join("cleaned.txt");
    std::fs::write(&cleaned, stdout(&lectern(&["clean", &format!("{DATA}/web-clip-lecture.txt")]))).unwrap();
    let fixture_chars = std::fs::read_to_string(&cleaned).unwrap().chars().count();
    let fixture_findings = check_json(&[cleaned.to_str().unwrap()]);
    assert!(fixture_findings.len() * 10_000 <= fixture_chars, "{fixture_chars} chars: {fixture_findings:#?}");

    let mut files = vec![cleaned.to_str().unwrap().to_string(), format!("{DATA}/check/clean-lecture.txt"), format!("{DATA}/check/clean-lecture-2.txt"), format!("{DATA}/check/clean-report.txt")];
    for name in ["party-building.txt", "rural-revitalization.txt", "gbk-lecture.txt"] {
        files.push(format!("{DATA}/library/{name}"));
    }
    files.push(format!("{DATA}/基层党建讲稿-gbk.txt"));
    let (mut chars, mut findings) = (0, Vec::new());
    for f in &files {
        let text = stdout(&lectern(&["clean", f]));
        chars += text.chars().count();
        findings.extend(check_json(&[f]).into_iter().map(|x| (f.clone(), x)));
    }
    assert!(chars > 10_000, "{chars}");
    assert!(findings.len() * 10_000 <= chars, "{chars} chars: {findings:#?}");
}

#[test]
fn the_text_output_gives_line_column_category_and_a_count_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("稿.txt");
    std::fs::write(&path, "标题\r\n\r\n我们要要坚持,不动摇。\r\n").unwrap();
    let out = stdout(&lectern(&["check", path.to_str().unwrap()]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("3:3\t重字\t「要要」→「要」\t"), "{out}");
    assert!(lines[1].starts_with("3:7\t标点\t「,」→「，」\t"), "{out}");
    assert_eq!(lines[2], "共 2 处");
    // CRLF counts as one character: offsets are in the text as read with \n.
    let json = check_json(&[path.to_str().unwrap()]);
    assert_eq!((json[0]["start"].as_u64(), json[0]["end"].as_u64()), (Some(6), Some(8)));

    std::fs::write(&path, "标题\n\n一段没有错误的文字。\n").unwrap();
    assert_eq!(stdout(&lectern(&["check", path.to_str().unwrap()])), "共 0 处\n");
    assert_eq!(check_json(&[path.to_str().unwrap()]), Vec::<serde_json::Value>::new());
}

#[test]
fn standard_input_and_a_missing_file() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["check", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("学习贯彻二十大精神。".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json[0]["rule"], "wording");
    assert_eq!(json[0]["category"], "规范表述");
    assert_eq!(json[0]["suggestion"], "党的二十大精神");
    assert_eq!((json[0]["start"].as_u64(), json[0]["end"].as_u64()), (Some(4), Some(9)));

    let o = lectern(&["check", "/nonexistent/讲稿.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("讲稿.txt"));
}

#[test]
fn with_db_the_library_s_wording_rules_are_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    lectern_library::Library::open(&db).unwrap().add_wording_rule("两学一做", "“两学一做”学习教育", "单位通知").unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "开展两学一做，践行“两学一做”学习教育。").unwrap();
    assert_eq!(check_json(&[path.to_str().unwrap()]), Vec::<serde_json::Value>::new());
    let json = check_json(&["--db", db.to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(json.len(), 1, "{json:?}");
    assert_eq!(json[0]["found"], "两学一做");
    assert_eq!(json[0]["start"], 2);
}
