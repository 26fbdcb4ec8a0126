//! 政府采购预算情况表: procurement (政府采购) by functional code and source.

use super::header::under;
use super::ids::TableId;
use super::index::{
    code_columns, func_row, level_of, source_columns, source_values, total_row, Index,
};
use super::Table;
use crate::model::Source;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// 政府采购预算情况表: procurement by functional code and source. As in 项目支出预算情况表, the
/// 国有资本经营预算 column is there only when procurement is paid from it.
pub(super) fn procurement(ix: &Index) -> Table {
    let state_capital = ix
        .procurement
        .keys()
        .any(|(_, s)| *s == Source::StateCapital);
    let mut columns = code_columns();
    columns.extend(under("资金来源", source_columns(state_capital)));
    let rolled = ix.functional_by_source(&ix.procurement);
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    for ((_, s), d) in &ix.procurement {
        *totals.entry(*s).or_default() += *d;
    }
    // A 公开稿's procurement stated without its project or code: in the total only.
    for p in ix
        .budget
        .published_procurement
        .iter()
        .filter(|p| p.func.is_none())
    {
        *totals.entry(p.source).or_default() += p.amount.value;
    }
    let mut rows = vec![total_row(
        4,
        source_values(Some(&totals), state_capital),
        "合 计",
    )];
    for (code, m) in &rolled {
        rows.push(func_row(
            ix,
            code,
            level_of(code),
            source_values(Some(m), state_capital),
        ));
    }
    Table::new(TableId::Procurement, columns, rows)
}
