//! Tables: column widths, merged header rows, data rows, the unit line above a table and the
//! performance-goal tables of the projects.

use super::xml::{
    rpr, run, Align, Body, Font, HEADING_FONT, LANDSCAPE_TEXT, PORTRAIT_TEXT, TABLE_TEXT,
};
use crate::document::prose::{numeral, thousands};
use crate::document::{Cell, ColumnId, ColumnKind, Document, RowLevel, Table, TableId};
use crate::model::Budget;
use std::fmt::Write as _;

/// 第二部分: every table on its own page, wide ones on landscape pages, each with its title
/// (numbered in the contents), its unit line and its note.
pub(super) fn budget_tables(body: &mut Body, b: &Budget, doc: &Document) {
    let mut current_landscape = false;
    for (i, t) in doc.tables().iter().enumerate() {
        let wide = landscape(t.id);
        if i > 0 {
            // Each table starts a page; a change of orientation starts a section.
            if wide != current_landscape {
                body.section_end(current_landscape);
            } else {
                body.page_break();
            }
        }
        current_landscape = wide;
        let total = if wide { LANDSCAPE_TEXT } else { PORTRAIT_TEXT };
        body.heading_toc_as(
            &t.title,
            &format!("{}、{}", numeral(i), t.title),
            1,
            Font {
                east_asia: HEADING_FONT,
                size: 32,
                bold: false,
            },
            Align::Center,
            true,
        );
        unit_line(
            body,
            b.department(),
            b.unit().as_str(),
            total,
            t.note.is_some(),
        );
        table_xml(body, t, total);
        if let Some(note) = &t.note {
            body.text(
                note,
                Font {
                    size: 21,
                    ..TABLE_TEXT
                },
                Align::Left,
                false,
            );
        }
    }
    body.section_end(current_landscape);
}

/// The column widths of a table, in twips, filling `total`: by weight, except that an amount
/// column is as wide as its longest amount needs (a budget in 元 prints `13,719,463.20`), so no
/// amount wraps; the other columns share what is left.
pub(super) fn widths(t: &Table, total: u32) -> Vec<u32> {
    let weights: Vec<u32> = t
        .columns
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Code
                if matches!(
                    c.id,
                    ColumnId::Class | ColumnId::DeptClass | ColumnId::GovClass
                ) =>
            {
                7
            }
            ColumnKind::Code => 5,
            ColumnKind::Amount => 11,
            ColumnKind::Text if c.id == ColumnId::ProjectType => 10,
            ColumnKind::Text if t.id == TableId::ProjectExpenditure => 42,
            ColumnKind::Text
                if matches!(c.id, ColumnId::IncomeItem | ColumnId::ExpenditureItem) =>
            {
                26
            }
            ColumnKind::Text => 30,
        })
        .collect();
    let sum: u32 = weights.iter().sum::<u32>().max(1);
    // What each amount column needs: its longest text in 小五 digits and the cell margins.
    let amounts: Vec<Option<u32>> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let need = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| text_twips(&cell_text(c).0))
                .max()?
                + CELL_MARGINS_TWIPS;
            let share = weights.get(i).copied().unwrap_or(0) * total / sum;
            // A few twips short is no wrap in practice (the reference's 16,028.22 fits its 830).
            (c.kind == ColumnKind::Amount && need > share + TOLERANCE_TWIPS).then_some(need)
        })
        .collect();
    // When amounts widen, the code columns keep their width (squeezed, 208 would break over
    // two lines): the text columns give the room.
    let widened = amounts.iter().any(Option::is_some);
    let needs: Vec<Option<u32>> = t
        .columns
        .iter()
        .zip(&weights)
        .zip(amounts)
        .map(|((c, w), amount)| match c.kind {
            ColumnKind::Code if widened => Some(w * total / sum),
            _ => amount,
        })
        .collect();
    let fixed: u32 = needs.iter().flatten().sum();
    let rest_weight: u32 = weights
        .iter()
        .zip(&needs)
        .filter(|(_, n)| n.is_none())
        .map(|(w, _)| *w)
        .sum::<u32>()
        .max(1);
    let mut w: Vec<u32> = if fixed < total * 3 / 4 {
        let rest = total - fixed;
        weights
            .iter()
            .zip(&needs)
            .map(|(w, n)| n.unwrap_or(w * rest / rest_weight))
            .collect()
    } else {
        // Too many long amounts to widen: share by weight as before.
        weights.iter().map(|x| x * total / sum).collect()
    };
    let used: u32 = w.iter().sum();
    if let Some(last) = w.last_mut() {
        *last = (*last + total).saturating_sub(used);
    }
    w
}

/// The printed width of an amount, in twips: 小五 (9 pt) digits are half an em, 90 twips,
/// separators half that (measured on LibreOffice pages).
fn text_twips(s: &str) -> u32 {
    s.chars()
        .map(|c| if c.is_ascii_digit() { 90 } else { 45 })
        .sum()
}

/// A cell's left and right margins (57 twips each, `tblCellMar`) and some slack, in twips.
const CELL_MARGINS_TWIPS: u32 = 140;
/// How far an amount may exceed its column's share before the column is widened, in twips.
const TOLERANCE_TWIPS: u32 = 40;

/// A grid cell of a header row.
pub(super) struct GridCell {
    text: String,
    span: usize,
    vmerge: Option<bool>, // Some(true) restart, Some(false) continue
}

/// Lays the header's cells (with row and column spans) onto the column grid.
pub(super) fn header_grid(t: &Table) -> Vec<Vec<GridCell>> {
    let n = t.columns.len();
    // For each column, how many more rows a cell from above still covers.
    let mut covered: Vec<(usize, usize)> = vec![(0, 1); n]; // (rows left, span)
    let mut grid = Vec::new();
    for row in t.header() {
        let mut out = Vec::new();
        let mut cells = row.iter();
        let mut col = 0;
        while col < n {
            if covered[col].0 > 0 {
                let span = covered[col].1;
                covered[col].0 -= 1;
                out.push(GridCell {
                    text: String::new(),
                    span,
                    vmerge: Some(false),
                });
                col += span;
                continue;
            }
            match cells.next() {
                Some(c) => {
                    let span = c.col_span.max(1).min(n - col);
                    let vmerge = (c.row_span > 1).then_some(true);
                    if c.row_span > 1 {
                        covered[col] = (c.row_span - 1, span);
                    }
                    out.push(GridCell {
                        text: c.text.clone(),
                        span,
                        vmerge,
                    });
                    col += span;
                }
                None => {
                    out.push(GridCell {
                        text: String::new(),
                        span: 1,
                        vmerge: None,
                    });
                    col += 1;
                }
            }
        }
        grid.push(out);
    }
    grid
}

pub(super) fn cell_xml(
    width: u32,
    span: usize,
    vmerge: Option<bool>,
    text: &str,
    align: Align,
    f: Font,
    id: String,
) -> String {
    let mut tcpr = format!("<w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(tcpr, "<w:gridSpan w:val=\"{span}\"/>");
    }
    match vmerge {
        Some(true) => tcpr.push_str("<w:vMerge w:val=\"restart\"/>"),
        Some(false) => tcpr.push_str("<w:vMerge/>"),
        None => {}
    }
    tcpr.push_str("<w:vAlign w:val=\"center\"/>");
    let runs = if text.is_empty() {
        String::new()
    } else {
        run(text, f)
    };
    format!(
        "<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p w14:paraId=\"{id}\" w14:textId=\"{id}\"><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"{}\"/></w:pPr>{runs}</w:p></w:tc>",
        align.val()
    )
}

/// How a data cell is printed.
pub(super) fn cell_text(c: &Cell) -> (String, Align) {
    match c {
        Cell::Empty => (String::new(), Align::Left),
        Cell::Text(s) => (s.clone(), Align::Left),
        Cell::Amount(d) => (thousands(*d), Align::Right),
    }
}

/// The start of a bordered table of fixed layout with its column grid.
pub(super) fn table_open(total: u32, widths: &[u32]) -> String {
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let mut x = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    );
    for cw in widths {
        let _ = write!(x, "<w:gridCol w:w=\"{cw}\"/>");
    }
    x.push_str("</w:tblGrid>");
    x
}

/// Writes a table: header rows repeated on every page (`w:tblHeader`), fixed layout and widths.
pub(super) fn table_xml(body: &mut Body, t: &Table, total: u32) {
    let w = widths(t, total);
    let mut x = table_open(total, &w);
    let bold = Font {
        bold: true,
        ..TABLE_TEXT
    };
    for row in header_grid(t) {
        x.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        let mut col = 0;
        for c in row {
            let width: u32 = w[col..(col + c.span).min(w.len())].iter().sum();
            x.push_str(&cell_xml(
                width,
                c.span,
                c.vmerge,
                &c.text,
                Align::Center,
                bold,
                body.next_id(),
            ));
            col += c.span;
        }
        x.push_str("</w:tr>");
    }
    for r in &t.rows {
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        // A total row prints its label across the leading blank code and name columns.
        let label_cols = t
            .columns
            .iter()
            .take_while(|c| c.kind != ColumnKind::Amount)
            .count();
        let lead = if r.level == RowLevel::Total {
            r.cells
                .iter()
                .take_while(|c| **c == Cell::Empty)
                .count()
                .min(label_cols)
        } else {
            0
        };
        let mut col = 0;
        if lead > 0 {
            let width: u32 = w[..lead].iter().sum();
            x.push_str(&cell_xml(
                width,
                lead,
                None,
                &r.name,
                Align::Center,
                TABLE_TEXT,
                body.next_id(),
            ));
            col = lead;
        }
        while col < r.cells.len() {
            let (text, align) = cell_text(&r.cells[col]);
            let align = match t.columns.get(col).map(|c| c.kind) {
                Some(ColumnKind::Code) => Align::Center,
                _ => align,
            };
            x.push_str(&cell_xml(
                w[col],
                1,
                None,
                &text,
                align,
                TABLE_TEXT,
                body.next_id(),
            ));
            col += 1;
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    body.xml.push_str(&x);
}

/// The line above a table: 部门(单位) on the left, 单位 on the right.
/// The empty fund tables print it with full-width punctuation, as the template does.
pub(super) fn unit_line(body: &mut Body, dept: &str, unit: &str, total: u32, full_width: bool) {
    let ppr = format!(
        "<w:tabs><w:tab w:val=\"right\" w:pos=\"{total}\"/></w:tabs><w:spacing w:before=\"60\" w:after=\"60\"/>"
    );
    let f = Font {
        size: 21,
        ..TABLE_TEXT
    };
    let (dept_line, unit_line) = if full_width {
        (format!("部门（单位）：{dept}"), format!("单位：{unit}"))
    } else {
        (format!("部门(单位): {dept}"), format!("单位: {unit}"))
    };
    let runs = format!(
        "{}<w:r>{}<w:tab/></w:r>{}",
        run(&dept_line, f),
        rpr(f),
        run(&unit_line, f)
    );
    body.para(&ppr, &runs);
}

/// The tables printed on landscape pages (wide ones).
pub(super) fn landscape(id: TableId) -> bool {
    matches!(
        id,
        TableId::Income
            | TableId::ThreePublic
            | TableId::BasicExpenditure
            | TableId::ProjectExpenditure
            | TableId::Procurement
    )
}

/// The performance-goal table of each project, in the reference's 5-column layout.
pub(super) fn goal_tables(body: &mut Body, b: &Budget, dept: &str) {
    let total = PORTRAIT_TEXT;
    let w = [1500u32, 1700, 2470, 1700, total - 1500 - 1700 - 2470 - 1700];
    let bold = Font {
        bold: true,
        ..TABLE_TEXT
    };
    for p in &b.projects {
        let mut x = table_open(total, &w);
        let mut tr = |cells: Vec<(u32, usize, Option<bool>, String, Align, Font)>, header: bool| {
            x.push_str(if header {
                "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            } else {
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            });
            for (width, span, vm, text, align, f) in cells {
                x.push_str(&cell_xml(width, span, vm, &text, align, f, body.next_id()));
            }
            x.push_str("</w:tr>");
        };
        let c = Align::Center;
        let l = Align::Left;
        // The first four rows (project, department, goal, column titles) repeat on every page.
        tr(
            vec![
                (w[0], 1, None, "项目编码".into(), c, bold),
                (w[1] + w[2], 2, None, p.code.value.clone(), l, TABLE_TEXT),
                (w[3], 1, None, "项目名称".into(), c, bold),
                (w[4], 1, None, p.name.value.clone(), l, TABLE_TEXT),
            ],
            true,
        );
        tr(
            vec![
                (w[0], 1, None, "主管部门".into(), c, bold),
                (
                    w[1] + w[2] + w[3] + w[4],
                    4,
                    None,
                    dept.to_string(),
                    l,
                    TABLE_TEXT,
                ),
            ],
            true,
        );
        let goal = p.goal.as_ref().map(|g| g.value.clone()).unwrap_or_default();
        tr(
            vec![
                (w[0], 1, None, "绩效目标".into(), c, bold),
                (w[1] + w[2] + w[3] + w[4], 4, None, goal, l, TABLE_TEXT),
            ],
            true,
        );
        tr(
            ["一级指标", "二级指标", "三级指标", "指标值", "评扣分标准"]
                .iter()
                .zip(w)
                .map(|(t, cw)| (cw, 1, None, t.to_string(), c, bold))
                .collect(),
            true,
        );
        // 一级 and 二级 print on the first row of their block, merged down over the rest.
        for (i, ind) in p.indicators.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| p.indicators.get(j));
            let next = p.indicators.get(i + 1);
            let same1 = |o: Option<&crate::model::Indicator>| {
                o.is_some_and(|o| o.level1.value == ind.level1.value)
            };
            let same2 = |o: Option<&crate::model::Indicator>| {
                same1(o) && o.is_some_and(|o| o.level2.value == ind.level2.value)
            };
            let merge = |starts: bool, continues: bool| match (starts, continues) {
                (true, true) => Some(true),
                (false, _) => Some(false),
                (true, false) => None,
            };
            let v1 = merge(!same1(prev), same1(next));
            let v2 = merge(!same2(prev), same2(next));
            let t1 = if v1 == Some(false) {
                String::new()
            } else {
                ind.level1.value.clone()
            };
            let t2 = if v2 == Some(false) {
                String::new()
            } else {
                ind.level2.value.clone()
            };
            tr(
                vec![
                    (w[0], 1, v1, t1, c, TABLE_TEXT),
                    (w[1], 1, v2, t2, c, TABLE_TEXT),
                    (w[2], 1, None, ind.name.value.clone(), l, TABLE_TEXT),
                    (w[3], 1, None, ind.value.text.value.clone(), c, TABLE_TEXT),
                    (w[4], 1, None, ind.criterion.value.clone(), c, TABLE_TEXT),
                ],
                false,
            );
        }
        x.push_str("</w:tbl>");
        body.xml.push_str(&x);
        body.para("<w:spacing w:before=\"0\" w:after=\"240\"/>", "");
    }
}
