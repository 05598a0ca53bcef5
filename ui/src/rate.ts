// The speaking rate dialog (double-click the statistics): the user types 字 a minute; the core reads
// the line and says, in Chinese, when it is out of range, and the dialog asks again with that line.
import { api } from "./api";
import { el, showDialog } from "./dialog";

/** Asks for a new rate; resolves with it, or null when the user cancels. */
export async function askRate(current: number): Promise<number | null> {
  let typed = String(current);
  let problem = "";
  for (;;) {
    const input = el("input", { className: "text-input", testid: "rate-input" });
    input.type = "number";
    input.value = typed;
    const body: Node[] = [el("p", { text: "每分钟讲多少字（一般 180–220）：" }), input];
    if (problem) body.push(el("p", { className: "rate-error", testid: "rate-error", text: problem }));
    const answer = await showDialog(
      "语速",
      body,
      [
        { id: "cancel", label: "取消" },
        { id: "ok", label: "确定", primary: true },
      ],
      "rate-dialog",
    );
    if (answer !== "ok") return null;
    typed = input.value;
    try {
      return await api.rateParse(typed);
    } catch (e) {
      problem = String(e);
    }
  }
}
