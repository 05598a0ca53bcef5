// The window's layout: the splitters beside the 讲稿库 and 提纲 panes (drag one, or focus it and
// press ← →, to make its pane wider or narrower), the button that folds the 讲稿库 pane away, and
// the order of the library list. All of it is kept beside the library by the shell (the core
// brings the widths into range), so a library's window opens as it was left.
import { api, type LectureSort, type PaneWidths } from "./api";

type Pane = "library" | "outline";

const STEP = 16;

const DEFAULT: PaneWidths = { library: null, outline: null, library_folded: false, sort: "recent" };

/** The layout as kept; read once at start. */
let layout: PaneWidths = DEFAULT;
export const layoutLoaded: Promise<PaneWidths> = api
  .layoutGet()
  .catch(() => DEFAULT)
  .then((l) => (layout = { ...DEFAULT, ...l }));

function apply(widths: PaneWidths): void {
  const root = document.documentElement.style;
  for (const pane of ["library", "outline"] as const) {
    const w = widths[pane];
    if (w == null) root.removeProperty(`--${pane}-width`);
    else root.setProperty(`--${pane}-width`, `${w}px`);
  }
  document.getElementById("app")?.classList.toggle("library-folded", !!widths.library_folded);
  const fold = document.getElementById("library-fold");
  if (fold) {
    fold.setAttribute("aria-pressed", String(!!widths.library_folded));
    fold.title = widths.library_folded ? "展开讲稿库" : "收起讲稿库";
    fold.setAttribute("aria-label", fold.title);
  }
}

/** Changes the layout on screen and keeps it. */
let changes = 0;
export async function updateLayout(change: Partial<PaneWidths>): Promise<void> {
  layout = { ...layout, ...change };
  apply(layout);
  const mine = ++changes;
  try {
    const kept = await api.layoutSet(layout);
    // A later change wins over what this one kept.
    if (mine !== changes) return;
    layout = kept;
    apply(layout);
  } catch (e) {
    console.error(e);
  }
}

/** The order the library list is kept in. */
export function librarySort(): LectureSort {
  return layout.sort ?? "recent";
}

/** Restores the kept layout and makes both splitters and the fold button work. */
export async function attachSplitters(): Promise<void> {
  apply(await layoutLoaded);
  document.getElementById("library-fold")?.addEventListener("click", () => void updateLayout({ library_folded: !layout.library_folded }));
  for (const [pane, id] of [["library", "library-splitter"], ["outline", "outline-splitter"]] as [Pane, string][]) {
    const splitter = document.getElementById(id);
    const target = splitter?.previousElementSibling as HTMLElement | null;
    if (!splitter || !target) continue;
    const set = (w: number): void => {
      layout = { ...layout, [pane]: Math.round(w) };
      apply(layout);
    };
    splitter.addEventListener("pointerdown", (down) => {
      const start = target.getBoundingClientRect().width;
      splitter.setPointerCapture(down.pointerId);
      splitter.classList.add("dragging");
      const move = (e: PointerEvent): void => set(start + e.clientX - down.clientX);
      const up = (): void => {
        splitter.removeEventListener("pointermove", move);
        splitter.classList.remove("dragging");
        void updateLayout({});
      };
      splitter.addEventListener("pointermove", move);
      splitter.addEventListener("pointerup", up, { once: true });
      splitter.addEventListener("pointercancel", up, { once: true });
    });
    splitter.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      e.preventDefault();
      set(target.getBoundingClientRect().width + (e.key === "ArrowRight" ? STEP : -STEP));
      void updateLayout({});
    });
  }
}
