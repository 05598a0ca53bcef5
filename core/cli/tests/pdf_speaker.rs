//! The fixture web clipping as a gbt9704 speaker copy (`lectern export
//! web-clip-lecture.txt -o x.pdf --kind speaker --preset gbt9704`): the PDF is
//! opened and every rule of handout-layout.md is checked on what it draws.

mod pdf_support;

use pdf_support::*;

fn paragraphs() -> Vec<String> {
    lecture_text().split("\n\n").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

fn speaker_copy() -> (std::path::PathBuf, Vec<PageText>, String) {
    static ONCE: std::sync::OnceLock<(std::path::PathBuf, String)> = std::sync::OnceLock::new();
    let (pdf, report) = ONCE
        .get_or_init(|| {
            let clip = clip_path();
            export("speaker", &[clip.to_str().unwrap(), "--kind", "speaker", "--preset", "gbt9704"])
        })
        .clone();
    let pages = read_pdf(&pdf);
    (pdf, pages, report)
}

#[test]
fn pages_margins_grid_and_page_numbers() {
    let (_, pages, _) = speaker_copy();
    check_pages(&pages, GBT9704);
    // The fixture fills several pages, and full pages use the whole grid.
    assert!(pages.len() >= 7, "{} pages", pages.len());
    let full = flow(&pages).iter().filter(|l| l.page == 1).count();
    assert!(full >= 21, "page 2 holds only {full} lines");
    // The text starts at the top of the type area and lines sit on the 28.99 pt grid.
    let lines = pages[1].lines();
    let pitch_v = (BOTTOM - TOP) / 22.0;
    let first_top = lines[0].y() - 0.88 * 16.0 - (pitch_v - 16.0) / 2.0;
    assert!((first_top - TOP).abs() < 0.5, "first line's slot starts at {first_top}");
    for w in lines.windows(2).filter(|w| w[1].y() < BOTTOM) {
        let d = w[1].y() - w[0].y();
        assert!((d - pitch_v).abs() < 0.05, "line pitch {d}");
    }
}

#[test]
fn the_whole_text_is_there_in_order() {
    let (pdf, _, _) = speaker_copy();
    // The clipping as the text engine cleans it: the site furniture goes, every sentence stays.
    let cleaned = lectern_text::import_path(&clip_path()).unwrap();
    let expected = squash(&cleaned.text);
    assert_eq!(expected, squash(&lecture_text()), "the hand-cleaned copy in tests/data matches the engine");
    let got = extracted_text(&pdf);
    assert_eq!(got, expected);
}

#[test]
fn mid_paragraph_lines_are_flush_and_paragraphs_are_indented_two_characters() {
    let (_, pages, _) = speaker_copy();
    let p = pitch(GBT9704);
    let body: Vec<FlowLine> =
        flow(&pages).into_iter().filter(|l| (l.line.size() - 16.0).abs() < 0.01 && l.line.x0() < LEFT + 3.0 * p).collect();
    let mut indented = 0;
    for (i, l) in body.iter().enumerate() {
        let x0 = l.line.x0();
        let at_left = (x0 - LEFT).abs() < 0.3;
        let at_indent = (x0 - (LEFT + 2.0 * p)).abs() < 0.3;
        assert!(at_left || at_indent, "line starts at {x0}: {}", l.line.text());
        if at_indent {
            indented += 1;
        }
        let continues = body.get(i + 1).is_some_and(|n| (n.line.x0() - LEFT).abs() < 0.3);
        if continues {
            assert!(ends_at(&l.line, p, RIGHT), "mid-paragraph line does not end at {RIGHT}: {}", l.line.text());
        } else {
            // A paragraph's last line: not stretched, at least two characters.
            let letters = l.line.text().chars().filter(|c| !no_start(*c) && !"“（《".contains(*c)).count();
            assert!(letters >= 2, "lone character on a last line: {}", l.line.text());
        }
    }
    // Every paragraph but the salutation 同志们： begins indented.
    assert_eq!(indented, paragraphs().len() - 2, "title and salutation are not indented");
}

#[test]
fn headings_take_their_faces_and_run_in_headings_only_their_first_sentence() {
    let (_, pages, _) = speaker_copy();
    let all: Vec<Glyph> = pages.iter().flat_map(|p| p.lines()).flat_map(|l| l.glyphs).collect();
    let text: String = all.iter().map(|g| g.text.as_str()).collect();
    let find = |s: &str| text.find(s).map(|b| text[..b].chars().count()).unwrap_or_else(|| panic!("{s} not found"));
    let body_font = all[find("按照局党组")].font.clone();
    // 一、 in the Hei face (Noto Sans CJK on Linux).
    let h1 = &all[find("一、深刻领会")].font;
    assert_ne!(h1, &body_font);
    assert!(h1.contains("Sans") || h1.contains("Hei"), "{h1}");
    // （一） run-in: the Kai face up to the first 。, then the body face.
    let start = find("（一）以新型城镇化为牵引推动城乡融合发展，有利于塑造");
    let kai = &all[start].font;
    assert!(kai.contains("Kai"), "{kai}");
    let stop = start + "（一）以新型城镇化为牵引推动城乡融合发展，有利于塑造新型工农城乡关系。".chars().count();
    assert!(all[start..stop].iter().all(|g| &g.font == kai));
    assert_eq!(all[stop].text, "如");
    assert_eq!(all[stop].font, body_font);
    // Digits in the Latin serif (the body face when no Latin serif is
    // installed, as the report says), a quarter em from the Han characters beside them.
    let (_, _, report) = speaker_copy();
    let y = find("2012");
    if report.contains("西文与数字用正文字体") {
        assert_eq!(all[y].font, body_font);
    } else {
        assert_ne!(all[y].font, body_font);
    }
    let gap = all[y].x - (all[y - 1].x + all[y - 1].width);
    assert!(gap >= 0.2 * 16.0 - 0.3, "gap before 2012 is {gap}");
}

#[test]
fn no_heading_ends_a_page_and_no_page_starts_with_a_lone_last_line() {
    let (_, pages, _) = speaker_copy();
    let p = pitch(GBT9704);
    let body_font = {
        let l = &pages[0].lines()[4];
        l.glyphs[0].font.clone()
    };
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<TextLine> = page.lines().into_iter().filter(|l| l.y() <= BOTTOM).collect();
        let last = lines.last().unwrap();
        assert!(last.glyphs.iter().any(|g| g.font == body_font), "page {} ends with a heading: {}", i + 1, last.text());
        if i > 0 && lines.len() >= 2 {
            let continues = (lines[0].x0() - LEFT).abs() < 0.3;
            let next_starts = (lines[1].x0() - (LEFT + 2.0 * p)).abs() < 0.3;
            assert!(!(continues && next_starts), "page {} starts with a paragraph's last line: {}", i + 1, lines[0].text());
        }
    }
}

#[test]
fn the_title_is_centred_in_balanced_lines() {
    let (_, pages, _) = speaker_copy();
    let title: Vec<TextLine> = pages[0].lines().into_iter().filter(|l| (l.size() - 22.0).abs() < 0.01).collect();
    assert_eq!(title.len(), 2);
    let centre = (LEFT + RIGHT) / 2.0;
    for l in &title {
        assert!(((l.x0() + l.x1()) / 2.0 - centre).abs() < 0.5, "title line off centre: {}", l.text());
        assert!(l.text().chars().count() >= 3);
    }
    let (a, b) = (title[0].text().chars().count() as i32, title[1].text().chars().count() as i32);
    assert!((a - b).abs() <= 2, "{a} vs {b}");
    // At a word boundary: 城镇化 stays whole.
    assert!(!title[0].text().ends_with("城镇"), "{}", title[0].text());
}

#[test]
fn fonts_are_subsets_and_the_metadata_names_the_title() {
    let (pdf, _, report) = speaker_copy();
    let fonts = check_fonts_subset(&pdf);
    assert!(fonts.len() >= 3, "{fonts:?}");
    let info = pdfinfo(&pdf);
    assert_eq!(info["Title"], "党课：坚持以新型城镇化引领推动城乡融合发展");
    assert!(info["Page size"].contains("A4"), "{}", info["Page size"]);
    // The report names the pages and the face of every role, and the fallbacks.
    assert!(report.contains(&format!("{} 页", info["Pages"])), "{report}");
    for label in ["标题", "一级标题", "二级标题", "正文", "页码", "西文与数字"] {
        assert!(report.contains(label), "{label} missing from the report:\n{report}");
    }
}

#[test]
fn every_face_is_embedded_once_cut_to_the_glyphs_shown_with_cff_kept_as_cff() {
    use lopdf::{Document, Object};
    let (pdf, pages, _) = speaker_copy();
    let doc = Document::load(&pdf).unwrap();
    // The glyphs the pages show, per font.
    let mut shown: std::collections::HashMap<String, std::collections::HashSet<String>> = Default::default();
    for g in pages.iter().flat_map(|p| &p.glyphs) {
        shown.entry(g.font.clone()).or_default().insert(g.text.clone());
    }
    let mut faces = Vec::new();
    for (_, obj) in doc.objects.iter() {
        let Ok(font) = obj.as_dict() else { continue };
        if font.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(&b"Type0"[..]) {
            continue;
        }
        let name = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        faces.push(name.split_once('+').expect("subset tag").1.to_string());
        let desc = font.get_deref(b"DescendantFonts", &doc).unwrap().as_array().unwrap();
        let cid = doc.dereference(&desc[0]).unwrap().1.as_dict().unwrap();
        let descriptor = cid.get_deref(b"FontDescriptor", &doc).unwrap().as_dict().unwrap();
        let cff = cid.get(b"Subtype").unwrap().as_name().unwrap() == b"CIDFontType0";
        // The Noto CJK faces (CFF outlines) stay CFF: no conversion to TrueType.
        assert!(cff || !name.contains("CJK"), "{name} was converted");
        let key: &[u8] = if cff { b"FontFile3" } else { b"FontFile2" };
        let Ok(Object::Stream(file)) = descriptor.get_deref(key, &doc) else { panic!("{name}: no {key:?}") };
        let program = file.decompressed_content().unwrap();
        let glyphs = if cff {
            assert_eq!(file.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"CIDFontType0C", "{name}");
            ttf_parser::cff::Table::parse(&program).expect("a bare CFF font program").number_of_glyphs()
        } else {
            ttf_parser::Face::parse(&program, 0).expect("a TrueType font program").number_of_glyphs()
        };
        // Only the glyphs shown (and .notdef) are embedded, not the face's thousands.
        let used = shown.get(&name).map(|s| s.len()).unwrap_or(0);
        assert!(used > 0, "{name} is embedded but shows nothing");
        assert!(glyphs as usize <= used + 1, "{name}: {glyphs} glyphs embedded for {used} shown");
    }
    // No face is embedded twice.
    let mut unique = faces.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), faces.len(), "a face is embedded twice: {faces:?}");
    assert_eq!(faces.len(), shown.len(), "{faces:?}");
}
