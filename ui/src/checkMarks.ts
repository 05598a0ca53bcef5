// 校对's marks in the editor: a wavy underline under each finding (its message on hover), kept in a
// StateField so they move with the text as it is edited until the next check replaces them. Each
// mark remembers the finding it stands for, so the pane finds a finding's span in the text as it
// is now (after edits made since the check) instead of at the positions the check gave; a mark
// whose own text is edited goes at once.
import { StateEffect, StateField, type EditorState, type Range } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

/** One finding to mark: UTF-16 positions (as the core sends them), its category and message. */
export interface CheckMark {
  id: number;
  from: number;
  to: number;
  /** The category's ASCII name from the core (punct, ordinal …): the underline's colour. */
  kind: string;
  message: string;
}

export const setCheckMarks = StateEffect.define<CheckMark[]>();

function decorations(marks: CheckMark[], docLength: number): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const m of marks) {
    const from = Math.min(m.from, docLength);
    const to = Math.min(Math.max(m.to, from), docLength);
    if (to <= from) continue;
    ranges.push(
      Decoration.mark({
        class: `cm-check cm-check-${m.kind}`,
        attributes: { title: m.message, "data-check-id": String(m.id) },
        checkId: m.id,
        inclusive: false,
      }).range(from, to),
    );
  }
  return Decoration.set(ranges, true);
}

export const checkField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    // A finding whose own text was edited (or fixed) is no longer marked until the next check.
    tr.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
      marks = marks.update({ filterFrom: fromB, filterTo: toB, filter: (from, to) => to <= fromB || from >= toB });
    });
    for (const e of tr.effects) {
      if (e.is(setCheckMarks)) marks = decorations(e.value, tr.state.doc.length);
    }
    return marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Where the finding `id` is in the text now, or null when an edit has removed its span. */
export function markRange(state: EditorState, id: number): { from: number; to: number } | null {
  const iter = state.field(checkField, false)?.iter();
  for (; iter?.value; iter.next()) {
    if (iter.value.spec.checkId === id) return iter.from < iter.to ? { from: iter.from, to: iter.to } : null;
  }
  return null;
}

/** The marks' extension, with their look: a wavy underline, coloured by category. */
export const checkMarks = [
  checkField,
  EditorView.baseTheme({
    // Longhands: WebKitGTK's `text-decoration` shorthand takes the line only, not style or colour.
    ".cm-check": {
      textDecorationLine: "underline",
      textDecorationStyle: "wavy",
      textDecorationColor: "#c0392b",
      textDecorationSkipInk: "none",
      textUnderlineOffset: "3px",
    },
    ".cm-check-wording, .cm-check-doubled": { textDecorationColor: "#1f6fb2" },
    ".cm-check-ordinal, .cm-check-number": { textDecorationColor: "#b8860b" },
    ".cm-check-space": { textDecorationColor: "#7a7a7a" },
  }),
];
