//! Writing a finished PDF to disk, durably: the bytes go to a temp file with
//! an unpredictable name in the target's folder, are fsynced, renamed over
//! the target (tempfile's `NamedTempFile::persist`) and the folder is
//! fsynced. A failed export (a full disk, a read-only folder) never leaves
//! half a PDF, nor harms a file already there, and leaves no temp file.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` (see the module docs). The error names the file
/// and the cause, in Chinese.
pub fn save_pdf(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(format!("无法写入 {}：文件夹 {} 不存在", path.display(), dir.display()));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "handout.pdf".into());
    let fail = |e: std::io::Error| format!("无法写入 {}：{}", path.display(), reason(&e));
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".part").tempfile_in(dir).map_err(fail)?;
    // On any error below, dropping `tmp` removes the temp file.
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    #[cfg(unix)]
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(fail)?;
    Ok(())
}

/// The cause of a write error, in Chinese, for the faults a user can fix.
fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        StorageFull | QuotaExceeded | FileTooLarge => format!("磁盘已满（{e}）"),
        PermissionDenied | ReadOnlyFilesystem => format!("文件夹是只读的（{e}）"),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_file_and_names_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("讲义.pdf");
        save_pdf(&out, b"%PDF-1.7").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7");
        save_pdf(&out, b"%PDF-1.7 second").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7 second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
        let err = save_pdf(&dir.path().join("没有/讲义.pdf"), b"x").unwrap_err();
        assert!(err.contains("不存在") && err.contains("讲义.pdf"), "{err}");
    }
}
