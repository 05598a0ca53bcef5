//! Replays the fuzz corpus (fuzz/corpus/**) and runs bounded arbitrary-input
//! property tests on stable Rust, through the same bodies as the fuzz
//! targets: a crash the fuzzer found, once added to the corpus, fails here.


use proptest::prelude::*;

use lectern_text::fuzz;
use lectern_text::read::{self, Format};

mod corpus_support;
use corpus_support::corpus;

#[test]
fn the_readers_corpus_replays_without_a_panic() {
    let files = corpus("readers");
    assert!(files.len() >= 6, "the seeds are there");
    for (name, bytes) in &files {
        let r = std::panic::catch_unwind(|| fuzz::readers(bytes));
        assert!(r.is_ok(), "fuzz/corpus/readers/{name} panics");
    }
    // The seeds are real files of each kind: each reads.
    for (name, bytes) in files.iter().filter(|(n, _)| !n.starts_with("crash") && !n.starts_with("regress")) {
        let format = [Format::Text, Format::Markdown, Format::Docx, Format::Html][bytes[0] as usize % 4];
        assert!(read::read_bytes_as(name, &bytes[1..], format).is_ok(), "seed {name} reads");
    }
}

#[test]
fn the_text_corpus_replays_without_a_panic() {
    let files = corpus("text");
    assert!(files.len() >= 4);
    for (name, bytes) in &files {
        let s = String::from_utf8_lossy(bytes);
        let r = std::panic::catch_unwind(|| fuzz::text(&s));
        assert!(r.is_ok(), "fuzz/corpus/text/{name} panics");
    }
}

#[test]
fn the_analyze_corpus_replays_without_a_panic() {
    let files = corpus("analyze");
    assert!(files.len() >= 4);
    for (name, bytes) in &files {
        let s = String::from_utf8_lossy(bytes);
        let r = std::panic::catch_unwind(|| fuzz::analyze(&s));
        assert!(r.is_ok(), "fuzz/corpus/analyze/{name} panics");
    }
}

/// Text made of the pieces the parser cares about.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("一、"), Just("十一、"), Just("（一）"), Just("(二)"), Just("1."), Just("2．"), Just("3、"), Just("（1）"), Just("(2)"),
        Just("第一部分"), Just("第二章 "), Just("第一节"), Just("\n"), Just("\n\n"), Just("\r\n"), Just("。"), Just("！"),
        Just("，"), Just(","), Just(":"), Just("("), Just(")"), Just("同志们："), Just("广告位"), Just("联系我们"),
        Just("w227 2025-02-07 17:20:52 讲稿讲义 54 ℃"), Just("1.5万"), Just("2024年"), Just("一是"), Just("《规划》"),
        Just("\u{a0}"), Just("\u{3000}"), Just("　"), Just("学习"), Just("党课"), Just("5G"), Just("66.2%"), Just("𠀀"),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_any_reader(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        fuzz::readers(&bytes);
    }

    #[test]
    fn arbitrary_zip_like_bytes_never_panic_the_docx_reader(tail in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut b = vec![2u8, b'P', b'K', 3, 4];
        b.extend(tail);
        fuzz::readers(&b);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        fuzz::text(&s);
    }

    #[test]
    fn ordinal_soup_never_panics_and_keeps_the_invariants(s in soup()) {
        fuzz::text(&s);
    }

    #[test]
    fn the_analysis_of_ordinal_soup_keeps_its_invariants(s in soup()) {
        fuzz::analyze(&s);
    }
}
