//! Where Lectern keeps its data: `$LECTERN_DATA_DIR` when set, else the
//! platform's app-data folder. The library is `library.db` inside it.

use std::path::PathBuf;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "LECTERN_DATA_DIR";
/// The library's file name inside the data folder.
pub const LIBRARY_FILE: &str = "library.db";

/// The data folder: `$LECTERN_DATA_DIR` when set and not empty, else the
/// platform's app-data folder (`~/.local/share/lectern` on Linux,
/// `%APPDATA%\Lectern\data` on Windows).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "Lectern").map(|p| p.data_dir().to_path_buf())
}

/// The library file inside the data folder.
pub fn library_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(LIBRARY_FILE))
}
