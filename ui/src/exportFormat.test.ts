import { describe, expect, it } from "vitest";
import { offerOpen, saveOptions, withExtension } from "./exportFormat";

describe("the save dialog follows the format", () => {
  it("offers only the chosen format and names the file after the lecture", () => {
    const word = saveOptions("关于“城乡”的讲话: 提纲/初稿", "docx");
    expect(word.defaultPath).toBe("关于“城乡”的讲话 提纲初稿.docx");
    expect(word.filters).toEqual([{ name: "Word 文档", extensions: ["docx"] }]);
    const pdf = saveOptions("", "pdf");
    expect(pdf.defaultPath).toBe("讲义.pdf");
    expect(pdf.filters).toEqual([{ name: "PDF", extensions: ["pdf"] }]);
  });

  it("gives a name typed without an extension the format's one", () => {
    expect(withExtension("/home/a/讲稿", "docx")).toBe("/home/a/讲稿.docx");
    expect(withExtension("/home/a/讲稿.DOCX", "docx")).toBe("/home/a/讲稿.DOCX");
    expect(withExtension("/home/a/讲稿.pdf", "pdf")).toBe("/home/a/讲稿.pdf");
  });
});

const settle = () => new Promise((done) => setTimeout(done, 0));
const button = (box: HTMLElement, id: string) => box.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);

describe("opening the saved file", () => {
  it("opens it with the default program", async () => {
    const opened: string[] = [];
    const status = document.createElement("div");
    offerOpen(status, "/tmp/讲稿.docx", "docx", { open: async (p) => void opened.push(p), reveal: async () => {} });
    button(status, "export-open")!.click();
    await settle();
    expect(opened).toEqual(["/tmp/讲稿.docx"]);
    expect(button(status, "export-reveal")).toBeNull();
  });

  it("when no program opens it, says so in Chinese and offers the folder, never the raw error", async () => {
    const revealed: string[] = [];
    const status = document.createElement("div");
    const launcher = new Error('Failed to open path with `Launcher "gio" ("open", "/tmp/讲稿.docx")`');
    offerOpen(status, "/tmp/讲稿.docx", "docx", {
      open: () => Promise.reject(launcher),
      reveal: async (p) => void revealed.push(p),
    });
    button(status, "export-open")!.click();
    await settle();
    expect(button(status, "export-open")).toBeNull();
    expect(status.textContent).toContain("无法用默认程序打开这个Word 文档");
    expect(status.textContent).not.toContain("gio");
    button(status, "export-reveal")!.click();
    await settle();
    expect(revealed).toEqual(["/tmp/讲稿.docx"]);
  });

  it("when the folder cannot be shown either, names where the file is", async () => {
    const status = document.createElement("div");
    offerOpen(status, "/tmp/讲义.pdf", "pdf", {
      open: () => Promise.reject("Launcher gio failed"),
      reveal: () => Promise.reject("no file manager"),
    });
    button(status, "export-open")!.click();
    await settle();
    button(status, "export-reveal")!.click();
    await settle();
    expect(button(status, "export-reveal")).toBeNull();
    expect(status.textContent).toContain("文件保存在：/tmp/讲义.pdf");
    expect(status.textContent).not.toContain("gio");
  });
});
