//! Line breaking stays linear on runs no break may enter (issue 12, item 5): one paragraph holding
//! a Latin word (or a number) of 10,000 and of 100,000 characters, or as long a run of
//! prohibited-start marks (`。。。…`), and for comparison plain Chinese text of the same length.
//! The time per character must be about the same at both sizes: each line used to walk to the
//! run's end, which made a 100,000-character run a hundred times slower than a 10,000 one.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use lectern_typeset::breaking::{blank_side, words};
use lectern_typeset::fonts::Role;
use lectern_typeset::paragraph::{break_lines, Item};
use std::hint::black_box;

/// Items as the shaper makes them for body text at 16 pt: full-width characters on the 16 pt pitch,
/// Latin at half of it, full-width marks that may give up half an em.
fn items(text: &str) -> Vec<Item> {
    let chars: Vec<char> = text.chars().collect();
    let word_of = words(&chars);
    chars
        .iter()
        .zip(word_of)
        .map(|(&ch, word)| {
            let blank = if word.is_none() { blank_side(ch) } else { None };
            Item {
                ch,
                slot: 0,
                gid: 0,
                size: 16.0,
                width: if word.is_some() { 8.0 } else { 16.0 },
                glue: 0.0,
                shrink: if blank.is_some() { 8.0 } else { 0.0 },
                blank,
                word,
                role: Role::Body,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("a paragraph with a run no break may enter");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let cases = [
            ("Latin word", format!("学习{}的体会。", "a".repeat(n))),
            ("number", format!("增长{}%。", "1".repeat(n))),
            ("marks", format!("学习{}", "。".repeat(n))),
            ("Chinese text", "学习党章党规，".repeat(n / 7)),
        ];
        g.throughput(Throughput::Elements(n as u64));
        for (name, text) in cases {
            let items = items(&text);
            let lines = break_lines(&items, 448.0, 448.0).len();
            eprintln!("{name}, {n} characters: {lines} lines");
            g.bench_with_input(BenchmarkId::new(name, n), &items, |b, items| b.iter(|| break_lines(black_box(items), 448.0, 448.0)));
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
