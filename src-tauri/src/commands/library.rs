//! The library pane: list, search, open, save (and settling a conflict), create, rename, adapt,
//! tags, trash, import. Each runs off the main thread, a panic in it answered as a Chinese message
//! naming the action (see `guard.rs`).

use std::path::PathBuf;

use lectern_library::{
    import_locked, ConflictOutcome, FileOutcome, ImportProgress, ImportReport, Lecture, LectureSort, LectureSummary, LibraryError, Retitled, SaveOutcome,
    SearchHit,
};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::AppHandle;

use super::guard::off_main;
use super::msg;

#[tauri::command]
#[specta::specta]
pub async fn library_list(app: AppHandle, sort: LectureSort) -> Result<Vec<LectureSummary>, String> {
    off_main(app, "列出讲稿", move |state| state.library()?.list_sorted(sort).map_err(msg)).await
}

#[tauri::command]
#[specta::specta]
pub async fn trash_list(app: AppHandle) -> Result<Vec<LectureSummary>, String> {
    off_main(app, "打开回收站", move |state| {
        state.library()?.trash().map_err(msg)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn library_search(app: AppHandle, query: String) -> Result<Vec<SearchHit>, String> {
    off_main(app, "搜索讲稿", move |state| {
        state.library()?.search(&query, 100).map_err(msg)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn lecture_get(app: AppHandle, id: i64) -> Result<Lecture, String> {
    off_main(app, "打开讲稿", move |state| state.library()?.get(id).map_err(msg)).await
}

#[tauri::command]
#[specta::specta]
pub async fn lecture_create(app: AppHandle) -> Result<i64, String> {
    off_main(app, "新建讲稿", move |state| {
        state.library()?.create("").map_err(msg)
    })
    .await
}

/// What a save did, or that the library refused it because the lecture changed elsewhere since
/// `base_version` (the UI then asks the user: see [`lecture_resolve_conflict`]).
#[derive(Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SaveReply {
    Saved { outcome: SaveOutcome },
    Conflict { message: String, current: i64 },
}

/// Saves the text edited from `base_version` into lecture `id`, and only into it. Once saved, its
/// recovery journal entry goes. Other failures (locked, disk full, read-only) reject with the reason.
#[tauri::command]
#[specta::specta]
pub async fn lecture_save(app: AppHandle, id: i64, base_version: i64, body: String) -> Result<SaveReply, String> {
    off_main(app, "保存讲稿", move |state| {
        let saved = state.library()?.save(id, base_version, &body);
        match saved {
            Ok(outcome) => {
                state.journal_saved(id, &body);
                Ok(SaveReply::Saved { outcome })
            }
            Err(e @ LibraryError::Conflict { current, .. }) => Ok(SaveReply::Conflict {
                message: e.to_string(),
                current,
            }),
            Err(e) => Err(msg(e)),
        }
    })
    .await
}

/// The user's answer to a conflict.
#[derive(Deserialize, specta::Type, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    /// 保留我的: mine becomes the text, theirs is kept as a snapshot.
    KeepMine,
    /// 采用库中的: theirs stays, mine is kept as a snapshot.
    TakeTheirs,
    /// 两份都保留: theirs stays, mine becomes a new lecture.
    KeepBoth,
}

/// Settles a conflict the way the user chose; `mine` is then in the library either way.
#[tauri::command]
#[specta::specta]
pub async fn lecture_resolve_conflict(
    app: AppHandle,
    id: i64,
    mine: String,
    choice: ConflictChoice,
) -> Result<ConflictOutcome, String> {
    off_main(app, "处理修改冲突", move |state| {
        let library = state.library()?;
        let outcome = match choice {
            ConflictChoice::KeepMine => library.keep_mine(id, &mine),
            ConflictChoice::TakeTheirs => library.take_theirs(id, &mine),
            ConflictChoice::KeepBoth => library.keep_both(id, &mine),
        }
        .map_err(msg)?;
        drop(library);
        state.journal_saved(id, &mine);
        Ok(outcome)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn lecture_rename(app: AppHandle, id: i64, title: String) -> Result<i64, String> {
    off_main(app, "重命名讲稿", move |state| {
        state.library()?.set_title(id, &title).map_err(msg)
    })
    .await
}

/// Gives the lecture the title of a clipping pasted into it while it is still untitled; the
/// title given with the lecture's new version, or null when it keeps its own.
#[tauri::command]
#[specta::specta]
pub async fn lecture_adopt_title(app: AppHandle, id: i64, title: String) -> Result<Option<Retitled>, String> {
    off_main(app, "设置讲稿标题", move |state| state.library()?.adopt_title(id, &title).map_err(msg)).await
}

#[tauri::command]
#[specta::specta]
pub async fn lecture_adapt(app: AppHandle, id: i64) -> Result<i64, String> {
    off_main(app, "改编讲稿", move |state| {
        state.library()?.adapt(id).map_err(msg)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn lecture_delete(app: AppHandle, id: i64) -> Result<(), String> {
    off_main(app, "删除讲稿", move |state| {
        state.library()?.delete(id).map_err(msg)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn lecture_restore_deleted(app: AppHandle, id: i64) -> Result<(), String> {
    off_main(app, "从回收站恢复讲稿", move |state| {
        state.library()?.restore_deleted(id).map_err(msg)
    })
    .await
}

/// Sets the tags from the line the user typed; returns them as stored (sorted, once each).
#[tauri::command]
#[specta::specta]
pub async fn lecture_set_tags(app: AppHandle, id: i64, line: String) -> Result<Vec<String>, String> {
    off_main(app, "设置标签", move |state| {
        state.library()?.set_tags_line(id, &line).map_err(msg)
    })
    .await
}

/// Imports files, reporting progress after each file is read. The files are read and cleaned off
/// the main thread without the library's lock, which is taken only to add each few files (see
/// [`lectern_library::import_locked`]): saves and searches go on during a big import.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    app: AppHandle,
    paths: Vec<PathBuf>,
    on_progress: Channel<ImportProgress>,
) -> Result<Vec<FileOutcome>, String> {
    off_main(app, "导入文件", move |state| {
        let reports = import_locked(&paths, |p| drop(on_progress.send(p)), || state.library());
        Ok(reports.iter().map(ImportReport::summary).collect())
    })
    .await
}
