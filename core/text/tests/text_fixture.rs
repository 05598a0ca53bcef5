//! The real web clipping (tests/data/web-clip-lecture.txt, a copy
//! of the shared fixture): cleaned, outlined and counted as a user sees it.

use lectern_text::{clean, outline, stats};

const RAW: &str = include_str!("../../../tests/data/web-clip-lecture.txt");

const PARTS: [(&str, &str, &[&str]); 3] = [
    (
        "一、",
        "深刻领会以新型城镇化引领推动城乡融合发展的重大意义",
        &[
            "以新型城镇化为牵引推动城乡融合发展，有利于塑造新型工农城乡关系",
            "以新型城镇化为牵引推动城乡融合发展，有利于加快构建新发展格局",
            "以新型城镇化为牵引推动城乡融合发展，有利于促进城乡区域共同繁荣",
        ],
    ),
    (
        "二、",
        "准确把握以新型城镇化引领推动城乡融合发展的时代特征",
        &[
            "以坚持人民城市人民建、人民城市为人民为价值取向，人民日益增长的美好生活需要得到更好满足",
            "以深化制度建设为主线，新型城镇化体制机制不断健全完善，汇聚更多城乡融合发展动力",
            "以发挥市场决定性作用为原则，各类要素在城乡之间的流动更加畅通",
            "以注重系统集成为导向，城乡融合发展的系统性、整体性、协同性得到更大提升",
        ],
    ),
    (
        "三、",
        "贯彻落实以新型城镇化引领推动城乡融合发展的重点任务",
        &[
            "构建产业升级、人口集聚、城镇发展的良性互动机制，加快促进城乡要素双向流动",
            "探索大中小城市和小城镇协调发展模式，解决城乡之间发展不平衡不充分的突出问题",
            "推动形成工农互促、城乡互补的城乡发展格局，有效促进城乡共同繁荣",
            "创新超大特大城市智慧高效治理体系，以城带乡，全面提升城镇治理现代化水平",
        ],
    ),
];

#[test]
fn cleaning_drops_the_site_and_keeps_title_metadata_and_body() {
    let c = clean(RAW);
    assert_eq!(c.title, "党课：坚持以新型城镇化引领推动城乡融合发展");
    assert_eq!(c.metadata.date.as_deref(), Some("2025-02-07"));
    assert_eq!(c.metadata.category.as_deref(), Some("讲稿讲义"));
    let paragraphs: Vec<&str> = c.text.split("\n\n").collect();
    assert_eq!(paragraphs[0], c.title);
    assert_eq!(paragraphs[1], "同志们：");
    assert!(paragraphs.last().unwrap().starts_with("（四）创新超大特大城市智慧高效治理体系"));
    assert!(!c.text.contains("\n\n\n"), "one blank line between paragraphs");
    for junk in ["右侧显示信息", "广告位", "网站首页", "w227", "℃", "联系我们", "付费复制", "免费复制", "验证码", "价格：2.99元", "支付宝", "扫一扫", "二维码", "最近发表", "标签列表", "最新留言", "\u{a0}"] {
        assert!(!c.text.contains(junk), "{junk} left in the text");
    }
    assert_eq!(c.removed.first().map(String::as_str), Some("右侧显示信息"));
    assert_eq!(c.removed.last().map(String::as_str), Some("最新留言"));
    assert!(c.removed.iter().any(|l| l == "w227 2025-02-07 17:20:52 讲稿讲义 54 ℃"));
    assert_eq!(c.removed.len(), 5 + 17);
}

#[test]
fn cleaning_loses_no_sentence_of_the_lecture() {
    let c = clean(RAW);
    let norm = |s: &str| lectern_text::punct::widen_punctuation(s.trim());
    let lines: Vec<&str> = RAW.lines().collect();
    // Lines 12–52 (1-based) are the lecture after its title.
    for l in &lines[11..52] {
        let l = l.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        if l.is_empty() {
            continue;
        }
        for sentence in norm(l).split_inclusive('。') {
            assert!(c.text.contains(sentence), "lost: {sentence}");
        }
    }
}

#[test]
fn punctuation_is_widened_in_chinese_and_left_in_numbers() {
    let c = clean(RAW);
    assert!(c.text.contains("按照局党组工作安排，下面，我围绕"));
    assert!(c.text.contains("从2012年的53.1%提高至目前的66.2%，城乡关系"));
    assert!(c.text.contains("《国家新型城镇化规划（2014—2020年）》"));
    assert!(c.text.contains("所有县级行政区已全部开通5G网络"));
    assert!(c.text.contains("推动各地因地制宜发展新质生产力，加快传统产业转型升级，培育壮大新兴产业，布局建设未来产业；着力"));
    assert!(!c.text.contains(['(', ')', ',', ';']));
}

#[test]
fn the_outline_has_three_parts_and_eleven_sub_sections() {
    let c = clean(RAW);
    let o = outline::parse(&c.text);
    assert_eq!(o.title.as_deref(), Some("党课：坚持以新型城镇化引领推动城乡融合发展"));
    assert_eq!(o.sections.len(), 3);
    let text: Vec<char> = c.text.chars().collect();
    for (s, (number, title, subs)) in o.sections.iter().zip(PARTS) {
        assert_eq!((s.level, s.number.as_str(), s.title.as_str(), s.run_in), (1, number, title, false));
        assert_eq!(s.children.len(), subs.len());
        for (k, (sub, want)) in s.children.iter().zip(subs).enumerate() {
            assert_eq!(sub.level, 2);
            assert_eq!(sub.number, format!("（{}）", ["一", "二", "三", "四"][k]));
            assert_eq!(sub.title, *want);
            assert!(sub.run_in);
            // The heading sentence, as the typesetter sets it, ends with its 。.
            let heading: String = text[sub.start..sub.heading_end].iter().collect();
            assert_eq!(heading, format!("{}{}。", sub.number, want));
            assert!(sub.children.is_empty());
        }
    }
    assert_eq!(o.sections.iter().map(|s| s.children.len()).sum::<usize>(), 11);
    // Ranges are char offsets: each section's text starts with its heading.
    for s in o.flat() {
        let at: String = text[s.start..s.end].iter().collect();
        assert!(at.starts_with(&format!("{}{}", s.number, s.title)));
    }
    assert_eq!(o.sections[2].end, text.len());
    lectern_text::fuzz::check_tiling(&o.sections, 0, text.len(), text.len());
}

#[test]
fn stats_count_the_lecture_and_each_part() {
    let c = clean(RAW);
    let s = stats::stats(&c.text, 200);
    assert_eq!(s.char_count, stats::count_chars(&c.text));
    assert!((4500..5200).contains(&s.char_count), "{}", s.char_count);
    assert_eq!(s.minutes, s.char_count as f64 / 200.0);
    assert_eq!(s.sections.len(), 3);
    let parts: usize = s.sections.iter().map(|p| p.char_count).sum();
    assert!(parts < s.char_count, "the title and introduction belong to no part");
    for p in &s.sections {
        let subs: usize = p.children.iter().map(|x| x.char_count).sum();
        assert!(subs < p.char_count && subs > p.char_count / 2);
    }
}
