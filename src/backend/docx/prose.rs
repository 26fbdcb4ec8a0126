//! Renders the prose data (`document::prose`): a section's title as a heading, each paragraph as
//! one body paragraph of its plain text.

use super::xml::{Align, Body, Font, HEADING_FONT};
use crate::document::prose::{Paragraph, Section};

/// A section's heading (一、…): 黑体 三号, listed in the contents.
pub(super) const SECTION_FONT: Font = Font {
    east_asia: HEADING_FONT,
    size: 32,
    bold: false,
};

/// A subsection's heading (（一）…): 楷体 三号, not listed in the contents.
const SUBSECTION_FONT: Font = Font {
    east_asia: "楷体_GB2312",
    size: 32,
    bold: false,
};

/// Writes sections with their paragraphs, then their subsections.
pub(super) fn sections(body: &mut Body, sections: &[Section]) {
    for s in sections {
        body.heading(&s.title, 1, SECTION_FONT, Align::Left, true);
        paragraphs(body, &s.paragraphs);
        for sub in &s.subsections {
            body.heading(&sub.title, 2, SUBSECTION_FONT, Align::Left, false);
            paragraphs(body, &sub.paragraphs);
        }
    }
}

pub(super) fn paragraphs(body: &mut Body, paragraphs: &[Paragraph]) {
    for p in paragraphs {
        body.prose(&p.text());
    }
}
