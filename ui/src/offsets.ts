// The core counts text positions in characters (Unicode scalar values); CodeMirror and the DOM count
// UTF-16 code units. Rare Han characters outside the Basic Multilingual Plane (CJK Extension B and later)
// take two units, so the two counts part after the first of them.

// Whether the last text asked about has any character outside the BMP; without one, both counts agree
// and no walk through the text is needed (the common case, and the one every keystroke hits).
let lastText: string | null = null;
let lastPlain = false;
function plain(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastPlain = !/[\uD800-\uDBFF]/.test(text);
  }
  return lastPlain;
}

/** UTF-16 index of the character at `charOffset`. */
export function charToUtf16(text: string, charOffset: number): number {
  if (plain(text)) return Math.min(charOffset, text.length);
  let units = 0;
  let chars = 0;
  while (chars < charOffset && units < text.length) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
    chars += 1;
  }
  return units;
}

/** Character offset of UTF-16 index `unitOffset`. */
export function utf16ToChar(text: string, unitOffset: number): number {
  if (plain(text)) return Math.min(unitOffset, text.length);
  let units = 0;
  let chars = 0;
  while (units < unitOffset && units < text.length) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
    chars += 1;
  }
  return chars;
}
