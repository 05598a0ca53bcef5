//! The commands the UI calls, one module per concern. Each translates between the UI's JSON and
//! the core crates, and turns errors into a Chinese message. No domain logic lives here.

pub mod app;
pub mod export;
pub mod library;
pub mod snapshots;
pub mod text;

/// Errors cross to the UI as their Chinese message.
pub(crate) fn msg<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}
