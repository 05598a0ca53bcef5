// The export dialog: kind, preset, font per role, speaker, date, place and study questions; a preview
// of the real PDF's pages; save through the native dialog; open the result.
import { save } from "@tauri-apps/plugin-dialog";
import { openPath } from "@tauri-apps/plugin-opener";
import { api, type ExportRequest, type Lecture } from "./api";

type Kind = "speaker" | "handout" | "outline";
type Preset = "gbt9704" | "large-print";
import { el } from "./dialog";

const KINDS: [Kind, string][] = [
  ["speaker", "讲稿（全文，供宣讲）"],
  ["handout", "学习材料（发给听众）"],
  ["outline", "提纲（只有标题，留出笔记位置）"],
];
const PRESETS: [Preset, string][] = [
  ["gbt9704", "公文格式（A4，每页22行×28字，三号仿宋）"],
  ["large-print", "大字版（正文20磅，行距更宽）"],
];

function select(testid: string, options: [string, string][]): HTMLSelectElement {
  const s = el("select", { testid });
  for (const [value, label] of options) {
    const o = el("option", { text: label });
    o.value = value;
    s.append(o);
  }
  return s;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return el("label", { className: "field" }, el("span", { text: label }), control);
}

/** While the export dialog is open: saves to a path as if it had been chosen in the save dialog. */
export let exportToHook: ((path: string) => Promise<void>) | null = null;

export async function openExport(lecture: Lecture, onError: (e: unknown) => void): Promise<void> {
  const dialog = el("dialog", { className: "dialog export-dialog", testid: "export-dialog" });
  const kind = select("export-kind", KINDS);
  const preset = select("export-preset", PRESETS);
  const speaker = el("input", { className: "text-input", testid: "export-speaker" });
  speaker.value = lecture.speaker ?? "";
  const date = el("input", { className: "text-input", testid: "export-date" });
  date.placeholder = "如：2025年3月1日";
  const place = el("input", { className: "text-input", testid: "export-place" });
  const questions = el("textarea", { className: "text-input", testid: "export-questions" });
  questions.placeholder = "思考题，每行一题（学习材料用）";
  questions.rows = 3;
  const fontsBox = el("div", { className: "font-roles" });
  const fontSelects = new Map<string, HTMLSelectElement>();
  const preview = el("div", { className: "pdf-preview", testid: "export-preview" });
  const status = el("div", { className: "export-status", testid: "export-status" });
  const saveButton = el("button", { text: "保存 PDF…", className: "primary", testid: "export-save" });
  const closeButton = el("button", { text: "关闭" });

  dialog.append(
    el("h3", { text: `导出讲义：${lecture.title || "（无标题）"}` }),
    el(
      "div",
      { className: "export-body" },
      el(
        "form",
        { className: "export-form" },
        field("类型", kind),
        field("版式", preset),
        field("主讲人", speaker),
        field("日期", date),
        field("地点", place),
        field("思考题", questions),
        el("details", {}, el("summary", { text: "字体" }), fontsBox),
      ),
      preview,
    ),
    el("footer", {}, status, saveButton, closeButton),
  );

  const request = (): ExportRequest => ({
    id: lecture.id,
    kind: kind.value,
    preset: preset.value,
    fonts: Object.fromEntries([...fontSelects].filter(([, s]) => s.value).map(([r, s]) => [r, s.value])),
    speaker: speaker.value.trim(),
    date: date.value.trim(),
    place: place.value.trim(),
    questions: questions.value.split("\n").map((q) => q.trim()).filter(Boolean),
  });

  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  async function refreshPreview(): Promise<void> {
    const mine = ++seq;
    status.textContent = "正在排版…";
    try {
      const pdf = await api.exportPreview(request());
      if (mine !== seq) return;
      // pdf.js is large: load it when the dialog first needs it, not at start-up.
      const { renderPdfPages } = await import("./pdfpreview");
      const pages = await renderPdfPages(preview, pdf);
      status.textContent = `共 ${pages} 页`;
    } catch (e) {
      if (mine === seq) status.textContent = `无法预览：${e}`;
    }
  }
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refreshPreview(), 300);
  };
  for (const c of [kind, preset, speaker, date, place, questions]) c.addEventListener("input", schedule);

  async function saveTo(path: string): Promise<void> {
    try {
      const report = await api.exportSave(request(), path);
      status.textContent = `已保存 ${report.pages} 页${report.fallbacks.length ? `（${report.fallbacks.join("；")}）` : ""}`;
      const openIt = el("button", { text: "打开", testid: "export-open" });
      openIt.addEventListener("click", () => void openPath(path).catch(onError));
      status.append(" ", openIt);
    } catch (e) {
      onError(e);
    }
  }
  saveButton.addEventListener("click", async () => {
    try {
      const path = await save({
        title: "保存讲义",
        defaultPath: `${(lecture.title || "讲义").replace(/[\\/:*?"<>|]/g, "")}.pdf`,
        filters: [{ name: "PDF", extensions: ["pdf"] }],
      });
      if (path) await saveTo(path);
    } catch (e) {
      onError(e);
    }
  });
  exportToHook = saveTo;
  closeButton.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    exportToHook = null;
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();

  try {
    const fonts = await api.exportFonts();
    for (const role of fonts.roles) {
      const s = select(`export-font-${role.role}`, [["", `自动（${role.resolved ?? "无"}）`], ...fonts.families.map((f) => [f, f] as [string, string])]);
      s.addEventListener("input", schedule);
      fontSelects.set(role.role, s);
      fontsBox.append(field(role.label, s));
    }
  } catch (e) {
    onError(e);
  }
  await refreshPreview();
}
