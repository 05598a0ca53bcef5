//! 校对 as the editor asks for it at each pause in typing: `Library::proofread` on a
//! 50,000-character lecture (the library's wording rules read, the checker built, the ignores and
//! rules switched off applied, positions made UTF-16), on a clean lecture repeated (only its
//! repeated ordinals are flagged) and on the lecture with 20 errors repeated (one every 75
//! characters or so).

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use lectern_library::{Library, NewLecture};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/check");

/// `file` repeated to at least 50,000 characters.
fn fifty_thousand(file: &str) -> String {
    let one = std::fs::read_to_string(format!("{DATA}/{file}")).unwrap();
    let mut text = String::new();
    while text.chars().count() < 50_000 {
        text.push_str(&one);
        text.push('\n');
    }
    text
}

fn main() {
    let lib = Library::open_in_memory().unwrap();
    lib.add_wording_rule("两学一做", "“两学一做”学习教育", "").unwrap();
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for (name, file) in [("clean", "clean-lecture.txt"), ("with errors", "lecture-20-errors.txt")] {
        let text = fifty_thousand(file);
        let id = lib.add(&NewLecture { title: name.into(), body: text.clone(), ..Default::default() }).unwrap();
        let p = lib.proofread(id, &text).unwrap();
        lib.ignore_finding(id, &p.findings.first().map(|f| f.ignore.clone()).unwrap_or(lectern_library::IgnoreKey {
            rule: "doubled.char".into(),
            found: "的的".into(),
            before: String::new(),
            after: String::new(),
        }))
        .unwrap();
        eprintln!("{name}: {} characters, {} findings", text.chars().count(), p.findings.len());
        c.bench_function(&format!("proofread, 50,000 characters ({name})"), |b| {
            b.iter(|| lib.proofread(id, black_box(&text)).unwrap().findings.len())
        });
    }
    c.final_summary();
}
