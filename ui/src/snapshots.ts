// Snapshots: take one with a label, list them, see what changed since any of them (or since the text
// a draft was adapted from), and restore one. Restoring first snapshots the current text, so nothing
// is lost.
import { api, type DiffLine, type Lecture } from "./api";
import { el } from "./dialog";
import { groupDigits } from "./format";


export async function openSnapshots(
  lecture: Lecture,
  currentText: string,
  applyText: (text: string) => void,
  onError: (e: unknown) => void,
): Promise<void> {
  const dialog = el("dialog", { className: "dialog snapshots-dialog", testid: "snapshots-dialog" });
  const label = el("input", { className: "text-input", testid: "snapshot-label" });
  label.placeholder = "快照名称（可不填），如：支部审阅前";
  const take = el("button", { text: "拍快照", className: "primary", testid: "snapshot-take" });
  const list = el("ul", { className: "snapshot-list" });
  const diff = el("div", { className: "diff", testid: "snapshot-diff" });
  const restore = el("button", { text: "恢复此版本", testid: "snapshot-restore" });
  restore.disabled = true;
  const close = el("button", { text: "关闭" });
  let chosen: number | null = null;

  dialog.append(
    el("h3", { text: "快照" }),
    el("div", { className: "snapshot-take" }, label, take),
    el("div", { className: "snapshot-body" }, list, diff),
    el("footer", {}, restore, close),
  );

  async function refresh(): Promise<void> {
    const snaps = await api.snapshotList(lecture.id);
    list.replaceChildren();
    if (lecture.adapted_from !== null) {
      const li = el("li", { className: "snapshot-item source", text: "改编所依据的原稿", testid: "snapshot-source" });
      li.addEventListener("click", () => void show(null, li));
      list.append(li);
    }
    if (snaps.length === 0) list.append(el("li", { className: "snapshot-empty", text: "还没有快照" }));
    for (const s of snaps) {
      const li = el(
        "li",
        { className: "snapshot-item", testid: "snapshot-item" },
        el("div", { text: s.name }),
        el("div", { className: "snapshot-meta", text: `${formatTime(s.created_at)} · ${groupDigits(s.char_count)} 字` }),
      );
      li.dataset.id = String(s.id);
      li.addEventListener("click", () => void show(s.id, li));
      list.append(li);
    }
  }

  async function show(snapshotId: number | null, li: HTMLElement): Promise<void> {
    try {
      for (const x of list.querySelectorAll(".snapshot-item")) x.setAttribute("aria-selected", "false");
      li.setAttribute("aria-selected", "true");
      chosen = snapshotId;
      restore.disabled = snapshotId === null;
      renderDiff(diff, await api.snapshotDiff(lecture.id, snapshotId, currentText));
    } catch (e) {
      onError(e);
    }
  }

  take.addEventListener("click", async () => {
    try {
      await api.snapshotTake(lecture.id, label.value.trim() || null);
      label.value = "";
      await refresh();
    } catch (e) {
      onError(e);
    }
  });
  restore.addEventListener("click", async () => {
    if (chosen === null) return;
    try {
      const text = await api.snapshotRestore(lecture.id, chosen);
      applyText(text);
      dialog.close();
    } catch (e) {
      onError(e);
    }
  });
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  try {
    await refresh();
  } catch (e) {
    onError(e);
  }
}

/** Renders paragraph-level differences: removed in red and struck through, added in green. */
export function renderDiff(parent: HTMLElement, lines: DiffLine[]): void {
  parent.replaceChildren();
  const changed = lines.some((l) => l.kind !== "same");
  if (!changed) {
    parent.append(el("p", { className: "diff-none", text: "与当前正文没有差别" }));
    return;
  }
  for (const l of lines) {
    const p = el("p", { className: `diff-${l.kind}`, text: l.text });
    p.dataset.kind = l.kind;
    parent.append(p);
  }
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
