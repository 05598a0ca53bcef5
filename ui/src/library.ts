// The library pane: one row per lecture. Text goes in through textContent only:
// titles come from imported files and are never treated as markup.
import type { LectureSummary } from "./api";
import { groupDigits } from "./format";

export function renderLibrary(
  list: HTMLElement,
  lectures: LectureSummary[],
  selectedId: number | null,
  onOpen: (id: number) => void,
): void {
  list.replaceChildren();
  if (lectures.length === 0) {
    const empty = document.createElement("li");
    empty.className = "library-empty";
    empty.textContent = "讲稿库是空的";
    list.append(empty);
    return;
  }
  for (const lecture of lectures) {
    const row = document.createElement("li");
    row.className = "library-item";
    row.dataset.testid = "library-item";
    row.dataset.id = String(lecture.id);
    row.tabIndex = 0;
    row.setAttribute("role", "option");
    row.setAttribute("aria-selected", String(lecture.id === selectedId));

    const title = document.createElement("div");
    title.className = "library-item-title";
    title.textContent = lecture.title || "（无标题）";
    const meta = document.createElement("div");
    meta.className = "library-item-meta";
    meta.textContent = [lecture.date ?? "", `${groupDigits(lecture.char_count)} 字`]
      .filter(Boolean)
      .join(" · ");
    row.append(title, meta);

    row.addEventListener("click", () => onOpen(lecture.id));
    row.addEventListener("keydown", (e) => {
      if (e.key === "Enter") onOpen(lecture.id);
    });
    list.append(row);
  }
}
