// Keeping the shell's copy of the editor's text in step. The shell keeps a copy of the text being
// edited, so a keystroke sends only its changes (a 50,000-character lecture is 150 KB to send), and
// answers with the analysis's change from the one it sent before. This is the state machine on the
// editor's side: the edits not yet sent, the analysis the shell last sent, and one request at a time
// so both sides see the edits in order.
import type { ChangeSet } from "@codemirror/state";
import { applyUpdate } from "./analysis";
import type { Analysis, AnalysisUpdate, Change } from "./api";

/** What the sync needs from the shell (the two analysis commands, at the user's rate). */
export interface Shell {
  analyze(text: string): Promise<Analysis>;
  analyzeChanges(changes: Change[], oldLen: number, newLen: number): Promise<AnalysisUpdate>;
}

export class ShellSync {
  /** The edits since the copy was last brought up to date. */
  private unsent: ChangeSet | null = null;
  /** The analysis the shell last sent for the current text: what its next update is made against. */
  private sent: Analysis | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();
  /** Counts the texts the editor has been given: an answer about an earlier one never becomes `sent`. */
  private generation = 0;

  constructor(
    private readonly shell: Shell,
    /** The editor's text now. */
    private readonly read: () => string,
  ) {}

  /** The editor was given a new text (another lecture, or none): the next analysis sends it whole. */
  reset(): void {
    this.unsent = null;
    this.sent = null;
    this.generation += 1;
  }

  /** The user edited the text. */
  changed(changes: ChangeSet): void {
    this.unsent = this.unsent ? this.unsent.compose(changes) : changes;
  }

  /** Analyses the editor's text as it is when this request's turn comes (requests go one at a time):
   * the edits not yet sent and the text they lead to are read together, so the copy and the
   * analysis always match the text returned with it. */
  analyze(): Promise<{ analysis: Analysis; text: string }> {
    const request = this.inFlight.then(() => this.send());
    this.inFlight = request.catch(() => undefined);
    return request;
  }

  private async send(): Promise<{ analysis: Analysis; text: string }> {
    const text = this.read();
    const edits = this.unsent;
    this.unsent = null;
    const earlier = this.sent;
    const given = this.generation;
    if (edits && earlier && edits.newLength === text.length) {
      const list: Change[] = [];
      edits.iterChanges((from, to, _fromB, _toB, inserted) => list.push({ from, to, insert: inserted.toString() }));
      try {
        const analysis = applyUpdate(earlier, await this.shell.analyzeChanges(list, edits.length, edits.newLength));
        if (given === this.generation) this.sent = analysis;
        return { analysis, text };
      } catch {
        // The copy is out of step: send the whole text below.
      }
    }
    this.sent = null;
    const analysis = await this.shell.analyze(text);
    if (given === this.generation) this.sent = analysis;
    return { analysis, text };
  }
}
