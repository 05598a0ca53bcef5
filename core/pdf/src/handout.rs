//! One call from a document to a PDF handout: resolve the faces, typeset, write.
//! The command line and the app both call [`make_handout`].

use serde::Serialize;

use lectern_typeset::fonts::{resolve, Catalog, FontError, FontSet, Resolution, RoleOverride};
use lectern_typeset::{layout, Document, Kind, Layout, Preset, TypesetError};

use super::{write, PdfError, PdfInfo, PdfOutput};

/// How to make a handout.
#[derive(Debug, Clone)]
pub struct HandoutOptions {
    pub kind: Kind,
    pub preset: Preset,
    /// `--font ROLE=…` choices.
    pub fonts: Vec<RoleOverride>,
}

impl Default for HandoutOptions {
    fn default() -> Self {
        HandoutOptions { kind: Kind::Speaker, preset: Preset::gbt9704(), fonts: Vec::new() }
    }
}

/// A finished handout and what went into it.
#[derive(Debug, Clone)]
pub struct Handout {
    pub pdf: PdfOutput,
    pub layout: Layout,
    /// The face of every role, and why.
    pub fonts: Resolution,
}

impl Handout {
    pub fn pages(&self) -> usize {
        self.layout.pages.len()
    }

    /// The short report the command line prints.
    pub fn report(&self) -> HandoutReport {
        HandoutReport {
            kind: self.layout.kind,
            preset: self.layout.preset.name,
            pages: self.pages(),
            bytes: self.pdf.bytes.len(),
            fonts: self
                .fonts
                .roles
                .iter()
                .map(|c| RoleReport {
                    role: c.role.key(),
                    label: c.role.label(),
                    face: c.face.describe(),
                    family: c.face.family().to_string(),
                    file: c.face.path.display().to_string(),
                    index: c.face.index,
                    fallback: c.is_fallback(),
                    reason: c.reason.clone(),
                })
                .collect(),
            missing: self.layout.missing.iter().collect(),
            warnings: self.pdf.warnings.clone(),
        }
    }
}

/// The export report, for people (Display) and programs (JSON).
#[derive(Debug, Clone, Serialize)]
pub struct HandoutReport {
    pub kind: Kind,
    pub preset: &'static str,
    pub pages: usize,
    pub bytes: usize,
    pub fonts: Vec<RoleReport>,
    /// Characters no face has.
    pub missing: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleReport {
    pub role: &'static str,
    pub label: &'static str,
    pub face: String,
    pub family: String,
    pub file: String,
    pub index: u32,
    pub fallback: bool,
    pub reason: String,
}

impl HandoutReport {
    /// For each role whose preferred faces are not installed, the sentence that
    /// says so and what was used instead (`方正小标宋简体未安装，标题改用 …`).
    pub fn fallback_notes(&self) -> Vec<String> {
        self.fonts.iter().filter(|f| f.fallback).map(|f| f.reason.clone()).collect()
    }
}

impl std::fmt::Display for HandoutReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{}（{}）：{} 页，{:.0} KB",
            self.kind.label(),
            self.preset,
            self.pages,
            self.bytes as f64 / 1024.0
        )?;
        writeln!(f, "字体：")?;
        for r in &self.fonts {
            let mark = if r.fallback { "（替代）" } else { "" };
            writeln!(f, "  {:<6}\t{}{}", r.label, r.face, mark)?;
        }
        let fallbacks: Vec<&RoleReport> = self.fonts.iter().filter(|r| r.fallback).collect();
        if !fallbacks.is_empty() {
            writeln!(f, "替代说明：")?;
            for r in fallbacks {
                writeln!(f, "  {}：{}", r.label, r.reason)?;
            }
        }
        if !self.missing.is_empty() {
            writeln!(f, "缺字（所有字体都没有，印出来是方框）：{}", self.missing)?;
        }
        for w in &self.warnings {
            writeln!(f, "警告：{w}")?;
        }
        Ok(())
    }
}

/// An error making a handout.
#[derive(Debug, thiserror::Error)]
pub enum HandoutError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

/// Makes a handout with the system's fonts.
pub fn make_handout(doc: &Document, opts: &HandoutOptions) -> Result<Handout, HandoutError> {
    make_handout_with(doc, opts, &Catalog::system())
}

/// Makes a handout with the faces of `catalog`.
pub fn make_handout_with(doc: &Document, opts: &HandoutOptions, catalog: &Catalog) -> Result<Handout, HandoutError> {
    let t = std::time::Instant::now();
    let resolution = resolve(catalog, &opts.fonts)?;
    super::timing("resolve faces", t);
    let t = std::time::Instant::now();
    let fonts = FontSet::load(resolution)?;
    super::timing("load faces", t);
    let t = std::time::Instant::now();
    let laid = layout(doc, &fonts, &opts.preset, opts.kind)?;
    super::timing("layout", t);
    let info = PdfInfo {
        title: doc.title.clone(),
        author: doc.meta.speaker.clone().filter(|s| !s.trim().is_empty()),
        subject: Some(opts.kind.label().to_string()),
    };
    let t = std::time::Instant::now();
    let pdf = write(&laid, &fonts, &info)?;
    super::timing("pdf", t);
    Ok(Handout { pdf, layout: laid, fonts: fonts.resolution })
}
