//! A built-in table laid out as a template says: its title, number, columns, header texts,
//! note and unit. The one place where an amount is turned into the template's unit and
//! rounded to its decimals (`TableUnit`); every backend prints through it.

use super::header::{amount_col, Column};
use super::ids::{ColumnId, TableId};
use super::index::{amt, amt0, Index};
use super::{Cell, Row, RowLevel, Table};
use crate::diag::t;
use crate::document::prose::{numeral, thousands};
use crate::document::template::{IncomeLine, TableSpec, Template, TemplateError, TotalRow};
use crate::model::MoneyUnit;
use rust_decimal::{Decimal, RoundingStrategy};

/// The unit a table is printed in: its amounts (exact, in the budget's unit `from`) are
/// converted to `to` and rounded half away from zero to `decimals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableUnit {
    pub from: MoneyUnit,
    pub to: MoneyUnit,
    pub decimals: u32,
}

impl TableUnit {
    /// The amount in the table's unit, exact (`None` out of range).
    pub fn converted(&self, d: Decimal) -> Option<Decimal> {
        convert(d, self.from, self.to)
    }

    /// The amount as printed: in the table's unit, rounded half away from zero.
    pub fn printed(&self, d: Decimal) -> Decimal {
        self.converted(d)
            .unwrap_or(d)
            .round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero)
    }
}

/// An amount (in `from`) in another unit; `None` out of range.
pub fn convert(d: Decimal, from: MoneyUnit, to: MoneyUnit) -> Option<Decimal> {
    let ten_thousand = Decimal::from(10_000);
    match (from, to) {
        (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => d.checked_div(ten_thousand),
        (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => d.checked_mul(ten_thousand),
        _ => Some(d),
    }
}

impl Table {
    /// The decimals the table prints (two without a template unit).
    pub fn decimals(&self) -> u32 {
        self.unit.map_or(2, |u| u.decimals)
    }

    /// An amount of the table as printed: in its unit, rounded to its decimals.
    pub fn printed(&self, d: Decimal) -> Decimal {
        match self.unit {
            Some(u) => u.printed(d),
            None => d,
        }
    }

    /// An amount of the table in its unit, exact (for the sums of a spreadsheet).
    pub fn converted(&self, d: Decimal) -> Decimal {
        self.unit.and_then(|u| u.converted(d)).unwrap_or(d)
    }

    /// An amount as the table prints it: its unit and decimals, thousands separated
    /// (`47,483,458`, `114.22`).
    pub fn format(&self, d: Decimal) -> String {
        match self.unit {
            None => thousands(d),
            Some(u) => grouped(u.printed(d), u.decimals),
        }
    }

    /// An amount as the table prints it, without separators (`47483458`, `114.22`): the JSON's.
    pub fn plain(&self, d: Decimal) -> String {
        let n = self.decimals() as usize;
        format!("{:.n$}", self.printed(d))
    }

    /// What precedes the title in the 目录: the template's number (`1. `), else the Chinese
    /// numeral of the table's position `i` (`一、`).
    pub fn number_prefix(&self, i: usize) -> String {
        match &self.number {
            Some(n) => format!("{n} "),
            None => format!("{}、", numeral(i)),
        }
    }

    /// The unit's name as printed above the table, given the budget's.
    pub fn unit_name(&self, budget: MoneyUnit) -> &'static str {
        self.unit.map_or(budget, |u| u.to).as_str()
    }
}

/// `d` with `decimals` places and its integer digits grouped by three.
fn grouped(d: Decimal, decimals: u32) -> String {
    let s = format!("{:.n$}", d, n = decimals as usize);
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (s.clone(), String::new()),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

/// True when `spec` prints the built-in table `t` as it is (its title, if any, the built-in one).
pub(super) fn leaves_as_built(spec: &TableSpec, t: &Table) -> bool {
    spec.title.as_ref().is_none_or(|title| *title == t.title)
        && spec.number.is_none()
        && spec.print.is_none()
        && spec.columns.is_none()
        && spec.headers.is_empty()
        && spec.empty_note.is_none()
        && spec.income_lines.is_none()
        && spec.totals.is_none()
}

/// The built-in table `t` as the template's `spec` lays it out.
pub(super) fn apply(
    spec: &TableSpec,
    mut t: Table,
    ix: &Index,
    template: &Template,
) -> Result<Table, TemplateError> {
    let year = ix.budget.year();
    if let Some(title) = &spec.title {
        t.title = title.replace("{year}", &year.to_string());
    }
    t.number = spec.number.clone();
    t.unit = spec.print.map(|p| TableUnit {
        from: ix.budget.unit(),
        to: p.unit,
        decimals: p.decimals,
    });
    if let Some(lines) = &spec.income_lines {
        income_side(&mut t, lines, ix);
    }
    if let Some(totals) = &spec.totals {
        total_rows(&mut t, totals);
    }
    if spec.kind == TableId::ThreePublic
        && spec
            .columns
            .as_ref()
            .is_some_and(|c| c.contains(&ColumnId::OperatingCost))
    {
        with_operating_cost(&mut t, ix);
    }
    let have = t
        .columns
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join("、");
    let error = |column: ColumnId| {
        let (c, kind) = (column.as_str(), spec.kind.as_str());
        TemplateError {
            file: template.source.clone(),
            line: spec.line,
            column: 1,
            message: t!(
                "表 {kind} 没有列 `{c}`（它的列：{have}）",
                "table {kind} has no column `{c}` (its columns: {have})"
            ),
        }
    };
    if let Some(ids) = &spec.columns {
        let mut keep = Vec::with_capacity(ids.len());
        for id in ids {
            keep.push(t.column(*id).ok_or_else(|| error(*id))?);
        }
        let columns: Vec<Column> = keep
            .iter()
            .filter_map(|i| t.columns.get(*i).cloned())
            .collect();
        for row in &mut t.rows {
            row.cells = keep
                .iter()
                .map(|i| row.cells.get(*i).cloned().unwrap_or(Cell::Empty))
                .collect();
        }
        t.columns = columns;
    }
    for (id, texts) in &spec.headers {
        let Some(i) = t.column(*id) else {
            return Err(error(*id));
        };
        if let Some(c) = t.columns.get_mut(i) {
            c.header = texts.clone();
            c.group = texts.first().filter(|_| texts.len() > 1).cloned();
        }
    }
    if let Some(note) = &spec.empty_note {
        let empty = t
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .all(|c| !matches!(c, Cell::Amount(d) if !d.is_zero()));
        if empty {
            t.note = Some(note.clone());
        }
    }
    Ok(t)
}

/// The 三公 table with a last column, 机关运行经费 (blank where it does not apply).
fn with_operating_cost(t: &mut Table, ix: &Index) {
    t.columns
        .push(amount_col(ColumnId::OperatingCost, &["机关运行经费"]));
    let cell = ix.figures.operating_cost.map_or(Cell::Empty, amt0);
    for row in &mut t.rows {
        row.cells.push(cell.clone());
    }
}

/// A two-sided table's income side as the template lists it: its lines, top to bottom, beside
/// the 类 lines, each the income of its sources (blank when none). Rows kept only for the
/// built-in income lines go.
fn income_side(t: &mut Table, lines: &[IncomeLine], ix: &Index) {
    let (Some(item), Some(amount)) = (
        t.column(ColumnId::IncomeItem),
        t.column(ColumnId::IncomeAmount),
    ) else {
        return;
    };
    let width = t.columns.len();
    let (mut upper, lower): (Vec<Row>, Vec<Row>) =
        t.rows.drain(..).partition(|r| r.level != RowLevel::Total);
    upper.retain(|r| r.code.is_some());
    for (i, line) in lines.iter().enumerate() {
        if upper.len() <= i {
            upper.push(Row {
                code: None,
                name: String::new(),
                level: RowLevel::Class,
                cells: vec![Cell::Empty; width],
            });
        }
        let income: Decimal = ix
            .figures
            .income
            .iter()
            .filter(|(s, _)| line.sources.contains(s))
            .map(|(_, d)| *d)
            .sum();
        if let Some(row) = upper.get_mut(i) {
            if let Some(c) = row.cells.get_mut(item) {
                *c = Cell::Text(line.label.clone());
            }
            if let Some(c) = row.cells.get_mut(amount) {
                *c = amt(income);
            }
        }
    }
    for row in upper.iter_mut().skip(lines.len()) {
        for i in [item, amount] {
            if let Some(c) = row.cells.get_mut(i) {
                *c = Cell::Empty;
            }
        }
    }
    t.rows = upper.into_iter().chain(lower).collect();
}

/// A two-sided table's total rows as the template keeps and labels them.
fn total_rows(t: &mut Table, totals: &[TotalRow]) {
    let (item, spent) = (
        t.column(ColumnId::IncomeItem),
        t.column(ColumnId::ExpenditureItem),
    );
    let (upper, lower): (Vec<Row>, Vec<Row>) =
        t.rows.drain(..).partition(|r| r.level != RowLevel::Total);
    let kept = totals.iter().filter_map(|total| {
        let mut row = lower.iter().find(|r| r.name == total.row)?.clone();
        for (i, label) in [(item, &total.income), (spent, &total.expenditure)] {
            if let Some(c) = i.and_then(|i| row.cells.get_mut(i)) {
                *c = Cell::Text(label.clone());
            }
        }
        Some(row)
    });
    t.rows = upper.into_iter().chain(kept.collect::<Vec<_>>()).collect();
}
