//! The package's fixed parts: content types, relationships, properties
//! (title and author), settings (`evenAndOddHeaders`), the font table, the
//! styles (one per role, headings with outline levels) and the two footers
//! (`— N —`, odd pages right, even pages left).

use lectern_typeset::fonts::preset::document_face;
use lectern_typeset::fonts::Role;
use lectern_typeset::{Document, Kind};

use super::page::Page;
use super::xml::Xml;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The style of each paragraph role, by id.
pub const TITLE: &str = "Title";
pub const SUBTITLE: &str = "Subtitle";
pub const SALUTATION: &str = "Salutation";
pub const FOOTER: &str = "Footer";
pub const NOTE_LINE: &str = "NoteLine";

/// The style id of a heading level (1–4).
pub fn heading_style(level: u8) -> &'static str {
    match level {
        1 => "Heading1",
        2 => "Heading2",
        3 => "Heading3",
        _ => "Heading4",
    }
}

/// The role whose face sets a heading level.
pub fn heading_role(level: u8) -> Role {
    match level {
        1 => Role::Heading1,
        2 => Role::Heading2,
        3 => Role::Heading3,
        _ => Role::Heading4,
    }
}

/// `w:rFonts` for a role: its face for Chinese, Times New Roman (the Latin
/// role's face) for letters and digits, and the hint that ambiguous marks
/// (“” — …) are Chinese. The page number is a 宋 face throughout.
pub fn fonts(x: &mut Xml, role: Role) {
    let east = document_face(role).0;
    let latin = if role == Role::PageNumber { east } else { document_face(Role::Latin).0 };
    x.empty("w:rFonts", &[("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east), ("w:cs", latin), ("w:hint", "eastAsia")]);
}

pub fn content_types() -> String {
    let mut x = Xml::new();
    x.open("Types", &[("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")]);
    x.empty("Default", &[("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")]);
    x.empty("Default", &[("Extension", "xml"), ("ContentType", "application/xml")]);
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    for (part, ty) in [
        ("/word/document.xml", "document.main+xml"),
        ("/word/styles.xml", "styles+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/fontTable.xml", "fontTable+xml"),
        ("/word/footer1.xml", "footer+xml"),
        ("/word/footer2.xml", "footer+xml"),
    ] {
        x.empty("Override", &[("PartName", part), ("ContentType", &format!("{wml}{ty}"))]);
    }
    x.empty("Override", &[("PartName", "/docProps/core.xml"), ("ContentType", "application/vnd.openxmlformats-package.core-properties+xml")]);
    x.empty(
        "Override",
        &[("PartName", "/docProps/app.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.extended-properties+xml")],
    );
    x.close("Types");
    x.finish()
}

fn relationships(rels: &[(&str, String, &str)]) -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", PKG_REL)]);
    for (id, ty, target) in rels {
        x.empty("Relationship", &[("Id", id), ("Type", ty), ("Target", target)]);
    }
    x.close("Relationships");
    x.finish()
}

pub fn package_rels() -> String {
    relationships(&[
        ("rId1", format!("{REL}/officeDocument"), "word/document.xml"),
        ("rId2", format!("{PKG_REL}/metadata/core-properties"), "docProps/core.xml"),
        ("rId3", format!("{REL}/extended-properties"), "docProps/app.xml"),
    ])
}

/// The footers' relationship ids, used by the section.
pub const ODD_FOOTER: &str = "rId4";
pub const EVEN_FOOTER: &str = "rId5";

pub fn document_rels() -> String {
    relationships(&[
        ("rId1", format!("{REL}/styles"), "styles.xml"),
        ("rId2", format!("{REL}/settings"), "settings.xml"),
        ("rId3", format!("{REL}/fontTable"), "fontTable.xml"),
        (ODD_FOOTER, format!("{REL}/footer"), "footer1.xml"),
        (EVEN_FOOTER, format!("{REL}/footer"), "footer2.xml"),
    ])
}

/// Title, author (the speaker), the kind as category, the subtitle as subject.
pub fn core_properties(doc: &Document, kind: Kind) -> String {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("dc:title", &[], doc.title.trim());
    if let Some(sub) = doc.subtitle.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        x.leaf("dc:subject", &[], sub);
    }
    if let Some(speaker) = doc.meta.speaker.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        x.leaf("dc:creator", &[], speaker);
    }
    x.leaf("cp:category", &[], kind.label());
    x.close("cp:coreProperties");
    x.finish()
}

pub fn app_properties() -> String {
    let mut x = Xml::new();
    x.open("Properties", &[("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")]);
    x.leaf("Application", &[], "Lectern 讲稿台");
    x.close("Properties");
    x.finish()
}

/// Different footers on odd and even pages; Chinese punctuation compressed
/// as Word does for Chinese; Word 2013+ layout, not a compatibility mode.
pub fn settings() -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W)]);
    x.empty("w:defaultTabStop", &[("w:val", "420")]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty("w:characterSpacingControl", &[("w:val", "compressPunctuation")]);
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[("w:name", "compatibilityMode"), ("w:uri", "http://schemas.microsoft.com/office/word"), ("w:val", "15")],
    );
    x.close("w:compat");
    x.empty("w:themeFontLang", &[("w:val", "en-US"), ("w:eastAsia", "zh-CN")]);
    x.close("w:settings");
    x.finish()
}

/// Every face the document names, with the face to use in its place.
pub fn font_table() -> String {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", W)]);
    let mut seen: Vec<&str> = Vec::new();
    for role in Role::ALL {
        let (name, alt) = document_face(role);
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        x.open("w:font", &[("w:name", name)]);
        if let Some(alt) = alt {
            x.empty("w:altName", &[("w:val", alt)]);
        }
        let latin = role == Role::Latin;
        x.empty("w:charset", &[("w:val", if latin { "00" } else { "86" })]);
        x.empty("w:family", &[("w:val", if role == Role::Heading1 { "modern" } else { "roman" })]);
        x.empty("w:pitch", &[("w:val", if latin { "variable" } else { "fixed" })]);
        x.close("w:font");
    }
    x.close("w:fonts");
    x.finish()
}

/// Paragraph properties a style or a paragraph may set, in schema order.
#[derive(Default, Clone, Copy)]
pub struct Ppr<'a> {
    pub style: Option<&'a str>,
    pub keep_next: Option<bool>,
    pub page_break_before: bool,
    /// `w:overflowPunct`.
    pub overflow_punct: Option<bool>,
    /// A right tab stop at this position, with an underscore leader (a ruled line).
    pub ruled_to: Option<i32>,
    pub snap_to_grid: Option<bool>,
    /// Exact line height, twips.
    pub exact_line: Option<i32>,
    /// First-line indent in hundredths of a character, with its twips.
    pub first_line: Option<(i32, i32)>,
    pub left: Option<i32>,
    pub right: Option<i32>,
    pub jc: Option<&'a str>,
    pub outline: Option<u8>,
}

impl Ppr<'_> {
    pub fn write(&self, x: &mut Xml) {
        x.open("w:pPr", &[]);
        if let Some(s) = self.style {
            x.empty("w:pStyle", &[("w:val", s)]);
        }
        if let Some(k) = self.keep_next {
            x.empty("w:keepNext", &[("w:val", if k { "1" } else { "0" })]);
        }
        if self.page_break_before {
            x.empty("w:pageBreakBefore", &[]);
        }
        if let Some(pos) = self.ruled_to {
            x.open("w:tabs", &[]);
            x.empty("w:tab", &[("w:val", "right"), ("w:leader", "underscore"), ("w:pos", &pos.to_string())]);
            x.close("w:tabs");
        }
        if let Some(o) = self.overflow_punct {
            x.empty("w:overflowPunct", &[("w:val", if o { "1" } else { "0" })]);
        }
        if let Some(s) = self.snap_to_grid {
            x.empty("w:snapToGrid", &[("w:val", if s { "1" } else { "0" })]);
        }
        if let Some(l) = self.exact_line {
            x.empty("w:spacing", &[("w:before", "0"), ("w:after", "0"), ("w:line", &l.to_string()), ("w:lineRule", "exact")]);
        }
        if self.first_line.is_some() || self.left.is_some() || self.right.is_some() {
            let (chars, tw) = self.first_line.map(|(c, t)| (c.to_string(), t.to_string())).unwrap_or_default();
            let (left, right) = (self.left.map(|v| v.to_string()), self.right.map(|v| v.to_string()));
            let mut attrs: Vec<(&str, &str)> = Vec::new();
            if let Some(l) = &left {
                attrs.push(("w:left", l));
            }
            if let Some(r) = &right {
                attrs.push(("w:right", r));
            }
            if self.first_line.is_some() {
                attrs.push(("w:firstLineChars", &chars));
                attrs.push(("w:firstLine", &tw));
            }
            x.empty("w:ind", &attrs);
        }
        if let Some(j) = self.jc {
            x.empty("w:jc", &[("w:val", j)]);
        }
        if let Some(o) = self.outline {
            x.empty("w:outlineLvl", &[("w:val", &o.to_string())]);
        }
        x.close("w:pPr");
    }
}

/// Run properties: the role's faces, the character spacing (twips) when
/// given, and a size in half-points.
pub fn rpr(x: &mut Xml, role: Role, spacing: Option<i32>, sz: i32) {
    x.open("w:rPr", &[]);
    fonts(x, role);
    if let Some(s) = spacing {
        x.empty("w:spacing", &[("w:val", &s.to_string())]);
    }
    let sz = sz.to_string();
    x.empty("w:sz", &[("w:val", &sz)]);
    x.empty("w:szCs", &[("w:val", &sz)]);
    x.close("w:rPr");
}

/// A paragraph style's run properties: its role's face, its size, and a
/// character spacing when it differs from Normal's.
#[derive(Clone, Copy)]
struct Rpr {
    role: Role,
    sz: i32,
    spacing: Option<i32>,
}

fn style(x: &mut Xml, id: &str, name: &str, based_on: Option<&str>, next: Option<&str>, ppr: Ppr<'_>, r: Rpr) {
    x.open("w:style", &[("w:type", "paragraph"), ("w:styleId", id)]);
    x.empty("w:name", &[("w:val", name)]);
    if let Some(b) = based_on {
        x.empty("w:basedOn", &[("w:val", b)]);
    }
    if let Some(n) = next {
        x.empty("w:next", &[("w:val", n)]);
    }
    x.empty("w:qFormat", &[]);
    ppr.write(x);
    rpr(x, r.role, r.spacing, r.sz);
    x.close("w:style");
}

/// The styles. The section declares the grid (`w:docGrid`, which Word's page
/// setup shows as 22 × 28), and the paragraphs keep to it by themselves:
/// every line is exactly one line pitch high, and body text is set with the
/// character spacing that makes a character's advance the grid's pitch.
/// They do not snap to the grid (`w:snapToGrid` off): LibreOffice, asked to
/// snap, widens nothing less than its size and sets a 16 pt character in two
/// 15.79 pt cells (14 characters a line), and on this page Word's snapping
/// would give the same lines anyway.
///
/// Normal is the body (仿宋, justified, two characters in);
/// Title, Subtitle, Salutation, the four headings (with `w:outlineLvl` 0–3,
/// so Word's navigation pane shows the outline), Footer, and NoteLine.
pub fn styles(g: &Page) -> String {
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", W)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    x.open("w:rPr", &[]);
    fonts(&mut x, Role::Body);
    let body = g.body_sz.to_string();
    x.empty("w:sz", &[("w:val", &body)]);
    x.empty("w:szCs", &[("w:val", &body)]);
    x.empty("w:lang", &[("w:val", "en-US"), ("w:eastAsia", "zh-CN"), ("w:bidi", "ar-SA")]);
    x.close("w:rPr");
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    Ppr { snap_to_grid: Some(false), exact_line: Some(g.line_pitch), ..Default::default() }.write(&mut x);
    x.close("w:pPrDefault");
    x.close("w:docDefaults");

    let none = Some((0, 0));
    x.open("w:style", &[("w:type", "paragraph"), ("w:default", "1"), ("w:styleId", "Normal")]);
    x.empty("w:name", &[("w:val", "Normal")]);
    x.empty("w:qFormat", &[]);
    // `w:overflowPunct` on is what Word does when the element is left out
    // (a closing mark may hang past the margin); LibreOffice reads the
    // element the other way round (on: no hanging) and hangs marks when it
    // is left out, which breaks the 28-character measure; so it is written, on.
    let normal = Ppr { overflow_punct: Some(true), first_line: Some((200, g.indent_two)), jc: Some("both"), ..Default::default() };
    normal.write(&mut x);
    rpr(&mut x, Role::Body, Some(g.char_spacing), g.body_sz);
    x.close("w:style");

    let centred = Ppr { first_line: none, jc: Some("center"), ..Default::default() };
    // Centred lines (title, subtitle) are set at their size, as in the PDF.
    let own = |role: Role, sz: i32| Rpr { role, sz, spacing: Some(0) };
    let body = |role: Role| Rpr { role, sz: g.body_sz, spacing: None };
    style(&mut x, TITLE, "Title", Some("Normal"), Some(SUBTITLE), Ppr { keep_next: Some(true), ..centred }, own(Role::Title, g.title_sz));
    let sub = Ppr { keep_next: Some(true), ..centred };
    style(&mut x, SUBTITLE, "Subtitle", Some("Normal"), Some("Normal"), sub, own(Role::Heading2, g.body_sz));
    let sal = Ppr { first_line: none, ..Default::default() };
    style(&mut x, SALUTATION, "Salutation", Some("Normal"), Some("Normal"), sal, body(Role::Body));
    for level in 1..=4u8 {
        let ppr = Ppr { keep_next: Some(true), outline: Some(level - 1), ..Default::default() };
        style(&mut x, heading_style(level), &format!("heading {level}"), Some("Normal"), Some("Normal"), ppr, body(heading_role(level)));
    }
    let footer = Ppr { exact_line: Some(g.number_line), first_line: none, ..Default::default() };
    style(&mut x, FOOTER, "footer", Some("Normal"), None, footer, own(Role::PageNumber, g.number_sz));
    let rule = Ppr { first_line: none, ruled_to: Some(g.width - g.left - g.right), jc: Some("left"), ..Default::default() };
    style(&mut x, NOTE_LINE, "Note Line", Some("Normal"), Some(NOTE_LINE), rule, body(Role::Body));
    x.close("w:styles");
    x.finish()
}

/// A footer with `— N —` (N a PAGE field): `right` for odd pages, one
/// character in from the type area's right edge; else left, one character in.
pub fn footer(g: &Page, right: bool) -> String {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W), ("xmlns:r", R)]);
    x.open("w:p", &[]);
    let ppr = if right {
        Ppr { style: Some(FOOTER), right: Some(g.number_inset), jc: Some("right"), ..Default::default() }
    } else {
        Ppr { style: Some(FOOTER), left: Some(g.number_inset), jc: Some("left"), ..Default::default() }
    };
    ppr.write(&mut x);
    let run = |x: &mut Xml, inner: &dyn Fn(&mut Xml)| {
        x.open("w:r", &[]);
        inner(x);
        x.close("w:r");
    };
    run(&mut x, &|x| x.leaf("w:t", &[("xml:space", "preserve")], "— "));
    run(&mut x, &|x| x.empty("w:fldChar", &[("w:fldCharType", "begin")]));
    run(&mut x, &|x| x.leaf("w:instrText", &[("xml:space", "preserve")], " PAGE "));
    run(&mut x, &|x| x.empty("w:fldChar", &[("w:fldCharType", "separate")]));
    run(&mut x, &|x| x.leaf("w:t", &[], if right { "1" } else { "2" }));
    run(&mut x, &|x| x.empty("w:fldChar", &[("w:fldCharType", "end")]));
    run(&mut x, &|x| x.leaf("w:t", &[("xml:space", "preserve")], " —"));
    x.close("w:p");
    x.close("w:ftr");
    x.finish()
}
