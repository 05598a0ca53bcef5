import { describe, expect, it } from "vitest";
import type { ProofFinding } from "./api";
import { changeLabel, fixCounts, groupFindings, listSignature } from "./proofread";

function finding(category: string, rule_key: string, start: number, found: string, suggestion: string | null): ProofFinding {
  return {
    rule: rule_key.startsWith("wording:") ? "wording" : rule_key,
    rule_key,
    rule_name: rule_key,
    category,
    category_key: rule_key.split(/[.:]/)[0],
    start,
    end: start + found.length,
    found,
    suggestion,
    message: "",
    ignore: { rule: rule_key, found, before: "", after: "" },
  };
}

describe("the 校对 list", () => {
  // As the core sends them: by category in its order, then by position.
  const findings = [
    finding("标点", "punct.half_width", 9, ",", "，"),
    finding("标点", "punct.pair_unclosed", 15, "“", null),
    finding("标点", "punct.half_width", 20, ",", "，"),
    finding("序号", "ordinal.mark", 30, ".", "、"),
    finding("重字", "doubled.char", 12, "的的", "的"),
    finding("规范表述", "wording:二十大精神", 2, "二十大精神", "党的二十大精神"),
  ];

  it("groups findings by category with counts, keeping the core's order, with their ids", () => {
    const groups = groupFindings(findings);
    expect(groups.map((g) => [g.category, g.rows.length])).toEqual([
      ["标点", 3],
      ["序号", 1],
      ["重字", 1],
      ["规范表述", 1],
    ]);
    expect(groups[0].rows.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(groups[3].rows[0].id).toBe(5);
    expect(groupFindings([])).toEqual([]);
  });

  it("counts fixes per rule, leaving out findings without a certain fix", () => {
    const counts = fixCounts(findings);
    expect(counts.get("punct.half_width")).toBe(2);
    expect(counts.get("punct.pair_unclosed")).toBeUndefined();
    expect(counts.get("wording:二十大精神")).toBe(1);
  });

  it("labels what was found and what 改 writes", () => {
    expect(changeLabel(findings[0])).toBe("「,」→「，」");
    expect(changeLabel(findings[1])).toBe("「“」");
    expect(changeLabel(finding("空格", "space.between_han", 0, " ", ""))).toBe("「 」→删去");
    expect(changeLabel(finding("标点", "punct.pair_reversed", 0, "”a\n“", "“a”"))).toBe("「”a↵“」→「“a”」");
  });

  it("redraws the list when what it shows changes, not when findings only move along", () => {
    const result = { findings, ignored: 0, disabled: [] };
    const moved = { ...result, findings: findings.map((f) => ({ ...f, start: f.start + 3, end: f.end + 3 })) };
    expect(listSignature(moved, true)).toBe(listSignature(result, true));
    expect(listSignature(result, false)).not.toBe(listSignature(result, true));
    expect(listSignature({ ...result, ignored: 1 }, true)).not.toBe(listSignature(result, true));
    expect(listSignature({ ...result, findings: findings.slice(1) }, true)).not.toBe(listSignature(result, true));
    expect(listSignature(null, true)).toBe("");
  });
});
