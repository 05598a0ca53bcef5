#![no_main]

//! HTML pages of arbitrary nesting (fuzz/shapes.rs) through the reader and
//! everything after it (`lectern_text::fuzz::readers`, 3 = .html).

use libfuzzer_sys::fuzz_target;

#[path = "../shapes.rs"]
mod shapes;

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    if let Ok(page) = shapes::html(&mut u) {
        let mut input = vec![3u8];
        input.extend(page);
        lectern_text::fuzz::readers(&input);
    }
});
