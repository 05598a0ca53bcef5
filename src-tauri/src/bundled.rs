//! The main components bundled in the app and their licences, for the About dialog. Written by
//! hand (the whole dependency tree is hundreds of crates; these are the ones a user would
//! recognise or that do the work); the tests check each Rust crate's and npm package's licence
//! against what Cargo and npm say about the version in use.

use serde::Serialize;

/// Where a component comes from, so the tests know where to check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A Rust crate compiled into the binary.
    Crate,
    /// An npm package in the embedded UI.
    Npm,
    /// Code inside one of the above (SQLite inside libsqlite3-sys).
    Within,
}

/// One bundled component.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Bundled {
    pub name: &'static str,
    /// An SPDX expression.
    pub licence: &'static str,
    /// What it does in Lectern (Chinese).
    pub role: &'static str,
    pub source: Source,
}

const fn c(name: &'static str, licence: &'static str, role: &'static str, source: Source) -> Bundled {
    Bundled { name, licence, role, source }
}

/// The list, in the order the dialog shows it.
pub const BUNDLED: &[Bundled] = &[
    c("tauri", "Apache-2.0 OR MIT", "窗口与应用框架", Source::Crate),
    c("tauri-plugin-dialog", "Apache-2.0 OR MIT", "打开、保存对话框", Source::Crate),
    c("tauri-plugin-opener", "Apache-2.0 OR MIT", "用系统程序打开导出的文件", Source::Crate),
    c("tauri-plugin-single-instance", "Apache-2.0 OR MIT", "只开一个窗口", Source::Crate),
    c("tauri-plugin-window-state", "Apache-2.0 OR MIT", "记住窗口大小和位置", Source::Crate),
    c("SQLite", "blessing", "讲稿库数据库（公有领域）", Source::Within),
    c("rusqlite", "MIT", "访问 SQLite", Source::Crate),
    c("printpdf", "MIT", "写 PDF 讲义", Source::Crate),
    c("subsetter", "MIT OR Apache-2.0", "字体子集", Source::Crate),
    c("fontdb", "MIT", "查找系统字体", Source::Crate),
    c("ttf-parser", "MIT OR Apache-2.0", "读取字体", Source::Crate),
    c("icu_segmenter", "Unicode-3.0", "中文断行", Source::Crate),
    c("scraper", "ISC", "读取网页", Source::Crate),
    c("encoding_rs", "(Apache-2.0 OR MIT) AND BSD-3-Clause", "GBK 等编码", Source::Crate),
    c("zip", "MIT", "读取 .docx", Source::Crate),
    c("quick-xml", "MIT", "读取 .docx 的 XML", Source::Crate),
    c("@codemirror/view", "MIT", "CodeMirror 编辑器", Source::Npm),
    c("pdfjs-dist", "Apache-2.0", "pdf.js：预览 PDF", Source::Npm),
    c("@tauri-apps/api", "Apache-2.0 OR MIT", "窗口与后台通信", Source::Npm),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::Command;

    /// Each listed crate, as Cargo resolves it for this workspace: its licence field.
    #[test]
    fn each_crates_licence_is_what_cargo_says() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let out = Command::new(env!("CARGO"))
            .args(["metadata", "--format-version", "1", "--offline", "--locked"])
            .current_dir(&root)
            .output()
            .expect("cargo metadata");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let packages = meta["packages"].as_array().unwrap();
        for b in BUNDLED.iter().filter(|b| b.source == Source::Crate) {
            let found: Vec<&str> = packages
                .iter()
                .filter(|p| p["name"] == b.name)
                .filter_map(|p| p["license"].as_str())
                .collect();
            assert!(!found.is_empty(), "{} is not a dependency", b.name);
            assert!(found.iter().all(|l| *l == b.licence), "{}: Cargo says {found:?}, the list {}", b.name, b.licence);
        }
    }

    /// Each listed npm package, as installed for the UI (skipped, with a note, before `npm ci`).
    #[test]
    fn each_npm_packages_licence_is_what_npm_says() {
        let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules");
        let deps: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/package.json")).unwrap(),
        )
        .unwrap();
        for b in BUNDLED.iter().filter(|b| b.source == Source::Npm) {
            assert!(deps["dependencies"][b.name].is_string(), "{} is not one of the UI's dependencies", b.name);
            let Ok(text) = std::fs::read_to_string(modules.join(b.name).join("package.json")) else {
                eprintln!("ui/node_modules/{} is not installed: not checked", b.name);
                continue;
            };
            let package: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(package["license"].as_str(), Some(b.licence), "{}", b.name);
        }
    }
}
