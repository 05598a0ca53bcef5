/// Every command the UI may call. Each one is denied unless a capability file allows it.
const COMMANDS: &[&str] = &[
    "library_list",
    "trash_list",
    "library_search",
    "lecture_get",
    "lecture_create",
    "lecture_save",
    "lecture_rename",
    "lecture_adapt",
    "lecture_delete",
    "lecture_restore_deleted",
    "lecture_set_tags",
    "import_files",
    "text_analyze",
    "text_analyze_changes",
    "outline_edit",
    "clean_preview",
    "snapshot_take",
    "snapshot_list",
    "snapshot_diff",
    "snapshot_restore",
    "export_fonts",
    "export_preview",
    "export_save",
    "app_uptime_ms",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
