#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    lectern_text::fuzz::analyze(&String::from_utf8_lossy(data));
});
