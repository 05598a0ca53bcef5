import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { checkField, markRange, setCheckMarks } from "./checkMarks";

describe("校对's marks in the editor", () => {
  const start = () => {
    const state = EditorState.create({ doc: "我们要要坚持,不动摇", extensions: [checkField] });
    return state.update({
      effects: setCheckMarks.of([
        { id: 0, from: 2, to: 4, kind: "doubled", message: "「要要」重复" },
        { id: 1, from: 6, to: 7, kind: "punct", message: "半角逗号" },
        { id: 2, from: 30, to: 40, kind: "punct", message: "past the end" },
      ]),
    }).state;
  };

  it("finds a finding's span where it is after edits made since the check", () => {
    let state = start();
    expect(markRange(state, 1)).toEqual({ from: 6, to: 7 });
    state = state.update({ changes: { from: 0, insert: "同志们，" } }).state;
    expect(markRange(state, 0)).toEqual({ from: 6, to: 8 });
    expect(state.sliceDoc(6, 8)).toBe("要要");
    expect(markRange(state, 1)).toEqual({ from: 10, to: 11 });
    // A mark past the end of the text is not drawn.
    expect(markRange(state, 2)).toBeNull();
  });

  it("drops a mark whose text was replaced, and clears all at the next empty check", () => {
    let state = start();
    state = state.update({ changes: { from: 6, to: 7, insert: "，" } }).state;
    expect(markRange(state, 1)).toBeNull();
    expect(markRange(state, 0)).toEqual({ from: 2, to: 4 });
    state = state.update({ effects: setCheckMarks.of([]) }).state;
    expect(markRange(state, 0)).toBeNull();
  });
});
