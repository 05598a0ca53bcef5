import { beforeEach, describe, expect, it, vi } from "vitest";

// A fake shell in place of the generated commands.
const shell = vi.hoisted(() => ({
  lectureResolveConflict: vi.fn(),
  journalList: vi.fn(),
  journalDiscard: vi.fn(),
  lectureGet: vi.fn(),
  journalPut: vi.fn(),
  lectureSave: vi.fn(),
}));
vi.mock("./api", () => ({ api: shell }));

import { offerRecovery, resolveConflict, showSaveState } from "./saving";

beforeEach(() => {
  for (const f of Object.values(shell)) f.mockReset();
  document.body.replaceChildren();
});

/** Waits for the dialog `testid` and presses the button labelled `label`. */
async function press(testid: string, label: string): Promise<string> {
  await vi.waitFor(() => expect(document.querySelector(`[data-testid="${testid}"]`)).not.toBeNull());
  const dialog = document.querySelector(`[data-testid="${testid}"]`)!;
  const text = dialog.textContent ?? "";
  const button = [...dialog.querySelectorAll("button")].find((b) => b.textContent === label);
  expect(button, `a button ${label} in ${text}`).toBeDefined();
  button!.click();
  return text;
}

describe("the conflict dialog", () => {
  it("两份都保留 settles through the shell, and the editor goes on with the copy", async () => {
    shell.lectureResolveConflict.mockResolvedValue({ lecture: 8, version: 1, kept_as_snapshot: null });
    const after = vi.fn(async () => {});
    const settled = resolveConflict(3, "我的文字", "讲稿「甲」已在别处修改", after);
    const text = await press("conflict-dialog", "两份都保留");
    expect(text).toContain("讲稿「甲」已在别处修改");
    expect(await settled).toBe(true);
    expect(shell.lectureResolveConflict).toHaveBeenCalledWith(3, "我的文字", "keep_both");
    expect(after).toHaveBeenCalledWith(8, 1, true);
  });

  it("保留我的 keeps editing the same lecture at its new version, without reloading", async () => {
    shell.lectureResolveConflict.mockResolvedValue({ lecture: 3, version: 7, kept_as_snapshot: null });
    const after = vi.fn(async () => {});
    const settled = resolveConflict(3, "我的文字", "冲突", after);
    await press("conflict-dialog", "保留我的");
    expect(await settled).toBe(true);
    expect(shell.lectureResolveConflict).toHaveBeenCalledWith(3, "我的文字", "keep_mine");
    expect(after).toHaveBeenCalledWith(3, 7, false);
  });

  it("采用库中的 reloads the library's text", async () => {
    shell.lectureResolveConflict.mockResolvedValue({ lecture: 3, version: 5, kept_as_snapshot: null });
    const after = vi.fn(async () => {});
    const settled = resolveConflict(3, "我的文字", "冲突", after);
    await press("conflict-dialog", "采用库中的");
    expect(await settled).toBe(true);
    expect(shell.lectureResolveConflict).toHaveBeenCalledWith(3, "我的文字", "take_theirs");
    expect(after).toHaveBeenCalledWith(3, 5, true);
  });
});

describe("the recovery offer on start", () => {
  it("names each lecture; 恢复 restores its text, 放弃 discards the entry", async () => {
    shell.journalList.mockResolvedValue([
      { lecture_id: 1, base_version: 2, text: "甲稿未保存的文字", written_at: "2026-11-30T08:00:00Z" },
      { lecture_id: 2, base_version: 4, text: "乙稿未保存的文字", written_at: "2026-11-30T08:01:00Z" },
    ]);
    shell.lectureGet.mockImplementation(async (id: number) => ({ id, title: id === 1 ? "讲稿甲" : "讲稿乙" }));
    shell.journalDiscard.mockResolvedValue(null);
    const restored: number[] = [];
    const done = offerRecovery(async (entry) => void restored.push(entry.lecture_id));
    expect(await press("recovery-dialog", "恢复")).toContain("讲稿甲");
    await vi.waitFor(() => expect(document.querySelector('[data-testid="recovery-dialog"]')?.textContent).toContain("讲稿乙"));
    await press("recovery-dialog", "放弃");
    await done;
    expect(restored).toEqual([1]);
    expect(shell.journalDiscard).toHaveBeenCalledTimes(1);
    expect(shell.journalDiscard).toHaveBeenCalledWith(2);
  });
});

describe("the save status", () => {
  it("a failure says so with the reason", () => {
    const el = document.createElement("span");
    showSaveState(el, "error", "讲稿库正被另一个程序占用");
    expect(el.textContent).toContain("保存失败");
    expect(el.textContent).toContain("讲稿库正被另一个程序占用");
    expect(el.dataset.state).toBe("error");
    showSaveState(el, "saved");
    expect(el.textContent).toBe("已保存");
  });
});
