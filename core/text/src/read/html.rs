//! Saved web pages (.html, .htm): the declared charset is honoured, the page
//! is parsed with scraper (html5ever; nothing is executed, nothing fetched),
//! scripts, styles, navigation and other furniture are dropped, and the main
//! article is found by where the page's paragraph text is densest.
//!
//! Nothing here recurses on the page's structure: every walk keeps its own
//! stack, and a page nested deeper than [`MAX_DEPTH`] is refused with one
//! line before it is parsed.

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

/// Han characters in `el`'s own text, not counting links and junk. Walks
/// the inline elements inside with a stack of its own, never recursing, so
/// nesting of any depth costs no call stack.
fn own_text_score(el: &ElementRef) -> usize {
    let mut n = 0;
    let mut stack: Vec<ElementRef> = vec![*el];
    while let Some(e) = stack.pop() {
        for child in e.children() {
            if let Some(t) = child.value().as_text() {
                n += han_count(t);
            } else if let Some(c) = ElementRef::wrap(child) {
                let name = c.value().name();
                if !is_junk(&c) && name != "a" && !BLOCK_TAGS.contains(&name) {
                    stack.push(c);
                }
            }
        }
    }
    n
}

/// Scores every container by the paragraph text in it: a `<p>` gives its
/// text to its parent (and half to the grandparent); text directly in a
/// `<div>` counts for the div. `nodes[i]` is scored `scores[i]`. A pre-order
/// walk with an explicit stack: the page's nesting depth never reaches the
/// call stack.
fn score<'a>(body: ElementRef<'a>, nodes: &mut Vec<ElementRef<'a>>, scores: &mut Vec<f64>) {
    // (element, depth); `path[d]` is the node id of the ancestor at depth d.
    let mut stack: Vec<(ElementRef<'a>, usize)> = vec![(body, 0)];
    let mut path: Vec<usize> = Vec::new();
    let mut children: Vec<ElementRef<'a>> = Vec::new();
    while let Some((el, depth)) = stack.pop() {
        path.truncate(depth);
        let id = nodes.len();
        nodes.push(el);
        scores.push(0.0);
        let name = el.value().name();
        let own = own_text_score(&el) as f64;
        if name == "p" || name == "pre" || name == "blockquote" {
            if let Some(&p) = path.last() {
                scores[p] += own;
            }
            if path.len() >= 2 {
                scores[path[path.len() - 2]] += own / 2.0;
            }
        } else {
            scores[id] += own;
        }
        path.push(id);
        children.clear();
        children.extend(el.child_elements().filter(|c| !is_junk(c)));
        stack.extend(children.drain(..).rev().map(|c| (c, depth + 1)));
    }
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

/// One step of [`extract`]'s walk: visit a node, or finish an element
/// once its children are done.
enum Step<'a> {
    Text(&'a str, bool),
    Element(ElementRef<'a>, bool),
    Leave { block: bool, heading: Option<u8>, before: usize },
}

/// Pushes `el`'s text and element children so that the first is popped first.
fn push_children<'a>(stack: &mut Vec<Step<'a>>, el: ElementRef<'a>, pre: bool) {
    let at = stack.len();
    for n in el.children() {
        if let Some(t) = n.value().as_text() {
            stack.push(Step::Text(t, pre));
        } else if let Some(c) = ElementRef::wrap(n) {
            stack.push(Step::Element(c, pre));
        }
    }
    stack[at..].reverse();
}

/// The text of `root`'s inside, one block per line, with the headings
/// marked. An in-order walk with an explicit stack, never recursing.
fn extract(root: ElementRef, x: &mut Extract) {
    let mut stack: Vec<Step> = Vec::new();
    push_children(&mut stack, root, false);
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { block, heading, before } => {
                if block {
                    x.flush();
                }
                if let Some(level) = heading {
                    if x.lines.len() > before {
                        x.marked.push(Marked { paragraph: before, source_level: level, title_style: level == 1 });
                    }
                }
            }
            Step::Text(t, pre) => {
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
            }
            Step::Element(c, pre) => {
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
                stack.push(Step::Leave { block, heading, before: x.lines.len() });
                push_children(&mut stack, c, pre || name == "pre");
            }
        }
    }
}

/// The first `<h1>` in `body` that is not inside a `<nav>`: one pre-order
/// walk (an explicit stack) that skips the `<nav>`s, instead of looking up
/// every h1's ancestors.
fn first_h1_outside_nav(body: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut stack = vec![body];
    while let Some(e) = stack.pop() {
        match e.value().name() {
            "nav" => continue,
            "h1" => return Some(e),
            _ => {}
        }
        let at = stack.len();
        stack.extend(e.child_elements());
        stack[at..].reverse();
    }
    None
}

fn element_text(el: &ElementRef) -> String {
    let mut s = String::new();
    for t in el.text() {
        collapse(t, &mut s);
    }
    s.trim().to_string()
}

/// How deep a page's elements may nest. Real pages stay under a hundred;
/// the parser's scope checks walk the open elements at every tag, so a page
/// nested 100,000 deep would take minutes. Deeper pages are refused with
/// [`Problem::TooDeep`] before parsing.
pub(super) const MAX_DEPTH: usize = 1000;

/// Elements that never hold others (void), or whose end tag is implied by
/// the next sibling (`<p>`, `<li>` …): the HTML parser closes them itself,
/// so they do not make the page deeper.
const FLAT_TAGS: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr",
    b"param", b"keygen", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option", b"optgroup", b"rt", b"rp",
    b"thead", b"tbody", b"tfoot", b"colgroup", b"caption", b"html", b"head", b"body",
];

/// Elements whose content is raw text: their inside is skipped.
const RAW_TAGS: &[&[u8]] = &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"plaintext"];

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    find(&hay[from.min(hay.len())..], needle).map(|p| p + from)
}

/// The deepest nesting of elements in `html`, as a tag count of open minus
/// closed (comments, raw text and elements closed implicitly left out). One
/// pass over the bytes; an estimate close enough to refuse pathological pages.
fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(p) = b[i..].iter().position(|&c| c == b'<') {
        i += p + 1;
        if b[i..].starts_with(b"!--") {
            i = find_from(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while end < b.len() && b[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end == start {
            continue;
        }
        let name = b[start..end].to_ascii_lowercase();
        let Some(gt) = find_from(b, end, b">") else { break };
        let self_closing = gt > end && b[gt - 1] == b'/';
        i = gt + 1;
        if FLAT_TAGS.contains(&name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if RAW_TAGS.contains(&name.as_slice()) {
            let mut close = b"</".to_vec();
            close.extend_from_slice(&name);
            let lower: Vec<u8> = b[i..].to_ascii_lowercase();
            i = find(&lower, &close).map_or(b.len(), |e| i + e);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

pub(super) fn read(bytes: &[u8]) -> Result<RawText, Problem> {
    let (text, encoding) = decode(bytes)?;
    if plain::looks_binary(&text) {
        return Err(Problem::Binary);
    }
    if nesting_depth(&text) > MAX_DEPTH {
        return Err(Problem::TooDeep(MAX_DEPTH));
    }
    let doc = Html::parse_document(&text);
    let root = doc.root_element();
    let body = root.descendent_elements().find(|e| e.value().name() == "body").unwrap_or(root);

    let (mut nodes, mut scores) = (Vec::new(), Vec::new());
    score(body, &mut nodes, &mut scores);
    let best = scores.iter().enumerate().filter(|(_, &v)| v >= 20.0).max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i);
    let main = best.map(|i| nodes[i]).unwrap_or(body);

    let mut x = Extract { lines: Vec::new(), current: String::new(), marked: Vec::new() };
    extract(main, &mut x);
    x.flush();

    // The page's title: its first <h1> outside the navigation, else <title>.
    let h1 = first_h1_outside_nav(body)
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
    // Marks come out innermost first; the first in text order is the title.
    marked.sort_by_key(|m| m.paragraph);
    // Only the first heading can be a title.
    for m in marked.iter_mut().skip(1) {
        m.title_style = false;
    }
    if lines.is_empty() {
        return Err(Problem::NoText);
    }
    let headings = number_headings(&mut lines, &marked);
    Ok(RawText { text: lines.join("\n"), format: Format::Html, encoding: Some(encoding), headings })
}

#[cfg(test)]
mod tests {
    use super::nesting_depth;

    #[test]
    fn nesting_depth_counts_open_elements_only() {
        assert_eq!(nesting_depth("<div><div><span>字</span></div></div>"), 3);
        // Paragraphs and list items close themselves; void tags hold nothing.
        assert_eq!(nesting_depth(&"<p>段落<br><img src=x>".repeat(5000)), 0);
        assert_eq!(nesting_depth("<ul><li>一<li>二</ul>"), 1);
        // Comments and scripts do not count.
        assert_eq!(nesting_depth("<!-- <div><div> --><script>var a = '<div><div>';</script><b>x</b>"), 1);
        assert_eq!(nesting_depth(&"<div>".repeat(100_000)), 100_000);
        assert_eq!(nesting_depth("<div/><div/>"), 0);
    }
}
