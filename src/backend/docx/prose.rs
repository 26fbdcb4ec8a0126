//! Renders the prose data (`document::prose`): a section's title as a heading, each paragraph as
//! one body paragraph of its plain text.

use super::styles::Heading;
use super::text::prose;
use super::Body;
use crate::document::prose::Section;

/// Writes sections with their paragraphs, then their subsections; the sections are in the 目录.
pub(super) fn sections(body: &mut Body, sections: &[Section]) {
    for s in sections {
        body.heading(&s.title, Heading::Section, Some(&s.title));
        for p in &s.paragraphs {
            body.push(prose(&p.text()));
        }
        for sub in &s.subsections {
            body.heading(&sub.title, Heading::Subsection, None);
            for p in &sub.paragraphs {
                body.push(prose(&p.text()));
            }
        }
    }
}
