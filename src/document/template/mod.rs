//! Templates (模板): which tables a document has, in which order, with which titles, numbers,
//! columns, units and printed decimals, the labels around them, and the rules of the region
//! that override the catalog year's. A budget chooses one with `模板 <名称|路径>`; without it,
//! the built-in `标准` (the reference's twelve tables).
//!
//! A template is data (TOML): two are built in (`templates/*.toml`), a user writes their own.
//! `parse` reads one into the typed `Template`; a wrong file is a `TemplateError` with its line
//! and column, never a panic.

mod locator;
mod parse;
mod rules;
mod sides;

pub use parse::parse;
pub use rules::RuleOverrides;

use super::prose::{numeral, Section};
use super::tables::ids::{ColumnId, TableId};
use crate::diag::Text;
use crate::model::MoneyUnit;

/// The name of the default template.
pub const DEFAULT: &str = "标准";

/// The built-in templates: name and TOML text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("标准", include_str!("../../../templates/标准.toml")),
    ("上海", include_str!("../../../templates/上海.toml")),
];

/// The names of the built-in templates, in order.
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(n, _)| *n).collect()
}

/// A built-in template by name (`None` for another name).
pub fn built_in(name: &str) -> Option<Template> {
    let (n, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
    // The built-in files are tested to parse (`every_built_in_template_parses`).
    parse(n, text).ok()
}

/// The default template (`标准`): the reference's twelve tables.
pub fn standard() -> Template {
    built_in(DEFAULT).unwrap_or_else(Template::fallback)
}

/// One template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Its name (a built-in's, or the file's `name`).
    pub name: String,
    /// Where it comes from, as errors name it: the built-in's name or the file's path.
    pub source: String,
    /// The tables, in the published order.
    pub tables: Vec<TableSpec>,
    pub labels: Labels,
    /// The 说明 (第三部分) sections to print, by their titles without the numeral, in order;
    /// `None`: all of them, as computed.
    pub sections: Option<Vec<String>>,
    /// What the region counts differently from the catalog year's rules.
    pub rules: RuleOverrides,
}

/// The labels printed around the tables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    /// Before the department's name above each table (`部门（单位）`; Shanghai: `编制部门`).
    pub department: Option<String>,
    /// The part titles, by part number (1 to 4), where they differ.
    pub parts: Vec<(usize, String)>,
}

/// One table of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    /// The built-in table it is (the rows and sums come from there).
    pub kind: TableId,
    /// The line of its `kind` in the file (errors found when it is laid out point there).
    pub line: usize,
    /// The printed title; `{year}` is the budget's year. `None`: the built-in title.
    pub title: Option<String>,
    /// Its number in the 目录 (`1.`); `None`: the Chinese numeral of its position (`一、`).
    pub number: Option<String>,
    /// The printed unit and decimals; `None`: the budget's unit, two decimals.
    pub print: Option<Print>,
    /// The columns printed, in order; `None`: the built-in ones.
    pub columns: Option<Vec<ColumnId>>,
    /// Header texts (top first) of the columns that differ from the built-in ones.
    pub headers: Vec<(ColumnId, Vec<String>)>,
    /// The note of the table when it has no amount.
    pub empty_note: Option<String>,
    /// A two-sided table's income side, top to bottom: each printed label with the sources it
    /// adds up; `None`: the built-in lines.
    pub income_lines: Option<Vec<IncomeLine>>,
    /// A two-sided table's total rows kept, in order, with their printed labels; `None`: the
    /// built-in ones.
    pub totals: Option<Vec<TotalRow>>,
}

/// A line of the income side of a two-sided table: `一、财政拨款收入`, the sources it adds up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeLine {
    pub label: String,
    pub sources: Vec<crate::model::Source>,
}

/// A total row of a two-sided table: the built-in row (by its name, e.g. `支出总计`) and its
/// printed labels on each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalRow {
    pub row: String,
    pub income: String,
    pub expenditure: String,
}

/// How a table prints its amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Print {
    pub unit: MoneyUnit,
    pub decimals: u32,
}

/// A wrong template: where (line and column, 1-based; 0: the whole file) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: Text,
}

impl TemplateError {
    /// `file:line:column` (`file` for the whole file).
    pub fn place(&self) -> String {
        match self.line {
            0 => self.file.clone(),
            l => format!("{}:{l}:{}", self.file, self.column),
        }
    }
}

impl Template {
    /// The twelve tables as built in, should the embedded file ever fail (it is tested not to).
    fn fallback() -> Template {
        Template {
            name: DEFAULT.to_string(),
            source: DEFAULT.to_string(),
            tables: TableId::ALL
                .iter()
                .map(|id| TableSpec {
                    kind: *id,
                    line: 0,
                    title: None,
                    number: None,
                    print: None,
                    columns: None,
                    headers: Vec::new(),
                    empty_note: None,
                    income_lines: None,
                    totals: None,
                })
                .collect(),
            labels: Labels::default(),
            sections: None,
            rules: RuleOverrides::default(),
        }
    }

    /// The label of a part (1 to 4), when the template gives one.
    pub fn part_label(&self, part: usize) -> Option<&str> {
        self.labels
            .parts
            .iter()
            .find(|(p, _)| *p == part)
            .map(|(_, s)| s.as_str())
    }
}

/// The 说明 sections a template keeps, in its order, renumbered (一、二、…): each named by its
/// title without the numeral. A name that matches no section is left out.
pub fn sections(all: Vec<Section>, keep: &[String]) -> Vec<Section> {
    let bare = |t: &str| t.split_once('、').map_or(t, |(_, rest)| rest).to_string();
    let mut out = Vec::new();
    for name in keep {
        if let Some(s) = all.iter().find(|s| bare(&s.title) == *name) {
            let mut s = s.clone();
            s.title = format!("{}、{}", numeral(out.len()), name);
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests;
