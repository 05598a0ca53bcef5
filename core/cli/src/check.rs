//! `lectern check FILE [--json]`: 校对, the proofreading findings of a text as
//! written (line endings normalised to `\n`, nothing cleaned), so offsets
//! point into the file the user has. With `--db`, the library's own wording
//! rules are used too, and the rules switched off there (不再检查 in the
//! app) are left out. Exits 0 with or without findings.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::CliError;
use lectern_text::check::{Checker, Finding, WordingRule};
use lectern_text::clean::normalise_newlines;
use lectern_text::read::{self, Format};

#[derive(Args)]
pub struct CheckArgs {
    /// .txt, .md, .docx, .html or .htm; `-` reads standard input
    file: PathBuf,
    /// Prints the findings as a JSON array of {rule, category, start, end, found, suggestion, message}
    /// (offsets in characters of the text as read)
    #[arg(long)]
    json: bool,
}

/// The text of FILE as read: decoded, line endings normalised, not cleaned.
fn read_text(file: &Path) -> Result<String, CliError> {
    let raw = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("无法读取标准输入：{e}"))?;
        read::read_bytes_as("标准输入", &bytes, Format::sniff(&bytes))?
    } else {
        read::read_path(file)?
    };
    Ok(normalise_newlines(&raw.text))
}

/// Line and column (both from 1) of each finding's start.
fn positions(text: &str, findings: &[Finding]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(findings.len());
    let (mut line, mut col, mut at) = (1, 1, 0);
    let mut chars = text.chars();
    for f in findings {
        while at < f.start {
            match chars.next() {
                Some('\n') => {
                    line += 1;
                    col = 1;
                }
                Some(_) => col += 1,
                None => break,
            }
            at += 1;
        }
        out.push((line, col));
    }
    out
}

impl CheckArgs {
    pub fn run(self, db: Option<&Path>) -> Result<(), CliError> {
        let text = read_text(&self.file)?;
        let (user, off): (Vec<WordingRule>, Vec<String>) = match db {
            Some(p) => {
                let lib = lectern_library::Library::open(p)?;
                let off = lib.disabled_rules()?.into_iter().map(|d| d.rule_key).collect();
                (lib.wording_rules()?.into_iter().map(|r| r.rule).collect(), off)
            }
            None => (Vec::new(), Vec::new()),
        };
        let mut findings = Checker::new(&user).check(&text);
        findings.retain(|f| !off.contains(&lectern_library::rule_key(f)));
        if self.json {
            println!("{}", serde_json::to_string_pretty(&findings)?);
            return Ok(());
        }
        for (f, (line, col)) in findings.iter().zip(positions(&text, &findings)) {
            let fix = match &f.suggestion {
                Some(s) if s.is_empty() => "（删去）".to_string(),
                Some(s) => format!("→「{s}」"),
                None => String::new(),
            };
            println!("{line}:{col}\t{}\t「{}」{fix}\t{}", f.category.label(), f.found.replace('\n', "↵"), f.message);
        }
        println!("共 {} 处", findings.len());
        Ok(())
    }
}
