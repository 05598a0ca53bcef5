import { describe, expect, it } from "vitest";
import { applyUpdate, type Analysis, type AnalysisUpdate } from "./analysis";

const earlier: Analysis = {
  title: "讲话",
  char_count: 40,
  minutes: 0.2,
  problems: [],
  items: [
    { index: 0, level: 1, number: "一、", title: "总体要求", start: 8, end: 30, heading_end: 13, char_count: 20, minutes: 0.1, problem: null },
    { index: 1, level: 2, number: "（一）", title: "坚持问题导向", start: 15, end: 30, heading_end: 24, char_count: 12, minutes: 0.06, problem: null },
  ],
};

describe("applyUpdate", () => {
  it("keeps the earlier words and takes the new positions and counts", () => {
    const u: AnalysisUpdate = {
      title: "讲话",
      char_count: 41,
      minutes: 0.205,
      problems: [],
      level: [1, 2],
      start: [8, 15],
      end: [31, 31],
      heading_end: [13, 24],
      item_chars: [21, 13],
      item_minutes: [0.105, 0.065],
      words: [],
    };
    const a = applyUpdate(earlier, u);
    expect(a.items.map((i) => [i.number, i.title, i.end, i.char_count])).toEqual([
      ["一、", "总体要求", 31, 21],
      ["（一）", "坚持问题导向", 31, 13],
    ]);
    expect(a.char_count).toBe(41);
  });

  it("takes the words sent, for changed and for new items", () => {
    const u: AnalysisUpdate = {
      title: null,
      char_count: 50,
      minutes: 0.25,
      problems: [{ offset: 32, message: "序号跳过了（二）" }],
      level: [1, 2, 2],
      start: [8, 15, 32],
      end: [45, 30, 45],
      heading_end: [13, 24, 38],
      item_chars: [30, 12, 9],
      item_minutes: [0.15, 0.06, 0.045],
      words: [
        { index: 0, number: "一、", title: "重点任务", problem: null },
        { index: 2, number: "（三）", title: "加强领导", problem: "序号跳过了（二）" },
      ],
    };
    const a = applyUpdate(earlier, u);
    expect(a.items.map((i) => [i.index, i.title, i.problem])).toEqual([
      [0, "重点任务", null],
      [1, "坚持问题导向", null],
      [2, "加强领导", "序号跳过了（二）"],
    ]);
    expect(a.title).toBeNull();
    expect(a.problems).toHaveLength(1);
  });

  it("refuses an update that names an item it has no words for", () => {
    const u: AnalysisUpdate = { ...({} as AnalysisUpdate), title: null, char_count: 0, minutes: 0, problems: [], level: [1, 1, 1], start: [0, 1, 2], end: [1, 2, 3], heading_end: [1, 2, 3], item_chars: [1, 1, 1], item_minutes: [0, 0, 0], words: [] };
    expect(() => applyUpdate(earlier, u)).toThrow();
  });
});
