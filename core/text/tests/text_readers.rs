//! The readers on real-shaped files: GBK and UTF-16 .txt, .md, a .docx
//! built here with localised heading styles, saved .html pages, and bad input.

use std::io::Write;

use lectern_text::read::{read_bytes, read_path, Format};
use lectern_text::{import_bytes, import_path, outline};

fn outline_of(name: &str, bytes: &[u8]) -> Vec<(String, String, Vec<String>)> {
    let c = import_bytes(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    outline::parse(&c.text)
        .sections
        .iter()
        .map(|s| (s.number.clone(), s.title.clone(), s.children.iter().map(|c| format!("{}{}", c.number, c.title)).collect()))
        .collect()
}

// ---------- plain text ----------

#[test]
fn a_gbk_file_with_crlf_reads_as_chinese() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/text/gbk-crlf-lecture.txt");
    let raw = read_path(std::path::Path::new(path)).unwrap();
    assert_eq!(raw.encoding, Some("GBK"));
    assert_eq!(raw.format, Format::Text);
    assert!(!raw.text.contains('\r'));
    assert!(raw.text.starts_with("关于加强基层党组织建设的几点思考\n　　同志们:"));
    let c = import_path(std::path::Path::new(path)).unwrap();
    assert_eq!(c.title, "关于加强基层党组织建设的几点思考");
    assert!(c.text.contains("\n\n同志们：\n\n今天，我就加强基层党组织建设讲三点意见。"));
    let o = outline::parse(&c.text);
    let flat: Vec<(u8, String)> = o.flat().iter().map(|s| (s.level, format!("{}{}", s.number, s.title))).collect();
    assert_eq!(
        flat,
        vec![
            (1, "一、提高认识，把握好三个关系".to_string()),
            (2, "（一）坚持问题导向".to_string()),
            (3, "1.加强队伍建设".to_string()),
            (4, "（1）完善考核办法".to_string()),
            (4, "（2）健全激励机制".to_string()),
            (3, "2.夯实基础保障".to_string()),
            (2, "（二）坚持系统观念".to_string()),
            (1, "二、狠抓落实，推动工作见效".to_string()),
        ]
    );
}

#[test]
fn gbk_made_here_and_utf16_and_bom_all_decode() {
    let s = "党课讲稿\n同志们：\n一、坚定理想信念\n（一）学习党史。";
    let (gbk, _, _) = encoding_rs::GBK.encode(s);
    let raw = read_bytes("讲稿.txt", &gbk).unwrap();
    assert_eq!((raw.text.as_str(), raw.encoding), (s, Some("GBK")));

    let mut le = vec![0xFF, 0xFE];
    le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
    assert_eq!(read_bytes("a.txt", &le).unwrap().text, s);
    let mut be = vec![0xFE, 0xFF];
    be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
    let raw = read_bytes("a.txt", &be).unwrap();
    assert_eq!((raw.text.as_str(), raw.encoding), (s, Some("UTF-16BE")));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(s.replace('\n', "\r").as_bytes());
    let raw = read_bytes("a.TXT", &bom).unwrap();
    assert_eq!((raw.text.as_str(), raw.encoding), (s, Some("UTF-8")));
}

#[test]
fn markdown_headings_become_numbered_headings() {
    let md = "# 学习党章\n\n同志们：\n\n## 认真学习\n\n要学。\n\n### 逐条学\n\n## 二、严格遵守\n\n## 带头践行 ##\n";
    let raw = read_bytes("讲稿.md", md.as_bytes()).unwrap();
    assert_eq!(raw.format, Format::Markdown);
    assert!(raw.text.starts_with("学习党章\n"));
    assert_eq!(
        outline_of("讲稿.md", md.as_bytes()),
        vec![
            ("一、".into(), "认真学习".into(), vec!["（一）逐条学".to_string()]),
            ("二、".into(), "严格遵守".into(), vec![]),
            ("三、".into(), "带头践行".into(), vec![]),
        ]
    );
    assert_eq!(raw.headings.iter().filter(|h| h.ordinal_added).count(), 3);
    assert!(raw.headings[0].is_title);
}

// ---------- .docx ----------

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="标题2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>
  <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="我的一级标题"/><w:basedOn w:val="1"/></w:style>
  <w:style w:type="paragraph" w:styleId="zdy"><w:name w:val="自定义小标题"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
  <w:style w:type="character" w:styleId="1Char"><w:name w:val="heading 1 Char"/></w:style>
</w:styles>"#;

fn para(style: Option<&str>, runs: &str) -> String {
    let ppr = style.map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)).unwrap_or_default();
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn run(t: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#)
}

fn document() -> String {
    let body = [
        para(Some("a3"), &run("学习贯彻党的二十届三中全会精神")),
        para(None, &run("同志们：")),
        para(None, &format!("{}{}", run("今天我和大家一起学习全会精神。"), run("这是第二个句子。"))),
        para(Some("1"), &run("深刻领会全会的重大意义")),
        para(Some("标题2"), &run("全会的历史地位")),
        para(None, &format!("{}<w:r><w:br/></w:r>{}", run("改革开放是决定当代中国命运的关键一招&amp;法宝。"), run("换行之后的一句。"))),
        para(Some("标题2"), &run("（二）全会的主要内容")),
        para(Some("MyHeading"), &run("准确把握全会的主要任务")),
        para(Some("标题2"), &run("改革的总目标")),
        para(Some("zdy"), &run("完善制度")),
        para(None, &format!("<w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>{}", run("保留的字。"))),
        format!("<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>", para(None, &run("表格里的文字。"))),
        para(None, ""),
    ]
    .concat();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn lecture_docx() -> Vec<u8> {
    docx(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        ("word/document.xml", &document()),
        ("word/styles.xml", STYLES),
    ])
}

#[test]
fn a_docx_reads_in_order_with_localised_heading_styles() {
    let bytes = lecture_docx();
    let raw = read_bytes("报告.docx", &bytes).unwrap();
    assert_eq!(raw.format, Format::Docx);
    let lines: Vec<&str> = raw.text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "学习贯彻党的二十届三中全会精神",
            "同志们：",
            "今天我和大家一起学习全会精神。这是第二个句子。",
            "一、深刻领会全会的重大意义",
            "（一）全会的历史地位",
            "改革开放是决定当代中国命运的关键一招&法宝。",
            "换行之后的一句。",
            "（二）全会的主要内容",
            "二、准确把握全会的主要任务",
            "（一）改革的总目标",
            "1.完善制度",
            "保留的字。",
            "表格里的文字。",
        ]
    );
    let added: Vec<(usize, u8, bool)> = raw.headings.iter().map(|h| (h.paragraph, h.source_level, h.ordinal_added)).collect();
    assert_eq!(added, vec![(0, 0, false), (3, 1, true), (4, 2, true), (7, 2, false), (8, 1, true), (9, 2, true), (10, 3, true)]);
    assert!(raw.headings[0].is_title);

    let c = import_bytes("报告.docx", &bytes).unwrap();
    assert_eq!(c.title, "学习贯彻党的二十届三中全会精神");
    assert_eq!(
        outline_of("报告.docx", &bytes),
        vec![
            ("一、".into(), "深刻领会全会的重大意义".into(), vec!["（一）全会的历史地位".to_string(), "（二）全会的主要内容".into()]),
            ("二、".into(), "准确把握全会的主要任务".into(), vec!["（一）改革的总目标".to_string()]),
        ]
    );
}

#[test]
fn bad_docx_files_say_what_is_wrong() {
    let err = |name: &str, bytes: &[u8]| read_bytes(name, bytes).unwrap_err().to_string();
    assert_eq!(err("报告.docx", b"this is not a zip file at all"), "无法读取 报告.docx：文件已损坏（不是有效的 docx）");
    let mut cut = lecture_docx();
    cut.truncate(cut.len() / 2);
    assert_eq!(err("报告.docx", &cut), "无法读取 报告.docx：文件已损坏（不是有效的 docx）");
    let no_doc = docx(&[("word/styles.xml", STYLES)]);
    assert_eq!(err("空壳.docx", &no_doc), "无法读取 空壳.docx：文件已损坏（docx 中缺少 word/document.xml）");
    let broken = docx(&[("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>半截")]);
    assert_eq!(err("坏.docx", &broken), "无法读取 坏.docx：文件已损坏（word/document.xml 不完整）");
    let garbage = docx(&[("word/document.xml", "<w:document><w:body></w:p></w:body>")]);
    assert_eq!(err("乱.docx", &garbage), "无法读取 乱.docx：文件已损坏（word/document.xml 无法解析）");
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    // A compound file is read as Word 97–2003 (.doc reader); a broken one says so.
    assert_eq!(err("旧.docx", &ole), "无法读取 旧.docx：Word/WPS 文档已损坏或无法识别（复合文档结构无法读取）");
    assert_eq!(err("旧.doc", &ole), "无法读取 旧.doc：Word/WPS 文档已损坏或无法识别（复合文档结构无法读取）");
    let empty_doc = docx(&[("word/document.xml", &format!("<w:document><w:body>{}</w:body></w:document>", para(None, "")))]);
    assert_eq!(err("空.docx", &empty_doc), "无法读取 空.docx：文件里没有文字");
}

// ---------- .html ----------

fn saved_page() -> String {
    r#"<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>学习党章 做合格党员_党建范文网</title>
<style>.content p { text-indent: 2em; } body:before { content: "样式里的字"; }</style>
<script>document.write("脚本里的字"); var a = "<p>假段落</p>";</script>
</head><body>
<div class="header"><a href="/">网站首页</a> <a href="/login">登录</a></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/dj">党建</a></li><li><a href="/jg">讲稿</a></li></ul></nav>
<div class="breadcrumb">您的位置：首页 &gt; 讲稿 &gt; 正文</div>
<div class="main">
 <div class="article">
  <h1>学习党章 做合格党员</h1>
  <div class="info">发布时间：2024-07-01 10:00 来源：本站 阅读 100 次</div>
  <div class="content">
   <p>同志们：</p>
   <p>今天，我们在这里学习党章。党章是党的根本大法，是全党必须遵循的总规矩。</p>
   <p><strong>一、认真学习党章</strong></p>
   <p>学习党章要原原本本、逐条逐句地学，做到入脑入心。&nbsp;</p>
   <p>&nbsp;</p>
   <h2>严格遵守党章</h2>
   <p>遵守党章，就要严守党的政治纪律和政治规矩，在思想上政治上行动上同党中央保持高度一致。</p>
   <p style="display:none">隐藏的字</p>
  </div>
  <div class="share">分享到：微信 微博 QQ空间</div>
 </div>
 <div class="sidebar"><h3>相关文章</h3><ul><li><a href="/1">党课讲稿：坚定理想信念</a></li><li><a href="/2">党课讲稿：牢记初心使命</a></li></ul></div>
</div>
<footer>版权所有 © 2024 党建范文网 京ICP备00000000号</footer>
</body></html>"#
        .to_string()
}

#[test]
fn a_saved_gbk_page_yields_the_article_only() {
    let page = saved_page();
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    let raw = read_bytes("党章.html", &bytes).unwrap();
    assert_eq!(raw.encoding, Some("GBK"));
    for junk in ["脚本里的字", "假段落", "样式里的字", "网站首页", "登录", "您的位置", "分享到", "相关文章", "党课讲稿：坚定理想信念", "版权所有", "隐藏的字", "发布时间"] {
        assert!(!raw.text.contains(junk), "{junk} in {}", raw.text);
    }
    let c = import_bytes("党章.html", &bytes).unwrap();
    assert_eq!(c.title, "学习党章 做合格党员");
    assert_eq!(
        c.text,
        "学习党章 做合格党员\n\n同志们：\n\n今天，我们在这里学习党章。党章是党的根本大法，是全党必须遵循的总规矩。\n\n一、认真学习党章\n\n学习党章要原原本本、逐条逐句地学，做到入脑入心。\n\n二、严格遵守党章\n\n遵守党章，就要严守党的政治纪律和政治规矩，在思想上政治上行动上同党中央保持高度一致。"
    );
}

#[test]
fn a_utf8_page_without_h1_takes_its_title_from_the_title_tag() {
    let page = r#"<html><head><meta charset="utf-8"><title>坚定理想信念 - 某某网</title></head>
<body><div id="menu">首页 关于</div><article><p>同志们：</p><p>理想信念是共产党人精神上的“钙”。没有理想信念，就会得“软骨病”。</p><p>（一）补足精神之钙。要学习。</p></article></body></html>"#;
    let raw = read_bytes("a.htm", page.as_bytes()).unwrap();
    assert_eq!(raw.encoding, Some("UTF-8"));
    assert_eq!(raw.text.lines().next(), Some("坚定理想信念"));
    assert!(!raw.text.contains("首页"));
    let o = outline::parse(&import_bytes("a.htm", page.as_bytes()).unwrap().text);
    assert_eq!(o.sections[0].title, "补足精神之钙");
}

// ---------- bad input ----------

#[test]
fn bad_files_get_one_clear_line() {
    let err = |name: &str, bytes: &[u8]| read_bytes(name, bytes).unwrap_err().to_string();
    assert_eq!(err("空.txt", b""), "无法读取 空.txt：文件是空的");
    assert_eq!(err("空白.txt", b" \r\n\t\n"), "无法读取 空白.txt：文件是空的");
    assert_eq!(err("图.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"), "无法读取 图.txt：不是文本文件（内容像是二进制数据）");
    #[cfg(feature = "pdf")]
    assert_eq!(err("讲稿.pdf", b"%PDF-1.7"), "无法读取 讲稿.pdf：PDF 文件已损坏或无法识别（无法解析）");
    assert_eq!(err("讲稿.odt", b"x"), "无法读取 讲稿.odt：不支持 .odt 文件（可以读取 .txt、.md、.docx、.doc、.wps、.pdf、.html、.htm）");
    assert!(err("讲稿", b"abc").contains("没有扩展名"));
    let e = read_path(std::path::Path::new("/nonexistent/讲稿.txt")).unwrap_err();
    assert_eq!(e.to_string(), "无法读取 讲稿.txt：文件不存在");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("文件夹.txt");
    std::fs::create_dir(&d).unwrap();
    assert_eq!(read_path(&d).unwrap_err().to_string(), "无法读取 文件夹.txt：这是一个文件夹，不是文件");
    for e in [err("空.txt", b""), err("讲稿.pdf", b"x")] {
        assert!(!e.contains('\n'));
    }
}
