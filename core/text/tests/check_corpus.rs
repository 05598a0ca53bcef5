//! The 校对 corpus (`tests/data/check/*.txt`, format in its README): every
//! positive case is found with its rule, exact span and suggestion, and
//! nothing else; every negative case gives no finding at all.

use lectern_text::check::{self, Finding};

const OPEN: char = '⟦';
const CLOSE: char = '⟧';

struct Case {
    file: &'static str,
    line: usize,
    text: String,
    /// rule, start, end, suggestion (None: not checked; Some(None): must have none)
    expect: Option<(String, usize, usize, Option<Option<String>>)>,
}

fn cases() -> Vec<Case> {
    let files: [(&str, &str); 6] = [
        ("punctuation", include_str!("data/check/punctuation.txt")),
        ("ordinals", include_str!("data/check/ordinals.txt")),
        ("numbers", include_str!("data/check/numbers.txt")),
        ("spacing", include_str!("data/check/spacing.txt")),
        ("doubled", include_str!("data/check/doubled.txt")),
        ("wording", include_str!("data/check/wording.txt")),
    ];
    let mut out = Vec::new();
    for (file, body) in files {
        for (i, l) in body.lines().enumerate() {
            if l.starts_with('#') || l.trim().is_empty() {
                continue;
            }
            let line = i + 1;
            if let Some(rest) = l.strip_prefix("- ") {
                out.push(Case { file, line, text: rest.replace("\\n", "\n"), expect: None });
            } else if let Some(rest) = l.strip_prefix("+ ") {
                let mut f = rest.split('\t');
                let rule = f.next().unwrap().to_string();
                let marked = f.next().unwrap_or_else(|| panic!("{file}:{line}: no text")).replace("\\n", "\n");
                let suggestion = f.next().map(|s| match s {
                    "∅" => None,
                    "\"\"" => Some(String::new()),
                    s => Some(s.to_string()),
                });
                let chars: Vec<char> = marked.chars().collect();
                let start = chars.iter().position(|&c| c == OPEN).unwrap_or_else(|| panic!("{file}:{line}: no ⟦"));
                let end = chars.iter().position(|&c| c == CLOSE).unwrap_or_else(|| panic!("{file}:{line}: no ⟧")) - 1;
                let text: String = chars.iter().filter(|&&c| c != OPEN && c != CLOSE).collect();
                out.push(Case { file, line, text, expect: Some((rule, start, end, suggestion)) });
            } else {
                panic!("{file}:{line}: a case starts with `+ ` or `- `");
            }
        }
    }
    out
}

fn show(f: &[Finding]) -> String {
    f.iter().map(|f| format!("{} {}..{} 「{}」 {:?}", f.rule, f.start, f.end, f.found, f.suggestion)).collect::<Vec<_>>().join("; ")
}

#[test]
fn every_positive_case_is_found_exactly_and_alone() {
    let mut failures = Vec::new();
    let mut n = 0;
    for c in cases() {
        let Some((rule, start, end, suggestion)) = &c.expect else { continue };
        n += 1;
        let found = check::check(&c.text);
        let ok = found.len() == 1
            && found[0].rule == *rule
            && found[0].start == *start
            && found[0].end == *end
            && suggestion.as_ref().is_none_or(|s| found[0].suggestion == *s);
        if !ok {
            failures.push(format!("{}:{}: want {rule} {start}..{end} {suggestion:?}, got [{}]", c.file, c.line, show(&found)));
        }
    }
    assert!(n >= 40, "the corpus has {n} positive cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_negative_case_is_left_alone() {
    let mut failures = Vec::new();
    let mut n = 0;
    for c in cases().into_iter().filter(|c| c.expect.is_none()) {
        n += 1;
        let found = check::check(&c.text);
        if !found.is_empty() {
            failures.push(format!("{}:{}: {:?} gave [{}]", c.file, c.line, c.text, show(&found)));
        }
    }
    assert!(n >= 40, "the corpus has {n} negative cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn applying_a_positive_case_s_fix_leaves_nothing_to_find() {
    for c in cases() {
        let Some((_, _, _, Some(Some(_)))) = &c.expect else { continue };
        let found = check::check(&c.text);
        let fixed = check::apply(&c.text, &check::fixes(&found, None));
        assert_eq!(check::check(&fixed), vec![], "{}:{}: {:?} fixed to {:?}", c.file, c.line, c.text, fixed);
    }
}
