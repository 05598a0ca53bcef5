// A library that could not be opened at start. A damaged one: says so (the core's Chinese message)
// and offers its backups, newest first, with their dates and numbers of lectures; the one chosen
// is restored by the core, which moves the damaged file aside and never deletes it. Any other
// reason (a library from a newer 讲稿台, a read-only folder) is shown as it is. Which errors offer
// backups, and the restore itself, are the core's.
import { api, type BackupOffer } from "./api";
import { el, showDialog } from "./dialog";

function backupButton(b: BackupOffer, n: number): HTMLButtonElement {
  const count = b.lectures === null ? "无法读取" : `${b.lectures} 篇讲稿`;
  const button = el("button", { className: "backup-choice", text: `${b.date || "日期不明"}　${count}${b.good ? "" : "（已损坏）"}` });
  button.type = "button";
  button.dataset.action = `backup-${n}`;
  button.dataset.testid = "backup-choice";
  button.disabled = !b.good;
  return button;
}

/** Before the library is first used: when it did not open, says why; when it is damaged, offers
 * its backups until one is restored or the user declines. Resolves once the start may go on. */
export async function checkLibraryAtStart(showError: (e: unknown) => void): Promise<void> {
  for (;;) {
    const status = await api.libraryStatus();
    if (status.kind === "open") return;
    if (!status.damaged) return showError(status.message);
    const good = status.backups.filter((b) => b.good);
    const body: HTMLElement[] = [el("p", { text: status.message })];
    if (good.length > 0) {
      const list = el("div", { className: "backup-list", testid: "backup-list" });
      status.backups.forEach((b, n) => list.append(backupButton(b, n)));
      body.push(el("p", { text: "选择一个备份恢复（损坏的文件会移到一旁保留，不会删除）：" }), list);
    } else {
      body.push(el("p", { text: "没有找到完好的备份。损坏的文件保持原样，没有改动。" }));
    }
    const answer = await showDialog("讲稿库已损坏", body, [{ id: "cancel", label: "暂不恢复" }], "damaged-dialog");
    if (!answer.startsWith("backup-")) return showError(status.message);
    const chosen = status.backups[Number(answer.slice("backup-".length))];
    try {
      const restored = await api.libraryRestoreBackup(chosen.file);
      const aside = restored.moved_aside ? `损坏的文件已移到 ${restored.moved_aside}，没有删除。` : "";
      await showDialog(
        "已从备份恢复",
        [el("p", { text: `已恢复 ${chosen.date} 的备份，共 ${restored.lectures} 篇讲稿。${aside}` })],
        [{ id: "ok", label: "知道了", primary: true }],
        "restored-dialog",
      );
      return;
    } catch (e) {
      showError(e);
    }
  }
}
