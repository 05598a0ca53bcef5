//! The `lectern` command line's subcommands, one module per concern. Each
//! parses its arguments with clap and calls the domain modules.

pub mod export;
pub mod library;
pub mod text;

use std::path::{Path, PathBuf};

/// An error the command line reports in one line, then exits with code 1.
pub type CliError = Box<dyn std::error::Error>;

/// The library file: `--db PATH` when given, else `library.db` in the data folder.
pub fn db_path(db: Option<&Path>) -> Result<PathBuf, CliError> {
    match db {
        Some(p) => Ok(p.to_path_buf()),
        None => crate::paths::library_path().ok_or_else(|| "找不到数据文件夹：请设置 LECTERN_DATA_DIR 或使用 --db".into()),
    }
}
