//! A .txt that decodes to mostly replacement characters (a UTF-16 file whose bytes were broken)
//! is refused as an empty file is, with one Chinese line naming the file; a UTF-16 file with a
//! single broken character is still read.

use lectern_text::read::{read_bytes, Problem};

const LECTURE: &str = "学习党章\r\n\r\n同志们：\r\n今天我们一起学习党章，重温入党誓词。\r\n";

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    bytes
}

#[test]
fn a_utf16_file_whose_bytes_are_broken_is_refused_naming_the_file() {
    // Every character's high byte overwritten: each unit is now a lone low surrogate.
    let mut bytes = utf16le_with_bom(LECTURE);
    for i in (3..bytes.len()).step_by(2) {
        bytes[i] = 0xDC;
    }
    let err = read_bytes("学习党章.txt", &bytes).unwrap_err();
    assert_eq!(err.problem, Problem::Garbled);
    let line = err.to_string();
    assert!(line.starts_with("无法读取 学习党章.txt："), "{line}");
    assert!(line.contains("损坏") && !line.contains('\n'), "{line}");

    // The same, big-endian, and as Markdown.
    let mut be = vec![0xFE, 0xFF];
    for _ in LECTURE.encode_utf16() {
        be.extend([0xDC, 0x41]);
    }
    assert_eq!(read_bytes("学习党章.md", &be).unwrap_err().problem, Problem::Garbled);
}

#[test]
fn a_utf16_file_with_one_broken_character_is_still_read() {
    let mut bytes = utf16le_with_bom(LECTURE);
    bytes[5] = 0xDC;
    let raw = read_bytes("学习党章.txt", &bytes).unwrap();
    assert!(raw.text.contains("今天我们一起学习党章"), "{}", raw.text);
    assert_eq!(raw.text.matches('\u{fffd}').count(), 1);
}
