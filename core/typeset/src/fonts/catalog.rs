//! The installed fonts: a scan of the font folders with fontdb (every face of
//! a `.ttc`/`.otc` collection is its own entry), cached between runs.
//!
//! The cache is a small JSON file in Lectern's cache folder. It records, with
//! the faces, the modification time of every folder scanned and the size and
//! modification time of every font file. A later run checks those stamps (a
//! few hundred `stat` calls, well under a millisecond) and scans again only
//! when a font was added, removed or changed. A first run costs one scan and
//! writes the cache; a cache that cannot be written is simply not used.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// The environment variable that replaces the system font folders by its own
/// list (separated like `PATH`): for portable installs and for tests.
pub const FONT_DIRS_ENV: &str = "LECTERN_FONT_DIRS";
/// The environment variable that overrides the cache folder.
pub const CACHE_DIR_ENV: &str = "LECTERN_CACHE_DIR";
/// Bump when [`FaceEntry`] or the scan changes meaning.
const CACHE_VERSION: u32 = 1;

/// One face of an installed font file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaceEntry {
    /// The font file.
    pub path: PathBuf,
    /// The face's index inside the file (0 unless the file is a collection).
    pub index: u32,
    /// Every family name the face carries (English first, then localised
    /// names such as 仿宋 or 黑体).
    pub families: Vec<String>,
    /// The PostScript name.
    pub postscript: String,
    /// The OpenType weight (400 regular, 700 bold).
    pub weight: u16,
    pub italic: bool,
    /// Whether the face has the Han characters and punctuation a Chinese text needs.
    pub cjk: bool,
}

impl FaceEntry {
    /// The face's first (English) family name.
    pub fn family(&self) -> &str {
        self.families.first().map(String::as_str).unwrap_or(&self.postscript)
    }

    /// Whether one of the face's family or PostScript names is `name`
    /// (ignoring case, spaces, `_` and `-`).
    pub fn has_name(&self, name: &str) -> bool {
        self.has_normalised_name(&normalise(name))
    }

    /// [`FaceEntry::has_name`] for a name already normalised.
    fn has_normalised_name(&self, want: &str) -> bool {
        !want.is_empty()
            && (self.families.iter().any(|f| folded(f).eq(want.chars())) || folded(&self.postscript).eq(want.chars()))
    }

    /// `Noto Serif CJK SC（NotoSerifCJK-Regular.ttc #2，常规）`
    pub fn describe(&self) -> String {
        let file = self.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let index = if self.index > 0 || is_collection(&self.path) { format!(" #{}", self.index) } else { String::new() };
        format!("{}（{}{}，{}）", self.family(), file, index, weight_label(self.weight, self.italic))
    }
}

fn is_collection(path: &Path) -> bool {
    path.extension().map(|e| e.eq_ignore_ascii_case("ttc") || e.eq_ignore_ascii_case("otc")).unwrap_or(false)
}

/// A weight in words: 常规, 粗体 …
pub fn weight_label(weight: u16, italic: bool) -> String {
    let w = match weight {
        0..=249 => "细体",
        250..=349 => "细体",
        350..=449 => "常规",
        450..=549 => "中等",
        550..=649 => "半粗",
        650..=749 => "粗体",
        _ => "特粗",
    };
    if italic { format!("{w}斜体") } else { w.to_string() }
}

/// Lower-cased, without spaces, `_` and `-`: `仿宋_GB2312` matches `仿宋 GB2312`.
pub(crate) fn normalise(name: &str) -> String {
    folded(name).collect()
}

/// The characters of `name` as [`normalise`] keeps them, without allocating:
/// resolving the roles compares every installed face's names with every preference.
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{3000}')).flat_map(|c| {
        // ASCII, Han, kana and Hangul need no case tables.
        let plain = c.is_ascii() || matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}');
        let (one, many) = if plain { (Some(c.to_ascii_lowercase()), None) } else { (None, Some(c.to_lowercase())) };
        one.into_iter().chain(many.into_iter().flatten())
    })
}

/// Where the catalogue came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CatalogSource {
    /// The font folders were scanned in this run.
    Scanned,
    /// The cache of an earlier scan was still valid.
    Cache,
}

/// The installed faces.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub faces: Vec<FaceEntry>,
    /// The folders that were scanned.
    pub dirs: Vec<PathBuf>,
    pub source: CatalogSource,
}

impl Catalog {
    /// The system's fonts (or `$LECTERN_FONT_DIRS`), from the cache when it is
    /// still valid, else from a fresh scan that then refreshes the cache.
    pub fn system() -> Catalog {
        let roots = font_dirs();
        let cache = cache_file();
        if let Some(path) = &cache {
            if let Some(faces) = read_cache(path, &roots) {
                return Catalog { faces, dirs: roots, source: CatalogSource::Cache };
            }
        }
        let scan = scan(&roots);
        if let Some(path) = &cache {
            write_cache(path, &roots, &scan);
        }
        Catalog { faces: scan.faces, dirs: roots, source: CatalogSource::Scanned }
    }

    /// Scans the given folders, without any cache.
    pub fn scan_dirs(dirs: &[PathBuf]) -> Catalog {
        let scan = scan(dirs);
        Catalog { faces: scan.faces, dirs: dirs.to_vec(), source: CatalogSource::Scanned }
    }

    /// The face of `family` whose weight is closest to `weight` (upright
    /// faces first), if that family is installed.
    pub fn find_family(&self, family: &str, weight: u16) -> Option<&FaceEntry> {
        let want = normalise(family);
        self.faces
            .iter()
            .filter(|f| f.has_normalised_name(&want))
            .min_by_key(|f| (f.italic, weight.abs_diff(f.weight), f.path.clone(), f.index))
    }

    /// The faces that can set Chinese text.
    pub fn cjk_faces(&self) -> impl Iterator<Item = &FaceEntry> {
        self.faces.iter().filter(|f| f.cjk)
    }

    /// The scanned folders, for messages.
    pub fn dirs_label(&self) -> String {
        if self.dirs.is_empty() {
            return "（没有字体文件夹）".to_string();
        }
        self.dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join("、")
    }
}

/// The font folders: `$LECTERN_FONT_DIRS` when set, else the platform's.
pub fn font_dirs() -> Vec<PathBuf> {
    if let Some(v) = std::env::var_os(FONT_DIRS_ENV).filter(|v| !v.is_empty()) {
        return std::env::split_paths(&v).collect();
    }
    let mut dirs = Vec::new();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(windows) {
        let root = std::env::var_os("SYSTEMROOT").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("C:\\Windows"));
        dirs.push(root.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        dirs.push(PathBuf::from("/Library/Fonts"));
        dirs.push(PathBuf::from("/System/Library/Fonts"));
        if let Some(h) = &home {
            dirs.push(h.join("Library/Fonts"));
        }
    } else {
        dirs.push(PathBuf::from("/usr/share/fonts"));
        dirs.push(PathBuf::from("/usr/local/share/fonts"));
        match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
            Some(d) => dirs.push(PathBuf::from(d).join("fonts")),
            None => {
                if let Some(h) = &home {
                    dirs.push(h.join(".local/share/fonts"));
                }
            }
        }
        if let Some(h) = &home {
            dirs.push(h.join(".fonts"));
        }
    }
    dirs
}

/// The cache file: `$LECTERN_CACHE_DIR/fonts.json`, else in the platform's cache folder.
pub fn cache_file() -> Option<PathBuf> {
    let dir = match std::env::var_os(CACHE_DIR_ENV).filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => directories::ProjectDirs::from("", "", "Lectern")?.cache_dir().to_path_buf(),
    };
    Some(dir.join("fonts.json"))
}

/// A file or folder as it was when scanned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    path: PathBuf,
    size: u64,
    secs: u64,
    nanos: u32,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let t = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let size = if meta.is_dir() { 0 } else { meta.len() };
        Some(Stamp { path: path.to_path_buf(), size, secs: t.as_secs(), nanos: t.subsec_nanos() })
    }

    fn still_valid(&self) -> bool {
        Stamp::of(&self.path).as_ref() == Some(self)
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    roots: Vec<PathBuf>,
    /// Every root, present or not: a root that appears later must trigger a scan.
    root_present: Vec<bool>,
    dirs: Vec<Stamp>,
    files: Vec<Stamp>,
    faces: Vec<FaceEntry>,
}

struct Scan {
    faces: Vec<FaceEntry>,
    dirs: Vec<Stamp>,
    files: Vec<Stamp>,
}

fn read_cache(path: &Path, roots: &[PathBuf]) -> Option<Vec<FaceEntry>> {
    let bytes = std::fs::read(path).ok()?;
    let cache: CacheFile = serde_json::from_slice(&bytes).ok()?;
    if cache.version != CACHE_VERSION || cache.roots != roots {
        return None;
    }
    let present: Vec<bool> = roots.iter().map(|r| r.is_dir()).collect();
    if present != cache.root_present {
        return None;
    }
    if !cache.dirs.iter().all(Stamp::still_valid) || !cache.files.iter().all(Stamp::still_valid) {
        return None;
    }
    Some(cache.faces)
}

fn write_cache(path: &Path, roots: &[PathBuf], scan: &Scan) {
    let cache = CacheFile {
        version: CACHE_VERSION,
        roots: roots.to_vec(),
        root_present: roots.iter().map(|r| r.is_dir()).collect(),
        dirs: scan.dirs.clone(),
        files: scan.files.clone(),
        faces: scan.faces.clone(),
    };
    let Ok(json) = serde_json::to_vec(&cache) else { return };
    if let Some(dir) = path.parent() {
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
    }
    // Write then rename, so a concurrent run never reads half a file.
    let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
        .unwrap_or(false)
}

fn scan(roots: &[PathBuf]) -> Scan {
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        walk(root, &mut dirs, &mut files, &mut seen);
    }
    files.sort();
    let mut db = fontdb::Database::new();
    let mut faces = Vec::new();
    let mut stamps = Vec::new();
    for path in files {
        let Some(stamp) = Stamp::of(&path) else { continue };
        stamps.push(stamp);
        faces.extend(read_faces(&mut db, &path));
    }
    Scan { faces, dirs, files: stamps }
}

fn walk(dir: &Path, dirs: &mut Vec<Stamp>, files: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) {
    let Ok(canonical) = dir.canonicalize() else { return };
    if !seen.insert(canonical) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    if let Some(s) = Stamp::of(dir) {
        dirs.push(s);
    }
    let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    children.sort();
    for path in children {
        if path.is_dir() {
            walk(&path, dirs, files, seen);
        } else if is_font_file(&path) {
            files.push(path);
        }
    }
}

/// The faces of one font file; a file that is not a readable font yields none.
pub(crate) fn read_faces(db: &mut fontdb::Database, path: &Path) -> Vec<FaceEntry> {
    let Ok(file) = std::fs::File::open(path) else { return Vec::new() };
    // SAFETY: the mapping is read only; a font file changed underneath by
    // another program yields wrong glyphs at worst, as with any reader.
    let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else { return Vec::new() };
    let map = Arc::new(map);
    let ids = db.load_font_source(fontdb::Source::SharedFile(path.to_path_buf(), map.clone()));
    let mut out = Vec::new();
    for id in ids {
        let Some(info) = db.face(id) else { continue };
        let cjk = ttf_parser::Face::parse(&map[..], info.index).map(|f| super::covers_cjk(&f)).unwrap_or(false);
        let mut families: Vec<String> = Vec::new();
        for (name, _) in &info.families {
            if !families.contains(name) {
                families.push(name.clone());
            }
        }
        out.push(FaceEntry {
            path: path.to_path_buf(),
            index: info.index,
            families,
            postscript: info.post_script_name.clone(),
            weight: info.weight.0,
            italic: info.style != fontdb::Style::Normal,
            cjk,
        });
    }
    for id in db.faces().map(|f| f.id).collect::<Vec<_>>() {
        db.remove_face(id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case_spaces_and_underscores() {
        let f = FaceEntry {
            path: "x.ttf".into(),
            index: 0,
            families: vec!["FangSong_GB2312".into(), "仿宋_GB2312".into()],
            postscript: "FangSong_GB2312".into(),
            weight: 400,
            italic: false,
            cjk: true,
        };
        assert!(f.has_name("仿宋 GB2312"));
        assert!(f.has_name("fangsong gb2312"));
        assert!(!f.has_name("FangSong"));
        assert!(!f.has_name(""));
        assert_eq!(normalise("Noto Serif CJK SC"), "notoserifcjksc");
        assert_eq!(normalise("方正小标宋_GBK"), "方正小标宋gbk");
        assert_eq!(normalise("ＡＢ"), "ａｂ");
    }

    #[test]
    fn a_missing_folder_scans_to_nothing() {
        let c = Catalog::scan_dirs(&[PathBuf::from("/nonexistent/lectern-fonts")]);
        assert!(c.faces.is_empty());
    }
}
