// The editor: CodeMirror 6 with line wrapping, undo history, find and replace in Chinese, headings
// styled by level from the core's outline, and an adjustable text size.
import {
  Compartment,
  EditorState,
  StateEffect,
  StateField,
  type ChangeSet,
  type Extension,
  type Range,
  type Text,
} from "@codemirror/state";
import {
  Decoration,
  EditorView,
  keymap,
  drawSelection,
  highlightActiveLine,
  type DecorationSet,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from "@codemirror/search";
import { checkMarks } from "./checkMarks";

/** A heading to style: UTF-16 positions of its start and of the end of its heading sentence. */
export interface HeadingMark {
  from: number;
  to: number;
  level: number;
}

export const setHeadings = StateEffect.define<HeadingMark[]>();

const headingField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decos, tr) {
    decos = decos.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setHeadings)) decos = headingDecorations(e.value, tr.state.doc.length);
    }
    return decos;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function headingDecorations(marks: HeadingMark[], docLength: number): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const m of marks) {
    const from = Math.min(m.from, docLength);
    const to = Math.min(Math.max(m.to, from), docLength);
    if (to > from) ranges.push(Decoration.mark({ class: `cm-heading cm-heading-${m.level}` }).range(from, to));
  }
  return Decoration.set(ranges, true);
}

const phrases = EditorState.phrases.of({
  Find: "查找",
  Replace: "替换为",
  next: "下一个",
  previous: "上一个",
  all: "全部",
  "match case": "区分大小写",
  regexp: "正则表达式",
  "by word": "整词",
  replace: "替换",
  "replace all": "全部替换",
  close: "关闭",
  "current match": "当前匹配",
  "on line": "在第几行",
  "replaced match on line $": "已替换第 $ 行的匹配",
  "replaced $ matches": "已替换 $ 处",
  "Go to line": "跳到行",
  go: "跳转",
  "Control character": "控制字符",
});

export interface EditorHooks {
  /** After an edit: the edit itself, and the text it led to (read only when asked for: on a long
   * lecture, making the whole text a string is not free, and not every keystroke needs it). */
  onChange(changes: ChangeSet, text: () => string): void;
  onCursor(pos: number): void;
  onPaste(text: string, view: EditorView): boolean;
  /** Alt+↑/↓/←/→: the outline's move and promote/demote of the section at the cursor. */
  onOutlineKey(key: OutlineKey): void;
}

/** An outline command bound to Alt and an arrow, in the editor as in the outline. */
export type OutlineKey = "up" | "down" | "left" | "right";

/** Alt+arrows restructure the outline (before CodeMirror's own Alt+↑/↓, "move line", which would
 * carry a bare heading line into the paragraph before it). */
function outlineKeymap(hooks: EditorHooks): Extension {
  const bind = (key: string, k: OutlineKey) => ({
    key,
    run: () => {
      hooks.onOutlineKey(k);
      return true;
    },
    preventDefault: true,
  });
  return keymap.of([bind("Alt-ArrowUp", "up"), bind("Alt-ArrowDown", "down"), bind("Alt-ArrowLeft", "left"), bind("Alt-ArrowRight", "right")]);
}

/** Whether the text takes typing: not with no lecture open, nor for a lecture in the 回收站. */
const editableSlot = new Compartment();
function editableExt(on: boolean): Extension {
  return [EditorView.editable.of(on), EditorState.readOnly.of(!on)];
}

function extensions(hooks: EditorHooks, editable: boolean): Extension[] {
  return [
    editableSlot.of(editableExt(editable)),
    history(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    phrases,
    headingField,
    checkMarks,
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ lang: "zh-CN", "aria-label": "讲稿正文" }),
    outlineKeymap(hooks),
    keymap.of([
      { key: "Mod-h", run: openSearchPanel, preventDefault: true },
      ...searchKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      indentWithTab,
    ]),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks.onChange(u.changes, () => textOf(u.state.doc));
      if (u.selectionSet || u.docChanged) hooks.onCursor(u.state.selection.main.head);
    }),
    EditorView.domEventHandlers({
      paste(event, view) {
        const text = event.clipboardData?.getData("text/plain") ?? "";
        if (text && hooks.onPaste(text, view)) {
          event.preventDefault();
          return true;
        }
        return false;
      },
    }),
  ];
}

// The last document made into a string, and that string: the outline, the cursor's section and the
// autosaver all ask for the text of the same document version, which is made once.
let lastDoc: Text | null = null;
let lastString = "";
function textOf(doc: Text): string {
  if (doc !== lastDoc) {
    lastDoc = doc;
    lastString = doc.toString();
  }
  return lastString;
}

export class Editor {
  readonly view: EditorView;
  private readonly hooks: EditorHooks;
  private editable = false;

  /** Starts empty and read-only: no lecture is open yet. */
  constructor(parent: HTMLElement, hooks: EditorHooks) {
    this.hooks = hooks;
    this.view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions: extensions(hooks, false) }) });
  }

  /** Lets the text take typing, or not (no lecture open, a lecture in the 回收站). */
  setEditable(on: boolean): void {
    this.editable = on;
    this.view.dispatch({ effects: editableSlot.reconfigure(editableExt(on)) });
  }

  get isEditable(): boolean {
    return this.editable;
  }

  get text(): string {
    return textOf(this.view.state.doc);
  }

  /** Shows a lecture's text with a fresh undo history. */
  load(text: string): void {
    this.view.setState(EditorState.create({ doc: text, extensions: extensions(this.hooks, this.editable) }));
  }

  /**
   * Replaces the text with `next` (a structural edit or a restore) as one undoable step, changing only
   * the part that differs so the rest of the document, and the view, stay put.
   */
  replaceText(next: string, cursor?: number): void {
    const prev = this.text;
    if (prev === next) return;
    let start = 0;
    const max = Math.min(prev.length, next.length);
    while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
    let endPrev = prev.length;
    let endNext = next.length;
    while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
      endPrev--;
      endNext--;
    }
    this.view.dispatch({
      changes: { from: start, to: endPrev, insert: next.slice(start, endNext) },
      selection: cursor !== undefined ? { anchor: Math.min(cursor, next.length) } : undefined,
      scrollIntoView: cursor !== undefined,
      userEvent: "outline.edit",
    });
  }

  /** Whether the headings styled now (moved along with the edits since) are exactly `marks`. */
  private sameHeadings(marks: HeadingMark[]): boolean {
    const wanted = marks.filter((m) => m.to > m.from);
    const iter = this.view.state.field(headingField).iter();
    let k = 0;
    for (; iter.value; iter.next(), k++) {
      const m = wanted[k];
      if (!m || m.from !== iter.from || m.to !== iter.to || iter.value.spec.class !== `cm-heading cm-heading-${m.level}`) {
        return false;
      }
    }
    return k === wanted.length;
  }

  /** Restyles headings, unless an input method is composing: then nothing is dispatched. Typing
   * inside a paragraph leaves the headings as they were: then nothing is dispatched either. */
  setHeadings(marks: HeadingMark[]): boolean {
    if (this.view.composing) return false;
    if (this.sameHeadings(marks)) return true;
    this.view.dispatch({ effects: setHeadings.of(marks) });
    return true;
  }

  /** Puts the cursor at `pos` and scrolls it to the top of the editor. */
  scrollTo(pos: number): void {
    const at = Math.min(pos, this.view.state.doc.length);
    this.view.dispatch({
      selection: { anchor: at },
      effects: EditorView.scrollIntoView(at, { y: "start", yMargin: 24 }),
    });
    this.view.focus();
  }
}
