//! Each role to one installed face: the user's choice when given, else the
//! first installed family of the role's preferences, else any Chinese face.
//! Every choice carries the reason, in words a user reads in the export report
//! and in `lectern fonts`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::catalog::{read_faces, Catalog, CatalogSource, FaceEntry};
use super::preset::{preferences, standard_face};
use super::{FontError, Role};

/// A user's choice of face for a role: a family name, or a font file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontSpec {
    /// `Noto Serif CJK SC`, `楷体`, `Noto Sans CJK SC:bold`, `…:700`.
    Family { name: String, weight: Option<u16> },
    /// `/path/to/font.ttf`, `/path/to/collection.ttc#2`.
    File { path: PathBuf, index: u32 },
}

impl FontSpec {
    /// Reads a family name or a file path. A value naming an existing file, or
    /// ending in `.ttf`/`.otf`/`.ttc`/`.otc` (with an optional `#index`), is a file.
    pub fn parse(value: &str) -> FontSpec {
        let value = value.trim();
        let (base, index) = match value.rsplit_once('#') {
            Some((b, i)) if !b.is_empty() && i.chars().all(|c| c.is_ascii_digit()) && !i.is_empty() => {
                (b, i.parse().unwrap_or(0))
            }
            _ => (value, 0),
        };
        let lower = base.to_ascii_lowercase();
        let font_ext = [".ttf", ".otf", ".ttc", ".otc"].iter().any(|e| lower.ends_with(e));
        if font_ext || Path::new(base).is_file() {
            return FontSpec::File { path: PathBuf::from(base), index };
        }
        let (name, weight) = match value.rsplit_once(':') {
            Some((n, w)) => match w.trim().to_ascii_lowercase().as_str() {
                "bold" | "粗" | "粗体" => (n, Some(700)),
                "regular" | "normal" | "常规" => (n, Some(400)),
                "light" => (n, Some(300)),
                "medium" => (n, Some(500)),
                "black" | "heavy" => (n, Some(900)),
                other => match other.parse::<u16>() {
                    Ok(x) if (1..=1000).contains(&x) => (n, Some(x)),
                    _ => (value, None),
                },
            },
            None => (value, None),
        };
        FontSpec::Family { name: name.trim().to_string(), weight }
    }
}

/// `--font ROLE=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleOverride {
    pub role: Role,
    pub spec: FontSpec,
}

impl RoleOverride {
    /// Parses `body=Noto Serif CJK SC`, `heading2=/usr/share/fonts/x.ttc#1`.
    pub fn parse(arg: &str) -> Result<RoleOverride, FontError> {
        let bad = || FontError::BadSpec {
            spec: arg.to_string(),
            roles: Role::ALL.iter().map(|r| r.key()).collect::<Vec<_>>().join("、"),
        };
        let (role, value) = arg.split_once('=').ok_or_else(bad)?;
        let role = Role::parse(role).ok_or_else(bad)?;
        if value.trim().is_empty() {
            return Err(bad());
        }
        Ok(RoleOverride { role, spec: FontSpec::parse(value) })
    }
}

/// How a role's face was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum How {
    /// The first family of the preferences is installed.
    Preferred,
    /// An earlier preference is missing; `rank` is the 1-based place of the one used.
    Fallback { rank: usize, missing: Vec<String> },
    /// No preferred family is installed; another Chinese face is used.
    AnyCjk { missing: Vec<String> },
    /// No Latin serif is installed; the body face sets letters and digits.
    BodyFace { missing: Vec<String> },
    /// The user named the family.
    UserFamily,
    /// The user gave a font file.
    UserFile,
}

/// The face chosen for one role, and why.
#[derive(Debug, Clone, Serialize)]
pub struct RoleChoice {
    pub role: Role,
    pub face: FaceEntry,
    pub how: How,
    /// The reason in a sentence (Chinese), for reports.
    pub reason: String,
}

impl RoleChoice {
    /// Whether the face is not the one the preset prefers first.
    pub fn is_fallback(&self) -> bool {
        matches!(self.how, How::Fallback { .. } | How::AnyCjk { .. } | How::BodyFace { .. })
    }
}

/// Every role's face.
#[derive(Debug, Clone, Serialize)]
pub struct Resolution {
    pub roles: Vec<RoleChoice>,
    /// Whether the installed fonts came from the cache or a scan this run.
    pub catalog: CatalogSource,
}

impl Resolution {
    /// The choice for `role`.
    pub fn choice(&self, role: Role) -> &RoleChoice {
        &self.roles[role.index()]
    }

    /// The face for `role`.
    pub fn face(&self, role: Role) -> &FaceEntry {
        &self.choice(role).face
    }

    /// The choices that fell back from the preferred face.
    pub fn fallbacks(&self) -> impl Iterator<Item = &RoleChoice> {
        self.roles.iter().filter(|c| c.is_fallback())
    }
}

/// The report's sentence for a face the preset wants but this machine lacks,
/// e.g. `方正小标宋简体未安装，标题改用 Noto Serif CJK SC`: the first face of
/// the preset's list (the one the standard names), the role, and what is
/// used instead. When every preferred face is missing it says so
/// (`黑体等 12 种偏好字体都未安装，一级标题改用本机的中文字体 …`).
fn missing_sentence(missing: &[String], role: Role, used: &str, all: bool) -> String {
    let first = missing.first().map(String::as_str).unwrap_or(standard_face(role));
    let lacking = if all && missing.len() > 1 {
        let gap = if first.ends_with(|c: char| c.is_ascii_alphanumeric()) { " " } else { "" };
        format!("{first}{gap}等 {} 种{}字体都未安装", missing.len(), if role == Role::Latin { "西文" } else { "偏好" })
    } else {
        format!("{first}未安装")
    };
    format!("{lacking}，{}改用{used}", role.label())
}

/// Resolves every role, applying the user's overrides.
pub fn resolve(catalog: &Catalog, overrides: &[RoleOverride]) -> Result<Resolution, FontError> {
    let mut roles: Vec<RoleChoice> = Vec::new();
    for role in Role::ALL {
        let user = overrides.iter().rev().find(|o| o.role == role);
        let choice = match user {
            Some(o) => user_choice(catalog, role, &o.spec)?,
            None => preset_choice(catalog, role, roles.iter().find(|c| c.role == Role::Body))?,
        };
        roles.push(choice);
    }
    Ok(Resolution { roles, catalog: catalog.source })
}

fn user_choice(catalog: &Catalog, role: Role, spec: &FontSpec) -> Result<RoleChoice, FontError> {
    let (face, how, reason) = match spec {
        FontSpec::Family { name, weight } => {
            let face = catalog.find_family(name, weight.unwrap_or(400)).cloned().ok_or_else(|| {
                FontError::FamilyNotInstalled { family: name.clone(), role: role.label(), key: role.key() }
            })?;
            (face, How::UserFamily, format!("按用户指定的字族“{name}”"))
        }
        FontSpec::File { path, index } => {
            let face = load_file_face(path, *index)?;
            (face, How::UserFile, format!("按用户指定的字体文件 {}", path.display()))
        }
    };
    if role.needs_cjk() && !face.cjk {
        return Err(FontError::NotCjk { face: face.describe(), role: role.label() });
    }
    Ok(RoleChoice { role, face, how, reason })
}

/// The face `index` of a font file the user named.
pub fn load_file_face(path: &Path, index: u32) -> Result<FaceEntry, FontError> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(FontError::BadFile { path: shown, reason: "文件不存在".into() });
    }
    let mut db = fontdb::Database::new();
    let faces = read_faces(&mut db, path);
    if faces.is_empty() {
        return Err(FontError::BadFile { path: shown, reason: "不是可用的 TrueType/OpenType 字体".into() });
    }
    let count = faces.len() as u32;
    faces.into_iter().find(|f| f.index == index).ok_or(FontError::BadIndex { path: shown, index, count })
}

fn preset_choice(catalog: &Catalog, role: Role, body: Option<&RoleChoice>) -> Result<RoleChoice, FontError> {
    let prefs = preferences(role);
    let mut missing = Vec::new();
    for (i, pref) in prefs.iter().enumerate() {
        let found = catalog.find_family(pref.family, pref.weight).filter(|f| !role.needs_cjk() || f.cjk);
        if let Some(face) = found {
            let (how, reason) = if i == 0 {
                (How::Preferred, "首选字体".to_string())
            } else {
                let reason = missing_sentence(&missing, role, &format!(" {}", face.family()), false);
                (How::Fallback { rank: i + 1, missing: missing.clone() }, reason)
            };
            return Ok(RoleChoice { role, face: face.clone(), how, reason });
        }
        if !missing.iter().any(|m| m == pref.family) {
            missing.push(pref.family.to_string());
        }
    }
    if role == Role::Latin {
        if let Some(body) = body {
            let reason = missing_sentence(&missing, role, &format!("正文字体 {}", body.face.family()), true);
            return Ok(RoleChoice { role, face: body.face.clone(), how: How::BodyFace { missing }, reason });
        }
    }
    let face = any_cjk_face(catalog).ok_or_else(|| FontError::NoCjkFace { dirs: catalog.dirs_label() })?;
    let reason = missing_sentence(&missing, role, &format!("本机的中文字体 {}", face.family()), true);
    Ok(RoleChoice { role, face: face.clone(), how: How::AnyCjk { missing }, reason })
}

/// The best Chinese face when no preferred family is installed: simplified
/// Chinese variants first, upright, weight nearest regular.
fn any_cjk_face(catalog: &Catalog) -> Option<&FaceEntry> {
    catalog.cjk_faces().min_by_key(|f| {
        let fam = f.family().to_ascii_uppercase();
        let simplified = fam.ends_with(" SC") || fam.ends_with(" CN") || fam.contains("GB") || fam.contains("SIMPLIFIED");
        let mono = fam.contains("MONO");
        (!simplified, mono, f.italic, 400u16.abs_diff(f.weight), f.path.clone(), f.index)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_tell_files_from_families() {
        assert_eq!(
            FontSpec::parse("/x/y/ukai.ttc#2"),
            FontSpec::File { path: "/x/y/ukai.ttc".into(), index: 2 }
        );
        assert_eq!(FontSpec::parse("a.otf"), FontSpec::File { path: "a.otf".into(), index: 0 });
        assert_eq!(
            FontSpec::parse("Noto Sans CJK SC:bold"),
            FontSpec::Family { name: "Noto Sans CJK SC".into(), weight: Some(700) }
        );
        assert_eq!(FontSpec::parse("楷体"), FontSpec::Family { name: "楷体".into(), weight: None });
        assert_eq!(FontSpec::parse("Odd:Name"), FontSpec::Family { name: "Odd:Name".into(), weight: None });
    }

    #[test]
    fn overrides_need_a_known_role_and_a_value() {
        let o = RoleOverride::parse("h2=AR PL UKai CN").unwrap();
        assert_eq!(o.role, Role::Heading2);
        assert!(RoleOverride::parse("footer=SimSun").is_err());
        assert!(RoleOverride::parse("body=").is_err());
        assert!(RoleOverride::parse("body").is_err());
    }

    fn face(family: &str, weight: u16, cjk: bool) -> FaceEntry {
        FaceEntry {
            path: format!("/f/{family}.ttf").into(),
            index: 0,
            families: vec![family.into()],
            postscript: family.replace(' ', ""),
            weight,
            italic: false,
            cjk,
        }
    }

    fn catalog(faces: Vec<FaceEntry>) -> Catalog {
        Catalog { faces, dirs: vec!["/f".into()], source: CatalogSource::Scanned }
    }

    #[test]
    fn windows_faces_win_when_installed() {
        let c = catalog(vec![
            face("FangSong", 400, true),
            face("SimHei", 400, true),
            face("KaiTi", 400, true),
            face("SimSun", 400, true),
            face("Times New Roman", 400, false),
            face("Noto Serif CJK SC", 400, true),
        ]);
        let r = resolve(&c, &[]).unwrap();
        assert_eq!(r.face(Role::Body).family(), "FangSong");
        assert_eq!(r.face(Role::Heading1).family(), "SimHei");
        assert_eq!(r.face(Role::Heading2).family(), "KaiTi");
        assert_eq!(r.face(Role::PageNumber).family(), "SimSun");
        assert_eq!(r.face(Role::Latin).family(), "Times New Roman");
        // 方正小标宋 is missing: the title falls back, and says so.
        let title = r.choice(Role::Title);
        assert!(title.is_fallback());
        assert_eq!(title.reason, "方正小标宋简体未安装，标题改用 Noto Serif CJK SC");
    }

    #[test]
    fn linux_faces_are_fallbacks_with_reasons() {
        let c = catalog(vec![face("Noto Serif CJK SC", 400, true), face("Noto Serif CJK SC", 700, true)]);
        let r = resolve(&c, &[]).unwrap();
        assert_eq!(r.face(Role::Body).family(), "Noto Serif CJK SC");
        assert_eq!(r.face(Role::Body).weight, 400);
        assert_eq!(r.face(Role::Title).weight, 700);
        // No Hei face: any Chinese face stands in.
        assert!(matches!(r.choice(Role::Heading1).how, How::AnyCjk { .. }));
        // No Latin serif: the body face sets digits.
        assert!(matches!(r.choice(Role::Latin).how, How::BodyFace { .. }));
        assert_eq!(r.fallbacks().count(), 8);
        // Each fallback says in a sentence what is missing and what is used.
        assert_eq!(r.choice(Role::Title).reason, "方正小标宋简体未安装，标题改用 Noto Serif CJK SC");
        assert_eq!(r.choice(Role::Body).reason, "仿宋_GB2312未安装，正文改用 Noto Serif CJK SC");
        assert_eq!(r.choice(Role::Heading1).reason, "黑体等 12 种偏好字体都未安装，一级标题改用本机的中文字体 Noto Serif CJK SC");
        assert_eq!(r.choice(Role::Latin).reason, "Times New Roman 等 7 种西文字体都未安装，西文与数字改用正文字体 Noto Serif CJK SC");
    }

    #[test]
    fn a_latin_only_machine_is_a_clear_error() {
        let c = catalog(vec![face("DejaVu Serif", 400, false)]);
        let e = resolve(&c, &[]).unwrap_err();
        assert!(matches!(e, FontError::NoCjkFace { .. }));
        assert!(e.to_string().contains("没有可用的中文字体"), "{e}");
    }

    #[test]
    fn a_user_family_must_be_installed() {
        let c = catalog(vec![face("Noto Serif CJK SC", 400, true)]);
        let o = RoleOverride::parse("body=方正仿宋").unwrap();
        let e = resolve(&c, &[o]).unwrap_err();
        assert!(e.to_string().contains("方正仿宋"), "{e}");
        let o = RoleOverride::parse("body=noto serif cjk sc").unwrap();
        let r = resolve(&c, &[o]).unwrap();
        assert_eq!(r.choice(Role::Body).how, How::UserFamily);
    }
}
