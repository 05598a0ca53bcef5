//! .docx (Word, WPS) as Word shows it, read with the zip and quick-xml crates
//! in one flat pass over the XML (never recursing on its nesting):
//! - automatic numbering is written in front of its paragraphs
//!   ([`super::docx_numbering`]), whether the paragraph or its style (or a
//!   style it is based on) carries the list;
//! - tracked changes read as accepted: insertions kept, deletions and
//!   move-sources dropped, a deleted paragraph mark joins two paragraphs;
//! - a table comes out row by row, one line a row, its cells separated by tabs;
//! - text boxes come out after the paragraph they are anchored in, content
//!   controls in place; hidden text, field codes (their results stay),
//!   headers, footers and comments never;
//! - footnotes and endnotes: a marker `[n]` where they are referenced, their
//!   text appended at the end under a line `注释`.
//!
//! A paragraph whose style is a heading (by the style's name `heading N` /
//! `标题 N`, its outline level, or the style it is based on: never by the
//! style id, which Word localises to `1`, `2` or `标题1`) is a heading.

use std::collections::{HashMap, VecDeque};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::docx_numbering::Numbering;
use super::headings::{number_headings, Marked};
use super::{Format, Problem, RawText, Repair, MAX_FILE_BYTES};

fn corrupt(why: &str) -> Problem {
    Problem::CorruptDocx(why.to_string())
}

fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, Problem> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(corrupt("不是有效的 docx")),
    };
    if file.size() > MAX_FILE_BYTES {
        return Err(Problem::TooLarge(file.size()));
    }
    let mut bytes = Vec::new();
    // The declared size may lie: never inflate more than the limit.
    (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|_| corrupt(&format!("{name} 无法解压")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::TooLarge(bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let b = e.into_bytes();
            match encoding_rs::Encoding::for_bom(&b) {
                Some((enc, bom)) => enc.decode_without_bom_handling(&b[bom..]).0.into_owned(),
                None => return Err(corrupt(&format!("{name} 不是 UTF-8 文本"))),
            }
        }
    };
    Ok(Some(text))
}

pub(super) fn read(bytes: &[u8]) -> Result<RawText, Problem> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // A compound file named .docx: an old Word file or an encrypted one.
        let mut raw = super::doc::read(bytes)?;
        raw.format = Format::Docx;
        return Ok(raw);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| corrupt("不是有效的 docx"))?;
    let document = read_part(&mut zip, "word/document.xml")?.ok_or_else(|| corrupt("docx 中缺少 word/document.xml"))?;
    // A broken styles or numbering part costs the headings or numbers, not the text.
    let styles = match read_part(&mut zip, "word/styles.xml") {
        Ok(Some(s)) => styles(&s),
        _ => Styles::default(),
    };
    let mut numbering = match read_part(&mut zip, "word/numbering.xml") {
        Ok(Some(s)) => Numbering::parse(&s),
        _ => Numbering::default(),
    };
    let mut walk = walk(&document, Some((&styles, &mut numbering))).map_err(corrupt)?;
    let mut lines = Vec::new();
    let mut marked = Vec::new();
    for p in std::mem::take(&mut walk.paragraphs) {
        let level: Option<u8> = match p.outline_level {
            Some(l) => l,
            None => p.style.as_ref().and_then(|s| styles.resolve(s).level),
        };
        // A line break inside a paragraph makes more lines; the heading is the first.
        for (k, part) in p.text.split('\n').enumerate() {
            if part.trim().is_empty() {
                continue;
            }
            if k == 0 {
                if let Some(l) = level {
                    marked.push(Marked { paragraph: lines.len(), source_level: l, title_style: l == 0 });
                }
            }
            lines.push(part.to_string());
        }
    }
    let notes = notes(&mut zip, &walk.notes);
    if !notes.is_empty() {
        lines.push("注释".to_string());
        lines.extend(notes.iter().cloned());
    }
    if lines.is_empty() {
        return Err(Problem::NoText);
    }
    let headings = number_headings(&mut lines, &marked);
    let mut repairs = Vec::new();
    if numbering.rendered > 0 {
        repairs.push(Repair::NumberingRendered(numbering.rendered));
    }
    if walk.deletions > 0 {
        repairs.push(Repair::DeletionsDropped(walk.deletions));
    }
    if walk.insertions > 0 {
        repairs.push(Repair::InsertionsKept(walk.insertions));
    }
    if walk.table_rows > 0 {
        repairs.push(Repair::TableRowsKept(walk.table_rows));
    }
    if !notes.is_empty() {
        repairs.push(Repair::NotesAppended(notes.len()));
    }
    Ok(RawText { text: lines.join("\n"), format: Format::Docx, encoding: None, headings, repairs })
}

/// The texts of the referenced footnotes and endnotes, in reference order, as `[n] text`.
fn notes(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, refs: &[(bool, String)]) -> Vec<String> {
    if refs.is_empty() {
        return Vec::new();
    }
    let mut parts: HashMap<bool, HashMap<String, String>> = HashMap::new();
    for (endnote, part) in [(false, "word/footnotes.xml"), (true, "word/endnotes.xml")] {
        if let Ok(Some(xml)) = read_part(zip, part) {
            if let Ok(w) = walk(&xml, None) {
                parts.insert(endnote, w.note_texts);
            }
        }
    }
    refs.iter()
        .enumerate()
        .map(|(i, (endnote, id))| {
            let text = parts.get(endnote).and_then(|m| m.get(id)).map(|s| s.trim().to_string()).unwrap_or_default();
            format!("[{}] {}", i + 1, text)
        })
        .collect()
}

pub(super) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == local).and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

pub(super) fn local(e: &BytesStart) -> String {
    e.name().local_name().as_ref().to_string()
}

/// The heading level of a style's name: `heading 2`, `Heading2`, `标题 2`, `标题2` → 2;
/// `Title`, `标题` → 0 (a title).
fn level_of_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    if n == "title" || n == "标题" {
        return Some(0);
    }
    for prefix in ["heading", "标题"] {
        if let Some(rest) = n.strip_prefix(prefix) {
            let rest = rest.trim();
            if let Ok(v) = rest.parse::<u8>() {
                if (1..=9).contains(&v) {
                    return Some(v);
                }
            }
        }
    }
    None
}

#[derive(Default, Clone)]
struct StyleDef {
    name_level: Option<u8>,
    outline: Option<u8>,
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// A paragraph style with what it inherits.
#[derive(Default, Clone, Debug)]
struct Resolved {
    /// Heading level (`Some(0)` for a title style).
    level: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

#[derive(Default)]
struct Styles {
    resolved: HashMap<String, Resolved>,
}

impl Styles {
    fn resolve(&self, id: &str) -> Resolved {
        self.resolved.get(id).cloned().unwrap_or_default()
    }
}

/// The paragraph styles: heading levels and numbering, through `w:basedOn`.
fn styles(xml: &str) -> Styles {
    let mut defs: HashMap<String, StyleDef> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, StyleDef)> = None;
    let mut in_ppr = false;
    let mut default_para: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = local(&e);
                match name.as_str() {
                    "style" => {
                        if let Some((id, d)) = current.take() {
                            defs.insert(id, d);
                        }
                        let is_para = attr(&e, "type").is_none_or(|t| t == "paragraph");
                        if let (Some(id), true) = (attr(&e, "styleId"), is_para) {
                            if attr(&e, "default").is_some_and(|d| d == "1" || d == "true") {
                                default_para = Some(id.clone());
                            }
                            current = Some((id, StyleDef::default()));
                        }
                    }
                    "name" => {
                        if let (Some((_, d)), Some(v)) = (current.as_mut(), attr(&e, "val")) {
                            d.name_level = level_of_name(&v);
                        }
                    }
                    "basedOn" => {
                        if let Some((_, d)) = current.as_mut() {
                            d.based_on = attr(&e, "val");
                        }
                    }
                    "pPr" => in_ppr = true,
                    "outlineLvl" if in_ppr => {
                        if let (Some((_, d)), Some(v)) = (current.as_mut(), attr(&e, "val")) {
                            d.outline = v.parse::<u8>().ok().filter(|&v| v < 9).map(|v| v + 1);
                        }
                    }
                    "numId" if in_ppr => {
                        if let Some((_, d)) = current.as_mut() {
                            d.num_id = attr(&e, "val");
                        }
                    }
                    "ilvl" if in_ppr => {
                        if let Some((_, d)) = current.as_mut() {
                            d.ilvl = attr(&e, "val").and_then(|v| v.parse::<usize>().ok()).map(|v| v.min(8));
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "style" => {
                    if let Some((id, d)) = current.take() {
                        defs.insert(id, d);
                    }
                }
                "pPr" => in_ppr = false,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut resolved = HashMap::new();
    for id in defs.keys() {
        let mut r = Resolved::default();
        let mut level_done = false;
        let mut cur = Some(id.clone());
        // A bounded walk up the chain: a loop of basedOn ends here too.
        for _ in 0..16 {
            let Some(d) = cur.as_ref().and_then(|c| defs.get(c)) else { break };
            if !level_done {
                if let Some(l) = d.name_level.or(d.outline) {
                    r.level = Some(l);
                    level_done = true;
                }
            }
            if r.num_id.is_none() {
                r.num_id = d.num_id.clone();
            }
            if r.ilvl.is_none() {
                r.ilvl = d.ilvl;
            }
            cur = d.based_on.clone();
        }
        resolved.insert(id.clone(), r);
    }
    if let Some(d) = default_para {
        if let Some(r) = resolved.get(&d).cloned() {
            resolved.insert(String::new(), r);
        }
    }
    Styles { resolved }
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    outline_level: Option<Option<u8>>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    numbered: bool,
    mark_deleted: bool,
    /// Paragraphs of text boxes anchored in this one: they follow it.
    anchored: VecDeque<Para>,
}

#[derive(Default)]
struct TableFrame {
    row: Vec<String>,
    cell: String,
}

#[derive(Default)]
struct Walk {
    paragraphs: Vec<Para>,
    /// Footnote and endnote references, in order: (is endnote, id).
    notes: Vec<(bool, String)>,
    /// For a notes part: each note's text by id.
    note_texts: HashMap<String, String>,
    deletions: usize,
    insertions: usize,
    table_rows: usize,
}

/// Elements whose text Word does not show: deleted and moved-away text,
/// field codes, the fallback copies of drawings, the old properties of a change.
const SKIPPED: &[&str] = &[
    "del", "moveFrom", "Fallback", "instrText", "delText", "delInstrText", "pPrChange", "rPrChange", "sectPrChange", "tblPrChange",
    "trPrChange", "tcPrChange", "numberingChange", "tblGridChange",
];

/// Writes the number of a paragraph's list in front of it.
fn number(p: &mut Para, ctx: &mut Option<(&Styles, &mut Numbering)>) {
    if p.numbered {
        return;
    }
    p.numbered = true;
    let Some((styles, numbering)) = ctx.as_mut() else { return };
    let style = styles.resolve(p.style.as_deref().unwrap_or(""));
    let Some(num_id) = p.num_id.clone().or(style.num_id.clone()) else { return };
    if num_id == "0" {
        return;
    }
    let ilvl = p
        .ilvl
        .or(style.ilvl)
        .or_else(|| p.style.as_deref().and_then(|s| numbering.level_of_style(&num_id, s)))
        .unwrap_or(0);
    if let Some(n) = numbering.next(&num_id, ilvl) {
        p.text.insert_str(0, &n);
    }
}

/// One pass over a document (or a notes part): paragraphs in reading order.
/// Puts paragraph `p` (a text box's, nested in `parent`) after `parent`'s anchored paragraphs,
/// followed by its own. The shorter list moves into the longer, so text boxes nested 50,000 deep
/// cost n log n moves, not n².
fn anchor(parent: &mut Para, mut p: Para) {
    let mut own = std::mem::take(&mut p.anchored);
    if parent.anchored.len() > own.len() {
        parent.anchored.push_back(p);
        parent.anchored.append(&mut own);
    } else {
        own.push_front(p);
        while let Some(q) = parent.anchored.pop_back() {
            own.push_front(q);
        }
        parent.anchored = own;
    }
}

fn walk(xml: &str, mut ctx: Option<(&Styles, &mut Numbering)>) -> Result<Walk, &'static str> {
    let mut reader = Reader::from_str(xml);
    let mut w = Walk::default();
    let mut stack: Vec<Para> = Vec::new();
    let mut tables: Vec<TableFrame> = Vec::new();
    // Field frames: true while in the field's code.
    let mut fields: Vec<bool> = Vec::new();
    // How many of those frames are in their code: counted, so a check costs nothing however many
    // fields are open (a file may open thousands and never close them).
    let mut in_code = 0usize;
    let mut in_t = false;
    let mut in_ppr = 0usize;
    let mut in_rpr = false;
    let mut run_hidden = false;
    let mut skip = 0usize;
    let mut body_closed = false;
    let mut carry = String::new();
    let mut note_id: Option<String> = None;
    let mut note_text = String::new();
    loop {
        let ev = reader.read_event().map_err(|_| "word/document.xml 无法解析")?;
        let visible = |skip: usize, in_code: usize, hidden: bool| skip == 0 && in_code == 0 && !hidden;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = local(e);
                if SKIPPED.contains(&name.as_str()) {
                    if name == "del" && in_ppr > 0 && in_rpr {
                        // The paragraph mark is deleted: this paragraph runs into the next.
                        if let Some(p) = stack.last_mut() {
                            p.mark_deleted = true;
                        }
                    } else if matches!(name.as_str(), "del" | "moveFrom") && skip == 0 {
                        w.deletions += 1;
                    }
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match name.as_str() {
                    "p" if !empty => stack.push(Para::default()),
                    "pPr" if !empty => in_ppr += 1,
                    "rPr" if !empty => in_rpr = true,
                    "r" => run_hidden = false,
                    "ins" | "moveTo" if skip == 0 && in_ppr == 0 => w.insertions += 1,
                    "vanish" if in_rpr && in_ppr == 0 && skip == 0 => {
                        run_hidden = attr(e, "val").is_none_or(|v| v != "0" && v != "false");
                    }
                    "pStyle" if in_ppr > 0 && skip == 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.style = attr(e, "val");
                        }
                    }
                    "numId" if in_ppr > 0 && skip == 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.num_id = attr(e, "val");
                        }
                    }
                    "ilvl" if in_ppr > 0 && skip == 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.ilvl = attr(e, "val").and_then(|v| v.parse::<usize>().ok()).map(|v| v.min(8));
                        }
                    }
                    "outlineLvl" if in_ppr > 0 && skip == 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.outline_level = Some(attr(e, "val").and_then(|v| v.parse::<u8>().ok()).filter(|&v| v < 9).map(|v| v + 1));
                        }
                    }
                    "fldChar" if skip == 0 => match attr(e, "fldCharType").as_deref() {
                        Some("begin") => {
                            fields.push(true);
                            in_code += 1;
                        }
                        Some("separate") => {
                            if let Some(f) = fields.last_mut().filter(|f| **f) {
                                *f = false;
                                in_code -= 1;
                            }
                        }
                        Some("end") => in_code -= usize::from(fields.pop() == Some(true)),
                        _ => {}
                    },
                    "footnoteReference" | "endnoteReference" if visible(skip, in_code, run_hidden) => {
                        if let Some(id) = attr(e, "id") {
                            w.notes.push((name == "endnoteReference", id));
                            let marker = format!("[{}]", w.notes.len());
                            push(&mut stack, &marker);
                        }
                    }
                    "footnote" | "endnote" if !empty => {
                        note_id = attr(e, "id");
                        note_text.clear();
                    }
                    "tbl" if !empty => tables.push(TableFrame::default()),
                    "t" if !empty => in_t = true,
                    "tab" | "ptab" if in_ppr == 0 && visible(skip, in_code, run_hidden) => push(&mut stack, " "),
                    "br" | "cr" if visible(skip, in_code, run_hidden) => push(&mut stack, "\n"),
                    "noBreakHyphen" if visible(skip, in_code, run_hidden) => push(&mut stack, "-"),
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_string();
                if SKIPPED.contains(&name.as_str()) {
                    skip = skip.saturating_sub(1);
                    continue;
                }
                match name.as_str() {
                    "t" => in_t = false,
                    "rPr" => in_rpr = false,
                    "pPr" => {
                        in_ppr = in_ppr.saturating_sub(1);
                        if in_ppr == 0 {
                            if let Some(p) = stack.last_mut() {
                                number(p, &mut ctx);
                            }
                        }
                    }
                    "body" => body_closed = true,
                    "p" => {
                        let Some(mut p) = stack.pop() else { continue };
                        number(&mut p, &mut ctx);
                        if let Some(parent) = stack.last_mut() {
                            // A text box's paragraph: after its anchor.
                            anchor(parent, p);
                        } else if note_id.is_some() {
                            if !note_text.is_empty() {
                                note_text.push(' ');
                            }
                            note_text.push_str(p.text.trim());
                        } else if let Some(t) = tables.last_mut() {
                            let mut texts = vec![std::mem::take(&mut p.text)];
                            texts.extend(p.anchored.drain(..).map(|a| a.text));
                            for s in texts {
                                let s = s.trim().replace('\n', " ");
                                if !s.is_empty() {
                                    if !t.cell.is_empty() {
                                        t.cell.push(' ');
                                    }
                                    t.cell.push_str(&s);
                                }
                            }
                        } else if p.mark_deleted && p.anchored.is_empty() {
                            carry.push_str(&p.text);
                        } else {
                            if !carry.is_empty() {
                                p.text.insert_str(0, &std::mem::take(&mut carry));
                            }
                            let anchored = std::mem::take(&mut p.anchored);
                            w.paragraphs.push(p);
                            w.paragraphs.extend(anchored);
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            let cell = std::mem::take(&mut t.cell);
                            t.row.push(cell);
                        }
                    }
                    "tr" => {
                        let Some(t) = tables.last_mut() else { continue };
                        let row = std::mem::take(&mut t.row);
                        let cells: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
                        if cells.is_empty() {
                            continue;
                        }
                        if tables.len() > 1 {
                            let line = cells.join(" ");
                            let parent = tables.len() - 2;
                            let cell = &mut tables[parent].cell;
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&line);
                        } else {
                            w.table_rows += 1;
                            let text = cells.join("\t");
                            if let Some(parent) = stack.last_mut() {
                                parent.anchored.push_back(Para { text, numbered: true, ..Para::default() });
                            } else {
                                w.paragraphs.push(Para { text, numbered: true, ..Para::default() });
                            }
                        }
                    }
                    "tbl" => {
                        tables.pop();
                    }
                    "footnote" | "endnote" => {
                        if let Some(id) = note_id.take() {
                            w.note_texts.insert(id, std::mem::take(&mut note_text));
                        }
                    }
                    "footnotes" | "endnotes" => body_closed = true,
                    _ => {}
                }
            }
            Event::Text(ref t) if in_t && visible(skip, in_code, run_hidden) => {
                let s = t.xml10_content();
                push(&mut stack, &s);
            }
            Event::CData(ref t) if in_t && visible(skip, in_code, run_hidden) => {
                let s: &str = t.as_ref();
                push(&mut stack, s);
            }
            Event::GeneralRef(ref r) if in_t && visible(skip, in_code, run_hidden) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    push(&mut stack, c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r.xml10_content()) {
                    push(&mut stack, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !body_closed || !stack.is_empty() {
        return Err("word/document.xml 不完整");
    }
    if !carry.is_empty() {
        w.paragraphs.push(Para { text: carry, numbered: true, ..Para::default() });
    }
    Ok(w)
}

fn push(stack: &mut [Para], s: &str) {
    if let Some(p) = stack.last_mut() {
        p.text.push_str(s);
    }
}
