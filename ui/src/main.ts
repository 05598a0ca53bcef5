// 讲稿台: the main window. Only wires the parts together: the library pane, the editor pane, saving,
// the dialogs (snapshots, export, import), text size and speaking rate, and the test hooks.
import { getCurrentWindow } from "@tauri-apps/api/window";
import { openAbout } from "./about";
import { api } from "./api";
import { AutoSaver, type SaveState } from "./autosave";
import { el, showDialog } from "./dialog";
import { EditorPane } from "./editorPane";
import { openExport } from "./export";
import { installHooks } from "./hooks";
import { setupImport } from "./import";
import { LibraryPane } from "./libraryPane";
import { handleOpenedFiles } from "./opened";
import { settings } from "./settings";
import { openSnapshots } from "./snapshots";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const bannerEl = $("error-banner");
const saveEl = $("save-status");
const statsEl = $("stats");

function showError(message: unknown): void {
  bannerEl.textContent = String(message);
  bannerEl.hidden = false;
  setTimeout(() => (bannerEl.hidden = true), 8000);
}
bannerEl.addEventListener("click", () => (bannerEl.hidden = true));

// ---- saving -------------------------------------------------------------------------------------

const SAVE_TEXT: Record<SaveState, string> = { saved: "已保存", dirty: "未保存", saving: "正在保存…", error: "保存失败" };
function showSaveState(state: SaveState, error?: string): void {
  saveEl.textContent = error ? `保存失败：${error}` : SAVE_TEXT[state];
  saveEl.dataset.state = state;
}
const saver = new AutoSaver({
  save: async (text) => {
    const lecture = library.current;
    if (!lecture) return;
    const r = await api.lectureSave(lecture.id, text);
    if (library.current?.id === lecture.id) library.current.updated_at = r.updated_at;
    void library.refresh();
  },
  onState: showSaveState,
});

// ---- the panes ----------------------------------------------------------------------------------

const editor = new EditorPane($("editor"), $("outline-list"), statsEl, (text) => saver.changed(text), showError);
const library = new LibraryPane({
  editor,
  flush: () => saver.flush(),
  onOpened: () => showSaveState("saved"),
  showError,
});

$("snapshot-button").addEventListener("click", () => {
  const lecture = library.current;
  if (!lecture) return;
  void saver.flush().then(() => openSnapshots(lecture, editor.text, (text) => editor.replaceText(text), showError));
});

$("export-button").addEventListener("click", () => {
  const lecture = library.current;
  if (!lecture) return;
  void saver.flush().then(() => openExport(lecture, showError));
});

// ---- text size and rate -------------------------------------------------------------------------

function setEditorSize(px: number): void {
  settings.editorSize = px;
  document.documentElement.style.setProperty("--editor-size", `${settings.editorSize}px`);
  editor.editor.view.requestMeasure();
}
document.documentElement.style.setProperty("--editor-size", `${settings.editorSize}px`);
$("size-smaller").addEventListener("click", () => setEditorSize(settings.editorSize - 2));
$("size-larger").addEventListener("click", () => setEditorSize(settings.editorSize + 2));
window.addEventListener("keydown", (e) => {
  if (!(e.ctrlKey || e.metaKey)) return;
  if (e.key === "=" || e.key === "+") setEditorSize(settings.editorSize + 2);
  else if (e.key === "-") setEditorSize(settings.editorSize - 2);
  else return;
  e.preventDefault();
});
statsEl.addEventListener("dblclick", async () => {
  const input = el("input", { className: "text-input" });
  input.type = "number";
  input.value = String(settings.rate);
  const answer = await showDialog("语速", [el("p", { text: "每分钟讲多少字（一般 180–220）：" }), input], [
    { id: "cancel", label: "取消" },
    { id: "ok", label: "确定", primary: true },
  ]);
  if (answer === "ok" && Number(input.value) >= 60) {
    settings.rate = Number(input.value);
    if (library.current) void editor.analyze();
  }
});

// ---- import, test hooks and closing -------------------------------------------------------------

const importPaths = setupImport(async (firstId) => {
  library.showTrash(false);
  await library.refresh();
  if (firstId !== null) await library.open(firstId);
}, showError);
const hooks = installHooks(editor, importPaths);
// Files from 打开方式, the command line or a second start: imported like chosen ones.
void handleOpenedFiles(importPaths, showError).catch(showError);
$("about-button").addEventListener("click", () => void openAbout(showError));

// Save before the window closes: nothing typed is lost.
window.addEventListener("beforeunload", () => void saver.flush());
void getCurrentWindow().onCloseRequested(async () => {
  await saver.flush();
});

// Start where the user is most likely to continue: the most recently changed lecture.
library
  .refresh()
  .then(() => {
    // At the frame that shows the list: never waited for, so a hidden window still opens the lecture.
    requestAnimationFrame(() => void api.appUptimeMs().then((ms) => (hooks.readyMs = ms)));
    if (!library.current && library.lectures.length > 0) return library.open(library.lectures[0].id);
  })
  .catch(showError);
