import { describe, expect, it } from "vitest";
import { ChangeSet, Text } from "@codemirror/state";
import { ShellSync, type Shell } from "./sync";
import type { Analysis, AnalysisUpdate, Change } from "./api";

/** A stand-in for the core's analysis: each line starting with "#" is a heading. */
function analyzeText(text: string): Analysis {
  const items: Analysis["items"] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) {
      items.push({ index: items.length, level: 1, number: "#", title: line.slice(1), start: at, heading_end: at + line.length, char_count: line.length, minutes: "1", problem: null });
    }
    at += line.length + 1;
  }
  return { char_count: text.length, minutes: String(text.length), items, closing: null };
}

/** A shell that keeps a copy as the real one does, and records what it was sent. */
class FakeShell implements Shell {
  copy: string | null = null;
  sent: Analysis | null = null;
  log: string[] = [];
  refuseNext = false;
  /** While set, answers are held back (in transit), as a slow answer would be. */
  gate: Promise<void> | null = null;
  async analyze(text: string): Promise<Analysis> {
    this.log.push(`whole:${text.length}`);
    this.copy = text;
    this.sent = analyzeText(text);
    const answer = this.sent;
    await this.gate;
    return answer;
  }
  async analyzeChanges(changes: Change[], oldLen: number, newLen: number): Promise<AnalysisUpdate> {
    this.log.push(`changes:${changes.length}`);
    if (this.copy === null || this.sent === null || this.copy.length !== oldLen || this.refuseNext) {
      this.refuseNext = false;
      throw new Error("编辑与文本不同步");
    }
    let next = "";
    let pos = 0;
    for (const c of changes) {
      next += this.copy.slice(pos, c.from) + c.insert;
      pos = c.to;
    }
    next += this.copy.slice(pos);
    if (next.length !== newLen) throw new Error("修改后长度不符");
    const earlier = this.sent;
    const a = analyzeText(next);
    this.copy = next;
    this.sent = a;
    await this.gate;
    return {
      char_count: a.char_count,
      minutes: a.minutes,
      level: a.items.map((i) => i.level),
      start: a.items.map((i) => i.start),
      heading_end: a.items.map((i) => i.heading_end),
      item_chars: a.items.map((i) => i.char_count),
      item_minutes: a.items.map((i) => i.minutes),
      words: a.items.filter((i) => earlier.items[i.index]?.title !== i.title).map((i) => ({ index: i.index, number: i.number, title: i.title, problem: i.problem })),
      closing: null,
    };
  }
}

/** An editor's text and the edits made to it, as CodeMirror reports them. */
function editor() {
  let doc = Text.of([""]);
  const shell = new FakeShell();
  const sync = new ShellSync(shell, () => doc.toString());
  return {
    shell,
    sync,
    load(text: string) {
      doc = Text.of(text.split("\n"));
      sync.reset();
    },
    edit(from: number, to: number, insert: string) {
      const changes = ChangeSet.of({ from, to, insert }, doc.length);
      doc = changes.apply(doc);
      sync.changed(changes);
    },
    get text() {
      return doc.toString();
    },
  };
}

describe("ShellSync", () => {
  it("sends a text whole once, then only the edits, and always ends at the text's analysis", async () => {
    const e = editor();
    e.load("#总体要求\n正文。\n#主要任务");
    expect((await e.sync.analyze()).analysis).toEqual(analyzeText(e.text));
    e.edit(6, 6, "很长的");
    e.edit(0, 5, "#重点任务");
    const { analysis, text } = await e.sync.analyze();
    expect(text).toBe(e.text);
    expect(analysis).toEqual(analyzeText(e.text));
    expect(e.shell.log).toEqual([`whole:15`, "changes:2"]);
  });

  it("sends the whole text again after a new text is loaded", async () => {
    const e = editor();
    e.load("#甲\n一");
    await e.sync.analyze();
    e.load("#乙\n二二");
    e.edit(0, 0, "x");
    expect((await e.sync.analyze()).analysis).toEqual(analyzeText(e.text));
    expect(e.shell.log).toEqual(["whole:4", "whole:6"]);
  });

  it("falls back to the whole text when the shell's copy is out of step", async () => {
    const e = editor();
    e.load("#甲\n一");
    await e.sync.analyze();
    e.shell.refuseNext = true;
    e.edit(4, 4, "二");
    expect((await e.sync.analyze()).analysis).toEqual(analyzeText(e.text));
    expect(e.shell.log).toEqual(["whole:4", "changes:1", "whole:5"]);
    e.edit(0, 0, "三");
    expect((await e.sync.analyze()).analysis).toEqual(analyzeText(e.text));
    expect(e.shell.log.at(-1)).toBe("changes:1");
  });

  it("keeps requests in order, so edits made while one is under way reach the shell after it", async () => {
    const e = editor();
    e.load("#甲\n一");
    const release = hold(e.shell);
    const first = e.sync.analyze();
    await tick();
    expect(e.shell.log).toEqual(["whole:4"]);
    e.edit(4, 4, "二");
    const second = e.sync.analyze();
    e.edit(0, 0, "#丙\n");
    await tick();
    expect(e.shell.log).toEqual(["whole:4"]);
    release();
    expect((await first).analysis).toEqual(analyzeText("#甲\n一"));
    const { analysis, text } = await second;
    expect(text).toBe(e.text);
    expect(analysis).toEqual(analyzeText(e.text));
    expect(e.shell.copy).toBe(e.text);
    expect(e.shell.log).toEqual(["whole:4", "changes:2"]);
  });

  it("never makes an answer about an earlier text the base for the next update", async () => {
    const e = editor();
    e.load("#甲\n一");
    const release = hold(e.shell);
    const stale = e.sync.analyze();
    await tick();
    // Another lecture of the same length is opened while the answer about the first is in transit.
    e.load("#乙\n二");
    release();
    await stale;
    e.edit(4, 4, "三");
    // The shell's copy is the first text: changes sent against it would be applied to the wrong text.
    expect((await e.sync.analyze()).analysis).toEqual(analyzeText(e.text));
    expect(e.shell.log).toEqual(["whole:4", "whole:5"]);
  });
});

/** Holds the shell's answers until the returned function is called. */
function hold(shell: FakeShell): () => void {
  let open = () => {};
  shell.gate = new Promise<void>((resolve) => (open = resolve));
  return () => {
    shell.gate = null;
    open();
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
