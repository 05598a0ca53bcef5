//! 校对 over a 50,000-character lecture: the editor re-checks after typing
//! pauses, so the whole check should stay under 5 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use lectern_text::{check, clean, edit};
use std::hint::black_box;

/// The fixture's lecture repeated to 50,000 characters, renumbered, with a
/// few errors of each kind put in every repetition.
fn lecture() -> String {
    let demo = clean(include_str!("../../../tests/data/web-clip-lecture.txt")).text;
    let body_start = demo.find("一、").expect("the demo has parts");
    let (head, body) = demo.split_at(body_start);
    let body = body.replacen("，", ",", 3).replacen("的", "的的", 2).replacen("城乡", "城 乡", 1);
    let mut text = head.to_string();
    while text.chars().count() < 50_000 {
        text.push_str(&body);
        text.push_str("\n\n");
    }
    let text = edit::renumber(&text);
    let cut = text.char_indices().nth(50_000).map_or(text.len(), |(i, _)| i);
    text[..cut].to_string()
}

fn bench(c: &mut Criterion) {
    let text = lecture();
    let checker = check::Checker::new(&[]);
    eprintln!("lecture: {} chars, {} findings", text.chars().count(), checker.check(&text).len());
    c.bench_function("check, 50k chars", |b| b.iter(|| checker.check(black_box(&text))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
