// Typed calls into the Tauri shell. Every command returns a Chinese error message on failure.
import { invoke } from "@tauri-apps/api/core";

export interface LectureSummary {
  id: number;
  title: string;
  date: string | null;
  char_count: number;
}

export interface Lecture {
  id: number;
  title: string;
  body: string;
  source: string | null;
  date: string | null;
  category: string | null;
  created_at: string;
  updated_at: string;
}

export const api = {
  libraryList: () => invoke<LectureSummary[]>("library_list"),
  lectureGet: (id: number) => invoke<Lecture>("lecture_get", { id }),
};
