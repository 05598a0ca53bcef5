//! The demo lecture a new library starts with: a real web clipping, cleaned
//! the way any pasted text is. It ships inside the binary.

use std::path::Path;

use crate::{Library, NewLecture, Result};
use lectern_text as text;

/// The raw demo text, as a user would paste it from a web page.
pub const DEMO_RAW: &str = include_str!("../assets/demo-lecture.txt");

/// The demo lecture, cleaned.
pub fn demo_lecture() -> NewLecture {
    let cleaned = text::clean(DEMO_RAW);
    NewLecture {
        title: cleaned.title,
        body: cleaned.text,
        source: Some("示例讲稿".to_string()),
        date: cleaned.metadata.date,
        category: cleaned.metadata.category,
    }
}

/// Opens the library at `path`. When no library existed there, creates it
/// and adds the demo lecture.
pub fn open_or_create(path: &Path) -> Result<Library> {
    let existed = path.exists();
    let lib = Library::open(path)?;
    if !existed {
        lib.add(&demo_lecture())?;
    }
    Ok(lib)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_library_holds_the_demo_and_an_existing_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let lib = open_or_create(&path).unwrap();
        let list = lib.list().unwrap();
        assert_eq!(list.len(), 1);
        let demo = lib.get(list[0].id).unwrap();
        assert!(demo.body.contains("城乡融合发展"));
        drop(lib);
        let lib = open_or_create(&path).unwrap();
        assert_eq!(lib.list().unwrap().len(), 1, "reopening must not add a second demo");
    }
}
