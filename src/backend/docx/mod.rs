//! The DOCX backend: the publishable 部门预算 in the official layout, written as
//! WordprocessingML. It renders the document model (tables, figures and the prose data of
//! `document::prose`); it computes no sums of its own. This file holds the document's order;
//! `xml` writes paragraphs and headings, `table` the tables, `prose` the 说明 and 名词解释,
//! `package` the zip around them.
//!
//! Why not docx-rs (the stack's choice): its output needs a post-pass that rewrites the zip
//! entries (stored, not deflated), the paragraph ids (duplicates, process-global counters), the
//! table header rows (no `w:tblHeader`), the contents (renders as field code in LibreOffice) and
//! the document dates. Writing the few XML parts directly is smaller, deterministic by
//! construction, and gives exact control over merges, widths and sections.

mod package;
mod prose;
mod table;
mod xml;

use crate::document::prose::{glossary_paragraphs, numeral};
use crate::document::Document;
use crate::model::Budget;
use xml::{sect_pr, Align, Body, Font, HEADING_FONT, TITLE_FONT};

/// The DOCX bytes: deflated entries with a fixed timestamp, so the same budget gives the same
/// bytes.
pub fn render(b: &Budget, doc: &Document) -> std::io::Result<Vec<u8>> {
    package::zip(b, document_xml(b, doc))
}

fn document_xml(b: &Budget, doc: &Document) -> String {
    let mut body = build_body(b, doc);
    let toc = xml::contents(&mut body);
    let xml = body.xml.replacen("<!--TOC-->", &toc, 1);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {}><w:body>{xml}{}</w:body></w:document>",
        package::NS,
        sect_pr(false)
    )
}

/// A part's heading (第一部分 …): 黑体 三号, centred, in the contents.
const PART_FONT: Font = Font {
    east_asia: HEADING_FONT,
    size: 32,
    bold: false,
};

/// Builds the whole document body, part by part.
fn build_body(b: &Budget, doc: &Document) -> Body {
    let mut body = Body::new();
    let year = b.year();
    cover(&mut body, b);
    part_one(&mut body, b);

    body.heading(
        &format!("第二部分 {year} 年部门预算表"),
        0,
        PART_FONT,
        Align::Center,
        true,
    );
    table::budget_tables(&mut body, b, doc);

    body.heading(
        &format!("第三部分 {year} 年部门预算情况和重要事项说明"),
        0,
        PART_FONT,
        Align::Center,
        true,
    );
    prose::sections(&mut body, &doc.explanations);
    table::goal_tables(&mut body, b, b.department());
    body.section_end(false);

    body.heading("第四部分 名词解释", 0, PART_FONT, Align::Center, true);
    prose::paragraphs(&mut body, &glossary_paragraphs(&doc.glossary));
    body
}

/// The cover, then a marker where the contents go once the headings are known.
fn cover(body: &mut Body, b: &Budget) {
    let title_font = Font {
        east_asia: TITLE_FONT,
        size: 44, // 二号
        bold: false,
    };
    for _ in 0..6 {
        body.para("", "");
    }
    body.heading(
        &format!("{} 年{}部门预算", b.year(), b.department()),
        0,
        title_font,
        Align::Center,
        false,
    );
    body.page_break();
    body.xml.push_str("<!--TOC-->");
    // The cover has no page number: a distinct (empty) first-page footer.
    body.para(
        &sect_pr(false).replace("<w:docGrid ", "<w:titlePg/><w:docGrid "),
        "",
    );
}

/// 第一部分 部门概况: duties, organisation and the sub-units.
fn part_one(body: &mut Body, b: &Budget) {
    let (dept, year) = (b.department(), b.year());
    body.heading("第一部分 部门概况", 0, PART_FONT, Align::Center, true);
    body.heading("一、主要职责", 1, prose::SECTION_FONT, Align::Left, true);
    for p in &b.duties {
        body.prose(&p.value);
    }
    body.heading(
        "二、机构设置情况",
        1,
        prose::SECTION_FONT,
        Align::Left,
        true,
    );
    for p in &b.organization {
        body.prose(&p.value);
    }
    match b.sub_units.as_slice() {
        // A single-unit department: its own budget is the whole, no 二级预算单位 to list.
        [] => body.prose(&format!(
            "{dept} {year} 年部门预算仅包括本级预算，没有下属二级预算单位。"
        )),
        [only] => body.prose(&format!(
            "{dept} {year} 年部门预算仅包括{}一个预算单位的预算，没有下属二级预算单位。",
            only.name.value
        )),
        units => {
            body.prose(&format!(
                "纳入{dept} {year} 年部门预算编制范围的二级预算单位包括："
            ));
            for (i, u) in units.iter().enumerate() {
                body.prose(&format!("（{}）{}", numeral(i), u.name.value));
            }
        }
    }
    body.section_end(false);
}
