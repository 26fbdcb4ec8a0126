//! The named styles: the document defaults, the cover title, real heading styles (`heading 1`
//! to `heading 3`, with their outline levels, so Word and WPS list the headings in their
//! navigation pane and a TOC field finds them) and the 目录's entry styles (`toc 1`, `toc 2`).

use super::text::{fonts, spacing, Font, BODY, BODY_FONT, HEADING_FONT, KAI_FONT};
use docx_rs::{AlignmentType, Docx, LineSpacingType, Paragraph, Style, StyleType};

pub(super) const TITLE: &str = "Title";
pub(super) const TOC1: &str = "TOC1";
pub(super) const TOC2: &str = "TOC2";

/// The kinds of heading.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Heading {
    /// 第一部分 …: 黑体 三号, centred (heading 1).
    Part,
    /// 一、…: 黑体 三号 (heading 2).
    Section,
    /// A table's title: heading 2, centred.
    TableTitle,
    /// （一）…: 楷体 三号 (heading 3), not in the 目录.
    Subsection,
}

impl Heading {
    pub(super) fn id(self) -> &'static str {
        match self {
            Heading::Part => "Heading1",
            Heading::Section | Heading::TableTitle => "Heading2",
            Heading::Subsection => "Heading3",
        }
    }

    /// The outline level (0 = heading 1).
    pub(super) fn level(self) -> u8 {
        match self {
            Heading::Part => 0,
            Heading::Section | Heading::TableTitle => 1,
            Heading::Subsection => 2,
        }
    }

    pub(super) fn font(self) -> Font {
        let east_asia = match self {
            Heading::Subsection => KAI_FONT,
            _ => HEADING_FONT,
        };
        Font {
            east_asia,
            size: 32,
            bold: false,
        }
    }

    pub(super) fn align(self) -> AlignmentType {
        match self {
            Heading::Part | Heading::TableTitle => AlignmentType::Center,
            _ => AlignmentType::Left,
        }
    }
}

/// A paragraph in a heading's style, kept with the next one.
pub(super) fn heading(h: Heading) -> Paragraph {
    Paragraph::new()
        .style(h.id())
        .keep_next(true)
        .align(h.align())
}

fn heading_style(id: &str, name: &str, level: usize, f: Font, align: AlignmentType) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .ui_priority(9)
        .outline_lvl(level)
        .align(align)
        .line_spacing(spacing(240, 120, 560, LineSpacingType::Exact))
        .fonts(fonts(f))
        .size(f.size)
}

fn toc_style(id: &str, name: &str, indent: i32, f: Font) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .ui_priority(39)
        .indent(Some(indent), None, None, None)
        .line_spacing(spacing(40, 40, 400, LineSpacingType::Exact))
        .fonts(fonts(f))
        .size(f.size)
}

/// The document defaults (仿宋 三号, Times New Roman for Latin) and the named styles.
pub(super) fn apply(docx: Docx) -> Docx {
    let toc1 = Font {
        east_asia: HEADING_FONT,
        size: 28,
        bold: false,
    };
    let toc2 = Font {
        east_asia: BODY_FONT,
        ..toc1
    };
    docx.default_fonts(fonts(BODY))
        .default_size(BODY.size)
        .add_style(
            Style::new(TITLE, StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .align(AlignmentType::Center),
        )
        .add_style(heading_style(
            Heading::Part.id(),
            "heading 1",
            0,
            Heading::Part.font(),
            AlignmentType::Center,
        ))
        .add_style(heading_style(
            Heading::Section.id(),
            "heading 2",
            1,
            Heading::Section.font(),
            AlignmentType::Left,
        ))
        .add_style(heading_style(
            Heading::Subsection.id(),
            "heading 3",
            2,
            Heading::Subsection.font(),
            AlignmentType::Left,
        ))
        .add_style(toc_style(TOC1, "toc 1", 0, toc1))
        .add_style(toc_style(TOC2, "toc 2", 420, toc2))
}
