//! Where the tables' cells land in the workbook, and the text of the formulas that add them up.

use super::formulas::CellRef;
use crate::document::Table;
use rust_xlsxwriter::utility::row_col_to_cell;

/// Rows above a table's header: the title and the 部门/单位 line.
pub const HEADER_TOP: u32 = 2;

/// Excel takes at most 255 arguments in a function; sums of more are nested.
const MAX_ARGS: usize = 250;

/// The sheet of each table and the sheet row of each table's first data row.
pub struct Locator {
    names: Vec<String>,
    first_rows: Vec<u32>,
}

impl Locator {
    pub fn new(tables: &[Table], names: &[String]) -> Self {
        Locator {
            names: names.to_vec(),
            first_rows: tables.iter().map(first_data_row).collect(),
        }
    }

    /// The sheet row of a table's data row.
    pub fn row(&self, table: usize, row: usize) -> u32 {
        let first = self.first_rows.get(table).copied().unwrap_or(HEADER_TOP);
        first.saturating_add(u32::try_from(row).unwrap_or(u32::MAX))
    }

    /// The A1 reference of a cell, with its sheet when it is on another sheet than `from`'s.
    fn a1(&self, from: usize, r: CellRef) -> String {
        let cell = row_col_to_cell(self.row(r.table, r.row), col(r.col));
        if r.table == from {
            cell
        } else {
            let sheet = self.names.get(r.table).map(String::as_str).unwrap_or("");
            // Always quoted: valid for every name, Chinese or not.
            format!("'{}'!{cell}", sheet.replace('\'', "''"))
        }
    }

    /// A range of cells of one sheet (`first` and `last` in one row or one column).
    fn range(&self, from: usize, first: CellRef, last: CellRef) -> String {
        if first == last {
            return self.a1(from, first);
        }
        let end = row_col_to_cell(self.row(last.table, last.row), col(last.col));
        format!("{}:{end}", self.a1(from, first))
    }

    /// The formula of a cell of table `from` that adds up `refs`: `=A1` for one cell,
    /// `=SUM(…)` with runs of neighbouring cells as ranges.
    pub fn formula(&self, from: usize, refs: &[CellRef]) -> String {
        let args: Vec<String> = runs(refs)
            .into_iter()
            .map(|(a, b)| self.range(from, a, b))
            .collect();
        match args.as_slice() {
            [one] if refs.len() == 1 => format!("={one}"),
            _ => format!("={}", sum(&args)),
        }
    }
}

/// The sheet row where a table's data starts: after the title, the unit line and the header.
pub fn first_data_row(t: &Table) -> u32 {
    HEADER_TOP.saturating_add(u32::try_from(t.header().len()).unwrap_or(u32::MAX))
}

/// A column position as Excel's column number.
pub fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// `SUM(args)`, nested when there are more arguments than Excel takes.
fn sum(args: &[String]) -> String {
    if args.len() <= MAX_ARGS {
        return format!("SUM({})", args.join(","));
    }
    let parts: Vec<String> = args.chunks(MAX_ARGS).map(sum).collect();
    sum(&parts)
}

/// The cells as runs of neighbours (down a column or along a row), in order.
fn runs(refs: &[CellRef]) -> Vec<(CellRef, CellRef)> {
    let mut out: Vec<(CellRef, CellRef)> = Vec::new();
    for &r in refs {
        if let Some((first, last)) = out.last_mut() {
            let down = r.table == last.table
                && r.col == last.col
                && first.col == last.col
                && r.row == last.row + 1;
            let along = r.table == last.table
                && r.row == last.row
                && first.row == last.row
                && r.col == last.col + 1;
            if down || along {
                *last = r;
                continue;
            }
        }
        out.push((r, r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(table: usize, row: usize, col: usize) -> CellRef {
        CellRef { table, row, col }
    }

    #[test]
    fn neighbours_become_ranges() {
        let l = Locator {
            names: vec!["甲".into(), "收入总体情况表".into()],
            first_rows: vec![4, 5],
        };
        assert_eq!(
            l.formula(0, &[at(0, 1, 2), at(0, 2, 2), at(0, 4, 2)]),
            "=SUM(C6:C7,C9)"
        );
        assert_eq!(l.formula(0, &[at(0, 0, 2), at(0, 0, 3)]), "=SUM(C5:D5)");
        assert_eq!(l.formula(0, &[at(1, 0, 5)]), "='收入总体情况表'!F6");
        assert_eq!(l.formula(0, &[at(0, 3, 1)]), "=B8");
    }

    #[test]
    fn long_sums_nest() {
        let l = Locator {
            names: vec!["甲".into()],
            first_rows: vec![0],
        };
        let refs: Vec<CellRef> = (0..600).map(|i| at(0, 2 * i, 0)).collect();
        let f = l.formula(0, &refs);
        assert!(f.starts_with("=SUM(SUM(A1,A3,"));
        assert_eq!(f.matches("SUM(").count(), 4);
    }
}
