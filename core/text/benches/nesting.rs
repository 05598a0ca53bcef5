//! Bracket pairing stays linear on deep nesting (issue 12, item 5): 10,000 and 100,000 nested
//! half-width parentheses around Chinese text, through the half-width-mark rule
//! (`punct::half_width_marks`, which 校对 and the cleaner's `widen_punctuation` share), and as many
//! nested full-width brackets and quotes through 校对's pairing. The time per character must be
//! about the same at both sizes: each opening mark used to walk to its partner to look for Han
//! text inside. (Half-width nesting is not put through 校对: every mark there is a finding, and
//! 100,000 findings measure the allocator.)

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use lectern_text::{check, punct};
use std::hint::black_box;

fn nested(n: usize) -> String {
    format!("学习{}党章{}体会", "(".repeat(n / 2), ")".repeat(n / 2))
}

/// Full-width brackets and quotes nested `n / 2` deep, all closed: nothing for 校对 to report.
fn nested_full_width(n: usize) -> String {
    let (open, close): (String, String) = (0..n / 2).map(|k| if k % 2 == 0 { ('（', '）') } else { ('“', '”') }).unzip();
    format!("学习{open}党章{}体会。", close.chars().rev().collect::<String>())
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("nested parentheses");
    g.sample_size(10);
    let checker = check::Checker::new(&[]);
    for n in [10_000usize, 100_000] {
        let text = nested(n);
        let chars: Vec<char> = text.chars().collect();
        eprintln!("{n} marks: {} converted", punct::half_width_marks(&chars).len());
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("half_width_marks", n), &chars, |b, c| b.iter(|| punct::half_width_marks(black_box(c))));
        g.bench_with_input(BenchmarkId::new("widen_punctuation", n), &text, |b, t| b.iter(|| punct::widen_punctuation(black_box(t))));
        let full = nested_full_width(n);
        eprintln!("{n} full-width marks: {} findings", checker.check(&full).len());
        g.bench_with_input(BenchmarkId::new("check, full-width", n), &full, |b, t| b.iter(|| checker.check(black_box(t))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
