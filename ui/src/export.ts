// The export dialog: format (PDF or Word), kind, preset, font per role, speaker, date, place and study
// questions; a preview of the real PDF's pages; save through the native dialog; open the result.
// For Word the preview stays the PDF (the same document, preset and faces), and the dialog says that
// Word or WPS lays out its own pages; the font choices only apply to the PDF and are hidden.
import { save } from "@tauri-apps/plugin-dialog";
import { openPath, revealItemInDir } from "@tauri-apps/plugin-opener";
import { api, type ExportRequest, type Lecture } from "./api";
import { FORMATS, offerOpen, saveLabel, saveOptions, withExtension, type Format } from "./exportFormat";

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

function field(label: string, control: HTMLElement, key?: string): HTMLElement {
  const f = el("label", { className: "field" }, el("span", { text: label }), control);
  if (key) f.dataset.field = key;
  return f;
}

/** Shows only the fields (`data-field`) that `kind` prints; `fields` is the core's answer. */
export function showKindFields(form: HTMLElement, fields: string[] | undefined): void {
  for (const f of form.querySelectorAll<HTMLElement>("[data-field]")) f.hidden = fields !== undefined && !fields.includes(f.dataset.field!);
}

/** The format as radio buttons (two choices, both in view). */
function formatChoice(onChange: (f: Format) => void): { box: HTMLElement; value: () => Format } {
  const box = el("div", { className: "format-choice", testid: "export-format" });
  const radios: HTMLInputElement[] = [];
  for (const [value, label] of FORMATS) {
    const r = el("input", { testid: `export-format-${value}` });
    r.type = "radio";
    r.name = "export-format";
    r.value = value;
    r.checked = value === "pdf";
    r.addEventListener("change", () => onChange(value));
    radios.push(r);
    box.append(el("label", {}, r, document.createTextNode(label)));
  }
  return { box, value: () => (radios.find((r) => r.checked)?.value as Format | undefined) ?? "pdf" };
}

const WORD_NOTE =
  "Word 文档用同一版式（页面、页边距、每页行数和字数、字体字号），但分页由 Word 或 WPS 自己完成，" +
  "可能与右侧的 PDF 预览略有出入。字体按名称写入，由打开文档的电脑提供（选择字体只用于 PDF）。";

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
  const saveButton = el("button", { text: saveLabel("pdf"), className: "primary", testid: "export-save" });
  const closeButton = el("button", { text: "关闭" });
  const formatNote = el("p", { className: "format-note", testid: "export-format-note", text: WORD_NOTE });
  formatNote.hidden = true;
  const fontsDetails = el("details", {}, el("summary", { text: "字体" }), fontsBox);
  const format = formatChoice((f) => {
    saveButton.textContent = saveLabel(f);
    formatNote.hidden = f !== "docx";
    fontsDetails.hidden = f === "docx";
  });

  dialog.append(
    el("h3", { text: `导出讲义：${lecture.title || "（无标题）"}` }),
    el(
      "div",
      { className: "export-body" },
      el(
        "form",
        { className: "export-form" },
        el("div", { className: "field" }, el("span", { text: "格式" }), format.box),
        formatNote,
        field("类型", kind),
        field("版式", preset),
        field("主讲人", speaker, "speaker"),
        field("日期", date, "date"),
        field("地点", place, "place"),
        field("思考题", questions, "questions"),
        fontsDetails,
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

  async function saveTo(chosen: string): Promise<void> {
    const f = format.value();
    const path = withExtension(chosen, f);
    try {
      if (f === "docx") {
        const report = await api.exportWord(request(), path);
        status.textContent = `已保存 Word 文档（${Math.max(1, Math.round(report.bytes / 1024))} KB）`;
      } else {
        const report = await api.exportSave(request(), path);
        status.textContent = `已保存 ${report.pages} 页${report.fallbacks.length ? `（${report.fallbacks.join("；")}）` : ""}`;
      }
      offerOpen(status, path, f, { open: (p) => openPath(p), reveal: (p) => revealItemInDir(p) });
    } catch (e) {
      onError(e);
    }
  }
  saveButton.addEventListener("click", async () => {
    try {
      const path = await save(saveOptions(lecture.title, format.value()));
      if (path) await saveTo(path);
    } catch (e) {
      onError(e);
    }
  });
  exportToHook = saveTo;
  const form = dialog.querySelector<HTMLElement>(".export-form")!;
  const kindFields = new Map<string, string[]>();
  const showFields = () => showKindFields(form, kindFields.get(kind.value));
  kind.addEventListener("input", showFields);
  void api
    .exportKinds()
    .then((kinds) => {
      for (const k of kinds) kindFields.set(k.key, k.fields);
      showFields();
    })
    .catch(onError);
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
