import { describe, expect, it, vi } from "vitest";
import { renderLibrary } from "./library";

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
