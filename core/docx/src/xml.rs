//! A small XML writer over a `String`: elements, attributes and text, escaped
//! by quick-xml. WordprocessingML is written in one pass, in schema order, so
//! a tree or a generic serializer would only add work.

use quick_xml::escape::escape;

pub struct Xml {
    out: String,
}

impl Xml {
    /// A part, starting with the XML declaration.
    #[allow(clippy::new_without_default)] // a part always starts with its declaration
    pub fn new() -> Xml {
        let mut out = String::with_capacity(4096);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        Xml { out }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape(*v));
            self.out.push('"');
        }
    }

    /// `<name a="v">`
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push('>');
    }

    /// `<name a="v"/>`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>");
    }

    /// `</name>`
    pub fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Escaped character data.
    pub fn text(&mut self, s: &str) {
        self.out.push_str(&escape(s));
    }

    /// `<name>text</name>`
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::new();
        x.open("w:t", &[("a", "\"<&>\"")]);
        x.text("甲<乙>&丙");
        x.close("w:t");
        let s = x.finish();
        assert!(s.ends_with("<w:t a=\"&quot;&lt;&amp;&gt;&quot;\">甲&lt;乙&gt;&amp;丙</w:t>"), "{s}");
    }
}
