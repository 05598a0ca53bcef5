//! .docx (Word, WPS): the paragraphs of `word/document.xml` in order, read
//! with the zip and quick-xml crates; a paragraph whose style is a heading
//! (by the style's name `heading N` / `标题 N`, its outline level, or the
//! style it is based on: never by the style id, which Word localises to `1`,
//! `2` or `标题1`) is a heading.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::headings::{number_headings, Marked};
use super::{Format, Problem, RawText, MAX_FILE_BYTES};

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
        return Err(Problem::LegacyDoc);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| corrupt("不是有效的 docx"))?;
    let document = read_part(&mut zip, "word/document.xml")?.ok_or_else(|| corrupt("docx 中缺少 word/document.xml"))?;
    let styles = match read_part(&mut zip, "word/styles.xml") {
        Ok(Some(s)) => heading_styles(&s),
        // A broken styles part costs the headings, not the text.
        _ => HashMap::new(),
    };
    let paragraphs = paragraphs(&document).map_err(corrupt)?;
    let mut lines = Vec::new();
    let mut marked = Vec::new();
    for p in paragraphs {
        let level: Option<u8> = match p.outline_level {
            Some(l) => l,
            None => p.style.as_ref().and_then(|s| styles.get(s).copied().flatten()),
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
    if lines.is_empty() {
        return Err(Problem::NoText);
    }
    let headings = number_headings(&mut lines, &marked);
    Ok(RawText { text: lines.join("\n"), format: Format::Docx, encoding: None, headings })
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == local).and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn local(e: &BytesStart) -> String {
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

struct StyleDef {
    name_level: Option<u8>,
    outline: Option<u8>,
    based_on: Option<String>,
}

/// Style id → heading level (`Some(0)` for a title style, `None` for body styles).
fn heading_styles(xml: &str) -> HashMap<String, Option<u8>> {
    let mut defs: HashMap<String, StyleDef> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, StyleDef)> = None;
    let mut in_ppr = false;
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
                            current = Some((id, StyleDef { name_level: None, outline: None, based_on: None }));
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
    let mut out = HashMap::new();
    for id in defs.keys() {
        let mut level = None;
        let mut cur = Some(id.clone());
        for _ in 0..12 {
            let Some(d) = cur.as_ref().and_then(|c| defs.get(c)) else { break };
            if let Some(l) = d.name_level.or(d.outline) {
                level = Some(l);
                break;
            }
            cur = d.based_on.clone();
        }
        out.insert(id.clone(), level);
    }
    out
}

struct Para {
    text: String,
    style: Option<String>,
    outline_level: Option<Option<u8>>,
}

/// The paragraphs of document.xml, in order. Deleted and moved-away text,
/// field codes and the fallback copies of drawings are skipped; text boxes
/// come out as paragraphs of their own.
fn paragraphs(xml: &str) -> Result<Vec<Para>, &'static str> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut stack: Vec<Para> = Vec::new();
    let mut in_t = false;
    let mut in_ppr = 0usize;
    let mut skip = 0usize;
    let mut body_closed = false;
    loop {
        let ev = reader.read_event().map_err(|_| "word/document.xml 无法解析")?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = local(e);
                if matches!(name.as_str(), "del" | "moveFrom" | "Fallback" | "instrText" | "delText") {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match name.as_str() {
                    "p" if !empty => stack.push(Para { text: String::new(), style: None, outline_level: None }),
                    "pPr" if !empty => in_ppr += 1,
                    "pStyle" if in_ppr > 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.style = attr(e, "val");
                        }
                    }
                    "outlineLvl" if in_ppr > 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.outline_level = Some(attr(e, "val").and_then(|v| v.parse::<u8>().ok()).filter(|&v| v < 9).map(|v| v + 1));
                        }
                    }
                    "t" if !empty && skip == 0 => in_t = true,
                    "tab" | "ptab" if skip == 0 && in_ppr == 0 => push(&mut stack, " "),
                    "br" | "cr" if skip == 0 => push(&mut stack, "\n"),
                    "noBreakHyphen" if skip == 0 => push(&mut stack, "-"),
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "del" | "moveFrom" | "Fallback" | "instrText" | "delText" => skip = skip.saturating_sub(1),
                    "t" => in_t = false,
                    "pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "body" => body_closed = true,
                    "p" => {
                        if let Some(p) = stack.pop() {
                            out.push(p);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if in_t && skip == 0 => {
                let s = t.xml10_content();
                push(&mut stack, &s);
            }
            Event::CData(ref t) if in_t && skip == 0 => {
                let s: &str = t.as_ref();
                push(&mut stack, s);
            }
            Event::GeneralRef(ref r) if in_t && skip == 0 => {
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
    Ok(out)
}

fn push(stack: &mut [Para], s: &str) {
    if let Some(p) = stack.last_mut() {
        p.text.push_str(s);
    }
}
