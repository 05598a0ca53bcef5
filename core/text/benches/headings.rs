//! A text of 50,000 one-line headings (500 parts of 9 sections of 10
//! points, `一、` `（一）` `1.`): the outline and the editor's analysis of it
//! must stay linear (issue 12: under 50 ms for the analysis). Building the
//! outline used to insert every child at the front of its parent's list.

use criterion::{criterion_group, criterion_main, Criterion};
use lectern_text::ordinal::chinese_numeral as cn;
use lectern_text::outline;
use std::hint::black_box;

fn fifty_thousand_headings() -> String {
    let mut t = String::from("党课讲稿\n");
    for p in 1..=500 {
        t.push_str(&format!("{}、第{p}部分\n", cn(p)));
        for s in 1..=9 {
            t.push_str(&format!("（{}）小节\n", cn(s)));
            for i in 1..=10 {
                t.push_str(&format!("{i}.要点\n"));
            }
        }
    }
    t
}

fn bench(c: &mut Criterion) {
    let text = fifty_thousand_headings();
    let n = outline::parse(&text).flat().len();
    assert_eq!(n, 50_000, "every line is a heading");
    let mut g = c.benchmark_group("50,000 one-line headings");
    g.sample_size(10);
    g.bench_function("outline", |b| b.iter(|| outline::parse(black_box(&text))));
    g.bench_function("analyze", |b| b.iter(|| lectern_text::analysis::analyze(black_box(&text), 200)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
