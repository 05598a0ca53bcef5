//! The Word export's other kinds and presets, and how it is asked for: the
//! attendee handout (speaker, date, place, study questions, a page of ruled
//! lines), the outline sheet (headings only, each with ruled lines), large
//! print on its own grid, `--format`, a lecture from the library by number,
//! and the subtitle and salutation of item 4.

mod docx_support;
mod pdf_support;

use docx_support::*;
use pdf_support::*;

fn lecture() -> String {
    lecture_path().to_str().unwrap().to_string()
}

fn style_of(p: &El) -> String {
    p.child("w:pPr").and_then(|pp| pp.child("w:pStyle")).and_then(|s| s.attr("w:val")).unwrap_or("Normal").to_string()
}

fn paragraphs(d: &mut Docx) -> Vec<El> {
    d.part("word/document.xml").all("w:p").into_iter().cloned().collect()
}

#[test]
fn the_handout_has_speaker_date_place_questions_and_a_page_for_notes() {
    let l = lecture();
    let (out, _) = export_docx(
        "handout",
        &[&l, "--kind", "handout", "--speaker", "张建国", "--date", "2025年3月5日", "--place", "局机关三楼会议室", "--question", "新型城镇化对城乡融合发展有什么牵引作用？"],
    );
    let mut d = Docx::open(&out);
    let paras = paragraphs(&mut d);
    let texts: Vec<String> = paras.iter().map(|p| p.texts()).collect();
    assert_eq!(texts[0], "党课：坚持以新型城镇化引领推动城乡融合发展");
    assert_eq!(squash(&texts[1]), squash("主讲人：张建国　　时间：2025年3月5日　　地点：局机关三楼会议室"));
    let all = squash(&texts.concat());
    let body = squash(&lecture_text());
    let body = body.strip_prefix(&squash(&texts[0])).unwrap();
    assert!(all.contains(body), "the full text");
    assert!(all.ends_with(&squash("思考题1．新型城镇化对城乡融合发展有什么牵引作用？学习笔记")));
    // 学习笔记 starts a page, followed by ruled lines filling it (a tab to the right edge with a leader).
    let notes = paras.iter().position(|p| p.texts() == "学习笔记").unwrap();
    assert!(paras[notes].find("w:pageBreakBefore").is_some());
    let rules = &paras[notes + 1..];
    assert_eq!(rules.len(), 21);
    let styles = d.part("word/styles.xml");
    let tab = style_prop(&styles, &style_of(&rules[0]), &|s| s.find("w:tab")).unwrap();
    assert_eq!(tab.attr("w:leader"), Some("underscore"));
    assert_eq!(d.part("docProps/core.xml").child("dc:creator").unwrap().text, "张建国");
}

#[test]
fn the_outline_has_the_title_and_the_headings_each_with_ruled_lines() {
    let l = lecture();
    let (out, _) = export_docx("outline", &[&l, "--kind", "outline"]);
    let mut d = Docx::open(&out);
    let styles = d.part("word/styles.xml");
    let paras = paragraphs(&mut d);
    let headings: Vec<&El> = paras.iter().filter(|p| outline_level(&styles, &style_of(p)).is_some()).collect();
    assert_eq!(headings.len(), 14);
    // No body text: the heading sentence only (a run-in heading stops at its 。).
    let run_in = headings.iter().find(|p| p.texts().starts_with("（一）以新型城镇化")).unwrap();
    assert!(run_in.texts().ends_with("有利于塑造新型工农城乡关系。"), "{}", run_in.texts());
    let ruled = paras.iter().filter(|p| style_of(p) == "NoteLine").count();
    assert_eq!(ruled, 3 * 3 + 11 * 2);
    let level_2 = headings.iter().find(|p| style_of(p) == "Heading2").unwrap();
    assert_eq!(level_2.find("w:ind").unwrap().attr("w:firstLineChars"), Some("200"));
}

#[test]
fn large_print_is_a_16_by_22_grid_at_20_pt() {
    let l = lecture();
    let (out, report) = export_docx("large", &[&l, "--preset", "large-print"]);
    assert!(report.contains("large-print"), "{report}");
    let mut d = Docx::open(&out);
    let doc = d.part("word/document.xml");
    let sect = doc.find("w:sectPr").unwrap();
    let (size, m, grid) = (sect.child("w:pgSz").unwrap(), sect.child("w:pgMar").unwrap(), sect.child("w:docGrid").unwrap());
    let type_height = size.num("w:h") - m.num("w:top") - m.num("w:bottom");
    assert_eq!(type_height / grid.num("w:linePitch"), 16);
    let styles = d.part("word/styles.xml");
    let sz = style_prop(&styles, "Normal", &|s| s.child("w:rPr").and_then(|r| r.child("w:sz"))).unwrap().num("w:val");
    assert_eq!(sz, 40);
    let cell = 20.0 + grid.num("w:charSpace") as f32 / 4096.0;
    assert_eq!((pt(size.num("w:w") - m.num("w:left") - m.num("w:right")) / cell).floor() as i32, 22);
}

#[test]
fn the_format_follows_the_extension_unless_forced() {
    let l = lecture();
    // --format docx writes Word whatever the name says.
    let out = work_dir().join("forced.bin");
    let mut c = lectern();
    c.args(["export", &l, "--format", "docx", "-o"]).arg(&out);
    assert!(run(c).status.success());
    assert!(Docx::open(&out).names().contains(&"word/document.xml".to_string()));
    // --format pdf writes a PDF.
    let out = work_dir().join("forced-pdf.docx");
    let mut c = lectern();
    c.args(["export", &l, "--format", "pdf", "-o"]).arg(&out);
    assert!(run(c).status.success());
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    // --json reports the format and the face each role names.
    let mut c = lectern();
    c.args(["export", &l, "--json", "-o"]).arg(work_dir().join("json.docx"));
    let o = run(c);
    assert!(o.status.success());
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["format"], "docx");
    assert_eq!(report["kind"], "speaker");
    let body = report["fonts"].as_array().unwrap().iter().find(|f| f["role"] == "body").unwrap();
    assert_eq!(body["face"], "仿宋_GB2312");
    // An extension that names neither is an error that says what to do.
    let mut c = lectern();
    c.args(["export", &l, "-o"]).arg(work_dir().join("x.odt"));
    let o = run(c);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("x.odt") && err.contains("--format"), "{err}");
}

#[test]
fn a_lecture_in_the_library_exports_to_word_by_its_number() {
    use lectern_library::{Library, LectureInfo, NewLecture};
    let db = work_dir().join("library-docx.db");
    let lib = Library::open(&db).unwrap();
    let title = "党课：坚持以新型城镇化引领推动城乡融合发展";
    let id = lib.add(&NewLecture { title: title.into(), body: lecture_text(), ..Default::default() }).unwrap();
    lib.set_info(id, &LectureInfo { title: title.into(), speaker: Some("李明".into()), ..Default::default() }).unwrap();
    drop(lib);
    let out = work_dir().join("from-library.docx");
    let mut c = lectern();
    c.arg("--db").arg(&db).args(["export", &id.to_string(), "-o"]).arg(&out);
    let o = run(c);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut d = Docx::open(&out);
    assert_eq!(d.part("docProps/core.xml").child("dc:creator").unwrap().text, "李明");
    assert_eq!(d.part("docProps/core.xml").child("dc:title").unwrap().text, title);
    assert!(squash(&d.part("word/document.xml").texts()).contains(&squash(&lecture_text()).replacen(&squash(title), "", 1)));
}

#[test]
fn a_subtitle_is_centred_in_kai_and_the_salutation_flush_left_after_it() {
    let src = work_dir().join("subtitle-docx.txt");
    std::fs::write(&src, "以高质量党建引领基层治理\n\n——在2025年度全局专题党课上的讲话\n\n（2025年3月5日）\n\n同志们：\n\n今天和大家一起学习。\n\n一、充分认识重要意义").unwrap();
    let (out, _) = export_docx("subtitle", &[src.to_str().unwrap()]);
    let mut d = Docx::open(&out);
    let styles = d.part("word/styles.xml");
    let paras = paragraphs(&mut d);
    let sub = paras.iter().find(|p| p.texts().starts_with("——在")).unwrap();
    assert_eq!(style_of(sub), "Subtitle");
    assert_eq!(east_asia_face(&styles, "Subtitle"), "楷体_GB2312");
    let jc = style_prop(&styles, "Subtitle", &|s| s.child("w:pPr").and_then(|p| p.child("w:jc"))).unwrap();
    assert_eq!(jc.attr("w:val"), Some("center"));
    assert_eq!(style_prop(&styles, "Subtitle", &|s| s.child("w:rPr").and_then(|r| r.child("w:sz"))).unwrap().num("w:val"), 32);
    let sal = paras.iter().find(|p| p.texts() == "同志们：").unwrap();
    assert_eq!(style_of(sal), "Salutation");
    // LibreOffice draws the subtitle centred and the salutation at the margin.
    let pages = read_pdf(&render(&out));
    let lines = pages[0].lines();
    let s = lines.iter().find(|l| l.text().contains("在2025年度")).unwrap();
    assert!(((s.x0() + s.x1()) / 2.0 - (LEFT + RIGHT) / 2.0).abs() < 1.0, "subtitle from {} to {}", s.x0(), s.x1());
    let g = lines.iter().find(|l| l.text().contains("同志们")).unwrap();
    // At the margin, give or take LibreOffice's rounding; an indented line starts two characters (31.6 pt) in.
    assert!((g.x0() - LEFT).abs() < 1.5, "salutation at {}", g.x0());
}
