//! Reading lecture files: `.txt`/`.md` (UTF-8 with or without BOM, UTF-16
//! with BOM, GBK/GB18030 detected), `.docx`, `.doc`/`.wps`, `.pdf` and
//! `.html`/`.htm`. The file name's extension picks the reader; bad input is a
//! [`ReadError`] naming the file and the problem in one Chinese line, never a
//! panic.
//!
//! Every reader gives plain text with one paragraph per line (CRLF and CR
//! normalised to LF), and says in [`RawText::repairs`] what it did beyond
//! plain reading (numbering written out, tracked deletions dropped, running
//! headers and page numbers removed, tables kept).
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

mod doc;
mod docx;
mod docx_numbering;
mod headings;
mod html;
mod number_format;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
mod pdf_layout;
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
    /// Word 97–2003 `.doc` and WPS `.wps` (a compound file).
    Doc,
    Pdf,
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
            Some("doc") | Some("wps") | Some("dot") | Some("wpt") => Ok(Format::Doc),
            Some("pdf") => Ok(Format::Pdf),
            Some(e) => Err(Problem::UnknownExtension(e.to_string())),
            None => Err(Problem::NoExtension),
        }
    }

    /// Guesses the format of bytes with no name (standard input).
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Docx;
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Format::Doc;
        }
        if bytes.starts_with(b"%PDF-") {
            return Format::Pdf;
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
    /// What the reader did beyond plain reading, for the import summary.
    pub repairs: Vec<Repair>,
}

/// Something a reader did beyond plain reading; its [`fmt::Display`] is the
/// Chinese line an import summary shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "count", rename_all = "snake_case")]
pub enum Repair {
    /// Automatic numbering written in front of this many paragraphs.
    NumberingRendered(usize),
    /// Tracked deletions (and move-sources) left out.
    DeletionsDropped(usize),
    /// Tracked insertions kept.
    InsertionsKept(usize),
    /// Table rows kept, one line each.
    TableRowsKept(usize),
    /// Footnotes and endnotes appended under 注释.
    NotesAppended(usize),
    /// Running headers and footers (a PDF's) left out: this many lines.
    RunningLinesRemoved(usize),
    /// Page numbers left out.
    PageNumbersRemoved(usize),
    /// Field codes left out, their results kept.
    FieldCodesDropped(usize),
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Repair::NumberingRendered(n) => write!(f, "写出了 {n} 处自动编号"),
            Repair::DeletionsDropped(n) => write!(f, "按接受修订处理，去掉了 {n} 处删除的文字"),
            Repair::InsertionsKept(n) => write!(f, "保留了 {n} 处插入的修订"),
            Repair::TableRowsKept(n) => write!(f, "表格按行保留（{n} 行）"),
            Repair::NotesAppended(n) => write!(f, "{n} 条脚注、尾注附在文末“注释”下"),
            Repair::RunningLinesRemoved(n) => write!(f, "去掉了 {n} 行页眉、页脚"),
            Repair::PageNumbersRemoved(n) => write!(f, "去掉了 {n} 个页码"),
            Repair::FieldCodesDropped(n) => write!(f, "去掉了 {n} 处域代码，保留域结果"),
        }
    }
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
    /// Decoded, the text is mostly U+FFFD: a damaged file (a UTF-16 file with its bytes broken).
    Garbled,
    Binary,
    UnknownEncoding,
    UnknownExtension(String),
    NoExtension,
    /// A .pdf, in a build without the `pdf` feature.
    PdfNotBuilt,
    CorruptDocx(String),
    /// A .doc or .wps that cannot be read, and why.
    CorruptDoc(String),
    /// Encrypted (password-protected) Word or WPS file, or PDF.
    Encrypted,
    /// A PDF that cannot be read, and why.
    CorruptPdf(String),
    /// A PDF with pages but no text layer (a scan).
    NoTextLayer,
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
            Problem::Garbled => write!(f, "文件已损坏：读出的内容几乎都是无法识别的字符（可能是损坏的 UTF-16 文本），没有导入"),
            Problem::Binary => write!(f, "不是文本文件（内容像是二进制数据）"),
            Problem::UnknownEncoding => write!(f, "无法识别文字编码（不是 UTF-8、UTF-16 或 GBK）"),
            Problem::UnknownExtension(e) => write!(f, "不支持 .{e} 文件（可以读取 .txt、.md、.docx、.doc、.wps、.pdf、.html、.htm）"),
            Problem::NoExtension => write!(f, "文件名没有扩展名，无法判断文件类型（可以读取 .txt、.md、.docx、.doc、.wps、.pdf、.html、.htm）"),
            Problem::PdfNotBuilt => write!(f, "这个版本不能读取 PDF 文件"),
            Problem::CorruptDocx(why) => write!(f, "文件已损坏（{why}）"),
            Problem::CorruptDoc(why) => write!(f, "Word/WPS 文档已损坏或无法识别（{why}）"),
            Problem::Encrypted => write!(f, "文件已加密（设有打开密码），请在 Word、WPS 或阅读器中去掉密码后再导入"),
            Problem::CorruptPdf(why) => write!(f, "PDF 文件已损坏或无法识别（{why}）"),
            Problem::NoTextLayer => write!(f, "这个 PDF 没有文字层（像是扫描件或图片），无法读取文字，请先用文字识别（OCR）转成文字"),
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
        Format::Doc => doc::read(bytes),
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::read(bytes),
        #[cfg(not(feature = "pdf"))]
        Format::Pdf => Err(Problem::PdfNotBuilt),
        Format::Html => html::read(bytes),
    }
    .map_err(err)?;
    if raw.text.chars().all(|c| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{feff}') {
        return Err(err(if format == Format::Text || format == Format::Markdown { Problem::Empty } else { Problem::NoText }));
    }
    Ok(raw)
}
