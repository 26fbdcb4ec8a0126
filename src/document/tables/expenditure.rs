//! 支出总体情况表 and the three tables of one fund each (一般公共预算, 政府性基金预算,
//! 国有资本经营预算支出情况表): spending by functional code.

use super::header::{amount_col, Column};
use super::ids::{ColumnId, TableId};
use super::index::{amt, code_columns, func_row, total_row, Index, TOTAL};
use super::{Cell, Table};
use crate::document::spending::Spending;
use crate::model::Source;

/// 支出总体情况表: all spending by functional code, 基本 / 项目.
pub(super) fn expenditure(ix: &Index) -> Table {
    let mut columns = code_columns();
    columns.extend([
        amount_col(ColumnId::Total, &["合计"]),
        amount_col(ColumnId::Basic, &["基本支出"]),
        amount_col(ColumnId::Project, &["项目支出"]),
        amount_col(ColumnId::CarryForward, &["结转下年"]),
    ]);
    let values = |s: &Spending| vec![amt(s.total()), amt(s.basic()), amt(s.project), Cell::Empty];
    let mut rows = vec![total_row(4, values(&ix.func_total(|_| true)), TOTAL)];
    for (code, level, s) in ix.functional(|_| true) {
        rows.push(func_row(ix, &code, level, values(&s)));
    }
    Table::new(TableId::Expenditure, columns, rows)
}

fn fund_columns() -> Vec<Column> {
    let basic = "基本支出";
    let mut columns = code_columns();
    columns.extend([
        amount_col(ColumnId::Total, &["合计"]),
        amount_col(ColumnId::BasicSubtotal, &[basic, "小计"]),
        amount_col(ColumnId::Personnel, &[basic, "人员支出"]),
        amount_col(ColumnId::Public, &[basic, "日常公用支出"]),
        amount_col(ColumnId::Project, &["项目支出"]),
    ]);
    columns
}

/// 一般公共预算支出情况表 and the two fund tables (same layout, one source each). A fund
/// table without spending says so in a note naming the `fund`.
pub(super) fn by_fund(ix: &Index, id: TableId, source: Source, fund: Option<&str>) -> Table {
    let values = |s: &Spending| {
        vec![
            amt(s.total()),
            amt(s.basic()),
            amt(s.personnel),
            amt(s.public),
            amt(s.project),
        ]
    };
    let mut rows = vec![total_row(
        4,
        values(&ix.func_total(|s| s == source)),
        "合 计",
    )];
    for (code, level, s) in ix.functional(|s| s == source) {
        rows.push(func_row(ix, &code, level, values(&s)));
    }
    let empty = rows.len() == 1;
    let note = match (fund, empty) {
        (Some(f), true) => Some(format!(
            "注：{} 年没有使用{f}拨款安排的支出。",
            ix.budget.year()
        )),
        _ => None,
    };
    Table {
        note,
        ..Table::new(id, fund_columns(), rows)
    }
}
