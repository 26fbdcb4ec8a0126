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
pub mod template;

pub use figures::{round2, Change, Figures, ThreePublic};
pub use prose::{Definition, Paragraph, Part, Section, Sentence, Spacing};
pub use spending::Spending;
pub use tables::{
    Cell, Column, ColumnId, ColumnKind, HeaderCell, Row, RowLevel, Table, TableId, TableUnit,
};
pub use template::{Template, TemplateError};

use crate::model::catalog::Catalog;
use crate::model::Budget;

/// The tables, figures and prose of one budget.
#[derive(Debug, Clone)]
pub struct Document {
    /// The published tables: the template's, in its order (`None`: those of `all`, as built).
    tables: Option<Vec<Table>>,
    /// Every built-in table, in the order of `TableId::ALL`, as the reference prints it (what
    /// the checks and summaries read, whatever the template).
    all: [Table; TableId::COUNT],
    /// The template's labels (department line, part titles).
    pub labels: template::Labels,
    /// What in the template does not fit the tables (a column a table does not have).
    pub template_errors: Vec<TemplateError>,
    pub figures: Figures,
    /// 第三部分 说明: its six generated sections, or the sections written in the file
    /// (`说明 <标题>`, the 说明 as published), which replace them.
    pub explanations: Vec<Section>,
    /// 第四部分 名词解释: the file's own entries, else the catalog's.
    pub glossary: Vec<Definition>,
}

impl Document {
    /// The tables, in the published order (the template's).
    pub fn tables(&self) -> &[Table] {
        self.tables.as_deref().unwrap_or(&self.all)
    }

    /// One built-in table, as the reference prints it; every budget has all twelve (a
    /// region's table, `TableId::REGION`, is not a budget's: it is the empty table).
    pub fn table(&self, id: TableId) -> &Table {
        // `all` is built from `TableId::ALL`, so every id of it has its position.
        self.all.get(id.index()).unwrap_or(&NO_TABLE)
    }

    /// The position of a table among the published ones (`None` when the template has not
    /// got it).
    pub fn position(&self, id: TableId) -> Option<usize> {
        self.tables().iter().position(|t| t.id == id)
    }
}

/// What `Document::table` gives for an id that is not a budget's.
static NO_TABLE: Table = Table {
    id: TableId::RegionDepartments,
    title: String::new(),
    columns: Vec::new(),
    rows: Vec::new(),
    note: None,
    number: None,
    unit: None,
};

/// Computes every table, figure and sentence of a budget, with the default template.
pub fn compute(budget: &Budget, catalog: &Catalog) -> Document {
    compute_with(budget, catalog, &template::standard())
}

/// Computes every table, figure and sentence of a budget, the tables as `template` lays them
/// out. The template's rules are already in `catalog` (`Catalog::with_rules`).
pub fn compute_with(budget: &Budget, catalog: &Catalog, template: &Template) -> Document {
    let rules = catalog.rules();
    let by_code = spending::by_code(budget, rules);
    let figures = Figures::compute(budget, rules, &by_code);
    let computed = tables::compute(budget, catalog, &by_code, &figures, template);
    let glossary = prose::glossary(budget, &rules.glossary);
    let explanations = match prose::written(budget) {
        // The 说明 as published is printed as written, whatever the template's sections.
        Some(written) => written,
        None => {
            let generated = prose::explanations(budget, &figures, &glossary);
            match &template.sections {
                Some(keep) => template::sections(generated, keep),
                None => generated,
            }
        }
    };
    Document {
        tables: computed.published,
        all: computed.all,
        labels: template.labels.clone(),
        template_errors: computed.errors,
        explanations,
        glossary,
        figures,
    }
}
