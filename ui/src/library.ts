// The library pane: one row per lecture, or per search hit. Text goes in through textContent only:
// titles and snippets come from imported files and are never treated as markup.
import type { LectureSummary, SearchHit, SnippetPart } from "./api";
import { groupDigits } from "./format";

/** What a lecture's row shows. */
export type LectureRow = Pick<LectureSummary, "id" | "title" | "date" | "char_count" | "tags">;

/** What a search hit's row shows. */
export type HitRow = Pick<SearchHit, "id" | "title" | "title_parts" | "snippet_parts"> &
  Partial<Pick<SearchHit, "date" | "char_count" | "tags">>;

export type LibraryRow = { kind: "lecture"; lecture: LectureRow } | { kind: "hit"; hit: HitRow };

/**
 * The rows in the order they were shown before (`previous`, ids), so a list redrawn while the user
 * types does not jump: rows shown before keep their places, rows new to the list come first (in the
 * order given), rows gone are left out. An empty `previous` is the order given.
 */
export function keepOrder<T extends { id: number }>(previous: number[], rows: T[]): T[] {
  if (previous.length === 0) return rows;
  const place = new Map(previous.map((id, i) => [id, i]));
  const fresh = rows.filter((r) => !place.has(r.id));
  const kept = rows.filter((r) => place.has(r.id)).sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  return [...fresh, ...kept];
}

/** The meta line: date, 字数 and the tags (each a button that filters the list by it). */
function fillMeta(meta: HTMLElement, info: { date?: string | null; char_count?: number; tags?: string[] }, onTag?: (tag: string) => void): void {
  const parts = [info.date ?? "", info.char_count == null ? "" : `${groupDigits(info.char_count)} 字`];
  meta.textContent = parts.filter(Boolean).join(" · ");
  for (const tag of info.tags ?? []) {
    const t = document.createElement("span");
    t.className = "tag";
    t.dataset.testid = "library-tag";
    t.textContent = tag;
    t.title = `只看标签“${tag}”的讲稿`;
    if (onTag) {
      t.addEventListener("click", (e) => {
        e.stopPropagation();
        onTag(tag);
      });
    }
    meta.append(" ", t);
  }
}

export function renderLibrary(
  list: HTMLElement,
  rows: LibraryRow[],
  selectedId: number | null,
  onOpen: (id: number) => void,
  emptyText = "讲稿库是空的",
  onTag?: (tag: string) => void,
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
    meta.dataset.testid = "library-item-meta";
    if (r.kind === "lecture") {
      const l = r.lecture;
      title.textContent = l.title || "（无标题）";
      fillMeta(meta, l, onTag);
      row.append(title, meta);
    } else {
      if (r.hit.title_parts.length) appendSegments(title, r.hit.title_parts);
      else title.textContent = r.hit.title || "（无标题）";
      fillMeta(meta, r.hit, onTag);
      const snippet = document.createElement("div");
      snippet.className = "library-item-snippet";
      snippet.dataset.testid = "search-snippet";
      appendSegments(snippet, r.hit.snippet_parts);
      row.append(title, meta, snippet);
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
