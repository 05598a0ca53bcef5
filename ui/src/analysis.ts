// The core's analysis of the editor's text (outline, counts, numbering problems), as the shell sends
// it: whole when a lecture is opened, and after a keystroke as its change from the analysis before.
import type { OutlineItem } from "./outline";

export interface Analysis {
  title: string | null;
  char_count: number;
  minutes: number;
  items: OutlineItem[];
  problems: { offset: number; message: string }[];
}

/** An analysis as its change from the one before (core `analysis::AnalysisUpdate`): the items'
 * numbers as columns, their words only where they differ from the earlier item at that index. */
export interface AnalysisUpdate {
  title: string | null;
  char_count: number;
  minutes: number;
  problems: { offset: number; message: string }[];
  level: number[];
  start: number[];
  end: number[];
  heading_end: number[];
  item_chars: number[];
  item_minutes: number[];
  words: { index: number; number: string; title: string; problem: string | null }[];
}

/** The analysis an update tells of, given the analysis it was made against. Throws if the two do
 * not fit together (an item with no words from either). */
export function applyUpdate(earlier: Analysis, u: AnalysisUpdate): Analysis {
  const words = new Map(u.words.map((w) => [w.index, w]));
  const items: OutlineItem[] = u.level.map((level, index) => {
    const w = words.get(index) ?? earlier.items[index];
    if (!w) throw new Error(`大纲更新缺少第 ${index + 1} 项的标题`);
    return {
      index,
      level,
      number: w.number,
      title: w.title,
      start: u.start[index],
      end: u.end[index],
      heading_end: u.heading_end[index],
      char_count: u.item_chars[index],
      minutes: u.item_minutes[index],
      problem: w.problem ?? null,
    };
  });
  return { title: u.title, char_count: u.char_count, minutes: u.minutes, items, problems: u.problems };
}
