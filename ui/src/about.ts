// 关于讲稿台: the version, where the library and its backups are and how big they are, and the
// licences of the main components bundled in the app. The facts come from the shell (app_about).
import { api, type About } from "./api";
import { el, showDialog } from "./dialog";

/** Bytes as a user reads them: 字节, KB, MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The dialog's rows: label and value, in the order shown. */
export function aboutRows(a: About): [string, string][] {
  const lectures = a.lectures === null ? "无法打开" : `${a.lectures} 篇讲稿`;
  return [
    ["版本", a.version],
    ["数据文件夹", a.data_dir ?? "（没有）"],
    ["讲稿库", `${a.library_file ?? "（没有）"}，${lectures}，${formatBytes(a.library_bytes)}`],
    ["备份文件夹", `${a.backups_dir ?? "（没有）"}，${a.backups} 份备份，${formatBytes(a.backups_bytes)}`],
  ];
}

export async function openAbout(onError: (e: unknown) => void): Promise<void> {
  let about: About;
  try {
    about = await api.appAbout();
  } catch (e) {
    onError(e);
    return;
  }
  const facts = el("dl", { className: "about-facts", testid: "about-facts" });
  for (const [label, value] of aboutRows(about)) facts.append(el("dt", { text: label }), el("dd", { text: value }));
  const licences = el("ul", { className: "about-licences", testid: "about-licences" });
  for (const b of about.bundled) licences.append(el("li", { text: `${b.name}（${b.role}）：${b.licence}` }));
  await showDialog(
    "关于讲稿台",
    [
      el("p", { text: "讲稿台：党课讲稿的整理、提纲与讲义。完全离线工作。本软件以 MIT 许可证发布。" }),
      facts,
      el("h4", { text: "所含主要组件及其许可证" }),
      licences,
    ],
    [{ id: "ok", label: "关闭", primary: true }],
    "about-dialog",
  );
}
