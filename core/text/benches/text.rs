//! Clean and outline a 100,000-character lecture: the outline is rebuilt on
//! every keystroke, so together they should stay under 2 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use lectern_text::{clean, edit, outline, stats};
use std::hint::black_box;

/// A lecture of about 100,000 characters: the demo lecture's body repeated
/// under more parts, renumbered.
fn long_lecture() -> String {
    let demo = clean(include_str!("../../../tests/data/web-clip-lecture.txt")).text;
    let body_start = demo.find("一、").expect("the demo has parts");
    let (head, body) = demo.split_at(body_start);
    let mut text = head.to_string();
    while text.chars().count() < 100_000 {
        text.push_str(body);
        text.push_str("\n\n");
    }
    edit::renumber(&text)
}

fn bench(c: &mut Criterion) {
    let text = long_lecture();
    let raw = text.replace('，', ",").replace('：', ":");
    eprintln!("lecture: {} chars, {} sections", text.chars().count(), outline::parse(&text).flat().len());
    c.bench_function("clean + outline, 100k chars", |b| {
        b.iter(|| {
            let c = clean(black_box(&raw));
            outline::parse(&c.text)
        })
    });
    c.bench_function("outline, 100k chars", |b| b.iter(|| outline::parse(black_box(&text))));
    c.bench_function("stats, 100k chars", |b| b.iter(|| stats::stats(black_box(&text), 200)));

    // The core's share of one keystroke in the app: the analysis the editor asks for
    // (outline items with counts and minutes, numbering problems) of a 50,000-character lecture.
    let half: String = {
        let cut = text.char_indices().nth(50_000).map_or(text.len(), |(i, _)| i);
        text[..cut].to_string()
    };
    c.bench_function("analyze (per keystroke), 50k chars", |b| {
        b.iter(|| lectern_text::analysis::analyze(black_box(&half), 200))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
