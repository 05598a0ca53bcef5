//! The readers on documents made by real producers (tests/data/docs, made by
//! make-fixtures.py): one lecture as a .docx with automatic numbering and
//! tracked changes, as LibreOffice's .docx and .doc, as LibreOffice's and
//! Typst's PDF; Word's numbering cases in hand-written WordprocessingML; a
//! scanned PDF, a damaged .doc; and a text pasted out of a PDF viewer.

use std::path::{Path, PathBuf};

use lectern_text::read::{read_bytes, read_path, Format};
use lectern_text::{clean, import_path, outline, Repair};

fn doc(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/docs").join(name)
}

/// Title and every heading (number + title, indented by depth) of a file, as `lectern outline` prints them.
fn headings(path: &Path) -> (String, Vec<String>) {
    let c = import_path(path).unwrap_or_else(|e| panic!("{e}"));
    let o = outline::parse(&c.text);
    let mut out = Vec::new();
    let mut stack: Vec<(usize, &lectern_text::Section)> = o.sections.iter().rev().map(|s| (0, s)).collect();
    while let Some((depth, s)) = stack.pop() {
        out.push(format!("{}{}{}", "  ".repeat(depth), s.number, s.title));
        stack.extend(s.children.iter().rev().map(|c| (depth + 1, c)));
    }
    (c.title, out)
}

fn plain() -> (String, Vec<String>) {
    headings(&doc("lecture.txt"))
}

#[test]
fn the_plain_text_has_the_outline_the_others_must_match() {
    let (title, h) = plain();
    assert_eq!(title, "坚持以学铸魂 推动主题教育走深走实");
    assert_eq!(h.len(), 3 + 4 + 2 + 2);
    assert_eq!(h[0], "一、深刻领会主题教育的重大意义");
    assert!(h.contains(&"      （1）摸清底数".to_string()), "{h:?}");
}

#[test]
fn a_docx_with_automatic_numbering_has_the_plain_texts_outline() {
    for name in ["lecture.docx", "lecture-lo.docx"] {
        assert_eq!(headings(&doc(name)), plain(), "{name}");
    }
}

#[test]
fn a_doc_saved_by_libreoffice_has_the_plain_texts_outline() {
    assert_eq!(headings(&doc("lecture.doc")), plain());
    let raw = read_path(&doc("lecture.doc")).unwrap();
    assert_eq!(raw.format, Format::Doc);
}

#[test]
fn pdfs_printed_by_libreoffice_and_typeset_by_typst_have_the_plain_texts_outline() {
    for name in ["lecture-libreoffice.pdf", "lecture-typst.pdf"] {
        assert_eq!(headings(&doc(name)), plain(), "{name}");
    }
}

/// What every copy of the lecture must hold and must not.
fn check_body(name: &str, tracked: bool) {
    let c = import_path(&doc(name)).unwrap_or_else(|e| panic!("{e}"));
    let text = &c.text;
    assert!(text.contains("每名党员都要制定个人学习计划，每月至少精读一篇重要文章"), "{name}: the accepted insertion is kept:\n{text}");
    assert!(!text.contains("这句在修订中被删去的话不应出现"), "{name}: the deletion is dropped");
    assert!(!text.contains("内部学习资料"), "{name}: no running header");
    assert!(!text.contains('—') && !text.contains("第 1 页") && !text.contains("第1页"), "{name}: no page numbers");
    assert!(text.contains("1921年7月，中国共产党第一次全国代表大会在上海召开"), "{name}: no spaces around numbers:\n{text}");
    // The table, row by row.
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("集中学习研讨") || l.contains("专题党课") || l.starts_with("时间")).collect();
    assert_eq!(rows.len(), 3, "{name}: {rows:?}");
    assert!(rows[1].contains("四月") && rows[1].contains("支部书记"), "{name}: {rows:?}");
    // Whole paragraphs: the long first paragraph is one.
    assert!(text.contains("结合我们单位的工作实际，和大家一起交流学习体会。中国共产党人始终把理论学习摆在首位，"), "{name}");
    let _ = tracked;
}

#[test]
fn every_copy_keeps_insertions_and_tables_and_drops_deletions_headers_and_page_numbers() {
    check_body("lecture.docx", true);
    check_body("lecture-lo.docx", true);
    check_body("lecture.doc", true);
    check_body("lecture-libreoffice.pdf", false);
    check_body("lecture-typst.pdf", false);
}

#[test]
fn readers_report_what_they_did() {
    let raw = read_path(&doc("lecture.docx")).unwrap();
    assert!(raw.repairs.contains(&Repair::NumberingRendered(11)), "{:?}", raw.repairs);
    assert!(raw.repairs.contains(&Repair::DeletionsDropped(1)), "{:?}", raw.repairs);
    assert!(raw.repairs.contains(&Repair::TableRowsKept(3)), "{:?}", raw.repairs);
    let raw = read_path(&doc("lecture.doc")).unwrap();
    assert!(raw.repairs.iter().any(|r| matches!(r, Repair::NumberingRendered(11))), "{:?}", raw.repairs);
    assert!(raw.repairs.iter().any(|r| matches!(r, Repair::DeletionsDropped(_))), "{:?}", raw.repairs);
    let raw = read_path(&doc("lecture-typst.pdf")).unwrap();
    assert!(raw.repairs.iter().any(|r| matches!(r, Repair::PageNumbersRemoved(2))), "{:?}", raw.repairs);
    assert!(raw.repairs.iter().any(|r| matches!(r, Repair::RunningLinesRemoved(2))), "{:?}", raw.repairs);
    assert_eq!(Repair::NumberingRendered(11).to_string(), "写出了 11 处自动编号");
}

#[test]
fn words_numbering_cases_render_as_word_shows_them() {
    let raw = read_path(&doc("word-numbering.docx")).unwrap();
    let lines: Vec<&str> = raw.text.lines().collect();
    let want = [
        "编号测试",
        "第一部分 总体要求",  // chineseCountingThousand, suff space, numbering through a style
        "甲. 学习目标",       // ideographTraditional, a style based on the numbered one, suff tab
        "１．读原著",         // decimalFullWidth
        "２．学原文",
        "①第一条",           // decimalEnclosedCircle
        "②第二条",
        "⑴括号一",           // decimalEnclosedParen
        "（三）从三开始",     // start 3
        "⑵括号二",
        "第二部分 工作安排",
        "７．覆盖起始",       // lvlOverride/startOverride
        "甲. 再从甲起",       // lower levels restart after a higher one
        "⑶括号三",           // lvlRestart 0: never restarts
        "1.大项",             // %1.
        "1.1小项",            // %1.%2
        "控件里的文字",       // content control
        "正文开头，北京会议[1]召开。", // field result kept, code and comment not
        "文本框前。文本框后。",
        "文本框里的话。",     // the text box after its anchor, once
        "留下的句子。",       // moveFrom dropped
        "移走的句子。",       // moveTo kept
        "注释",
        "[1] 见会议通知。",
    ];
    assert_eq!(lines, want);
    assert!(!raw.text.contains("MERGEFIELD") && !raw.text.contains("批注"));
}

#[test]
fn a_scanned_pdf_says_it_has_no_text_layer() {
    let e = read_path(&doc("scanned.pdf")).unwrap_err().to_string();
    assert_eq!(e, "无法读取 scanned.pdf：这个 PDF 没有文字层（像是扫描件或图片），无法读取文字，请先用文字识别（OCR）转成文字");
}

#[test]
fn a_damaged_doc_and_broken_pdfs_get_one_line_naming_the_file() {
    let e = read_path(&doc("damaged.doc")).unwrap_err().to_string();
    assert!(e.starts_with("无法读取 damaged.doc：") && !e.contains('\n'), "{e}");
    let pdf = std::fs::read(doc("lecture-typst.pdf")).unwrap();
    for cut in [100, pdf.len() / 2, pdf.len() - 10] {
        let r = read_bytes("半份.pdf", &pdf[..cut]);
        if let Err(e) = r {
            let e = e.to_string();
            assert!(e.starts_with("无法读取 半份.pdf：") && !e.contains('\n'), "{e}");
        }
    }
    let e = read_bytes("假的.wps", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really").unwrap_err().to_string();
    assert!(e.starts_with("无法读取 假的.wps："), "{e}");
}

#[test]
fn an_encrypted_doc_is_named_as_such() {
    let mut bytes = std::fs::read(doc("lecture.doc")).unwrap();
    // Set fEncrypted in the FIB of the WordDocument stream, found by its magic.
    let at = bytes.windows(2).position(|w| w == [0xEC, 0xA5]).unwrap();
    bytes[at + 0x0B] |= 0x01;
    let e = read_bytes("加密.doc", &bytes).unwrap_err().to_string();
    assert!(e.contains("已加密"), "{e}");
}

/// A text as a PDF viewer's copy gives it: lines broken at the page edge,
/// spaces between Han characters and around numbers, a running header, page
/// numbers and a table of contents.
const PASTED: &str = "坚持以学铸魂 推动主题教育走深走实
目 录
一、深刻领会主题教育的重大意义……………………1
二、准确把握主题教育的目标要求……………………2
同志们：
今天，我们召开支部党员大会，围绕学习贯彻习近平新时代中国特
色社会主义思想主题教育，结合我们单位的工作实际，和大家一起交流
学习体会。中国共产党人始终把理论学习摆在首位， 1921 年 7 月，中
国共产 党第一次全国代表大会在上海召开，从此中国革命的面貌焕然一
新。
一、深刻领会主题教育的重大意义
（一）这是统一思想统一意志统一行动的需要。全党同志要从讲政
治的高度认识开展主题教育的必要性和紧迫性，把思想和行动统一到党
— 1 —
中央决策部署上来，切实增强做好各项工作的责任感和使命感，以实际
行动检验学习成效。We keep Latin words apart.
二、准确把握主题教育的目标要求
";

#[test]
fn a_text_pasted_from_a_pdf_comes_out_in_whole_paragraphs_without_spaces_between_han() {
    let c = clean(PASTED);
    let paragraphs: Vec<&str> = c.text.split("\n\n").collect();
    assert_eq!(
        paragraphs,
        [
            "坚持以学铸魂 推动主题教育走深走实",
            "同志们：",
            "今天，我们召开支部党员大会，围绕学习贯彻习近平新时代中国特色社会主义思想主题教育，结合我们单位的工作实际，和大家一起交流学习体会。中国共产党人始终把理论学习摆在首位，1921年7月，中国共产党第一次全国代表大会在上海召开，从此中国革命的面貌焕然一新。",
            "一、深刻领会主题教育的重大意义",
            "（一）这是统一思想统一意志统一行动的需要。全党同志要从讲政治的高度认识开展主题教育的必要性和紧迫性，把思想和行动统一到党中央决策部署上来，切实增强做好各项工作的责任感和使命感，以实际行动检验学习成效。We keep Latin words apart.",
            "二、准确把握主题教育的目标要求",
        ]
    );
    // The preview lists each repair as a removal.
    assert!(c.removed.contains(&"目 录".to_string()), "{:?}", c.removed);
    assert!(c.removed.contains(&"— 1 —".to_string()), "{:?}", c.removed);
    assert!(c.removed.iter().any(|r| r.starts_with("汉字、数字之间多余的空格")), "{:?}", c.removed);
    assert!(c.removed.iter().any(|r| r.starts_with("段落中间的断行")), "{:?}", c.removed);
    let o = outline::parse(&c.text);
    assert_eq!(o.sections.len(), 2);
}

#[test]
fn a_text_with_one_paragraph_a_line_is_left_as_it_is() {
    let text = std::fs::read_to_string(doc("lecture.txt")).unwrap();
    let c = clean(&text);
    assert_eq!(c.text.split("\n\n").count(), text.lines().filter(|l| !l.trim().is_empty()).count());
    assert!(c.removed.is_empty(), "{:?}", c.removed);
}

/// A PDF from numbered object bodies, with a correct cross-reference table.
fn pdf_of(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes());
    out
}

fn stream(dict: &str, content: &str) -> String {
    format!("<< {dict} /Length {} >>\nstream\n{content}\nendstream", content.len())
}

#[test]
fn a_pdf_that_loops_into_itself_is_read_without_overflowing_the_stack() {
    let page_text = "BT /F1 12 Tf 72 700 Td (Hello from the second page.) Tj ET";
    let pdf = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        // The page tree is its own parent: inheriting loops.
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Parent 2 0 R >>",
        "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 8 0 R >>",
        // A form that draws itself.
        &stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm 5 0 R >> >>", "/Fm Do"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        &stream("", "BT ET"),
        &stream("", &format!("/Fm Do {page_text}")),
    ]);
    let r = read_bytes("循环.pdf", &pdf);
    match r {
        Ok(raw) => assert!(raw.text.contains("Hello from the second page."), "{}", raw.text),
        Err(e) => assert!(e.to_string().starts_with("无法读取 循环.pdf："), "{e}"),
    }
}

#[test]
fn the_numbering_cases_saved_as_doc_by_libreoffice_read_as_libreoffice_shows_them() {
    let raw = read_path(&doc("word-numbering.doc")).unwrap();
    let lines: Vec<&str> = raw.text.lines().take(16).collect();
    // LibreOffice's own text export of this .doc shows these numbers (it
    // saves ⑴ as plain decimal and does not keep lvlRestart 0).
    let want = [
        "编号测试", "第一部分 总体要求", "甲. 学习目标", "１．读原著", "２．学原文", "①第一条", "②第二条", "1括号一", "（三）从三开始", "2括号二",
        "第二部分 工作安排", "７．覆盖起始", "甲. 再从甲起", "1括号三", "1.大项", "1.1小项",
    ];
    assert_eq!(lines, want);
    assert!(raw.text.contains("正文开头，北京会议召开。"), "field results kept, codes dropped:\n{}", raw.text);
    assert!(!raw.text.contains("MERGEFIELD") && !raw.text.contains("FORMTEXT"));
    // A .wps from WPS is this same binary format.
    let bytes = std::fs::read(doc("lecture.doc")).unwrap();
    let wps = read_bytes("讲稿.wps", &bytes).unwrap();
    assert_eq!(wps.format, Format::Doc);
    assert!(wps.text.starts_with("坚持以学铸魂 推动主题教育走深走实\n同志们："));
}

#[test]
fn deeply_nested_word_xml_reads_without_recursion() {
    use std::io::Write;
    let depth = 20_000;
    let body = format!(
        "{}<w:p><w:r><w:t>最里面的话</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let tables = format!(
        "{}<w:p><w:r><w:t>表中表</w:t></w:r></w:p>{}",
        "<w:tbl><w:tr><w:tc>".repeat(2000),
        "</w:tc></w:tr></w:tbl>".repeat(2000)
    );
    let xml = format!(r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}{tables}</w:body></w:document>"#);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let raw = read_bytes("深.docx", &bytes).unwrap();
    assert_eq!(raw.text, "最里面的话\n表中表");
}
