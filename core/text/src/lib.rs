//! lectern-text: Lecture texts: reading files, cleaning web clippings, reading
//! the outline from the ordinals, restructuring sections and counting
//! characters. No SQLite, no fonts, no PDF: every other crate builds on this one.
//!
//! - [`read`]: files and bytes to raw text (`.txt`/`.md` in UTF-8, UTF-16 or
//!   GBK; `.docx`; `.doc`/`.wps`; `.pdf`; `.html`);
//! - [`clean()`]: raw text to the lecture (site furniture dropped, metadata
//!   kept, punctuation widened);
//! - [`outline`]: the title and heading tree, in char offsets;
//! - [`edit`]: move, promote, demote, renumber, check;
//! - [`stats`]: 字数 and speaking minutes;
//! - [`analysis`] and [`changes`]: the editor's wire format (the outline as a
//!   flat list with counts and problems; the editor's edits applied to a copy);
//! - [`diff`]: two versions of a lecture compared paragraph by paragraph;
//! - [`check`]: 校对, proofreading findings with their fixes.

pub mod analysis;
pub mod changes;
pub mod check;
pub mod clean;
pub mod counter;
pub mod diff;
pub mod edit;
#[doc(hidden)]
pub mod fuzz;
pub mod ordinal;
pub mod outline;
pub mod punct;
pub mod read;
pub mod stats;

use std::path::Path;

pub use clean::{clean, Cleaned, Metadata};
pub use outline::{Outline, Section};
pub use read::{RawText, ReadError, Repair};
pub use stats::{count_chars, Stats};

/// Reads and cleans a file: what the library's import calls. When the text
/// has no title line, the file's name (without extension) is the title.
pub fn import_path(path: &Path) -> Result<Cleaned, ReadError> {
    let raw = read::read_path(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let mut cleaned = clean::clean_with_fallback(&raw.text, stem.as_deref());
    cleaned.read = raw.repairs;
    Ok(cleaned)
}

/// Reads and cleans the bytes of a file called `name` (its extension picks the reader).
pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<Cleaned, ReadError> {
    let raw = read::read_bytes(name, bytes)?;
    let stem = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned());
    let mut cleaned = clean::clean_with_fallback(&raw.text, stem.as_deref());
    cleaned.read = raw.repairs;
    Ok(cleaned)
}
