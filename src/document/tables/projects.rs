//! 项目支出预算情况表: one row per project (项目支出), by source.

use super::header::text_col;
use super::ids::{ColumnId, TableId};
use super::index::{source_columns, source_values, text, Index};
use super::{Cell, Row, RowLevel, Table};
use crate::model::Source;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// 项目支出预算情况表: one row per project.
pub(super) fn project_expenditure(ix: &Index) -> Table {
    let mut columns = vec![
        text_col(ColumnId::Name, &["项目名称"]),
        text_col(ColumnId::ProjectType, &["项目类型"]),
    ];
    columns.extend(source_columns(false));
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    let mut rows = Vec::new();
    for p in &ix.budget.projects {
        let m: BTreeMap<Source, Decimal> = p.by_source().into_iter().collect();
        for (s, d) in &m {
            *totals.entry(*s).or_default() += *d;
        }
        let mut cells = vec![
            text(p.name.value.clone()),
            text(p.kind.as_ref().map(|k| k.value.clone()).unwrap_or_default()),
        ];
        cells.extend(source_values(Some(&m), false));
        rows.push(Row {
            code: Some(p.code.value.clone()),
            name: p.name.value.clone(),
            level: RowLevel::Project,
            cells,
        });
    }
    let mut total_cells = vec![text("合 计"), Cell::Empty];
    total_cells.extend(source_values(Some(&totals), false));
    rows.insert(
        0,
        Row {
            code: None,
            name: "合 计".into(),
            level: RowLevel::Total,
            cells: total_cells,
        },
    );
    Table::new(TableId::ProjectExpenditure, columns, rows)
}
