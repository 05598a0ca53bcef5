//! The window's layout, kept beside the library: the widths of the 讲稿库 and 提纲 panes, whether
//! the 讲稿库 pane is folded away and the order its list is sorted in (`layout.json` in the data
//! folder), so a library's window opens as it was left, as its size
//! and position do (`window-state.json`). A width out of range is brought into it; a missing or
//! unreadable file is the default layout.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::LectureSort;

/// The file's name in the data folder.
pub const LAYOUT_FILE: &str = "layout.json";

/// The narrowest and widest the 讲稿库 pane may be, in CSS pixels.
pub const LIBRARY_WIDTHS: (u32, u32) = (180, 480);
/// The narrowest and widest the 提纲 pane may be, in CSS pixels.
pub const OUTLINE_WIDTHS: (u32, u32) = (160, 420);

/// The panes' widths in CSS pixels (`None` is the default width), whether the 讲稿库 pane is
/// folded away, and the order of its list. A file from before a field existed reads as its default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaneWidths {
    pub library: Option<u32>,
    pub outline: Option<u32>,
    #[serde(default)]
    pub library_folded: bool,
    #[serde(default)]
    pub sort: LectureSort,
}

impl PaneWidths {
    /// Each width brought into its range.
    pub fn clamped(self) -> PaneWidths {
        let clamp = |w: Option<u32>, (lo, hi): (u32, u32)| w.map(|w| w.clamp(lo, hi));
        PaneWidths { library: clamp(self.library, LIBRARY_WIDTHS), outline: clamp(self.outline, OUTLINE_WIDTHS), ..self }
    }
}

fn file_in(data_dir: &Path) -> PathBuf {
    data_dir.join(LAYOUT_FILE)
}

/// The widths kept in `data_dir`, or the defaults.
pub fn load_pane_widths(data_dir: &Path) -> PaneWidths {
    std::fs::read(file_in(data_dir))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<PaneWidths>(&bytes).ok())
        .unwrap_or_default()
        .clamped()
}

/// Keeps the widths in `data_dir` (written durably: a temp file renamed over the old one).
pub fn save_pane_widths(data_dir: &Path, widths: PaneWidths) -> Result<PaneWidths, String> {
    let widths = widths.clamped();
    let json = serde_json::to_vec(&widths).map_err(|e| e.to_string())?;
    crate::durable::write(&file_in(data_dir), &json)
        .map_err(|e| format!("无法保存窗口布局（{}）：{e}", file_in(data_dir).display()))?;
    Ok(widths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_kept_beside_the_library_and_brought_into_range() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_pane_widths(dir.path()), PaneWidths::default(), "no file: the default layout");
        let saved = save_pane_widths(dir.path(), PaneWidths { library: Some(2000), outline: Some(300), ..Default::default() })
            .unwrap();
        assert_eq!(saved, PaneWidths { library: Some(480), outline: Some(300), ..Default::default() });
        assert_eq!(load_pane_widths(dir.path()), saved);
        std::fs::write(dir.path().join(LAYOUT_FILE), b"{not json").unwrap();
        assert_eq!(load_pane_widths(dir.path()), PaneWidths::default(), "an unreadable file is the default layout");
    }

    #[test]
    fn the_fold_and_the_sort_are_kept_and_an_older_file_reads_as_unfolded_by_recent_change() {
        let dir = tempfile::tempdir().unwrap();
        let layout = PaneWidths { library: None, outline: Some(200), library_folded: true, sort: LectureSort::Length };
        save_pane_widths(dir.path(), layout).unwrap();
        assert_eq!(load_pane_widths(dir.path()), layout);
        std::fs::write(dir.path().join(LAYOUT_FILE), br#"{"library":300,"outline":null}"#).unwrap();
        let old = load_pane_widths(dir.path());
        assert_eq!((old.library, old.library_folded, old.sort), (Some(300), false, LectureSort::Recent));
    }
}
