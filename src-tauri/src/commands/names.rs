// Every command the UI may call, by name. Read by build.rs (each is denied unless a capability file
// allows it) and checked by the tests in `bindings.rs` against the commands the app registers and
// against capabilities/main.json. Kept as a plain list so the build script can `include!` it.
&[
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
]
