//! Pages whose structure is built to break a reader: nesting 100,000 deep
//! (an .html of about 600 KB, the size the issue names), headings inside
//! headings, nested tables and lists. Each must read (or, deeper than the
//! reader's limit, be refused with one Chinese line naming the file) on a
//! test thread's ordinary 2 MiB stack, never overflowing it, never panicking.

use lectern_text::read::{self, Format};

/// Runs `f` on a thread with an explicit 2 MiB stack, the size Rust gives
/// spawned threads, so a reader that recursed on the input's depth would
/// overflow here as it does in the app.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().expect("the reader panicked")
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    let mut s = String::with_capacity(depth * (open.len() + close.len()) + inner.len() + 64);
    s.push_str("<html><body>");
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..depth {
        s.push_str(close);
    }
    s.push_str("</body></html>");
    s
}

#[test]
fn a_page_100000_divs_deep_is_refused_with_one_chinese_line() {
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(100_000));
    page.push_str("<p>同志们：今天我们学习党的二十届三中全会精神，深入领会改革的总目标。</p>");
    page.push_str("</body></html>");
    assert!(page.len() > 500_000, "about 600 KB as in the report: {}", page.len());
    let err = on_small_stack(move || read::read_bytes("深层嵌套.html", page.as_bytes())).unwrap_err();
    assert_eq!(err.to_string(), "无法读取 深层嵌套.html：文件的标签嵌套超过 1000 层，不像正常的讲稿，已拒绝读取");
}

#[test]
fn pages_nested_up_to_the_limit_read_their_text_without_overflow() {
    for (open, close) in [("<div>", ""), ("<span>", "</span>"), ("<ul><li>", "</li></ul>"), ("<blockquote>", "</blockquote>"), ("<pre>", "</pre>")] {
        let page = nested(open, close, 990, "深入学习贯彻党的创新理论，推动各项工作落地见效。");
        let name = format!("嵌套{}.html", open.trim_matches(['<', '>']));
        let raw = on_small_stack(move || read::read_bytes(&name, page.as_bytes()));
        match raw {
            Ok(raw) => {
                assert_eq!(raw.format, Format::Html);
                assert!(raw.text.contains("深入学习贯彻党的创新理论"), "{open}: {}", raw.text)
            }
            Err(e) => panic!("{open}: {e}"),
        }
    }
}

#[test]
fn deep_spans_lists_and_quotes_past_the_limit_are_refused_naming_the_file() {
    for (open, close) in [("<span>", "</span>"), ("<ul><li>", "</li></ul>"), ("<blockquote>", "</blockquote>"), ("<b>", "")] {
        let page = nested(open, close, 60_000, "深入学习贯彻党的创新理论");
        let err = on_small_stack(move || read::read_bytes("嵌套.htm", page.as_bytes())).unwrap_err();
        assert!(err.to_string().starts_with("无法读取 嵌套.htm：文件的标签嵌套超过"), "{open}: {err}");
    }
}

#[test]
fn a_long_page_of_unclosed_paragraphs_is_not_mistaken_for_a_deep_one() {
    let page = format!("<html><body>{}</body></html>", "<p>同志们，我们要坚定理想信念。".repeat(20_000));
    let raw = on_small_stack(move || read::read_bytes("长网页.html", page.as_bytes())).expect("reads");
    assert!(raw.text.lines().count() >= 20_000);
}

#[test]
fn deep_nested_tables_read_or_are_refused_with_a_chinese_line() {
    let page = nested("<table><tr><td>", "</td></tr></table>", 900, "表格里的讲稿文字");
    let r = on_small_stack(move || read::read_bytes("表格.html", page.as_bytes()));
    match r {
        Ok(raw) => assert!(raw.text.contains("表格里的讲稿文字")),
        Err(e) => {
            let m = e.to_string();
            assert!(m.starts_with("无法读取 表格.html："), "{m}");
        }
    }
}

#[test]
fn a_heading_inside_a_heading_reads_with_its_headings_in_order() {
    let page = "<html><body><h1>学习党纪 严守规矩<div><h2>深刻认识纪律建设的重要性</h2></div></h1>\
                <p>同志们：纪律是党的生命线。</p><h2>带头遵守六项纪律</h2><p>政治纪律是最根本的纪律。</p></body></html>";
    let raw = on_small_stack(move || read::read_bytes("标题套标题.html", page.as_bytes())).expect("reads");
    assert!(raw.text.contains("深刻认识纪律建设的重要性"), "{}", raw.text);
    assert!(raw.text.contains("带头遵守六项纪律"), "{}", raw.text);
    // Every heading the reader reports is a real line, each once, in order.
    let lines: Vec<&str> = raw.text.lines().collect();
    let paras: Vec<usize> = raw.headings.iter().map(|h| h.paragraph).collect();
    assert!(paras.windows(2).all(|w| w[0] < w[1]), "{paras:?}");
    assert!(paras.iter().all(|&p| p < lines.len()));
}

#[test]
fn headings_nested_many_deep_never_panic() {
    // <h1><div><h2><div><h3>… 490 deep (980 elements), and a heading
    // whose text sits after its inner heading.
    let mut page = String::from("<html><body>");
    for i in 0..490 {
        page.push_str(&format!("<h{}>第{i}层<div>", i % 6 + 1));
    }
    page.push_str("正文内容");
    for i in (0..490).rev() {
        page.push_str(&format!("</div>尾{i}</h{}>", i % 6 + 1));
    }
    page.push_str("</body></html>");
    let r = on_small_stack(move || read::read_bytes("层层标题.html", page.as_bytes()));
    match r {
        Ok(raw) => assert!(raw.text.contains("正文内容")),
        Err(e) => assert!(e.to_string().starts_with("无法读取 层层标题.html："), "{e}"),
    }
}
