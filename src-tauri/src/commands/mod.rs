//! The commands the UI calls, one module per concern. Each translates between the UI's JSON and
//! one core function, and turns errors into a Chinese message. No domain logic lives here.
//!
//! [`specta`] lists them once: the app registers them from it, and `ui/src/bindings.ts` (their
//! TypeScript wrappers and types) is generated from it (see `bindings.rs`).

pub mod app;
pub mod check;
pub mod export;
pub mod guard;
pub mod journal;
pub mod library;
pub mod snapshots;
pub mod text;

use tauri_specta::{collect_commands, Builder, ErrorHandlingMode};

/// Every command the UI may call, by name (build.rs reads the same list; the tests compare it).
#[cfg(test)]
pub const NAMES: &[&str] = include!("names.rs");

/// Every command, with the types they take and return.
pub fn specta() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            library::library_list,
            library::trash_list,
            library::library_search,
            library::lecture_get,
            library::lecture_create,
            library::lecture_save,
            library::lecture_resolve_conflict,
            journal::journal_put,
            journal::journal_list,
            journal::journal_discard,
            library::lecture_rename,
            library::lecture_adapt,
            library::lecture_delete,
            library::lecture_restore_deleted,
            library::lecture_set_tags,
            library::import_files,
            text::text_analyze,
            text::text_analyze_changes,
            text::outline_edit,
            text::clean_preview,
            check::check_run,
            check::check_fixes,
            check::check_ignore,
            check::check_set_rule_disabled,
            check::check_rules_list,
            check::check_rule_add,
            check::check_rule_remove,
            snapshots::snapshot_take,
            snapshots::snapshot_list,
            snapshots::snapshot_diff,
            snapshots::snapshot_restore,
            export::export_fonts,
            export::export_kinds,
            text::rate_parse,
            library::lecture_adopt_title,
            export::export_preview,
            export::export_save,
            export::export_word,
            app::app_uptime_ms,
            app::app_take_opened_files,
            app::app_about,
            app::layout_get,
            app::layout_set,
            app::library_status,
            app::library_restore_backup,
        ])
        // A failed command rejects its promise with the Chinese message, as `invoke` does.
        .error_handling(ErrorHandlingMode::Throw)
        // Ids and counts are far below 2^53: plain numbers, as serde_json sends them.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (serde sends each the same way both ways here).
        .disable_serde_phases()
}

/// Errors cross to the UI as their Chinese message.
pub(crate) fn msg<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}
