#![no_main]

//! .docx files of arbitrary XML nesting in odd zips (fuzz/shapes.rs)
//! through the reader and everything after it (2 = .docx).

use libfuzzer_sys::fuzz_target;

#[path = "../shapes.rs"]
mod shapes;

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    if let Ok(file) = shapes::docx(&mut u) {
        let mut input = vec![2u8];
        input.extend(file);
        lectern_text::fuzz::readers(&input);
    }
});
