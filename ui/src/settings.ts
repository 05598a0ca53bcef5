// The user's preferences, kept in the webview's local storage.

const RATE_KEY = "lectern.rate";
const SIZE_KEY = "lectern.editorSize";

export const settings = {
  /** Speaking rate, 字 a minute (default 200). */
  get rate(): number {
    const v = Number(localStorage.getItem(RATE_KEY));
    return v >= 60 && v <= 600 ? v : 200;
  },
  set rate(v: number) {
    localStorage.setItem(RATE_KEY, String(Math.round(v)));
  },
  /** Editor text size in px (default 18). */
  get editorSize(): number {
    const v = Number(localStorage.getItem(SIZE_KEY));
    return v >= 12 && v <= 36 ? v : 18;
  },
  set editorSize(v: number) {
    localStorage.setItem(SIZE_KEY, String(Math.min(36, Math.max(12, Math.round(v)))));
  },
};
