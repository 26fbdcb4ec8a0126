//! Page geometry, fonts, the width of printed text, and the runs and paragraphs the other
//! modules put together with docx-rs.

use docx_rs::{
    AlignmentType, BreakType, LineSpacing, LineSpacingType, PageMargin, PageOrientationType,
    PageSize, Paragraph, Run, RunFonts, Section, SpecialIndentType,
};

// Page geometry in twentieths of a point (A4).
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const MARGIN: u32 = 1247; // 2.2 cm
pub(super) const PORTRAIT_TEXT: u32 = A4_W - 2 * MARGIN;
pub(super) const LANDSCAPE_TEXT: u32 = A4_H - 2 * MARGIN;

// The official families; their fallbacks are declared in fontTable.xml (`fixup`).
pub(super) const TITLE_FONT: &str = "方正小标宋简体";
pub(super) const HEADING_FONT: &str = "黑体";
pub(super) const BODY_FONT: &str = "仿宋_GB2312";
pub(super) const KAI_FONT: &str = "楷体_GB2312";
pub(super) const TABLE_FONT: &str = "宋体";
const LATIN_FONT: &str = "Times New Roman";

/// Run properties: East Asian font, size in half-points, bold.
#[derive(Clone, Copy)]
pub(super) struct Font {
    pub(super) east_asia: &'static str,
    pub(super) size: usize,
    pub(super) bold: bool,
}

/// Body text: 仿宋 三号 (16 pt).
pub(super) const BODY: Font = Font {
    east_asia: BODY_FONT,
    size: 32,
    bold: false,
};
/// Table text: 宋体 小五 (9 pt).
pub(super) const TABLE_TEXT: Font = Font {
    east_asia: TABLE_FONT,
    size: 18,
    bold: false,
};
/// The unit line and notes around a table: 宋体 五号 (10.5 pt).
pub(super) const SMALL_TEXT: Font = Font {
    east_asia: TABLE_FONT,
    size: 21,
    bold: false,
};

pub(super) fn fonts(f: Font) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .east_asia(f.east_asia)
        .cs(LATIN_FONT)
}

/// An empty run in a font (a tab, a break, a field character goes into it).
pub(super) fn styled(f: Font) -> Run {
    let r = Run::new().fonts(fonts(f)).size(f.size);
    if f.bold {
        r.bold()
    } else {
        r
    }
}

pub(super) fn run(text: &str, f: Font) -> Run {
    styled(f).add_text(clean(text))
}

/// Control characters are not allowed in XML 1.0: they are dropped.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| (*c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// A paragraph whose paragraph mark has the font too, so an empty one is as tall as its text.
pub(super) fn para(f: Font) -> Paragraph {
    Paragraph::new().fonts(fonts(f)).size(f.size)
}

pub(super) fn spacing(before: u32, after: u32, line: i32, rule: LineSpacingType) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(line)
        .line_rule(rule)
}

/// A line of text in a font with an alignment; `indent_first` indents by two characters.
pub(super) fn text_para(
    text: &str,
    f: Font,
    align: AlignmentType,
    indent_first: bool,
) -> Paragraph {
    let p = para(f)
        .line_spacing(spacing(0, 0, 560, LineSpacingType::Exact))
        .align(align)
        .add_run(run(text, f));
    if indent_first {
        p.indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
            .first_line_chars(200)
    } else {
        p
    }
}

/// A body paragraph: 仿宋 三号, first-line indent, justified.
pub(super) fn prose(text: &str) -> Paragraph {
    text_para(text, BODY, AlignmentType::Both, true)
}

pub(super) fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

/// A section's page: A4, portrait or landscape, the margins of the reference.
pub(super) fn page(s: Section, landscape: bool) -> Section {
    let (w, h) = page_size(landscape);
    let s = s
        .page_size(PageSize::new().width(w).height(h))
        .page_margin(margins());
    if landscape {
        s.page_orient(PageOrientationType::Landscape)
    } else {
        s
    }
}

/// The page's width and height in twips.
pub(super) fn page_size(landscape: bool) -> (u32, u32) {
    if landscape {
        (A4_H, A4_W)
    } else {
        (A4_W, A4_H)
    }
}

pub(super) fn margins() -> PageMargin {
    let m = MARGIN as i32;
    PageMargin::new()
        .top(m)
        .right(m)
        .bottom(m)
        .left(m)
        .header(851)
        .footer(851)
        .gutter(0)
}

/// The printed width of a text in twips at a size in half-points, the way 宋体 and Times set it:
/// a Chinese character (or full-width sign) is one em, a digit or a Latin letter half an em, a
/// thousands separator or a point a quarter.
pub(super) fn text_twips(s: &str, size: usize) -> u32 {
    let em = size as u32 * 10; // half-points → twips
    let quarters: u32 = s
        .chars()
        .map(|c| match c {
            ',' | '.' | ' ' | '\'' | ':' | ';' | '|' | '!' => 1,
            c if c.is_ascii() => 2,
            c if unicode_width::UnicodeWidthChar::width(c) == Some(1) => 2,
            _ => 4,
        })
        .sum();
    quarters * em / 4
}
