//! Characters to glyphs and advances, read from the very faces the PDF embeds.
//! No shaping beyond the cmap is needed for Chinese body text: every glyph is
//! set by its own advance, on the grid.

use std::collections::{BTreeSet, HashMap};

use crate::fonts::{FontSet, Role};

use super::breaking::is_word_char;
use super::TypesetError;

/// A character's glyph in one face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shaped {
    /// Index into [`FontSet::faces`].
    pub slot: usize,
    pub gid: u16,
    /// The advance in em.
    pub advance: f32,
}

/// Looks glyphs up in the export's faces, with a memo per face and character.
pub struct Shaper<'a> {
    fonts: &'a FontSet,
    faces: Vec<ttf_parser::Face<'a>>,
    memo: HashMap<(usize, char), Option<(u16, f32)>>,
    /// Characters no face has; they are set as the body face's missing glyph.
    pub missing: BTreeSet<char>,
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a FontSet) -> Result<Shaper<'a>, TypesetError> {
        let mut faces = Vec::with_capacity(fonts.faces.len());
        for f in &fonts.faces {
            faces.push(f.face().ok_or_else(|| TypesetError::Font(f.entry.describe()))?);
        }
        Ok(Shaper { fonts, faces, memo: HashMap::new(), missing: BTreeSet::new() })
    }

    /// Where a glyph's ink lies across its advance, in em from the glyph's
    /// origin: (left edge, right edge), or `None` for a glyph without outline.
    pub fn ink(&self, slot: usize, gid: u16) -> Option<(f32, f32)> {
        let face = self.faces.get(slot)?;
        let upem = face.units_per_em().max(1) as f32;
        let b = face.glyph_bounding_box(ttf_parser::GlyphId(gid))?;
        Some((b.x_min as f32 / upem, b.x_max as f32 / upem))
    }

    pub fn fonts(&self) -> &'a FontSet {
        self.fonts
    }

    fn lookup(&mut self, slot: usize, ch: char) -> Option<(u16, f32)> {
        if let Some(v) = self.memo.get(&(slot, ch)) {
            return *v;
        }
        let face = &self.faces[slot];
        let upem = face.units_per_em().max(1) as f32;
        let v = face.glyph_index(ch).map(|g| {
            let adv = face.glyph_hor_advance(g).unwrap_or(0) as f32 / upem;
            (g.0, adv)
        });
        self.memo.insert((slot, ch), v);
        v
    }

    /// The glyph for `ch` in a text of role `role`. Letters and digits in body
    /// text take the Latin face; a character the role's face lacks comes from
    /// the body face, then from any face of the export.
    pub fn shape(&mut self, ch: char, role: Role) -> Shaped {
        let latin_role = matches!(role, Role::Body | Role::Heading3 | Role::Heading4);
        let latin_char = is_word_char(ch) || (ch.is_ascii_punctuation() && ch != '\u{7f}');
        let mut order = Vec::with_capacity(self.faces.len() + 2);
        if latin_role && latin_char {
            order.push(self.fonts.slot(Role::Latin));
        }
        order.push(self.fonts.slot(role));
        order.push(self.fonts.slot(Role::Body));
        order.extend(0..self.faces.len());
        for slot in order {
            if let Some((gid, advance)) = self.lookup(slot, ch) {
                return Shaped { slot, gid, advance };
            }
        }
        if !ch.is_whitespace() {
            self.missing.insert(ch);
        }
        let slot = self.fonts.slot(role);
        Shaped { slot, gid: 0, advance: if ch.is_whitespace() { 0.25 } else { 1.0 } }
    }
}
