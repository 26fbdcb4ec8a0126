//! The facts of a budget indexed once for the tables, and the cells and rows they share.

use super::header::{amount_col, code_col, text_col, Column};
use super::ids::ColumnId;
use super::{Cell, Row, RowLevel};
use crate::document::figures::Figures;
use crate::document::spending::{self, ByCode, Spending};
use crate::model::catalog::{Catalog, Classification};
use crate::model::{Budget, Side, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The label of a total row.
pub(super) const TOTAL: &str = "合计";

/// An amount cell that is blank when zero.
pub(super) fn amt(d: Decimal) -> Cell {
    if d.is_zero() {
        Cell::Empty
    } else {
        Cell::Amount(d)
    }
}

/// An amount cell printed even when zero (the 三公 table prints 0.00).
pub(super) fn amt0(d: Decimal) -> Cell {
    Cell::Amount(d)
}

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The facts, indexed once for the tables.
pub(super) struct Index<'a> {
    pub budget: &'a Budget,
    pub catalog: &'a Catalog,
    /// (functional 项 code, source) → spending, added up once for the tables and the figures.
    pub func: &'a ByCode,
    /// The figures, for the sums they already hold (income by source, 三公).
    pub figures: &'a Figures,
    /// (economic 款 code, side of its unit's kind, source) → amount of basic spending.
    pub econ: BTreeMap<(String, Side, Source), Decimal>,
    /// The 公用 part of `econ`: the lines the rules, or their own word (公用经费), put there.
    pub econ_public: BTreeMap<(String, Side, Source), Decimal>,
    /// (functional 项 code, source) → procurement amount.
    pub procurement: BTreeMap<(String, Source), Decimal>,
}

impl<'a> Index<'a> {
    /// `func` is `spending::by_code` of the budget, which `figures` were computed from.
    pub fn new(
        budget: &'a Budget,
        catalog: &'a Catalog,
        func: &'a ByCode,
        figures: &'a Figures,
    ) -> Self {
        let mut econ: BTreeMap<(String, Side, Source), Decimal> = BTreeMap::new();
        let mut econ_public: BTreeMap<(String, Side, Source), Decimal> = BTreeMap::new();
        let mut procurement: BTreeMap<(String, Source), Decimal> = BTreeMap::new();
        for line in &budget.basic {
            let Some(code) = &line.econ else { continue };
            let side = budget.kind_of(line.unit.as_deref()).side();
            let key = (code.code.clone(), side, line.source);
            if line.kind(catalog.rules()) == Some(crate::model::BasicKind::Public) {
                *econ_public.entry(key.clone()).or_default() += line.amount.value;
            }
            *econ.entry(key).or_default() += line.amount.value;
        }
        for p in budget
            .basic_procurement
            .iter()
            .chain(&budget.published_procurement)
        {
            if let Some(f) = &p.func {
                *procurement.entry((f.code.clone(), p.source)).or_default() += p.amount.value;
            }
        }
        for project in &budget.projects {
            for p in &project.procurement {
                let code = p
                    .func
                    .as_ref()
                    .map(|c| c.code.clone())
                    .or_else(|| project.allocations.first().map(|a| a.code.code.clone()));
                if let Some(code) = code {
                    *procurement.entry((code, p.source)).or_default() += p.amount.value;
                }
            }
        }
        Index {
            budget,
            catalog,
            func,
            figures,
            econ,
            econ_public,
            procurement,
        }
    }

    pub fn func_name(&self, code: &str) -> String {
        if let Some(n) = self.catalog.name(Classification::Functional, code) {
            return n.to_string();
        }
        // Unknown to the catalog: use the name written in the source, if any.
        let written = self
            .budget
            .basic
            .iter()
            .filter_map(|l| l.func.as_ref())
            .chain(
                self.budget
                    .projects
                    .iter()
                    .flat_map(|p| p.allocations.iter())
                    .chain(&self.budget.project_totals)
                    .map(|a| &a.code),
            )
            .find(|c| c.code == code)
            .and_then(|c| c.written_name.as_ref())
            .map(|n| n.value.clone());
        written.unwrap_or_default()
    }

    pub fn econ_name(&self, class: Classification, code: &str) -> String {
        if let Some(n) = self.catalog.name(class, code) {
            return n.to_string();
        }
        self.budget
            .basic
            .iter()
            .filter_map(|l| l.econ.as_ref())
            .find(|e| e.code == code)
            .and_then(|e| e.written_name.as_ref())
            .map(|n| n.value.clone())
            .unwrap_or_default()
    }

    /// Functional roll-up: 类, 款 and 项 rows with the splits of the sources `keep` accepts.
    pub fn functional(&self, keep: impl Fn(Source) -> bool) -> Vec<(String, RowLevel, Spending)> {
        let mut sums: BTreeMap<String, Spending> = BTreeMap::new();
        for ((code, source), split) in self.func {
            if !keep(*source) || split.total().is_zero() {
                continue;
            }
            for prefix in rollup_codes(code) {
                sums.entry(prefix).or_default().add(split);
            }
        }
        sums.into_iter()
            .map(|(code, s)| {
                let level = level_of(&code);
                (code, level, s)
            })
            .collect()
    }

    pub fn func_total(&self, keep: impl Fn(Source) -> bool) -> Spending {
        spending::total(self.func, keep)
    }

    /// Functional roll-up of the money of each source: code → source → amount.
    pub fn functional_by_source(
        &self,
        amounts: &BTreeMap<(String, Source), Decimal>,
    ) -> BTreeMap<String, BTreeMap<Source, Decimal>> {
        let mut out: BTreeMap<String, BTreeMap<Source, Decimal>> = BTreeMap::new();
        for ((code, source), d) in amounts {
            if d.is_zero() {
                continue;
            }
            for prefix in rollup_codes(code) {
                *out.entry(prefix).or_default().entry(*source).or_default() += *d;
            }
        }
        out
    }
}

/// The codes a functional code rolls up into, itself included: 2013201 → 201, 20132, 2013201.
fn rollup_codes(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for len in [3, 5, 7] {
        if code.len() >= len {
            if let Some(p) = code.get(..len) {
                out.push(p.to_string());
            }
        }
    }
    if out.last().map(String::as_str) != Some(code) {
        out.push(code.to_string());
    }
    out
}

pub(super) fn level_of(code: &str) -> RowLevel {
    match code.len() {
        3 => RowLevel::Class,
        5 => RowLevel::Section,
        _ => RowLevel::Item,
    }
}

/// The 类/款/项 cells of a functional code as the tables print them (款 and 项 without prefix).
fn code_cells(code: &str) -> [Cell; 3] {
    let part = |a: usize, b: usize| code.get(a..b).map(text).unwrap_or(Cell::Empty);
    match code.len() {
        3 => [text(code), Cell::Empty, Cell::Empty],
        5 => [Cell::Empty, part(3, 5), Cell::Empty],
        7 => [Cell::Empty, Cell::Empty, part(5, 7)],
        _ => [text(code), Cell::Empty, Cell::Empty],
    }
}

pub(super) fn by_source(
    m: Option<&BTreeMap<Source, Decimal>>,
    keep: impl Fn(Source) -> bool,
) -> Decimal {
    m.map(|m| m.iter().filter(|(s, _)| keep(**s)).map(|(_, d)| *d).sum())
        .unwrap_or_default()
}

/// 科目编码 (类, 款, 项) and 科目名称: the first columns of the functional tables.
pub(super) fn code_columns() -> Vec<Column> {
    vec![
        code_col(ColumnId::Class, "类"),
        code_col(ColumnId::Section, "款"),
        code_col(ColumnId::Item, "项"),
        text_col(ColumnId::Name, &["科目名称"]),
    ]
}

pub(super) fn total_row(width: usize, cells: Vec<Cell>, name: &str) -> Row {
    let mut all = vec![Cell::Empty; width];
    all.extend(cells);
    Row {
        code: None,
        name: name.to_string(),
        level: RowLevel::Total,
        cells: all,
    }
}

pub(super) fn func_row(ix: &Index, code: &str, level: RowLevel, values: Vec<Cell>) -> Row {
    let name = ix.func_name(code);
    let mut cells: Vec<Cell> = code_cells(code).into();
    cells.push(text(name.clone()));
    cells.extend(values);
    Row {
        code: Some(code.to_string()),
        name,
        level,
        cells,
    }
}

/// The source columns of the basic, project and procurement tables: 合计, 财政拨款 by fund,
/// then the other sources.
pub(super) fn source_columns(with_state_capital: bool) -> Vec<Column> {
    let fiscal = "财政拨款";
    let mut v = vec![
        amount_col(ColumnId::Total, &["合计"]),
        amount_col(ColumnId::FiscalSubtotal, &[fiscal, "小计"]),
        amount_col(ColumnId::General, &[fiscal, "一般公共预算"]),
        amount_col(ColumnId::Fund, &[fiscal, "政府性基金预算"]),
    ];
    if with_state_capital {
        v.push(amount_col(
            ColumnId::StateCapital,
            &[fiscal, "国有资本经营预算"],
        ));
    }
    v.extend([
        amount_col(ColumnId::SpecialAccount, &["财政专户管理资金"]),
        amount_col(ColumnId::UnitFunds, &["单位资金"]),
        amount_col(ColumnId::NonFiscalBalance, &["使用非财政拨款结余"]),
        amount_col(ColumnId::Carryover, &["上年结转"]),
    ]);
    v
}

/// The amounts of the source columns.
pub(super) fn source_values(
    m: Option<&BTreeMap<Source, Decimal>>,
    with_state_capital: bool,
) -> Vec<Cell> {
    let one = |s: Source| amt(by_source(m, |x| x == s));
    let mut v = vec![
        amt(by_source(m, |_| true)),
        amt(by_source(m, Source::is_fiscal)),
        one(Source::GeneralPublic),
        one(Source::GovernmentFund),
    ];
    if with_state_capital {
        v.push(one(Source::StateCapital));
    }
    v.extend([
        one(Source::SpecialAccount),
        amt(by_source(m, Source::is_unit_funds)),
        one(Source::NonFiscalBalance),
        one(Source::Carryover),
    ]);
    v
}
