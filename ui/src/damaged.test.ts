import { beforeEach, describe, expect, it, vi } from "vitest";

// A fake shell in place of the generated commands.
const shell = vi.hoisted(() => ({ libraryStatus: vi.fn(), libraryRestoreBackup: vi.fn() }));
vi.mock("./api", () => ({ api: shell }));

import { checkLibraryAtStart } from "./damaged";

beforeEach(() => {
  for (const f of Object.values(shell)) f.mockReset();
  document.body.replaceChildren();
});

const DAMAGED = "讲稿库 /d/library.db 已损坏，无法打开。可以从备份恢复";
const backups = [
  { file: "/d/backups/library-20261130-090000.db", date: "2026-11-30 09:00:00", lectures: null, good: false },
  { file: "/d/backups/library-20261129-090000.db", date: "2026-11-29 09:00:00", lectures: 12, good: true },
];

async function dialog(testid: string): Promise<Element> {
  await vi.waitFor(() => expect(document.querySelector(`[data-testid="${testid}"]`)).not.toBeNull());
  return document.querySelector(`[data-testid="${testid}"]`)!;
}

describe("a library that did not open at start", () => {
  it("asks nothing when the library is open", async () => {
    shell.libraryStatus.mockResolvedValue({ kind: "open" });
    const errors: unknown[] = [];
    await checkLibraryAtStart((e) => errors.push(e));
    expect(document.querySelector("dialog")).toBeNull();
    expect(errors).toEqual([]);
  });

  it("offers a damaged library's good backups with date and number, and restores the one chosen", async () => {
    shell.libraryStatus.mockResolvedValue({ kind: "failed", message: DAMAGED, damaged: true, backups });
    shell.libraryRestoreBackup.mockResolvedValue({ lectures: 12, moved_aside: "/d/library.db.damaged-20261130-100000" });
    const errors: unknown[] = [];
    const done = checkLibraryAtStart((e) => errors.push(e));
    const offer = await dialog("damaged-dialog");
    expect(offer.textContent).toContain(DAMAGED);
    const choices = [...offer.querySelectorAll<HTMLButtonElement>('[data-testid="backup-choice"]')];
    expect(choices.map((c) => [c.textContent, c.disabled])).toEqual([
      ["2026-11-30 09:00:00　无法读取（已损坏）", true],
      ["2026-11-29 09:00:00　12 篇讲稿", false],
    ]);
    choices[0].click(); // a damaged backup cannot be chosen
    expect(shell.libraryRestoreBackup).not.toHaveBeenCalled();
    choices[1].click();
    const told = await dialog("restored-dialog");
    expect(shell.libraryRestoreBackup).toHaveBeenCalledWith(backups[1].file);
    expect(told.textContent).toContain("共 12 篇讲稿");
    expect(told.textContent).toContain("library.db.damaged-20261130-100000，没有删除");
    told.querySelector<HTMLButtonElement>("button")!.click();
    await done;
    expect(errors).toEqual([]);
  });

  it("shows any other reason as it is, offering nothing", async () => {
    const tooNew = "讲稿库来自更新版本的讲稿台（数据格式第 9 版），本程序只支持到第 5 版";
    shell.libraryStatus.mockResolvedValue({ kind: "failed", message: tooNew, damaged: false, backups: [] });
    const errors: unknown[] = [];
    await checkLibraryAtStart((e) => errors.push(e));
    expect(document.querySelector("dialog")).toBeNull();
    expect(errors).toEqual([tooNew]);
  });

  it("leaves the damaged file alone when the user declines", async () => {
    shell.libraryStatus.mockResolvedValue({ kind: "failed", message: DAMAGED, damaged: true, backups });
    const errors: unknown[] = [];
    const done = checkLibraryAtStart((e) => errors.push(e));
    const offer = await dialog("damaged-dialog");
    [...offer.querySelectorAll("button")].find((b) => b.textContent === "暂不恢复")!.click();
    await done;
    expect(shell.libraryRestoreBackup).not.toHaveBeenCalled();
    expect(errors).toEqual([DAMAGED]);
  });
});
