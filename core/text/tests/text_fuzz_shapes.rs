//! Replays the structure-aware fuzz corpora (fuzz/corpus/html_shapes,
//! fuzz/corpus/docx_shapes) through the same generators as the fuzz
//! targets (fuzz/shapes.rs), and runs a few hundred more generated inputs,
//! each on a thread with a 2 MiB stack: no reader may panic or overflow its
//! stack on any nesting or any odd zip.


use arbitrary::Unstructured;
use lectern_text::fuzz;

#[path = "../../../fuzz/shapes.rs"]
mod shapes;

mod corpus_support;
use corpus_support::corpus;

/// Builds an input from `data` with `make` and runs the readers on it, on a
/// 2 MiB stack; false when it panicked.
fn survives(data: Vec<u8>, kind: u8) -> bool {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let mut u = Unstructured::new(&data);
            let made = if kind == 3 { shapes::html(&mut u) } else { shapes::docx(&mut u) };
            if let Ok(file) = made {
                let mut input = vec![kind];
                input.extend(file);
                fuzz::readers(&input);
            }
        })
        .unwrap()
        .join()
        .is_ok()
}

/// Deterministic pseudo-random bytes (xorshift), for generated cases.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn the_html_shapes_corpus_replays_without_a_panic() {
    let files = corpus("html_shapes");
    assert!(files.len() >= 5, "the seeds are there");
    for (name, data) in files {
        assert!(survives(data, 3), "fuzz/corpus/html_shapes/{name} panics");
    }
}

#[test]
fn the_docx_shapes_corpus_replays_without_a_panic() {
    let files = corpus("docx_shapes");
    assert!(files.len() >= 5, "the seeds are there");
    for (name, data) in files {
        assert!(survives(data, 2), "fuzz/corpus/docx_shapes/{name} panics");
    }
}

#[test]
fn generated_pages_and_documents_never_panic() {
    for seed in 0..150u64 {
        let len = 16 + (seed as usize * 97) % 3000;
        assert!(survives(bytes(seed, len), 3), "html seed {seed}");
        assert!(survives(bytes(seed + 10_000, len), 2), "docx seed {seed}");
    }
}

#[test]
fn a_docx_nested_deep_in_its_xml_reads_or_is_refused_in_one_line() {
    // <w:p><w:r>… 50,000 deep around the text, in a real zip.
    let mut doc = String::from("<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>");
    for _ in 0..25_000 {
        doc.push_str("<w:sdt><w:sdtContent>");
    }
    doc.push_str("<w:p><w:r><w:t>同志们：深入学习贯彻党的二十大精神。</w:t></w:r></w:p>");
    for _ in 0..25_000 {
        doc.push_str("</w:sdtContent></w:sdt>");
    }
    doc.push_str("</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, doc.as_bytes()).unwrap();
    let file = zip.finish().unwrap().into_inner();
    let r = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || lectern_text::read::read_bytes("深层.docx", &file).map(|r| r.text).map_err(|e| e.to_string()))
        .unwrap()
        .join()
        .expect("no panic, no overflow");
    match r {
        Ok(text) => assert!(text.contains("深入学习贯彻党的二十大精神"), "{text}"),
        Err(e) => assert!(e.starts_with("无法读取 深层.docx："), "{e}"),
    }
}

