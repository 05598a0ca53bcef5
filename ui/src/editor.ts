// The editor: CodeMirror 6 with line wrapping, history and search.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, drawSelection, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";

export function createEditor(parent: HTMLElement): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({ doc: "", extensions: baseExtensions() }),
  });
}

function baseExtensions() {
  return [
    history(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ lang: "zh-CN", "aria-label": "讲稿正文" }),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
  ];
}

/** Shows a lecture's text, with a fresh undo history. */
export function setText(view: EditorView, text: string): void {
  view.setState(EditorState.create({ doc: text, extensions: baseExtensions() }));
}
