//! The fixture web clipping as a gbt9704 speaker copy in Word
//! (`lectern export web-clip-lecture.txt -o x.docx`): the package's XML is
//! read back (page, margins, grid, faces per role, outline levels, footers),
//! LibreOffice renders it and the PDF checks of the grid run on what it
//! draws, and the text engine imports the .docx back with the same outline.

mod docx_support;
mod pdf_support;

use std::path::PathBuf;
use std::sync::OnceLock;

use docx_support::*;
use pdf_support::*;

fn speaker_docx() -> PathBuf {
    static ONCE: OnceLock<PathBuf> = OnceLock::new();
    ONCE.get_or_init(|| {
        let clip = clip_path();
        let (out, report) = export_docx("speaker", &[clip.to_str().unwrap(), "--kind", "speaker", "--preset", "gbt9704"]);
        assert!(report.contains("Word") && report.contains("仿宋_GB2312"), "{report}");
        out
    })
    .clone()
}

/// LibreOffice's rendering of the speaker copy.
fn rendered() -> (PathBuf, Vec<PageText>) {
    static ONCE: OnceLock<PathBuf> = OnceLock::new();
    let pdf = ONCE.get_or_init(|| render(&speaker_docx())).clone();
    let pages = read_pdf(&pdf);
    (pdf, pages)
}

fn cleaned() -> lectern_text::Cleaned {
    lectern_text::import_path(&clip_path()).unwrap()
}

/// (level, ordinal and heading sentence) of every heading the text engine reads.
fn outline_of(text: &str) -> Vec<(u8, String)> {
    let chars: Vec<char> = text.chars().collect();
    lectern_text::outline::parse(text)
        .flat()
        .iter()
        .map(|s| (s.level, chars[s.number_start..s.heading_end.min(chars.len())].iter().collect::<String>().trim().to_string()))
        .collect()
}

#[test]
fn the_section_is_a4_with_the_gbt9704_margins_and_a_22_by_28_grid() {
    let mut d = Docx::open(&speaker_docx());
    let doc = d.part("word/document.xml");
    let sect = doc.find("w:sectPr").expect("a section");
    let size = sect.child("w:pgSz").unwrap();
    assert!((mm(size.num("w:w")) - 210.0).abs() < 0.1 && (mm(size.num("w:h")) - 297.0).abs() < 0.1);
    let m = sect.child("w:pgMar").unwrap();
    for (k, want) in [("w:top", 37.0), ("w:bottom", 35.0), ("w:left", 28.0), ("w:right", 26.0)] {
        assert!((mm(m.num(k)) - want).abs() < 0.05, "{k} is {} mm", mm(m.num(k)));
    }
    let grid = sect.child("w:docGrid").unwrap();
    assert_eq!(grid.attr("w:type"), Some("linesAndChars"));
    let type_height = size.num("w:h") - m.num("w:top") - m.num("w:bottom");
    let pitch = grid.num("w:linePitch");
    assert_eq!(type_height / pitch, 22, "line pitch {pitch} twips");
    // charSpace: 1/4096 pt added to the Normal style's size (16 pt) for each character cell.
    let styles = d.part("word/styles.xml");
    let normal_size = style_prop(&styles, "Normal", &|s| s.child("w:rPr").and_then(|r| r.child("w:sz"))).unwrap().num("w:val");
    assert_eq!(normal_size, 32);
    let cell = normal_size as f32 / 2.0 + grid.num("w:charSpace") as f32 / 4096.0;
    let type_width = pt(size.num("w:w") - m.num("w:left") - m.num("w:right"));
    assert_eq!((type_width / cell).floor() as i32, 28, "character pitch {cell} pt");
    // Both footers are referenced, and settings ask for different odd and even pages.
    let refs: Vec<&str> = sect.children_named("w:footerReference").filter_map(|f| f.attr("w:type")).collect();
    assert_eq!(refs, ["default", "even"]);
    assert!(d.part("word/settings.xml").child("w:evenAndOddHeaders").is_some());
}

#[test]
fn each_role_names_its_face_and_headings_carry_outline_levels() {
    let mut d = Docx::open(&speaker_docx());
    let styles = d.part("word/styles.xml");
    let latin = styles.find("w:rPrDefault").unwrap().find("w:rFonts").unwrap();
    assert_eq!((latin.attr("w:ascii"), latin.attr("w:hAnsi")), (Some("Times New Roman"), Some("Times New Roman")));
    let cases = [
        ("Normal", "仿宋_GB2312", None),
        ("Title", "方正小标宋简体", None),
        ("Subtitle", "楷体_GB2312", None),
        ("Heading1", "黑体", Some(0)),
        ("Heading2", "楷体_GB2312", Some(1)),
        ("Heading3", "仿宋_GB2312", Some(2)),
        ("Heading4", "仿宋_GB2312", Some(3)),
    ];
    for (id, face, level) in cases {
        assert_eq!(east_asia_face(&styles, id), face, "{id}");
        assert_eq!(outline_level(&styles, id), level, "{id}");
        let name = styles.children_named("w:style").find(|s| s.attr("w:styleId") == Some(id)).unwrap().child("w:name").unwrap();
        if let Some(l) = level {
            assert_eq!(name.attr("w:val"), Some(format!("heading {}", l + 1).as_str()));
        }
    }
    let size = |id: &str| style_prop(&styles, id, &|s| s.child("w:rPr").and_then(|r| r.child("w:sz"))).unwrap().num("w:val");
    assert_eq!(size("Title"), 44);
    assert_eq!(size("Heading2"), 32);
    let jc = |id: &str| style_prop(&styles, id, &|s| s.child("w:pPr").and_then(|p| p.child("w:jc"))).unwrap().attr("w:val").unwrap().to_string();
    assert_eq!(jc("Title"), "center");
    assert_eq!(jc("Normal"), "both");
    let indent = style_prop(&styles, "Normal", &|s| s.child("w:pPr").and_then(|p| p.child("w:ind"))).unwrap();
    assert_eq!(indent.attr("w:firstLineChars"), Some("200"));
    // The font table names a stand-in for the _GB2312 faces Windows 10 lacks.
    let fonts = d.part("word/fontTable.xml");
    let fang = fonts.children_named("w:font").find(|f| f.attr("w:name") == Some("仿宋_GB2312")).unwrap();
    assert_eq!(fang.child("w:altName").unwrap().attr("w:val"), Some("仿宋"));

    // The document: 3 level-1 and 11 level-2 headings, the outline the text engine reads.
    let doc = d.part("word/document.xml");
    let paras = doc.all("w:p");
    let style_of = |p: &El| p.child("w:pPr").and_then(|pp| pp.child("w:pStyle")).and_then(|s| s.attr("w:val")).unwrap_or("Normal").to_string();
    let mut outline = Vec::new();
    for p in &paras {
        if let Some(l) = outline_level(&styles, &style_of(p)) {
            // The heading sentence is the paragraph's first run, in the style's face.
            let first = p.children_named("w:r").next().unwrap();
            assert!(first.child("w:rPr").is_none(), "the heading run sets no face of its own");
            outline.push((l + 1, first.texts()));
        }
    }
    let expected = outline_of(&cleaned().text);
    assert_eq!(expected.len(), 14);
    assert_eq!(outline, expected);
    // A run-in heading: only the heading sentence in 楷体, the rest in the body face.
    let run_in = paras.iter().find(|p| p.texts().starts_with("（一）以新型城镇化为牵引")).unwrap();
    let runs: Vec<&El> = run_in.children_named("w:r").collect();
    assert_eq!(runs.len(), 2);
    assert!(runs[0].texts().ends_with("有利于塑造新型工农城乡关系。"), "{}", runs[0].texts());
    assert!(runs[1].texts().starts_with("如何处理好"), "{}", runs[1].texts());
    assert_eq!(runs[1].find("w:rFonts").unwrap().attr("w:eastAsia"), Some("仿宋_GB2312"));
    // The salutation flush left, the title in the Title style.
    assert_eq!(style_of(paras[0]), "Title");
    let sal = paras.iter().find(|p| p.texts() == "同志们：").unwrap();
    assert_eq!(style_of(sal), "Salutation");
    let sal_indent = style_prop(&styles, "Salutation", &|s| s.child("w:pPr").and_then(|p| p.child("w:ind"))).unwrap();
    assert_eq!((sal_indent.attr("w:firstLineChars"), sal_indent.attr("w:firstLine")), (Some("0"), Some("0")));
}

#[test]
fn the_text_is_complete_and_the_properties_name_the_title() {
    let mut d = Docx::open(&speaker_docx());
    let doc = d.part("word/document.xml");
    assert_eq!(squash(&doc.texts()), squash(&cleaned().text));
    let core = d.part("docProps/core.xml");
    assert_eq!(core.child("dc:title").unwrap().text, "党课：坚持以新型城镇化引领推动城乡融合发展");
}

#[test]
fn footers_number_pages_in_song_14_pt_odd_right_even_left() {
    let mut d = Docx::open(&speaker_docx());
    let rels = d.part("word/_rels/document.xml.rels");
    let sect_refs: Vec<(String, String)> = d
        .part("word/document.xml")
        .find("w:sectPr")
        .unwrap()
        .children_named("w:footerReference")
        .map(|f| (f.attr("w:type").unwrap().to_string(), f.attr("r:id").unwrap().to_string()))
        .collect();
    let styles = d.part("word/styles.xml");
    for (ty, id) in sect_refs {
        let target = rels.children_named("Relationship").find(|r| r.attr("Id") == Some(id.as_str())).unwrap().attr("Target").unwrap();
        let footer = d.part(&format!("word/{target}"));
        let p = footer.find("w:p").unwrap();
        let ppr = p.child("w:pPr").unwrap();
        let style = ppr.child("w:pStyle").unwrap().attr("w:val").unwrap();
        assert_eq!(east_asia_face(&styles, style), "宋体");
        let sz = style_prop(&styles, style, &|s| s.child("w:rPr").and_then(|r| r.child("w:sz"))).unwrap().num("w:val");
        assert_eq!(sz, 28, "14 pt");
        let jc = ppr.child("w:jc").unwrap().attr("w:val").unwrap();
        let ind = ppr.child("w:ind").unwrap();
        if ty == "default" {
            assert_eq!(jc, "right");
            assert_eq!(ind.num("w:right"), 280, "one 14 pt character in");
        } else {
            assert_eq!(jc, "left");
            assert_eq!(ind.num("w:left"), 280);
        }
        assert_eq!(p.find("w:instrText").unwrap().text.trim(), "PAGE");
        let texts: Vec<String> = p.all("w:t").iter().map(|t| t.text.clone()).collect();
        assert_eq!(texts.first().map(String::as_str), Some("— "));
        assert_eq!(texts.last().map(String::as_str), Some(" —"));
    }
}

#[test]
fn libreoffice_renders_it_on_the_22_by_28_grid_with_alternating_page_numbers() {
    let (pdf, pages) = rendered();
    assert!(pages.len() >= 7, "{} pages", pages.len());
    let p = pitch(GBT9704);
    let line_pitch = (BOTTOM - TOP) / 22.0;
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!((page.width - 595.28).abs() < 0.5 && (page.height - 841.89).abs() < 0.5, "page {n} is not A4");
        let lines = page.lines();
        let (body, below): (Vec<&TextLine>, Vec<&TextLine>) = lines.iter().partition(|l| l.y() <= BOTTOM + 0.5);
        assert!(body.len() <= 22, "page {n} has {} lines", body.len());
        for l in &body {
            assert!(l.x0() >= LEFT - 0.5, "page {n}: line starts left of the margin at {}: {}", l.x0(), l.text());
            assert!(ink_end(l) <= RIGHT + 0.5, "page {n}: line ends right of the margin at {}: {}", ink_end(l), l.text());
            assert!(l.y() >= TOP, "page {n}: line above the type area: {}", l.text());
            if (l.size() - 16.0).abs() < 0.01 {
                let cells = l.cells(p);
                assert!(cells <= 28.05, "page {n}: {cells} characters: {}", l.text());
            }
        }
        // Lines follow one another at the grid's pitch.
        for w in body.windows(2) {
            let d = w[1].y() - w[0].y();
            assert!((d - line_pitch).abs() < 0.3 || (d - 2.0 * line_pitch).abs() < 0.3, "page {n}: line pitch {d}");
        }
        // The page number: the only line below the type area, 7 mm under it, odd right, even left.
        assert_eq!(below.len(), 1, "page {n}: lines below the type area: {:?}", below.iter().map(|l| l.text()).collect::<Vec<_>>());
        let pn = below[0];
        assert_eq!(squash(&pn.text()), format!("—{n}—"), "page {n}");
        assert!((pn.size() - 14.0).abs() < 0.01);
        let top_of_number = pn.y() - 0.88 * 14.0;
        assert!((top_of_number - (BOTTOM + 7.0 * MM)).abs() < 2.0 * MM, "page {n}: page number's top {} mm below the type area", (top_of_number - BOTTOM) / MM);
        if n % 2 == 1 {
            assert!((pn.x1() - (RIGHT - 14.0)).abs() < 1.0, "odd page {n}: number ends at {}", pn.x1());
        } else {
            assert!((pn.x0() - (LEFT + 14.0)).abs() < 1.0, "even page {n}: number starts at {}", pn.x0());
        }
    }
    // Full pages use the whole grid (a page may end a line early to keep a
    // paragraph's last lines together), and full lines hold 28 characters.
    let per_page: Vec<usize> = (0..pages.len()).map(|i| flow(&pages).iter().filter(|l| l.page == i).count()).collect();
    assert!(per_page[..per_page.len() - 1].iter().all(|&n| n >= 20), "lines per page: {per_page:?}");
    assert!(per_page.iter().filter(|&&n| n == 22).count() >= 3, "lines per page: {per_page:?}");
    let full_lines = flow(&pages).iter().filter(|l| l.line.glyphs.len() == 28 && (l.line.cells(p) - 28.0).abs() < 0.3).count();
    assert!(full_lines >= 50, "only {full_lines} lines of 28 characters");
    // The title: centred in two balanced lines, broken where the PDF breaks it (城镇化 whole).
    let title: Vec<TextLine> = pages[0].lines().into_iter().filter(|l| (l.size() - 22.0).abs() < 0.01).collect();
    assert_eq!(title.len(), 2, "{:?}", title.iter().map(|l| l.text()).collect::<Vec<_>>());
    for l in &title {
        assert!(((l.x0() + l.x1()) / 2.0 - (LEFT + RIGHT) / 2.0).abs() < 1.0, "title line off centre: {}", l.text());
    }
    assert_eq!(title[0].text(), "党课：坚持以新型城镇化");
    // The whole text, in order.
    assert_eq!(extracted_text(&pdf), squash(&cleaned().text));
}

#[test]
fn importing_the_docx_back_gives_the_same_outline_and_text() {
    let back = lectern_text::import_path(&speaker_docx()).unwrap();
    let original = cleaned();
    assert_eq!(back.title, original.title);
    assert_eq!(outline_of(&back.text), outline_of(&original.text));
    assert_eq!(squash(&back.text), squash(&original.text));
}
