//! One sheet per table: the title, the 部门（单位） and 单位 line, the merged header, the rows
//! (sums as formulas with their figures cached) and the note.

use super::formulas::CellRef;
use super::refs::{col, first_data_row, Locator, HEADER_TOP};
use super::style::{self, Formats};
use crate::document::{Cell, ColumnKind, RowLevel, Table, TableId};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};
use std::collections::BTreeMap;

/// What one table sheet needs besides the table.
pub struct Sheet<'a> {
    pub department: &'a str,
    /// The template's label before the department (default 部门（单位）).
    pub label: Option<&'a str>,
    pub unit: &'a str,
    /// The table's position in the document.
    pub index: usize,
    /// The formula cells of this table.
    pub sums: &'a BTreeMap<(usize, usize), Vec<CellRef>>,
    pub locator: &'a Locator,
    pub formats: &'a Formats,
}

/// An amount as Excel stores it: the nearest double to the exact decimal.
pub fn number(d: Decimal) -> f64 {
    d.to_string()
        .parse::<f64>()
        .ok()
        .or_else(|| d.to_f64())
        .unwrap_or_default()
}

/// Writes a table into its sheet.
pub fn write(ws: &mut Worksheet, t: &Table, s: &Sheet) -> Result<(), XlsxError> {
    let f = s.formats;
    let ncols = t.columns.len().max(1);
    let last = col(ncols - 1);
    ws.merge_range(0, 0, 0, last, &t.title, &f.title)?;
    ws.set_row_height(0, 30)?;
    unit_line(ws, last, s, t.unit.map_or(s.unit, |u| u.to.as_str()))?;
    // A template's unit: the amounts in it, exact (so the sums hold), shown to its decimals.
    let (amount, amount_total) = match t.unit {
        Some(u) => {
            let nf = style::amount_format(u.decimals);
            (
                f.amount.clone().set_num_format(&nf),
                f.amount_total.clone().set_num_format(&nf),
            )
        }
        None => (f.amount.clone(), f.amount_total.clone()),
    };
    header(ws, t, f)?;
    let top = first_data_row(t);
    // A total row prints its label across the leading blank code and name columns.
    let label_cols = t
        .columns
        .iter()
        .take_while(|c| c.kind != ColumnKind::Amount)
        .count();
    for (r, row) in t.rows.iter().enumerate() {
        let y = s.locator.row(s.index, r);
        let lead = match row.level {
            RowLevel::Total => row
                .cells
                .iter()
                .take_while(|c| **c == Cell::Empty)
                .count()
                .min(label_cols),
            _ => 0,
        };
        if lead > 1 {
            ws.merge_range(y, 0, y, col(lead - 1), &row.name, f.name(row.level))?;
        } else if lead == 1 {
            ws.write_string_with_format(y, 0, &row.name, f.name(row.level))?;
        }
        for (c, cell) in row.cells.iter().enumerate().skip(lead) {
            let kind = t.columns.get(c).map(|c| c.kind);
            let x = col(c);
            let total = row.level == RowLevel::Total;
            let amount_format = if total { &amount_total } else { &amount };
            match cell {
                Cell::Amount(d) => match s.sums.get(&(r, c)) {
                    Some(refs) => {
                        let formula = Formula::new(s.locator.formula(s.index, refs))
                            .set_result(t.converted(*d).to_string());
                        ws.write_formula_with_format(y, x, formula, amount_format)?;
                    }
                    None => {
                        ws.write_number_with_format(y, x, number(t.converted(*d)), amount_format)?;
                    }
                },
                Cell::Text(text) => {
                    let format = match kind {
                        Some(ColumnKind::Code) => &f.code,
                        _ => f.name(row.level),
                    };
                    ws.write_string_with_format(y, x, text, format)?;
                }
                Cell::Empty => {
                    let format = match kind {
                        Some(ColumnKind::Amount) => amount_format,
                        Some(ColumnKind::Code) => &f.code,
                        _ => f.name(row.level),
                    };
                    ws.write_blank(y, x, format)?;
                }
            }
        }
    }
    let below = top.saturating_add(u32::try_from(t.rows.len()).unwrap_or(u32::MAX));
    if let Some(note) = &t.note {
        if ncols > 1 {
            ws.merge_range(below, 0, below, last, note, &f.note)?;
        } else {
            ws.write_string_with_format(below, 0, note, &f.note)?;
        }
    }
    let widths = widths(t);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    header_heights(ws, t, &widths)?;
    // Frozen: the header, and the code and name columns when they lead the table and leave
    // room on a screen for the amounts.
    let lead_width: f64 = widths.iter().take(label_cols).sum();
    let lead_cols =
        if matches!(t.id, TableId::Overview | TableId::FiscalOverview) || lead_width > 60.0 {
            0
        } else {
            label_cols
        };
    ws.set_freeze_panes(top, col(lead_cols))?;
    let wide = widths.iter().sum::<f64>() > 110.0 || landscape(t.id);
    style::page_setup(ws, wide, Some((HEADER_TOP, top - 1)))
}

/// The tables the DOCX prints on landscape pages; any table wider than a portrait page is too.
fn landscape(id: TableId) -> bool {
    matches!(
        id,
        TableId::Income
            | TableId::ThreePublic
            | TableId::BasicExpenditure
            | TableId::ProjectExpenditure
            | TableId::Procurement
            | TableId::RegionIncome
            | TableId::RegionThreePublic
    )
}

/// The line above the header: 部门（单位） on the left, 单位 on the right.
fn unit_line(ws: &mut Worksheet, last: u16, s: &Sheet, unit: &str) -> Result<(), XlsxError> {
    let f = s.formats;
    let dept = format!("{}：{}", s.label.unwrap_or("部门（单位）"), s.department);
    let unit = format!("单位：{unit}");
    if last >= 2 {
        ws.merge_range(1, 0, 1, last - 1, &dept, &f.unit_left)?;
        ws.write_string_with_format(1, last, &unit, &f.unit_right)?;
    } else {
        ws.write_string_with_format(1, 0, format!("{dept}    {unit}"), &f.unit_left)?;
    }
    Ok(())
}

/// The header rows, with their merges.
fn header(ws: &mut Worksheet, t: &Table, f: &Formats) -> Result<(), XlsxError> {
    for (y, x, cell) in header_cells(t) {
        let (y2, x2) = (y + cell.row_span - 1, x + cell.col_span - 1);
        let (row, last_row) = (HEADER_TOP + row32(y), HEADER_TOP + row32(y2));
        if (y, x) == (y2, x2) {
            ws.write_string_with_format(row, col(x), &cell.text, &f.header)?;
        } else {
            ws.merge_range(row, col(x), last_row, col(x2), &cell.text, &f.header)?;
        }
    }
    Ok(())
}

fn row32(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// Every header cell with its header row and first column.
fn header_cells(t: &Table) -> Vec<(usize, usize, crate::document::HeaderCell)> {
    let mut out = Vec::new();
    let mut covered = vec![0usize; t.columns.len()];
    for (y, cells) in t.header().into_iter().enumerate() {
        let mut x = 0;
        for cell in cells {
            while covered.get(x).is_some_and(|n| *n > 0) {
                x += 1;
            }
            for c in covered.iter_mut().skip(x).take(cell.col_span) {
                *c = cell.row_span;
            }
            let span = cell.col_span;
            out.push((y, x, cell));
            x += span;
        }
        for c in covered.iter_mut() {
            *c = c.saturating_sub(1);
        }
    }
    out
}

/// Each column as wide as its widest cell, its header asking for a short line at least.
fn widths(t: &Table) -> Vec<f64> {
    let mut header = vec![0.0f64; t.columns.len()];
    for (_, x, cell) in header_cells(t) {
        if cell.col_span == 1 {
            if let Some(h) = header.get_mut(x) {
                *h = h.max(style::text_width(&cell.text));
            }
        }
    }
    header
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let cells = t
                .rows
                .iter()
                .filter(|r| r.level != RowLevel::Total || r.cells.get(c) != Some(&Cell::Empty))
                .filter_map(|r| r.cells.get(c))
                .map(style::cell_width)
                .fold(0.0, f64::max);
            let amount = t.columns.get(c).map(|c| c.kind) == Some(ColumnKind::Amount);
            style::column_width(cells, *h, amount)
        })
        .collect()
}

/// Header rows tall enough for their wrapped texts.
fn header_heights(ws: &mut Worksheet, t: &Table, widths: &[f64]) -> Result<(), XlsxError> {
    let mut lines = vec![1.0f64; t.header().len()];
    for (y, x, cell) in header_cells(t) {
        if cell.row_span != 1 {
            continue;
        }
        let room: f64 = widths.iter().skip(x).take(cell.col_span).sum::<f64>() - 1.0;
        let need = (style::text_width(&cell.text) / room.max(1.0)).ceil();
        if let Some(l) = lines.get_mut(y) {
            *l = l.max(need);
        }
    }
    for (y, l) in lines.iter().enumerate() {
        ws.set_row_height(HEADER_TOP + row32(y), style::row_height(*l) + 2.0)?;
    }
    Ok(())
}
