import { afterEach, describe, expect, it } from "vitest";
import type { UserRule } from "./api";
import { openWordingRules, type RulesApi } from "./wordingRules";

/** The library's side, kept in memory: the real one is covered by lectern-library's tests and the e2e test. */
function memoryRules(): RulesApi & { rules: UserRule[] } {
  let next = 1;
  const rules: UserRule[] = [];
  return {
    rules,
    checkRulesList: async () => rules.map((r) => ({ ...r })),
    checkRuleAdd: async (pattern, standard, note) => {
      if (!pattern.trim() || !standard.trim()) throw "规范表述的原文和规范写法都不能为空";
      rules.push({ id: next, pattern: pattern.trim(), standard: standard.trim(), note: note.trim(), also_correct: [], created_at: "" });
      return next++;
    },
    checkRuleRemove: async (id) => {
      rules.splice(rules.findIndex((r) => r.id === id), 1);
      return null;
    },
  };
}

const q = <T extends Element>(testid: string): T => document.querySelector<T>(`[data-testid="${testid}"]`)!;
const rows = (): string[] => Array.from(document.querySelectorAll('[data-testid="wording-rule"] .wording-rule-text')).map((e) => e.textContent!);
const settle = () => new Promise((r) => setTimeout(r, 0));

function type(testid: string, value: string): void {
  q<HTMLInputElement>(testid).value = value;
}

afterEach(() => document.body.replaceChildren());

describe("the 规范表述 dialog", () => {
  it("lists, adds and removes the user's rules, and tells the pane after each change", async () => {
    const store = memoryRules();
    let changes = 0;
    const closed = openWordingRules(() => void changes++, store);
    await settle();
    expect(q("wording-rule-list").textContent).toBe("还没有自己添加的规范表述");

    type("wording-rule-pattern", "基层党建工作法");
    type("wording-rule-standard", "基层党建“三联”工作法");
    type("wording-rule-note", "本单位通知");
    q<HTMLButtonElement>("wording-rule-add").click();
    await settle();
    await settle();
    expect(rows()).toEqual(["基层党建工作法 → 基层党建“三联”工作法"]);
    expect(q("wording-rule").textContent).toContain("本单位通知");
    expect(q<HTMLInputElement>("wording-rule-pattern").value).toBe("");
    expect(changes).toBe(1);
    // Adding keeps the dialog open.
    expect(q<HTMLDialogElement>("wording-rules-dialog").open).toBe(true);

    q<HTMLButtonElement>("wording-rule-remove").click();
    await settle();
    await settle();
    expect(rows()).toEqual([]);
    expect(store.rules).toEqual([]);
    expect(changes).toBe(2);

    document.querySelector<HTMLButtonElement>('[data-testid="wording-rules-dialog"] footer button')!.click();
    await closed;
    expect(q("wording-rules-dialog")).toBeNull();
  });

  it("shows the library's message when a rule is refused, and keeps what was typed", async () => {
    const store = memoryRules();
    let changes = 0;
    void openWordingRules(() => void changes++, store);
    await settle();
    type("wording-rule-standard", "党的二十大精神");
    q<HTMLButtonElement>("wording-rule-add").click();
    await settle();
    const error = q<HTMLElement>("wording-rule-error");
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe("规范表述的原文和规范写法都不能为空");
    expect(q<HTMLInputElement>("wording-rule-standard").value).toBe("党的二十大精神");
    expect(changes).toBe(0);
  });
});
