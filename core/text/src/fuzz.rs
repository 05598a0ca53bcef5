//! The fuzz targets' bodies, shared by `fuzz/` (cargo fuzz, nightly) and the
//! corpus replay and arbitrary-bytes tests in `core/tests` (stable), so a
//! finding of the fuzzer is a failing test.

use crate::{clean, edit, outline, read, stats};

/// Readers, then everything after them: the first byte picks the reader,
/// the rest is the file.
pub fn readers(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["f.txt", "f.md", "f.docx", "f.html"][pick as usize % 4];
    if let Ok(raw) = read::read_bytes(name, bytes) {
        let c = clean::clean(&raw.text);
        text(&c.text);
    }
}

/// The text engine on arbitrary text: clean, outline, stats, renumber,
/// check and the structural edits must not panic and must keep their
/// invariants.
pub fn text(s: &str) {
    let c = clean::clean(s);
    let _ = c.title.len();
    for t in [s, c.text.as_str()] {
        let o = outline::parse(t);
        let len = t.chars().count();
        check_tiling(&o.sections, 0, o.closing.as_ref().map_or(len, |c| c.start), len);
        let st = stats::stats(t, 200);
        assert_eq!(st.char_count, stats::count_chars(t));
        let chars: Vec<char> = t.chars().collect();
        for (s, c) in o.sections.iter().zip(&st.sections) {
            let slice: String = chars[s.start..s.end].iter().collect();
            assert_eq!(c.char_count, stats::count_chars(&slice), "a section's count is its range's");
        }
        let r = edit::renumber(t);
        assert_eq!(edit::renumber(&r), r, "renumbering is idempotent");
        let _ = edit::check(t);
        let n = o.flat().len();
        if n > 0 {
            let _ = edit::promote(t, n - 1);
            let _ = edit::demote(t, 0);
            let _ = edit::move_section(t, n - 1, 0, edit::Place::Before);
            let _ = edit::move_section(t, 0, n - 1, edit::Place::After);
        }
    }
}

/// Sections tile their parent: each starts where the one before ends, the
/// last ends where the parent ends, and headings lie within their sections.
pub fn check_tiling(sections: &[outline::Section], from: usize, to: usize, len: usize) {
    if let Some(first) = sections.first() {
        assert!(first.start >= from, "first section starts inside its parent's heading");
    }
    for (i, s) in sections.iter().enumerate() {
        assert!(s.start <= s.heading_end && s.heading_end <= s.end && s.end <= len, "offsets in order: {s:?}");
        if let Some(next) = sections.get(i + 1) {
            assert_eq!(s.end, next.start, "siblings tile");
        } else {
            assert_eq!(s.end, to, "the last sibling ends with its parent");
        }
        check_tiling(&s.children, s.heading_end, s.end, len);
    }
}
