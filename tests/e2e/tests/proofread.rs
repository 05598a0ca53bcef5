//! 校对 on the release window: a lecture with known errors (一. for 一、, half-width commas in
//! Chinese, 的的, 二十大精神) is listed in the 校对 pane by category with counts and underlined in
//! the editor; clicking a finding selects its span; 改 fixes one; 全部改 fixes every one of a rule
//! and a single Ctrl+Z brings them all back; 忽略 hides a finding, and it stays hidden after the
//! window is opened again on the same library; 不再检查 switches a rule off until 恢复检查. The
//! lecture is made as a user makes one (新建, then typing), so the test runs on any build.

use lectern_e2e::App;

const BODY: &str = "一.深刻领会党的创新理论\n\n我们要深刻领会二十大精神,坚持理论联系实际,推动各项工作落实落地。\n\n二、把握实践要求\n\n全体党员要带头学习的的理论,带头实践。\n";
const GROUPS: &str = r#"[data-testid="check-group"]"#;
const SUMMARY: &str = r#"[data-testid="check-summary"]"#;

fn item(rule: &str) -> String {
    format!(r#"[data-testid="check-item"][data-rule="{rule}"]"#)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_proofreading_pane_lists_selects_fixes_undoes_and_ignores() {
    // A new lecture, its text typed in (typing is never cleaned, so the errors stay).
    let mut app = App::launch().await;
    let content = app.new_lecture().await;
    let enter = char::from(fantoccini::key::Key::Enter).to_string();
    content.send_keys(&BODY.trim_end().replace('\n', &enter)).await.unwrap();
    app.wait_for_editor(|t| t == BODY.trim_end()).await;

    // The 校对 tab beside 提纲: its count, then the findings by category with counts.
    app.wait_for_text_contents(r#"[data-testid="check-count"]"#, |t| t == ["6"]).await;
    app.click(r#"[data-testid="tab-check"]"#).await;
    let groups = app.wait_for_text_contents(GROUPS, |t| t.len() == 4).await;
    assert_eq!(groups, ["标点（3）", "序号（1）", "重字（1）", "规范表述（1）"]);
    app.wait_for_text_contents(SUMMARY, |t| t == ["共 6 处"]).await;
    let rows = app.text_contents(&item("doubled.char")).await;
    assert!(rows[0].starts_with("「的的」→「的」"), "{rows:?}");
    // The outline's list gives way to the pane.
    assert_eq!(app.js("return document.getElementById('outline-list').hidden").await, true);

    // Every finding is underlined in the editor, with its message on hover.
    let marks = app.text_contents(".cm-content .cm-check").await;
    assert_eq!(marks, [".", "二十大精神", ",", ",", "的的", ","]);
    let look = app
        .js("const s = getComputedStyle(document.querySelector('.cm-content .cm-check')); return [s.textDecorationLine, s.textDecorationStyle, s.textDecorationColor, s.webkitTextDecorationsInEffect || ''].join('|')")
        .await;
    println!("the underline's style: {look}");
    assert!(look.as_str().unwrap().starts_with("underline|wavy|"), "a wavy underline: {look}");
    let tip = app.js("return document.querySelector('.cm-content .cm-check-doubled').title").await;
    assert!(tip.as_str().unwrap().contains("重复"), "{tip}");

    // Clicking a finding selects its span in the editor.
    app.click(&format!("{} .check-change", item("wording:二十大精神"))).await;
    let selected = app.js("return document.getSelection().toString()").await;
    assert_eq!(selected, "二十大精神");

    // 改 fixes that one finding.
    app.click(&format!(r#"{} [data-testid="check-fix"]"#, item("doubled.char"))).await;
    app.wait_for_editor(|t| t.contains("学习的理论") && !t.contains("的的")).await;
    app.wait_for_text_contents(GROUPS, |t| t == ["标点（3）", "序号（1）", "规范表述（1）"]).await;

    // 全部改 fixes all three half-width commas as one step; one Ctrl+Z brings all three back.
    app.click(&format!(r#"{} [data-testid="check-fix-all"]"#, item("punct.half_width"))).await;
    let fixed = app.wait_for_editor(|t| !t.contains(',')).await;
    assert_eq!(fixed.matches('，').count(), 3, "{fixed}");
    app.wait_for_text_contents(GROUPS, |t| t == ["序号（1）", "规范表述（1）"]).await;
    app.wait_for_text_contents(".cm-content .cm-check", |t| t == [".", "二十大精神"]).await;
    content.send_keys("\u{E009}z").await.unwrap();
    let undone = app.wait_for_editor(|t| t.matches(',').count() == 3).await;
    assert!(undone.contains("学习的理论"), "the single undo took back 全部改 only, not 改: {undone}");
    app.wait_for_text_contents(GROUPS, |t| t == ["标点（3）", "序号（1）", "规范表述（1）"]).await;

    // 忽略 hides the wording finding in this lecture.
    app.click(&format!(r#"{} [data-testid="check-ignore"]"#, item("wording:二十大精神"))).await;
    app.wait_for_text_contents(GROUPS, |t| t == ["标点（3）", "序号（1）"]).await;
    app.wait_for_text_contents(SUMMARY, |t| t == ["共 4 处，已忽略 1 处"]).await;
    app.wait_for_text_contents(".cm-content .cm-check", |t| !t.iter().any(|m| m == "二十大精神")).await;

    // 不再检查 switches the ordinal rule off; 恢复检查 brings it back.
    app.click(&format!(r#"{} [data-testid="check-disable"]"#, item("ordinal.mark"))).await;
    app.wait_for_text_contents(GROUPS, |t| t == ["标点（3）"]).await;
    let off = app.wait_for_text_contents(r#"[data-testid="check-disabled"]"#, |t| t.len() == 1).await;
    assert!(off[0].starts_with("序号后的标点"), "{off:?}");
    app.click(r#"[data-testid="check-disabled"] button"#).await;
    app.wait_for_text_contents(GROUPS, |t| t == ["标点（3）", "序号（1）"]).await;
    app.screenshot("proofread-pane").await;

    // Saved, closed and opened again: the ignored finding stays ignored.
    app.wait_for_text(r#"[data-testid="save-status"]"#, |t| t == "已保存").await;
    let data_dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    app.close().await;
    let app = App::launch_in(data_dir).await;
    app.wait_for_editor(|t| t.contains("学习的理论")).await;
    app.click(r#"[data-testid="tab-check"]"#).await;
    app.wait_for_text_contents(SUMMARY, |t| t == ["共 4 处，已忽略 1 处"]).await;
    assert_eq!(app.text_contents(GROUPS).await, ["标点（3）", "序号（1）"]);
    app.close().await;
}
