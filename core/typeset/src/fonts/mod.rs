//! Fonts for handouts: finding the installed faces (`.ttc` collections
//! included), the presets that name per role the families to prefer, the
//! resolution of each role to one face with the reason for the choice, and the
//! loaded faces the layout engine measures with and the PDF embeds.
//!
//! - [`catalog`]: the system font scan, cached between runs;
//! - [`preset`]: family preferences per role for `gbt9704` and `large-print`;
//! - [`resolve`]: roles to faces, with a report of what was used and why;
//! - [`face`]: memory-mapped faces, shared within a process.

pub mod catalog;
pub mod face;
pub mod preset;
pub mod resolve;

use serde::Serialize;

pub use catalog::{Catalog, FaceEntry};
pub use face::{FontSet, LoadedFace};
pub use resolve::{resolve, FontSpec, Resolution, RoleChoice, RoleOverride};

/// What a face is used for in a handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The lecture's title (小标宋).
    Title,
    /// `一、` headings (黑体).
    Heading1,
    /// `（一）` headings (楷体).
    Heading2,
    /// `1.` headings (仿宋).
    Heading3,
    /// `（1）` headings (仿宋).
    Heading4,
    /// Body text (仿宋).
    Body,
    /// `— 7 —` page numbers (宋体).
    PageNumber,
    /// Latin letters and digits inside body text (Times New Roman).
    Latin,
}

impl Role {
    /// Every role, in the order reports list them.
    pub const ALL: [Role; 8] = [
        Role::Title,
        Role::Heading1,
        Role::Heading2,
        Role::Heading3,
        Role::Heading4,
        Role::Body,
        Role::PageNumber,
        Role::Latin,
    ];

    /// The name used on the command line (`--font body=…`) and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Heading1 => "heading1",
            Role::Heading2 => "heading2",
            Role::Heading3 => "heading3",
            Role::Heading4 => "heading4",
            Role::Body => "body",
            Role::PageNumber => "page-number",
            Role::Latin => "latin",
        }
    }

    /// The role's Chinese name, for reports.
    pub fn label(self) -> &'static str {
        match self {
            Role::Title => "标题",
            Role::Heading1 => "一级标题",
            Role::Heading2 => "二级标题",
            Role::Heading3 => "三级标题",
            Role::Heading4 => "四级标题",
            Role::Body => "正文",
            Role::PageNumber => "页码",
            Role::Latin => "西文与数字",
        }
    }

    /// Parses a role name as written on the command line; a few aliases are accepted.
    pub fn parse(s: &str) -> Option<Role> {
        let k = s.trim().to_ascii_lowercase().replace('_', "-");
        Some(match k.as_str() {
            "title" | "标题" => Role::Title,
            "heading1" | "h1" | "一级标题" => Role::Heading1,
            "heading2" | "h2" | "二级标题" => Role::Heading2,
            "heading3" | "h3" | "三级标题" => Role::Heading3,
            "heading4" | "h4" | "四级标题" => Role::Heading4,
            "body" | "正文" => Role::Body,
            "page-number" | "pagenumber" | "page" | "页码" => Role::PageNumber,
            "latin" | "western" | "西文" => Role::Latin,
            _ => return None,
        })
    }

    /// Whether this role sets Han characters (all but Latin).
    pub fn needs_cjk(self) -> bool {
        self != Role::Latin
    }

    pub(crate) fn index(self) -> usize {
        Role::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// Whether a face covers the Han characters and marks a Chinese text needs.
pub(crate) fn covers_cjk(face: &ttf_parser::Face<'_>) -> bool {
    ['中', '文', '。', '，'].iter().all(|c| face.glyph_index(*c).is_some())
}

/// An error finding or loading fonts, with a message for the user.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("本机没有可用的中文字体：在 {dirs} 中没有找到含汉字的字体。请安装中文字体（Debian/Ubuntu/UOS/麒麟：fonts-noto-cjk；Windows 自带宋体、仿宋、黑体、楷体），或用 --font body=字体文件 指定一个")]
    NoCjkFace { dirs: String },
    #[error("找不到字体“{family}”（{role} 角色，--font {key}=…）：本机没有这个字族。用 `lectern fonts` 查看已安装的字体")]
    FamilyNotInstalled { family: String, role: &'static str, key: &'static str },
    #[error("无法读取字体文件 {path}：{reason}")]
    BadFile { path: String, reason: String },
    #[error("字体文件 {path} 的第 {index} 个字形集不存在（该文件共有 {count} 个）")]
    BadIndex { path: String, index: u32, count: u32 },
    #[error("字体“{face}”不含汉字，不能用作{role}")]
    NotCjk { face: String, role: &'static str },
    #[error("--font 的写法不对：“{spec}”。应为 角色=字族 或 角色=字体文件[#序号]，角色是 {roles} 之一")]
    BadSpec { spec: String, roles: String },
}
