//! Text subcommands: `clean`, `outline`, `stats`. FILE is a .txt, .md,
//! .docx, .html or .htm file, or `-` for standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::CliError;
use lectern_text::outline::{self, Section};
use lectern_text::read::{self, Format};
use lectern_text::stats::{self, SectionStats, DEFAULT_RATE};
use lectern_text::{clean, Cleaned};

#[derive(Subcommand)]
pub enum TextCommand {
    /// Prints the cleaned text of FILE (paragraphs separated by one blank line)
    Clean {
        /// .txt, .md, .docx, .html or .htm; `-` reads standard input
        file: PathBuf,
        /// Prints title, text, metadata and the removed lines as JSON
        #[arg(long)]
        json: bool,
    },
    /// Prints the title and heading tree of FILE
    Outline {
        /// .txt, .md, .docx, .html or .htm; `-` reads standard input
        file: PathBuf,
        /// Prints the outline as JSON (offsets in characters of the cleaned text)
        #[arg(long)]
        json: bool,
    },
    /// Prints the character count (字数) and speaking minutes of FILE and each section
    Stats {
        /// .txt, .md, .docx, .html or .htm; `-` reads standard input
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Characters spoken per minute
        #[arg(long, default_value_t = DEFAULT_RATE, value_parser = clap::value_parser!(u32).range(1..))]
        rate: u32,
    },
}

/// Reads and cleans FILE, or standard input for `-`.
fn load(file: &Path) -> Result<Cleaned, CliError> {
    if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("无法读取标准输入：{e}"))?;
        let format = Format::sniff(&bytes);
        let raw = read::read_bytes_as("标准输入", &bytes, format)?;
        return Ok(clean::clean(&raw.text));
    }
    Ok(lectern_text::import_path(file)?)
}

fn minutes(m: f64) -> String {
    lectern_text::stats::minutes_label(m)
}

fn print_outline(sections: &[Section], depth: usize) {
    for s in sections {
        println!("{}{}{}", "  ".repeat(depth), s.number, s.title);
        print_outline(&s.children, depth + 1);
    }
}

fn print_stats(sections: &[SectionStats], depth: usize) {
    for s in sections {
        println!("{}{}{}\t{} 字\t{} 分钟", "  ".repeat(depth), s.number, s.title, s.char_count, minutes(s.minutes));
        print_stats(&s.children, depth + 1);
    }
}

impl TextCommand {
    pub fn run(self) -> Result<(), CliError> {
        match self {
            TextCommand::Clean { file, json } => {
                let c = load(&file)?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&c)?);
                } else {
                    println!("{}", c.text);
                }
            }
            TextCommand::Outline { file, json } => {
                let c = load(&file)?;
                let o = outline::parse(&c.text);
                if json {
                    println!("{}", serde_json::to_string_pretty(&o)?);
                } else {
                    if let Some(t) = &o.title {
                        println!("{t}");
                    }
                    print_outline(&o.sections, 0);
                }
            }
            TextCommand::Stats { file, json, rate } => {
                let c = load(&file)?;
                let s = stats::stats(&c.text, rate);
                if json {
                    println!("{}", serde_json::to_string_pretty(&s)?);
                } else {
                    println!("全文 {} 字，按每分钟 {} 字约 {} 分钟", s.char_count, s.rate_per_minute, minutes(s.minutes));
                    print_stats(&s.sections, 0);
                }
            }
        }
        Ok(())
    }
}
