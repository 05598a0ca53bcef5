// 讲稿台: the main window.
import { api, type LectureSummary } from "./api";
import { createEditor, setText } from "./editor";
import { renderLibrary } from "./library";
import { statsLine } from "./format";

const listEl = document.getElementById("library-list")!;
const titleEl = document.getElementById("lecture-title")!;
const statsEl = document.getElementById("stats")!;
const bannerEl = document.getElementById("error-banner")!;
const editor = createEditor(document.getElementById("editor")!);

let lectures: LectureSummary[] = [];
let selectedId: number | null = null;

function showError(message: string): void {
  bannerEl.textContent = message;
  bannerEl.hidden = false;
}

async function refreshLibrary(): Promise<void> {
  lectures = await api.libraryList();
  renderLibrary(listEl, lectures, selectedId, (id) => void openLecture(id));
}

async function openLecture(id: number): Promise<void> {
  try {
    const lecture = await api.lectureGet(id);
    selectedId = id;
    titleEl.textContent = lecture.title || "（无标题）";
    setText(editor, lecture.body);
    const summary = lectures.find((l) => l.id === id);
    statsEl.textContent = summary ? statsLine(summary.char_count) : "";
    renderLibrary(listEl, lectures, selectedId, (i) => void openLecture(i));
  } catch (e) {
    showError(String(e));
  }
}

// Start where the user is most likely to continue: the most recently changed lecture.
refreshLibrary()
  .then(() => {
    if (selectedId === null && lectures.length > 0) return openLecture(lectures[0].id);
  })
  .catch((e) => showError(String(e)));
