//! Composing a handout: the kind's blocks into a flow of grid lines, the flow
//! into pages (a heading never alone at the bottom, a paragraph's last line
//! not alone at the top, a short block such as 思考题 whole on one page when
//! it fits on one), then page numbers.

use std::ops::Range;

use crate::fonts::{FontSet, Role};

use super::model::{Block, Document};
use super::paragraph::{break_lines, items, place, Item, Run};
use super::preset::Preset;
use super::shape::Shaper;
use super::title::break_title;
use super::{Kind, Layout, Line, LineKind, Page, PlacedGlyph, Rule, TypesetError};

/// The ideographic em box puts the baseline 0.88 em below its top.
const ASCENT: f32 = 0.88;
/// A handout's notes area has at least this many ruled lines.
const MIN_NOTE_LINES: usize = 6;

/// One grid line of the flow, before pagination.
#[derive(Debug, Clone)]
enum Content {
    Text { kind: LineKind, glyphs: Vec<PlacedGlyph>, size: f32 },
    Blank,
    Rule,
}

#[derive(Debug, Clone)]
struct FlowLine {
    content: Content,
    para: usize,
    first: bool,
    last: bool,
    /// A heading line (or the title): must not end a page.
    keep: bool,
    /// The flow index where this line's short block (思考题 and its
    /// questions) begins: a page break never falls inside a block that fits
    /// on one page.
    block: Option<usize>,
}

struct Composer<'a, 'f> {
    shaper: &'a mut Shaper<'f>,
    preset: &'a Preset,
    flow: Vec<FlowLine>,
    para: usize,
}

impl Composer<'_, '_> {
    fn left(&self) -> f32 {
        self.preset.margin_left
    }

    fn next_para(&mut self) -> usize {
        self.para += 1;
        self.para
    }

    /// Sets a paragraph on the grid: first line indented `indent` characters,
    /// justified but for its last line.
    fn paragraph(&mut self, runs: &[Run<'_>], indent: f32, kind: LineKind) {
        let p = self.preset;
        let (size, pitch, width) = (p.body_size, p.char_pitch(), p.type_width());
        let it = items(self.shaper, runs, size, pitch);
        if it.is_empty() {
            return;
        }
        let first = width - indent * pitch;
        let lines = break_lines(&it, first, width);
        let para = self.next_para();
        let n = lines.len();
        for (k, r) in lines.into_iter().enumerate() {
            let (avail, x0) = if k == 0 { (first, self.left() + indent * pitch) } else { (width, self.left()) };
            let heading_only = it[r.clone()].iter().all(|i| i.role != Role::Body && i.role != Role::Latin);
            let glyphs = self.glyphs(&it, r, avail, x0, k + 1 < n);
            let line_kind = if heading_only && kind == LineKind::Body { LineKind::Heading } else { kind };
            self.flow.push(FlowLine {
                content: Content::Text { kind: line_kind, glyphs, size },
                para,
                first: k == 0,
                last: k + 1 == n,
                keep: heading_only || kind == LineKind::Label,
                block: None,
            });
        }
    }

    fn glyphs(&self, it: &[Item], r: Range<usize>, avail: f32, x0: f32, justify: bool) -> Vec<PlacedGlyph> {
        let (placed, _) = place(it, r, avail, justify);
        placed
            .into_iter()
            .map(|g| {
                let i = &it[g.item];
                PlacedGlyph { slot: i.slot, gid: i.gid, ch: i.ch, size: i.size, x: x0 + g.x, y: 0.0 }
            })
            .collect()
    }

    /// A centred line (or lines) in `role`'s face at `size`.
    fn centred(&mut self, text: &str, role: Role, size: f32, kind: LineKind, balanced: bool) {
        let p = self.preset;
        let it = items(self.shaper, &[Run { text, role }], size, size);
        if it.is_empty() {
            return;
        }
        let width = p.type_width();
        let lines = if balanced { break_title(&it, width) } else { break_lines(&it, width, width) };
        let para = self.next_para();
        let n = lines.len();
        for (k, r) in lines.into_iter().enumerate() {
            let (placed, used) = place(&it, r.clone(), width, false);
            let x0 = self.left() + (width - used).max(0.0) / 2.0;
            let glyphs = placed
                .into_iter()
                .map(|g| {
                    let i = &it[g.item];
                    PlacedGlyph { slot: i.slot, gid: i.gid, ch: i.ch, size, x: x0 + g.x, y: 0.0 }
                })
                .collect();
            self.flow.push(FlowLine {
                content: Content::Text { kind, glyphs, size },
                para,
                first: k == 0,
                last: k + 1 == n,
                keep: true,
                block: None,
            });
        }
    }

    fn blank(&mut self) {
        let para = self.next_para();
        self.flow.push(FlowLine { content: Content::Blank, para, first: true, last: true, keep: false, block: None });
    }

    /// Ruled lines for notes; `together` keeps them on one page (no page ends before the last).
    fn rules(&mut self, count: usize, together: bool) {
        for k in 0..count {
            let para = self.next_para();
            let keep = together && k + 1 < count;
            self.flow.push(FlowLine { content: Content::Rule, para, first: true, last: true, keep, block: None });
        }
    }

    fn heading_role(level: u8) -> Role {
        match level {
            1 => Role::Heading1,
            2 => Role::Heading2,
            3 => Role::Heading3,
            _ => Role::Heading4,
        }
    }

    fn title_and_meta(&mut self, doc: &Document, with_meta: bool) {
        if !doc.title.trim().is_empty() {
            self.centred(doc.title.trim(), Role::Title, self.preset.title_size, LineKind::Title, true);
        }
        // The subtitle (`——在……上的讲话`): centred under the title in the Kai face, body size.
        if let Some(sub) = doc.subtitle.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            self.centred(sub, Role::Heading2, self.preset.body_size, LineKind::Subtitle, false);
        }
        if with_meta && !doc.meta.is_empty() {
            let mut parts = Vec::new();
            for (label, v) in [("主讲人", &doc.meta.speaker), ("时间", &doc.meta.date), ("地点", &doc.meta.place)] {
                if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                    parts.push(format!("{label}：{v}"));
                }
            }
            // One line when it fits, else one line for each of speaker, date and place.
            let size = self.preset.body_size;
            let joined = parts.join("\u{3000}\u{3000}");
            let width: f32 = items(self.shaper, &[Run { text: &joined, role: Role::Body }], size, size)
                .iter()
                .map(|i| i.width + i.glue)
                .sum();
            if width <= self.preset.type_width() {
                self.centred(&joined, Role::Body, size, LineKind::Meta, false);
            } else {
                for part in &parts {
                    self.centred(part, Role::Body, size, LineKind::Meta, false);
                }
            }
        }
        if !self.flow.is_empty() {
            self.blank();
        }
    }

    fn body(&mut self, doc: &Document) {
        for b in &doc.blocks {
            match b {
                Block::Salutation(t) => self.paragraph(&[Run { text: t, role: Role::Body }], 0.0, LineKind::Body),
                Block::Paragraph(t) => self.paragraph(&[Run { text: t, role: Role::Body }], 2.0, LineKind::Body),
                Block::Heading { level, number, heading, rest } => {
                    let role = Self::heading_role(*level);
                    let head = format!("{number}{heading}");
                    let runs = [Run { text: &head, role }, Run { text: rest, role: Role::Body }];
                    self.paragraph(&runs, 2.0, LineKind::Body);
                }
            }
        }
    }

    fn questions(&mut self, doc: &Document) {
        if doc.questions.is_empty() {
            return;
        }
        let start = self.flow.len();
        self.paragraph(&[Run { text: "思考题", role: Role::Heading1 }], 2.0, LineKind::Label);
        for (i, q) in doc.questions.iter().enumerate() {
            let text = format!("{}．{}", i + 1, q.trim());
            self.paragraph(&[Run { text: &text, role: Role::Body }], 2.0, LineKind::Body);
        }
        for l in &mut self.flow[start..] {
            l.block = Some(start);
        }
    }

    fn outline(&mut self, doc: &Document) -> Result<(), TypesetError> {
        let mut any = false;
        for b in &doc.blocks {
            if let Block::Heading { level, number, heading, .. } = b {
                any = true;
                let role = Self::heading_role(*level);
                let head = format!("{number}{heading}");
                let indent = 2.0 * (*level as f32 - 1.0).min(3.0);
                self.paragraph(&[Run { text: &head, role }], indent, LineKind::Heading);
                if let Some(l) = self.flow.last_mut() {
                    l.keep = true;
                }
                let count = match level {
                    1 => 3,
                    2 => 2,
                    _ => 1,
                };
                self.rules(count, true);
            }
        }
        if any { Ok(()) } else { Err(TypesetError::NoHeadings) }
    }
}

/// Splits the flow into pages of at most `cap` lines.
fn paginate(flow: &[FlowLine], cap: usize) -> Vec<Range<usize>> {
    let n = flow.len();
    let mut pages = Vec::new();
    let mut s = 0;
    loop {
        while s < n && matches!(flow[s].content, Content::Blank) {
            s += 1;
        }
        if s >= n {
            break;
        }
        let mut e = (s + cap).min(n);
        if e < n {
            // A short block that would cross the page end goes whole to the next page.
            if let Some(b) = flow[e].block.filter(|&b| flow[e - 1].block == Some(b) && b > s) {
                let end = flow[b..].iter().position(|l| l.block != Some(b)).map_or(n, |k| b + k);
                if end - b <= cap {
                    e = b;
                }
            }
            // A paragraph's last line alone at the top of the next page: move one more line.
            if flow[e].last && !flow[e].first && flow[e - 1].para == flow[e].para && e - 1 > s {
                e -= 1;
            }
            // A heading (or the title) never ends a page.
            while e - 1 > s && (flow[e - 1].keep || matches!(flow[e - 1].content, Content::Blank) && flow[e - 2].keep) {
                e -= 1;
            }
        }
        pages.push(s..e);
        s = e;
    }
    pages
}

/// Typesets `doc` as `kind` on `preset` with the faces of `fonts`.
pub fn layout(doc: &Document, fonts: &FontSet, preset: &Preset, kind: Kind) -> Result<Layout, TypesetError> {
    if doc.blocks.is_empty() && doc.title.trim().is_empty() {
        return Err(TypesetError::Empty);
    }
    let mut shaper = Shaper::new(fonts)?;
    let mut c = Composer { shaper: &mut shaper, preset, flow: Vec::new(), para: 0 };
    match kind {
        Kind::Speaker => {
            c.title_and_meta(doc, kind.prints_meta());
            c.body(doc);
        }
        Kind::Handout => {
            c.title_and_meta(doc, kind.prints_meta());
            c.body(doc);
            c.questions(doc);
        }
        Kind::Outline => {
            c.title_and_meta(doc, kind.prints_meta());
            c.outline(doc)?;
        }
    }
    let cap = preset.lines_per_page as usize;
    let mut flow = std::mem::take(&mut c.flow);
    let mut pages = paginate(&flow, cap);
    if kind == Kind::Handout {
        // The notes area: the rest of the last page, or a page of its own.
        let used = pages.last().map(|r| r.len()).unwrap_or(cap);
        let free = cap.saturating_sub(used);
        let start_new_page = free < MIN_NOTE_LINES + 1;
        let mut notes = Composer { shaper: &mut shaper, preset, flow: Vec::new(), para: 10_000_000 };
        notes.paragraph(&[Run { text: "学习笔记", role: Role::Heading1 }], 2.0, LineKind::Label);
        let label_lines = notes.flow.len();
        let rules = if start_new_page { cap - label_lines } else { free - label_lines };
        notes.rules(rules, false);
        let from = flow.len();
        flow.extend(notes.flow);
        match (start_new_page, pages.last_mut()) {
            (false, Some(last)) => last.end = flow.len(),
            _ => pages.push(from..flow.len()),
        }
    }
    let mut out = Vec::with_capacity(pages.len());
    for (i, r) in pages.into_iter().enumerate() {
        let number = i as u32 + 1;
        let mut page = Page { number, lines: Vec::new(), rules: Vec::new() };
        for (slot, f) in flow[r].iter().enumerate() {
            let top = preset.margin_top + slot as f32 * preset.line_pitch();
            match &f.content {
                Content::Text { kind, glyphs, size } => {
                    let baseline = top + (preset.line_pitch() - size) / 2.0 + ASCENT * size;
                    let glyphs = glyphs.iter().map(|g| PlacedGlyph { y: baseline, ..g.clone() }).collect();
                    page.lines.push(Line { kind: *kind, glyphs, baseline, first: f.first, last: f.last });
                }
                Content::Rule => page.rules.push(Rule {
                    x0: preset.margin_left,
                    x1: preset.page_width - preset.margin_right,
                    y: top + preset.line_pitch() - 0.2 * preset.line_pitch(),
                }),
                Content::Blank => {}
            }
        }
        page.lines.push(page_number(&mut shaper, preset, number));
        out.push(page);
    }
    Ok(Layout { preset: preset.clone(), kind, pages: out, missing: shaper.missing.iter().copied().collect() })
}

/// `— 7 —` below the type area: odd pages right, even pages left, one character in.
fn page_number(shaper: &mut Shaper<'_>, preset: &Preset, number: u32) -> Line {
    let size = preset.page_number_size;
    let text = format!("— {number} —");
    let mut glyphs = Vec::new();
    let mut x = 0.0;
    for ch in text.chars() {
        let s = shaper.shape(ch, Role::PageNumber);
        glyphs.push(PlacedGlyph { slot: s.slot, gid: s.gid, ch, size, x, y: 0.0 });
        x += s.advance * size;
    }
    let area_bottom = preset.page_height - preset.margin_bottom;
    let baseline = area_bottom + preset.page_number_gap + ASCENT * size;
    let x0 = if number % 2 == 1 {
        preset.page_width - preset.margin_right - size - x
    } else {
        preset.margin_left + size
    };
    for g in &mut glyphs {
        g.x += x0;
        g.y = baseline;
    }
    Line { kind: LineKind::PageNumber, glyphs, baseline, first: true, last: true }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fl(para: usize, first: bool, last: bool, keep: bool) -> FlowLine {
        FlowLine { content: Content::Rule, para, first, last, keep, block: None }
    }

    #[test]
    fn a_last_line_is_not_left_alone_at_the_top_of_a_page() {
        // Paragraph 1 has lines 0..4; a page holds 3 lines.
        let flow = vec![fl(1, true, false, false), fl(1, false, false, false), fl(1, false, false, false), fl(1, false, true, false)];
        let pages = paginate(&flow, 3);
        assert_eq!(pages, vec![0..2, 2..4]);
    }

    #[test]
    fn a_heading_is_not_left_at_the_bottom_of_a_page() {
        let flow = vec![fl(1, true, true, false), fl(2, true, true, false), fl(3, true, true, true), fl(4, true, true, false)];
        let pages = paginate(&flow, 3);
        assert_eq!(pages, vec![0..2, 2..4]);
    }

    #[test]
    fn a_short_block_goes_whole_to_the_next_page() {
        let in_block = |para, keep| FlowLine { block: Some(2), ..fl(para, true, true, keep) };
        let mut flow = vec![fl(1, true, true, false), fl(2, true, true, false), in_block(3, true), in_block(4, false), in_block(5, false)];
        assert_eq!(paginate(&flow, 4), vec![0..2, 2..5]);
        // A block longer than a page is split as any text is.
        flow.extend([in_block(6, false), in_block(7, false)]);
        assert_eq!(paginate(&flow, 4), vec![0..4, 4..7]);
    }
}
