//! The twelve tables in the JSON document: columns by id, rows written one at a time.

use super::amount::money;
use crate::document::{Cell, ColumnId, Row, RowLevel, Table, TableId};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

#[derive(Debug, Serialize, JsonSchema)]
pub struct TableJson<'a> {
    /// Stable id: overview, income, expenditure, fiscal_overview, general_expenditure,
    /// general_basic_economic, three_public, fund_expenditure, state_capital_expenditure,
    /// basic_expenditure, project_expenditure, procurement.
    #[schemars(with = "String")]
    pub id: TableId,
    pub title: &'a str,
    pub columns: Vec<ColumnJson<'a>>,
    #[schemars(with = "Vec<RowJson>")]
    pub rows: Rows<'a>,
    /// 注 line under the table, if any.
    pub note: Option<&'a str>,
    /// The unit the table's amounts are printed in, when its template gives one (元 or 万元);
    /// absent: the budget's `unit`, two decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// The decimals of its amounts, with `unit`: the amounts are in that unit, rounded half away
    /// from zero to these decimals, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
}

/// The rows of a table, each turned into its `RowJson` only when it is written (the table of
/// project spending has a row per project).
#[derive(Debug)]
pub struct Rows<'a>(&'a Table);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.rows.iter().map(|r| row(self.0, r)))
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ColumnJson<'a> {
    #[schemars(with = "String")]
    pub id: ColumnId,
    pub label: &'a str,
    /// The merged header above the column, if any.
    pub group: Option<&'a str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RowJson<'a> {
    /// Classification code (functional or economic), project code, or null for total rows.
    pub code: Option<&'a str>,
    pub name: &'a str,
    pub level: RowLevel,
    /// Column id → cell: amounts as decimal strings, text as is, null when blank.
    #[schemars(with = "BTreeMap<String, Option<String>>")]
    pub values: Values<'a>,
}

/// A row's cells by column id, in column order (the ids of a table's columns are unique).
#[derive(Debug)]
pub struct Values<'a> {
    table: &'a Table,
    cells: &'a [Cell],
}

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let pairs = self.table.columns.iter().zip(self.cells);
        s.collect_map(pairs.map(|(c, cell)| (c.id.as_str(), value(self.table, cell))))
    }
}

/// A cell's value: an amount in the table's unit as printed (without a template unit, in the
/// budget's, two decimals).
fn value<'a>(t: &Table, cell: &'a Cell) -> Option<Cow<'a, str>> {
    match cell {
        Cell::Empty => None,
        Cell::Text(s) => Some(Cow::Borrowed(s)),
        Cell::Amount(d) => Some(Cow::Owned(match t.unit {
            Some(_) => t.plain(*d),
            None => money(*d),
        })),
    }
}

/// A table as the JSON writes it (a budget's, or a region's summary).
pub fn table(t: &Table) -> TableJson<'_> {
    TableJson {
        id: t.id,
        title: &t.title,
        columns: t
            .columns
            .iter()
            .map(|c| ColumnJson {
                id: c.id,
                label: c.label(),
                group: c.group.as_deref(),
            })
            .collect(),
        rows: Rows(t),
        note: t.note.as_deref(),
        unit: t.unit.map(|u| u.to.as_str()),
        decimals: t.unit.map(|u| u.decimals),
    }
}

fn row<'a>(table: &'a Table, r: &'a Row) -> RowJson<'a> {
    RowJson {
        code: r.code.as_deref(),
        name: &r.name,
        level: r.level,
        values: Values {
            table,
            cells: &r.cells,
        },
    }
}
