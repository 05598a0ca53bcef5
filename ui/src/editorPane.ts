// The editor pane and what stands beside it: the text in CodeMirror, the outline, the status bar's
// counts and the headings' styles, all refreshed from the core's analysis after a pause in typing;
// and the outline's structural edits (moves, promotions), which the core performs.
import { api, type Analysis, type OutlineOp } from "./api";
import { Editor, type HeadingMark } from "./editor";
import { statsLine } from "./format";
import { outlineKey, renderOutline, sectionAt, type OutlineHandlers, type OutlineView } from "./outline";
import { offerCleanPaste } from "./paste";
import { settings } from "./settings";
import { ShellSync } from "./sync";

/** How long the outline waits for a pause in typing before it refreshes (ms). */
export const ANALYZE_DELAY = 150;

const TOOLS = ["outline-move-up", "outline-move-down", "outline-promote", "outline-demote"];

export class EditorPane {
  readonly editor: Editor;
  private analysis: Analysis | null = null;
  private readonly outline: OutlineView = { items: [], selected: null, current: null };
  private readonly sync: ShellSync;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private pendingHeadings = false;
  /** Called after each refresh, and when no lecture is shown (the 校对 pane checks then). */
  afterAnalyze: (() => void) | null = null;
  /** Where the last refresh spent its time (ms), for the responsiveness measurement. */
  readonly lastRefresh = { parse: 0, outline: 0, headings: 0 };
  private readonly handlers: OutlineHandlers = {
    select: (index) => {
      this.outline.selected = index;
      this.drawOutline();
      const item = this.outline.items.find((i) => i.index === index);
      if (item) this.editor.scrollTo(item.start);
    },
    move: (index, target, placement) => void this.structural({ kind: "move", index, target, placement }),
    promote: (index) => void this.structural({ kind: "promote", index }),
    demote: (index) => void this.structural({ kind: "demote", index }),
    moveUp: (index) => void this.structural({ kind: "move_up", index }),
    moveDown: (index) => void this.structural({ kind: "move_down", index }),
  };

  constructor(
    host: HTMLElement,
    private readonly outlineEl: HTMLElement,
    private readonly statsEl: HTMLElement,
    /** After each edit, with the text it led to (read only when asked for). */
    onText: (text: () => string) => void,
    private readonly showError: (e: unknown) => void,
  ) {
    this.editor = new Editor(host, {
      onChange: (changes, text) => {
        onText(text);
        this.sync.changed(changes);
        this.schedule();
      },
      onCursor: (pos) => {
        if (!this.analysis) return;
        const at = sectionAt(this.outline.items, pos);
        if (at !== this.outline.current) {
          this.outline.current = at;
          this.drawOutline();
        }
      },
      onPaste: (text, view) => offerCleanPaste(text, view, showError),
    });
    this.sync = new ShellSync(
      {
        analyze: (text) => api.textAnalyze(text, settings.rate),
        analyzeChanges: (changes, oldLen, newLen) => api.textAnalyzeChanges(changes, oldLen, newLen, settings.rate),
      },
      () => this.editor.text,
    );
    this.editor.view.contentDOM.addEventListener("compositionend", () => {
      if (this.pendingHeadings) {
        this.pendingHeadings = false;
        setTimeout(() => this.applyHeadings(), 0);
      }
    });
    outlineEl.tabIndex = 0;
    outlineEl.addEventListener("keydown", (e) => {
      if (outlineKey(e, this.outline, this.handlers)) e.preventDefault();
    });
    const tool = (testid: string, run: (i: number) => void) =>
      document.querySelector(`[data-testid="${testid}"]`)!.addEventListener("click", () => {
        if (this.outline.selected !== null) run(this.outline.selected);
      });
    tool("outline-move-up", this.handlers.moveUp);
    tool("outline-move-down", this.handlers.moveDown);
    tool("outline-promote", this.handlers.promote);
    tool("outline-demote", this.handlers.demote);
  }

  get text(): string {
    return this.editor.text;
  }

  /** Shows a new text (another lecture; "" for none) and analyses it. */
  async show(text: string): Promise<void> {
    this.editor.load(text);
    this.sync.reset();
    this.outline.selected = null;
    await this.analyze();
  }

  /** Shows no lecture. */
  clear(): void {
    this.editor.load("");
    this.sync.reset();
    this.analysis = null;
    this.outline.items = [];
    this.outline.selected = null;
    this.drawOutline();
    this.drawStats();
    this.afterAnalyze?.();
  }

  /** Replaces the text as an edit (a restored snapshot), so it can be undone and is saved. */
  replaceText(text: string): void {
    this.editor.replaceText(text);
  }

  /** Refreshes after the pause in typing. */
  schedule(delay = ANALYZE_DELAY): void {
    this.cancelScheduled();
    this.timer = setTimeout(() => void this.analyze(), delay);
  }

  cancelScheduled(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Refreshes outline, counts and heading styles from the editor's text. */
  async analyze(): Promise<void> {
    const seq = ++this.seq;
    try {
      const t0 = performance.now();
      const { analysis } = await this.sync.analyze();
      if (seq !== this.seq) return;
      const t1 = performance.now();
      this.analysis = analysis;
      this.outline.items = analysis.items;
      if (this.outline.selected !== null && this.outline.selected >= analysis.items.length) this.outline.selected = null;
      this.outline.current = sectionAt(analysis.items, this.editor.view.state.selection.main.head);
      this.drawOutline();
      this.drawStats();
      const t2 = performance.now();
      this.applyHeadings();
      const t3 = performance.now();
      Object.assign(this.lastRefresh, { parse: t1 - t0, outline: t2 - t1, headings: t3 - t2 });
      this.afterAnalyze?.();
    } catch (e) {
      this.showError(e);
    }
  }

  private applyHeadings(): void {
    if (!this.analysis) return;
    const marks: HeadingMark[] = this.analysis.items.map((i) => ({ from: i.start, to: i.heading_end, level: i.level }));
    // Never dispatch into the editor while an input method is composing: retry once it ends.
    if (!this.editor.setHeadings(marks)) this.pendingHeadings = true;
  }

  private drawStats(): void {
    const a = this.analysis;
    this.statsEl.textContent = a ? statsLine(a.char_count, a.minutes) : "";
    // On hover: every section's speaking time, sub-sections indented under their part.
    this.statsEl.title = a ? a.items.map((i) => `${"　".repeat(i.level - 1)}${i.number}${i.title}：约 ${i.minutes} 分钟`).join("\n") : "";
  }

  private drawOutline(): void {
    renderOutline(this.outlineEl, this.outline, this.handlers);
    for (const id of TOOLS) {
      document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!.disabled = this.outline.selected === null;
    }
  }

  private async structural(op: OutlineOp): Promise<void> {
    try {
      const r = await api.outlineEdit(this.editor.text, op);
      this.editor.replaceText(r.text, r.cursor);
      await this.analyze();
      this.outline.selected = sectionAt(this.outline.items, r.cursor);
      this.drawOutline();
    } catch (e) {
      this.showError(e);
    }
  }
}
