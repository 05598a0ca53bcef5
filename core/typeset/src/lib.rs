//! lectern-typeset: the installed faces by role ([`fonts`]), and the layout
//! engine: a [`Document`] into pages of placed glyphs. It never sees a PDF
//! (Cargo enforces it: no PDF crate is a dependency); lines are measured with
//! the advances of the very faces the PDF embeds ([`fonts::FontSet`]).
//!
//! - [`fonts`]: the font catalog, roles, presets and their resolution;
//! - [`model`]: the input (title, metadata, headings and paragraphs);
//! - [`from_text`]: a cleaned text to a document;
//! - [`preset`]: page numbers for `gbt9704` and `large-print`;
//! - [`breaking`]: the clreq line-breaking classes;
//! - [`shape`]: characters to glyphs and advances;
//! - [`paragraph`]: lines, squeezing and justification;
//! - [`title`]: balanced title lines;
//! - [`compose`]: the three kinds, pagination and page numbers.

pub mod breaking;
pub mod compose;
pub mod fonts;
pub mod from_text;
pub mod model;
pub mod paragraph;
pub mod preset;
pub mod shape;
pub mod title;

use serde::Serialize;

pub use compose::layout;
pub use from_text::document_from_text;
pub use model::{Block, Document, Meta};
pub use preset::Preset;

/// What a handout holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// 讲稿: the full text, for reading at the lectern.
    Speaker,
    /// 学习材料: title, speaker/date/place, the full text, study questions, room for notes.
    Handout,
    /// 提纲: the title and the headings, each followed by ruled lines for notes.
    Outline,
}

impl Kind {
    pub fn named(name: &str) -> Option<Kind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "speaker" | "讲稿" => Some(Kind::Speaker),
            "handout" | "学习材料" => Some(Kind::Handout),
            "outline" | "提纲" => Some(Kind::Outline),
            _ => None,
        }
    }

    pub const NAMES: [&'static str; 3] = ["speaker", "handout", "outline"];

    /// The kind called `name`, or the Chinese line that names the kinds there are.
    pub fn parse(name: &str) -> Result<Kind, String> {
        Kind::named(name).ok_or_else(|| format!("不认识的讲义类型“{name}”：可用 {}", Kind::NAMES.join("、")))
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::Speaker => "speaker",
            Kind::Handout => "handout",
            Kind::Outline => "outline",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Speaker => "讲稿",
            Kind::Handout => "学习材料",
            Kind::Outline => "提纲",
        }
    }

    /// Every kind, in the order a form lists them.
    pub const ALL: [Kind; 3] = [Kind::Speaker, Kind::Handout, Kind::Outline];

    /// Whether this kind prints the speaker, date and place under the title (the 讲稿 is read
    /// by the speaker, who needs neither).
    pub fn prints_meta(self) -> bool {
        !matches!(self, Kind::Speaker)
    }

    /// Whether this kind prints study questions (思考题): only the 学习材料 does.
    pub fn prints_questions(self) -> bool {
        matches!(self, Kind::Handout)
    }

    /// The export form's fields this kind prints, by key (`speaker`, `date`, `place`,
    /// `questions`): a form hides the others for it.
    pub fn fields(self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.prints_meta() {
            out.extend(["speaker", "date", "place"]);
        }
        if self.prints_questions() {
            out.push("questions");
        }
        out
    }
}

/// One glyph on a page. Lengths in pt; `x` from the page's left edge, `y` the
/// baseline from the page's top edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedGlyph {
    /// Index into the export's [`crate::fonts::FontSet::faces`].
    pub slot: usize,
    pub gid: u16,
    /// The character the glyph sets (for the PDF's text layer).
    pub ch: char,
    pub size: f32,
    pub x: f32,
    pub y: f32,
}

/// What a line of a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    Title,
    /// The line under the title (`——在……上的讲话`), centred in the Kai face.
    Subtitle,
    /// Speaker, date and place.
    Meta,
    /// A line set entirely in a heading face.
    Heading,
    /// Body text (a run-in heading's line that continues in body text included).
    Body,
    /// A label such as 思考题 or 学习笔记.
    Label,
    PageNumber,
}

/// A line of text on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub kind: LineKind,
    pub glyphs: Vec<PlacedGlyph>,
    /// The baseline, from the page's top edge.
    pub baseline: f32,
    /// Whether this is a paragraph's first line, and its last.
    pub first: bool,
    pub last: bool,
}

/// A ruled line for notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
}

/// A typeset handout.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub preset: Preset,
    pub kind: Kind,
    pub pages: Vec<Page>,
    /// Characters none of the faces has (set as the missing glyph).
    pub missing: Vec<char>,
}

/// An error typesetting a document.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("字体无法解析：{0}")]
    Font(String),
    #[error("这篇讲稿没有可识别的标题（一、（一）1.（1）），无法生成提纲")]
    NoHeadings,
    #[error("讲稿没有正文，无法排版")]
    Empty,
}

#[cfg(test)]
mod kind_tests {
    use super::Kind;

    #[test]
    fn each_kind_names_the_form_fields_it_prints() {
        assert_eq!(Kind::Speaker.fields(), Vec::<&str>::new());
        assert_eq!(Kind::Handout.fields(), vec!["speaker", "date", "place", "questions"]);
        assert_eq!(Kind::Outline.fields(), vec!["speaker", "date", "place"]);
        assert_eq!(Kind::ALL.map(Kind::key), Kind::NAMES);
    }
}
