//! Library subcommands: `list`, `show`.

use std::path::Path;

use clap::Subcommand;

use super::{db_path, CliError};
use crate::library::Library;

#[derive(Subcommand)]
pub enum LibraryCommand {
    /// Lists the lectures in the library
    List {
        #[arg(long)]
        json: bool,
    },
    /// Prints one lecture's text
    Show { id: i64 },
}

impl LibraryCommand {
    pub fn run(self, db: Option<&Path>) -> Result<(), CliError> {
        let lib = Library::open(&db_path(db)?)?;
        match self {
            LibraryCommand::List { json } => {
                let list = lib.list()?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&list)?);
                } else {
                    for l in list {
                        println!("{}\t{}\t{}\t{}", l.id, l.title, l.date.unwrap_or_default(), l.char_count);
                    }
                }
            }
            LibraryCommand::Show { id } => println!("{}", lib.get(id)?.body),
        }
        Ok(())
    }
}
