//! The fuzz targets' bodies, shared by `fuzz/` (cargo fuzz, nightly) and the
//! corpus replay and arbitrary-bytes tests in `core/tests` (stable), so a
//! finding of the fuzzer is a failing test.

use crate::analysis::{self, OutlineOp, Placement};
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
        for f in crate::check::check(t) {
            assert!(f.start < f.end && f.end <= len && f.found == chars[f.start..f.end].iter().collect::<String>(), "a finding is its span: {f:?}");
        }
        let n = o.flat().len();
        if n > 0 {
            let _ = edit::promote(t, n - 1);
            let _ = edit::demote(t, 0);
            let _ = edit::move_section(t, n - 1, 0, edit::Place::Before);
            let _ = edit::move_section(t, 0, n - 1, edit::Place::After);
        }
    }
}

/// The editor's analysis on arbitrary text: positions are UTF-16 positions inside the text, in
/// order; counts are those of the sections; an update rebuilds the analysis; structural edits by
/// the outline's indices never panic.
pub fn analyze(s: &str) {
    let a = analysis::analyze(s, 200);
    let units = s.encode_utf16().count();
    assert_eq!(a.char_count, stats::count_chars(s));
    let flat = outline::parse(s).flat().into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(a.items.len(), flat.len());
    let chars: Vec<char> = s.chars().collect();
    let mut last = 0;
    for (item, sec) in a.items.iter().zip(&flat) {
        assert!(last <= item.start && item.start <= item.heading_end && item.heading_end <= units, "positions in order: {item:?}");
        last = item.start;
        let before: String = chars[..sec.start].iter().collect();
        assert_eq!(item.start, before.encode_utf16().count(), "start is the UTF-16 position of the heading");
        let slice: String = chars[sec.start..sec.end].iter().collect();
        assert_eq!(item.char_count, stats::count_chars(&slice), "an item's count is its section's");
    }
    let empty = analysis::analyze("", 200);
    let u = a.update_from(&empty);
    assert_eq!(u.words.len(), a.items.len(), "against nothing, every item's words are sent");
    let n = a.items.len();
    if n > 0 {
        for op in [
            OutlineOp::MoveUp { index: n - 1 },
            OutlineOp::MoveDown { index: 0 },
            OutlineOp::Promote { index: n - 1 },
            OutlineOp::Demote { index: 0 },
            OutlineOp::Move { index: n - 1, target: 0, placement: Placement::Before },
        ] {
            if let Ok(r) = analysis::apply(s, &op) {
                assert!(r.cursor <= r.text.encode_utf16().count(), "the cursor lies in the new text");
            }
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
