// 讲稿台: the main window. Wires the panes to the shell's commands.
import { applyUpdate, type Analysis } from "./analysis";
import { api, type Lecture, type LectureSummary, type OutlineOp, type TextChange } from "./api";
import type { ChangeSet } from "@codemirror/state";
import { AutoSaver, type SaveState } from "./autosave";
import { Editor, type HeadingMark } from "./editor";
import { renderLibrary, type LibraryRow } from "./library";
import { formatMinutes, outlineKey, renderOutline, sectionAt, type OutlineHandlers, type OutlineView } from "./outline";
import { charToUtf16, utf16ToChar } from "./offsets";
import { statsLine } from "./format";
import { settings } from "./settings";
import { offerCleanPaste } from "./paste";
import { setupImport } from "./import";
import { openSnapshots } from "./snapshots";
import { openExport, exportToHook } from "./export";
import { showDialog, el } from "./dialog";
import { getCurrentWindow } from "@tauri-apps/api/window";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const listEl = $("library-list");
const searchEl = $<HTMLInputElement>("library-search");
const titleEl = $<HTMLInputElement>("lecture-title");
const statsEl = $("stats");
const saveEl = $("save-status");
const outlineEl = $("outline-list");
const bannerEl = $("error-banner");

let lectures: LectureSummary[] = [];
let showingTrash = false;
let current: Lecture | null = null;
let analysis: Analysis | null = null;
const outline: OutlineView = { items: [], selected: null, current: null };

function showError(message: unknown): void {
  bannerEl.textContent = String(message);
  bannerEl.hidden = false;
  setTimeout(() => (bannerEl.hidden = true), 8000);
}
bannerEl.addEventListener("click", () => (bannerEl.hidden = true));

// ---- saving -------------------------------------------------------------------------------------

const SAVE_TEXT: Record<SaveState, string> = { saved: "已保存", dirty: "未保存", saving: "正在保存…", error: "保存失败" };
const saver = new AutoSaver({
  save: async (text) => {
    if (!current) return;
    const id = current.id;
    const r = await api.lectureSave(id, text);
    if (current?.id === id) current.updated_at = r.updated_at;
    void refreshLibrary();
  },
  onState: (state, error) => {
    saveEl.textContent = error ? `保存失败：${error}` : SAVE_TEXT[state];
    saveEl.dataset.state = state;
  },
});

// ---- editor and outline -------------------------------------------------------------------------

let analyzeTimer: ReturnType<typeof setTimeout> | null = null;
let analyzeSeq = 0;

const editor = new Editor($("editor"), {
  onChange: (changes, text) => {
    saver.changed(text);
    unsent = unsent ? unsent.compose(changes) : changes;
    scheduleAnalyze();
  },
  onCursor: (pos) => {
    if (!analysis) return;
    const at = sectionAt(outline.items, utf16ToChar(editor.text, pos));
    if (at !== outline.current) {
      outline.current = at;
      drawOutline();
    }
  },
  onPaste: (text, view) => offerCleanPaste(text, view, showError),
});
document.documentElement.style.setProperty("--editor-size", `${settings.editorSize}px`);

/** How long the outline waits for a pause in typing before it refreshes (ms). */
const ANALYZE_DELAY = 150;

function scheduleAnalyze(delay = ANALYZE_DELAY): void {
  if (analyzeTimer) clearTimeout(analyzeTimer);
  analyzeTimer = setTimeout(() => void analyze(), delay);
}

/** Where the last refresh spent its time (ms), for the responsiveness measurement. */
const lastRefresh = { parse: 0, outline: 0, headings: 0 };

// The shell keeps a copy of the text being edited, so a keystroke sends only its changes (a
// 50,000-character lecture is 150 KB to send); `unsent` holds the edits since the copy was last
// brought up to date. It answers with the analysis's changes from the one it sent before,
// `shellSent`. Requests go one at a time so both sides see the edits in order.
let unsent: ChangeSet | null = null;
let shellSent: Analysis | null = null;
let inFlight: Promise<unknown> = Promise.resolve();
// Counts the texts the editor has been given: an answer about an earlier one never becomes
// `shellSent`.
let shellText = 0;

/** Gives the editor a new text (another lecture, or none): the next analysis sends it whole. */
function showText(text: string): void {
  editor.load(text);
  unsent = null;
  shellSent = null;
  shellText += 1;
}

/** Analyses the editor's text as it is when the request's turn comes: the edits not yet sent and the
 * text they lead to are read together, so the copy and the analysis always match the text. */
async function parse(): Promise<{ a: Analysis; text: string }> {
  const text = editor.text;
  const edits = unsent;
  unsent = null;
  const earlier = shellSent;
  const given = shellText;
  if (edits && earlier && edits.newLength === text.length) {
    const list: TextChange[] = [];
    edits.iterChanges((from, to, _fromB, _toB, inserted) => list.push({ from, to, insert: inserted.toString() }));
    try {
      const a = applyUpdate(earlier, await api.textAnalyzeChanges(list, edits.length, edits.newLength, settings.rate));
      if (given === shellText) shellSent = a;
      return { a, text };
    } catch {
      // The copy is out of step: send the whole text below.
    }
  }
  shellSent = null;
  const a = await api.textAnalyze(text, settings.rate);
  if (given === shellText) shellSent = a;
  return { a, text };
}

/** Refreshes outline, counts and heading styles from the editor's text. */
async function analyze(): Promise<void> {
  const seq = ++analyzeSeq;
  try {
    const t0 = performance.now();
    const request = inFlight.then(parse);
    inFlight = request.catch(() => undefined);
    const { a, text } = await request;
    if (seq !== analyzeSeq) return;
    const t1 = performance.now();
    analysis = a;
    outline.items = a.items;
    if (outline.selected !== null && outline.selected >= a.items.length) outline.selected = null;
    outline.current = sectionAt(a.items, utf16ToChar(text, editor.view.state.selection.main.head));
    drawOutline();
    drawStats();
    const t2 = performance.now();
    applyHeadings(text);
    const t3 = performance.now();
    Object.assign(lastRefresh, { parse: t1 - t0, outline: t2 - t1, headings: t3 - t2 });
  } catch (e) {
    showError(e);
  }
}

function applyHeadings(text: string): void {
  if (!analysis) return;
  const marks: HeadingMark[] = analysis.items.map((i) => ({
    from: charToUtf16(text, i.start),
    to: charToUtf16(text, i.heading_end),
    level: i.level,
  }));
  // Never dispatch into the editor while an input method is composing: retry once it ends.
  if (!editor.setHeadings(marks)) pendingHeadings = true;
}
let pendingHeadings = false;
editor.view.contentDOM.addEventListener("compositionend", () => {
  if (pendingHeadings) {
    pendingHeadings = false;
    setTimeout(() => applyHeadings(editor.text), 0);
  }
});

function drawStats(): void {
  if (!analysis) {
    statsEl.textContent = "";
    return;
  }
  statsEl.textContent = statsLine(analysis.char_count, settings.rate);
  // On hover: every section's speaking time, sub-sections indented under their part.
  statsEl.title = analysis.items
    .map((i) => `${"　".repeat(i.level - 1)}${i.number}${i.title}：约 ${formatMinutes(i.minutes)} 分钟`)
    .join("\n");
}

const handlers: OutlineHandlers = {
  select(index) {
    outline.selected = index;
    drawOutline();
    const item = outline.items.find((i) => i.index === index);
    if (item) editor.scrollTo(charToUtf16(editor.text, item.start));
  },
  move: (index, target, placement) => void structural({ kind: "move", index, target, placement }),
  promote: (index) => void structural({ kind: "promote", index }),
  demote: (index) => void structural({ kind: "demote", index }),
  moveUp(index) {
    const sib = sibling(index, -1);
    if (sib !== null) void structural({ kind: "move", index, target: sib, placement: "before" });
  },
  moveDown(index) {
    const sib = sibling(index, 1);
    if (sib !== null) void structural({ kind: "move", index, target: sib, placement: "after" });
  },
};

/** The previous (-1) or next (+1) heading of the same level under the same parent. */
function sibling(index: number, dir: -1 | 1): number | null {
  const items = outline.items;
  const pos = items.findIndex((i) => i.index === index);
  if (pos < 0) return null;
  const level = items[pos].level;
  for (let p = pos + dir; p >= 0 && p < items.length; p += dir) {
    if (items[p].level < level) return null;
    if (items[p].level === level) return items[p].index;
  }
  return null;
}

async function structural(op: OutlineOp): Promise<void> {
  try {
    const r = await api.outlineEdit(editor.text, op);
    editor.replaceText(r.text, charToUtf16(r.text, r.cursor));
    await analyze();
    outline.selected = sectionAt(outline.items, r.cursor);
    drawOutline();
  } catch (e) {
    showError(e);
  }
}

function drawOutline(): void {
  renderOutline(outlineEl, outline, handlers);
  const has = outline.selected !== null;
  for (const id of ["outline-move-up", "outline-move-down", "outline-promote", "outline-demote"]) {
    document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!.disabled = !has;
  }
}
outlineEl.tabIndex = 0;
outlineEl.addEventListener("keydown", (e) => {
  if (outlineKey(e, outline, handlers)) e.preventDefault();
});
const toolButton = (testid: string, run: (i: number) => void) =>
  document.querySelector(`[data-testid="${testid}"]`)!.addEventListener("click", () => {
    if (outline.selected !== null) run(outline.selected);
  });
toolButton("outline-move-up", handlers.moveUp);
toolButton("outline-move-down", handlers.moveDown);
toolButton("outline-promote", handlers.promote);
toolButton("outline-demote", handlers.demote);

// ---- library ------------------------------------------------------------------------------------

async function refreshLibrary(): Promise<void> {
  const q = searchEl.value.trim();
  if (q) {
    const hits = await api.librarySearch(q);
    if (searchEl.value.trim() !== q) return;
    draw(hits.map((hit) => ({ kind: "hit", hit })), `没有找到“${q}”`);
    return;
  }
  lectures = showingTrash ? await api.trashList() : await api.libraryList();
  draw(lectures.map((lecture) => ({ kind: "lecture", lecture })), showingTrash ? "回收站是空的" : "讲稿库是空的");
}

function draw(rows: LibraryRow[], emptyText: string): void {
  renderLibrary(listEl, rows, current?.id ?? null, (id) => void openLecture(id), emptyText);
}

let searchTimer: ReturnType<typeof setTimeout> | null = null;
searchEl.addEventListener("input", () => {
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void refreshLibrary().catch(showError), 120);
});

async function openLecture(id: number): Promise<void> {
  try {
    await saver.flush();
    const lecture = await api.lectureGet(id);
    current = lecture;
    titleEl.value = lecture.title;
    titleEl.disabled = false;
    outline.selected = null;
    showText(lecture.body);
    saveEl.textContent = "已保存";
    saveEl.dataset.state = "saved";
    for (const b of document.querySelectorAll<HTMLButtonElement>(".needs-lecture")) b.disabled = showingTrash;
    $("restore-button").hidden = !showingTrash;
    await analyze();
    await refreshLibrary();
  } catch (e) {
    showError(e);
  }
}

titleEl.addEventListener("change", async () => {
  if (!current) return;
  const title = titleEl.value.trim();
  try {
    await api.lectureRename(current.id, title);
    current.title = title;
    await refreshLibrary();
  } catch (e) {
    showError(e);
  }
});

$("new-button").addEventListener("click", async () => {
  try {
    showTrash(false);
    const id = await api.lectureCreate();
    await refreshLibrary();
    await openLecture(id);
    titleEl.focus();
    titleEl.select();
  } catch (e) {
    showError(e);
  }
});

$("adapt-button").addEventListener("click", async () => {
  if (!current) return;
  try {
    await saver.flush();
    const id = await api.lectureAdapt(current.id);
    await refreshLibrary();
    await openLecture(id);
  } catch (e) {
    showError(e);
  }
});

$("delete-button").addEventListener("click", async () => {
  if (!current) return;
  const answer = await showDialog(
    "删除讲稿",
    [el("p", { text: `把“${current.title || "（无标题）"}”移到回收站？以后可以从回收站恢复。` })],
    [
      { id: "cancel", label: "取消" },
      { id: "delete", label: "移到回收站", primary: true },
    ],
  );
  if (answer !== "delete") return;
  try {
    await saver.flush();
    await api.lectureDelete(current.id);
    current = null;
    showText("");
    titleEl.value = "";
    titleEl.disabled = true;
    analysis = null;
    outline.items = [];
    drawOutline();
    drawStats();
    await refreshLibrary();
  } catch (e) {
    showError(e);
  }
});

$("restore-button").addEventListener("click", async () => {
  if (!current) return;
  try {
    await api.lectureRestoreDeleted(current.id);
    showTrash(false);
    await refreshLibrary();
    await openLecture(current.id);
  } catch (e) {
    showError(e);
  }
});

function showTrash(on: boolean): void {
  showingTrash = on;
  $("trash-toggle").setAttribute("aria-pressed", String(on));
  $("trash-toggle").textContent = on ? "返回讲稿库" : "回收站";
}
$("trash-toggle").addEventListener("click", () => {
  showTrash(!showingTrash);
  searchEl.value = "";
  void refreshLibrary().catch(showError);
});

$("tags-button").addEventListener("click", async () => {
  if (!current) return;
  const input = el("input", { className: "text-input" });
  input.value = current.tags.join("，");
  input.placeholder = "用逗号分开，如：城镇化，乡村振兴";
  const answer = await showDialog("标签", [input], [
    { id: "cancel", label: "取消" },
    { id: "ok", label: "保存", primary: true },
  ]);
  if (answer !== "ok") return;
  const tags = input.value.split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean);
  try {
    await api.lectureSetTags(current.id, tags);
    current.tags = tags;
    await refreshLibrary();
  } catch (e) {
    showError(e);
  }
});

$("snapshot-button").addEventListener("click", () => {
  if (!current) return;
  void saver.flush().then(() =>
    openSnapshots(current!, editor.text, (text) => {
      editor.replaceText(text);
    }, showError),
  );
});

$("export-button").addEventListener("click", () => {
  if (!current) return;
  void saver.flush().then(() => openExport(current!, showError));
});

// ---- text size and rate -------------------------------------------------------------------------

function setEditorSize(px: number): void {
  settings.editorSize = px;
  document.documentElement.style.setProperty("--editor-size", `${settings.editorSize}px`);
  editor.view.requestMeasure();
}
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
    if (current) void analyze();
  }
});

// ---- import and closing -------------------------------------------------------------------------

const importPaths = setupImport(async (firstId) => {
  showTrash(false);
  await refreshLibrary();
  if (firstId !== null) await openLecture(firstId);
}, showError);

// Automation hooks for the end-to-end tests, which cannot drive the system's file dialogs: the same
// code paths as choosing files in the open dialog, and as choosing a path in the save dialog.
// Also the responsiveness measurements of the README (`make bench`): when the library became usable
// after the process started, and the work one keystroke causes.
const hooks = {
  importPaths,
  exportTo: (path: string) => exportToHook?.(path),
  /** Milliseconds from process start to the library list drawn; null until then. */
  readyMs: null as number | null,
  /** Types one character `times` times into the open lecture and times, for each, the work it
   * causes: the editor's update (`edit`), then the refresh that follows it (core parse over IPC,
   * outline and counts, heading styles). As in use, the refresh comes after the pause in typing it
   * waits for (here without the timer, which is cancelled); by then the typed character is drawn.
   * The browser's drawing of the frame after the refresh (`frame`) is reported, not counted. */
  async measureKeystroke(times: number): Promise<Record<string, number>[]> {
    const out: Record<string, number>[] = [];
    for (let n = 0; n < times; n++) {
      const at = Math.floor(editor.view.state.doc.length / 2);
      const start = performance.now();
      editor.view.dispatch({ changes: { from: at, insert: "字" }, userEvent: "input.type" });
      const typed = performance.now();
      if (analyzeTimer) clearTimeout(analyzeTimer);
      await new Promise((done) => setTimeout(done, ANALYZE_DELAY));
      const paused = performance.now();
      await analyze();
      const refreshed = performance.now();
      await new Promise(requestAnimationFrame);
      out.push({
        total: typed - start + (refreshed - paused),
        edit: typed - start,
        ...lastRefresh,
        frame: performance.now() - refreshed,
      });
    }
    return out;
  },
};
(window as unknown as { lectern: typeof hooks }).lectern = hooks;

// Save before the window closes: nothing typed is lost.
window.addEventListener("beforeunload", () => void saver.flush());
void getCurrentWindow().onCloseRequested(async () => {
  await saver.flush();
});

// Start where the user is most likely to continue: the most recently changed lecture.
refreshLibrary()
  .then(() => {
    // At the frame that shows the list: never waited for, so a hidden window still opens the lecture.
    requestAnimationFrame(() => void api.appUptimeMs().then((ms) => (hooks.readyMs = ms)));
    if (!current && lectures.length > 0) return openLecture(lectures[0].id);
  })
  .catch(showError);
