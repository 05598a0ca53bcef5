// Typed calls into the Tauri shell. Every command rejects with a Chinese message on failure.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Analysis, AnalysisUpdate } from "./analysis";

export interface LectureSummary {
  id: number;
  title: string;
  date: string | null;
  char_count: number;
  tags: string[];
}

export interface Lecture {
  id: number;
  title: string;
  body: string;
  source: string | null;
  date: string | null;
  category: string | null;
  speaker: string | null;
  tags: string[];
  adapted_from: { id: number; title: string; deleted: boolean } | null;
  created_at: string;
  updated_at: string;
}

/** A piece of a search snippet; `is_match` marks the matched characters. */
export interface Segment {
  text: string;
  is_match: boolean;
}

export interface SearchHit {
  id: number;
  title: string;
  snippet_parts: Segment[];
  title_parts: Segment[];
}

/** One edit in UTF-16 positions of the text before the edits, as CodeMirror reports them. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export interface SaveResult {
  changed: boolean;
  updated_at: string;
  char_count: number;
  auto_snapshot: Snapshot | null;
}

export type OutlineOp =
  | { kind: "move"; index: number; target: number; placement: "before" | "after" }
  | { kind: "promote"; index: number }
  | { kind: "demote"; index: number }
  | { kind: "renumber" };

export interface EditResult {
  text: string;
  /** Character offset of the moved or changed heading in the new text. */
  cursor: number;
}

export interface CleanPreview {
  text: string;
  removed: string[];
}

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

export interface ImportOutcome {
  file: string;
  status: "imported" | "duplicate" | "failed";
  id: number | null;
  message: string | null;
}

export interface Snapshot {
  id: number;
  lecture_id: number;
  /** Why it was taken: by the user, automatically while editing, before a restore, … */
  kind: string;
  label: string | null;
  char_count: number;
  created_at: string;
}

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
}

export const api = {
  libraryList: () => invoke<LectureSummary[]>("library_list"),
  librarySearch: (query: string) => invoke<SearchHit[]>("library_search", { query }),
  trashList: () => invoke<LectureSummary[]>("trash_list"),
  lectureGet: (id: number) => invoke<Lecture>("lecture_get", { id }),
  lectureCreate: () => invoke<number>("lecture_create"),
  lectureSave: (id: number, body: string) => invoke<SaveResult>("lecture_save", { id, body }),
  lectureRename: (id: number, title: string) => invoke<void>("lecture_rename", { id, title }),
  lectureAdapt: (id: number) => invoke<number>("lecture_adapt", { id }),
  lectureDelete: (id: number) => invoke<void>("lecture_delete", { id }),
  lectureRestoreDeleted: (id: number) => invoke<void>("lecture_restore_deleted", { id }),
  lectureSetTags: (id: number, tags: string[]) => invoke<void>("lecture_set_tags", { id, tags }),
  importFiles: (paths: string[], onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return invoke<ImportOutcome[]>("import_files", { paths, onProgress: channel });
  },
  appUptimeMs: () => invoke<number>("app_uptime_ms"),
  textAnalyzeChanges: (changes: TextChange[], oldLen: number, newLen: number, rate: number) =>
    invoke<AnalysisUpdate>("text_analyze_changes", { changes, oldLen, newLen, rate }),
  textAnalyze: (text: string, rate: number) => invoke<Analysis>("text_analyze", { text, rate }),
  outlineEdit: (text: string, op: OutlineOp) => invoke<EditResult>("outline_edit", { text, op }),
  cleanPreview: (text: string) => invoke<CleanPreview>("clean_preview", { text }),
  snapshotTake: (id: number, label: string | null) => invoke<number>("snapshot_take", { id, label }),
  snapshotList: (id: number) => invoke<Snapshot[]>("snapshot_list", { id }),
  /** Differences from a snapshot (or, with snapshotId null, from the text the draft was adapted from). */
  snapshotDiff: (id: number, snapshotId: number | null, current: string) =>
    invoke<DiffLine[]>("snapshot_diff", { id, snapshotId, current }),
  snapshotRestore: (id: number, snapshotId: number) => invoke<string>("snapshot_restore", { id, snapshotId }),
};

export interface FontRole {
  role: string;
  label: string;
  /** The family this role uses now on this machine, and why. */
  resolved: string | null;
  note: string | null;
}

export interface FontChoices {
  roles: FontRole[];
  /** Every installed family a user may pick. */
  families: string[];
}

export interface ExportRequest {
  id: number;
  kind: "speaker" | "handout" | "outline";
  preset: "gbt9704" | "large-print";
  fonts: Record<string, string>;
  speaker: string;
  date: string;
  place: string;
  questions: string[];
}

export interface ExportReport {
  pages: number;
  path: string | null;
  fonts: { role: string; family: string }[];
  fallbacks: string[];
}

export const exportApi = {
  fonts: () => invoke<FontChoices>("export_fonts"),
  preview: (request: ExportRequest) => invoke<ArrayBuffer>("export_preview", { request }),
  save: (request: ExportRequest, path: string) => invoke<ExportReport>("export_save", { request, path }),
};
