//! Structure-aware inputs for the readers, built from fuzzer bytes with the
//! `arbitrary` crate: HTML pages and .docx files of arbitrary nesting (a
//! stream of open / close / text / "nest N deep" operations, rendered with
//! an explicit stack, so the generator itself never recurses), and .docx
//! zips with the oddities real files have (stored or deflated parts, the
//! document missing, twice, in the wrong folder, a truncated or bit-flipped
//! archive, huge or junk style parts).
//!
//! Shared by the fuzz targets `html_shapes` and `docx_shapes` and by
//! core/text/tests/text_fuzz_shapes.rs, which replays fuzz/corpus/<target>/
//! on stable Rust.

use std::io::{Cursor, Write};

use arbitrary::{Arbitrary, Result, Unstructured};

/// One step of a page or an XML part.
#[derive(Arbitrary, Debug)]
pub enum Op {
    Open { tag: u8, attr: u8 },
    Close,
    Text(u8),
    /// Opens `tag` `depth` times (up to 65,535 deep from one op).
    Nest { tag: u8, depth: u16 },
    /// Raw bytes, as they come.
    Raw(String),
}

const HTML_TAGS: &[&str] = &[
    "div", "p", "span", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "ul", "ol", "li", "pre", "blockquote",
    "nav", "article", "section", "main", "script", "style", "a", "b", "i", "em", "font", "br", "hr", "img", "title", "meta",
    "template", "svg", "math", "select", "option", "iframe", "textarea", "form", "button", "header", "footer", "body",
    "html", "head", "center", "dl", "dt", "dd", "figure", "noscript", "plaintext", "xmp", "frameset",
];

const HTML_ATTRS: &[&str] = &[
    "", " class=\"nav\"", " id=\"content\"", " hidden", " style=\"display:none\"", " aria-hidden=\"true\"",
    " class=\"article-content main\"", " charset=\"gbk\"", " http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"",
    " class=\"share comment\"", " id=\"footer\"", " class", " =\"\"",
];

const TEXTS: &[&str] = &[
    "同志们：", "一、坚持党的全面领导", "（一）提高政治站位", "1.加强学习", "（1）", "第一部分", "深入学习贯彻党的二十大精神。",
    "&amp;&#x4e00;&#19968;&nbsp;", "<!--", "-->", "]]>", "<![CDATA[", "\u{3000}\u{a0}", "\r\n", "\n\n", "𠀀𠀁", "5G、AI",
    "“引号”", "《规划》", "。", "！", "\u{feff}", "\u{0}", "\u{202e}", "abc def ghi",
];

const DOCX_TAGS: &[&str] = &[
    "w:p", "w:r", "w:t", "w:pPr", "w:rPr", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:hyperlink", "w:ins",
    "w:del", "w:delText", "w:moveFrom", "w:moveTo", "w:smartTag", "w:fldSimple", "w:txbxContent", "mc:AlternateContent",
    "mc:Choice", "mc:Fallback", "w:customXml", "w:body", "w:document", "w:footnote", "w:style", "w:name",
];

const DOCX_ATTRS: &[&str] = &[
    "", " w:val=\"Heading1\"", " w:val=\"heading 2\"", " w:val=\"Title\"", " xml:space=\"preserve\"", " w:styleId=\"1\"",
    " w:val=\"标题 1\"", " w:type=\"paragraph\"", " w:val=\"", " xmlns:w=\"x\"",
];

/// What `Op`s render to: an opening tag, text, or raw bytes.
struct Markup<'a> {
    tags: &'a [&'a str],
    attrs: &'a [&'a str],
    /// Elements written `<x/>` when opened from `Op::Open` with an odd attr.
    self_closing: bool,
}

/// Renders `ops` with an explicit stack of open tags; `close_all` closes
/// what is still open at the end (else the input stops mid-structure).
fn render(ops: &[Op], m: &Markup<'_>, close_all: bool, out: &mut String) {
    let mut open: Vec<&str> = Vec::new();
    for op in ops {
        match op {
            Op::Open { tag, attr } => {
                let t = m.tags[*tag as usize % m.tags.len()];
                let a = m.attrs[*attr as usize % m.attrs.len()];
                if m.self_closing && attr % 7 == 3 {
                    out.push_str(&format!("<{t}{a}/>"));
                } else {
                    out.push_str(&format!("<{t}{a}>"));
                    open.push(t);
                }
            }
            Op::Close => {
                if let Some(t) = open.pop() {
                    out.push_str(&format!("</{t}>"));
                }
            }
            Op::Text(i) => out.push_str(TEXTS[*i as usize % TEXTS.len()]),
            Op::Nest { tag, depth } => {
                let t = m.tags[*tag as usize % m.tags.len()];
                for _ in 0..*depth {
                    out.push('<');
                    out.push_str(t);
                    out.push('>');
                    open.push(t);
                }
            }
            Op::Raw(s) => out.push_str(s),
        }
    }
    if close_all {
        while let Some(t) = open.pop() {
            out.push_str(&format!("</{t}>"));
        }
    }
}

/// An HTML page of arbitrary nesting.
pub fn html(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    let prefix: u8 = u.arbitrary()?;
    let close_all: bool = u.arbitrary()?;
    let ops: Vec<Op> = u.arbitrary()?;
    let mut s = String::new();
    match prefix % 5 {
        0 => s.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>讲稿_网站</title></head><body>"),
        1 => s.push_str("<html><head><meta charset=\"gbk\"></head><body>"),
        2 => s.push_str("<meta charset=\"utf-16\">"),
        _ => {}
    }
    render(&ops, &Markup { tags: HTML_TAGS, attrs: HTML_ATTRS, self_closing: true }, close_all, &mut s);
    Ok(if prefix % 5 == 1 { encoding_gbk(&s) } else { s.into_bytes() })
}

/// GBK bytes for a page that declares GBK (characters GBK lacks become `?`).
fn encoding_gbk(s: &str) -> Vec<u8> {
    s.chars().flat_map(|c| if c.is_ascii() { vec![c as u8] } else { "?".as_bytes().to_vec() }).collect()
}

/// What is odd about a .docx's zip.
#[derive(Arbitrary, Debug)]
pub enum ZipOddity {
    Deflated,
    Stored,
    NoDocument,
    DocumentTwice,
    DocumentInWrongFolder,
    Truncated(u16),
    FlippedByte(u16, u8),
    HugeStyles(u16),
    JunkStyles(String),
    BareXmlNotZip,
}

/// A .docx whose document (and styles) are arbitrary XML nestings, in a
/// zip with an arbitrary oddity.
pub fn docx(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    let oddity: ZipOddity = u.arbitrary()?;
    let close_all: bool = u.arbitrary()?;
    let body: Vec<Op> = u.arbitrary()?;
    let styles: Vec<Op> = u.arbitrary()?;
    let m = Markup { tags: DOCX_TAGS, attrs: DOCX_ATTRS, self_closing: true };
    let mut doc = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    render(&body, &m, close_all, &mut doc);
    if close_all {
        doc.push_str("</w:body></w:document>");
    }
    let mut sty = String::from("<?xml version=\"1.0\"?><w:styles xmlns:w=\"x\">");
    render(&styles, &m, close_all, &mut sty);
    if close_all {
        sty.push_str("</w:styles>");
    }
    if let ZipOddity::BareXmlNotZip = oddity {
        return Ok(doc.into_bytes());
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if matches!(oddity, ZipOddity::Stored) { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    let part = |zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8]| {
        if zip.start_file(name, opts).is_ok() {
            let _ = zip.write_all(bytes);
        }
    };
    part(&mut zip, "[Content_Types].xml", b"<?xml version=\"1.0\"?><Types/>");
    match &oddity {
        ZipOddity::NoDocument => {}
        ZipOddity::DocumentInWrongFolder => part(&mut zip, "document.xml", doc.as_bytes()),
        ZipOddity::DocumentTwice => {
            part(&mut zip, "word/document.xml", doc.as_bytes());
            part(&mut zip, "word/../word/document.xml", b"<w:document/>");
        }
        _ => part(&mut zip, "word/document.xml", doc.as_bytes()),
    }
    match &oddity {
        ZipOddity::HugeStyles(n) => {
            let mut big = sty.clone();
            for _ in 0..*n {
                big.push_str("<w:style w:styleId=\"a\"><w:name w:val=\"heading 1\"/></w:style>");
            }
            part(&mut zip, "word/styles.xml", big.as_bytes());
        }
        ZipOddity::JunkStyles(j) => part(&mut zip, "word/styles.xml", j.as_bytes()),
        _ => part(&mut zip, "word/styles.xml", sty.as_bytes()),
    }
    let mut bytes = zip.finish().map(|c| c.into_inner()).unwrap_or_default();
    match oddity {
        ZipOddity::Truncated(n) if !bytes.is_empty() => bytes.truncate(n as usize % bytes.len()),
        ZipOddity::FlippedByte(at, x) if !bytes.is_empty() => {
            let i = at as usize % bytes.len();
            bytes[i] ^= x | 1;
        }
        _ => {}
    }
    Ok(bytes)
}
