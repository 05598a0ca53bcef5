//! Page presets: `gbt9704` (GB/T 9704-2012: A4, 28 × 22 grid, 三号 body) and
//! `large-print` (20 pt body, same margins, wider line pitch). All lengths in pt.

use serde::Serialize;

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// The numbers of a page layout.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preset {
    pub name: &'static str,
    pub page_width: f32,
    pub page_height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    /// The binding side (left on odd and even pages alike, as GB/T 9704 sets it).
    pub margin_left: f32,
    pub margin_right: f32,
    /// Characters per body line: the character pitch is the type width divided by this.
    pub chars_per_line: u32,
    /// Lines per page: the line pitch is the type height divided by this.
    pub lines_per_page: u32,
    pub body_size: f32,
    pub title_size: f32,
    pub page_number_size: f32,
    /// From the bottom of the type area to the top of the page number.
    pub page_number_gap: f32,
}

impl Preset {
    /// GB/T 9704-2012.
    pub fn gbt9704() -> Preset {
        Preset {
            name: "gbt9704",
            page_width: mm(210.0),
            page_height: mm(297.0),
            margin_top: mm(37.0),
            margin_bottom: mm(35.0),
            margin_left: mm(28.0),
            margin_right: mm(26.0),
            chars_per_line: 28,
            lines_per_page: 22,
            body_size: 16.0,
            title_size: 22.0,
            page_number_size: 14.0,
            page_number_gap: mm(7.0),
        }
    }

    /// Large print for reading at the lectern: 20 pt body, 22 characters a
    /// line, 16 lines a page (a line pitch of twice the body size).
    pub fn large_print() -> Preset {
        Preset {
            name: "large-print",
            chars_per_line: 22,
            lines_per_page: 16,
            body_size: 20.0,
            title_size: 26.0,
            ..Preset::gbt9704()
        }
    }

    /// The preset called `name`.
    pub fn named(name: &str) -> Option<Preset> {
        match name.trim().to_ascii_lowercase().as_str() {
            "gbt9704" | "gb/t9704" | "gb9704" | "公文" => Some(Preset::gbt9704()),
            "large-print" | "large" | "largeprint" | "大字" => Some(Preset::large_print()),
            _ => None,
        }
    }

    /// The preset called `name`, or the Chinese line that names the presets there are.
    pub fn parse(name: &str) -> Result<Preset, String> {
        Preset::named(name).ok_or_else(|| format!("不认识的版式“{name}”：可用 {}", Preset::NAMES.join("、")))
    }

    /// The names [`Preset::named`] knows.
    pub const NAMES: [&'static str; 2] = ["gbt9704", "large-print"];

    pub fn type_width(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    pub fn type_height(&self) -> f32 {
        self.page_height - self.margin_top - self.margin_bottom
    }

    /// The advance of one Han character in body text (15.79 pt for gbt9704).
    pub fn char_pitch(&self) -> f32 {
        self.type_width() / self.chars_per_line as f32
    }

    /// The distance from one line to the next (28.99 pt for gbt9704).
    pub fn line_pitch(&self) -> f32 {
        self.type_height() / self.lines_per_page as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbt9704_numbers() {
        let p = Preset::gbt9704();
        assert!((p.type_width() - mm(156.0)).abs() < 0.01);
        assert!((p.type_height() - mm(225.0)).abs() < 0.01);
        assert!((p.char_pitch() - 15.79).abs() < 0.01, "{}", p.char_pitch());
        assert!((p.line_pitch() - 28.99).abs() < 0.01, "{}", p.line_pitch());
    }

    #[test]
    fn large_print_is_larger() {
        let p = Preset::large_print();
        assert!(p.char_pitch() >= 20.0);
        assert!(p.line_pitch() >= 1.9 * p.body_size);
    }
}
