//! The user's own 规范表述 on the release window: in the 校对 pane, 规范表述… opens a dialog where a
//! rule (写法 → 规范写法, 说明) is added and listed; a rule that changes nothing is refused with the
//! library's Chinese message. The open lecture is checked again at once: its two uses of the
//! pattern are findings with the standard form, and 改 applies one. The rule is in the library
//! file. 删除 in the dialog takes it away, and the remaining finding goes with it. The lecture is
//! made as a user makes one (新建, then typing), so the test runs on any build.

use lectern_e2e::App;
use lectern_library::Library;

const PATTERN: &str = "基层党建工作法";
const STANDARD: &str = "基层党建“三联”工作法";
const NOTE: &str = "本单位通知";
const BODY: &str = "我们要总结推广基层党建工作法，用好基层党建工作法，推动各项工作落实落地。";
const DIALOG: &str = r#"[data-testid="wording-rules-dialog"]"#;
const RULE_TEXTS: &str = r#"[data-testid="wording-rule"] .wording-rule-text"#;
const GROUPS: &str = r#"[data-testid="check-group"]"#;
const SUMMARY: &str = r#"[data-testid="check-summary"]"#;
const ITEMS: &str = r#"[data-testid="check-item"][data-rule="wording:基层党建工作法"]"#;

/// Types `text` into the dialog's field `testid`, as a user does.
async fn type_into(app: &App, testid: &str, text: &str) {
    let input = app.find(&format!(r#"{DIALOG} [data-testid="{testid}"]"#)).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

fn library_rules(app: &App) -> Vec<(String, String, String)> {
    let lib = Library::open(&app.library_path()).unwrap();
    lib.wording_rules().unwrap().into_iter().map(|r| (r.rule.pattern, r.rule.standard, r.rule.note)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wording_rule_added_in_the_window_is_checked_at_once_and_removed_again() {
    let app = App::launch().await;
    let content = app.new_lecture().await;
    content.send_keys(BODY).await.unwrap();
    app.wait_for_editor(|t| t == BODY).await;

    // Nothing to find with the shipped rules alone.
    app.click(r#"[data-testid="tab-check"]"#).await;
    app.wait_for_text_contents(SUMMARY, |t| t == ["没有发现问题"]).await;

    // 规范表述…: no rules of the user's yet.
    app.click(r#"[data-testid="wording-rules-button"]"#).await;
    app.wait_for_text_contents(&format!("{DIALOG} h3"), |t| t == ["规范表述"]).await;
    app.wait_for_text_contents(r#"[data-testid="wording-rule-list"]"#, |t| t == ["还没有自己添加的规范表述"]).await;

    // A rule whose standard form is its pattern is refused, with the library's message.
    type_into(&app, "wording-rule-pattern", PATTERN).await;
    type_into(&app, "wording-rule-standard", PATTERN).await;
    app.click(r#"[data-testid="wording-rule-add"]"#).await;
    app.wait_for_text_contents(r#"[data-testid="wording-rule-error"]"#, |t| t == [format!("规范写法与原写法相同：「{PATTERN}」不必改")]).await;
    assert!(library_rules(&app).is_empty());

    // 添加: the rule is listed with its note, and kept in the library file.
    type_into(&app, "wording-rule-standard", STANDARD).await;
    type_into(&app, "wording-rule-note", NOTE).await;
    app.click(r#"[data-testid="wording-rule-add"]"#).await;
    app.wait_for_text_contents(RULE_TEXTS, |t| t == [format!("{PATTERN} → {STANDARD}")]).await;
    assert_eq!(app.text_contents(r#"[data-testid="wording-rule"] .wording-rule-note"#).await, [NOTE]);
    assert_eq!(app.js(r#"return document.querySelector('[data-testid="wording-rule-error"]').hidden"#).await, true);
    assert_eq!(library_rules(&app), [(PATTERN.to_string(), STANDARD.to_string(), NOTE.to_string())]);
    app.screenshot("wording-rules-dialog").await;
    app.click(&format!("{DIALOG} footer button")).await;
    app.wait_for_text_contents(DIALOG, |t| t.is_empty()).await;

    // The open lecture is checked with the new rule: both uses, with the standard form and the note.
    app.wait_for_text_contents(GROUPS, |t| t == ["规范表述（2）"]).await;
    let changes = app.text_contents(&format!("{ITEMS} .check-change")).await;
    assert_eq!(changes, [format!("「{PATTERN}」→「{STANDARD}」"), format!("「{PATTERN}」→「{STANDARD}」")]);
    let messages = app.text_contents(&format!("{ITEMS} .check-message")).await;
    assert!(messages[0].contains(STANDARD) && messages[0].contains(NOTE), "{messages:?}");
    app.wait_for_text_contents(".cm-content .cm-check", |t| t == [PATTERN, PATTERN]).await;

    // 改 applies the standard form to the first; the second is still a finding.
    app.click(&format!(r#"{ITEMS} [data-testid="check-fix"]"#)).await;
    let fixed = app.wait_for_editor(|t| t.contains(STANDARD)).await;
    assert_eq!(fixed, format!("我们要总结推广{STANDARD}，用好{PATTERN}，推动各项工作落实落地。"));
    app.wait_for_text_contents(GROUPS, |t| t == ["规范表述（1）"]).await;

    // 删除 in the dialog: the rule is gone from the list, the library file and the findings.
    app.click(r#"[data-testid="wording-rules-button"]"#).await;
    app.wait_for_text_contents(RULE_TEXTS, |t| t == [format!("{PATTERN} → {STANDARD}")]).await;
    app.click(r#"[data-testid="wording-rule-remove"]"#).await;
    app.wait_for_text_contents(r#"[data-testid="wording-rule-list"]"#, |t| t == ["还没有自己添加的规范表述"]).await;
    assert!(library_rules(&app).is_empty());
    app.click(&format!("{DIALOG} footer button")).await;
    app.wait_for_text_contents(SUMMARY, |t| t == ["没有发现问题"]).await;
    assert!(app.text_contents(GROUPS).await.is_empty());
    assert!(app.text_contents(".cm-content .cm-check").await.is_empty());
    assert_eq!(app.editor_text().await, fixed, "removing the rule leaves the text as it is");
    app.close().await;
}
