// The splitters beside the 讲稿库 and 提纲 panes: drag one (or focus it and press ← →) to make its
// pane wider or narrower. The widths are kept beside the library by the shell (the core brings
// them into range), so a library's window opens as it was left.
import { api, type PaneWidths } from "./api";

type Pane = "library" | "outline";

const STEP = 16;

function apply(widths: PaneWidths): void {
  const root = document.documentElement.style;
  for (const pane of ["library", "outline"] as const) {
    const w = widths[pane];
    if (w == null) root.removeProperty(`--${pane}-width`);
    else root.setProperty(`--${pane}-width`, `${w}px`);
  }
}

/** Restores the kept widths and makes both splitters work. */
export async function attachSplitters(): Promise<void> {
  let widths: PaneWidths = await api.layoutGet().catch(() => ({ library: null, outline: null }));
  apply(widths);
  const save = async (): Promise<void> => {
    try {
      widths = await api.layoutSet(widths);
      apply(widths);
    } catch (e) {
      console.error(e);
    }
  };
  for (const [pane, id] of [["library", "library-splitter"], ["outline", "outline-splitter"]] as [Pane, string][]) {
    const splitter = document.getElementById(id);
    const target = splitter?.previousElementSibling as HTMLElement | null;
    if (!splitter || !target) continue;
    const set = (w: number): void => {
      widths = { ...widths, [pane]: Math.round(w) };
      apply(widths);
    };
    splitter.addEventListener("pointerdown", (down) => {
      const start = target.getBoundingClientRect().width;
      splitter.setPointerCapture(down.pointerId);
      splitter.classList.add("dragging");
      const move = (e: PointerEvent): void => set(start + e.clientX - down.clientX);
      const up = (): void => {
        splitter.removeEventListener("pointermove", move);
        splitter.classList.remove("dragging");
        void save();
      };
      splitter.addEventListener("pointermove", move);
      splitter.addEventListener("pointerup", up, { once: true });
      splitter.addEventListener("pointercancel", up, { once: true });
    });
    splitter.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      e.preventDefault();
      set(target.getBoundingClientRect().width + (e.key === "ArrowRight" ? STEP : -STEP));
      void save();
    });
  }
}
