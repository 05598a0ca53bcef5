import { describe, expect, it, vi } from "vitest";
import { keepOrder, renderLibrary } from "./library";

describe("renderLibrary", () => {
  it("renders one row per lecture with the test hooks, tags, and opens on click", () => {
    const list = document.createElement("ul");
    const onOpen = vi.fn();
    renderLibrary(
      list,
      [
        { kind: "lecture", lecture: { id: 3, title: "党课：坚持以新型城镇化引领", date: "2025-02-07", char_count: 4600, tags: ["城镇化"] } },
        { kind: "lecture", lecture: { id: 7, title: "第二讲", date: null, char_count: 12, tags: [] } },
      ],
      7,
      onOpen,
    );
    const rows = list.querySelectorAll<HTMLElement>('[data-testid="library-item"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].dataset.id).toBe("3");
    expect(rows[0].textContent).toContain("2025-02-07 · 4,600 字");
    expect(rows[0].querySelector(".tag")?.textContent).toBe("城镇化");
    expect(rows[1].getAttribute("aria-selected")).toBe("true");
    rows[0].click();
    expect(onOpen).toHaveBeenCalledWith(3);
  });

  it("marks the matched characters of a search hit", () => {
    const list = document.createElement("ul");
    renderLibrary(
      list,
      [{ kind: "hit", hit: { id: 5, title: "党课", title_parts: [], snippet_parts: [{ text: "推动", is_match: false }, { text: "城乡", is_match: true }, { text: "融合", is_match: false }] } }],
      null,
      () => {},
    );
    const snippet = list.querySelector('[data-testid="search-snippet"]')!;
    expect(snippet.textContent).toBe("推动城乡融合");
    expect(Array.from(snippet.querySelectorAll("mark"), (m) => m.textContent)).toEqual(["城乡"]);
  });

  it("shows a title holding markup as text, never as markup", () => {
    const list = document.createElement("ul");
    renderLibrary(list, [{ kind: "lecture", lecture: { id: 1, title: "<img src=x onerror=alert(1)>", date: null, char_count: 0, tags: [] } }], null, () => {});
    expect(list.querySelector("img")).toBeNull();
    expect(list.textContent).toContain("<img src=x onerror=alert(1)>");
  });
});

describe("search hits and the order of the list", () => {
  it("shows a hit's date, 字数 and tags, and a tag click filters instead of opening", () => {
    const list = document.createElement("ul");
    const onOpen = vi.fn();
    const onTag = vi.fn();
    renderLibrary(
      list,
      [{ kind: "hit", hit: { id: 5, title: "党课", title_parts: [], snippet_parts: [{ text: "推动", is_match: false }], date: "2025-02-07", char_count: 4600, tags: ["三农"] } }],
      null,
      onOpen,
      "",
      onTag,
    );
    expect(list.querySelector('[data-testid="library-item-meta"]')!.textContent).toBe("2025-02-07 · 4,600 字 三农");
    list.querySelector<HTMLElement>('[data-testid="library-tag"]')!.click();
    expect(onTag).toHaveBeenCalledWith("三农");
    expect(onOpen).not.toHaveBeenCalled();
  });

  it("keeps rows where they were shown; new rows come first, gone rows go", () => {
    const rows = [1, 2, 3, 4].map((id) => ({ id }));
    expect(keepOrder([], rows).map((r) => r.id)).toEqual([1, 2, 3, 4]);
    // Lecture 3 was saved and comes first from the library: it stays third.
    expect(keepOrder([1, 2, 3, 4], [3, 1, 2, 4].map((id) => ({ id }))).map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(keepOrder([1, 2, 3], [5, 3, 1].map((id) => ({ id }))).map((r) => r.id)).toEqual([5, 1, 3]);
  });
});
