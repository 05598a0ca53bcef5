//! Read time per format, on the fixtures of tests/data/docs (made by real
//! producers): the lecture as .docx, .doc, LibreOffice PDF and Typst PDF,
//! and a 100-page Typst PDF, which should read in under 300 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use lectern_text::read::read_bytes;
use std::hint::black_box;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/docs").join(name)).expect("fixture")
}

fn bench(c: &mut Criterion) {
    for name in ["lecture.txt", "lecture.docx", "lecture.doc", "lecture-libreoffice.pdf", "lecture-typst.pdf"] {
        let bytes = fixture(name);
        c.bench_function(&format!("read {name}"), |b| b.iter(|| read_bytes(name, black_box(&bytes)).unwrap()));
    }
    let long = fixture("long-100-pages.pdf");
    let mut group = c.benchmark_group("long pdf");
    group.sample_size(10);
    group.bench_function("read a 100-page PDF (target < 300 ms)", |b| b.iter(|| read_bytes("long.pdf", black_box(&long)).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
