//! Cleaning a lecture text as users bring it in.
//!
//! Foundation version: normalises line ends and blank lines and takes the
//! first line as the title. The full cleaner (site furniture, byline
//! metadata, punctuation widths) is the text engine's work (issue 3).

use serde::Serialize;

/// Metadata kept from the text's surroundings (a web page's byline).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub date: Option<String>,
    pub category: Option<String>,
}

/// The result of cleaning: the lecture's title, its cleaned text
/// (paragraphs separated by one blank line) and the metadata found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    pub title: String,
    pub text: String,
    pub metadata: Metadata,
}

/// Cleans a raw text.
pub fn clean(raw: &str) -> Cleaned {
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    let paragraphs: Vec<&str> = normalised
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .collect();
    let title = paragraphs.first().map(|s| s.to_string()).unwrap_or_default();
    Cleaned { title, text: paragraphs.join("\n\n"), metadata: Metadata::default() }
}

/// 字数: Han characters, digits and Latin letters; punctuation and spaces are not counted.
pub fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}
