//! The tables of basic spending (基本支出) by economic code: 一般公共预算基本支出情况表 and
//! 基本支出预算情况表.

use super::header::{amount_col, code_col, column, text_col, Column, ColumnKind};
use super::ids::{ColumnId, TableId};
use super::index::{amt, by_source, source_columns, source_values, text, total_row, Index, TOTAL};
use super::{Cell, Row, RowLevel, Table};
use crate::model::catalog::Classification;
use crate::model::{Side, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One economic row: a 部门经济分类 类 or 款 with the 政府经济分类 code it maps to (which
/// depends on the kind of the units spending it: 机关 for 行政 and 参公, 事业 for 事业), with its
/// amounts by source.
struct EconomicRow {
    code: String,
    gov: Option<String>,
    level: RowLevel,
    amounts: BTreeMap<Source, Decimal>,
    /// The 公用 part of `amounts` (the rest is 人员).
    public: BTreeMap<Source, Decimal>,
}

/// The 政府经济分类 code of a 部门 code on a side; a 类 without its own mapping row takes the
/// class of its 款's mapping.
fn gov_of(ix: &Index, dept: &str, side: Side, a_section: &str) -> Option<String> {
    if let Some(g) = ix.catalog.gov_code(dept, side) {
        return Some(g.to_string());
    }
    let section = ix.catalog.gov_code(a_section, side)?;
    (dept.len() == 3).then(|| section.get(..3).unwrap_or(section).to_string())
}

/// Economic rows (类 and 款) of basic spending, with the amounts by source. A 部门 code whose
/// money maps to two 政府 codes (spent by 行政 and by 事业 units: 30101 → 50101 and 50501) has a
/// row for each; each 类 row is followed by its 款 rows, in code order.
fn economic_rows(ix: &Index) -> Vec<EconomicRow> {
    type Key = (String, Option<String>, String, Option<String>);
    type Sums = (BTreeMap<Source, Decimal>, BTreeMap<Source, Decimal>);
    let mut sums: BTreeMap<Key, Sums> = BTreeMap::new();
    for (key @ (code, side, source), d) in &ix.econ {
        let public = ix.econ_public.get(key).copied().unwrap_or_default();
        let class = code.get(..3).unwrap_or(code).to_string();
        let class_gov = gov_of(ix, &class, *side, code);
        let gov = gov_of(ix, code, *side, code);
        for key in [
            (
                class.clone(),
                class_gov.clone(),
                class.clone(),
                class_gov.clone(),
            ),
            (class.clone(), class_gov.clone(), code.clone(), gov),
        ] {
            let (all, public_part) = sums.entry(key).or_default();
            *all.entry(*source).or_default() += *d;
            *public_part.entry(*source).or_default() += public;
        }
    }
    sums.into_iter()
        .map(|((_, _, code, gov), (amounts, public))| {
            let level = if code.len() == 3 {
                RowLevel::Class
            } else {
                RowLevel::Section
            };
            EconomicRow {
                code,
                gov,
                level,
                amounts,
                public,
            }
        })
        .collect()
}

/// The economic code cells: 部门 类, 款, name, 政府 类, 款, name.
fn economic_cells(ix: &Index, code: &str, gov: Option<&str>) -> (String, Vec<Cell>) {
    let name = ix.econ_name(Classification::EconomicDept, code);
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
            let (gc, gk) = split(g);
            cells.extend([gc, gk, text(ix.econ_name(Classification::EconomicGov, g))]);
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
    // 人员 and 公用 by each line's kind: its economic class, or its own word (公用经费).
    let values = |d: Decimal, c: Decimal| vec![amt(d), amt(d - c), amt(c)];
    let mut rows = Vec::new();
    let mut personnel = Decimal::ZERO;
    let mut public = Decimal::ZERO;
    for r in economic_rows(ix) {
        let general = |s: Source| s == Source::GeneralPublic;
        let d = by_source(Some(&r.amounts), general);
        if d.is_zero() {
            continue;
        }
        let c = by_source(Some(&r.public), general);
        if r.level == RowLevel::Section {
            personnel += d - c;
            public += c;
        }
        let (name, mut cells) = economic_cells(ix, &r.code, r.gov.as_deref());
        cells.extend(values(d, c));
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
        let (name, mut cells) = economic_cells(ix, &r.code, r.gov.as_deref());
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
