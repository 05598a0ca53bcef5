// The outline pane: one row per heading, read from the text by the core parser, and after them the
// closing remarks (结束语) when the core finds them: unnumbered, and never moved. Rows are plain text
// (textContent); clicking selects a heading and scrolls the editor to it, dragging moves a section.

import type { ClosingItem, OutlineItem, Placement } from "./api";
import { groupDigits } from "./format";

export type { ClosingItem, OutlineItem, Placement };

/** The index that names the closing remarks' row (sections are 0, 1, 2 …). */
export const CLOSING = -1;

export interface OutlineHandlers {
  select(index: number): void;
  move(from: number, target: number, placement: Placement): void;
  promote(index: number): void;
  demote(index: number): void;
  moveUp(index: number): void;
  moveDown(index: number): void;
}

export interface OutlineView {
  items: OutlineItem[];
  /** The closing remarks, if the text has them. */
  closing?: ClosingItem | null;
  /** A section's index, [`CLOSING`] for the closing remarks, or none. */
  selected: number | null;
  current: number | null;
}

/** The section (index) holding UTF-16 position `offset`: the last heading that starts at or before it,
 * or [`CLOSING`] from where the closing remarks begin. */
export function sectionAt(items: OutlineItem[], offset: number, closing?: ClosingItem | null): number | null {
  if (closing && offset >= closing.start) return CLOSING;
  let found: number | null = null;
  for (const item of items) {
    if (item.start <= offset) found = item.index;
    else break;
  }
  return found;
}

/** What the rows show apart from counts and highlight: when it is unchanged, the rows are updated in place. */
function shape(items: OutlineItem[], closing: boolean): string {
  const rows = items.map((i) => `${i.index}\u0001${i.level}\u0001${i.number}\u0001${i.title}\u0001${i.problem ?? ""}`);
  return rows.join("\u0002") + (closing ? "\u0003" : "");
}

/** The row's tooltip: the whole heading (the row cuts a long one off), then its counts. */
function rowTip(item: OutlineItem | ClosingItem): string {
  const heading = "number" in item ? `${item.number}${item.title}` : item.title;
  return `${heading}\n${groupDigits(item.char_count)} 字 · 约 ${item.minutes} 分钟`;
}

export function renderOutline(list: HTMLElement, view: OutlineView, handlers: OutlineHandlers): void {
  // Typing inside a section changes only its counts: update the rows instead of rebuilding them.
  const closing = view.items.length > 0 ? (view.closing ?? null) : null;
  const signature = shape(view.items, closing !== null);
  if (view.items.length > 0 && list.dataset.shape === signature) {
    const rows = list.querySelectorAll<HTMLElement>('[data-testid="outline-item"]');
    view.items.forEach((item, k) => {
      const row = rows[k];
      row.title = rowTip(item);
      row.classList.toggle("current", item.index === view.current);
      row.setAttribute("aria-selected", String(item.index === view.selected));
      rowItems.set(row, item);
    });
    const row = list.querySelector<HTMLElement>('[data-testid="outline-closing"]');
    if (row && closing) {
      row.title = rowTip(closing);
      row.classList.toggle("current", view.current === CLOSING);
      row.setAttribute("aria-selected", String(view.selected === CLOSING));
    }
    return;
  }
  list.dataset.shape = signature;
  list.replaceChildren();
  if (view.items.length === 0) {
    const empty = document.createElement("li");
    empty.className = "outline-empty";
    empty.textContent = "正文里没有找到“一、”“（一）”这样的标题";
    list.append(empty);
    return;
  }
  for (const item of view.items) {
    const row = document.createElement("li");
    row.className = "outline-item";
    row.dataset.testid = "outline-item";
    row.dataset.level = String(item.level);
    row.dataset.index = String(item.index);
    row.style.paddingLeft = `${8 + (item.level - 1) * 14}px`;
    row.setAttribute("role", "treeitem");
    row.setAttribute("aria-level", String(item.level));
    row.setAttribute("aria-selected", String(item.index === view.selected));
    if (item.index === view.current) row.classList.add("current");
    row.title = rowTip(item);

    const num = document.createElement("span");
    num.className = "outline-number";
    num.textContent = item.number;
    const title = document.createElement("span");
    title.className = "outline-title";
    title.textContent = item.title;
    row.append(num, title);
    if (item.problem) {
      const warn = document.createElement("span");
      warn.className = "outline-problem";
      warn.textContent = "⚠";
      warn.title = item.problem;
      warn.dataset.testid = "outline-problem";
      row.append(warn);
    }
    rowItems.set(row, item);
    attachDrag(list, row, handlers);
    list.append(row);
  }
  if (closing) list.append(closingRow(closing, view, handlers));
}

/** The closing remarks' row: unnumbered, not dragged; a click goes to the closing. */
function closingRow(closing: ClosingItem, view: OutlineView, handlers: OutlineHandlers): HTMLElement {
  const row = document.createElement("li");
  row.className = "outline-item outline-closing";
  row.dataset.testid = "outline-closing";
  row.dataset.level = "1";
  row.dataset.index = String(CLOSING);
  row.style.paddingLeft = "8px";
  row.setAttribute("role", "treeitem");
  row.setAttribute("aria-level", "1");
  row.setAttribute("aria-selected", String(view.selected === CLOSING));
  if (view.current === CLOSING) row.classList.add("current");
  row.title = rowTip(closing);
  const title = document.createElement("span");
  title.className = "outline-title";
  title.textContent = closing.title;
  row.append(title);
  row.addEventListener("click", () => handlers.select(CLOSING));
  return row;
}

/** The item each row shows now (rows updated in place keep their listeners). */
const rowItems = new WeakMap<HTMLElement, OutlineItem>();

/** Drag by pointer: works the same on every platform's webview, and by WebDriver. */
function attachDrag(list: HTMLElement, row: HTMLElement, handlers: OutlineHandlers): void {
  row.addEventListener("pointerdown", (down) => {
    if (down.button !== 0) return;
    const item = rowItems.get(row);
    if (!item) return;
    const startY = down.clientY;
    let dragging = false;
    let target: { index: number; placement: Placement } | null = null;

    const onMove = (e: PointerEvent) => {
      if (!dragging && Math.abs(e.clientY - startY) < 6) return;
      dragging = true;
      row.classList.add("dragging");
      target = dropTarget(list, e.clientY, item.index);
      for (const r of list.querySelectorAll(".drop-before, .drop-after")) r.classList.remove("drop-before", "drop-after");
      if (target) {
        list.querySelector(`[data-index="${target.index}"]`)?.classList.add(`drop-${target.placement}`);
      }
    };
    const onUp = () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      row.classList.remove("dragging");
      for (const r of list.querySelectorAll(".drop-before, .drop-after")) r.classList.remove("drop-before", "drop-after");
      if (!dragging) handlers.select(item.index);
      else if (target) handlers.move(item.index, target.index, target.placement);
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
  });
}

function dropTarget(list: HTMLElement, y: number, from: number): { index: number; placement: Placement } | null {
  const rows = Array.from(list.querySelectorAll<HTMLElement>('[data-testid="outline-item"]'));
  for (const r of rows) {
    const box = r.getBoundingClientRect();
    if (y >= box.top && y < box.bottom) {
      const index = Number(r.dataset.index);
      if (index === from) return null;
      return { index, placement: y < box.top + box.height / 2 ? "before" : "after" };
    }
  }
  return null;
}

/** Keyboard: ↑/↓ select, Alt+↑/Alt+↓ move the section, Alt+←/Alt+→ promote/demote. The closing
 * remarks can be selected, never moved. */
export function outlineKey(e: KeyboardEvent, view: OutlineView, handlers: OutlineHandlers): boolean {
  if (view.items.length === 0) return false;
  const sel = view.selected ?? view.current ?? 0;
  if (sel === CLOSING) {
    if (!e.altKey && e.key === "ArrowUp") handlers.select(view.items[view.items.length - 1].index);
    else if (!e.altKey || !e.key.startsWith("Arrow")) return false;
    return true;
  }
  const pos = view.items.findIndex((i) => i.index === sel);
  if (e.key === "ArrowDown" && !e.altKey && pos === view.items.length - 1 && view.closing) {
    handlers.select(CLOSING);
    return true;
  }
  if (e.altKey) {
    if (e.key === "ArrowUp") handlers.moveUp(sel);
    else if (e.key === "ArrowDown") handlers.moveDown(sel);
    else if (e.key === "ArrowLeft") handlers.promote(sel);
    else if (e.key === "ArrowRight") handlers.demote(sel);
    else return false;
    return true;
  }
  if (e.key === "ArrowUp" && pos > 0) handlers.select(view.items[pos - 1].index);
  else if (e.key === "ArrowDown" && pos < view.items.length - 1) handlers.select(view.items[pos + 1].index);
  else return false;
  return true;
}
