// The editor pane and what stands beside it: the text in CodeMirror, the outline, the status bar's
// counts and the headings' styles, all refreshed from the core's analysis after a pause in typing;
// and the outline's structural edits (moves, promotions), which the core performs, from the outline's
// buttons and keys or from Alt+arrows in the text. Undo and redo reach the editor from anywhere in the
// window, the outline's selection follows its section through edits and undos, and each lecture
// opens where the user last was in it during this session (at its beginning the first time).
import type { ChangeSet } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { redo, undo } from "@codemirror/commands";
import { api, type Analysis, type OutlineOp } from "./api";
import { Editor, type HeadingMark, type OutlineKey } from "./editor";
import { statsLine } from "./format";
import { CLOSING, outlineKey, renderOutline, sectionAt, type OutlineHandlers, type OutlineView } from "./outline";
import { offerCleanPaste } from "./paste";
import { settings } from "./settings";
import { ShellSync } from "./sync";

/** How long the outline waits for a pause in typing before it refreshes (ms). */
export const ANALYZE_DELAY = 150;

const TOOLS = ["outline-move-up", "outline-move-down", "outline-promote", "outline-demote"];

/** The selected section, known by its title and where its heading is (mapped through every edit):
 * after an edit or an undo the selection goes to the row of the same title nearest that place. */
interface SelectedSection {
  title: string;
  pos: number;
}

/** Where the user was in a lecture: the cursor and the scroll position. */
interface Place {
  anchor: number;
  head: number;
  scroll: ReturnType<EditorView["scrollSnapshot"]>;
}

/** Whether a key press belongs to a field that has its own undo (an input, a text area, the editor). */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches("input, textarea, select");
}

export class EditorPane {
  readonly editor: Editor;
  private analysis: Analysis | null = null;
  private readonly outline: OutlineView = { items: [], closing: null, selected: null, current: null };
  private selectedSection: SelectedSection | null = null;
  /** Structural edits, one at a time: each reads the text the one before it left. */
  private edits: Promise<void> = Promise.resolve();
  /** The lecture shown (as [`EditorPane.show`] was told), and where the user was in each one. */
  private shown: number | null = null;
  private readonly places = new Map<number, Place>();
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
      this.select(index);
      this.drawOutline();
      if (index === CLOSING && this.outline.closing) this.editor.scrollTo(this.outline.closing.start);
      const item = this.outline.items.find((i) => i.index === index);
      if (item) this.editor.scrollTo(item.start);
    },
    move: (index, target, placement) => void this.structural(() => ({ kind: "move", index, target, placement })),
    promote: (index) => this.onSection("promote", index),
    demote: (index) => this.onSection("demote", index),
    moveUp: (index) => this.onSection("move_up", index),
    moveDown: (index) => this.onSection("move_down", index),
  };

  /** A command on a section by the outline's keys: on the selected section it acts on that
   * section wherever the edits queued before it have taken it (Alt+↑ pressed three times moves one
   * section three times). */
  private onSection(kind: "move_up" | "move_down" | "promote" | "demote", index: number): void {
    const onSelected = index === this.outline.selected;
    void this.structural(() => {
      const now = onSelected ? this.outline.selected : index;
      return now === null || now === CLOSING ? null : { kind, index: now };
    });
  }

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
        this.mapSelection(changes);
        this.schedule();
      },
      onOutlineKey: (key) => this.outlineKeyInText(key),
      onCursor: (pos) => {
        if (!this.analysis) return;
        const at = sectionAt(this.outline.items, pos, this.outline.closing);
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
    // The buttons act on the section selected when their turn comes (after the edits before them).
    const tool = (testid: string, kind: "move_up" | "move_down" | "promote" | "demote") =>
      document.querySelector(`[data-testid="${testid}"]`)!.addEventListener("click", () => {
        void this.structural(() => {
          const index = this.outline.selected;
          return index === null || index === CLOSING ? null : { kind, index };
        });
      });
    tool("outline-move-up", "move_up");
    tool("outline-move-down", "move_down");
    tool("outline-promote", "promote");
    tool("outline-demote", "demote");
    // Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) undo and redo the text wherever the focus is (an outline button
    // keeps it after a move), except in a field with its own undo or under a dialog.
    window.addEventListener("keydown", (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
      const key = e.key.toLowerCase();
      if (key !== "z" && key !== "y") return;
      if (inTextField(e.target) || document.querySelector("dialog[open]") || !this.editor.isEditable) return;
      const view = this.editor.view;
      if (key === "z" && !e.shiftKey) undo(view);
      else redo(view);
      e.preventDefault();
    });
  }

  /** Selects a section (or the closing, or nothing), remembering it by its title and place. */
  private select(index: number | null): void {
    this.outline.selected = index;
    const item = index === null ? undefined : this.outline.items.find((i) => i.index === index);
    this.selectedSection = item ? { title: item.title, pos: item.start } : null;
  }

  private mapSelection(changes: ChangeSet): void {
    const s = this.selectedSection;
    if (s) s.pos = changes.mapPos(s.pos, -1);
  }

  /** After a new analysis: the selection goes to its section's row, wherever that now is. */
  private followSelection(): void {
    const s = this.selectedSection;
    if (this.outline.selected === CLOSING) {
      if (!this.outline.closing) this.select(null);
      return;
    }
    if (!s) {
      this.outline.selected = null;
      return;
    }
    const same = this.outline.items.filter((i) => i.title === s.title);
    const nearest = same.reduce<(typeof same)[number] | null>(
      (best, i) => (best === null || Math.abs(i.start - s.pos) < Math.abs(best.start - s.pos) ? i : best),
      null,
    );
    this.select(nearest ? nearest.index : sectionAt(this.outline.items, s.pos));
  }

  /** Alt+arrows in the text: the outline's command for the section at the cursor. */
  private outlineKeyInText(key: OutlineKey): void {
    const kind = ({ up: "move_up", down: "move_down", left: "promote", right: "demote" } as const)[key];
    void this.structural(async () => {
      // The outline as the text is now (typing may not be analysed yet).
      this.cancelScheduled();
      await this.analyze();
      const index = sectionAt(this.outline.items, this.editor.view.state.selection.main.head);
      return index === null ? null : { kind, index };
    });
  }

  get text(): string {
    return this.editor.text;
  }

  /** Shows a new text (another lecture; "" for none) and analyses it. A lecture (`lecture`, its id)
   * shows where the user last was in it during this session, else its beginning. */
  async show(text: string, lecture?: number): Promise<void> {
    this.keepPlace();
    this.editor.load(text);
    this.shown = lecture ?? null;
    this.goToPlace(lecture === undefined ? undefined : this.places.get(lecture));
    this.sync.reset();
    this.select(null);
    await this.analyze();
  }

  /** Shows no lecture. */
  clear(): void {
    this.keepPlace();
    this.shown = null;
    this.editor.load("");
    this.sync.reset();
    this.analysis = null;
    this.outline.items = [];
    this.outline.closing = null;
    this.select(null);
    this.drawOutline();
    this.drawStats();
    this.afterAnalyze?.();
  }

  /** Remembers where the user is in the lecture shown. */
  private keepPlace(): void {
    if (this.shown === null) return;
    const view = this.editor.view;
    const { anchor, head } = view.state.selection.main;
    this.places.set(this.shown, { anchor, head, scroll: view.scrollSnapshot() });
  }

  /** Puts the cursor and the scroll where they were (or at the beginning). */
  private goToPlace(place: Place | undefined): void {
    const view = this.editor.view;
    const length = view.state.doc.length;
    if (place && place.anchor <= length && place.head <= length) {
      view.dispatch({ selection: { anchor: place.anchor, head: place.head }, effects: place.scroll });
    } else {
      view.dispatch({ selection: { anchor: 0 } });
      view.scrollDOM.scrollTop = 0;
    }
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
      this.outline.closing = analysis.closing;
      this.followSelection();
      this.outline.current = sectionAt(analysis.items, this.editor.view.state.selection.main.head, analysis.closing);
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
    const lines = a ? a.items.map((i) => `${"　".repeat(i.level - 1)}${i.number}${i.title}：约 ${i.minutes} 分钟`) : [];
    if (a?.closing) lines.push(`${a.closing.title}：约 ${a.closing.minutes} 分钟`);
    this.statsEl.title = lines.join("\n");
  }

  private drawOutline(): void {
    renderOutline(this.outlineEl, this.outline, this.handlers);
    // The closing remarks are never moved, promoted or demoted.
    const none = this.outline.selected === null || this.outline.selected === CLOSING;
    for (const id of TOOLS) {
      document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!.disabled = none;
    }
  }

  /**
   * Queues a structural edit: `opFor` names it when its turn comes (null: nothing to do). An edit
   * belongs to the lecture shown when it was asked for, and to the text it was worked out on: when
   * another lecture is shown by its turn, or the text changed while the shell worked (typing goes
   * on), it is dropped rather than write over either.
   */
  private structural(opFor: () => OutlineOp | null | Promise<OutlineOp | null>): Promise<void> {
    const lecture = this.shown;
    const run = async () => {
      try {
        if (this.shown !== lecture) return;
        const op = await opFor();
        if (!op || !this.editor.isEditable || this.shown !== lecture) return;
        const doc = this.editor.view.state.doc;
        const r = await api.outlineEdit(doc.toString(), op);
        if (this.shown !== lecture || this.editor.view.state.doc !== doc) return;
        this.editor.replaceText(r.text, r.cursor);
        await this.analyze();
        this.select(sectionAt(this.outline.items, r.cursor));
        this.drawOutline();
      } catch (e) {
        this.showError(e);
      }
    };
    this.edits = this.edits.then(run);
    return this.edits;
  }
}
