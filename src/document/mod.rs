//! The document model of a 部门预算, computed once from the budget: the twelve tables
//! (`tables`), every figure of 第三部分 (`figures`), and the prose of 说明 and 名词解释 as
//! sentences with typed numbers (`prose`). The checks read it, and every backend renders it;
//! none computes a sum of its own.
//!
//! Every sum is made here, once: `spending` adds up the spending by code and source for both the
//! tables and the figures.

pub mod figures;
pub mod prose;
pub mod spending;
pub mod tables;

pub use figures::{round2, Change, Figures, ThreePublic};
pub use prose::{Definition, Paragraph, Part, Section, Sentence, Spacing};
pub use spending::Spending;
pub use tables::{Cell, Column, ColumnId, ColumnKind, HeaderCell, Row, RowLevel, Table, TableId};

use crate::model::catalog::Catalog;
use crate::model::Budget;

/// The tables, figures and prose of one budget.
#[derive(Debug, Clone)]
pub struct Document {
    /// Every table, in the order of `TableId::ALL`.
    tables: [Table; TableId::COUNT],
    pub figures: Figures,
    /// 第三部分 说明: its six generated sections, or the sections written in the file
    /// (`说明 <标题>`, the 说明 as published), which replace them.
    pub explanations: Vec<Section>,
    /// 第四部分 名词解释: the file's own entries, else the catalog's.
    pub glossary: Vec<Definition>,
}

impl Document {
    /// The tables, in the published order.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// One table; every budget has all twelve (a region's table, `TableId::REGION`, is not a
    /// budget's: it is the empty table).
    pub fn table(&self, id: TableId) -> &Table {
        // `tables` is built from `TableId::ALL`, so every id of it has its position.
        self.tables.get(id.index()).unwrap_or(&NO_TABLE)
    }
}

/// What `Document::table` gives for an id that is not a budget's.
static NO_TABLE: Table = Table {
    id: TableId::RegionDepartments,
    title: String::new(),
    columns: Vec::new(),
    rows: Vec::new(),
    note: None,
};

/// Computes every table, figure and sentence of a budget.
pub fn compute(budget: &Budget, catalog: &Catalog) -> Document {
    let rules = catalog.rules();
    let by_code = spending::by_code(budget, rules);
    let figures = Figures::compute(budget, rules, &by_code);
    let tables = tables::compute(budget, catalog, &by_code, &figures);
    let glossary = prose::glossary(budget, &rules.glossary);
    Document {
        tables,
        explanations: match prose::written(budget) {
            Some(written) => written,
            None => prose::explanations(budget, &figures, &glossary),
        },
        glossary,
        figures,
    }
}
