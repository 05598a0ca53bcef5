// The library pane: one row per lecture, or per search hit. Text goes in through textContent only:
// titles and snippets come from imported files and are never treated as markup.
import type { LectureSummary, SearchHit, SnippetPart } from "./api";
import { groupDigits } from "./format";

/** What a lecture's row shows. */
export type LectureRow = Pick<LectureSummary, "id" | "title" | "date" | "char_count" | "tags">;

export type LibraryRow = { kind: "lecture"; lecture: LectureRow } | { kind: "hit"; hit: Pick<SearchHit, "id" | "title" | "title_parts" | "snippet_parts"> };

export function renderLibrary(
  list: HTMLElement,
  rows: LibraryRow[],
  selectedId: number | null,
  onOpen: (id: number) => void,
  emptyText = "讲稿库是空的",
): void {
  list.replaceChildren();
  if (rows.length === 0) {
    const empty = document.createElement("li");
    empty.className = "library-empty";
    empty.textContent = emptyText;
    list.append(empty);
    return;
  }
  for (const r of rows) {
    const id = r.kind === "lecture" ? r.lecture.id : r.hit.id;
    const row = document.createElement("li");
    row.className = "library-item";
    row.dataset.testid = "library-item";
    row.dataset.id = String(id);
    row.tabIndex = 0;
    row.setAttribute("role", "option");
    row.setAttribute("aria-selected", String(id === selectedId));

    const title = document.createElement("div");
    title.className = "library-item-title";
    const meta = document.createElement("div");
    meta.className = "library-item-meta";
    if (r.kind === "lecture") {
      const l = r.lecture;
      title.textContent = l.title || "（无标题）";
      meta.textContent = [l.date ?? "", `${groupDigits(l.char_count)} 字`].filter(Boolean).join(" · ");
      for (const tag of l.tags) {
        const t = document.createElement("span");
        t.className = "tag";
        t.textContent = tag;
        meta.append(" ", t);
      }
      row.append(title, meta);
    } else {
      if (r.hit.title_parts.length) appendSegments(title, r.hit.title_parts);
      else title.textContent = r.hit.title || "（无标题）";
      const snippet = document.createElement("div");
      snippet.className = "library-item-snippet";
      snippet.dataset.testid = "search-snippet";
      appendSegments(snippet, r.hit.snippet_parts);
      row.append(title, snippet);
    }
    row.addEventListener("click", () => onOpen(id));
    row.addEventListener("keydown", (e) => {
      if (e.key === "Enter") onOpen(id);
    });
    list.append(row);
  }
}

/** Appends a snippet, the matched pieces in <mark>. */
export function appendSegments(parent: HTMLElement, segments: SnippetPart[]): void {
  for (const s of segments) {
    if (s.is_match) {
      const m = document.createElement("mark");
      m.textContent = s.text;
      parent.append(m);
    } else {
      parent.append(document.createTextNode(s.text));
    }
  }
}
