// The library pane and the lecture it has open: the list (or search hits, or the trash), opening a
// lecture into the editor, and what the toolbar does to the open lecture (new, rename, adapt, tags,
// delete, restore from the trash).
import { api, type Lecture, type LectureSummary } from "./api";
import { el, showDialog } from "./dialog";
import type { EditorPane } from "./editorPane";
import { renderLibrary, type LibraryRow } from "./library";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export interface LibraryDeps {
  editor: EditorPane;
  /** Saves what is typed before the open lecture changes. */
  flush: () => Promise<void>;
  /** A lecture was opened (its text is saved as it is). */
  onOpened: () => void;
  showError: (e: unknown) => void;
}

export class LibraryPane {
  /** The open lecture, if any. */
  current: Lecture | null = null;
  lectures: LectureSummary[] = [];
  private showingTrash = false;
  private readonly list = $("library-list");
  private readonly search = $<HTMLInputElement>("library-search");
  private readonly title = $<HTMLInputElement>("lecture-title");
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: LibraryDeps) {
    const { showError } = deps;
    this.search.addEventListener("input", () => {
      if (this.searchTimer) clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.refresh().catch(showError), 120);
    });
    this.title.addEventListener("change", () => void this.guard(() => this.rename()));
    $("new-button").addEventListener("click", () => void this.guard(() => this.create()));
    $("adapt-button").addEventListener("click", () => void this.guard(() => this.adapt()));
    $("delete-button").addEventListener("click", () => void this.guard(() => this.remove()));
    $("restore-button").addEventListener("click", () => void this.guard(() => this.restore()));
    $("tags-button").addEventListener("click", () => void this.guard(() => this.editTags()));
    $("trash-toggle").addEventListener("click", () => {
      this.showTrash(!this.showingTrash);
      this.search.value = "";
      void this.refresh().catch(showError);
    });
  }

  private async guard(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.deps.showError(e);
    }
  }

  /** Redraws the list: search hits, the trash, or the library. */
  async refresh(): Promise<void> {
    const q = this.search.value.trim();
    if (q) {
      const hits = await api.librarySearch(q);
      if (this.search.value.trim() !== q) return;
      this.draw(hits.map((hit) => ({ kind: "hit", hit })), `没有找到“${q}”`);
      return;
    }
    this.lectures = this.showingTrash ? await api.trashList() : await api.libraryList();
    this.draw(this.lectures.map((lecture) => ({ kind: "lecture", lecture })), this.showingTrash ? "回收站是空的" : "讲稿库是空的");
  }

  private draw(rows: LibraryRow[], emptyText: string): void {
    renderLibrary(this.list, rows, this.current?.id ?? null, (id) => void this.open(id), emptyText);
  }

  /** Opens a lecture into the editor, saving what was typed in the one before. */
  async open(id: number): Promise<void> {
    await this.guard(async () => {
      await this.deps.flush();
      const lecture = await api.lectureGet(id);
      this.current = lecture;
      this.title.value = lecture.title;
      this.title.disabled = false;
      this.deps.onOpened();
      for (const b of document.querySelectorAll<HTMLButtonElement>(".needs-lecture")) b.disabled = this.showingTrash;
      $("restore-button").hidden = !this.showingTrash;
      await this.deps.editor.show(lecture.body);
      await this.refresh();
    });
  }

  showTrash(on: boolean): void {
    this.showingTrash = on;
    $("trash-toggle").setAttribute("aria-pressed", String(on));
    $("trash-toggle").textContent = on ? "返回讲稿库" : "回收站";
  }

  private async rename(): Promise<void> {
    if (!this.current) return;
    const title = this.title.value.trim();
    await api.lectureRename(this.current.id, title);
    this.current.title = title;
    await this.refresh();
  }

  private async create(): Promise<void> {
    this.showTrash(false);
    const id = await api.lectureCreate();
    await this.refresh();
    await this.open(id);
    this.title.focus();
    this.title.select();
  }

  private async adapt(): Promise<void> {
    if (!this.current) return;
    await this.deps.flush();
    const id = await api.lectureAdapt(this.current.id);
    await this.refresh();
    await this.open(id);
  }

  private async remove(): Promise<void> {
    if (!this.current) return;
    const answer = await showDialog(
      "删除讲稿",
      [el("p", { text: `把“${this.current.title || "（无标题）"}”移到回收站？以后可以从回收站恢复。` })],
      [
        { id: "cancel", label: "取消" },
        { id: "delete", label: "移到回收站", primary: true },
      ],
    );
    if (answer !== "delete") return;
    await this.deps.flush();
    await api.lectureDelete(this.current.id);
    this.current = null;
    this.deps.editor.clear();
    this.title.value = "";
    this.title.disabled = true;
    await this.refresh();
  }

  private async restore(): Promise<void> {
    if (!this.current) return;
    await api.lectureRestoreDeleted(this.current.id);
    this.showTrash(false);
    await this.refresh();
    await this.open(this.current.id);
  }

  private async editTags(): Promise<void> {
    if (!this.current) return;
    const input = el("input", { className: "text-input" });
    input.value = this.current.tags.join("，");
    input.placeholder = "用逗号分开，如：城镇化，乡村振兴";
    const answer = await showDialog("标签", [input], [
      { id: "cancel", label: "取消" },
      { id: "ok", label: "保存", primary: true },
    ]);
    if (answer !== "ok") return;
    // The core reads the line (its separators are a rule of the library) and answers with the tags as stored.
    this.current.tags = await api.lectureSetTags(this.current.id, input.value);
    await this.refresh();
  }
}
