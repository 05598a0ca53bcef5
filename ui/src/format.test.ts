import { describe, expect, it } from "vitest";
import { groupDigits, statsLine } from "./format";

describe("statsLine", () => {
  it("groups thousands and shows the minutes as the core words them", () => {
    expect(groupDigits(4600)).toBe("4,600");
    expect(statsLine(4600, "23")).toBe("4,600 字 · 约 23 分钟");
    expect(statsLine(30, "0.2")).toBe("30 字 · 约 0.2 分钟");
  });
});
