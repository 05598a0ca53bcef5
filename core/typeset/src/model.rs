//! What the layout engine sets: a lecture as title, metadata and blocks.

use serde::Serialize;

/// Who gives the lecture, when and where (the attendee handout prints them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub speaker: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
}

impl Meta {
    /// Whether any of speaker, date and place is known.
    pub fn is_empty(&self) -> bool {
        [&self.speaker, &self.date, &self.place].iter().all(|v| v.as_deref().map(str::trim).unwrap_or("").is_empty())
    }
}

/// One block of the lecture's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A heading: `number` is the ordinal as written (`一、`, `（一）`, `1.`,
    /// `（1）`); `heading` the heading sentence set in the heading face (for a
    /// run-in heading, up to and including its first `。`); `rest` the body
    /// text that follows on the same paragraph (empty for a heading on its own line).
    Heading { level: u8, number: String, heading: String, rest: String },
    /// A body paragraph, first line indented two characters.
    Paragraph(String),
    /// A salutation such as `同志们：`, set flush left (no first-line indent).
    Salutation(String),
}

/// A lecture ready to be typeset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Document {
    pub title: String,
    /// The line under the title that says where the lecture was given
    /// (`——在全局党课上的讲话`), set centred in the Kai face, not as body text.
    pub subtitle: Option<String>,
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// Study questions (思考题) for the attendee handout.
    pub questions: Vec<String>,
}

impl Document {
    /// The text the body sets, block by block, for checks against a PDF's text.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Heading { number, heading, rest, .. } => {
                    out.push_str(number);
                    out.push_str(heading);
                    out.push_str(rest);
                }
                Block::Paragraph(t) | Block::Salutation(t) => out.push_str(t),
            }
            out.push('\n');
        }
        out
    }
}
