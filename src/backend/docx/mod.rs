//! The DOCX backend: the publishable 部门预算 in the official layout, built with docx-rs from the
//! document model (tables, figures and the prose of `document::prose`); it computes no sums of
//! its own. This file holds the document's order and its sections; `text` the fonts, geometry
//! and paragraphs, `styles` the named styles (real heading styles), `contents` the 目录,
//! `table` the tables, `prose` the 说明 and 名词解释. `fixup` is the one post-pass over the XML
//! parts docx-rs builds, for what docx-rs 0.4.22 cannot say; `paginate` finds the page of each
//! heading with LibreOffice, when it is installed.

mod contents;
mod fixup;
pub mod paginate;
mod placing;
mod prose;
mod styles;
mod table;
mod text;

pub(crate) use placing::landscape;

use crate::document::prose::glossary_paragraphs;
use crate::document::Document;
use crate::model::Budget;
use docx_rs::{AlignmentType, Docx, Footer, PageNumType, Paragraph, Section, Table as DocxTable};
use std::collections::BTreeMap;
use text::{page, para, run, Font, HEADING_FONT, TITLE_FONT};

/// The DOCX bytes, without page numbers in the 目录 (no pagination pass): deterministic, the
/// same budget gives the same bytes.
pub fn render(b: &Budget, doc: &Document) -> std::io::Result<Vec<u8>> {
    let built = build(b, doc, &BTreeMap::new());
    fixup::package(built.docx.build(), &built.facts, &BTreeMap::new())
}

/// The DOCX bytes with the 目录's page numbers taken from a LibreOffice rendering of the
/// document, when `soffice` and `pdftotext` are installed, and the goal tables that run over
/// pages restating their 一级/二级 labels on each page; without them, as `render`.
pub fn render_paginated(b: &Budget, doc: &Document) -> std::io::Result<Vec<u8>> {
    let built = build(b, doc, &BTreeMap::new());
    let headings = built.facts.contents.clone();
    let first = fixup::package(built.docx.build(), &built.facts, &BTreeMap::new())?;
    let Some(text) = paginate::available()
        .then(|| paginate::render_text(&first))
        .flatten()
    else {
        return Ok(first);
    };
    let pages = paginate::find(&text, &headings);
    let breaks = paginate::goal_breaks(&text, b);
    if pages.is_empty() && breaks.is_empty() {
        return Ok(first);
    }
    // The same document again, with the page numbers and the restated labels (one line each,
    // in rows already as tall: the pages stay as they were). docx-rs's ids come from counters,
    // and the post-pass renumbers them, so the second build gives the same parts.
    let built = build(b, doc, &breaks);
    fixup::package(built.docx.build(), &built.facts, &pages)
}

/// The DOCX bytes of a document of tables only (a region's summary, `budc region`): a cover
/// with `title`, the 目录, then `tables` as a budget's tables are printed, their 部门(单位)
/// line naming `dept`. Deterministic: dated 1 January of `year`.
pub fn render_tables(
    title: &str,
    dept: &str,
    unit: &str,
    year: u16,
    tables: &[crate::document::Table],
) -> std::io::Result<Vec<u8>> {
    let mut body = Body::new();
    cover_titled(&mut body, title);
    body.heading(title, styles::Heading::Part, Some(title));
    table::tables(&mut body, (None, dept), unit, tables);
    let built = finish(body, year, title.to_string(), dept.to_string());
    fixup::package(built.docx.build(), &built.facts, &BTreeMap::new())
}

/// What the post-pass needs to know about the document docx-rs built.
struct Facts {
    /// The number of header rows of each top-level table, in document order (`w:tblHeader`).
    header_rows: Vec<usize>,
    /// The 目录 entries: (level, text in the contents, heading text, bookmark name).
    contents: Vec<contents::Entry>,
    /// `docProps/core.xml`: the title and the author.
    title: String,
    creator: String,
}

struct Built {
    docx: Docx,
    facts: Facts,
}

/// A block of the body: docx-rs keeps paragraphs and tables apart.
enum Block {
    P(Box<Paragraph>),
    T(Box<DocxTable>),
}

/// How a section's pages are numbered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    /// No number (the cover and the 目录).
    None,
    /// Numbered from 1 (the first page after the 目录).
    Restart,
    /// Numbered on from the previous section.
    Continue,
}

/// The body being built: blocks of the current section, the finished sections, the headings
/// listed in the 目录 and the header rows of each table.
struct Body {
    blocks: Vec<Block>,
    sections: Vec<(Vec<Block>, bool, Numbering)>,
    numbering: Numbering,
    bookmark: usize,
    contents: Vec<contents::Entry>,
    header_rows: Vec<usize>,
    /// The next heading starts a page.
    break_before: bool,
}

impl Body {
    fn new() -> Self {
        Body {
            blocks: Vec::new(),
            sections: Vec::new(),
            numbering: Numbering::None,
            bookmark: 0,
            contents: Vec::new(),
            header_rows: Vec::new(),
            break_before: false,
        }
    }

    /// The next heading starts a new page (a break paragraph could fall on a page of its own
    /// after a table that fills its page).
    fn break_before_next(&mut self) {
        self.break_before = true;
    }

    fn push(&mut self, p: Paragraph) {
        self.blocks.push(Block::P(Box::new(p)));
    }

    /// A table, with the number of its header rows (repeated on every page).
    fn table(&mut self, t: DocxTable, header_rows: usize) {
        self.blocks.push(Block::T(Box::new(t)));
        self.header_rows.push(header_rows);
    }

    /// A heading in a heading style (so Word and WPS list it in their navigation pane), with a
    /// bookmark; `toc` is its line in the 目录 (`None`: not listed).
    fn heading(&mut self, text: &str, style: styles::Heading, toc: Option<&str>) {
        let p = styles::heading(style).page_break_before(std::mem::take(&mut self.break_before));
        let Some(toc) = toc else {
            return self.push(p.add_run(run(text, style.font())));
        };
        self.bookmark += 1;
        let name = format!("_Toc{:05}", self.bookmark);
        let p = p
            .add_bookmark_start(self.bookmark, &name)
            .add_run(run(text, style.font()))
            .add_bookmark_end(self.bookmark);
        self.push(p);
        self.contents.push(contents::Entry {
            level: style.level(),
            toc: toc.to_string(),
            heading: text.to_string(),
            bookmark: name,
        });
    }

    /// Ends a section: the pages so far are portrait or landscape.
    fn section_end(&mut self, landscape: bool) {
        let blocks = std::mem::take(&mut self.blocks);
        self.sections.push((blocks, landscape, self.numbering));
        self.numbering = match self.numbering {
            Numbering::None => Numbering::Restart,
            _ => Numbering::Continue,
        };
    }

    /// The document: every finished section, then the current blocks as the last section (the
    /// body's own, whose page is set on the `Docx`).
    fn into_docx(self, docx: Docx) -> Docx {
        let mut docx = docx;
        for (blocks, landscape, numbering) in self.sections {
            let mut s = page(Section::new(), landscape);
            if numbering != Numbering::None {
                s = s.footer(footer());
            }
            if numbering == Numbering::Restart {
                s = s.page_num_type(PageNumType::new().start(1));
            }
            for b in blocks {
                s = match b {
                    Block::P(p) => s.add_paragraph(*p),
                    Block::T(t) => s.add_table(*t),
                };
            }
            docx = docx.add_section(s);
        }
        for b in self.blocks {
            docx = match b {
                Block::P(p) => docx.add_paragraph(*p),
                Block::T(t) => docx.add_table(*t),
            };
        }
        docx
    }
}

/// The footer: the page number, centred, — 1 —.
fn footer() -> Footer {
    let f = Font {
        east_asia: text::TABLE_FONT,
        size: 28,
        bold: false,
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", f))
            .add_run(
                text::styled(f)
                    .add_field_char(docx_rs::FieldCharType::Begin, false)
                    .add_instr_text(docx_rs::InstrText::Unsupported(" PAGE ".into()))
                    .add_field_char(docx_rs::FieldCharType::Separate, false)
                    .add_text("1")
                    .add_field_char(docx_rs::FieldCharType::End, false),
            )
            .add_run(run(" —", f)),
    )
}

/// `breaks`: the goal tables' rows that open a page (`table::goal_tables`).
fn build(b: &Budget, doc: &Document, breaks: &table::Breaks) -> Built {
    let mut body = Body::new();
    let year = b.year();
    // A part's title: the template's, else the reference's.
    let part = |n: usize, standard: String| match doc.labels.parts.iter().find(|(p, _)| *p == n) {
        Some((_, label)) => label.replace("{year}", &year.to_string()),
        None => standard,
    };
    cover(&mut body, b);
    part_one(&mut body, b, &part(1, "第一部分 部门概况".into()));

    let part2 = part(2, format!("第二部分 {year} 年部门预算表"));
    body.heading(&part2, styles::Heading::Part, Some(&part2));
    table::budget_tables(&mut body, b, doc);

    let part3 = part(3, format!("第三部分 {year} 年部门预算情况和重要事项说明"));
    body.heading(&part3, styles::Heading::Part, Some(&part3));
    prose::sections(&mut body, &doc.explanations);
    table::goal_tables(&mut body, b, b.department(), breaks);
    body.section_end(false);

    let part4 = part(4, "第四部分 名词解释".into());
    body.heading(&part4, styles::Heading::Part, Some(&part4));
    for p in glossary_paragraphs(&doc.glossary) {
        body.push(text::prose(&p.text()));
    }

    let title = format!("{year} 年{}部门预算", b.department());
    finish(body, year, title, b.department().to_string())
}

/// The document from its body: the 目录 after the cover, the styles, the dates (1 January of
/// `year`), and what the post-pass needs.
fn finish(mut body: Body, year: u16, title: String, creator: String) -> Built {
    // The 目录 goes after the cover, once every heading is known.
    let contents = body.contents.clone();
    if let Some((cover_blocks, _, _)) = body.sections.first_mut() {
        for p in contents::paragraphs(&contents) {
            cover_blocks.push(Block::P(Box::new(p)));
        }
    }
    let date = format!("{:04}-01-01T00:00:00Z", year.max(1));
    let header_rows = body.header_rows.clone();
    let docx = styles::apply(Docx::new())
        .footer(footer())
        .created_at(&date)
        .updated_at(&date);
    let docx = page_of_docx(body.into_docx(docx), false);
    Built {
        docx,
        facts: Facts {
            header_rows,
            contents,
            title,
            creator,
        },
    }
}

/// The body's own section (the last one): A4 portrait, the reference's margins.
fn page_of_docx(docx: Docx, landscape: bool) -> Docx {
    let (w, h) = text::page_size(landscape);
    docx.page_size(w, h).page_margin(text::margins())
}

/// The cover, then the 目录 (added once the headings are known), on unnumbered pages.
fn cover(body: &mut Body, b: &Budget) {
    cover_titled(body, &format!("{} 年{}部门预算", b.year(), b.department()));
}

/// A cover with this title, then the 目录's heading.
fn cover_titled(body: &mut Body, title: &str) {
    let title_font = Font {
        east_asia: TITLE_FONT,
        size: 44, // 二号
        bold: false,
    };
    for _ in 0..6 {
        body.push(para(text::BODY));
    }
    body.push(
        Paragraph::new()
            .style(styles::TITLE)
            .align(AlignmentType::Center)
            .add_run(run(title, title_font)),
    );
    body.push(text::page_break());
    body.push(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(text::spacing(
                240,
                120,
                560,
                docx_rs::LineSpacingType::Exact,
            ))
            .add_run(run(
                "目 录",
                Font {
                    east_asia: HEADING_FONT,
                    size: 36,
                    bold: false,
                },
            )),
    );
    body.section_end(false);
}

/// 第一部分 部门概况: duties, organisation and the sub-units.
fn part_one(body: &mut Body, b: &Budget, title: &str) {
    use styles::Heading;
    body.heading(title, Heading::Part, Some(title));
    body.heading("一、主要职责", Heading::Section, Some("一、主要职责"));
    for p in &b.duties {
        body.push(text::prose(&p.value));
    }
    body.heading(
        "二、机构设置情况",
        Heading::Section,
        Some("二、机构设置情况"),
    );
    for p in &b.organization {
        body.push(text::prose(&p.value));
    }
    for p in crate::document::prose::sub_unit_paragraphs(b) {
        body.push(text::prose(&p));
    }
    body.section_end(false);
}
