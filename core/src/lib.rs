//! lectern-core: all of Lectern's domain logic, free of any UI concern.
//!
//! One module per concern:
//! - [`text`]: reading, cleaning, outlining, restructuring and counting lecture texts;
//! - [`library`]: the SQLite library of lectures;
//! - [`paths`]: where the library lives;
//! - [`demo`]: the demo lecture a new library starts with.

pub mod analysis;
pub mod changes;
pub mod cli;
pub mod demo;
pub mod diff;
pub mod fonts;
pub mod library;
pub mod paths;
pub mod pdf;
pub mod text;
pub mod typeset;
