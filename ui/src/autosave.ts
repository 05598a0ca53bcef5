// Autosave: the text typed into a lecture is saved into THAT lecture, naming the version it was
// edited from, about `delay` ms after typing stops, and at once on flush() (switching lectures,
// deleting, a snapshot, an export, closing the window). Pending text is bound to its lecture when
// it is typed: opening another lecture never re-targets it. A failed save keeps the text, puts it
// into the recovery journal and tries again every `retryDelay` ms; a save the library refuses
// because the lecture changed elsewhere goes to the user (onConflict). Saves never overlap.

export type SaveState = "saved" | "dirty" | "saving" | "error" | "conflict";

/** What the shell answers to a save (failures reject with the Chinese reason). */
export type SaveReply = { kind: "saved"; version: number } | { kind: "conflict"; message: string };

export interface SaveShell {
  /** Saves `text`, edited from version `base`, into lecture `id`, and only into it. */
  save(id: number, base: number, text: string): Promise<SaveReply>;
  /** Keeps text that could not be saved yet in the recovery journal beside the library. */
  journal(id: number, base: number, text: string): Promise<void>;
}

export interface AutoSaverOptions {
  shell: SaveShell;
  onState: (state: SaveState, error?: string) => void;
  /** The library refused a save of `text` into lecture `id` because it changed elsewhere: the user
   * settles it. Resolves true once the text is kept in the library (whichever way was chosen). */
  onConflict: (id: number, text: string, message: string) => Promise<boolean>;
  /** A save of lecture `id` went in; the lecture is now at `version`. */
  onSaved?: (id: number, version: number) => void;
  delay?: number;
  retryDelay?: number;
}

/** One lecture's text not saved yet: how to read it (the live editor's, until the lecture is left). */
interface Pending {
  read: () => string;
}

export class AutoSaver {
  /** The lecture typing goes to, if any. */
  private current: number | null = null;
  /** Each lecture's version its text was edited from: the next save names it. */
  private readonly versions = new Map<number, number>();
  private readonly pending = new Map<number, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<boolean> | null = null;
  private readonly delay: number;
  private readonly retryDelay: number;
  /** The reason the last save failed, while saves fail. */
  private failure: string | null = null;

  constructor(private readonly opts: AutoSaverOptions) {
    this.delay = opts.delay ?? 800;
    this.retryDelay = opts.retryDelay ?? 3000;
  }

  /** Typing now goes to lecture `id`, loaded at `version`. Text still pending for the lecture left
   * is kept as it was typed (for that lecture); text still pending for `id` keeps its own base. */
  open(id: number, version: number): void {
    this.freeze();
    this.current = id;
    if (!this.pending.has(id)) this.versions.set(id, version);
  }

  /** No lecture open: typing goes nowhere (the editor takes none). */
  close(): void {
    this.freeze();
    this.current = null;
  }

  /** The lecture's text is now at `version` (a conflict settled by keeping mine). */
  setVersion(id: number, version: number): void {
    this.versions.set(id, version);
  }

  /** The text typed into lecture `id` that has not been saved, if any. */
  unsavedText(id: number): string | undefined {
    return this.pending.get(id)?.read();
  }

  /** The text of the open lecture changed: save it once typing has paused. `text` may be a
   * function that reads it, so a keystroke does not have to copy a long lecture into a string. */
  changed(text: string | (() => string)): void {
    if (this.current === null) return;
    this.pending.set(this.current, { read: typeof text === "string" ? () => text : text });
    if (this.failure === null) this.opts.onState("dirty");
    this.schedule(this.delay);
  }

  /** Whether some text has not been saved yet (for `id` only, when given). */
  hasUnsaved(id?: number): boolean {
    if (id !== undefined) return this.pending.has(id);
    return this.pending.size > 0 || this.running !== null;
  }

  /** Every lecture's unsaved text, with the version it was edited from (for the journal). */
  unsaved(): { id: number; base: number; text: string }[] {
    return [...this.pending].map(([id, p]) => ({ id, base: this.versions.get(id) ?? 0, text: p.read() }));
  }

  /** Saves what is pending now; resolves when everything typed so far is saved, or a save failed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (;;) {
      while (this.running) await this.running;
      if (this.pending.size === 0) return;
      this.running = this.saveAll();
      const ok = await this.running;
      this.running = null;
      if (!ok) return;
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Reads the open lecture's pending text now, so it stays the text typed into that lecture. */
  private freeze(): void {
    if (this.current === null) return;
    const p = this.pending.get(this.current);
    if (p) {
      const text = p.read();
      this.pending.set(this.current, { read: () => text });
    }
  }

  /** One round over every lecture with pending text; false when a save did not go in. */
  private async saveAll(): Promise<boolean> {
    let ok = true;
    for (const [id, entry] of [...this.pending]) {
      const text = entry.read();
      const base = this.versions.get(id) ?? 0;
      const held: Pending = { read: () => text };
      // Held as this text (never the live editor's) while the save runs; newer typing replaces it.
      this.pending.set(id, held);
      // While saves fail, the status stays red (with the reason) through each retry.
      if (this.failure === null) this.opts.onState("saving");
      let reply: SaveReply;
      try {
        reply = await this.opts.shell.save(id, base, text);
      } catch (e) {
        ok = false;
        this.failure = String(e);
        await this.journal(id, base, text);
        continue;
      }
      if (reply.kind === "saved") {
        this.versions.set(id, reply.version);
        if (this.pending.get(id) === held) this.pending.delete(id);
        this.opts.onSaved?.(id, reply.version);
        continue;
      }
      // Refused: the lecture changed elsewhere. Nothing is retried until the user has chosen.
      await this.journal(id, base, text);
      this.opts.onState("conflict", reply.message);
      const settled = await this.opts.onConflict(id, text, reply.message).catch(() => false);
      if (settled && this.pending.get(id) === held) this.pending.delete(id);
      if (!settled) {
        this.opts.onState("conflict", reply.message);
        return false;
      }
    }
    if (!ok) {
      this.opts.onState("error", this.failure ?? "");
      this.schedule(this.retryDelay);
      return false;
    }
    this.failure = null;
    this.opts.onState(this.pending.size === 0 ? "saved" : "dirty");
    return true;
  }

  private async journal(id: number, base: number, text: string): Promise<void> {
    try {
      await this.opts.shell.journal(id, base, text);
    } catch {
      // The journal sits beside the library: when it cannot be written either, the text stays here
      // and is retried; the status bar already says why.
    }
  }
}
