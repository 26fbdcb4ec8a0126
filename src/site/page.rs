//! A department's page: 部门概况, charts, downloads, the twelve tables, the 说明 with the goal
//! tables, the 名词解释; in a live preview, the diagnostics first.

use super::html::{attr, close, esc, open, Html};
use super::{chart, table, Entry};
use crate::document::prose::{glossary_paragraphs, Paragraph, Part, Section};
use std::fmt::Write;

/// The HTML of a department's page (`<slug>/index.html`).
pub fn page(e: &Entry, live: Option<u64>) -> String {
    let b = &e.compiled.budget;
    let doc = &e.compiled.document;
    let (dept, year, unit) = (b.department(), b.year(), b.unit().as_str());
    let title = format!("{year} 年{dept}部门预算");
    let mut h = Html::default();
    open(&mut h, &title, "../", live);
    h.raw("<header class=\"site\"><nav aria-label=\"导航\"><a href=\"../index.html\">部门预算公开</a> › ")
        .text(dept)
        .raw("</nav></header>\n");
    if live.is_some() {
        super::diagnostics(&mut h, &e.notices);
    }
    h.raw("<main>\n").el("h1", "", &title).raw("\n");
    let part2 = format!("第二部分 {year} 年部门预算表");
    let part3 = format!("第三部分 {year} 年部门预算情况和重要事项说明");
    // The contents, with the downloads and charts, for the screen only.
    h.raw("<nav class=\"toc\" aria-label=\"目录\"><h2>目录</h2><ol>\n");
    let _ = writeln!(h.out, "<li><a href=\"#part1\">第一部分 部门概况</a></li>");
    let _ = writeln!(h.out, "<li><a href=\"#charts\">预算图表</a></li>");
    let _ = write!(h.out, "<li><a href=\"#part2\">{}</a><ol>", esc(&part2));
    for (i, t) in doc.tables().iter().enumerate() {
        let _ = write!(
            h.out,
            "<li><a href=\"#t-{}\">{}{}</a></li>",
            t.id.as_str(),
            esc(&t.number_prefix(i)),
            esc(&t.title)
        );
    }
    h.raw("</ol></li>\n");
    let _ = writeln!(h.out, "<li><a href=\"#part3\">{}</a></li>", esc(&part3));
    let _ = writeln!(h.out, "<li><a href=\"#part4\">第四部分 名词解释</a></li>");
    if !e.downloads.is_empty() {
        let _ = writeln!(h.out, "<li><a href=\"#downloads\">下载</a></li>");
    }
    h.raw("</ol></nav>\n");

    // 第一部分
    h.raw("<section id=\"part1\">\n<h2>第一部分 部门概况</h2>\n<h3>一、主要职责</h3>\n");
    for p in &b.duties {
        h.p(&p.value);
    }
    h.raw("<h3>二、机构设置情况</h3>\n");
    for p in &b.organization {
        h.p(&p.value);
    }
    for p in crate::document::prose::sub_unit_paragraphs(b) {
        h.p(&p);
    }
    h.raw("</section>\n");

    // Charts
    h.raw("<section id=\"charts\" class=\"screen\">\n<h2>预算图表</h2>\n<div class=\"charts\">\n");
    for c in chart::charts(b, doc) {
        h.raw(&chart::render(&c, unit));
    }
    h.raw("</div>\n</section>\n");

    // 第二部分
    h.raw("<section id=\"part2\">\n")
        .el("h2", "", &part2)
        .raw("\n");
    for (i, t) in doc.tables().iter().enumerate() {
        let wide = if crate::backend::docx::landscape(t.id) {
            " wide"
        } else {
            ""
        };
        let number = t.number_prefix(i);
        let _ = writeln!(
            h.out,
            "<section class=\"table{wide}\" id=\"t-{}\">\n<h3>{}{}</h3>",
            t.id.as_str(),
            esc(&number),
            esc(&t.title)
        );
        let label = doc.labels.department.as_deref().unwrap_or("部门（单位）");
        let _ = writeln!(
            h.out,
            "<p class=\"unit-line\"><span>{}：{}</span><span>单位：{}</span></p>\n<div class=\"scroll\">",
            esc(label),
            esc(dept),
            esc(t.unit.map_or(unit, |u| u.to.as_str()))
        );
        table::budget_table(&mut h, t);
        h.raw("</div>\n");
        if let Some(note) = &t.note {
            h.el("p", " class=\"note\"", note).raw("\n");
        }
        h.raw("</section>\n");
    }
    h.raw("</section>\n");

    // 第三部分
    h.raw("<section id=\"part3\">\n")
        .el("h2", "", &part3)
        .raw("\n");
    for s in &doc.explanations {
        section(&mut h, s, 3);
    }
    if !b.projects.is_empty() {
        h.raw("<div class=\"goals\">\n");
        table::goal_tables(&mut h, b);
        h.raw("</div>\n");
    }
    h.raw("</section>\n");

    // 第四部分
    h.raw("<section id=\"part4\">\n<h2>第四部分 名词解释</h2>\n");
    for p in glossary_paragraphs(&doc.glossary) {
        paragraph(&mut h, &p);
    }
    h.raw("</section>\n");

    if !e.downloads.is_empty() {
        h.raw("<section id=\"downloads\" class=\"screen\">\n<h2>下载</h2>\n<ul class=\"downloads\">\n");
        for d in &e.downloads {
            let size = crate::files::read::human_size(d.bytes.len() as u64);
            let _ = writeln!(
                h.out,
                "<li><a{}{} download>{}</a> <span class=\"size\">（{}，{size}）</span></li>",
                attr("href", &d.name),
                attr("type", d.kind.mime()),
                d.kind.label(),
                esc(&d.name)
            );
        }
        h.raw("</ul>\n</section>\n");
    }
    h.raw("</main>\n");
    close(&mut h);
    h.out
}

/// A section of the 说明: its title at `level`, its paragraphs, its subsections one lower.
fn section(h: &mut Html, s: &Section, level: u8) {
    let tag = format!("h{}", level.min(6));
    h.el(&tag, "", &s.title).raw("\n");
    for p in &s.paragraphs {
        paragraph(h, p);
    }
    for sub in &s.subsections {
        section(h, sub, level + 1);
    }
}

/// A paragraph of the prose, its numbers marked (`<span class="num">`).
fn paragraph(h: &mut Html, p: &Paragraph) {
    h.raw("<p>");
    for part in p.sentences.iter().flat_map(|s| s.parts.iter()) {
        match part {
            Part::Text(t) => {
                h.text(t);
            }
            other => {
                h.el("span", " class=\"num\"", &other.text());
            }
        }
    }
    h.raw("</p>\n");
}
