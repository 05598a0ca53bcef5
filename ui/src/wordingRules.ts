// 规范表述…: the user's own wording rules for 校对, kept in the library beside the shipped ones. The
// dialog lists them (写法 → 规范写法, the note, 删除 per row) and adds one from three fields (写法,
// 规范写法, 说明). What makes a rule valid (not empty, not its own standard form) is the library's: its
// Chinese message is shown under the fields. After every change `changed` runs, so the open
// lecture's findings take the rule in at once.
import { api, type UserRule } from "./api";
import { el, showDialog } from "./dialog";

/** The commands the dialog uses (the app's, or a test's stand-in). */
export interface RulesApi {
  checkRulesList(): Promise<UserRule[]>;
  checkRuleAdd(pattern: string, standard: string, note: string): Promise<number>;
  checkRuleRemove(id: number): Promise<null>;
}

function field(label: string, testid: string, placeholder: string): [HTMLLabelElement, HTMLInputElement] {
  const input = el("input", { className: "text-input", testid });
  input.placeholder = placeholder;
  return [el("label", { className: "field" }, el("span", { text: label }), input), input];
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Opens the dialog; resolves when it is closed. */
export async function openWordingRules(changed: () => void | Promise<void>, rules: RulesApi = api): Promise<void> {
  const list = el("ul", { className: "wording-rule-list", testid: "wording-rule-list" });
  const [patternLabel, pattern] = field("写法", "wording-rule-pattern", "如：两学一做");
  const [standardLabel, standard] = field("规范写法", "wording-rule-standard", "如：“两学一做”");
  const [noteLabel, note] = field("说明", "wording-rule-note", "出处（可不填）");
  const add = el("button", { text: "添加", className: "primary", testid: "wording-rule-add" });
  add.type = "button";
  const error = el("p", { className: "wording-rule-error", testid: "wording-rule-error" });
  error.hidden = true;

  const fail = (e: unknown): void => {
    error.textContent = errorText(e);
    error.hidden = false;
  };

  async function redraw(): Promise<void> {
    const all = await rules.checkRulesList();
    list.replaceChildren();
    if (all.length === 0) list.append(el("li", { className: "wording-rule-empty", text: "还没有自己添加的规范表述" }));
    for (const rule of all) {
      const remove = el("button", { text: "删除", testid: "wording-rule-remove" });
      remove.type = "button";
      remove.title = `删除规范表述「${rule.pattern}」`;
      remove.addEventListener("click", () => void removeRule(rule.id));
      const text = el("span", { className: "wording-rule-text", text: `${rule.pattern} → ${rule.standard}` });
      const li = el("li", { className: "wording-rule", testid: "wording-rule" }, text);
      if (rule.note) li.append(el("span", { className: "wording-rule-note", text: rule.note }));
      li.append(remove);
      list.append(li);
    }
  }

  async function after(): Promise<void> {
    await redraw();
    await changed();
  }

  async function removeRule(id: number): Promise<void> {
    error.hidden = true;
    try {
      await rules.checkRuleRemove(id);
      await after();
    } catch (e) {
      fail(e);
    }
  }

  async function addRule(): Promise<void> {
    error.hidden = true;
    add.disabled = true;
    try {
      await rules.checkRuleAdd(pattern.value, standard.value, note.value);
      pattern.value = standard.value = note.value = "";
      pattern.focus();
      await after();
    } catch (e) {
      fail(e);
    } finally {
      add.disabled = false;
    }
  }

  add.addEventListener("click", () => void addRule());
  for (const input of [pattern, standard, note]) {
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        void addRule();
      }
    });
  }

  try {
    await redraw();
  } catch (e) {
    fail(e);
  }
  const intro = el("p", {
    className: "format-note",
    text: "校对时，正文中的“写法”会提示改为“规范写法”。这些规则保存在讲稿库中，与随软件提供的规则一起使用。",
  });
  const form = el("div", { className: "wording-rule-form" }, patternLabel, standardLabel, noteLabel, add);
  await showDialog("规范表述", [intro, list, form, error], [{ id: "close", label: "关闭" }], "wording-rules-dialog");
}
