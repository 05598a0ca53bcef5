// The 校对 pane: a tab beside 提纲 in the same column (as a writing app's side panel switches between
// its outline and its review list, so the editor keeps its width), listing the core's findings by
// category with counts. Clicking a finding selects its span in the editor; 改 applies its fix, 全部改
// every fix of its rule as one undo step, 忽略 hides it in this lecture, 不再检查 switches its rule
// off for the whole library (the list of rules switched off turns them on again). The check runs
// after the outline's refresh, at the pause in typing, never on a keystroke; its findings are also
// the editor's wavy underlines (checkMarks.ts). 规范表述… opens the user's own wording rules
// (wordingRules.ts); a change there checks the open lecture again at once. Rules, ignores and fixes
// are the core's: this only draws and dispatches.
import { isolateHistory } from "@codemirror/commands";
import { EditorView } from "@codemirror/view";
import { api, type ProofFinding, type Proofread } from "./api";
import { markRange, setCheckMarks } from "./checkMarks";
import type { EditorPane } from "./editorPane";
import { changeLabel, fixCounts, groupFindings, listSignature } from "./proofread";
import { openWordingRules } from "./wordingRules";

type Tab = "outline" | "check";

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class CheckPane {
  private result: Proofread | null = null;
  /** What the list was last drawn from: an unchanged list is not drawn again. */
  private drawn = "";
  private seq = 0;
  private readonly list: HTMLElement;
  private readonly count: HTMLElement;

  constructor(
    private readonly pane: EditorPane,
    /** The lecture open in the editor, if any. */
    private readonly lecture: () => { id: number } | null,
    private readonly showError: (e: unknown) => void,
  ) {
    this.list = document.getElementById("check-list")!;
    this.count = document.getElementById("check-count")!;
    document.getElementById("tab-outline")!.addEventListener("click", () => this.showTab("outline"));
    document.getElementById("tab-check")!.addEventListener("click", () => this.showTab("check"));
    pane.afterAnalyze = () => void this.refresh();
    document.getElementById("wording-rules-button")!.addEventListener("click", () => {
      openWordingRules(() => this.refresh()).catch(showError);
    });
  }

  private get view(): EditorView {
    return this.pane.editor.view;
  }

  /** Shows 提纲 or 校对 in the side column. */
  showTab(tab: Tab): void {
    const check = tab === "check";
    document.getElementById("tab-outline")!.setAttribute("aria-selected", String(!check));
    document.getElementById("tab-check")!.setAttribute("aria-selected", String(check));
    document.getElementById("outline-list")!.hidden = check;
    document.querySelector<HTMLElement>(".outline-tools")!.hidden = check;
    document.getElementById("check-pane")!.hidden = !check;
  }

  /** Checks the editor's text as it is now (after the outline's refresh, or after 忽略 …). */
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const lecture = this.lecture();
    if (!lecture) {
      this.show(null);
      return;
    }
    const doc = this.view.state.doc;
    try {
      const result = await api.checkRun(lecture.id, this.pane.text);
      // Typed on since, or another lecture opened: the next refresh brings the findings up to date.
      if (seq !== this.seq || this.view.state.doc !== doc || this.lecture()?.id !== lecture.id) return;
      this.show(result);
    } catch (e) {
      this.showError(e);
    }
  }

  private show(result: Proofread | null): void {
    this.result = result;
    const findings = result?.findings ?? [];
    // Never dispatch into the editor while an input method composes: the next pause redraws them.
    if (!this.view.composing) {
      const marks = findings.map((f, id) => ({ id, from: f.start, to: f.end, kind: f.category_key, message: f.message }));
      this.view.dispatch({ effects: setCheckMarks.of(marks) });
    }
    this.count.textContent = findings.length > 0 ? String(findings.length) : "";
    // Typing that changes no finding leaves the list (its scroll, a focused button) as it is.
    const signature = listSignature(result, this.pane.editor.isEditable);
    if (signature === this.drawn && result) return;
    this.drawn = signature;
    this.draw();
  }

  private draw(): void {
    const result = this.result;
    this.list.replaceChildren();
    if (!result) {
      this.list.append(node("li", "check-empty", "打开一篇讲稿后在这里校对"));
      return;
    }
    const n = result.findings.length;
    const summary = node("li", "check-summary", n > 0 ? `共 ${n} 处` : "没有发现问题");
    summary.dataset.testid = "check-summary";
    if (result.ignored > 0) summary.textContent += `，已忽略 ${result.ignored} 处`;
    this.list.append(summary);
    const editable = this.pane.editor.isEditable;
    const fixes = fixCounts(result.findings);
    for (const group of groupFindings(result.findings)) {
      const header = node("li", "check-group", `${group.category}（${group.rows.length}）`);
      header.dataset.testid = "check-group";
      header.dataset.category = group.category;
      this.list.append(header);
      for (const { id, finding } of group.rows) this.list.append(this.row(id, finding, editable, fixes.get(finding.rule_key) ?? 0));
    }
    if (result.disabled.length > 0) {
      this.list.append(node("li", "check-group check-disabled-header", `不再检查的规则（${result.disabled.length}）`));
      for (const rule of result.disabled) {
        const li = node("li", "check-disabled");
        li.dataset.testid = "check-disabled";
        const on = node("button", "check-action", "恢复检查");
        on.type = "button";
        on.addEventListener("click", () => void this.setDisabled(rule.rule_key, false));
        li.append(node("span", "check-rule", rule.name), on);
        this.list.append(li);
      }
    }
  }

  private row(id: number, f: ProofFinding, editable: boolean, ruleFixes: number): HTMLElement {
    const li = node("li", "check-item");
    li.dataset.testid = "check-item";
    li.dataset.rule = f.rule_key;
    li.title = `${f.rule_name}：点击在正文中选中`;
    li.append(node("div", "check-change", changeLabel(f)), node("div", "check-message", f.message));
    const actions = node("div", "check-actions");
    const button = (label: string, testid: string, title: string, run: () => void | Promise<void>): void => {
      const b = node("button", "check-action", label);
      b.type = "button";
      b.dataset.testid = testid;
      b.title = title;
      b.addEventListener("click", (e) => {
        e.stopPropagation();
        void run();
      });
      actions.append(b);
    };
    if (f.suggestion !== null && editable) {
      button("改", "check-fix", "按建议修改这一处", () => this.fixOne(id, f));
      if (ruleFixes > 1) button(`全部改（${ruleFixes}）`, "check-fix-all", `按建议修改「${f.rule_name}」的全部 ${ruleFixes} 处（一次撤销即可还原）`, () => this.fixAll(f.rule_key));
    }
    button("忽略", "check-ignore", "本篇讲稿中不再提示这一处", () => this.ignore(f));
    button("不再检查", "check-disable", `整个讲稿库不再检查「${f.rule_name}」（可在列表末尾恢复）`, () => this.setDisabled(f.rule_key, true));
    li.append(actions);
    li.tabIndex = 0;
    li.addEventListener("click", () => this.select(id));
    li.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target === li) {
        e.preventDefault();
        this.select(id);
      }
    });
    return li;
  }

  /** Selects the finding's span in the editor (where it is now, after any edits since the check). */
  private select(id: number): void {
    const r = markRange(this.view.state, id);
    if (!r) return;
    this.view.dispatch({ selection: { anchor: r.from, head: r.to }, effects: EditorView.scrollIntoView(r.from, { y: "center" }) });
    this.view.focus();
  }

  /** 改: the finding's fix, as one undo step, if its span still holds what was found. */
  private fixOne(id: number, f: ProofFinding): void {
    const r = markRange(this.view.state, id);
    if (!r || f.suggestion === null || this.view.state.sliceDoc(r.from, r.to) !== f.found) return;
    this.view.dispatch({
      changes: { from: r.from, to: r.to, insert: f.suggestion },
      annotations: isolateHistory.of("full"),
      userEvent: "input.proofread",
    });
    void this.refresh();
  }

  /** 全部改: every fix of one rule, as one transaction, so one 撤销 brings them all back. */
  private async fixAll(ruleKey: string): Promise<void> {
    const lecture = this.lecture();
    if (!lecture) return;
    const doc = this.view.state.doc;
    try {
      const edits = await api.checkFixes(lecture.id, this.pane.text, ruleKey);
      if (this.view.state.doc !== doc) return this.showError("正文在修改时变了，请再点一次“全部改”");
      if (edits.length === 0) return;
      this.view.dispatch({
        changes: edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })),
        annotations: isolateHistory.of("full"),
        userEvent: "input.proofread",
      });
      void this.refresh();
    } catch (e) {
      this.showError(e);
    }
  }

  private async ignore(f: ProofFinding): Promise<void> {
    const lecture = this.lecture();
    if (!lecture) return;
    try {
      await api.checkIgnore(lecture.id, f.ignore);
      await this.refresh();
    } catch (e) {
      this.showError(e);
    }
  }

  private async setDisabled(ruleKey: string, disabled: boolean): Promise<void> {
    try {
      await api.checkSetRuleDisabled(ruleKey, disabled);
      await this.refresh();
    } catch (e) {
      this.showError(e);
    }
  }
}
