//! Which cells of the twelve tables are sums, and of what: the plan of the workbook's formulas.
//!
//! A cell is a formula when it is a roll-up of other cells: a 合计 or 小计 column the sum of its
//! parts in the same row, a 类 the sum of its 款 rows (a 款 of its 项 rows, a 合计 row of the 类
//! rows) in the same column, and a line of the two-sided overview tables the figure of another
//! table (收入总体情况表's 合计 row, 支出总体情况表's 类 rows). Every candidate is checked against
//! the document's own figures, exactly (Decimal): a sum that would not give the cell's figure is
//! not a formula but the number. So a formula never shows anything the other backends don't.

use crate::document::{Cell, ColumnId, Document, Row, RowLevel, Table, TableId};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A cell of one of the twelve tables: the table's position, the row and the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRef {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

/// The formula cells of every table (by position): each the sum of the cells listed.
pub type Plan = Vec<BTreeMap<(usize, usize), Vec<CellRef>>>;

/// The formulas of the document's tables, each one checked to give the cell's figure.
pub fn plan(doc: &Document) -> Plan {
    checked(doc).0
}

/// The cells that are roll-ups by the table's layout but whose parts do not add up to the
/// figure (so they are written as numbers). None in a consistent document; the tests say so.
pub fn unmatched(doc: &Document) -> Vec<CellRef> {
    checked(doc).1
}

/// The formulas of tables that stand alone (a region's summary, `budc region`): the sums of
/// their columns and of their rows' tree, each one checked to give the cell's figure.
pub fn plan_tables(tables: &[Table]) -> Plan {
    checked_in(tables, tree).0
}

fn checked(doc: &Document) -> (Plan, Vec<CellRef>) {
    checked_in(doc.tables(), |ti, t| row_sums(doc, ti, t))
}

/// `rows`: the cells of a table that are sums of other rows, as `row_sums` finds them.
fn checked_in(
    tables: &[Table],
    rows: impl Fn(usize, &Table) -> BTreeMap<(usize, usize), Vec<CellRef>>,
) -> (Plan, Vec<CellRef>) {
    let mut unmatched = Vec::new();
    let mut plan = Vec::with_capacity(tables.len());
    for (ti, t) in tables.iter().enumerate() {
        let mut sums = BTreeMap::new();
        let columns = column_sums(t);
        let rows = rows(ti, t);
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let Cell::Amount(value) = cell else {
                    continue;
                };
                let candidates: Vec<Vec<CellRef>> = [
                    columns.get(&c).map(|parts| {
                        parts
                            .iter()
                            .map(|&col| CellRef {
                                table: ti,
                                row: r,
                                col,
                            })
                            .collect()
                    }),
                    rows.get(&(r, c)).cloned(),
                ]
                .into_iter()
                .flatten()
                .filter(|refs: &Vec<CellRef>| !refs.is_empty())
                .collect();
                match candidates
                    .iter()
                    .find(|refs| sum_of(tables, refs) == Some(*value))
                {
                    Some(refs) => {
                        sums.insert((r, c), refs.clone());
                    }
                    None if !candidates.is_empty() => unmatched.push(CellRef {
                        table: ti,
                        row: r,
                        col: c,
                    }),
                    None => {}
                }
            }
        }
        plan.push(sums);
    }
    (plan, unmatched)
}

/// The exact sum of the cells (blank is zero); `None` if one is text or missing, or the sum
/// overflows.
fn sum_of(tables: &[Table], refs: &[CellRef]) -> Option<Decimal> {
    refs.iter().try_fold(Decimal::ZERO, |acc, r| {
        match tables.get(r.table)?.rows.get(r.row)?.cells.get(r.col)? {
            Cell::Amount(d) => acc.checked_add(*d),
            Cell::Empty => Some(acc),
            Cell::Text(_) => None,
        }
    })
}

/// The columns that are sums of other columns of the same row: position → parts' positions.
fn column_sums(t: &Table) -> BTreeMap<usize, Vec<usize>> {
    use ColumnId::*;
    const RULES: &[(ColumnId, &[ColumnId])] = &[
        (
            Total,
            &[
                FiscalSubtotal,
                SpecialAccount,
                Business,
                Operating,
                Other,
                Superior,
                Affiliated,
                UnitFunds,
                NonFiscalBalance,
                Carryover,
            ],
        ),
        (FiscalSubtotal, &[General, Fund, StateCapital]),
        (Total, &[Basic, Project, CarryForward]),
        (Total, &[BasicSubtotal, Project]),
        (BasicSubtotal, &[Personnel, Public]),
        (Subtotal, &[Personnel, Public]),
        (Total, &[Abroad, VehicleSubtotal, Reception]),
        (Total, &[Goods, Works, Services]),
        (VehicleSubtotal, &[VehiclePurchase, VehicleOperation]),
        (
            PriorTotal,
            &[PriorAbroad, PriorVehicleSubtotal, PriorReception],
        ),
        (
            PriorVehicleSubtotal,
            &[PriorVehiclePurchase, PriorVehicleOperation],
        ),
    ];
    let mut out = BTreeMap::new();
    if t.id == TableId::FiscalOverview {
        // The spending side: 总计 = the three funds.
        if let Some(total) = t.column(Total) {
            let parts = [General, Fund, StateCapital].map(|c| t.column(c));
            out.insert(total, parts.into_iter().flatten().collect());
        }
        return out;
    }
    for (total, parts) in RULES {
        let Some(at) = t.column(*total) else {
            continue;
        };
        let parts: Vec<usize> = parts.iter().filter_map(|p| t.column(*p)).collect();
        // A rule applies when the table has at least two of its parts (`Total` has several
        // rules, one per family of tables).
        if parts.len() >= 2 && !out.contains_key(&at) {
            out.insert(at, parts);
        }
    }
    out
}

/// How deep a row sits in the tree of a table: 合计 above 类 above 款 above 项.
fn depth(level: RowLevel) -> u8 {
    match level {
        RowLevel::Total => 0,
        RowLevel::Class | RowLevel::Project | RowLevel::Line => 1,
        RowLevel::Section => 2,
        RowLevel::Item => 3,
    }
}

/// The cells that are sums of other rows (in the same column, or of other tables): (row,
/// column) → parts.
fn row_sums(doc: &Document, ti: usize, t: &Table) -> BTreeMap<(usize, usize), Vec<CellRef>> {
    match t.id {
        TableId::Overview => overview(doc, ti, t),
        TableId::FiscalOverview => fiscal_overview(doc, ti, t),
        _ => tree(ti, t),
    }
}

/// A table whose rows are a tree by level, parents first (合计, then each 类 followed by its 款,
/// each 款 by its 项): every parent is the sum of its children, the rows below it up to the next
/// row as high as it, at the highest level among them.
fn tree(ti: usize, t: &Table) -> BTreeMap<(usize, usize), Vec<CellRef>> {
    let mut out = BTreeMap::new();
    let depths: Vec<u8> = t.rows.iter().map(|r| depth(r.level)).collect();
    for (r, d) in depths.iter().enumerate() {
        let below = depths.get(r + 1..).unwrap_or_default();
        let span = below.iter().take_while(|x| *x > d).count();
        let Some(top) = below.iter().take(span).min() else {
            continue;
        };
        let children: Vec<usize> = (r + 1..=r + span)
            .filter(|i| depths.get(*i) == Some(top))
            .collect();
        for c in 0..t.columns.len() {
            let refs = children
                .iter()
                .map(|&row| CellRef {
                    table: ti,
                    row,
                    col: c,
                })
                .collect();
            out.insert((r, c), refs);
        }
    }
    out
}

/// The row's text in a column, without spaces (the tables space out 本 年 收 入 合 计).
fn text_in(t: &Table, row: &Row, col: ColumnId) -> Option<String> {
    match row.cells.get(t.column(col)?)? {
        Cell::Text(s) => Some(s.chars().filter(|c| !c.is_whitespace()).collect()),
        _ => None,
    }
}

/// A numbered income line's name without its number: 一、一般公共预算拨款收入 → the name.
fn unnumbered(s: &str) -> &str {
    s.split_once('、').map_or(s, |(_, name)| name)
}

/// The position of the row whose text in `col` is `name` (spaces ignored).
fn row_named(t: &Table, col: ColumnId, name: &str) -> Option<usize> {
    t.rows
        .iter()
        .position(|r| text_in(t, r, col).as_deref() == Some(name))
}

/// A cell of another table: its 合计 row (the first), in a column (`None` when the template
/// has not got the table or the column).
fn total_of(doc: &Document, id: TableId, col: ColumnId) -> Option<CellRef> {
    let table = doc.position(id)?;
    let t = doc.tables().get(table)?;
    Some(CellRef {
        table,
        row: t.rows.iter().position(|r| r.level == RowLevel::Total)?,
        col: t.column(col)?,
    })
}

/// A cell of another table: the row of a functional code, in a column.
fn code_of(doc: &Document, id: TableId, code: &str, col: ColumnId) -> Option<CellRef> {
    let table = doc.position(id)?;
    let t = doc.tables().get(table)?;
    Some(CellRef {
        table,
        row: t
            .rows
            .iter()
            .position(|r| r.code.as_deref() == Some(code))?,
        col: t.column(col)?,
    })
}

/// The rows of the two-sided tables above their total lines: the numbered lines.
fn numbered_rows(t: &Table) -> Vec<usize> {
    t.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.level == RowLevel::Class)
        .map(|(i, _)| i)
        .collect()
}

/// The same column of several rows of one table.
fn column_of(ti: usize, rows: &[usize], col: usize) -> Vec<CellRef> {
    rows.iter()
        .map(|&row| CellRef {
            table: ti,
            row,
            col,
        })
        .collect()
}

/// 收支总体情况表: the income lines from 收入总体情况表's 合计 row, the 类 lines from
/// 支出总体情况表, and the totals of both sides.
fn overview(doc: &Document, ti: usize, t: &Table) -> BTreeMap<(usize, usize), Vec<CellRef>> {
    use ColumnId::*;
    let mut out = BTreeMap::new();
    let (Some(ia), Some(ea)) = (t.column(IncomeAmount), t.column(ExpenditureAmount)) else {
        return out;
    };
    let income_column = |name: &str| -> Option<ColumnId> {
        Some(match name {
            "一般公共预算拨款收入" => General,
            "政府性基金预算拨款收入" => Fund,
            "国有资本经营预算拨款收入" => StateCapital,
            "财政专户管理资金收入" => SpecialAccount,
            "事业收入" => Business,
            "事业单位经营收入" => Operating,
            "上级补助收入" => Superior,
            "附属单位上缴收入" => Affiliated,
            "其他收入" => Other,
            "使用非财政拨款结余" => NonFiscalBalance,
            "上年结转" => Carryover,
            _ => return None,
        })
    };
    let lines = numbered_rows(t);
    for (r, row) in t.rows.iter().enumerate() {
        if let Some(name) = text_in(t, row, IncomeItem) {
            let from =
                income_column(unnumbered(&name)).and_then(|c| total_of(doc, TableId::Income, c));
            if let Some(cell) = from {
                out.insert((r, ia), vec![cell]);
            }
        }
        if let (RowLevel::Class, Some(code)) = (row.level, &row.code) {
            if let Some(cell) = code_of(doc, TableId::Expenditure, code, Total) {
                out.insert((r, ea), vec![cell]);
            }
        }
    }
    let income_total = row_named(t, IncomeItem, "本年收入合计");
    if let Some(r) = income_total {
        out.insert((r, ia), column_of(ti, &lines, ia));
    }
    let spending_total = row_named(t, ExpenditureItem, "本年支出合计");
    if let Some(r) = spending_total {
        out.insert((r, ea), column_of(ti, &lines, ea));
    }
    let parts = |names: &[&str], col: ColumnId| -> Vec<usize> {
        names.iter().filter_map(|n| row_named(t, col, n)).collect()
    };
    if let Some(r) = row_named(t, IncomeItem, "收入总计") {
        let rows = parts(
            &["本年收入合计", "使用非财政拨款结余", "上年结转"],
            IncomeItem,
        );
        out.insert((r, ia), column_of(ti, &rows, ia));
    }
    if let Some(r) = row_named(t, ExpenditureItem, "支出总计") {
        let rows = parts(&["本年支出合计", "结转下年"], ExpenditureItem);
        out.insert((r, ea), column_of(ti, &rows, ea));
    }
    out
}

/// 财政拨款收支总体情况表: the income lines from 收入总体情况表, each fund's 类 lines from its
/// own table, and the totals of both sides.
fn fiscal_overview(doc: &Document, ti: usize, t: &Table) -> BTreeMap<(usize, usize), Vec<CellRef>> {
    use ColumnId::*;
    let mut out = BTreeMap::new();
    let Some(ia) = t.column(IncomeAmount) else {
        return out;
    };
    let funds = [
        (General, TableId::GeneralExpenditure),
        (Fund, TableId::FundExpenditure),
        (StateCapital, TableId::StateCapitalExpenditure),
    ];
    let lines = numbered_rows(t);
    for (r, row) in t.rows.iter().enumerate() {
        if let Some(name) = text_in(t, row, IncomeItem) {
            let column = match unnumbered(&name) {
                "一般公共预算收入" => Some(General),
                "政府性基金预算收入" => Some(Fund),
                "国有资本经营预算收入" => Some(StateCapital),
                _ => None,
            };
            if let Some(cell) = column.and_then(|c| total_of(doc, TableId::Income, c)) {
                out.insert((r, ia), vec![cell]);
            }
        }
        if let (RowLevel::Class, Some(code)) = (row.level, &row.code) {
            for (col, table) in funds {
                if let (Some(c), Some(cell)) = (t.column(col), code_of(doc, table, code, Total)) {
                    out.insert((r, c), vec![cell]);
                }
            }
        }
    }
    if let Some(r) = row_named(t, IncomeItem, "本年收入合计") {
        out.insert((r, ia), column_of(ti, &lines, ia));
    }
    let this_year = row_named(t, ExpenditureItem, "本年支出合计");
    let carry = row_named(t, ExpenditureItem, "结转下年");
    let spending = [Total, General, Fund, StateCapital].map(|c| t.column(c));
    if let Some(r) = this_year {
        for c in spending.iter().flatten() {
            out.insert((r, *c), column_of(ti, &lines, *c));
        }
    }
    if let Some(r) = row_named(t, IncomeItem, "收入总计") {
        let rows: Vec<usize> = [
            row_named(t, IncomeItem, "本年收入合计"),
            row_named(t, IncomeItem, "上年结转"),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.insert((r, ia), column_of(ti, &rows, ia));
    }
    if let Some(r) = row_named(t, ExpenditureItem, "支出总计") {
        let rows: Vec<usize> = [this_year, carry].into_iter().flatten().collect();
        for c in spending.iter().flatten() {
            out.insert((r, *c), column_of(ti, &rows, *c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Column, ColumnKind};

    fn row(level: RowLevel, amount: i64) -> Row {
        Row {
            code: None,
            name: String::new(),
            level,
            cells: vec![Cell::Amount(Decimal::from(amount))],
        }
    }

    /// Each parent adds up the rows under it at the highest level among them: a 类 whose 项
    /// come without a 款 row adds the 项.
    #[test]
    fn parents_add_up_their_nearest_children() {
        use RowLevel::*;
        let t = Table {
            id: TableId::Income,
            title: String::new(),
            columns: vec![Column {
                id: ColumnId::Total,
                kind: ColumnKind::Amount,
                header: vec!["合计".into()],
                group: None,
            }],
            rows: vec![
                row(Total, 10),
                row(Class, 6),
                row(Section, 6),
                row(Item, 2),
                row(Item, 4),
                row(Class, 4),
                row(Item, 4),
            ],
            note: None,
            number: None,
            unit: None,
        };
        let sums = tree(3, &t);
        let rows_of = |r: usize| -> Vec<usize> { sums[&(r, 0)].iter().map(|c| c.row).collect() };
        assert_eq!(rows_of(0), [1, 5]);
        assert_eq!(rows_of(1), [2]);
        assert_eq!(rows_of(2), [3, 4]);
        assert_eq!(rows_of(5), [6]);
        assert!(!sums.contains_key(&(3, 0)));
        assert!(sums[&(0, 0)].iter().all(|c| c.table == 3));
        let tables = [t];
        for (r, refs) in &sums {
            let Cell::Amount(want) = tables[0].rows[r.0].cells[0] else {
                unreachable!()
            };
            let refs: Vec<CellRef> = refs.iter().map(|c| CellRef { table: 0, ..*c }).collect();
            assert_eq!(sum_of(&tables, &refs), Some(want));
        }
    }
}
