//! The outline and the editor as a secretary meets them (issue 13): Alt+arrows restructure the
//! section at the cursor in the text as in the outline, the closing remarks stay last and show as
//! their own row, undo works after the outline's buttons wherever the focus is, and each lecture
//! opens at its beginning or where the user last was in it.

use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use lectern_e2e::App;
use lectern_library::{Library, NewLecture};

const OUTLINE: &str = r#"[data-testid="outline-item"]"#;
const CLOSING_ROW: &str = r#"[data-testid="outline-closing"]"#;

/// Presses `key` `times` times with `modifiers` held, on whatever has the focus (as a user does).
async fn press(app: &App, modifiers: &[Key], key: char, times: usize) {
    let mut keys = KeyActions::new("keyboard".into());
    for m in modifiers {
        keys = keys.then(KeyAction::Down { value: char::from(*m) });
    }
    for _ in 0..times {
        keys = keys.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    }
    for m in modifiers.iter().rev() {
        keys = keys.then(KeyAction::Up { value: char::from(*m) });
    }
    app.client.perform_actions(keys).await.expect("key presses");
    app.client.release_actions().await.ok();
}

/// The text of the only lecture (or the one titled `title`) as saved in the library file.
fn saved_body(app: &App, title: Option<&str>) -> String {
    let lib = Library::open(&app.library_path()).unwrap();
    let list = lib.list().unwrap();
    let item = list.iter().find(|l| title.is_none_or(|t| l.title == t)).expect("the lecture is in the library");
    lib.get(item.id).unwrap().body
}

/// Waits until the saved text of the lecture meets `check`.
async fn wait_saved(app: &App, title: Option<&str>, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let body = saved_body(app, title);
        if check(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "{what}; the saved text:\n{body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The text's paragraphs (non-blank lines), as written.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| l.trim_end().to_string()).collect()
}

fn chars(text: &str, from: usize, to: usize) -> String {
    text.chars().skip(from).take(to - from).collect()
}

/// The paragraphs `text` should have after its parts are put in the order `order` (indexes of the
/// top-level sections) and renumbered 一、二、三、: every paragraph kept, word for word.
///
/// The parts are found here by hand, not by the outline code under test: the lines that begin with
/// 一、 二、 三、 … (the demo lecture has no closing remarks, so the last part runs to the end).
fn reordered(text: &str, order: &[usize]) -> Vec<String> {
    const NUMBERS: [&str; 4] = ["一、", "二、", "三、", "四、"];
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        if NUMBERS.iter().any(|n| line.starts_with(n)) {
            starts.push(at);
        }
        at += line.chars().count() + 1;
    }
    let total = text.chars().count();
    let end = |k: usize| starts.get(k + 1).copied().unwrap_or(total);
    let mut out = paragraphs(&chars(text, 0, starts[0]));
    for (k, &p) in order.iter().enumerate() {
        let mut block = paragraphs(&chars(text, starts[p], end(p)));
        // Renumbered: the new number in place of the old (both two characters, 一、 …).
        block[0] = format!("{}{}", NUMBERS[k], block[0].chars().skip(2).collect::<String>());
        out.extend(block);
    }
    out
}

/// The three parts' rows (level 1) in the outline, as shown.
async fn part_rows(app: &App) -> Vec<(usize, String)> {
    let script = r#"return Array.from(document.querySelectorAll('[data-testid="outline-item"][data-level="1"]'))
        .map(e => [Number(e.dataset.index), e.textContent]);"#;
    let v = app.js(script).await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| (r[0].as_u64().unwrap() as usize, r[1].as_str().unwrap().to_string()))
        .collect()
}

/// Issue 13, item 1: a click on a heading in the outline puts the focus into the text; there
/// Alt+↑ pressed three times moves that part up to the front (and then has nowhere to go), as the
/// outline's Alt+↑ does. CodeMirror's own "move line up" would carry the bare heading line into the
/// paragraphs before it.
#[tokio::test(flavor = "multi_thread")]
async fn alt_arrows_in_the_text_move_the_section_at_the_cursor() {
    let app = App::launch().await;
    app.wait_for_text_contents(OUTLINE, |t| t.len() == 14 && t.iter().all(|r| r.chars().count() > 4)).await;
    let before = saved_body(&app, None);
    let parts = part_rows(&app).await;
    assert_eq!(parts.len(), 3, "{parts:?}");
    let titles: Vec<String> = parts.iter().map(|(_, r)| r.chars().skip(2).collect()).collect();

    app.click(&format!(r#"[data-testid="outline-item"][data-index="{}"]"#, parts[2].0)).await;
    app.wait_for_text_contents(".outline-item.current", |t| t.len() == 1 && t[0].contains(&titles[2])).await;
    let focus = app.js("return document.activeElement.classList.contains('cm-content')").await;
    assert_eq!(focus, serde_json::json!(true), "the click on the heading put the focus into the text");
    press(&app, &[Key::Alt], char::from(Key::Up), 3).await;

    let expected_rows = vec![format!("一、{}", titles[2]), format!("二、{}", titles[0]), format!("三、{}", titles[1])];
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now: Vec<String> = part_rows(&app).await.into_iter().map(|(_, r)| r).collect();
        if now == expected_rows {
            break;
        }
        assert!(Instant::now() < deadline, "the parts never became {expected_rows:?}: {now:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let rows = app.text_contents(OUTLINE).await;
    assert_eq!(rows.len(), 14, "no section lost: {rows:?}");
    // The text itself: every paragraph where it belongs, only the parts' numbers changed.
    let expected = reordered(&before, &[2, 0, 1]);
    let after = wait_saved(&app, None, "the moved part never reached the library file", |b| paragraphs(b) == expected).await;
    assert_ne!(paragraphs(&after), paragraphs(&before));

    // Alt+↓ puts it second; Alt+→ makes it a sub-section of the part before it, Alt+← a part again.
    press(&app, &[Key::Alt], char::from(Key::Down), 1).await;
    let expected = reordered(&before, &[0, 2, 1]);
    wait_saved(&app, None, "Alt+↓ never reached the library file", |b| paragraphs(b) == expected).await;
    press(&app, &[Key::Alt], char::from(Key::Right), 1).await;
    let rows = app.wait_for_text_contents(OUTLINE, |t| t.iter().any(|r| r.ends_with(&titles[2]) && !r.starts_with("二、"))).await;
    assert_eq!(part_rows(&app).await.len(), 2, "one part fewer: {rows:?}");
    let demoted = rows.iter().find(|r| r.ends_with(&titles[2])).unwrap();
    assert!(demoted.starts_with('（'), "a sub-section now: {rows:?}");
    press(&app, &[Key::Alt], char::from(Key::Left), 1).await;
    app.wait_for_text_contents(OUTLINE, |t| t.contains(&format!("二、{}", titles[2]))).await;
    wait_saved(&app, None, "Alt+← never brought the part back", |b| paragraphs(b) == expected).await;
    app.close().await;
}

/// A lecture whose closing remarks follow its last part.
const WITH_CLOSING: &str = "关于城乡融合发展的学习体会\n\n同志们：今天和大家交流几点体会。\n\n一、深刻认识城乡融合发展的重大意义\n\n城乡融合是中国式现代化的必然要求。\n\n二、准确把握城乡融合发展的主要任务\n\n（一）推进以人为核心的新型城镇化。要让进城农民安居乐业。\n\n（二）推进乡村全面振兴。要把产业发展落到促进农民增收上来。\n\n三、切实加强党对城乡融合发展的领导\n\n各级党组织要把城乡融合发展摆在突出位置。\n\n同志们，让我们携手奋斗，为推进中国式现代化作出新的贡献！\n\n以上是我的几点体会，与大家共勉。";
const CLOSING_TEXT: &str = "同志们，让我们携手奋斗，为推进中国式现代化作出新的贡献！\n\n以上是我的几点体会，与大家共勉。";

fn library_with(lectures: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    for (title, body) in lectures {
        lib.add(&NewLecture { title: title.to_string(), body: body.to_string(), ..Default::default() }).unwrap();
        // Distinct modification times: the newest is opened first.
        std::thread::sleep(Duration::from_millis(1100));
    }
    dir
}

/// Issue 13, item 2: the closing remarks are an unnumbered 结束语 row at the end of the outline,
/// which cannot be moved; moving the last part up, or a part to the end, leaves the closing last in
/// the text and in the outline.
#[tokio::test(flavor = "multi_thread")]
async fn the_closing_remarks_stay_last() {
    let app = App::launch_in(library_with(&[("城乡融合", WITH_CLOSING)])).await;
    app.wait_for_text_contents(OUTLINE, |t| t.len() == 5).await;
    let last_row = "return document.querySelector('#outline-list').lastElementChild.textContent";
    let closing = app.wait_for_text_contents(CLOSING_ROW, |t| t.len() == 1).await;
    assert_eq!(closing, vec!["结束语".to_string()]);
    assert_eq!(app.js(last_row).await, serde_json::json!("结束语"));

    // A click on it goes to the closing, and leaves nothing to move.
    app.click(CLOSING_ROW).await;
    app.wait_for_text_contents(".outline-item.current", |t| t == ["结束语"]).await;
    let line = app.js("return document.querySelector('.cm-activeLine').textContent").await;
    assert!(line.as_str().unwrap().starts_with("同志们，让我们携手奋斗"), "the cursor is at the closing: {line}");
    for id in ["outline-move-up", "outline-move-down", "outline-promote", "outline-demote"] {
        let disabled = app.js(&format!(r#"return document.querySelector('[data-testid="{id}"]').disabled"#)).await;
        assert_eq!(disabled, serde_json::json!(true), "{id} is disabled for the closing");
    }

    // The last part moves up: the closing stays behind, last.
    app.click(r#"[data-testid="outline-item"][data-index="4"]"#).await;
    app.click(r#"[data-testid="outline-move-up"]"#).await;
    app.wait_for_text_contents(OUTLINE, |t| t.first().is_some_and(|r| r == "一、深刻认识城乡融合发展的重大意义") && t.get(1).is_some_and(|r| r == "二、切实加强党对城乡融合发展的领导")).await;
    assert_eq!(app.js(last_row).await, serde_json::json!("结束语"));
    let body = wait_saved(&app, None, "the move never reached the library file", |b| b.contains("二、切实加强")).await;
    assert!(body.ends_with(CLOSING_TEXT), "the closing stays at the end of the text:\n{body}");

    // The first part goes to the end (↓ twice): still before the closing.
    app.click(r#"[data-testid="outline-item"][data-index="0"]"#).await;
    app.click(r#"[data-testid="outline-move-down"]"#).await;
    app.wait_for_text_contents(OUTLINE, |t| t.first().is_some_and(|r| r == "一、切实加强党对城乡融合发展的领导")).await;
    app.click(r#"[data-testid="outline-move-down"]"#).await;
    let rows = app.wait_for_text_contents(OUTLINE, |t| t.last().is_some_and(|r| r.starts_with("三、深刻认识"))).await;
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(app.js(last_row).await, serde_json::json!("结束语"));
    let body = wait_saved(&app, None, "the move to the end never reached the library file", |b| b.contains("三、深刻认识")).await;
    assert!(body.ends_with(&format!("三、深刻认识城乡融合发展的重大意义\n\n城乡融合是中国式现代化的必然要求。\n\n{CLOSING_TEXT}")), "{body}");
    app.close().await;
}

/// Issue 13, item 3: after ↓ on a section, Ctrl+Z with the focus still on the button puts the text
/// back; the selection stays on that section, so the next ↓ moves the same section again.
#[tokio::test(flavor = "multi_thread")]
async fn undo_after_an_outline_move_with_the_focus_on_the_button() {
    let app = App::launch().await;
    app.wait_for_text_contents(OUTLINE, |t| t.len() == 14 && t.iter().all(|r| r.chars().count() > 4)).await;
    let before = saved_body(&app, None);
    let parts = part_rows(&app).await;
    let second: String = parts[1].1.chars().skip(2).collect();
    let third: String = parts[2].1.chars().skip(2).collect();

    app.click(&format!(r#"[data-testid="outline-item"][data-index="{}"]"#, parts[1].0)).await;
    app.click(r#"[data-testid="outline-move-down"]"#).await;
    app.wait_for_text_contents(OUTLINE, |t| t.contains(&format!("三、{second}")) && t.contains(&format!("二、{third}"))).await;
    wait_saved(&app, None, "the move never reached the library file", |b| b.contains(&format!("三、{second}"))).await;
    let in_text = app.js("return !!document.activeElement.closest('.cm-editor')").await;
    assert_eq!(in_text, serde_json::json!(false), "the focus is not in the text");

    press(&app, &[Key::Control], 'z', 1).await;
    app.wait_for_text_contents(OUTLINE, |t| t.contains(&format!("二、{second}")) && t.contains(&format!("三、{third}"))).await;
    wait_saved(&app, None, "the undo never reached the library file", |b| b == before).await;
    // The selection followed the section back to its place.
    app.wait_for_text_contents(r#"[data-testid="outline-item"][aria-selected="true"]"#, |t| t == [format!("二、{second}")]).await;

    // So ↓ moves the same section again; and Ctrl+Shift+Z, from the button, redoes a move.
    app.click(r#"[data-testid="outline-move-down"]"#).await;
    app.wait_for_text_contents(OUTLINE, |t| t.contains(&format!("三、{second}")) && t.contains(&format!("二、{third}"))).await;
    press(&app, &[Key::Control], 'z', 1).await;
    app.wait_for_text_contents(OUTLINE, |t| t.contains(&format!("二、{second}"))).await;
    press(&app, &[Key::Control, Key::Shift], 'Z', 1).await;
    app.wait_for_text_contents(OUTLINE, |t| t.contains(&format!("三、{second}"))).await;
    app.close().await;
}

/// The editor's scroll position (px).
async fn scroll_top(app: &App) -> f64 {
    app.js("return document.querySelector('.cm-scroller').scrollTop").await.as_f64().unwrap()
}

async fn wait_scroll(app: &App, what: &str, check: impl Fn(f64) -> bool) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let top = scroll_top(app).await;
        if check(top) {
            return top;
        }
        assert!(Instant::now() < deadline, "{what}: the editor is scrolled to {top}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The first line of text at the top of the editor, and how far below the editor's top it is (px).
async fn top_line(app: &App) -> (String, f64) {
    let v = app
        .js(r#"const top = document.querySelector('.cm-scroller').getBoundingClientRect().top;
            for (const line of document.querySelectorAll('.cm-line')) {
                const box = line.getBoundingClientRect();
                if (box.bottom > top + 1 && line.textContent.trim() !== '') return [line.textContent, box.top - top];
            }
            return null;"#)
        .await;
    (v[0].as_str().expect("a line of text in view").to_string(), v[1].as_f64().unwrap())
}

async fn open_lecture(app: &App, title: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        for item in app.find_all(r#"[data-testid="library-item"]"#).await {
            if item.text().await.is_ok_and(|t| t.contains(title)) && item.click().await.is_ok() {
                return;
            }
        }
        assert!(Instant::now() < deadline, "no lecture {title} in the library list");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Issue 13, item 5: a lecture opens at its beginning, not at the scroll position of the lecture
/// before it; one opened again in the same session is where the user left it.
#[tokio::test(flavor = "multi_thread")]
async fn each_lecture_opens_at_its_beginning_or_where_the_user_was() {
    let demo = lectern_library::demo::demo_lecture();
    let other = format!("乙讲稿的开头一段。\n\n{}", demo.body);
    let app = App::launch_in(library_with(&[("甲讲稿", &demo.body), ("乙讲稿", &other)])).await;
    open_lecture(&app, "甲讲稿").await;
    app.wait_for_text(".cm-content", |t| !t.contains("乙讲稿的开头一段")).await;
    let rows = app.wait_for_text_contents(OUTLINE, |t| t.len() == 14).await;
    // Far down in 甲: the last section.
    app.click(&format!(r#"[data-testid="outline-item"][data-index="{}"]"#, rows.len() - 1)).await;
    wait_scroll(&app, "the click on the last section scrolled far down", |t| t > 1000.0).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let far = top_line(&app).await;

    open_lecture(&app, "乙讲稿").await;
    app.wait_for_text(".cm-content", |t| t.contains("乙讲稿的开头一段")).await;
    wait_scroll(&app, "乙 opens at its beginning", |t| t < 5.0).await;
    let first_line = app.js("return document.querySelector('.cm-activeLine').textContent").await;
    assert_eq!(first_line, serde_json::json!("乙讲稿的开头一段。"), "the cursor is at 乙's beginning");

    open_lecture(&app, "甲讲稿").await;
    app.wait_for_text(".cm-content", |t| !t.contains("乙讲稿的开头一段")).await;
    // The same line at the top of the editor, at the same height.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = top_line(&app).await;
        if now.0 == far.0 && (now.1 - far.1).abs() < 30.0 {
            break;
        }
        assert!(Instant::now() < deadline, "甲 opens with {now:?} at the top, not where it was left: {far:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(scroll_top(&app).await > 1000.0);
    let line = app.js("return document.querySelector('.cm-activeLine').textContent").await;
    let last = rows.last().unwrap().chars().skip(3).take(6).collect::<String>();
    assert!(line.as_str().unwrap().contains(&last), "the cursor is back at the last section ({last}): {line}");
    app.close().await;
}

/// Issue 13, item 10: an outline row's tooltip holds the whole heading (a long one is cut off in
/// the row), then its counts.
#[tokio::test(flavor = "multi_thread")]
async fn outline_tooltips_hold_the_whole_heading() {
    let app = App::launch().await;
    app.wait_for_text_contents(OUTLINE, |t| t.len() == 14 && t.iter().all(|r| r.chars().count() > 4)).await;
    let rows: serde_json::Value = app
        .js(r#"return Array.from(document.querySelectorAll('[data-testid="outline-item"]')).map(e => {
            const t = e.querySelector('.outline-title');
            return [e.querySelector('.outline-number').textContent + t.textContent, e.title, t.scrollWidth > t.clientWidth];
        });"#)
        .await;
    let rows = rows.as_array().unwrap();
    for r in rows {
        let (heading, tip) = (r[0].as_str().unwrap(), r[1].as_str().unwrap());
        assert_eq!(tip.lines().next(), Some(heading), "the tooltip starts with the whole heading");
        assert!(tip.contains("字 · 约"), "and gives the counts: {tip}");
    }
    assert!(rows.iter().any(|r| r[2] == serde_json::json!(true)), "some heading is cut off in its row: {rows:?}");
    app.close().await;
}

/// Issue 13, item 10: the find/replace panel (Ctrl+F in the text) has its fields, buttons and
/// labels at the size of the rest of the UI (the outline's), not CodeMirror's 70–80 %.
#[tokio::test(flavor = "multi_thread")]
async fn the_find_panel_is_at_the_ui_text_size() {
    let app = App::launch().await;
    app.wait_for_text_contents(OUTLINE, |t| t.len() == 14).await;
    app.click(".cm-content").await;
    press(&app, &[Key::Control], 'f', 1).await;
    app.find(".cm-search input[name=search]").await;
    let sizes = app
        .js(r#"const px = e => parseFloat(getComputedStyle(e).fontSize);
            const panel = Array.from(document.querySelectorAll('.cm-search input, .cm-search button, .cm-search label')).map(px);
            return [px(document.querySelector('.outline-list')), panel];"#)
        .await;
    let ui = sizes[0].as_f64().unwrap();
    let panel: Vec<f64> = sizes[1].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!(panel.len() >= 6, "{panel:?}");
    assert!(panel.iter().all(|s| (s - ui).abs() < 0.5), "the find panel's text is {panel:?} px, the UI's {ui} px");
    app.close().await;
}

/// Issue 13, item 10: automatic snapshots say why they were taken: the first edit keeps the
/// original (原稿), 500 characters typed later keep the text before them (500 字改动).
#[tokio::test(flavor = "multi_thread")]
async fn automatic_snapshots_say_why_they_were_taken() {
    let app = App::launch().await;
    app.wait_for_text_contents(OUTLINE, |t| t.len() == 14).await;
    app.click(".cm-content").await;
    let content = app.find(".cm-content").await;
    content.send_keys("【试改】").await.unwrap();
    wait_saved(&app, None, "the first edit never reached the library file", |b| b.contains("【试改】")).await;
    let typed = "补".repeat(520);
    content.send_keys(&typed).await.unwrap();
    wait_saved(&app, None, "the typing never reached the library file", |b| b.contains(&typed)).await;
    app.click(r#"[data-testid="snapshot-button"]"#).await;
    let names = app.wait_for_texts(r#"[data-testid="snapshot-item"]"#, |t| t.len() == 2).await;
    assert!(names[0].contains("500 字改动"), "{names:?}");
    assert!(names[1].contains("原稿"), "{names:?}");
    app.close().await;
}
