import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutoSaver, type SaveReply, type SaveShell, type SaveState } from "./autosave";

/** A fake shell: lectures with a text and a version, a lock another process may hold, and the
 * recovery journal. A save against an older version is refused, as the core does. */
class FakeShell implements SaveShell {
  lectures = new Map<number, { text: string; version: number }>();
  journalled = new Map<number, { base: number; text: string }>();
  locked = false;
  calls: string[] = [];
  constructor(texts: Record<number, string>) {
    for (const [id, text] of Object.entries(texts)) this.lectures.set(Number(id), { text, version: 1 });
  }
  async save(id: number, base: number, text: string): Promise<SaveReply> {
    this.calls.push(`${id}@${base}:${text}`);
    if (this.locked) throw "讲稿库正被另一个程序占用";
    const l = this.lectures.get(id)!;
    if (l.version !== base) return { kind: "conflict", message: `讲稿 ${id} 已在别处修改` };
    if (l.text !== text) Object.assign(l, { text, version: l.version + 1 });
    this.journalled.delete(id);
    return { kind: "saved", version: l.version };
  }
  async journal(id: number, base: number, text: string): Promise<void> {
    this.journalled.set(id, { base, text });
  }
  text(id: number): string {
    return this.lectures.get(id)!.text;
  }
}

function setup(shell: FakeShell, onConflict: (id: number, text: string) => Promise<boolean> = async () => false) {
  const states: string[] = [];
  const saver = new AutoSaver({
    shell,
    onState: (s: SaveState, e?: string) => states.push(e ? `${s}:${e}` : s),
    onConflict: (id, text) => onConflict(id, text),
    delay: 800,
    retryDelay: 3000,
  });
  return { saver, states };
}

describe("AutoSaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, with the latest text, after typing pauses, naming the version it was edited from", async () => {
    const shell = new FakeShell({ 1: "" });
    const { saver, states } = setup(shell);
    saver.open(1, 1);
    saver.changed("同");
    await vi.advanceTimersByTimeAsync(500);
    saver.changed("同志们");
    expect(shell.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    expect(shell.calls).toEqual(["1@1:同志们"]);
    saver.changed("同志们好");
    await saver.flush();
    // The second save names the version the first one made.
    expect(shell.calls).toEqual(["1@1:同志们", "1@2:同志们好"]);
    expect(states.at(-1)).toBe("saved");
    expect(saver.hasUnsaved()).toBe(false);
  });

  it("with no lecture open, typing goes nowhere", async () => {
    const shell = new FakeShell({ 1: "甲" });
    const { saver } = setup(shell);
    saver.changed("乙");
    await saver.flush();
    expect(shell.calls).toEqual([]);
    saver.open(1, 1);
    saver.close();
    saver.changed("丙");
    await saver.flush();
    expect(shell.calls).toEqual([]);
    expect(shell.text(1)).toBe("甲");
  });

  it("while the library is locked: says so, journals the text, retries, and never writes A's text into B", async () => {
    const shell = new FakeShell({ 1: "A原文", 2: "B原文" });
    const { saver, states } = setup(shell);
    // The editor's live text: what a reader returns changes as the user types and switches.
    let editorText = "A原文";
    saver.open(1, 1);
    editorText = "A原文，一";
    saver.changed(() => editorText);
    await saver.flush();
    expect(shell.text(1)).toBe("A原文，一");

    shell.locked = true;
    editorText = "A原文，一二三";
    saver.changed(() => editorText);
    await saver.flush(); // switching lecture flushes first
    expect(states.at(-1)).toBe("error:讲稿库正被另一个程序占用");
    expect(shell.journalled.get(1)).toEqual({ base: 2, text: "A原文，一二三" });
    saver.open(2, 1);
    editorText = "B原文"; // the editor now shows B; A's pending text must not follow it
    expect(saver.unsavedText(1)).toBe("A原文，一二三");
    expect(saver.hasUnsaved(2)).toBe(false);

    // Retries a few seconds apart while locked; the status stays red all along.
    const before = shell.calls.length;
    const seen = states.length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(shell.calls.length).toBe(before + 1);
    expect(shell.calls.at(-1)).toBe("1@2:A原文，一二三");
    expect(states.slice(seen).every((s) => s.startsWith("error:"))).toBe(true);
    shell.locked = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(shell.text(1)).toBe("A原文，一二三");
    expect(shell.text(2)).toBe("B原文");
    expect(shell.calls.every((c) => !c.startsWith("2@"))).toBe(true);
    expect(shell.journalled.size).toBe(0);
    expect(states.at(-1)).toBe("saved");
  });

  it("reopening a lecture with text still pending keeps that text and its base", async () => {
    const shell = new FakeShell({ 1: "甲", 2: "乙" });
    const { saver } = setup(shell);
    shell.locked = true;
    saver.open(1, 1);
    saver.changed("甲改");
    await saver.flush();
    saver.open(2, 1);
    saver.open(1, 1);
    expect(saver.unsavedText(1)).toBe("甲改");
    saver.changed("甲改再改");
    shell.locked = false;
    await saver.flush();
    expect(shell.text(1)).toBe("甲改再改");
  });

  it("a save refused because the lecture changed elsewhere goes to the user, and is not retried until settled", async () => {
    const shell = new FakeShell({ 1: "原文" });
    const asked: [number, string][] = [];
    let settle = false;
    const { saver, states } = setup(shell, async (id, text) => {
      asked.push([id, text]);
      if (settle) shell.lectures.set(id, { text, version: 9 }); // as keep_mine does
      return settle;
    });
    saver.open(1, 1);
    shell.lectures.set(1, { text: "命令行改的", version: 2 }); // the CLI saved meanwhile
    saver.changed("我改的");
    await saver.flush();
    expect(asked).toEqual([[1, "我改的"]]);
    expect(shell.text(1)).toBe("命令行改的");
    expect(states.at(-1)).toBe("conflict:讲稿 1 已在别处修改");
    expect(shell.journalled.get(1)?.text).toBe("我改的");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked.length).toBe(1);
    expect(saver.hasUnsaved(1)).toBe(true);

    settle = true;
    await saver.flush();
    expect(asked.length).toBe(2);
    expect(shell.text(1)).toBe("我改的");
    expect(saver.hasUnsaved()).toBe(false);
  });

  it("reads the text only when it saves, and only the newest reader", async () => {
    const shell = new FakeShell({ 1: "" });
    const { saver } = setup(shell);
    const reads: string[] = [];
    const reader = (t: string) => () => (reads.push(t), t);
    saver.open(1, 1);
    saver.changed(reader("同"));
    saver.changed(reader("同志"));
    await vi.advanceTimersByTimeAsync(100);
    expect(reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    expect(reads).toEqual(["同志"]);
    expect(shell.text(1)).toBe("同志");
  });
});
