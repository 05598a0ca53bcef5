// Pasting a web clipping: when the core's cleaner would remove something (navigation, bylines,
// pay-to-copy footers…), offer to clean it first, showing the cleaned text and what would go. A
// clipping pasted into an empty lecture offers its title (the event `lectern:paste-title`; the
// library pane gives it to a lecture still called 未命名讲稿).
import type { EditorView } from "@codemirror/view";
import { api } from "./api";
import { el, showDialog } from "./dialog";

/** Handles a paste; returns true when it took over (the paste is then inserted after the user chooses). */
export function offerCleanPaste(text: string, view: EditorView, onError: (e: unknown) => void): boolean {
  // Short pastes (a word, a sentence) are never clippings: let them through untouched.
  if (text.length < 200 && !text.includes("\n")) return false;
  const { from, to } = view.state.selection.main;
  const wasEmpty = view.state.doc.toString().trim() === "";
  void (async () => {
    let insert = text;
    let title = "";
    try {
      const preview = await api.cleanPreview(text);
      if (wasEmpty) title = preview.title.trim();
      if (preview.removed.length > 0) {
        const list = el("ul", { className: "removed-lines", testid: "paste-removed" });
        for (const line of preview.removed) list.append(el("li", { text: line }));
        const cleaned = el("div", { className: "paste-preview", testid: "paste-preview", text: preview.text });
        const answer = await showDialog(
          "粘贴的文字像是从网页上复制的",
          [
            el("p", { text: "清理后的文字：" }),
            cleaned,
            el("p", { text: `清理会去掉下面 ${preview.removed.length} 行网页内容，并把中文里的半角标点改为全角。` }),
            list,
          ],
          [
            { id: "raw", label: "原样粘贴" },
            { id: "clean", label: "清理后粘贴", primary: true },
          ],
          "paste-dialog",
        );
        if (answer === "cancel") return;
        if (answer === "clean") insert = preview.text;
      }
    } catch (e) {
      onError(e);
    }
    view.dispatch({
      changes: { from, to, insert },
      selection: { anchor: from + insert.length },
      scrollIntoView: true,
      userEvent: "input.paste",
    });
    // Only a clipping actually pasted names the lecture (not one the user cancelled).
    if (title) window.dispatchEvent(new CustomEvent("lectern:paste-title", { detail: title }));
    view.focus();
  })();
  return true;
}
