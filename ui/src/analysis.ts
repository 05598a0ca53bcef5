// The core's analysis of the editor's text (outline, counts, numbering problems), as the shell sends
// it: whole when a lecture is opened, and after a keystroke as its change from the analysis before.
import type { Analysis, AnalysisUpdate, OutlineItem } from "./api";

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
      heading_end: u.heading_end[index],
      char_count: u.item_chars[index],
      minutes: u.item_minutes[index],
      problem: w.problem ?? null,
    };
  });
  return { char_count: u.char_count, minutes: u.minutes, items, closing: u.closing };
}
