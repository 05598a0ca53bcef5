//! Reading lecture files: `.txt`/`.md` (UTF-8 with or without BOM, UTF-16
//! with BOM, GBK/GB18030 detected), `.docx` and `.html`/`.htm`. The file name's
//! extension picks the reader; bad input is a [`ReadError`] naming the file
//! and the problem in one Chinese line, never a panic.
//!
//! Every reader gives plain text with one paragraph per line (CRLF and CR
//! normalised to LF).
//!
//! # Headings from .docx, .md and .html
//!
//! The text is the one source of truth for the outline, and the outline is
//! read from ordinals. So a paragraph that the source marks as a heading (a
//! Word heading style, whatever its id or language; `#` in Markdown;
//! `<h2>`–`<h6>` in HTML) stays its own paragraph, and:
//! - when it already begins with an ordinal (`一、`, `（一）`, `1.`, `第一部分`…)
//!   it is kept as it is;
//! - when it has none (Word's automatic numbering is not in the text), the
//!   reader writes one in front of it: the source's heading levels, in order,
//!   become `一、` `（一）` `1.` `（1）`, numbered under their parent and in step
//!   with the ordinals already in the text;
//! - the first paragraph, when it is a heading above all others (or Word's
//!   "Title" style, or `<h1>`), is the lecture's title and gets no ordinal.
//!
//! [`RawText::headings`] lists those paragraphs.

mod docx;
mod headings;
mod html;
mod plain;

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// Files larger than this are refused (a lecture is a few hundred KB at most).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The kinds of file Lectern reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Html,
}

impl Format {
    /// The format a file name's extension names (case-insensitive).
    pub fn from_name(name: &str) -> Result<Format, Problem> {
        let ext = Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("txt") | Some("text") => Ok(Format::Text),
            Some("md") | Some("markdown") => Ok(Format::Markdown),
            Some("docx") => Ok(Format::Docx),
            Some("html") | Some("htm") | Some("xhtml") => Ok(Format::Html),
            Some("doc") | Some("wps") => Err(Problem::LegacyDoc),
            Some(e) => Err(Problem::UnknownExtension(e.to_string())),
            None => Err(Problem::NoExtension),
        }
    }

    /// Guesses the format of bytes with no name (standard input).
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Docx;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") || head.contains("<meta") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// A paragraph the source marked as a heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceHeading {
    /// The paragraph's line in [`RawText::text`].
    pub paragraph: usize,
    /// The source's level: Word's `heading N`, Markdown's `#` count, `<hN>`; 0 for a title style.
    pub source_level: u8,
    /// The paragraph is the lecture's title.
    pub is_title: bool,
    /// The reader wrote an ordinal in front of it.
    pub ordinal_added: bool,
}

/// The text of a file, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawText {
    /// One paragraph per line.
    pub text: String,
    pub format: Format,
    /// The character encoding the bytes were in (`UTF-8`, `GBK`, `UTF-16LE` …); `None` for .docx.
    pub encoding: Option<&'static str>,
    /// Paragraphs the source marked as headings (see the module docs).
    pub headings: Vec<SourceHeading>,
}

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NotFound,
    PermissionDenied,
    IsDirectory,
    Io(String),
    TooLarge(u64),
    Empty,
    NoText,
    Binary,
    UnknownEncoding,
    UnknownExtension(String),
    NoExtension,
    LegacyDoc,
    CorruptDocx(String),
    TooDeep(usize),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotFound => write!(f, "文件不存在"),
            Problem::PermissionDenied => write!(f, "没有读取这个文件的权限"),
            Problem::IsDirectory => write!(f, "这是一个文件夹，不是文件"),
            Problem::Io(e) => write!(f, "读取失败（{e}）"),
            Problem::TooLarge(n) => write!(f, "文件太大（{} MB），讲稿文件不应超过 {} MB", n / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024)),
            Problem::Empty => write!(f, "文件是空的"),
            Problem::NoText => write!(f, "文件里没有文字"),
            Problem::Binary => write!(f, "不是文本文件（内容像是二进制数据）"),
            Problem::UnknownEncoding => write!(f, "无法识别文字编码（不是 UTF-8、UTF-16 或 GBK）"),
            Problem::UnknownExtension(e) => write!(f, "不支持 .{e} 文件（可以读取 .txt、.md、.docx、.html、.htm）"),
            Problem::NoExtension => write!(f, "文件名没有扩展名，无法判断文件类型（可以读取 .txt、.md、.docx、.html、.htm）"),
            Problem::LegacyDoc => write!(f, "这是旧版 Word 文档（.doc）或加密文档，请在 Word 或 WPS 中另存为 .docx 后再导入"),
            Problem::CorruptDocx(why) => write!(f, "文件已损坏（{why}）"),
            Problem::TooDeep(n) => write!(f, "文件的标签嵌套超过 {n} 层，不像正常的讲稿，已拒绝读取"),
        }
    }
}

/// A file that could not be read. Its message is one line naming the file
/// and the problem, e.g. `无法读取 报告.docx：文件已损坏（不是有效的 docx）`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The file's name as the user knows it.
    pub name: String,
    pub problem: Problem,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "无法读取 {}：{}", self.name, self.problem)
    }
}

impl std::error::Error for ReadError {}

fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Reads a file; its extension picks the reader.
pub fn read_path(path: &Path) -> Result<RawText, ReadError> {
    let name = display_name(path);
    let err = |problem| ReadError { name: name.clone(), problem };
    let format = Format::from_name(&name).map_err(err)?;
    let meta = std::fs::metadata(path).map_err(|e| err(io_problem(&e)))?;
    if meta.is_dir() {
        return Err(err(Problem::IsDirectory));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(Problem::TooLarge(meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| err(io_problem(&e)))?;
    read_bytes_as(&name, &bytes, format)
}

fn io_problem(e: &std::io::Error) -> Problem {
    match e.kind() {
        std::io::ErrorKind::NotFound => Problem::NotFound,
        std::io::ErrorKind::PermissionDenied => Problem::PermissionDenied,
        std::io::ErrorKind::IsADirectory => Problem::IsDirectory,
        _ => Problem::Io(e.to_string()),
    }
}

/// Reads the bytes of a file called `name`; the name's extension picks the reader.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<RawText, ReadError> {
    let format = Format::from_name(name).map_err(|problem| ReadError { name: name.to_string(), problem })?;
    read_bytes_as(name, bytes, format)
}

/// Reads bytes in a given format; `name` only names them in errors.
pub fn read_bytes_as(name: &str, bytes: &[u8], format: Format) -> Result<RawText, ReadError> {
    let err = |problem| ReadError { name: name.to_string(), problem };
    if bytes.is_empty() {
        return Err(err(Problem::Empty));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(Problem::TooLarge(bytes.len() as u64)));
    }
    let raw = match format {
        Format::Text => plain::read(bytes, false),
        Format::Markdown => plain::read(bytes, true),
        Format::Docx => docx::read(bytes),
        Format::Html => html::read(bytes),
    }
    .map_err(err)?;
    if raw.text.chars().all(|c| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{feff}') {
        return Err(err(if format == Format::Text || format == Format::Markdown { Problem::Empty } else { Problem::NoText }));
    }
    Ok(raw)
}
