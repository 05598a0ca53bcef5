//! Shared helpers of the PDF tests: run `lectern export`, then read the PDF
//! back. Two independent readers: lopdf (the content streams, decoded here
//! glyph by glyph through each font's /W widths and /ToUnicode map, for exact
//! positions) and poppler's command-line tools (pdftotext, pdffonts, pdfinfo).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use lopdf::{Document, Object};

pub const MM: f32 = 72.0 / 25.4;

/// The cleaned fixture lecture (title, then paragraphs).
pub fn lecture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/pdf/lecture.txt")
}

/// The fixture as users bring it: a web clipping with the site's furniture around the lecture.
pub fn clip_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/web-clip-lecture.txt")
}

pub fn lecture_text() -> String {
    std::fs::read_to_string(lecture_path()).expect("test data")
}

/// A folder shared by this test binary (font cache, outputs).
pub fn work_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir")).path()
}

/// `lectern` with its caches and data kept in the test's folder.
pub fn lectern() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lectern"));
    c.env("LECTERN_CACHE_DIR", work_dir().join("cache"));
    c.env("LECTERN_DATA_DIR", work_dir().join("data"));
    c.env_remove("LECTERN_FONT_DIRS");
    c
}

pub fn run(mut c: Command) -> Output {
    c.output().expect("run lectern")
}

/// Exports with `args` to a fresh file; panics with lectern's output if it fails.
pub fn export(name: &str, args: &[&str]) -> (PathBuf, String) {
    let out = work_dir().join(format!("{name}.pdf"));
    let mut c = lectern();
    c.arg("export").args(args).arg("-o").arg(&out);
    let o = run(c);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "export failed: {}\n{}", stdout, String::from_utf8_lossy(&o.stderr));
    // Warnings from the PDF writer are errors here, and so is a character no face has.
    assert!(!stdout.contains("警告"), "the export warned:\n{stdout}");
    assert!(!stdout.contains("缺字"), "missing glyphs:\n{stdout}");
    (out, stdout)
}

/// A glyph as the PDF draws it. `y` is the baseline measured from the page's top.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    /// The advance, pt.
    pub width: f32,
    pub font: String,
}

/// A line: glyphs sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub glyphs: Vec<Glyph>,
}

impl TextLine {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
    pub fn x0(&self) -> f32 {
        self.glyphs.first().map(|g| g.x).unwrap_or(0.0)
    }
    pub fn x1(&self) -> f32 {
        self.glyphs.last().map(|g| g.x + g.width).unwrap_or(0.0)
    }
    pub fn y(&self) -> f32 {
        self.glyphs.first().map(|g| g.y).unwrap_or(0.0)
    }
    /// The largest font size on the line.
    pub fn size(&self) -> f32 {
        self.glyphs.iter().map(|g| g.size).fold(0.0, f32::max)
    }
    /// How many character cells of the grid the line takes: each glyph counts
    /// its advance on the line (to the next glyph) in cells of `pitch`, at
    /// most one. A full-width character is one cell, a squeezed mark half of
    /// one, a digit or Latin letter its own width.
    pub fn cells(&self, pitch: f32) -> f32 {
        let g = &self.glyphs;
        (0..g.len())
            .map(|i| {
                let adv = if i + 1 < g.len() { g[i + 1].x - g[i].x } else { g[i].width.min(RIGHT - g[i].x) };
                (adv / pitch).clamp(0.0, 1.0)
            })
            .sum()
    }
}

#[derive(Debug, Clone)]
pub struct PageText {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    /// Horizontal ruled lines: (x0, x1, y from top).
    pub rules: Vec<(f32, f32, f32)>,
}

impl PageText {
    /// Glyphs grouped into lines by baseline, top to bottom.
    pub fn lines(&self) -> Vec<TextLine> {
        let mut glyphs = self.glyphs.clone();
        glyphs.sort_by(|a, b| a.y.partial_cmp(&b.y).unwrap().then(a.x.partial_cmp(&b.x).unwrap()));
        let mut lines: Vec<TextLine> = Vec::new();
        for g in glyphs {
            match lines.last_mut() {
                Some(l) if (l.y() - g.y).abs() < 1.0 => l.glyphs.push(g),
                _ => lines.push(TextLine { glyphs: vec![g] }),
            }
        }
        for l in &mut lines {
            l.glyphs.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
        }
        lines
    }
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

struct FontInfo {
    name: String,
    /// Type0 fonts show two-byte codes; simple fonts (LibreOffice's subsets) one byte.
    two_byte: bool,
    widths: HashMap<u16, f32>,
    default_width: f32,
    to_unicode: HashMap<u16, String>,
}

fn utf16_hex(s: &str) -> String {
    let units: Vec<u16> = (0..s.len() / 4).filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok()).collect();
    String::from_utf16_lossy(&units)
}

/// Parses the bfchar and bfrange sections of a ToUnicode CMap.
fn parse_cmap(text: &str) -> HashMap<u16, String> {
    let mut map = HashMap::new();
    let hexes = |line: &str| -> Vec<String> {
        line.split('<').skip(1).filter_map(|p| p.split('>').next()).map(str::to_string).collect()
    };
    let mut mode = "";
    for line in text.lines() {
        let l = line.trim();
        if l.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if l.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if l.starts_with("endbf") {
            mode = "";
            continue;
        }
        let h = hexes(l);
        match mode {
            "char" if h.len() >= 2 => {
                if let Ok(code) = u16::from_str_radix(&h[0], 16) {
                    map.insert(code, utf16_hex(&h[1]));
                }
            }
            "range" if h.len() >= 3 => {
                let (a, b) = (u16::from_str_radix(&h[0], 16).unwrap_or(0), u16::from_str_radix(&h[1], 16).unwrap_or(0));
                let base: Vec<u16> = (0..h[2].len() / 4).filter_map(|i| u16::from_str_radix(&h[2][i * 4..i * 4 + 4], 16).ok()).collect();
                for (k, code) in (a..=b).enumerate() {
                    let mut units = base.clone();
                    if let Some(last) = units.last_mut() {
                        *last += k as u16;
                    }
                    map.insert(code, String::from_utf16_lossy(&units));
                }
            }
            _ => {}
        }
    }
    map
}

fn font_info(doc: &Document, dict: &lopdf::Dictionary) -> FontInfo {
    let name = dict.get(b"BaseFont").and_then(|o| o.as_name()).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
    let mut widths = HashMap::new();
    let mut default_width = 1000.0;
    let two_byte = dict.get(b"Subtype").and_then(|o| o.as_name()).map(|n| n == b"Type0").unwrap_or(true);
    if !two_byte {
        // A simple font: /Widths from /FirstChar.
        let first = dict.get(b"FirstChar").map(num).unwrap_or(0.0) as u16;
        if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(|o| o.as_array()) {
            for (k, v) in w.iter().enumerate() {
                widths.insert(first + k as u16, doc.dereference(v).map(|(_, o)| num(o)).unwrap_or(0.0));
            }
        }
        default_width = 0.0;
    }
    if let Ok(desc) = dict.get_deref(b"DescendantFonts", doc).and_then(|o| o.as_array()) {
        if let Some(d) = desc.first().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok()) {
            if let Ok(dw) = d.get(b"DW") {
                default_width = num(dw);
            }
            if let Ok(w) = d.get_deref(b"W", doc).and_then(|o| o.as_array()) {
                let mut i = 0;
                while i < w.len() {
                    let first = num(&w[i]) as u16;
                    match w.get(i + 1) {
                        Some(Object::Array(a)) => {
                            for (k, v) in a.iter().enumerate() {
                                widths.insert(first + k as u16, num(v));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let (last, v) = (num(last) as u16, num(&w[i + 2]));
                            for c in first..=last {
                                widths.insert(c, v);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    }
    let mut to_unicode = HashMap::new();
    if let Ok(s) = dict.get_deref(b"ToUnicode", doc).and_then(|o| o.as_stream()) {
        let data = s.decompressed_content().unwrap_or_else(|_| s.content.clone());
        to_unicode = parse_cmap(&String::from_utf8_lossy(&data));
    }
    FontInfo { name, two_byte, widths, default_width, to_unicode }
}

/// Reads every page's glyphs and ruled lines.
pub fn read_pdf(path: &Path) -> Vec<PageText> {
    let doc = Document::load(path).expect("lopdf loads the PDF");
    let mut out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let mb = page.get_deref(b"MediaBox", &doc).and_then(|o| o.as_array()).expect("MediaBox");
        let (width, height) = (num(&mb[2]) - num(&mb[0]), num(&mb[3]) - num(&mb[1]));
        let fonts: HashMap<Vec<u8>, FontInfo> =
            doc.get_page_fonts(page_id).unwrap().into_iter().map(|(k, d)| (k, font_info(&doc, d))).collect();
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut glyphs = Vec::new();
        let mut rules = Vec::new();
        let (mut font, mut size): (Option<&FontInfo>, f32) = (None, 0.0);
        // Tc: added to every glyph's advance.
        let mut char_spacing = 0.0f32;
        let (mut x, mut y, mut line_x, mut line_y) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        let mut path_start: Option<(f32, f32)> = None;
        let mut segs: Vec<(f32, f32, f32, f32)> = Vec::new();
        for op in &content.operations {
            let a = &op.operands;
            match op.operator.as_str() {
                "Tf" => {
                    font = a[0].as_name().ok().and_then(|n| fonts.get(n));
                    size = num(&a[1]);
                }
                "Tc" => char_spacing = num(&a[0]),
                "Tm" => {
                    x = num(&a[4]);
                    y = num(&a[5]);
                    line_x = x;
                    line_y = y;
                }
                "Td" => {
                    line_x += num(&a[0]);
                    line_y += num(&a[1]);
                    x = line_x;
                    y = line_y;
                }
                "BT" => {
                    x = 0.0;
                    y = 0.0;
                    line_x = 0.0;
                    line_y = 0.0;
                }
                "TJ" | "Tj" => {
                    let items: Vec<Object> = if op.operator == "TJ" { a[0].as_array().unwrap().clone() } else { vec![a[0].clone()] };
                    let f = font.expect("text shown with a font set");
                    for it in items {
                        match it {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(if f.two_byte { 2 } else { 1 }) {
                                    let code = if f.two_byte { u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]) } else { pair[0] as u16 };
                                    let w = f.widths.get(&code).copied().unwrap_or(f.default_width) / 1000.0 * size;
                                    glyphs.push(Glyph {
                                        text: f.to_unicode.get(&code).cloned().unwrap_or_else(|| "\u{FFFD}".into()),
                                        x,
                                        y: height - y,
                                        size,
                                        width: w,
                                        font: f.name.clone(),
                                    });
                                    x += w + char_spacing;
                                }
                            }
                            other => x -= num(&other) / 1000.0 * size,
                        }
                    }
                }
                "m" => path_start = Some((num(&a[0]), num(&a[1]))),
                "l" => {
                    if let Some((x0, y0)) = path_start {
                        segs.push((x0, y0, num(&a[0]), num(&a[1])));
                    }
                }
                "S" => {
                    for (x0, y0, x1, y1) in segs.drain(..) {
                        if (y0 - y1).abs() < 0.01 {
                            rules.push((x0.min(x1), x0.max(x1), height - y0));
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(PageText { width, height, glyphs, rules });
    }
    out
}

/// `pdftotext` of the whole file (reading order, no layout).
pub fn pdftotext(path: &Path) -> String {
    let o = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

/// `pdffonts` rows: (name, type, embedded, subset, unicode).
pub fn pdffonts(path: &Path) -> Vec<(String, String, bool, bool, bool)> {
    let o = Command::new("pdffonts").arg(path).output().expect("pdffonts (poppler-utils) is installed");
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    text.lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // name type... encoding emb sub uni id gen: read from the end.
            let n = cols.len();
            let yes = |s: &str| s == "yes";
            (cols[0].to_string(), cols[1..n - 6].join(" "), yes(cols[n - 5]), yes(cols[n - 4]), yes(cols[n - 3]))
        })
        .collect()
}

/// `pdfinfo` as key → value (the document's own keys: the first of each).
pub fn pdfinfo(path: &Path) -> HashMap<String, String> {
    let o = Command::new("pdfinfo").arg(path).output().expect("pdfinfo (poppler-utils) is installed");
    assert!(o.status.success());
    let mut map = HashMap::new();
    for l in String::from_utf8(o.stdout).unwrap().lines() {
        if let Some((k, v)) = l.split_once(':') {
            map.entry(k.trim().to_string()).or_insert_with(|| v.trim().to_string());
        }
    }
    map
}

/// Text without any whitespace, for order-preserving comparisons.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Characters that must never begin a line (handout-layout.md).
pub fn no_start(c: char) -> bool {
    "，。、；：？！”’）》」』】〕〗…—·,.;:?!)]}%℃".contains(c)
}

/// The grid of a preset, as the checks need it.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    pub chars_per_line: usize,
    pub lines_per_page: usize,
    pub body_size: f32,
}

pub const GBT9704: Grid = Grid { chars_per_line: 28, lines_per_page: 22, body_size: 16.0 };
pub const LARGE_PRINT: Grid = Grid { chars_per_line: 22, lines_per_page: 16, body_size: 20.0 };

pub const LEFT: f32 = 28.0 * MM;
pub const RIGHT: f32 = (210.0 - 26.0) * MM;
pub const TOP: f32 = 37.0 * MM;
pub const BOTTOM: f32 = (297.0 - 35.0) * MM;

pub fn pitch(grid: Grid) -> f32 {
    (RIGHT - LEFT) / grid.chars_per_line as f32
}

/// A body line of the flow: text lines in the type area at the body size.
#[derive(Debug, Clone)]
pub struct FlowLine {
    pub page: usize,
    pub line: TextLine,
}

/// Every text line in the type area, page by page, top to bottom.
pub fn flow(pages: &[PageText]) -> Vec<FlowLine> {
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        for l in p.lines() {
            if l.y() <= BOTTOM + 0.5 {
                out.push(FlowLine { page: i, line: l });
            }
        }
    }
    out
}

/// The checks every handout passes: A4 pages, text inside the type area,
/// at most `grid.lines_per_page` lines a page and `grid.chars_per_line`
/// characters a line, no prohibited line start, `— N —` page numbers on the
/// correct side 7 mm below the type area.
pub fn check_pages(pages: &[PageText], grid: Grid) {
    assert!(!pages.is_empty());
    for (i, p) in pages.iter().enumerate() {
        let n = i + 1;
        assert!((p.width - 595.28).abs() < 0.5 && (p.height - 841.89).abs() < 0.5, "page {n} is not A4: {} × {}", p.width, p.height);
        let lines = p.lines();
        let (body, below): (Vec<&TextLine>, Vec<&TextLine>) = lines.iter().partition(|l| l.y() <= BOTTOM + 0.5);
        assert!(body.len() <= grid.lines_per_page, "page {n} has {} lines", body.len());
        for l in &body {
            assert!(l.x0() >= LEFT - 0.5, "page {n}: line starts left of the margin at {}: {}", l.x0(), l.text());
            assert!(ink_end(l) <= RIGHT + 0.5, "page {n}: line ends right of the margin at {}: {}", ink_end(l), l.text());
            assert!(l.y() >= TOP, "page {n}: line above the type area: {}", l.text());
            let first = l.text().chars().next().unwrap();
            assert!(!no_start(first), "page {n}: line starts with {first}: {}", l.text());
            if (l.size() - grid.body_size).abs() < 0.01 {
                let cells = l.cells(pitch(grid));
                assert!(cells <= grid.chars_per_line as f32 + 0.05, "page {n}: {cells} characters: {}", l.text());
            }
        }
        // The page number: the only line below the type area.
        assert_eq!(below.len(), 1, "page {n}: lines below the type area: {below:?}");
        let pn = below[0];
        assert_eq!(pn.text().trim(), format!("— {n} —"), "page {n}");
        assert!((pn.size() - 14.0).abs() < 0.01);
        let top_of_number = pn.y() - 0.88 * 14.0;
        assert!((top_of_number - (BOTTOM + 7.0 * MM)).abs() < 1.0, "page {n}: page number at {}", pn.y());
        if n % 2 == 1 {
            assert!((pn.x1() - (RIGHT - 14.0)).abs() < 0.6, "odd page {n}: number ends at {}", pn.x1());
        } else {
            assert!((pn.x0() - (LEFT + 14.0)).abs() < 0.6, "even page {n}: number starts at {}", pn.x0());
        }
    }
}

/// A closing mark keeps its ink in the left half of its em box.
pub fn closing_mark(s: &str) -> bool {
    s.chars().count() == 1 && "，。、；：？！”’）》」』】〕〗".contains(s)
}

/// Where a line's ink ends: a closing mark's right half is blank (and may be squeezed away).
pub fn ink_end(l: &TextLine) -> f32 {
    match l.glyphs.last() {
        Some(g) if closing_mark(&g.text) => g.x + 0.5 * g.size,
        _ => l.x1(),
    }
}

/// Whether a line's last character cell ends at `edge`, on a grid of
/// `pitch`: a full-width glyph box is `size` wide, its cell `pitch`; a
/// closing mark's cell may be squeezed by up to half an em (its blank half).
pub fn ends_at(l: &TextLine, pitch: f32, edge: f32) -> bool {
    let g = l.glyphs.last().unwrap();
    if (g.width - g.size).abs() < 0.01 {
        let full = g.x + pitch;
        if closing_mark(&g.text) {
            (full - 0.5 * g.size - 0.3..=full + 0.3).contains(&edge)
        } else {
            (full - edge).abs() < 0.3
        }
    } else {
        (g.x + g.width - edge).abs() < 0.3
    }
}

/// Every font is embedded as a subset with a Unicode map.
pub fn check_fonts_subset(pdf: &Path) -> Vec<String> {
    let fonts = pdffonts(pdf);
    assert!(!fonts.is_empty());
    for (name, ty, emb, sub, uni) in &fonts {
        assert!(*emb && *sub && *uni, "{name} ({ty}) emb={emb} sub={sub} uni={uni}");
        let tag = name.split('+').next().unwrap();
        assert!(name.contains('+') && tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{name} has no subset tag");
    }
    fonts.into_iter().map(|f| f.0).collect()
}

/// pdftotext's text without the page numbers, whitespace removed.
pub fn extracted_text(pdf: &Path) -> String {
    let text = pdftotext(pdf);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let t = l.trim().trim_matches('\u{c}');
            !(t.starts_with('—') && t.ends_with('—') && t.trim_matches(|c: char| c == '—' || c == ' ').chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    squash(&kept.join("\n")).replace('\u{c}', "")
}

/// The font files of this machine by PostScript name (`fc-list`): file and face index.
fn installed_faces() -> &'static HashMap<String, (PathBuf, u32)> {
    static FACES: OnceLock<HashMap<String, (PathBuf, u32)>> = OnceLock::new();
    FACES.get_or_init(|| {
        let out = Command::new("fc-list").arg("--format=%{postscriptname}\t%{file}\t%{index}\n").output().expect("fc-list");
        let mut m = HashMap::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if let [ps, file, index] = f[..] {
                m.entry(ps.to_string()).or_insert((PathBuf::from(file), index.parse().unwrap_or(0)));
            }
        }
        m
    })
}

/// A glyph's ink across the line, pt from the page's left: (left, right), read
/// with ttf-parser from the installed face the PDF embeds a subset of (the
/// font name without its subset tag is the face's PostScript name). `None`
/// for a glyph without ink (a space) or a face not installed here.
pub fn ink_box(g: &Glyph) -> Option<(f32, f32)> {
    static DATA: OnceLock<std::sync::Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let ps = g.font.split_once('+').map_or(g.font.as_str(), |(_, n)| n);
    let (file, index) = installed_faces().get(ps)?;
    let data: &'static [u8] = {
        let mut cache = DATA.get_or_init(Default::default).lock().unwrap();
        cache.entry(file.clone()).or_insert_with(|| Box::leak(std::fs::read(file).expect("font file").into_boxed_slice()))
    };
    let face = ttf_parser::Face::parse(data, *index).ok()?;
    let ch = g.text.chars().next()?;
    let gid = face.glyph_index(ch)?;
    let b = face.glyph_bounding_box(gid)?;
    let scale = g.size / face.units_per_em() as f32;
    Some((g.x + b.x_min as f32 * scale, g.x + b.x_max as f32 * scale))
}
