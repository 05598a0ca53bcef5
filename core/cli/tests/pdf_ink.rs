//! Issue 13, item 6: a squeezed punctuation mark never covers the next
//! character. Checked by where the glyphs' ink lies (read from the faces the
//! PDF embeds), not by their advances: AR PL UKai draws `、` in the middle of
//! its em box, so halving its advance put its ink under the next character.

mod pdf_support;

use pdf_support::*;

/// Closing marks and the comma family: ink on the left, squeezed on the right.
fn closing(g: &Glyph) -> bool {
    g.text.chars().next().is_some_and(|c| "，。、；：？！”’）》」』】〕".contains(c))
}

/// Opening marks: ink on the right, squeezed on the left.
fn opening(g: &Glyph) -> bool {
    g.text.chars().next().is_some_and(|c| "“‘（《「『【〔".contains(c))
}

/// Checks each mark against the character on its squeezable side: a closing
/// mark's ink must end before the next glyph's ink begins, an opening mark's
/// begin after the previous glyph's ends. (Two Han characters may touch: the
/// grid's pitch is a little under the type size.) Returns the pairs checked.
fn no_ink_overlaps(pdf: &std::path::Path) -> usize {
    let mut checked = 0;
    for (p, page) in read_pdf(pdf).iter().enumerate() {
        for line in page.lines() {
            let g = &line.glyphs;
            for k in 1..g.len() {
                if !closing(&g[k - 1]) && !opening(&g[k]) {
                    continue;
                }
                let (Some(a), Some(b)) = (ink_box(&g[k - 1]), ink_box(&g[k])) else { continue };
                checked += 1;
                assert!(
                    a.1 <= b.0 + 0.05,
                    "page {}: the ink of {} ({}) runs {:.2} pt under {} ({}): {}",
                    p + 1,
                    g[k - 1].text,
                    g[k - 1].font,
                    a.1 - b.0,
                    g[k].text,
                    g[k].font,
                    line.text()
                );
            }
        }
    }
    checked
}

#[test]
fn the_kai_run_in_heading_shows_its_enumeration_comma() {
    let l = lecture_path();
    for kind in ["speaker", "handout"] {
        let (pdf, _) = export(&format!("ink-{kind}"), &[l.to_str().unwrap(), "--kind", kind]);
        let pages = read_pdf(&pdf);
        // The run-in heading is set in the Kai face, AR PL UKai here.
        let heading = pages
            .iter()
            .flat_map(|p| p.lines())
            .find(|l| l.text().contains("人口集聚、城镇"))
            .expect("the line with 人口集聚、城镇");
        let comma = heading.glyphs.iter().find(|g| g.text == "、").unwrap();
        assert!(comma.font.contains("UKai"), "the heading's 、 is in {}", comma.font);
        assert!(ink_box(comma).is_some(), "AR PL UKai is installed here");
        let checked = no_ink_overlaps(&pdf);
        assert!(checked > 300, "only {checked} pairs of glyphs checked");
    }
}
