// Number formatting for the status bar and lists, the way Chinese readers write it.

/** `4600` → `4,600`. */
export function groupDigits(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** `4,600 字 · 约 23 分钟` at `rate` characters a minute. */
export function statsLine(charCount: number, rate = 200): string {
  const minutes = Math.max(charCount > 0 ? 1 : 0, Math.round(charCount / rate));
  return `${groupDigits(charCount)} 字 · 约 ${minutes} 分钟`;
}
