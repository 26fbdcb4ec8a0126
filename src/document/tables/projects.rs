//! 项目支出预算情况表: one row per project (项目支出), by source.

use super::header::text_col;
use super::ids::{ColumnId, TableId};
use super::index::{source_columns, source_values, text, Index};
use super::{Cell, Row, RowLevel, Table};
use crate::model::Source;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// 项目支出预算情况表: one row per project. The template has no 国有资本经营预算 column; the
/// table gets one when a project is paid from it, so that its money, counted in 财政拨款 小计,
/// shows in a column of its own.
pub(super) fn project_expenditure(ix: &Index) -> Table {
    let state_capital = ix
        .budget
        .projects
        .iter()
        .flat_map(|p| &p.allocations)
        .chain(&ix.budget.project_totals)
        .any(|a| a.source == Source::StateCapital);
    let mut columns = vec![
        text_col(ColumnId::Name, &["项目名称"]),
        text_col(ColumnId::ProjectType, &["项目类型"]),
    ];
    columns.extend(source_columns(state_capital));
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
        cells.extend(source_values(Some(&m), state_capital));
        rows.push(Row {
            code: Some(p.code.value.clone()),
            name: p.name.value.clone(),
            level: RowLevel::Project,
            cells,
        });
    }
    // A 公开稿's project spending by code (its projects are not published): a row per code.
    let mut by_code: BTreeMap<&str, BTreeMap<Source, Decimal>> = BTreeMap::new();
    for a in &ix.budget.project_totals {
        *by_code
            .entry(a.code.code.as_str())
            .or_default()
            .entry(a.source)
            .or_default() += a.amount.value;
    }
    for (code, m) in by_code {
        for (s, d) in &m {
            *totals.entry(*s).or_default() += *d;
        }
        let name = format!("{code} {}", ix.func_name(code));
        let mut cells = vec![text(name.clone()), Cell::Empty];
        cells.extend(source_values(Some(&m), state_capital));
        rows.push(Row {
            code: Some(code.to_string()),
            name,
            level: RowLevel::Project,
            cells,
        });
    }
    let mut total_cells = vec![text("合 计"), Cell::Empty];
    total_cells.extend(source_values(Some(&totals), state_capital));
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
