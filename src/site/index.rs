//! The index: every department with its totals, a search box filtering them by name or code,
//! and the summary tables (the region's, once given; until then the departments' own sums).

use super::html::{attr, close, esc, open, Html};
use super::summary::{by_year_and_unit, Listing};
use super::{table, Notice, Region};
use crate::document::prose::thousands;
use std::fmt::Write;

pub fn index(
    entries: &[Listing],
    region: &Region,
    live: Option<u64>,
    problems: &[Notice],
) -> String {
    let mut h = Html::default();
    open(&mut h, "部门预算公开", "", live);
    h.raw("<header class=\"site\"><nav aria-label=\"导航\"><a href=\"index.html\">部门预算公开</a></nav></header>\n");
    if live.is_some() && !problems.is_empty() {
        super::diagnostics(&mut h, problems);
    }
    let n = entries.len();
    h.raw("<main>\n<h1>部门预算公开</h1>\n");
    let _ = writeln!(
        h.out,
        "<p class=\"lead\">共 {n} 个部门的部门预算：每个部门的预算表、情况说明、绩效目标和图表，以及可下载的文本和数据。</p>"
    );
    h.raw("<form class=\"search screen\" role=\"search\" action=\"#\">\n")
        .raw("<label for=\"q\">按名称或编码搜索部门</label>\n")
        .raw("<input id=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"如：疾病预防控制、yunxi\">\n")
        .raw("</form>\n");
    let _ = writeln!(
        h.out,
        "<p id=\"count\" class=\"screen\" aria-live=\"polite\">显示全部 {n} 个部门</p>"
    );
    h.raw("<section id=\"departments\">\n<h2>部门</h2>\n<div class=\"scroll\">\n<table class=\"departments\" id=\"department-list\">\n<caption>各部门预算收支</caption>\n<thead><tr>");
    for c in [
        "部门",
        "编码",
        "年度",
        "金额单位",
        "收入合计",
        "支出合计",
        "基本支出",
        "项目支出",
        "“三公”经费",
    ] {
        let _ = write!(h.out, "<th scope=\"col\">{c}</th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for e in entries {
        let t = &e.totals;
        let search = format!("{} {}", e.department, e.slug).to_lowercase();
        let _ = write!(
            h.out,
            "<tr class=\"department\"{}{}><th scope=\"row\"><a href=\"{}/index.html\">{}</a></th><td class=\"code\">{}</td><td class=\"code\">{}</td><td class=\"code\">{}</td>",
            attr("data-search", &search),
            attr("data-slug", &e.slug),
            esc(&e.slug),
            esc(&e.department),
            esc(&e.slug),
            e.year,
            e.unit
        );
        for v in [t.income, t.expenditure, t.basic, t.project, t.three_public] {
            let _ = write!(h.out, "<td class=\"num\">{}</td>", thousands(v));
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n</div>\n");
    h.raw("<p id=\"none\" class=\"screen\" hidden>没有找到符合条件的部门。</p>\n</section>\n");

    h.raw("<section id=\"summary\">\n<h2>汇总</h2>\n");
    match region {
        Region::Tables(r) => tables(&mut h, r),
        Region::Summary => summary(&mut h, entries),
    }
    h.raw("</section>\n</main>\n");
    h.raw(&format!(
        "<script src=\"{}\"></script>\n",
        super::SEARCH_SCRIPT
    ));
    close(&mut h);
    h.out
}

/// The region's tables (`budc region`'s), each with its 部门（单位） and unit line and its note.
fn tables(h: &mut Html, r: &crate::region::Region) {
    let _ = writeln!(
        h.out,
        "<p>{}：各部门预算的汇总表，与 <code>budc region</code> 所生成的相同（金额以{}列示）。</p>",
        esc(&r.title()),
        r.unit.as_str()
    );
    for t in &r.tables {
        let wide = if crate::backend::docx::landscape(t.id) {
            " wide"
        } else {
            ""
        };
        let _ = writeln!(
            h.out,
            "<section class=\"table{wide}\" id=\"t-{}\">\n<h3>{}</h3>\n<p class=\"unit-line\"><span>部门（单位）：{}</span><span>单位：{}</span></p>\n<div class=\"scroll\">",
            t.id.as_str(),
            esc(&t.title),
            esc(&r.label()),
            r.unit.as_str()
        );
        table::budget_table(h, t);
        h.raw("</div>\n");
        if let Some(note) = &t.note {
            h.el("p", " class=\"note\"", note).raw("\n");
        }
        h.raw("</section>\n");
    }
}

/// The departments' totals added up by year and money unit.
fn summary(h: &mut Html, entries: &[Listing]) {
    h.raw("<p>各部门预算按年度和金额单位汇总（各部门金额以其预算文件的单位列示，不同单位不相加）。</p>\n");
    h.raw("<div class=\"scroll\">\n<table class=\"summary\" id=\"summary-table\">\n<caption>部门预算汇总</caption>\n<thead><tr>");
    for c in [
        "年度",
        "金额单位",
        "部门数",
        "收入合计",
        "支出合计",
        "基本支出",
        "项目支出",
        "“三公”经费",
    ] {
        let _ = write!(h.out, "<th scope=\"col\">{c}</th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for ((year, unit), (n, t)) in by_year_and_unit(entries) {
        let _ = write!(
            h.out,
            "<tr><th scope=\"row\">{year}</th><td class=\"code\">{unit}</td><td class=\"num\">{n}</td>"
        );
        for v in [t.income, t.expenditure, t.basic, t.project, t.three_public] {
            let _ = write!(h.out, "<td class=\"num\">{}</td>", thousands(v));
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n</div>\n");
}
