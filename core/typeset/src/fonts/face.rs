//! Loaded faces: each font file is memory-mapped once per process and shared,
//! so a 26 MB collection costs only the pages actually read (its cmap, its
//! advances, the outlines of the glyphs used), and a second export in the same
//! process (the app) reuses the mapping.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use super::catalog::FaceEntry;
use super::resolve::Resolution;
use super::{FontError, Role};

/// One face of a mapped font file.
pub struct LoadedFace {
    pub entry: FaceEntry,
    data: Arc<memmap2::Mmap>,
    pub units_per_em: u16,
}

impl std::fmt::Debug for LoadedFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedFace").field("entry", &self.entry).finish()
    }
}

type FileCache = HashMap<PathBuf, Arc<memmap2::Mmap>>;

fn file_cache() -> &'static Mutex<FileCache> {
    static CACHE: OnceLock<Mutex<FileCache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn map_file(path: &PathBuf) -> Result<Arc<memmap2::Mmap>, FontError> {
    let mut cache = file_cache().lock().unwrap_or_else(|p| p.into_inner());
    if let Some(m) = cache.get(path) {
        return Ok(m.clone());
    }
    let bad = |e: std::io::Error| FontError::BadFile { path: path.display().to_string(), reason: e.to_string() };
    let file = std::fs::File::open(path).map_err(bad)?;
    // SAFETY: read-only mapping of a font file; see catalog::read_faces.
    let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.map_err(bad)?);
    cache.insert(path.clone(), map.clone());
    Ok(map)
}

impl LoadedFace {
    /// Maps the face's file (once per process) and checks that the face parses.
    pub fn load(entry: &FaceEntry) -> Result<LoadedFace, FontError> {
        let data = map_file(&entry.path)?;
        let face = ttf_parser::Face::parse(&data[..], entry.index).map_err(|e| FontError::BadFile {
            path: entry.path.display().to_string(),
            reason: format!("第 {} 个字形集无法解析：{e}", entry.index),
        })?;
        let units_per_em = face.units_per_em();
        Ok(LoadedFace { entry: entry.clone(), data, units_per_em })
    }

    /// The whole font file (a collection holds several faces).
    pub fn file_data(&self) -> &[u8] {
        &self.data[..]
    }

    /// The parsed face. Loading checked that it parses.
    pub fn face(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.data[..], self.entry.index).ok()
    }
}

/// The faces of one export: one per distinct face, and which one each role uses.
#[derive(Debug)]
pub struct FontSet {
    pub faces: Vec<LoadedFace>,
    role_slot: [usize; 8],
    pub resolution: Resolution,
}

impl FontSet {
    /// Loads the faces a resolution chose; a face used by several roles is loaded once.
    pub fn load(resolution: Resolution) -> Result<FontSet, FontError> {
        let mut faces: Vec<LoadedFace> = Vec::new();
        let mut role_slot = [0usize; 8];
        for role in Role::ALL {
            let entry = resolution.face(role);
            let slot = match faces.iter().position(|f| f.entry.path == entry.path && f.entry.index == entry.index) {
                Some(i) => i,
                None => {
                    faces.push(LoadedFace::load(entry)?);
                    faces.len() - 1
                }
            };
            role_slot[role.index()] = slot;
        }
        Ok(FontSet { faces, role_slot, resolution })
    }

    /// The index into [`FontSet::faces`] of the face `role` uses.
    pub fn slot(&self, role: Role) -> usize {
        self.role_slot[role.index()]
    }
}
