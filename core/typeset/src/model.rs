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
    /// From a form's fields (the export dialog's, the command line's): a field
    /// left blank, or only spaces, is not known.
    pub fn from_fields(speaker: Option<&str>, date: Option<&str>, place: Option<&str>) -> Meta {
        let known = |v: Option<&str>| v.map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        Meta { speaker: known(speaker), date: known(date), place: known(place) }
    }

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
    /// Sets the study questions (思考题) as a form gives them: blank ones dropped.
    pub fn set_questions(&mut self, questions: &[String]) {
        self.questions = questions.iter().map(|q| q.trim()).filter(|q| !q.is_empty()).map(str::to_string).collect();
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_fields_and_questions_are_not_kept() {
        let meta = Meta::from_fields(Some(" 张三 "), Some("  "), None);
        assert_eq!(meta, Meta { speaker: Some("张三".into()), date: None, place: None });
        let mut doc = Document::default();
        doc.set_questions(&["一、如何理解？".into(), "   ".into(), String::new()]);
        assert_eq!(doc.questions, vec!["一、如何理解？".to_string()]);
    }
}
