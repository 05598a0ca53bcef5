import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutoSaver, type SaveState } from "./autosave";

describe("AutoSaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, with the latest text, after typing pauses", async () => {
    const saved: string[] = [];
    const states: SaveState[] = [];
    const saver = new AutoSaver({ save: async (t) => void saved.push(t), onState: (s) => states.push(s), delay: 800 });
    saver.changed("同");
    await vi.advanceTimersByTimeAsync(500);
    saver.changed("同志");
    await vi.advanceTimersByTimeAsync(500);
    saver.changed("同志们");
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    expect(saved).toEqual(["同志们"]);
    expect(states.at(-1)).toBe("saved");
  });

  it("flush saves at once and waits for a save already running", async () => {
    let release: () => void = () => {};
    const saved: string[] = [];
    const saver = new AutoSaver({
      save: (t) =>
        new Promise<void>((r) => {
          saved.push(t);
          release = r;
        }),
      onState: () => {},
    });
    saver.changed("一");
    const first = saver.flush();
    saver.changed("一二");
    const second = saver.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await first;
    await second;
    expect(saved).toEqual(["一", "一二"]);
    expect(saver.hasUnsaved).toBe(false);
  });

  it("keeps the text after a failed save and reports the error", async () => {
    let fail = true;
    const saved: string[] = [];
    const states: string[] = [];
    const saver = new AutoSaver({
      save: async (t) => {
        if (fail) throw "磁盘已满";
        saved.push(t);
      },
      onState: (s, e) => states.push(e ? `${s}:${e}` : s),
    });
    saver.changed("讲稿");
    await saver.flush();
    expect(states.at(-1)).toBe("error:磁盘已满");
    expect(saver.hasUnsaved).toBe(true);
    fail = false;
    await saver.flush();
    expect(saved).toEqual(["讲稿"]);
    expect(states.at(-1)).toBe("saved");
  });

  it("reads the text only when it saves, and only the newest reader", async () => {
    const reads: string[] = [];
    const saved: string[] = [];
    const saver = new AutoSaver({ save: async (t) => void saved.push(t), onState: () => {}, delay: 800 });
    const reader = (t: string) => () => (reads.push(t), t);
    saver.changed(reader("同"));
    saver.changed(reader("同志"));
    await vi.advanceTimersByTimeAsync(100);
    expect(reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    expect(reads).toEqual(["同志"]);
    expect(saved).toEqual(["同志"]);
  });
});
