import { describe, expect, it } from "vitest";
import { groupDigits, statsLine } from "./format";

describe("statsLine", () => {
  it("groups thousands and rounds minutes at the given rate", () => {
    expect(groupDigits(4600)).toBe("4,600");
    expect(statsLine(4600)).toBe("4,600 字 · 约 23 分钟");
    expect(statsLine(4600, 230)).toBe("4,600 字 · 约 20 分钟");
  });
  it("never says zero minutes for a text that has characters", () => {
    expect(statsLine(30)).toBe("30 字 · 约 1 分钟");
    expect(statsLine(0)).toBe("0 字 · 约 0 分钟");
  });
});
