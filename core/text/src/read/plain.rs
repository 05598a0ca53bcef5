//! Plain text (.txt, .md): UTF-8 with or without BOM, UTF-16 with BOM, or a
//! legacy Chinese encoding (GBK/GB18030) detected with chardetng. A text
//! that decodes to mostly replacement characters (a damaged UTF-16 file) is
//! refused, as an empty one is.

use encoding_rs::Encoding;

use super::headings::{number_headings, Marked};
use super::{Format, Problem, RawText};

/// Decodes text bytes: a BOM decides; else valid UTF-8 is UTF-8; else the
/// encoding is guessed (chardetng, biased to Chinese) and decoded with
/// encoding_rs. Returns the text and the encoding's name.
pub(super) fn decode(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), enc.name()));
    }
    if bytes.contains(&0) {
        return Err(Problem::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    // A text cut in the middle of a UTF-8 sequence is still UTF-8.
    if let Err(e) = std::str::from_utf8(bytes) {
        if e.error_len().is_none() && bytes.len() - e.valid_up_to() < 4 && e.valid_up_to() > 0 {
            return Ok((String::from_utf8_lossy(bytes).into_owned(), "UTF-8"));
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let (text, _, _) = enc.decode(bytes);
    let replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
    if replaced * 20 > text.chars().count().max(1) {
        return Err(Problem::UnknownEncoding);
    }
    Ok((text.into_owned(), enc.name()))
}

/// Control characters other than line ends and tabs mean binary data.
pub(super) fn looks_binary(text: &str) -> bool {
    let mut control = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{b}' | '\u{1b}' | '\u{85}') {
            control += 1;
        }
    }
    control > 0 && control * 100 > total
}

/// Whether most of the text's visible characters are U+FFFD, the mark of
/// bytes that did not decode: a damaged file, not a lecture.
pub(super) fn mostly_replaced(text: &str) -> bool {
    let (mut replaced, mut visible) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        if c == '\u{fffd}' {
            replaced += 1;
        }
    }
    replaced > 0 && replaced * 2 >= visible
}

pub(super) fn read(bytes: &[u8], markdown: bool) -> Result<RawText, Problem> {
    let (text, encoding) = decode(bytes)?;
    if looks_binary(&text) {
        return Err(Problem::Binary);
    }
    if mostly_replaced(&text) {
        return Err(Problem::Garbled);
    }
    let text = crate::clean::normalise_newlines(&text);
    if !markdown {
        return Ok(RawText { text, format: Format::Text, encoding: Some(encoding), headings: Vec::new(), repairs: Vec::new() });
    }
    // Markdown: `#` headings become heading paragraphs.
    let mut paragraphs = Vec::new();
    let mut marked = Vec::new();
    for line in text.split('\n') {
        let t = line.trim_start();
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
            marked.push(Marked { paragraph: paragraphs.len(), source_level: hashes as u8, title_style: false });
            paragraphs.push(t[hashes..].trim().trim_end_matches('#').trim_end().to_string());
        } else {
            paragraphs.push(line.to_string());
        }
    }
    let headings = number_headings(&mut paragraphs, &marked);
    Ok(RawText { text: paragraphs.join("\n"), format: Format::Markdown, encoding: Some(encoding), headings, repairs: Vec::new() })
}
