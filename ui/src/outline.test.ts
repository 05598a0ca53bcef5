import { describe, expect, it, vi } from "vitest";
import { CLOSING, outlineKey, renderOutline, sectionAt, type OutlineHandlers, type OutlineItem } from "./outline";

const items: OutlineItem[] = [
  { index: 0, level: 1, number: "一、", title: "深刻领会", start: 10, heading_end: 100, char_count: 80, minutes: "0.4", problem: null },
  { index: 1, level: 2, number: "（一）", title: "坚持问题导向", start: 20, heading_end: 60, char_count: 30, minutes: "0.15", problem: null },
  { index: 2, level: 2, number: "（三）", title: "<b>加强</b>", start: 60, heading_end: 100, char_count: 30, minutes: "0.15", problem: "编号跳过了（二）" },
  { index: 3, level: 1, number: "二、", title: "把握好三个关系", start: 100, heading_end: 400, char_count: 260, minutes: "1.3", problem: null },
];

function handlers(): OutlineHandlers & Record<string, ReturnType<typeof vi.fn>> {
  return { select: vi.fn(), move: vi.fn(), promote: vi.fn(), demote: vi.fn(), moveUp: vi.fn(), moveDown: vi.fn() };
}

describe("outline pane", () => {
  it("renders a row per heading with its level, number, title and problem", () => {
    const list = document.createElement("ul");
    renderOutline(list, { items, selected: 1, current: 3 }, handlers());
    const rows = list.querySelectorAll<HTMLElement>('[data-testid="outline-item"]');
    expect(rows).toHaveLength(4);
    expect(Array.from(rows, (r) => r.dataset.level)).toEqual(["1", "2", "2", "1"]);
    expect(rows[1].textContent).toBe("（一）坚持问题导向");
    expect(rows[1].getAttribute("aria-selected")).toBe("true");
    expect(rows[3].classList.contains("current")).toBe(true);
    expect(rows[2].querySelector("b")).toBeNull();
    expect(rows[2].querySelector('[data-testid="outline-problem"]')?.getAttribute("title")).toBe("编号跳过了（二）");
  });

  it("updates counts and highlight in place while typing, and rebuilds when the headings change", () => {
    const list = document.createElement("ul");
    renderOutline(list, { items, selected: null, current: 0 }, handlers());
    const before = Array.from(list.querySelectorAll<HTMLElement>('[data-testid="outline-item"]'));
    const typed = items.map((i) => (i.index === 1 ? { ...i, char_count: 1234, minutes: "6" } : i));
    renderOutline(list, { items: typed, selected: null, current: 1 }, handlers());
    const after = Array.from(list.querySelectorAll<HTMLElement>('[data-testid="outline-item"]'));
    expect(after).toEqual(before);
    expect(after[1].title).toBe("（一）坚持问题导向\n1,234 字 · 约 6 分钟");
    expect(after[1].classList.contains("current")).toBe(true);
    expect(after[0].classList.contains("current")).toBe(false);
    const renamed = typed.map((i) => (i.index === 3 ? { ...i, title: "把握好四个关系" } : i));
    renderOutline(list, { items: renamed, selected: null, current: 1 }, handlers());
    const rebuilt = list.querySelectorAll<HTMLElement>('[data-testid="outline-item"]');
    expect(rebuilt[3]).not.toBe(before[3]);
    expect(rebuilt[3].textContent).toBe("二、把握好四个关系");
  });

  it("shows the closing remarks as an unnumbered last row that cannot be moved", () => {
    const list = document.createElement("ul");
    const closing = { title: "结束语", start: 400, char_count: 50, minutes: "0.3" };
    const h = handlers();
    const view = { items, closing, selected: null as number | null, current: null };
    renderOutline(list, view, h);
    const rows = Array.from(list.children) as HTMLElement[];
    expect(rows.map((r) => r.textContent)).toEqual(["一、深刻领会", "（一）坚持问题导向", "（三）<b>加强</b>⚠", "二、把握好三个关系", "结束语"]);
    expect(rows[4].dataset.testid).toBe("outline-closing");
    rows[4].click();
    expect(h.select).toHaveBeenCalledWith(CLOSING);
    expect(sectionAt(items, 450, closing)).toBe(CLOSING);
    expect(sectionAt(items, 399, closing)).toBe(3);
    // Selected, Alt+arrows do nothing to it; ↑ goes back to the last section.
    view.selected = CLOSING;
    const key = (k: string, altKey = false) => outlineKey(new KeyboardEvent("keydown", { key: k, altKey }), view, h);
    key("ArrowUp", true);
    key("ArrowLeft", true);
    expect(h.moveUp).not.toHaveBeenCalled();
    expect(h.promote).not.toHaveBeenCalled();
    key("ArrowUp");
    expect(h.select).toHaveBeenLastCalledWith(3);
    // Without a heading there is no outline, and no closing row either.
    renderOutline(list, { items: [], closing, selected: null, current: null }, h);
    expect(list.querySelector('[data-testid="outline-closing"]')).toBeNull();
  });

  it("finds the section holding the cursor", () => {
    expect(sectionAt(items, 0)).toBeNull();
    expect(sectionAt(items, 25)).toBe(1);
    expect(sectionAt(items, 99)).toBe(2);
    expect(sectionAt(items, 100)).toBe(3);
  });

  it("moves, promotes and demotes the selected heading by keyboard", () => {
    const h = handlers();
    const view = { items, selected: 2, current: null };
    const key = (k: string, altKey = false) => outlineKey(new KeyboardEvent("keydown", { key: k, altKey }), view, h);
    expect(key("ArrowUp", true)).toBe(true);
    expect(h.moveUp).toHaveBeenCalledWith(2);
    key("ArrowRight", true);
    expect(h.demote).toHaveBeenCalledWith(2);
    key("ArrowLeft", true);
    expect(h.promote).toHaveBeenCalledWith(2);
    key("ArrowDown");
    expect(h.select).toHaveBeenCalledWith(3);
  });
});
