// Number formatting for the status bar and lists, the way Chinese readers write it.

// One formatter for all: toLocaleString builds a new one on every call, which cost milliseconds per
// keystroke when the outline's rows were redrawn.
const grouping = new Intl.NumberFormat("en-US");

/** `4600` → `4,600`. */
export function groupDigits(n: number): string {
  return grouping.format(Math.round(n));
}

/** `4,600 字 · 约 23 分钟`, the minutes as the core words them. */
export function statsLine(charCount: number, minutes: string): string {
  return `${groupDigits(charCount)} 字 · 约 ${minutes} 分钟`;
}
