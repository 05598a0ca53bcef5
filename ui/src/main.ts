// 讲稿台: the main window. Only wires the parts together: the library pane, the editor pane, saving,
// the dialogs (snapshots, export, import), text size and speaking rate, and the test hooks.
import { getCurrentWindow } from "@tauri-apps/api/window";
import { openAbout } from "./about";
import { api } from "./api";
import { AutoSaver } from "./autosave";
import { CheckPane } from "./checkPane";
import { checkLibraryAtStart } from "./damaged";
import { EditorPane } from "./editorPane";
import { openExport } from "./export";
import { installHooks } from "./hooks";
import { setupImport } from "./import";
import { LibraryPane } from "./libraryPane";
import { handleOpenedFiles } from "./opened";
import { attachSplitters } from "./panes";
import { settings } from "./settings";
import { mayClose, offerRecovery, resolveConflict, saveShell, showSaveState } from "./saving";
import { askRate } from "./rate";
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

// ---- saving (each lecture's text into that lecture: see autosave.ts and saving.ts) --------------

const saver = new AutoSaver({
  shell: saveShell,
  onState: (state, error) => showSaveState(saveEl, state, error),
  onConflict: (id, mine, message) =>
    resolveConflict(id, mine, message, async (lecture, version, reload) => {
      saver.setVersion(lecture, version);
      // The open lecture shows what won (or the copy). Not awaited: opening saves first, which
      // waits for this save round to end.
      if (library.current?.id === id && (reload || lecture !== id)) void library.open(lecture);
    }),
  onSaved: (id, version) => {
    if (library.current?.id === id) library.current.version = version;
    void library.refresh();
  },
});

// ---- the panes ----------------------------------------------------------------------------------

const editor = new EditorPane($("editor"), $("outline-list"), statsEl, (text) => saver.changed(text), showError);
const library = new LibraryPane({
  editor,
  flush: () => saver.flush(),
  unsavedText: (id) => saver.unsavedText(id),
  setVersion: (id, version) => saver.setVersion(id, version),
  onOpened: (lecture) => {
    if (lecture) saver.open(lecture.id, lecture.version);
    else saver.close();
    if (!saver.hasUnsaved()) showSaveState(saveEl, "saved");
  },
  showError,
});

new CheckPane(editor, () => library.current, showError);

$("snapshot-button").addEventListener("click", () => {
  const lecture = library.current;
  if (!lecture) return;
  void saver.flush().then(() =>
    openSnapshots(
      lecture,
      editor.text,
      // The library now holds the restored text, at a new version: the editor goes on from it.
      (text) =>
        void api.lectureGet(lecture.id).then((l) => {
          saver.setVersion(l.id, l.version);
          editor.replaceText(text);
        }, showError),
      showError,
    ),
  );
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
  const rate = await askRate(settings.rate);
  if (rate !== null) {
    settings.rate = rate;
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
// A damaged library is offered its backups before anything uses it.
const libraryChecked = checkLibraryAtStart(showError).catch(showError);
// Files from 打开方式, the command line or a second start: imported like chosen ones.
void libraryChecked.then(() => handleOpenedFiles(importPaths, showError)).catch(showError);
$("about-button").addEventListener("click", () => void openAbout(showError));
void attachSplitters();

// Save before the window closes; text that cannot be saved is journalled and the user asked first.
window.addEventListener("beforeunload", () => void saver.flush());
void getCurrentWindow().onCloseRequested(async (event) => {
  if (!(await mayClose(saver))) event.preventDefault();
});

// Start where the user is most likely to continue: the most recently changed lecture.
libraryChecked
  .then(() => library.refresh())
  .then(() => {
    // At the frame that shows the list: never waited for, so a hidden window still opens the lecture.
    requestAnimationFrame(() => void api.appUptimeMs().then((ms) => (hooks.readyMs = ms)));
    if (!library.current && library.lectures.length > 0) return library.open(library.lectures[0].id);
  })
  .then(() =>
    // Text the last session could not save: offered back, lecture by lecture.
    offerRecovery(async (entry) => {
      await library.open(entry.lecture_id);
      const current = library.current;
      if (!current || current.id !== entry.lecture_id) return;
      if (current.deleted_at !== null) return showError("这篇讲稿在回收站中：从回收站恢复后，下次启动时再恢复这些文字");
      if (editor.text === entry.text) return void (await api.journalDiscard(entry.lecture_id));
      saver.setVersion(entry.lecture_id, entry.base_version);
      editor.replaceText(entry.text);
    }),
  )
  .catch(showError);
