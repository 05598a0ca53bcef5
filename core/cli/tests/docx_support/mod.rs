//! Shared helpers of the Word export tests: run `lectern export … -o x.docx`,
//! open the package and parse its parts (zip + quick-xml into a small element
//! tree), and render the document with LibreOffice headless to a PDF that the
//! PDF tests' readers (`pdf_support`) then check.
#![allow(dead_code)]

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::Event;
use quick_xml::Reader;

/// An XML element: qualified name, attributes, children and its own text.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<El>,
    pub text: String,
}

impl El {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The attribute as a number; panics naming the element when absent.
    pub fn num(&self, key: &str) -> i64 {
        self.attr(key).unwrap_or_else(|| panic!("{} has no {key}", self.name)).parse().unwrap()
    }

    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Every descendant called `name`, in document order.
    pub fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        let mut stack: Vec<&El> = self.children.iter().rev().collect();
        while let Some(e) = stack.pop() {
            if e.name == name {
                out.push(e);
            }
            stack.extend(e.children.iter().rev());
        }
        out
    }

    pub fn find(&self, name: &str) -> Option<&El> {
        self.all(name).into_iter().next()
    }

    /// The text of every `w:t` below, in order.
    pub fn texts(&self) -> String {
        self.all("w:t").iter().map(|t| t.text.as_str()).collect()
    }
}

/// Parses a part into its root element.
pub fn parse(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    let start = |e: &quick_xml::events::BytesStart| El {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| {
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned(),
                )
            })
            .collect(),
        ..Default::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => {
                let el = start(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().expect("balanced tags").children.push(el);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).unwrap().to_string(),
                };
                stack.last_mut().unwrap().text.push_str(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap().children.into_iter().next().expect("a root element")
}

/// The parts of a .docx.
pub struct Docx {
    pub path: PathBuf,
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
}

impl Docx {
    pub fn open(path: &Path) -> Docx {
        let bytes = std::fs::read(path).unwrap();
        Docx { path: path.to_path_buf(), zip: zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package") }
    }

    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().flatten().map(|n| n.to_string()).collect()
    }

    pub fn part(&mut self, name: &str) -> El {
        let mut s = String::new();
        self.zip.by_name(name).unwrap_or_else(|_| panic!("no part {name}")).read_to_string(&mut s).unwrap();
        parse(&s)
    }
}

/// Exports with `args` to `name.docx` in the test folder; panics with lectern's output if it fails.
pub fn export_docx(name: &str, args: &[&str]) -> (PathBuf, String) {
    let out = crate::pdf_support::work_dir().join(format!("{name}.docx"));
    let mut c = crate::pdf_support::lectern();
    c.arg("export").args(args).arg("-o").arg(&out);
    let o = crate::pdf_support::run(c);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "export failed: {}\n{}", stdout, String::from_utf8_lossy(&o.stderr));
    (out, stdout)
}

/// Renders a .docx to PDF with LibreOffice headless, in a profile of its own
/// (so tests can run side by side). Returns the PDF's path.
pub fn render(docx: &Path) -> PathBuf {
    let dir = docx.with_extension("render");
    std::fs::create_dir_all(&dir).unwrap();
    let profile = dir.join("profile");
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(docx)
        .output()
        .expect("LibreOffice (soffice) is installed: make test installs libreoffice-writer-nogui");
    let pdf = dir.join(docx.file_stem().unwrap()).with_extension("pdf");
    assert!(pdf.is_file(), "LibreOffice wrote no PDF: {}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    pdf
}

/// Twips to points.
pub fn pt(twips: i64) -> f32 {
    twips as f32 / 20.0
}

/// Twips to millimetres.
pub fn mm(twips: i64) -> f32 {
    twips as f32 / 20.0 / 72.0 * 25.4
}

/// A style's resolved property: the style's own, else its `basedOn` chain's.
pub fn style_prop<'a>(styles: &'a El, id: &str, f: &dyn Fn(&'a El) -> Option<&'a El>) -> Option<&'a El> {
    let mut cur = Some(id.to_string());
    for _ in 0..10 {
        let s = styles.children_named("w:style").find(|s| s.attr("w:styleId") == cur.as_deref())?;
        if let Some(v) = f(s) {
            return Some(v);
        }
        cur = s.child("w:basedOn").and_then(|b| b.attr("w:val")).map(str::to_string);
    }
    None
}

/// The east Asian face a style sets (through `basedOn`), else the document default.
pub fn east_asia_face(styles: &El, id: &str) -> String {
    style_prop(styles, id, &|s| s.child("w:rPr").and_then(|r| r.child("w:rFonts")))
        .or_else(|| styles.find("w:rPrDefault").and_then(|d| d.find("w:rFonts")))
        .and_then(|f| f.attr("w:eastAsia"))
        .unwrap_or("")
        .to_string()
}

/// A style's outline level (0-based), through `basedOn`.
pub fn outline_level(styles: &El, id: &str) -> Option<u8> {
    style_prop(styles, id, &|s| s.child("w:pPr").and_then(|p| p.child("w:outlineLvl")))
        .and_then(|o| o.attr("w:val"))
        .and_then(|v| v.parse().ok())
}
