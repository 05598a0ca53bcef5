//! Lecture texts: reading files, cleaning web clippings, reading the outline
//! from the ordinals, restructuring sections and counting characters.

pub mod clean;

pub use clean::{clean, Cleaned, Metadata};
