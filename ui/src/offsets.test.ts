import { describe, expect, it } from "vitest";
import { charToUtf16, utf16ToChar } from "./offsets";

describe("offsets", () => {
  it("are the same for text in the Basic Multilingual Plane", () => {
    const t = "一、深刻领会\n（一）坚持";
    expect(charToUtf16(t, 7)).toBe(7);
    expect(utf16ToChar(t, 7)).toBe(7);
  });
  it("count a character outside the BMP as one character and two UTF-16 units", () => {
    const t = "𠀀一、标题"; // U+20000 is two UTF-16 units
    expect(charToUtf16(t, 1)).toBe(2);
    expect(charToUtf16(t, 3)).toBe(4);
    expect(utf16ToChar(t, 4)).toBe(3);
    expect(utf16ToChar(t, charToUtf16(t, 5))).toBe(5);
  });
});
