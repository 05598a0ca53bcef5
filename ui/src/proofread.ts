// 校对's list, as the pane shows it: findings grouped by category (as the core orders them) with counts,
// and which rules have enough fixes for 全部改. Pure functions over the core's findings, tested
// with Vitest; the pane (checkPane.ts) draws them.
import type { ProofFinding, Proofread } from "./api";

export interface FindingRow {
  /** The finding's index in the check's list (its mark in the editor has the same id). */
  id: number;
  finding: ProofFinding;
}

export interface CategoryGroup {
  category: string;
  rows: FindingRow[];
}

/** Findings grouped by category, in the order the core sends them (by category in the core's
 * order, then by position); categories without findings left out. */
export function groupFindings(findings: ProofFinding[]): CategoryGroup[] {
  const groups = new Map<string, FindingRow[]>();
  findings.forEach((finding, id) => {
    const rows = groups.get(finding.category) ?? [];
    rows.push({ id, finding });
    groups.set(finding.category, rows);
  });
  return [...groups.entries()].map(([category, rows]) => ({ category, rows }));
}

/** For each rule, how many of its findings have a fix: 全部改 is offered where there are two or more. */
export function fixCounts(findings: ProofFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) {
    if (f.suggestion !== null) counts.set(f.rule_key, (counts.get(f.rule_key) ?? 0) + 1);
  }
  return counts;
}

/** A line break shown as ↵, so a span across lines stays on one row. */
function shown(text: string): string {
  return text.replace(/\n/g, "↵");
}

/** What a row says was found and what 改 would write: 「,」→「，」, or 「 」→ 删去. */
export function changeLabel(f: ProofFinding): string {
  const found = `「${shown(f.found)}」`;
  if (f.suggestion === null) return found;
  return f.suggestion === "" ? `${found}→删去` : `${found}→「${shown(f.suggestion)}」`;
}

/** What the list shows of a check, without the findings' positions (the rows do not show them, and
 * find their spans through the editor's marks): typing that only moves findings along leaves it the
 * same, so the list is not drawn again at every pause. */
export function listSignature(result: Proofread | null, editable: boolean): string {
  if (!result) return "";
  const findings = result.findings.map(({ start: _start, end: _end, ...shown }) => shown);
  return JSON.stringify([findings, result.ignored, result.disabled, editable]);
}
