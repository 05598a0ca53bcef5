import { describe, expect, it } from "vitest";
import { aboutRows, formatBytes } from "./about";
import type { About } from "./api";

const about: About = {
  version: "0.1.0",
  data_dir: "/home/a/.local/share/lectern",
  library_file: "/home/a/.local/share/lectern/library.db",
  library_bytes: 3 * 1024 * 1024 + 300 * 1024,
  lectures: 12,
  backups_dir: "/home/a/.local/share/lectern/backups",
  backups: 2,
  backups_bytes: 2048,
  bundled: [],
};

describe("the About dialog", () => {
  it("shows sizes in units a user reads", () => {
    expect(formatBytes(900)).toBe("900 字节");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatBytes(3 * 1024 * 1024 + 300 * 1024)).toBe("3.3 MB");
  });

  it("names the version, the folders, the lecture count and the sizes", () => {
    const rows = Object.fromEntries(aboutRows(about));
    expect(rows["版本"]).toBe("0.1.0");
    expect(rows["数据文件夹"]).toBe("/home/a/.local/share/lectern");
    expect(rows["讲稿库"]).toBe("/home/a/.local/share/lectern/library.db，12 篇讲稿，3.3 MB");
    expect(rows["备份文件夹"]).toBe("/home/a/.local/share/lectern/backups，2 份备份，2.0 KB");
  });

  it("says so when the library could not be opened", () => {
    const rows = Object.fromEntries(aboutRows({ ...about, lectures: null, backups_dir: null }));
    expect(rows["讲稿库"]).toContain("无法打开");
    expect(rows["备份文件夹"]).toContain("（没有）");
  });
});
