//! `word/document.xml`: the kind's paragraphs in order, each in its role's
//! style, then the section (A4, margins, footers, the document grid). Word
//! breaks the lines and the pages; nothing here measures text.

use lectern_typeset::breaking::{blank_side, words};
use lectern_typeset::fonts::Role;
use lectern_typeset::paragraph::Item;
use lectern_typeset::title::break_title;
use lectern_typeset::{Block, Document, Kind, TypesetError};

use super::page::Page;
use super::parts::{self, heading_style, Ppr, NOTE_LINE, SALUTATION, SUBTITLE, TITLE};
use super::xml::Xml;

/// A run of text; `role` sets its faces when they differ from the paragraph style's.
struct Run<'t> {
    text: &'t str,
    role: Option<Role>,
}

struct Body<'g> {
    x: Xml,
    g: &'g Page,
}

impl Body<'_> {
    fn para(&mut self, ppr: Ppr<'_>, runs: &[Run<'_>]) {
        self.x.open("w:p", &[]);
        ppr.write(&mut self.x);
        for r in runs.iter().filter(|r| !r.text.is_empty()) {
            self.x.open("w:r", &[]);
            if let Some(role) = r.role {
                parts::rpr(&mut self.x, role, None, self.g.body_sz);
            }
            self.x.leaf("w:t", &[("xml:space", "preserve")], r.text);
            self.x.close("w:r");
        }
        self.x.close("w:p");
    }

    /// An empty grid line.
    fn blank(&mut self) {
        self.para(Ppr { first_line: Some((0, 0)), ..Default::default() }, &[]);
    }

    /// Ruled lines for notes: a tab to the right edge with an underscore leader.
    fn rules(&mut self, count: usize) {
        for _ in 0..count {
            self.x.open("w:p", &[]);
            Ppr { style: Some(NOTE_LINE), ..Default::default() }.write(&mut self.x);
            self.x.open("w:r", &[]);
            self.x.empty("w:tab", &[]);
            self.x.close("w:r");
            self.x.close("w:p");
        }
    }

    /// A label such as 思考题 in the 黑体 face: a body paragraph, not a heading.
    fn label(&mut self, text: &str, page_break: bool) {
        let ppr = Ppr { keep_next: Some(true), page_break_before: page_break, ..Default::default() };
        self.para(ppr, &[Run { text, role: Some(Role::Heading1) }]);
    }

    fn title_and_meta(&mut self, doc: &Document, with_meta: bool) {
        let title = doc.title.trim();
        if !title.is_empty() {
            // A long title: indents on both sides narrow the measure to the
            // widest of the PDF's balanced lines, so Word breaks it there too.
            let inset = title_inset(title, self.g);
            let first_line = inset.map(|_| (0, 0));
            let ppr = Ppr { style: Some(TITLE), left: inset, right: inset, first_line, ..Default::default() };
            self.para(ppr, &[Run { text: title, role: None }]);
        }
        if let Some(sub) = doc.subtitle.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            self.para(Ppr { style: Some(SUBTITLE), ..Default::default() }, &[Run { text: sub, role: None }]);
        }
        if with_meta && !doc.meta.is_empty() {
            let mut parts = Vec::new();
            for (label, v) in [("主讲人", &doc.meta.speaker), ("时间", &doc.meta.date), ("地点", &doc.meta.place)] {
                if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                    parts.push(format!("{label}：{v}"));
                }
            }
            let line = parts.join("\u{3000}\u{3000}");
            let ppr = Ppr { first_line: Some((0, 0)), jc: Some("center"), keep_next: Some(true), ..Default::default() };
            self.para(ppr, &[Run { text: &line, role: None }]);
        }
        if !title.is_empty() || doc.subtitle.is_some() || (with_meta && !doc.meta.is_empty()) {
            self.blank();
        }
    }

    fn body(&mut self, doc: &Document) {
        for b in &doc.blocks {
            match b {
                Block::Salutation(t) => self.para(Ppr { style: Some(SALUTATION), ..Default::default() }, &[Run { text: t, role: None }]),
                Block::Paragraph(t) => self.para(Ppr::default(), &[Run { text: t, role: None }]),
                Block::Heading { level, number, heading, rest } => {
                    // A run-in heading: the heading sentence in the heading face, the rest in the body face;
                    // the paragraph does not keep with the next, its body is on it.
                    let keep_next = if rest.is_empty() { None } else { Some(false) };
                    let ppr = Ppr { style: Some(heading_style(*level)), keep_next, ..Default::default() };
                    let head = format!("{number}{heading}");
                    self.para(ppr, &[Run { text: &head, role: None }, Run { text: rest, role: Some(Role::Body) }]);
                }
            }
        }
    }

    fn questions(&mut self, doc: &Document) {
        let questions: Vec<&str> = doc.questions.iter().map(|q| q.trim()).filter(|q| !q.is_empty()).collect();
        if questions.is_empty() {
            return;
        }
        self.label("思考题", false);
        for (i, q) in questions.iter().enumerate() {
            let text = format!("{}．{}", i + 1, q);
            self.para(Ppr::default(), &[Run { text: &text, role: None }]);
        }
    }

    /// The headings only, each indented two characters a level and followed by ruled lines.
    fn outline(&mut self, doc: &Document) -> Result<(), TypesetError> {
        let mut any = false;
        for b in &doc.blocks {
            if let Block::Heading { level, number, heading, .. } = b {
                any = true;
                let indent = 2 * (*level as i32 - 1).min(3);
                let ppr = Ppr {
                    style: Some(heading_style(*level)),
                    first_line: Some((100 * indent, indent * self.g.indent_two / 2)),
                    ..Default::default()
                };
                let head = format!("{number}{heading}");
                self.para(ppr, &[Run { text: &head, role: None }]);
                self.rules(match level {
                    1 => 3,
                    2 => 2,
                    _ => 1,
                });
            }
        }
        if any { Ok(()) } else { Err(TypesetError::NoHeadings) }
    }

    /// The section: A4, the margins, the two footers and the document grid.
    fn section(&mut self) {
        let g = self.g;
        let x = &mut self.x;
        x.open("w:sectPr", &[]);
        x.empty("w:footerReference", &[("w:type", "default"), ("r:id", parts::ODD_FOOTER)]);
        x.empty("w:footerReference", &[("w:type", "even"), ("r:id", parts::EVEN_FOOTER)]);
        x.empty("w:pgSz", &[("w:w", &g.width.to_string()), ("w:h", &g.height.to_string())]);
        x.empty(
            "w:pgMar",
            &[
                ("w:top", &g.top.to_string()),
                ("w:right", &g.right.to_string()),
                ("w:bottom", &g.bottom.to_string()),
                ("w:left", &g.left.to_string()),
                ("w:header", &g.header.to_string()),
                ("w:footer", &g.footer.to_string()),
                ("w:gutter", "0"),
            ],
        );
        x.empty("w:cols", &[("w:space", "425")]);
        x.empty(
            "w:docGrid",
            &[("w:type", "linesAndChars"), ("w:linePitch", &g.line_pitch.to_string()), ("w:charSpace", &g.char_space.to_string())],
        );
        x.close("w:sectPr");
    }
}

/// The document part of `doc` as `kind`.
pub fn document(doc: &Document, g: &Page, kind: Kind) -> Result<String, TypesetError> {
    if doc.blocks.is_empty() && doc.title.trim().is_empty() {
        return Err(TypesetError::Empty);
    }
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", parts::W), ("xmlns:r", parts::R)]);
    x.open("w:body", &[]);
    let mut b = Body { x, g };
    match kind {
        Kind::Speaker => {
            b.title_and_meta(doc, kind.prints_meta());
            b.body(doc);
        }
        Kind::Handout => {
            b.title_and_meta(doc, kind.prints_meta());
            b.body(doc);
            b.questions(doc);
            // A page of ruled lines for notes.
            b.label("学习笔记", true);
            b.rules(lines_per_page(g).saturating_sub(1));
        }
        Kind::Outline => {
            b.title_and_meta(doc, kind.prints_meta());
            b.outline(doc)?;
        }
    }
    b.section();
    let mut x = b.x;
    x.close("w:body");
    x.close("w:document");
    Ok(x.finish())
}

/// The indent (twips, each side) that makes a title that needs more than one
/// line break where the PDF's balanced title breaks ([`break_title`], word
/// boundaries included): the measure is the widest of those lines, half a
/// character to spare. Characters are measured without fonts, a Han character or a
/// full-width mark one em and anything else half an em, as Word sets them.
fn title_inset(title: &str, g: &Page) -> Option<i32> {
    let size = g.title_sz as f32 / 2.0;
    let chars: Vec<char> = title.chars().collect();
    let word_of = words(&chars);
    let items: Vec<Item> = chars
        .iter()
        .enumerate()
        .map(|(i, &ch)| {
            let full = !ch.is_ascii() && word_of[i].is_none();
            let blank = if full { blank_side(ch) } else { None };
            let width = if full { size } else { 0.5 * size };
            Item { ch, slot: 0, gid: 0, size, width, glue: 0.0, shrink: 0.0, blank, word: word_of[i], role: Role::Title }
        })
        .collect();
    let measure = (g.width - g.left - g.right) as f32 / 20.0;
    let lines = break_title(&items, measure);
    if lines.len() < 2 {
        return None;
    }
    let widest = lines.iter().map(|r| items[r.clone()].iter().map(|i| i.width).sum::<f32>()).fold(0.0, f32::max);
    // Half a character to spare: enough for rounding, too little for another character.
    let inset = ((measure - widest - 0.5 * size) / 2.0 * 20.0).floor() as i32;
    (inset > 0).then_some(inset)
}

fn lines_per_page(g: &Page) -> usize {
    ((g.height - g.top - g.bottom) / g.line_pitch.max(1)) as usize
}
