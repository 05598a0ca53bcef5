//! The app itself: how long ago it started, so the UI can report when it became usable
//! (the responsiveness measurement in the README reads it).

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Marks the process start; called first thing in `main`.
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// Milliseconds since the process started.
#[tauri::command]
#[specta::specta]
pub fn app_uptime_ms() -> f64 {
    STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0)
}
