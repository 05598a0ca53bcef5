//! Saved web pages (.html, .htm): the declared charset is honoured, the page
//! is parsed with scraper (html5ever; nothing is executed, nothing fetched),
//! scripts, styles, navigation and other furniture are dropped, and the main
//! article is found by where the page's paragraph text is densest.

use encoding_rs::Encoding;
use scraper::{ElementRef, Html};

use super::headings::{number_headings, Marked};
use super::plain;
use super::{Format, Problem, RawText};
use crate::punct::is_han;

/// The charset a page declares in its first 4 KB (`<meta charset="gbk">`,
/// `content="text/html; charset=gb2312"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + 7;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if i < lower.len() && lower[i] == b'=' {
            i += 1;
            while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
                i += 1;
            }
            let start = i;
            while i < lower.len() && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.')) {
                i += 1;
            }
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                // The HTML standard: a page cannot declare itself UTF-16 in a meta tag.
                return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { enc });
            }
        }
        from = from + pos + 7;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn decode(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    if Encoding::for_bom(bytes).is_some() {
        return plain::decode(bytes);
    }
    if let Some(enc) = declared_charset(bytes) {
        if bytes.contains(&0) {
            return Err(Problem::Binary);
        }
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), enc.name()));
    }
    plain::decode(bytes)
}

const JUNK_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
    "select", "textarea", "object", "embed", "canvas", "input", "head", "title", "meta", "link", "map", "audio", "video",
];

const JUNK_TOKENS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "footer", "sidebar", "side", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "share", "sharing", "social", "comment", "comments", "related", "recommend", "advert", "advertisement", "ads", "ad",
    "banner", "toolbar", "copyright", "pagination", "pager", "login", "search", "widget", "qrcode", "pay", "hidden",
];

const BLOCK_TAGS: &[&str] = &[
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "section", "article", "blockquote",
    "pre", "ul", "ol", "dl", "dt", "dd", "table", "main", "center", "figure", "figcaption", "hr", "address", "body", "caption",
];

fn is_junk(el: &ElementRef) -> bool {
    let e = el.value();
    let name = e.name();
    if JUNK_TAGS.contains(&name) {
        return true;
    }
    if name == "body" || name == "html" {
        return false;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    let tokens = e.classes().chain(e.id()).flat_map(|c| c.split(|ch: char| !ch.is_ascii_alphanumeric())).map(|t| t.to_ascii_lowercase());
    for t in tokens {
        if JUNK_TOKENS.contains(&t.as_str()) {
            return true;
        }
    }
    false
}

fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// Han characters in `el`'s own text, not counting links and junk.
fn own_text_score(el: &ElementRef) -> usize {
    let mut n = 0;
    for child in el.children() {
        if let Some(t) = child.value().as_text() {
            n += han_count(t);
        } else if let Some(c) = ElementRef::wrap(child) {
            let name = c.value().name();
            if !is_junk(&c) && name != "a" && !BLOCK_TAGS.contains(&name) {
                n += own_text_score(&c);
            }
        }
    }
    n
}

/// Scores every container by the paragraph text in it: a `<p>` gives its
/// text to its parent (and half to the grandparent); text directly in a
/// `<div>` counts for the div. `nodes[i]` is scored `scores[i]`.
fn score<'a>(el: ElementRef<'a>, nodes: &mut Vec<ElementRef<'a>>, scores: &mut Vec<f64>, parents: &mut Vec<usize>) {
    let id = nodes.len();
    nodes.push(el);
    scores.push(0.0);
    let name = el.value().name();
    let own = own_text_score(&el) as f64;
    if name == "p" || name == "pre" || name == "blockquote" {
        if let Some(&p) = parents.last() {
            scores[p] += own;
        }
        if parents.len() >= 2 {
            scores[parents[parents.len() - 2]] += own / 2.0;
        }
    } else {
        scores[id] += own;
    }
    parents.push(id);
    for c in el.child_elements() {
        if !is_junk(&c) {
            score(c, nodes, scores, parents);
        }
    }
    parents.pop();
}

struct Extract {
    lines: Vec<String>,
    current: String,
    marked: Vec<Marked>,
}

impl Extract {
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.current);
        if !line.trim().is_empty() {
            self.lines.push(line.trim().to_string());
        }
    }
}

fn collapse(s: &str, out: &mut String) {
    let mut space = out.ends_with(' ') || out.is_empty();
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

fn extract(el: ElementRef, x: &mut Extract, pre: bool) {
    for child in el.children() {
        if let Some(t) = child.value().as_text() {
            if pre {
                let mut parts = t.split('\n');
                if let Some(first) = parts.next() {
                    x.current.push_str(first);
                }
                for p in parts {
                    x.flush();
                    x.current.push_str(p);
                }
            } else {
                collapse(t, &mut x.current);
            }
        } else if let Some(c) = ElementRef::wrap(child) {
            if is_junk(&c) {
                continue;
            }
            let name = c.value().name();
            let block = BLOCK_TAGS.contains(&name);
            if block {
                x.flush();
            }
            let heading = match name {
                "h1" => Some(1u8),
                "h2" => Some(2),
                "h3" => Some(3),
                "h4" => Some(4),
                "h5" => Some(5),
                "h6" => Some(6),
                _ => None,
            };
            let before = x.lines.len();
            extract(c, x, pre || name == "pre");
            if block {
                x.flush();
            }
            if let Some(level) = heading {
                if x.lines.len() > before {
                    x.marked.push(Marked { paragraph: before, source_level: level, title_style: level == 1 });
                }
            }
        }
    }
}

fn element_text(el: &ElementRef) -> String {
    let mut s = String::new();
    for t in el.text() {
        collapse(t, &mut s);
    }
    s.trim().to_string()
}

pub(super) fn read(bytes: &[u8]) -> Result<RawText, Problem> {
    let (text, encoding) = decode(bytes)?;
    if plain::looks_binary(&text) {
        return Err(Problem::Binary);
    }
    let doc = Html::parse_document(&text);
    let root = doc.root_element();
    let body = root.descendent_elements().find(|e| e.value().name() == "body").unwrap_or(root);

    let (mut nodes, mut scores) = (Vec::new(), Vec::new());
    score(body, &mut nodes, &mut scores, &mut Vec::new());
    let best = scores.iter().enumerate().filter(|(_, &v)| v >= 20.0).max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i);
    let main = best.map(|i| nodes[i]).unwrap_or(body);

    let mut x = Extract { lines: Vec::new(), current: String::new(), marked: Vec::new() };
    extract(main, &mut x, false);
    x.flush();

    // The page's title: its first <h1> outside the navigation, else <title>.
    let h1 = body
        .descendent_elements()
        .filter(|e| e.value().name() == "h1")
        .find(|e| !e.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "nav"))
        .map(|e| element_text(&e))
        .filter(|t| !t.is_empty());
    let title = h1.or_else(|| {
        root.descendent_elements().find(|e| e.value().name() == "title").map(|e| {
            let t = element_text(&e);
            // `讲稿标题 - 网站名`, `讲稿标题_网站名`
            t.split([' ', '_', '|']).find(|s| !s.is_empty() && *s != "-").unwrap_or("").to_string()
        })
    });
    let mut lines = x.lines;
    let mut marked = x.marked;
    if let Some(t) = title.filter(|t| !t.is_empty()) {
        if !lines.iter().take(3).any(|l| l.contains(&t)) {
            lines.insert(0, t);
            marked.iter_mut().for_each(|m| m.paragraph += 1);
            marked.insert(0, Marked { paragraph: 0, source_level: 1, title_style: true });
        }
    }
    // Only the first heading can be a title.
    for m in marked.iter_mut().skip(1) {
        m.title_style = false;
    }
    if lines.is_empty() {
        return Err(Problem::NoText);
    }
    let headings = number_headings(&mut lines, &marked);
    Ok(RawText { text: lines.join("\n"), format: Format::Html, encoding: Some(encoding), headings, repairs: Vec::new() })
}
