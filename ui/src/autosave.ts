// Autosave: the editor's text is saved about `delay` ms after typing stops, and at once on flush()
// (window close, switching lectures). Saves never overlap; the newest text always wins.

export type SaveState = "saved" | "dirty" | "saving" | "error";

export interface AutoSaverOptions {
  save: (text: string) => Promise<void>;
  onState: (state: SaveState, error?: string) => void;
  delay?: number;
}

export class AutoSaver {
  /** What to save next: the text, or how to read it (made into a string only when it is saved). */
  private pending: (() => string) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private readonly delay: number;

  constructor(private readonly opts: AutoSaverOptions) {
    this.delay = opts.delay ?? 800;
  }

  /** The text changed: save it once typing has paused. `text` may be a function that reads it, so
   * a keystroke does not have to copy a long lecture into a string. */
  changed(text: string | (() => string)): void {
    this.pending = typeof text === "string" ? () => text : text;
    this.opts.onState("dirty");
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
  }

  /** Whether some text has not been saved yet. */
  get hasUnsaved(): boolean {
    return this.pending !== null || this.running !== null;
  }

  /** Saves what is pending now, and resolves when everything typed so far is saved. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.running || this.pending !== null) {
      if (this.running) {
        await this.running;
        continue;
      }
      const text = (this.pending as () => string)();
      this.pending = null;
      this.opts.onState("saving");
      this.running = this.opts
        .save(text)
        .then(() => {
          if (this.pending === null) this.opts.onState("saved");
        })
        .catch((e: unknown) => {
          // Keep the text: the next change or flush tries again. Nothing typed is dropped.
          if (this.pending === null) this.pending = () => text;
          this.opts.onState("error", String(e));
          throw e;
        })
        .finally(() => {
          this.running = null;
        });
      try {
        await this.running;
      } catch {
        return;
      }
    }
  }
}
