//! Columns are defined once, with the texts printed above them; the merged header rows
//! (表头, with their row and column spans) are derived from those texts.

use super::ids::ColumnId;

/// A column: its id, what it holds, and the header texts printed above it.
#[derive(Debug, Clone)]
pub struct Column {
    pub id: ColumnId,
    pub kind: ColumnKind,
    /// The header texts above the column, top row first, the column's own label last. A table
    /// whose header is deeper stretches the label down; a text written twice, one under the
    /// other, is one cell spanning both header rows.
    pub header: Vec<String>,
    /// The block the column belongs to, when there is one: the JSON contract's `group`, and
    /// the prefix of column names in assertions (`上年预算数合计`). By default the top header
    /// text of a column with more than one.
    pub group: Option<String>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// A part of a classification code (类, 款 or 项).
    Code,
    Text,
    Amount,
}

/// A header cell and how far it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCell {
    pub text: String,
    pub col_span: usize,
    pub row_span: usize,
}

impl Column {
    /// The column's own header text (the lowest one).
    pub fn label(&self) -> &str {
        self.header.last().map(String::as_str).unwrap_or_default()
    }
}

/// A column with the header texts above it, top first; its group is the top text.
pub(super) fn column(id: ColumnId, kind: ColumnKind, header: &[&str]) -> Column {
    Column {
        id,
        kind,
        header: header.iter().map(|s| s.to_string()).collect(),
        group: header
            .first()
            .filter(|_| header.len() > 1)
            .map(|s| s.to_string()),
    }
}

/// A code column (类, 款 or 项) under 科目编码.
pub(super) fn code_col(id: ColumnId, label: &str) -> Column {
    column(id, ColumnKind::Code, &["科目编码", label])
}

/// A text column (names, items).
pub(super) fn text_col(id: ColumnId, header: &[&str]) -> Column {
    column(id, ColumnKind::Text, header)
}

/// An amount column.
pub(super) fn amount_col(id: ColumnId, header: &[&str]) -> Column {
    column(id, ColumnKind::Amount, header)
}

/// The columns printed under one more header text, a band over all of them; their groups
/// stay as they were.
pub(super) fn under(band: &str, columns: Vec<Column>) -> Vec<Column> {
    columns
        .into_iter()
        .map(|mut c| {
            c.header.insert(0, band.to_string());
            c
        })
        .collect()
}

/// The columns, all in one group.
pub(super) fn in_group(group: &str, columns: Vec<Column>) -> Vec<Column> {
    columns
        .into_iter()
        .map(|c| Column {
            group: Some(group.to_string()),
            ..c
        })
        .collect()
}

/// The header rows of a table, top to bottom. Each row lists the cells that start in it, left
/// to right: a cell spans the columns whose texts are the same in its row and every row above,
/// and the rows below where all of those columns repeat its text.
pub(super) fn header_rows(columns: &[Column]) -> Vec<Vec<HeaderCell>> {
    let depth = columns.iter().map(|c| c.header.len()).max().unwrap_or(0);
    // Every column's texts, the label stretched down to the table's depth.
    let texts: Vec<Vec<&str>> = columns
        .iter()
        .map(|c| {
            let mut t: Vec<&str> = c.header.iter().map(String::as_str).collect();
            t.resize(depth, c.label());
            t
        })
        .collect();
    let at = |col: usize, row: usize| texts.get(col).and_then(|t| t.get(row)).copied();
    let above = |col: usize, row: usize| texts.get(col).and_then(|t| t.get(..=row));
    // For each column, how many more rows a cell placed above still covers.
    let mut covered = vec![0usize; columns.len()];
    let mut rows = Vec::with_capacity(depth);
    for row in 0..depth {
        let mut cells = Vec::new();
        let mut col = 0;
        while col < columns.len() {
            if covered.get(col).is_some_and(|n| *n > 0) {
                col += 1;
                continue;
            }
            let mut col_span = 1;
            while col + col_span < columns.len()
                && covered.get(col + col_span) == Some(&0)
                && above(col + col_span, row) == above(col, row)
            {
                col_span += 1;
            }
            let mut row_span = 1;
            while row + row_span < depth
                && (col..col + col_span).all(|c| at(c, row + row_span) == at(col, row))
            {
                row_span += 1;
            }
            for c in covered.iter_mut().skip(col).take(col_span) {
                *c = row_span;
            }
            cells.push(HeaderCell {
                text: at(col, row).unwrap_or_default().to_string(),
                col_span,
                row_span,
            });
            col += col_span;
        }
        for c in covered.iter_mut() {
            *c = c.saturating_sub(1);
        }
        rows.push(cells);
    }
    rows
}
