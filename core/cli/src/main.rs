//! `lectern`: the command line over Lectern's core, one module per concern.
//! Each parses its arguments with clap (this is the only crate that does) and
//! calls the core crates: `lectern-text`, `lectern-library`, `lectern-typeset`
//! and `lectern-pdf`.

mod check;
mod export;
mod library;
mod rules;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// An error the command line reports in one line, then exits with code 1.
pub type CliError = Box<dyn std::error::Error>;

/// The library file: `--db PATH` when given, else `library.db` in the data folder.
pub fn db_path(db: Option<&Path>) -> Result<PathBuf, CliError> {
    match db {
        Some(p) => Ok(p.to_path_buf()),
        None => lectern_library::paths::library_path().ok_or_else(|| "找不到数据文件夹：请设置 LECTERN_DATA_DIR 或使用 --db".into()),
    }
}

#[derive(Parser)]
#[command(name = "lectern", version, about = "讲稿台 Lectern: 党课讲稿的整理、提纲与讲义")]
struct Cli {
    /// The library file (default: library.db in the data folder)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Prints the data folder and library file in use
    Where,
    #[command(flatten)]
    Library(library::LibraryCommand),
    #[command(flatten)]
    Text(text::TextCommand),
    #[command(flatten)]
    Handout(export::HandoutCommand),
    /// 校对: prints the proofreading findings of FILE (with --db, the library's wording rules too)
    Check(check::CheckArgs),
    /// 校对's wording rules kept in the library: add, list, remove
    #[command(subcommand)]
    Rules(rules::RulesCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Where => {
            match db_path(cli.db.as_deref()) {
                Ok(p) => {
                    println!("{}", p.display());
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
        Command::Library(cmd) => cmd.run(cli.db.as_deref()),
        Command::Text(cmd) => cmd.run(),
        Command::Handout(cmd) => cmd.run(cli.db.as_deref()),
        Command::Check(args) => args.run(cli.db.as_deref()),
        Command::Rules(cmd) => cmd.run(cli.db.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lectern: {e}");
            ExitCode::FAILURE
        }
    }
}
