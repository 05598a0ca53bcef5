// Importing files: from the open-file dialog or by dropping files onto the window, several at once,
// with progress and a summary of what failed and why.
import { open } from "@tauri-apps/plugin-dialog";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { api, type FileOutcome } from "./api";
import { el, showDialog } from "./dialog";

const EXTENSIONS = ["txt", "md", "docx", "html", "htm"];

/** Returns the import runner: the open-file dialog and file drops both go through it. */
export function setupImport(
  after: (firstId: number | null) => Promise<void>,
  onError: (e: unknown) => void,
): (paths: string[]) => Promise<void> {
  const progress = document.getElementById("import-progress")!;

  async function run(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    progress.hidden = false;
    progress.textContent = `正在导入 0/${paths.length}…`;
    try {
      const outcomes = await api.importFiles(paths, (p) => {
        progress.textContent = `正在导入 ${p.done}/${p.total}：${baseName(p.file)}`;
      });
      progress.hidden = true;
      const first = outcomes.find((o) => o.status === "imported") ?? outcomes.find((o) => o.id !== null);
      await after(first?.id ?? null);
      await summarise(outcomes);
    } catch (e) {
      progress.hidden = true;
      onError(e);
    }
  }

  document.getElementById("import-button")!.addEventListener("click", async () => {
    try {
      const chosen = await open({
        multiple: true,
        title: "导入讲稿",
        filters: [{ name: "讲稿（txt、docx、html）", extensions: EXTENSIONS }],
      });
      if (chosen) await run(Array.isArray(chosen) ? chosen : [chosen]);
    } catch (e) {
      onError(e);
    }
  });

  const dropHint = document.getElementById("drop-hint")!;
  void getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === "enter" || p.type === "over") dropHint.hidden = false;
    else if (p.type === "leave") dropHint.hidden = true;
    else if (p.type === "drop") {
      dropHint.hidden = true;
      void run(p.paths);
    }
  });
  return run;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Tells what was imported and, file by file, what the reader did beyond plain reading (numbering
 * written out, page numbers dropped…) and what failed and why; each file named once. Silent when
 * every file went in as plain text.
 */
async function summarise(outcomes: FileOutcome[]): Promise<void> {
  const failed = outcomes.filter((o) => o.status !== "imported");
  const repaired = outcomes.filter((o) => o.status === "imported" && o.read.length > 0);
  if (failed.length === 0 && repaired.length === 0) return;
  const imported = outcomes.length - failed.length;
  const body: HTMLElement[] = [
    el("p", { text: failed.length ? `导入了 ${imported} 个文件，${failed.length} 个没有导入：` : `导入了 ${imported} 个文件。` }),
  ];
  if (failed.length) {
    const list = el("ul", { className: "import-failures", testid: "import-failures" });
    for (const o of failed) {
      // The core's message names the file already.
      list.append(el("li", { text: o.message ?? `${baseName(o.file)}：${o.status === "duplicate" ? "讲稿库里已有这篇" : "导入失败"}` }));
    }
    body.push(list);
  }
  if (repaired.length) {
    const list = el("ul", { className: "import-repairs", testid: "import-repairs" });
    for (const o of repaired) list.append(el("li", { text: `${baseName(o.file)}：${o.read.join("；")}` }));
    body.push(el("p", { text: "读取时做了这些处理：" }), list);
  }
  await showDialog("导入结果", body, [{ id: "ok", label: "知道了", primary: true }], "import-summary");
}
