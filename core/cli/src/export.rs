//! Handout subcommands: `export` (a lecture to a PDF handout or a Word
//! document, by the output's extension or `--format`) and `fonts` (what each
//! role's face resolves to on this machine, and why).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::{db_path, CliError};
use lectern_typeset::fonts::{resolve, Catalog, RoleOverride};
use lectern_library::Library;
use lectern_pdf::{make_handout_with, HandoutOptions};
use lectern_typeset::{document_from_text, Kind, Meta, Preset};

#[derive(Subcommand)]
pub enum HandoutCommand {
    /// Exports a lecture as a PDF handout or a Word document (讲稿、学习材料、提纲)
    Export(Box<ExportArgs>),
    /// Shows which face each role uses on this machine, and why
    Fonts {
        /// Prints JSON
        #[arg(long)]
        json: bool,
        /// Tries a role's face: ROLE=FAMILY or ROLE=FILE[#INDEX]
        #[arg(long = "font", value_name = "ROLE=FACE")]
        fonts: Vec<String>,
    },
}

#[derive(Args)]
pub struct ExportArgs {
    /// A lecture file (.txt), or a lecture's number in the library (with --db)
    pub source: String,
    /// The file to write: OUT.pdf or OUT.docx
    #[arg(short, long, value_name = "OUT.pdf|OUT.docx")]
    pub output: PathBuf,
    /// pdf or docx; by default the output's extension decides
    #[arg(long)]
    pub format: Option<String>,
    /// speaker (讲稿), handout (学习材料) or outline (提纲)
    #[arg(long, default_value = "speaker")]
    pub kind: String,
    /// gbt9704 (GB/T 9704: 28 × 22, 16 pt) or large-print (20 pt)
    #[arg(long, default_value = "gbt9704")]
    pub preset: String,
    /// A role's face: ROLE=FAMILY or ROLE=FILE[#INDEX]; roles: title heading1 heading2
    /// heading3 heading4 body page-number latin
    #[arg(long = "font", value_name = "ROLE=FACE")]
    pub fonts: Vec<String>,
    /// The speaker (主讲人), printed on the handout and in the file's author field
    #[arg(long)]
    pub speaker: Option<String>,
    /// The date (时间)
    #[arg(long)]
    pub date: Option<String>,
    /// The place (地点)
    #[arg(long)]
    pub place: Option<String>,
    /// A study question (思考题) for the handout; repeat for several
    #[arg(long = "question", value_name = "TEXT")]
    pub questions: Vec<String>,
    /// Replaces the title read from the text
    #[arg(long)]
    pub title: Option<String>,
    /// Prints the report as JSON
    #[arg(long)]
    pub json: bool,
}

impl HandoutCommand {
    pub fn run(self, db: Option<&Path>) -> Result<(), CliError> {
        match self {
            HandoutCommand::Export(args) => export(*args, db),
            HandoutCommand::Fonts { json, fonts } => show_fonts(json, &fonts),
        }
    }
}

fn parse_overrides(fonts: &[String]) -> Result<Vec<RoleOverride>, CliError> {
    fonts.iter().map(|f| RoleOverride::parse(f).map_err(CliError::from)).collect()
}

/// A lecture to export: its title, its cleaned text and, from the library, its speaker.
struct Source {
    title: String,
    text: String,
    speaker: Option<String>,
}

/// Reads the lecture from a file (any format the text engine reads), or
/// from the library when `source` is a lecture's number.
fn read_source(source: &str, db: Option<&Path>) -> Result<Source, CliError> {
    let path = Path::new(source);
    if !path.exists() {
        if let Ok(id) = source.trim().parse::<i64>() {
            let db = db_path(db)?;
            if !db.is_file() {
                return Err(format!("讲稿库 {} 不存在", db.display()).into());
            }
            let lecture = Library::open(&db)?.get(id)?;
            return Ok(Source { title: lecture.title, text: lecture.body, speaker: lecture.speaker });
        }
        return Err(format!("找不到讲稿文件 {source}").into());
    }
    let cleaned = lectern_text::import_path(path)?;
    if cleaned.text.trim().is_empty() {
        return Err(format!("{source} 里没有文字").into());
    }
    Ok(Source { title: cleaned.title, text: cleaned.text, speaker: None })
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Docx,
}

/// `--format` when given, else the output's extension (.pdf or .docx).
fn format_of(format: Option<&str>, output: &Path) -> Result<Format, CliError> {
    let named = |f: &str| match f.trim().trim_start_matches('.').to_ascii_lowercase().as_str() {
        "pdf" => Some(Format::Pdf),
        "docx" | "word" => Some(Format::Docx),
        _ => None,
    };
    if let Some(f) = format {
        return named(f).ok_or_else(|| format!("不认识的格式“{f}”：可用 pdf、docx").into());
    }
    let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("");
    named(ext).ok_or_else(|| {
        format!("无法从文件名 {} 判断导出格式：请用 .pdf 或 .docx 结尾，或加 --format pdf|docx", output.display()).into()
    })
}

#[derive(Serialize)]
struct DocxReport {
    format: &'static str,
    kind: Kind,
    preset: &'static str,
    bytes: usize,
    fonts: Vec<DocxFace>,
}

#[derive(Serialize)]
struct DocxFace {
    role: &'static str,
    label: &'static str,
    face: &'static str,
}

fn export_docx(args: &ExportArgs, doc: &lectern_typeset::Document, preset: &Preset, kind: Kind) -> Result<(), CliError> {
    let bytes = lectern_docx::write(doc, preset, kind)?;
    lectern_pdf::save_pdf(&args.output, &bytes)?;
    let report = DocxReport {
        format: "docx",
        kind,
        preset: preset.name,
        bytes: bytes.len(),
        fonts: lectern_docx::faces()
            .into_iter()
            .map(|(r, face)| DocxFace { role: r.key(), label: r.label(), face })
            .collect(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!("已写入 {}", args.output.display());
    println!("Word 文档：{}，{} 版式，{:.1} KB（分页由 Word/WPS 完成）", kind.label(), preset.name, bytes.len() as f64 / 1000.0);
    let faces: Vec<String> = report.fonts.iter().map(|f| format!("{} {}", f.label, f.face)).collect();
    println!("字体（按名称取用本机字体）：{}", faces.join("，"));
    if !args.fonts.is_empty() {
        println!("提示：--font 只用于 PDF，Word 文档按名称使用字体");
    }
    Ok(())
}

fn export(args: ExportArgs, db: Option<&Path>) -> Result<(), CliError> {
    let format = format_of(args.format.as_deref(), &args.output)?;
    let kind = Kind::parse(&args.kind)?;
    let preset = Preset::parse(&args.preset)?;
    let fonts = parse_overrides(&args.fonts)?;
    let t = std::time::Instant::now();
    let source = read_source(&args.source, db)?;
    lectern_pdf::timing("read source", t);
    let title = args.title.clone().unwrap_or(source.title);
    let speaker = args.speaker.clone().or(source.speaker);
    let meta = Meta { speaker, date: args.date.clone(), place: args.place.clone() };
    let mut doc = document_from_text(&title, &source.text, meta);
    doc.set_questions(&args.questions);
    if format == Format::Docx {
        return export_docx(&args, &doc, &preset, kind);
    }
    let opts = HandoutOptions { kind, preset, fonts };
    let t = std::time::Instant::now();
    let catalog = Catalog::system();
    lectern_pdf::timing("font catalog", t);
    let handout = make_handout_with(&doc, &opts, &catalog)?;
    lectern_pdf::save_pdf(&args.output, &handout.pdf.bytes)?;
    let report = handout.report();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("已写入 {}", args.output.display());
        print!("{report}");
    }
    Ok(())
}


#[derive(Serialize)]
struct FontsReport {
    catalog: lectern_typeset::fonts::catalog::CatalogSource,
    dirs: Vec<String>,
    roles: Vec<RoleLine>,
    cjk_faces: Vec<String>,
}

#[derive(Serialize)]
struct RoleLine {
    role: &'static str,
    label: &'static str,
    family: String,
    file: String,
    index: u32,
    weight: u16,
    how: lectern_typeset::fonts::resolve::How,
    reason: String,
}

fn show_fonts(json: bool, fonts: &[String]) -> Result<(), CliError> {
    let overrides = parse_overrides(fonts)?;
    let catalog = Catalog::system();
    let res = resolve(&catalog, &overrides)?;
    let report = FontsReport {
        catalog: catalog.source,
        dirs: catalog.dirs.iter().map(|d| d.display().to_string()).collect(),
        roles: res
            .roles
            .iter()
            .map(|c| RoleLine {
                role: c.role.key(),
                label: c.role.label(),
                family: c.face.family().to_string(),
                file: c.face.path.display().to_string(),
                index: c.face.index,
                weight: c.face.weight,
                how: c.how.clone(),
                reason: c.reason.clone(),
            })
            .collect(),
        cjk_faces: catalog.cjk_faces().map(|f| f.describe()).collect(),
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!("字体文件夹：{}", report.dirs.join("、"));
    for r in &report.roles {
        println!("{:<6}\t{:<12}\t{}（{} #{}）\t{}", r.label, r.role, r.family, r.file, r.index, r.reason);
    }
    println!("本机中文字体 {} 个：", report.cjk_faces.len());
    for f in &report.cjk_faces {
        println!("  {f}");
    }
    Ok(())
}
