//! Which families each role prefers, in order. The Windows names come first
//! (the faces GB/T 9704 names and Chinese Windows ships), then the free faces
//! common on Linux desktops (UOS, Kylin, Ubuntu). The first installed one wins.

use super::Role;

/// A family with the weight wanted from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pref {
    pub family: &'static str,
    pub weight: u16,
}

const fn p(family: &'static str) -> Pref {
    Pref { family, weight: 400 }
}

const fn bold(family: &'static str) -> Pref {
    Pref { family, weight: 700 }
}

/// 小标宋 for the title, then Song faces (a heavy weight where the family has one).
const TITLE: &[Pref] = &[
    p("方正小标宋简体"),
    p("方正小标宋_GBK"),
    p("FZXiaoBiaoSong-B05S"),
    p("FZXiaoBiaoSong-B05"),
    p("华文中宋"),
    p("STZhongsong"),
    bold("Noto Serif CJK SC"),
    bold("Source Han Serif SC"),
    bold("思源宋体"),
    p("SimSun"),
    p("宋体"),
    p("AR PL UMing CN"),
    bold("Noto Serif SC"),
];

/// 黑体 for `一、` headings.
const HEI: &[Pref] = &[
    p("黑体"),
    p("SimHei"),
    p("方正黑体_GBK"),
    p("华文黑体"),
    p("STHeiti"),
    p("Noto Sans CJK SC"),
    p("Source Han Sans SC"),
    p("思源黑体"),
    p("WenQuanYi Zen Hei"),
    p("WenQuanYi Micro Hei"),
    p("Noto Sans SC"),
    p("Droid Sans Fallback"),
];

/// 楷体 for `（一）` headings.
const KAI: &[Pref] = &[
    p("楷体_GB2312"),
    p("KaiTi_GB2312"),
    p("楷体"),
    p("KaiTi"),
    p("方正楷体_GBK"),
    p("华文楷体"),
    p("STKaiti"),
    p("AR PL UKai CN"),
    p("LXGW WenKai"),
    p("霞鹜文楷"),
    p("AR PL KaitiM GB"),
    p("FandolKai"),
];

/// 仿宋 for the body and `1.` `（1）` headings; a Song face where no FangSong is installed.
const FANGSONG: &[Pref] = &[
    p("仿宋_GB2312"),
    p("FangSong_GB2312"),
    p("仿宋"),
    p("FangSong"),
    p("方正仿宋_GBK"),
    p("华文仿宋"),
    p("STFangsong"),
    p("FandolFang"),
    p("Noto Serif CJK SC"),
    p("Source Han Serif SC"),
    p("思源宋体"),
    p("SimSun"),
    p("宋体"),
    p("AR PL UMing CN"),
    p("Noto Serif SC"),
];

/// 宋体 for page numbers.
const SONG: &[Pref] = &[
    p("宋体"),
    p("SimSun"),
    p("NSimSun"),
    p("华文宋体"),
    p("STSong"),
    p("Noto Serif CJK SC"),
    p("Source Han Serif SC"),
    p("思源宋体"),
    p("AR PL UMing CN"),
    p("Noto Serif SC"),
];

/// A proportional Latin serif for letters and digits in body text.
const LATIN: &[Pref] = &[
    p("Times New Roman"),
    p("Liberation Serif"),
    p("Nimbus Roman"),
    p("Nimbus Roman No9 L"),
    p("TeX Gyre Termes"),
    p("FreeSerif"),
    p("DejaVu Serif"),
];

/// The families a role prefers, best first. Both presets share them: they
/// differ in sizes and spacing, not in faces.
pub fn preferences(role: Role) -> &'static [Pref] {
    match role {
        Role::Title => TITLE,
        Role::Heading1 => HEI,
        Role::Heading2 => KAI,
        Role::Heading3 | Role::Heading4 | Role::Body => FANGSONG,
        Role::PageNumber => SONG,
        Role::Latin => LATIN,
    }
}

/// The face the standard asks for, named in reports.
pub fn standard_face(role: Role) -> &'static str {
    match role {
        Role::Title => "小标宋",
        Role::Heading1 => "黑体",
        Role::Heading2 => "楷体",
        Role::Heading3 | Role::Heading4 | Role::Body => "仿宋",
        Role::PageNumber => "宋体",
        Role::Latin => "Times New Roman",
    }
}

/// How a Word or WPS document names a role's face: the name the reader's
/// machine knows (the first of [`preferences`], the face GB/T 9704 names and
/// Chinese Windows or WPS installs), and the name of a face to take in its
/// place when that one is missing (Windows 10 ships 仿宋 and 楷体, not the
/// `_GB2312` faces). A .docx carries names, not faces: the reader's Word
/// picks the installed face, so these come from the same lists as the PDF's.
pub fn document_face(role: Role) -> (&'static str, Option<&'static str>) {
    let name = preferences(role)[0].family;
    let alt = match role {
        Role::Title => Some("宋体"),
        Role::Heading1 => Some("SimHei"),
        Role::Heading2 => Some("楷体"),
        Role::Heading3 | Role::Heading4 | Role::Body => Some("仿宋"),
        Role::PageNumber => Some("SimSun"),
        Role::Latin => None,
    };
    (name, alt.filter(|a| preferences(role).iter().any(|p| p.family == *a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_name_the_standard_faces_and_an_installed_stand_in() {
        assert_eq!(document_face(Role::Title), ("方正小标宋简体", Some("宋体")));
        assert_eq!(document_face(Role::Heading1).0, "黑体");
        assert_eq!(document_face(Role::Heading2), ("楷体_GB2312", Some("楷体")));
        assert_eq!(document_face(Role::Body), ("仿宋_GB2312", Some("仿宋")));
        assert_eq!(document_face(Role::PageNumber), ("宋体", Some("SimSun")));
        assert_eq!(document_face(Role::Latin), ("Times New Roman", None));
    }
}
