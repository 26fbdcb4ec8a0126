//! The 目录: a TOC field Word can update (`TOC \o "1-2" \h \z \u`), whose stored entries are
//! the headings, each a link to its bookmark with a PAGEREF field. The PAGEREF results are left
//! empty here: the post-pass (`fixup`) writes the page numbers the pagination pass found, and
//! leaves them out when none was found (a number known to be wrong is never written).

use super::styles::{TOC1, TOC2};
use super::text::{run, styled, Font, BODY_FONT, HEADING_FONT, PORTRAIT_TEXT};
use docx_rs::{
    FieldCharType, Hyperlink, HyperlinkType, InstrText, Paragraph, Run, Tab, TabLeaderType,
    TabValueType,
};

/// One line of the 目录.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 0 for a part, 1 for a section or a table.
    pub level: u8,
    /// The text in the 目录 (the tables are numbered there, not in the body).
    pub toc: String,
    /// The heading's text in the body.
    pub heading: String,
    /// The heading's bookmark, `_Toc00001`.
    pub bookmark: String,
}

/// The instruction of the field around the entries: heading styles 1–2, links, outline levels.
pub(super) const TOC_INSTR: &str = " TOC \\o \"1-2\" \\h \\z \\u ";

fn field(f: Font, t: FieldCharType) -> Run {
    styled(f).add_field_char(t, false)
}

/// The entries' paragraphs; the first opens the TOC field, the last closes it.
pub(super) fn paragraphs(entries: &[Entry]) -> Vec<Paragraph> {
    let last = entries.len().saturating_sub(1);
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let f = Font {
                east_asia: if e.level == 0 {
                    HEADING_FONT
                } else {
                    BODY_FONT
                },
                size: 28,
                bold: false,
            };
            let mut p = Paragraph::new()
                .style(if e.level == 0 { TOC1 } else { TOC2 })
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(PORTRAIT_TEXT as usize),
                );
            if i == 0 {
                p = p
                    .add_run(field(f, FieldCharType::Begin))
                    .add_run(styled(f).add_instr_text(InstrText::Unsupported(TOC_INSTR.into())))
                    .add_run(field(f, FieldCharType::Separate));
            }
            let link = Hyperlink::new(&e.bookmark, HyperlinkType::Anchor)
                .add_run(run(&e.toc, f))
                .add_run(styled(f).add_tab())
                .add_run(field(f, FieldCharType::Begin))
                .add_run(styled(f).add_instr_text(InstrText::Unsupported(format!(
                    " PAGEREF {} \\h ",
                    e.bookmark
                ))))
                .add_run(field(f, FieldCharType::Separate))
                .add_run(styled(f).add_text(""))
                .add_run(field(f, FieldCharType::End));
            p = p.add_hyperlink(link);
            if i == last {
                p = p.add_run(field(f, FieldCharType::End));
            }
            p
        })
        .collect()
}
