//! The preset's page in Word's units: twentieths of a point (twips) for the
//! page, margins and line pitch, half-points for font sizes, and the
//! document grid's `charSpace` (1/4096 pt added to the Normal style's size
//! for each character cell). All from [`Preset`], the PDF's own numbers.

use lectern_typeset::Preset;

/// Points to twips.
pub fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points to half-points (`w:sz`).
pub fn half_points(pt: f32) -> i32 {
    (pt * 2.0).round() as i32
}

/// The numbers a section (`w:sectPr`) and the styles need.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: i32,
    pub height: i32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    /// From the page's bottom edge to the bottom of the footer's line.
    pub footer: i32,
    pub header: i32,
    /// `w:docGrid/@w:linePitch`: the type height over the lines per page,
    /// rounded down so that all the lines fit (579 for gbt9704).
    pub line_pitch: i32,
    /// `w:docGrid/@w:charSpace`: the character pitch (type width over the
    /// characters per line) less the body size, in 1/4096 pt, rounded down so
    /// that all the characters fit (−842 for gbt9704).
    pub char_space: i32,
    /// The character spacing (`w:spacing` in a run, twips) that brings a
    /// body character's advance, its size, down (or up) to the grid's
    /// character pitch, a twip more for rounding: −6 for gbt9704.
    pub char_spacing: i32,
    /// Two character cells, the first-line indent in twips (for readers that
    /// ignore `w:firstLineChars`).
    pub indent_two: i32,
    /// One page-number character in from the edge of the type area.
    pub number_inset: i32,
    pub body_sz: i32,
    pub title_sz: i32,
    pub number_sz: i32,
    /// The page number's line, exactly its size.
    pub number_line: i32,
}

impl Page {
    pub fn of(p: &Preset) -> Page {
        let (width, height) = (twips(p.page_width), twips(p.page_height));
        let (top, bottom, left, right) = (twips(p.margin_top), twips(p.margin_bottom), twips(p.margin_left), twips(p.margin_right));
        let type_height = height - top - bottom;
        let type_width = width - left - right;
        let line_pitch = type_height / p.lines_per_page as i32;
        let pitch = type_width as f32 / 20.0 / p.chars_per_line as f32;
        let char_space = ((pitch - p.body_size) * 4096.0).floor() as i32;
        // The number's top sits `page_number_gap` below the type area.
        let footer = bottom - twips(p.page_number_gap) - twips(p.page_number_size);
        Page {
            width,
            height,
            top,
            bottom,
            left,
            right,
            footer,
            header: twips(p.margin_top / 2.0),
            line_pitch,
            char_space,
            char_spacing: ((pitch - p.body_size) * 20.0).floor() as i32 - 1,
            indent_two: twips(2.0 * (p.body_size + char_space as f32 / 4096.0)),
            number_inset: twips(p.page_number_size),
            body_sz: half_points(p.body_size),
            title_sz: half_points(p.title_size),
            number_sz: half_points(p.page_number_size),
            number_line: twips(p.page_number_size),
        }
    }

    /// The character pitch the grid gives, pt.
    pub fn char_pitch(&self) -> f32 {
        self.body_sz as f32 / 2.0 + self.char_space as f32 / 4096.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbt9704_in_word_units() {
        let g = Page::of(&Preset::gbt9704());
        assert_eq!((g.width, g.height), (11906, 16838));
        assert_eq!((g.top, g.bottom, g.left, g.right), (2098, 1984, 1587, 1474));
        assert_eq!(g.line_pitch, 579);
        assert_eq!(g.char_space, -842);
        assert_eq!(g.char_spacing, -6);
        // With that spacing 28 body characters fit a line and 29 do not.
        let advance = 16.0 + g.char_spacing as f32 / 20.0;
        // 22 lines and 28 characters fit, 23 and 29 do not.
        let (th, tw) = (g.height - g.top - g.bottom, (g.width - g.left - g.right) as f32 / 20.0);
        assert!(22 * g.line_pitch <= th && 23 * g.line_pitch > th);
        assert!(28.0 * g.char_pitch() <= tw && 29.0 * g.char_pitch() > tw);
        assert!(28.0 * advance <= tw && 29.0 * advance > tw);
        assert_eq!((g.body_sz, g.title_sz, g.number_sz), (32, 44, 28));
    }

    #[test]
    fn large_print_keeps_its_own_grid() {
        let p = Preset::large_print();
        let g = Page::of(&p);
        let (th, tw) = (g.height - g.top - g.bottom, (g.width - g.left - g.right) as f32 / 20.0);
        assert!(16 * g.line_pitch <= th && 17 * g.line_pitch > th);
        assert!(22.0 * g.char_pitch() <= tw && 23.0 * g.char_pitch() > tw);
        let advance = p.body_size + g.char_spacing as f32 / 20.0;
        assert!(22.0 * advance <= tw && 23.0 * advance > tw);
        assert_eq!(g.body_sz, 40);
    }
}
