// The library pane and the lecture it has open: the list (or search hits, or the trash) in the order
// the user chose (最近修改 / 标题 / 字数, kept with the layout), opening a lecture into the editor, and what the toolbar does to the open lecture (new, rename, adapt, tags,
// delete, restore from the trash).
import { api, type Lecture, type LectureSort, type LectureSummary } from "./api";
import { el, showDialog } from "./dialog";
import type { EditorPane } from "./editorPane";
import { keepOrder, renderLibrary, type LibraryRow } from "./library";
import { layoutLoaded, librarySort, updateLayout } from "./panes";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export interface LibraryDeps {
  editor: EditorPane;
  /** Saves what is typed before the open lecture changes. */
  flush: () => Promise<void>;
  /** Text typed into lecture `id` that has not reached the library (shown instead of the library's). */
  unsavedText: (id: number) => string | undefined;
  /** A lecture was opened: typing now goes to it (edited from its version); null: none is open. */
  onOpened: (lecture: Lecture | null) => void;
  /** Lecture `id` is now at `version` (its title changed here), so the next save names it. */
  setVersion: (id: number, version: number) => void;
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
  private readonly sort = $<HTMLSelectElement>("library-sort");
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  /** The ids of the library list as last shown (empty: show the library's order). */
  private shownOrder: number[] = [];

  constructor(private readonly deps: LibraryDeps) {
    const { showError } = deps;
    this.search.addEventListener("input", () => {
      if (this.searchTimer) clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.refresh({ resort: true }).catch(showError), 120);
    });
    void layoutLoaded.then(() => (this.sort.value = librarySort()));
    this.sort.addEventListener("change", () => {
      void updateLayout({ sort: this.sort.value as LectureSort });
      void this.refresh({ resort: true }).catch(showError);
    });
    this.title.addEventListener("change", () => void this.guard(() => this.rename()));
    $("new-button").addEventListener("click", () => void this.guard(() => this.create()));
    $("adapt-button").addEventListener("click", () => void this.guard(() => this.adapt()));
    $("delete-button").addEventListener("click", () => void this.guard(() => this.remove()));
    $("restore-button").addEventListener("click", () => void this.guard(() => this.restore()));
    $("tags-button").addEventListener("click", () => void this.guard(() => this.editTags()));
    // A clipping pasted into an empty lecture: its title, when the lecture has none of its own yet.
    window.addEventListener("lectern:paste-title", (e) => {
      const title = (e as CustomEvent<string>).detail;
      void this.guard(() => this.adoptTitle(title));
    });
    $("trash-toggle").addEventListener("click", () => {
      this.showTrash(!this.showingTrash);
      this.search.value = "";
      void this.refresh({ resort: true }).catch(showError);
    });
  }

  private async guard(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.deps.showError(e);
    }
  }

  /**
   * Redraws the list: search hits, the trash, or the library. The library's rows stay where they
   * were shown (a lecture being saved as the user types does not jump to the top) unless `resort`:
   * the list reopened (search cleared, back from the trash) or sorted again.
   */
  async refresh(opts: { resort?: boolean } = {}): Promise<void> {
    const q = this.search.value.trim();
    if (q) {
      const hits = await api.librarySearch(q);
      if (this.search.value.trim() !== q) return;
      this.shownOrder = [];
      this.draw(hits.map((hit) => ({ kind: "hit", hit })), `没有找到“${q}”`);
      return;
    }
    if (opts.resort) this.shownOrder = [];
    if (this.showingTrash) {
      this.shownOrder = [];
      this.lectures = await api.trashList();
    } else {
      await layoutLoaded;
      this.lectures = keepOrder(this.shownOrder, await api.libraryList(librarySort()));
      this.shownOrder = this.lectures.map((l) => l.id);
    }
    this.draw(this.lectures.map((lecture) => ({ kind: "lecture", lecture })), this.showingTrash ? "回收站是空的" : "讲稿库是空的");
  }

  private draw(rows: LibraryRow[], emptyText: string): void {
    renderLibrary(this.list, rows, this.current?.id ?? null, (id) => void this.open(id), emptyText, (tag) => this.filterByTag(tag));
  }

  /** Shows only the lectures carrying `tag` (typed into the search as `#标签`). */
  filterByTag(tag: string): void {
    this.showTrash(false);
    this.search.value = `#${tag}`;
    void this.refresh().catch(this.deps.showError);
  }

  /** Opens a lecture into the editor, saving what was typed in the one before. */
  async open(id: number): Promise<void> {
    await this.guard(async () => {
      await this.deps.flush();
      const lecture = await api.lectureGet(id);
      const inTrash = lecture.deleted_at !== null;
      this.current = lecture;
      this.title.value = lecture.title;
      this.title.disabled = inTrash;
      this.deps.onOpened(lecture);
      for (const b of document.querySelectorAll<HTMLButtonElement>(".needs-lecture")) b.disabled = inTrash;
      $("restore-button").hidden = !inTrash;
      // A lecture in the 回收站 is read-only until restored.
      this.deps.editor.editor.setEditable(!inTrash);
      await this.deps.editor.show(this.deps.unsavedText(id) ?? lecture.body, id);
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
    const id = this.current.id;
    await this.deps.flush();
    // A new title is a new version of the lecture: the next save is edited from it.
    this.deps.setVersion(id, await api.lectureRename(id, title));
    this.current.title = title;
    await this.refresh();
  }

  /** Gives the open lecture `title` when it is still untitled (the library decides). */
  private async adoptTitle(title: string): Promise<void> {
    if (!this.current) return;
    const id = this.current.id;
    await this.deps.flush();
    const adopted = await api.lectureAdoptTitle(id, title);
    if (adopted === null) return;
    this.deps.setVersion(id, adopted.version);
    if (this.current?.id !== id) return;
    this.current.title = adopted.title;
    this.title.value = adopted.title;
    await this.refresh();
  }

  private async create(): Promise<void> {
    this.showTrash(false);
    const id = await api.lectureCreate();
    await this.refresh({ resort: true });
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
    // Text that could not be saved stays with its lecture (and in the recovery journal).
    if (this.deps.unsavedText(this.current.id) !== undefined) {
      this.deps.showError("这篇讲稿还有未能保存的文字（已存入恢复记录），保存成功后才能删除");
      return;
    }
    await api.lectureDelete(this.current.id);
    this.current = null;
    this.deps.onOpened(null);
    this.deps.editor.editor.setEditable(false);
    this.deps.editor.clear();
    this.title.value = "";
    this.title.disabled = true;
    await this.refresh();
  }

  private async restore(): Promise<void> {
    if (!this.current) return;
    await api.lectureRestoreDeleted(this.current.id);
    this.showTrash(false);
    await this.refresh({ resort: true });
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
