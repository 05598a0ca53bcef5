//! Files handed to the app: on its own command line at start (the desktop's 打开方式 runs
//! `lectern-app %F`), or by a second start, which the single-instance plugin stops and whose command
//! line and folder it passes to this, the first process. They wait here until the window takes them
//! (the `app_take_opened_files` command) and imports them as if chosen in the import dialog; the
//! [`EVENT`] tells a window that is already listening that some are waiting. Taking them from a
//! queue, rather than sending them with the event, means none are lost when they arrive before the
//! window listens.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The event the window hears when files are waiting.
pub const EVENT: &str = "files-opened";

/// The files waiting for the window.
#[derive(Default)]
pub struct Opened(Mutex<Vec<String>>);

impl Opened {
    /// Adds files to the queue.
    pub fn push(&self, files: Vec<PathBuf>) {
        let mut queue = self.0.lock().unwrap_or_else(|p| p.into_inner());
        queue.extend(files.into_iter().map(|f| f.to_string_lossy().into_owned()));
    }

    /// Empties the queue, returning what was in it.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// The files on a command line (the program's name first, as `std::env::args_os` gives it): every
/// argument after it that is not an option, made absolute against `cwd`, the folder the command
/// ran in (a second start's folder is not this process's).
pub fn files_in(args: impl IntoIterator<Item = OsString>, cwd: &Path) -> Vec<PathBuf> {
    args.into_iter()
        .skip(1)
        .filter(|a| !a.is_empty() && !a.to_string_lossy().starts_with('-'))
        .map(|a| cwd.join(a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_command_lines_files_are_made_absolute_against_its_own_folder() {
        let files = files_in(args(&["/usr/bin/lectern-app", "党课.docx", "/home/a/讲稿.txt"]), Path::new("/home/b"));
        assert_eq!(files, [PathBuf::from("/home/b/党课.docx"), PathBuf::from("/home/a/讲稿.txt")]);
    }

    #[test]
    fn options_and_the_program_name_are_not_files() {
        assert!(files_in(args(&["lectern-app"]), Path::new("/")).is_empty());
        assert!(files_in(args(&["lectern-app", "--some-flag", ""]), Path::new("/")).is_empty());
    }

    #[test]
    fn the_queue_hands_each_file_over_once() {
        let opened = Opened::default();
        opened.push(vec![PathBuf::from("/a.txt")]);
        opened.push(vec![PathBuf::from("/b.txt")]);
        assert_eq!(opened.take(), ["/a.txt", "/b.txt"]);
        assert!(opened.take().is_empty());
    }
}
