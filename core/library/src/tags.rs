//! Tags as the user types them: one line, names separated by commas (half- or full-width), 、,
//! semicolons or spaces. The library stores them sorted and without repeats.

use super::{Library, Result};

/// The tag names in a line as the user typed it, e.g. `城镇化，乡村振兴、 党史` → three names.
pub fn parse_tags(line: &str) -> Vec<String> {
    line.split(|c: char| matches!(c, ',' | '，' | '、' | ';' | '；') || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// A lecture's tags written back as one line, the way the tag field shows them.
pub fn join_tags(tags: &[String]) -> String {
    tags.join("，")
}

impl Library {
    /// Sets a lecture's tags from a line as the user typed it ([`parse_tags`]); returns them as
    /// stored (sorted, without repeats).
    pub fn set_tags_line(&self, id: i64, line: &str) -> Result<Vec<String>> {
        self.set_tags(id, &parse_tags(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_separator_a_chinese_user_types() {
        assert_eq!(parse_tags("城镇化，乡村振兴、党史;党建；  廉政 作风,x"), vec!["城镇化", "乡村振兴", "党史", "党建", "廉政", "作风", "x"]);
        assert_eq!(parse_tags(" ，、 \u{3000}"), Vec::<String>::new());
        let tags = parse_tags("乡村振兴，城镇化");
        assert_eq!(parse_tags(&join_tags(&tags)), tags, "the shown line reads back as the same tags");
    }

    #[test]
    fn setting_from_a_line_stores_them_sorted_and_once() {
        let lib = Library::open_in_memory().unwrap();
        let id = lib.create("讲稿").unwrap();
        let stored = lib.set_tags_line(id, "乡村振兴，城镇化、乡村振兴").unwrap();
        assert_eq!(stored, lib.get(id).unwrap().tags);
        let mut expected = vec!["乡村振兴".to_string(), "城镇化".to_string()];
        expected.sort();
        assert_eq!(stored, expected);
        assert_eq!(lib.set_tags_line(id, "").unwrap(), Vec::<String>::new());
    }
}
