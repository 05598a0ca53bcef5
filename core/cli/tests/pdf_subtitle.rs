//! Issue 16, item 4 on the PDF: a subtitle under the title (`——在……上的讲话`)
//! is set centred in the Kai face at the body size, not as an indented body
//! paragraph; the salutation `同志们：` sits flush left in any lecture, also
//! when a subtitle or a date line comes between it and the title.

mod pdf_support;

use pdf_support::*;

const TITLE: &str = "以高质量党建引领基层治理";
const SUBTITLE: &str = "——在2025年度全局专题党课上的讲话";

/// A lecture with a subtitle and a dated byline before the salutation.
fn lecture(name: &str, opening: &[&str]) -> std::path::PathBuf {
    let mut paras: Vec<&str> = vec![TITLE];
    paras.extend_from_slice(opening);
    paras.extend_from_slice(&[
        "同志们：",
        "今天和大家一起学习基层党组织建设的有关要求，交流体会，查找不足，明确下一步努力的方向。",
        "一、充分认识加强基层党组织建设的重要意义",
        "（一）基层党组织是党执政大厦的地基。基层党组织是党在社会基层组织中的战斗堡垒，是党的全部工作和战斗力的基础。",
        "最后，希望大家学以致用，把学习成果转化为推动工作的实际成效。",
    ]);
    let path = work_dir().join(format!("{name}.txt"));
    std::fs::write(&path, paras.join("\n\n")).unwrap();
    path
}

/// The grid checks of every handout, on all but the subtitle's line: that
/// line begins with `——` by design (a paragraph's start, not a line break
/// before a dash, which the checks forbid).
fn check_all_but_subtitle(pages: &[PageText]) {
    let mut pages = pages.to_vec();
    let sub_y = pages[0].lines().iter().find(|l| l.text().starts_with("——在")).map(|l| l.y()).expect("the subtitle");
    pages[0].glyphs.retain(|g| (g.y - sub_y).abs() >= 1.0);
    check_pages(&pages, GBT9704);
}

fn line_with<'a>(lines: &'a [TextLine], s: &str) -> &'a TextLine {
    lines.iter().find(|l| l.text().contains(s)).unwrap_or_else(|| panic!("no line with {s}: {:?}", lines.iter().map(|l| l.text()).collect::<Vec<_>>()))
}

#[test]
fn the_subtitle_is_centred_in_kai_and_the_salutation_is_flush_left() {
    let src = lecture("subtitle", &[SUBTITLE]);
    let (pdf, _) = export("subtitle", &[src.to_str().unwrap(), "--kind", "speaker"]);
    let pages = read_pdf(&pdf);
    check_all_but_subtitle(&pages);
    let lines = pages[0].lines();
    let title = line_with(&lines, TITLE);
    let sub = line_with(&lines, "在2025年度");
    let body_font = line_with(&lines, "今天和大家").glyphs[0].font.clone();
    // Right under the title, on the next grid line, at the body size, centred, in the Kai face.
    let line_pitch = (BOTTOM - TOP) / 22.0;
    let slot_top = |l: &TextLine| l.y() - 0.88 * l.size() - (line_pitch - l.size()) / 2.0;
    assert!((slot_top(sub) - slot_top(title) - line_pitch).abs() < 0.5, "subtitle at {} under title at {}", sub.y(), title.y());
    assert!((sub.size() - 16.0).abs() < 0.01, "{}", sub.size());
    let centre = (LEFT + RIGHT) / 2.0;
    assert!(((sub.x0() + sub.x1()) / 2.0 - centre).abs() < 0.5, "subtitle off centre: {} – {}", sub.x0(), sub.x1());
    assert!(sub.x0() > LEFT + 2.0 * pitch(GBT9704) + 1.0, "the subtitle is set like a body paragraph");
    let han = sub.glyphs.iter().find(|g| g.text == "在").unwrap();
    assert!(han.font.contains("Kai"), "subtitle face {}", han.font);
    assert_ne!(han.font, body_font);
    // The salutation: flush left at the type area's edge, in the body face; the next paragraph indented.
    let sal = line_with(&lines, "同志们：");
    assert!((sal.x0() - LEFT).abs() < 0.3, "salutation starts at {}", sal.x0());
    assert_eq!(sal.glyphs[0].font, body_font);
    let next = line_with(&lines, "今天和大家");
    assert!((next.x0() - (LEFT + 2.0 * pitch(GBT9704))).abs() < 0.3);
    // Every word is there, in order.
    assert_eq!(extracted_text(&pdf), squash(&std::fs::read_to_string(&src).unwrap()));
}

#[test]
fn the_salutation_is_flush_left_after_a_date_line_and_in_the_handout() {
    let src = lecture("dated", &[SUBTITLE, "（2025年3月5日）"]);
    let (pdf, _) = export("dated", &[src.to_str().unwrap(), "--kind", "handout", "--speaker", "张建国"]);
    let pages = read_pdf(&pdf);
    check_all_but_subtitle(&pages);
    let lines = pages[0].lines();
    let sal = line_with(&lines, "同志们：");
    assert!((sal.x0() - LEFT).abs() < 0.3, "salutation starts at {}", sal.x0());
    // The handout: title, subtitle, then speaker; the subtitle centred and in Kai here too.
    let (title, sub, meta) = (line_with(&lines, TITLE), line_with(&lines, "在2025年度"), line_with(&lines, "主讲人"));
    assert!(title.y() < sub.y() && sub.y() < meta.y());
    assert!(sub.glyphs.iter().any(|g| g.font.contains("Kai")));
    let centre = (LEFT + RIGHT) / 2.0;
    assert!(((sub.x0() + sub.x1()) / 2.0 - centre).abs() < 0.5);
}
