//! Durable writes for every file the library writes besides the database
//! (backups, library exports, the recovery journal): the bytes go to a temp
//! file with an unpredictable name in the target's folder, are fsynced, the
//! temp file is renamed over the target (tempfile's `NamedTempFile::persist`)
//! and the folder is fsynced, so after a crash or a power cut the target is
//! either the old file or the whole new one, never half of one. A failed
//! write removes its temp file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// The folder a file lives in (`.` for a bare name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    path.parent().filter(|d| !d.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// A temp file in `path`'s folder, named `.<name>.<random>.part`.
pub(crate) fn temp_beside(path: &Path) -> std::io::Result<NamedTempFile> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".part").tempfile_in(folder_of(path))
}

/// Writes what `fill` writes to `path`, durably (see the module docs). On
/// any error the temp file is removed and `path` is left as it was.
pub(crate) fn write_with<T, E>(
    path: &Path,
    io: impl Fn(std::io::Error) -> E,
    fill: impl FnOnce(&mut BufWriter<&mut File>) -> Result<T, E>,
) -> Result<T, E> {
    let mut tmp = temp_beside(path).map_err(&io)?;
    let value = {
        let mut out = BufWriter::new(tmp.as_file_mut());
        let value = fill(&mut out)?;
        out.flush().map_err(&io)?;
        value
    };
    tmp.as_file().sync_all().map_err(&io)?;
    persist(tmp, path).map_err(&io)?;
    Ok(value)
}

/// Writes `bytes` to `path` durably.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, |e| e, |out| out.write_all(bytes))
}

/// Renames a finished, fsynced temp file over `path` and fsyncs the folder.
pub(crate) fn persist(tmp: NamedTempFile, path: &Path) -> std::io::Result<()> {
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&folder_of(path))
}

/// Fsyncs a folder, so a rename or a new file in it survives a power cut.
/// (Windows cannot open a folder for this; there the rename is already
/// durable through `MoveFileEx`.)
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("讲稿库导出.json");
        write(&path, "第一版".as_bytes()).unwrap();
        write(&path, "第二版，更长一些".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "第二版，更长一些");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_removes_the_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.json");
        write(&path, b"old").unwrap();
        let r: std::io::Result<()> = write_with(&path, |e| e, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("磁盘已满"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
