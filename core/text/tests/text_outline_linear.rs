//! The outline of a text with very many sibling headings is built right:
//! every child in order under its parent (the tree used to be built by
//! inserting each child at the front of its parent's list, quadratic in the
//! number of siblings; speed is in benches/headings.rs).

use lectern_text::ordinal::chinese_numeral as cn;
use lectern_text::outline;

#[test]
fn hundreds_of_sections_under_one_part_stay_in_order() {
    let mut t = String::from("党课讲稿\n第一部分 总体要求\n");
    for i in 1..=999 {
        t.push_str(&format!("{}、第{i}个要点\n", cn(i)));
        for j in 1..=20 {
            t.push_str(&format!("{j}.细目\n"));
        }
    }
    t.push_str("第二部分 结束语\n");
    let o = outline::parse(&t);
    assert_eq!(o.sections.len(), 2);
    let kids = &o.sections[0].children;
    assert_eq!(kids.len(), 999);
    assert!(kids.iter().enumerate().all(|(i, k)| k.value == i as u32 + 1), "children in text order");
    assert!(kids.windows(2).all(|w| w[0].start < w[1].start));
    assert!(kids.iter().all(|k| k.children.len() == 20 && k.children.iter().enumerate().all(|(j, c)| c.value == j as u32 + 1)));
    assert_eq!(o.flat().len(), 2 + 999 * 21);
}
