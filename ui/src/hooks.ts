// Automation hooks on `window.lectern`, for the end-to-end tests, which cannot drive the system's
// file dialogs: the same code paths as choosing files in the open dialog, and as choosing a path in
// the save dialog. Also the responsiveness measurements of the README (`make bench`): when the
// library became usable after the process started, and the work one keystroke causes.
import { ANALYZE_DELAY, type EditorPane } from "./editorPane";
import { exportToHook } from "./export";

export interface Hooks {
  importPaths: (paths: string[]) => Promise<void>;
  exportTo: (path: string) => Promise<void> | undefined;
  /** Milliseconds from process start to the library list drawn; null until then. */
  readyMs: number | null;
  measureKeystroke: (times: number) => Promise<Record<string, number>[]>;
}

export function installHooks(pane: EditorPane, importPaths: (paths: string[]) => Promise<void>): Hooks {
  const hooks: Hooks = {
    importPaths,
    exportTo: (path) => exportToHook?.(path),
    readyMs: null,
    /** Types one character `times` times into the open lecture and times, for each, the work it
     * causes: the editor's update (`edit`), then the refresh that follows it (core parse over IPC,
     * outline and counts, heading styles). As in use, the refresh comes after the pause in typing it
     * waits for (here without the timer, which is cancelled); by then the typed character is drawn.
     * The browser's drawing of the frame after the refresh (`frame`) is reported, not counted. */
    async measureKeystroke(times) {
      const view = pane.editor.view;
      const out: Record<string, number>[] = [];
      for (let n = 0; n < times; n++) {
        const at = Math.floor(view.state.doc.length / 2);
        const start = performance.now();
        view.dispatch({ changes: { from: at, insert: "字" }, userEvent: "input.type" });
        const typed = performance.now();
        pane.cancelScheduled();
        await new Promise((done) => setTimeout(done, ANALYZE_DELAY));
        const paused = performance.now();
        await pane.analyze();
        const refreshed = performance.now();
        await new Promise(requestAnimationFrame);
        out.push({
          total: typed - start + (refreshed - paused),
          edit: typed - start,
          ...pane.lastRefresh,
          frame: performance.now() - refreshed,
        });
      }
      return out;
    },
  };
  (window as unknown as { lectern: Hooks }).lectern = hooks;
  return hooks;
}
