//! The budget tables as accessible HTML tables: the document's merged header rows as `<th>`
//! with `scope`, `colspan` and `rowspan`, each row's name as its row header, and every data
//! cell marked with its column's id (`data-col`), as the JSON contract names it. The goal
//! tables in the 5-column layout of the document.

use super::html::{attr, esc, Html};
use crate::document::{Cell, ColumnId, ColumnKind, RowLevel, Table};
use crate::model::{Budget, Indicator, Project};
use std::fmt::Write;

/// A budget table with its caption, header rows and body.
pub fn budget_table(h: &mut Html, t: &Table) {
    let id = t.id.as_str();
    let _ = writeln!(
        h.out,
        "<table class=\"budget\" data-table=\"{id}\">\n<caption>{}</caption>\n<thead>",
        esc(&t.title)
    );
    for row in t.header() {
        h.raw("<tr>");
        for c in row {
            let scope = if c.col_span > 1 { "colgroup" } else { "col" };
            let _ = write!(h.out, "<th scope=\"{scope}\"");
            if c.col_span > 1 {
                let _ = write!(h.out, " colspan=\"{}\"", c.col_span);
            }
            if c.row_span > 1 {
                let _ = write!(h.out, " rowspan=\"{}\"", c.row_span);
            }
            let _ = write!(h.out, ">{}</th>", esc(&c.text));
        }
        h.raw("</tr>\n");
    }
    h.raw("</thead>\n<tbody>\n");
    // The row header: the name column, else the first text column.
    let header_col = t
        .column(ColumnId::Name)
        .or_else(|| t.columns.iter().position(|c| c.kind == ColumnKind::Text));
    for r in &t.rows {
        // A total row's label spans the leading blank code and name columns.
        let lead = t.label_span(r);
        let _ = write!(h.out, "<tr class=\"{}\">", level_class(r.level));
        if lead > 0 {
            let span = if lead > 1 {
                format!(" colspan=\"{lead}\"")
            } else {
                String::new()
            };
            let _ = write!(
                h.out,
                "<th scope=\"row\" class=\"label\"{span}>{}</th>",
                esc(&r.name)
            );
        }
        for (col, (c, column)) in r.cells.iter().zip(&t.columns).enumerate().skip(lead) {
            let (text, class) = match c {
                Cell::Empty => (String::new(), "empty"),
                Cell::Text(s) => (s.clone(), "text"),
                Cell::Amount(d) => (t.format(*d), "num"),
            };
            let class = if column.kind == ColumnKind::Code {
                "code"
            } else {
                class
            };
            let (tag, scope) = if Some(col) == header_col && lead == 0 {
                ("th", " scope=\"row\"")
            } else {
                ("td", "")
            };
            let _ = write!(
                h.out,
                "<{tag}{scope} class=\"{class}\" data-col=\"{}\">{}</{tag}>",
                column.id.as_str(),
                esc(&text)
            );
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}

fn level_class(l: RowLevel) -> &'static str {
    match l {
        RowLevel::Total => "total",
        RowLevel::Class => "class",
        RowLevel::Section => "section",
        RowLevel::Item => "item",
        RowLevel::Project => "project",
        RowLevel::Line => "line",
    }
}

/// The performance-goal table of each project, in the document's layout: project code and
/// name, the department, the goal, then the indicators with their 一级 and 二级 labels merged
/// down over their blocks.
pub fn goal_tables(h: &mut Html, b: &Budget) {
    for p in &b.projects {
        goal_table(h, p, b.department());
    }
}

fn goal_table(h: &mut Html, p: &Project, dept: &str) {
    let _ = writeln!(
        h.out,
        "<table class=\"goal\"{}>\n<caption>{}</caption>\n<tbody>",
        attr("data-project", &p.code.value),
        esc(&format!("{}绩效目标表", p.name.value))
    );
    let _ = writeln!(
        h.out,
        "<tr><th scope=\"row\">项目编码</th><td colspan=\"2\">{}</td><th scope=\"row\">项目名称</th><td>{}</td></tr>",
        esc(&p.code.value),
        esc(&p.name.value)
    );
    let _ = writeln!(
        h.out,
        "<tr><th scope=\"row\">主管部门</th><td colspan=\"4\">{}</td></tr>",
        esc(dept)
    );
    let goal = p
        .goal
        .as_ref()
        .map(|g| g.value.as_str())
        .unwrap_or_default();
    let _ = writeln!(
        h.out,
        "<tr><th scope=\"row\">绩效目标</th><td colspan=\"4\" class=\"prose\">{}</td></tr>",
        esc(goal)
    );
    h.raw("<tr>");
    for t in ["一级指标", "二级指标", "三级指标", "指标值", "评扣分标准"] {
        let _ = write!(h.out, "<th scope=\"col\">{t}</th>");
    }
    h.raw("</tr>\n");
    let inds = &p.indicators;
    for (i, ind) in inds.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| inds.get(j));
        let same1 = |a: &Indicator, b: &Indicator| a.level1.value == b.level1.value;
        let same2 = |a: &Indicator, b: &Indicator| same1(a, b) && a.level2.value == b.level2.value;
        h.raw("<tr>");
        if !prev.is_some_and(|o| same1(o, ind)) {
            let n = inds.iter().skip(i).take_while(|o| same1(o, ind)).count();
            label(h, &ind.level1.value, n);
        }
        if !prev.is_some_and(|o| same2(o, ind)) {
            let n = inds.iter().skip(i).take_while(|o| same2(o, ind)).count();
            label(h, &ind.level2.value, n);
        }
        let _ = writeln!(
            h.out,
            "<td>{}</td><td class=\"value\">{}</td><td class=\"value\">{}</td></tr>",
            esc(&ind.name.value),
            esc(&ind.value.text.value),
            esc(&ind.criterion.value)
        );
    }
    h.raw("</tbody>\n</table>\n");
}

/// A 一级 or 二级 label, merged down over the `rows` of its block.
fn label(h: &mut Html, text: &str, rows: usize) {
    let span = if rows > 1 {
        format!(" rowspan=\"{rows}\"")
    } else {
        String::new()
    };
    let _ = write!(h.out, "<th scope=\"rowgroup\"{span}>{}</th>", esc(text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TableId;

    fn example() -> crate::Compiled {
        let text = include_str!("../../examples/liaocheng-2024.bud");
        crate::compile(crate::source::SourceFile::new("example.bud", text), None)
    }

    #[test]
    fn header_cells_carry_the_documents_merges() {
        let c = example();
        for t in c.document.tables() {
            let mut h = Html::default();
            budget_table(&mut h, t);
            let head = h.out.split("</thead>").next().unwrap_or_default();
            for row in t.header() {
                for cell in row {
                    if cell.col_span > 1 {
                        assert!(head.contains(&format!("colspan=\"{}\"", cell.col_span)));
                    }
                    if cell.row_span > 1 {
                        assert!(head.contains(&format!("rowspan=\"{}\"", cell.row_span)));
                    }
                }
            }
            // Every column's cells in every row, as data cells or the label of a total.
            let rows = h.out.matches("<tr class=").count();
            assert_eq!(rows, t.rows.len(), "{}", t.id);
        }
        let mut h = Html::default();
        budget_table(&mut h, c.document.table(TableId::ThreePublic));
        assert!(h.out.contains("<th scope=\"colgroup\""), "{}", h.out);
    }
}
