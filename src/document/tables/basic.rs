//! The tables of basic spending (基本支出) by economic code: 一般公共预算基本支出情况表 and
//! 基本支出预算情况表.

use super::header::{amount_col, code_col, column, text_col, Column, ColumnKind};
use super::ids::{ColumnId, TableId};
use super::index::{amt, by_source, source_columns, source_values, text, total_row, Index, TOTAL};
use super::{Cell, Row, RowLevel, Table};
use crate::model::catalog::Classification;
use crate::model::{BasicKind, Side, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One economic row: a 部门经济分类 类 or 款 on one side of the mapping (机关 for 行政 and 参公
/// units, 事业 for 事业 units), with its amounts by source.
struct EconomicRow {
    code: String,
    side: Side,
    level: RowLevel,
    amounts: BTreeMap<Source, Decimal>,
}

/// Economic rows (类 and 款) of basic spending, with the amounts by source. Each 类 is followed
/// by its 款; a 类 spent on both sides has a group of rows for each side, 机关 first.
fn economic_rows(ix: &Index) -> Vec<EconomicRow> {
    let mut sums: BTreeMap<(String, Side, String), BTreeMap<Source, Decimal>> = BTreeMap::new();
    for ((code, side, source), d) in &ix.econ {
        let class = code.get(..3).unwrap_or(code).to_string();
        for key in [class.clone(), code.clone()] {
            let row = sums.entry((class.clone(), *side, key)).or_default();
            *row.entry(*source).or_default() += *d;
        }
    }
    sums.into_iter()
        .map(|((_, side, code), amounts)| {
            let level = if code.len() == 3 {
                RowLevel::Class
            } else {
                RowLevel::Section
            };
            EconomicRow {
                code,
                side,
                level,
                amounts,
            }
        })
        .collect()
}

/// The economic code cells: 部门 类, 款, name, 政府 类, 款, name.
fn economic_cells(ix: &Index, code: &str, side: Side) -> (String, Vec<Cell>) {
    let name = ix.econ_name(Classification::EconomicDept, code);
    let gov = ix
        .catalog
        .gov_code(code, side)
        .map(str::to_string)
        .or_else(|| {
            // A 类 without its own mapping row: the class of its first mapped 款.
            ix.econ
                .keys()
                .filter(|(c, s, _)| c.starts_with(code) && *s == side)
                .find_map(|(c, _, _)| ix.catalog.gov_code(c, side))
                .and_then(|g| g.get(..3))
                .map(str::to_string)
        });
    let split = |c: &str| -> (Cell, Cell) {
        match (c.get(..3), c.get(3..)) {
            (Some(a), Some(b)) if !b.is_empty() => (text(a), text(b)),
            _ => (text(c), Cell::Empty),
        }
    };
    let (dc, dk) = split(code);
    let mut cells = vec![dc, dk, text(name.clone())];
    match gov {
        Some(g) => {
            let (gc, gk) = split(&g);
            cells.extend([gc, gk, text(ix.econ_name(Classification::EconomicGov, &g))]);
        }
        None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
    }
    (name, cells)
}

/// The economic code columns: 部门 类, 款 and name, 政府 类, 款 and name. `tall_codes` prints
/// 科目编码 over two header rows (基本支出预算情况表 does).
fn economic_columns(dept_name: &str, gov_name: &str, tall_codes: bool) -> Vec<Column> {
    let code = |id: ColumnId, label: &str| match tall_codes {
        true => column(id, ColumnKind::Code, &["科目编码", "科目编码", label]),
        false => code_col(id, label),
    };
    vec![
        code(ColumnId::DeptClass, "类"),
        code(ColumnId::DeptSection, "款"),
        text_col(ColumnId::DeptName, &[dept_name]),
        code(ColumnId::GovClass, "类"),
        code(ColumnId::GovSection, "款"),
        text_col(ColumnId::GovName, &[gov_name]),
    ]
}

/// 一般公共预算基本支出情况表: basic spending by economic code, 人员 / 公用.
pub(super) fn general_basic_economic(ix: &Index) -> Table {
    let basic = "基本支出预算";
    let mut columns = economic_columns(
        "部门预算支出经济分类科目名称",
        "政府预算支出经济分类科目名称",
        false,
    );
    columns.extend([
        amount_col(ColumnId::Subtotal, &[basic, "小计"]),
        amount_col(ColumnId::Personnel, &[basic, "人员支出"]),
        amount_col(ColumnId::Public, &[basic, "日常公用支出"]),
    ]);
    let values = |code: &str, d: Decimal| {
        let (p, c) = match ix.catalog.rules().basic_kind(code) {
            BasicKind::Personnel => (d, Decimal::ZERO),
            BasicKind::Public => (Decimal::ZERO, d),
        };
        vec![amt(d), amt(p), amt(c)]
    };
    let mut rows = Vec::new();
    let mut personnel = Decimal::ZERO;
    let mut public = Decimal::ZERO;
    for r in economic_rows(ix) {
        let d = by_source(Some(&r.amounts), |s| s == Source::GeneralPublic);
        if d.is_zero() {
            continue;
        }
        if r.level == RowLevel::Section {
            match ix.catalog.rules().basic_kind(&r.code) {
                BasicKind::Personnel => personnel += d,
                BasicKind::Public => public += d,
            }
        }
        let (name, mut cells) = economic_cells(ix, &r.code, r.side);
        cells.extend(values(&r.code, d));
        rows.push(Row {
            code: Some(r.code),
            name,
            level: r.level,
            cells,
        });
    }
    let total = total_row(
        6,
        vec![amt(personnel + public), amt(personnel), amt(public)],
        "合 计",
    );
    rows.insert(0, total);
    Table::new(TableId::GeneralBasicEconomic, columns, rows)
}

/// 基本支出预算情况表: basic spending by economic code and source.
pub(super) fn basic_expenditure(ix: &Index) -> Table {
    let mut columns =
        economic_columns("部门预算支出经济分类科目", "政府预算支出经济分类科目", true);
    columns.extend(source_columns(true));
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    let mut rows = Vec::new();
    for r in economic_rows(ix) {
        if r.level == RowLevel::Section {
            for (s, d) in &r.amounts {
                *totals.entry(*s).or_default() += *d;
            }
        }
        let (name, mut cells) = economic_cells(ix, &r.code, r.side);
        cells.extend(source_values(Some(&r.amounts), true));
        rows.push(Row {
            code: Some(r.code),
            name,
            level: r.level,
            cells,
        });
    }
    rows.insert(0, total_row(6, source_values(Some(&totals), true), TOTAL));
    Table::new(TableId::BasicExpenditure, columns, rows)
}
