//! 收入总体情况表: income by source, in rows of functional codes.

use super::header::{amount_col, Column};
use super::ids::{ColumnId, TableId};
use super::index::{amt, by_source, code_columns, func_row, level_of, total_row, Index, TOTAL};
use super::{Cell, Table};
use crate::model::Source;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn columns() -> Vec<Column> {
    let fiscal = "财政拨款收入";
    let mut columns = code_columns();
    columns.extend([
        amount_col(ColumnId::Total, &["合计"]),
        amount_col(ColumnId::FiscalSubtotal, &[fiscal, "小计"]),
        amount_col(ColumnId::General, &[fiscal, "一般公共预算收入"]),
        amount_col(ColumnId::Fund, &[fiscal, "政府性基金预算收入"]),
        amount_col(ColumnId::StateCapital, &[fiscal, "国有资本经营预算收入"]),
        amount_col(ColumnId::SpecialAccount, &["财政专户管理资金收入"]),
        amount_col(ColumnId::Business, &["事业收入(不含教育收费)"]),
        amount_col(ColumnId::Operating, &["事业单位经营收入"]),
        amount_col(ColumnId::Other, &["其他收入"]),
        amount_col(ColumnId::Superior, &["上级补助收入"]),
        amount_col(ColumnId::Affiliated, &["附属单位上缴收入"]),
        amount_col(ColumnId::NonFiscalBalance, &["使用非财政拨款结余"]),
        amount_col(ColumnId::Carryover, &["上年结转"]),
    ]);
    columns
}

/// The amounts of one row, in the order of the columns.
fn values(m: Option<&BTreeMap<Source, Decimal>>) -> Vec<Cell> {
    let one = |s: Source| amt(by_source(m, |x| x == s));
    vec![
        amt(by_source(m, |_| true)),
        amt(by_source(m, Source::is_fiscal)),
        one(Source::GeneralPublic),
        one(Source::GovernmentFund),
        one(Source::StateCapital),
        one(Source::SpecialAccount),
        one(Source::Business),
        one(Source::Operating),
        one(Source::Other),
        one(Source::Superior),
        one(Source::Affiliated),
        one(Source::NonFiscalBalance),
        one(Source::Carryover),
    ]
}

/// 收入总体情况表: the money spent on each functional code, by the source it comes from.
pub(super) fn income(ix: &Index) -> Table {
    let amounts: BTreeMap<(String, Source), Decimal> = ix
        .func
        .iter()
        .map(|(k, s)| (k.clone(), s.total()))
        .collect();
    let rolled = ix.functional_by_source(&amounts);
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    for ((_, s), d) in &amounts {
        *totals.entry(*s).or_default() += *d;
    }
    let mut rows = vec![total_row(4, values(Some(&totals)), TOTAL)];
    for (code, m) in &rolled {
        rows.push(func_row(ix, code, level_of(code), values(Some(m))));
    }
    Table::new(TableId::Income, columns(), rows)
}
