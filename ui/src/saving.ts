// Saving as the user sees it: the status bar's save state (red, with the reason, while saves fail),
// the conflict dialog (保留我的 / 采用库中的 / 两份都保留), the offer on start of text left in the
// recovery journal (恢复 / 放弃), and the question before closing with text that could not be saved.
// The rules (versions, what each choice keeps) are the core's; this only asks and calls the shell.
import { api, type ConflictChoice, type JournalEntry } from "./api";
import { AutoSaver, type SaveShell, type SaveState } from "./autosave";
import { el, showDialog } from "./dialog";

const SAVE_TEXT: Record<SaveState, string> = {
  saved: "已保存",
  dirty: "未保存",
  saving: "正在保存…",
  error: "保存失败",
  conflict: "未保存：讲稿已在别处修改",
};

/** Shows the save state in the status bar; a failure in red, naming the reason. */
export function showSaveState(target: HTMLElement, state: SaveState, error?: string): void {
  target.textContent = state === "error" && error ? `保存失败，正在重试：${error}` : SAVE_TEXT[state];
  target.title = error ?? "";
  target.dataset.state = state;
}

/** The shell's save and journal commands, as the autosaver calls them. */
export const saveShell: SaveShell = {
  save: async (id, base, text) => {
    const r = await api.lectureSave(id, base, text);
    return r.kind === "saved" ? { kind: "saved", version: r.outcome.version } : { kind: "conflict", message: r.message };
  },
  journal: async (id, base, text) => void (await api.journalPut(id, base, text)),
};

/** What the app does once a conflict is settled: go on editing `lecture` at `version`, reloading
 * its text from the library when the library's text won. */
export type AfterConflict = (lecture: number, version: number, reload: boolean) => Promise<void>;

/** Asks how to settle a refused save, and settles it through the shell. True once settled. */
export async function resolveConflict(id: number, mine: string, message: string, after: AfterConflict): Promise<boolean> {
  const answer = await showDialog(
    "讲稿已在别处修改",
    [el("p", { text: message }), el("p", { text: "无论选哪一种，两份文字都不会丢失。" })],
    [
      { id: "keep_both", label: "两份都保留" },
      { id: "take_theirs", label: "采用库中的" },
      { id: "keep_mine", label: "保留我的", primary: true },
    ],
    "conflict-dialog",
  );
  if (answer === "cancel") return false;
  const choice = answer as ConflictChoice;
  const outcome = await api.lectureResolveConflict(id, mine, choice);
  await after(outcome.lecture, outcome.version, choice !== "keep_mine");
  return true;
}

/** On start: offers back each lecture's text left in the recovery journal. `restore` puts it into
 * the lecture (opened, as an edit made from the journalled version, so it is saved as usual). */
export async function offerRecovery(restore: (entry: JournalEntry) => Promise<void>): Promise<void> {
  const entries = await api.journalList();
  for (const entry of entries) {
    let title: string;
    try {
      title = (await api.lectureGet(entry.lecture_id)).title || "（无标题）";
    } catch {
      title = `编号 ${entry.lecture_id}`;
    }
    const preview = entry.text.length > 120 ? `${entry.text.slice(0, 120)}…` : entry.text;
    const answer = await showDialog(
      "恢复未保存的文字",
      [
        el("p", { text: `讲稿“${title}”有 ${entry.text.length} 字的修改（${entry.written_at}）上次没有保存进讲稿库。恢复吗？` }),
        el("blockquote", { className: "recovery-preview", text: preview }),
      ],
      [
        { id: "discard", label: "放弃" },
        { id: "restore", label: "恢复", primary: true },
      ],
      "recovery-dialog",
    );
    if (answer === "restore") await restore(entry);
    else if (answer === "discard") await api.journalDiscard(entry.lecture_id);
  }
}

/** Before the window closes: saves what is pending; when some text still cannot be saved, keeps it
 * in the journal and asks. True when the window may close. */
export async function mayClose(saver: AutoSaver): Promise<boolean> {
  await saver.flush();
  if (!saver.hasUnsaved()) return true;
  for (const u of saver.unsaved()) await api.journalPut(u.id, u.base, u.text).catch(() => undefined);
  const answer = await showDialog(
    "还有文字没有保存",
    [
      el("p", { text: "有些修改没能保存进讲稿库（讲稿库可能正被占用，或磁盘已满、文件夹只读）。" }),
      el("p", { text: "它们已存入恢复记录，下次启动时会提示恢复。现在关闭吗？" }),
    ],
    [
      { id: "close", label: "仍然关闭" },
      { id: "cancel", label: "继续等待保存", primary: true },
    ],
    "close-dialog",
  );
  return answer === "close";
}
