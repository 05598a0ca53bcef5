//! `lectern`: the command-line face of lectern-core.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    Library(lectern_core::cli::library::LibraryCommand),
    #[command(flatten)]
    Text(lectern_core::cli::text::TextCommand),
    #[command(flatten)]
    Handout(lectern_core::cli::export::HandoutCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Where => {
            match lectern_core::cli::db_path(cli.db.as_deref()) {
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
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lectern: {e}");
            ExitCode::FAILURE
        }
    }
}
