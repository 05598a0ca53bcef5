// The export's two formats, PDF and Word: what the native save dialog offers for each (name and
// filter), the extension a saved file gets, and, once saved, the offer to open the result with the
// system's default program, falling back to showing it in its folder when no program opens it.
import { el } from "./dialog";

export type Format = "pdf" | "docx";

export const FORMATS: [Format, string][] = [
  ["pdf", "PDF（版式固定，打印、分发）"],
  ["docx", "Word 文档（.docx，可在 Word/WPS 中修改）"],
];

const NAMES: Record<Format, string> = { pdf: "PDF", docx: "Word 文档" };

/** What the save button says. */
export function saveLabel(format: Format): string {
  return format === "docx" ? "保存 Word…" : "保存 PDF…";
}

/** The native save dialog's options: a file name from the title, and a filter for the format only. */
export function saveOptions(title: string, format: Format): {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
} {
  const name = (title || "讲义").replace(/[\\/:*?"<>|]/g, "");
  return {
    title: format === "docx" ? "保存 Word 文档" : "保存讲义",
    defaultPath: `${name}.${format}`,
    filters: [{ name: NAMES[format], extensions: [format] }],
  };
}

/** `path` with the format's extension: a name typed without it gets it (any case counts). */
export function withExtension(path: string, format: Format): string {
  return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`;
}

/** How a saved file is opened: the opener plugin's `openPath` and `revealItemInDir`. */
export interface Opener {
  open(path: string): Promise<void>;
  reveal(path: string): Promise<void>;
}

/** Appends to `status` a button that opens `path` with the system's default program. When that
 * fails (no program for the type, no desktop launcher), the opener's own error is not shown: a
 * Chinese line says so and offers to show the file in its folder; if even that fails, it names
 * where the file is. */
export function offerOpen(status: HTMLElement, path: string, format: Format, opener: Opener): void {
  const openIt = el("button", { text: "打开", testid: "export-open" });
  openIt.type = "button";
  openIt.addEventListener("click", async () => {
    try {
      await opener.open(path);
    } catch (e) {
      console.warn("open failed", e);
      openIt.remove();
      const note = el("span", {
        className: "export-open-failed",
        testid: "export-open-failed",
        text: `无法用默认程序打开这个${NAMES[format]}：本机可能没有能打开它的程序。`,
      });
      const reveal = el("button", { text: "打开所在文件夹", testid: "export-reveal" });
      reveal.type = "button";
      reveal.addEventListener("click", async () => {
        try {
          await opener.reveal(path);
        } catch (e2) {
          console.warn("reveal failed", e2);
          reveal.remove();
          note.textContent = `也无法打开所在文件夹。文件保存在：${path}`;
        }
      });
      status.append(note, " ", reveal);
    }
  });
  status.append(" ", openIt);
}
