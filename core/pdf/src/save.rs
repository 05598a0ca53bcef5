//! Writing a finished PDF to disk.

use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failed export never
/// leaves half a PDF (nor harms a file already there). The error names the file, in Chinese.
pub fn save_pdf(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(format!("无法写入 {}：文件夹 {} 不存在", path.display(), dir.display()));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "handout.pdf".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("无法写入 {}：{e}", path.display())
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("无法写入 {}：{e}", path.display())
    })
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
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
        let err = save_pdf(&dir.path().join("没有/讲义.pdf"), b"x").unwrap_err();
        assert!(err.contains("不存在") && err.contains("讲义.pdf"), "{err}");
    }
}
