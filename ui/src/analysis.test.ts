import { describe, expect, it } from "vitest";
import { applyUpdate } from "./analysis";
import type { Analysis, AnalysisUpdate } from "./api";

const earlier: Analysis = {
  char_count: 40,
  minutes: "0.2",
  items: [
    { index: 0, level: 1, number: "一、", title: "总体要求", start: 8, heading_end: 13, char_count: 20, minutes: "0.1", problem: null },
    { index: 1, level: 2, number: "（一）", title: "坚持问题导向", start: 15, heading_end: 24, char_count: 12, minutes: "0.1", problem: null },
  ],
  closing: null,
};

describe("applyUpdate", () => {
  it("keeps the earlier words and takes the new positions and counts", () => {
    const u: AnalysisUpdate = {
      char_count: 41,
      minutes: "0.2",
      level: [1, 2],
      start: [8, 16],
      heading_end: [13, 25],
      item_chars: [21, 13],
      item_minutes: ["0.1", "0.1"],
      words: [],
      closing: { title: "结束语", start: 40, char_count: 5, minutes: "0" },
    };
    const a = applyUpdate(earlier, u);
    expect(a.items.map((i) => [i.number, i.title, i.start, i.char_count])).toEqual([
      ["一、", "总体要求", 8, 21],
      ["（一）", "坚持问题导向", 16, 13],
    ]);
    expect(a.char_count).toBe(41);
    expect(a.closing?.start).toBe(40);
  });

  it("takes the words sent, for changed and for new items", () => {
    const u: AnalysisUpdate = {
      char_count: 50,
      minutes: "0.3",
      level: [1, 2, 2],
      start: [8, 15, 32],
      heading_end: [13, 24, 38],
      item_chars: [30, 12, 9],
      item_minutes: ["0.2", "0.1", "0.1"],
      words: [
        { index: 0, number: "一、", title: "重点任务", problem: null },
        { index: 2, number: "（三）", title: "加强领导", problem: "序号跳过了（二）" },
      ],
      closing: null,
    };
    const a = applyUpdate(earlier, u);
    expect(a.items.map((i) => [i.index, i.title, i.problem])).toEqual([
      [0, "重点任务", null],
      [1, "坚持问题导向", null],
      [2, "加强领导", "序号跳过了（二）"],
    ]);
    expect(a.minutes).toBe("0.3");
  });

  it("refuses an update that names an item it has no words for", () => {
    const u: AnalysisUpdate = { char_count: 0, minutes: "0", level: [1, 1, 1], start: [0, 1, 2], heading_end: [1, 2, 3], item_chars: [1, 1, 1], item_minutes: ["0", "0", "0"], words: [], closing: null };
    expect(() => applyUpdate(earlier, u)).toThrow();
  });
});
