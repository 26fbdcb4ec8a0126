//! The twelve tables of a 部门预算, computed from the facts. This is the only place where the
//! tables' sums are made; JSON and DOCX render what is here.
//!
//! One file per family of tables; `ids` names the tables and columns, `header` derives the
//! merged header rows from the columns, `index` holds the facts indexed once for all tables.

mod basic;
mod expenditure;
mod header;
pub mod ids;
mod income;
mod index;
mod overview;
mod procurement;
mod projects;
mod templated;
mod three_public;

pub use header::{Column, ColumnKind, HeaderCell};
pub use ids::{ColumnId, TableId};
pub use templated::{convert, TableUnit};

use super::figures::Figures;
use super::spending::ByCode;
use super::template::{Template, TemplateError};
use crate::model::catalog::Catalog;
use crate::model::{Budget, Source};
use header::header_rows;
use index::Index;
use rust_decimal::Decimal;

/// One table: columns (with the header texts above them), rows and an optional note (注).
#[derive(Debug, Clone)]
pub struct Table {
    pub id: TableId,
    /// The title, e.g. 一般公共预算支出情况表.
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub note: Option<String>,
    /// Its number in the 目录 (`1.`), when the template gives one; else the Chinese numeral of
    /// its position (`一、`).
    pub number: Option<String>,
    /// The unit and decimals it is printed in, when the template gives them; else the budget's
    /// unit with two decimals. The cells stay exact, in the budget's unit.
    pub unit: Option<TableUnit>,
}

/// What kind of row: the level drives indentation and where the code is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowLevel {
    Total,
    /// 类
    Class,
    /// 款
    Section,
    /// 项
    Item,
    Project,
    Line,
}

/// One table row; `cells` align with the table's columns.
#[derive(Debug, Clone)]
pub struct Row {
    pub code: Option<String>,
    pub name: String,
    pub level: RowLevel,
    pub cells: Vec<Cell>,
}

/// A cell's content. `Empty` is printed blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Amount(Decimal),
}

impl Table {
    /// A table with its printed title, without a note.
    fn new(id: TableId, columns: Vec<Column>, rows: Vec<Row>) -> Self {
        Table {
            id,
            title: id.title().to_string(),
            columns,
            rows,
            note: None,
            number: None,
            unit: None,
        }
    }

    /// The header rows (表头), top to bottom, with their merges: derived from the columns.
    pub fn header(&self) -> Vec<Vec<HeaderCell>> {
        header_rows(&self.columns)
    }

    /// How many leading columns a row's label spans: a total row prints its label across the
    /// leading blank code and name columns (0 for any other row).
    pub fn label_span(&self, row: &Row) -> usize {
        if row.level != RowLevel::Total {
            return 0;
        }
        let label_cols = self
            .columns
            .iter()
            .take_while(|c| c.kind != ColumnKind::Amount)
            .count();
        row.cells
            .iter()
            .take_while(|c| **c == Cell::Empty)
            .count()
            .min(label_cols)
    }

    /// The position of a column, if the table has it.
    pub fn column(&self, id: ColumnId) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// The amount in a row and column (`None` when blank, not an amount, or not a column of
    /// this table).
    pub fn amount(&self, row: &Row, column: ColumnId) -> Option<Decimal> {
        match row.cells.get(self.column(column)?)? {
            Cell::Amount(d) => Some(*d),
            _ => None,
        }
    }
}

/// The tables of a budget: the twelve built-in ones, in the order of `TableId::ALL`, and the
/// template's, in its order, with its titles, columns and units (with the errors of a template
/// that names a column a table does not have). `by_code` is the spending the figures share
/// (`spending::by_code`).
pub(super) struct Computed {
    pub all: [Table; TableId::COUNT],
    /// `None` when the template prints the built-in tables as they are (标准): no copy made.
    pub published: Option<Vec<Table>>,
    pub errors: Vec<TemplateError>,
}

pub(super) fn compute(
    budget: &Budget,
    catalog: &Catalog,
    by_code: &ByCode,
    figures: &Figures,
    template: &Template,
) -> Computed {
    let ix = Index::new(budget, catalog, by_code, figures);
    let all = TableId::ALL.map(|id| table(id, &ix));
    let mut errors = Vec::new();
    let as_built = template.tables.len() == all.len()
        && template
            .tables
            .iter()
            .zip(&all)
            .all(|(spec, t)| spec.kind == t.id && templated::leaves_as_built(spec, t));
    if as_built {
        return Computed {
            all,
            published: None,
            errors,
        };
    }
    let published = template
        .tables
        .iter()
        .filter_map(|spec| {
            let built = all.get(spec.kind.index())?.clone();
            match templated::apply(spec, built, &ix, template) {
                Ok(t) => Some(t),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        })
        .collect();
    Computed {
        all,
        published: Some(published),
        errors,
    }
}

fn table(id: TableId, ix: &Index) -> Table {
    match id {
        TableId::Overview => overview::overview(ix),
        TableId::Income => income::income(ix),
        TableId::Expenditure => expenditure::expenditure(ix),
        TableId::FiscalOverview => overview::fiscal_overview(ix),
        TableId::GeneralExpenditure => expenditure::by_fund(ix, id, Source::GeneralPublic, None),
        TableId::GeneralBasicEconomic => basic::general_basic_economic(ix),
        TableId::ThreePublic => three_public::three_public(ix),
        TableId::FundExpenditure => {
            expenditure::by_fund(ix, id, Source::GovernmentFund, Some("政府性基金预算"))
        }
        TableId::StateCapitalExpenditure => {
            expenditure::by_fund(ix, id, Source::StateCapital, Some("国有资本经营预算"))
        }
        TableId::BasicExpenditure => basic::basic_expenditure(ix),
        TableId::ProjectExpenditure => projects::project_expenditure(ix),
        TableId::Procurement => procurement::procurement(ix),
        // The tables of a region's summary (`crate::region`) are not in a budget's document,
        // and `TableId::ALL` does not hold them: never asked for here.
        TableId::RegionDepartments
        | TableId::RegionFunctional
        | TableId::RegionIncome
        | TableId::RegionThreePublic
        | TableId::RegionOperatingCost
        | TableId::RegionProcurement
        | TableId::RegionProjects => Table::new(id, Vec::new(), Vec::new()),
    }
}
