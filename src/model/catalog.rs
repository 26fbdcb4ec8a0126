//! The classification catalog (政府收支分类科目): functional 类/款/项, 部门预算支出经济分类,
//! 政府预算支出经济分类 and the mapping between the two economic classifications.
//!
//! Each built-in year is data in `catalog/<year>/` (code lists as TSV, rules as `rules.toml`; see
//! `catalog/README.md`), embedded in the binary; a user can load another year's or region's from
//! a folder with the same files (`--catalog DIR`), codes and rules alike.

pub use super::catalog_error::CatalogError;
use super::rules::{Rules, RULES_FILE};
use super::Side;
use crate::diag::{t, Text};
use crate::files::reason;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

mod read;

/// One of the three classifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// 支出功能分类
    Functional,
    /// 部门预算支出经济分类
    EconomicDept,
    /// 政府预算支出经济分类
    EconomicGov,
}

impl Classification {
    fn from_key(s: &str) -> Option<Self> {
        match s {
            "functional" => Some(Classification::Functional),
            "economic_dept" => Some(Classification::EconomicDept),
            "economic_gov" => Some(Classification::EconomicGov),
            _ => None,
        }
    }
}

/// How a catalog row is known (its `confidence` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Confidence {
    /// Seen, code and name, in a document that could be read (a published budget, a public
    /// page or code): named in the row's source. A row of a file without the `confidence`
    /// column (a user catalog in the three-column form) is taken as confirmed.
    #[default]
    Confirmed,
    /// Written from knowledge of the official 科目表, not seen in a source: the code is
    /// believed real, its name may differ in wording.
    Recalled,
}

impl Confidence {
    fn from_key(s: &str) -> Option<Self> {
        match s {
            "confirmed" => Some(Confidence::Confirmed),
            "recalled" => Some(Confidence::Recalled),
            _ => None,
        }
    }

    /// The word of the `confidence` column.
    pub fn key(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Recalled => "recalled",
        }
    }
}

/// A catalog row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub confidence: Confidence,
    pub source: String,
    /// The line of its file (1-based; 0 when not read from a file).
    pub line: usize,
}

/// One row of the 部门 → 政府 economic mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingEntry {
    /// The 政府预算支出经济分类 code.
    pub gov_code: String,
    /// `confirmed` or `recalled` (how the row is known).
    pub confidence: String,
    pub source: String,
    /// The line of `economic_mapping.tsv`.
    pub line: usize,
}

/// One row of a crosswalk (`from-<year>.tsv`): how a code of the previous year's catalog
/// became one of this year's. `-` stands for no code: an added code has no old side, a removed
/// one no new side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrosswalkRow {
    pub old_code: String,
    pub old_name: String,
    pub new_code: String,
    pub new_name: String,
    pub confidence: Confidence,
    pub source: String,
    /// The line of the crosswalk file.
    pub line: usize,
}

/// The changes from one earlier catalog year to this one, as data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Crosswalk {
    /// The earlier year (`from-2024.tsv`: 2024).
    pub from: String,
    /// The file name.
    pub file: String,
    pub rows: Vec<CrosswalkRow>,
}

impl Crosswalk {
    /// The row of an old code (renamed, recoded or removed), if the crosswalk has one.
    pub fn of_old(&self, code: &str) -> Option<&CrosswalkRow> {
        self.rows.iter().find(|r| r.old_code == code)
    }
}

/// The whole catalog of one year: its tables, shared. A clone is a pointer's copy, so a run
/// over many budgets gives each the catalog without copying its thousands of strings (that copy
/// was 13 % of the allocations of `budc check` on the real example).
#[derive(Debug, Clone, Default)]
pub struct Catalog(Arc<Tables>);

impl std::ops::Deref for Catalog {
    type Target = Tables;

    fn deref(&self) -> &Tables {
        &self.0
    }
}

/// The code lists and rules of a catalog.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub year: String,
    pub functional: BTreeMap<String, Entry>,
    pub economic_dept: BTreeMap<String, Entry>,
    pub economic_gov: BTreeMap<String, Entry>,
    /// (部门预算支出经济分类 code, side) → 政府预算支出经济分类 code.
    pub mapping: BTreeMap<(String, Side), MappingEntry>,
    /// Branches whose children are all listed (`-` is the top level).
    pub complete: BTreeSet<(Classification, String)>,
    /// Functional 款 paid from 政府性基金预算 (`government_fund.tsv`, optional in a user catalog).
    pub fund_sections: BTreeMap<String, Entry>,
    /// The crosswalks from earlier years (`from-<year>.tsv`, optional).
    pub crosswalks: Vec<Crosswalk>,
    /// The rules of `rules.toml`.
    rules: Rules,
}

/// The files that list codes with names: `code, name, confidence, source` (or, without the
/// confidence, `code, name, source`).
const CODE_LISTS: [&str; 4] = [
    "functional.tsv",
    "economic_dept.tsv",
    "economic_gov.tsv",
    FUND_FILE,
];

/// The optional file of a catalog folder.
const FUND_FILE: &str = "government_fund.tsv";

/// The 部门 → 政府 economic mapping, by side.
const MAPPING_FILE: &str = "economic_mapping.tsv";

/// The files of a catalog folder, in the order they are read.
const FILES: [&str; 7] = [
    "functional.tsv",
    "economic_dept.tsv",
    "economic_gov.tsv",
    "economic_mapping.tsv",
    "complete.tsv",
    FUND_FILE,
    RULES_FILE,
];

/// One file of `catalog/<year>/`, embedded in the binary: (name, text).
macro_rules! embedded_file {
    ($year:literal, $name:literal) => {
        (
            $name,
            include_str!(concat!("../../catalog/", $year, "/", $name)),
        )
    };
}

/// The files of `catalog/<year>/` (those of `FILES`, in order: a test holds them equal).
macro_rules! embedded_files {
    ($year:literal) => {
        [
            embedded_file!($year, "functional.tsv"),
            embedded_file!($year, "economic_dept.tsv"),
            embedded_file!($year, "economic_gov.tsv"),
            embedded_file!($year, "economic_mapping.tsv"),
            embedded_file!($year, "complete.tsv"),
            embedded_file!($year, "government_fund.tsv"),
            embedded_file!($year, "rules.toml"),
        ]
    };
}

/// A built-in catalog: its year and its files.
type Embedded = (&'static str, [(&'static str, &'static str); FILES.len()]);

/// The catalogs built into budc: adding a year is adding its folder and a line here.
const EMBEDDED: &[Embedded] = &[
    ("2024", embedded_files!("2024")),
    ("2025", embedded_files!("2025")),
];

/// The crosswalks of the built-in years: (year, file name, text).
const EMBEDDED_CROSSWALKS: &[(&str, &str, &str)] = &[(
    "2025",
    "from-2024.tsv",
    include_str!("../../catalog/2025/from-2024.tsv"),
)];

/// The name of a crosswalk file, `from-<year>.tsv`, gives the earlier year.
fn crosswalk_year(file_name: &str) -> Option<&str> {
    let year = file_name.strip_prefix("from-")?.strip_suffix(".tsv")?;
    (!year.is_empty() && year.chars().all(|c| c.is_ascii_digit())).then_some(year)
}

/// The years of the built-in catalogs, oldest first.
pub fn embedded_years() -> Vec<&'static str> {
    let mut years: Vec<&str> = EMBEDDED.iter().map(|(y, _)| *y).collect();
    years.sort_unstable();
    years
}

/// The newest built-in year: the catalog of a budget that states no year.
pub fn newest_embedded_year() -> &'static str {
    embedded_years().last().copied().unwrap_or_default()
}

impl Catalog {
    /// The catalog embedded for a year, if budc has one.
    pub fn embedded(year: &str) -> Option<Catalog> {
        // Read once per process: a run over many budgets copies them instead of re-reading.
        static LOADED: OnceLock<Vec<(&str, Option<Catalog>)>> = OnceLock::new();
        let loaded = LOADED.get_or_init(|| {
            // The embedded files are tested to load; an error here would be a build defect.
            EMBEDDED
                .iter()
                .map(|(y, files)| (*y, Catalog::from_embedded(y, files).ok()))
                .collect()
        });
        loaded
            .iter()
            .find(|(y, _)| *y == year)
            .and_then(|(_, c)| c.clone())
    }

    /// The newest built-in catalog: the one of a budget that states no year.
    pub fn newest_embedded() -> Catalog {
        Catalog::embedded(newest_embedded_year()).unwrap_or_default()
    }

    /// A catalog without codes for a year budc does not know, with the rules of the newest
    /// built-in year (so the checks that need no codes still run).
    pub fn rules_only(year: &str) -> Catalog {
        Catalog(Arc::new(Tables {
            year: year.to_string(),
            rules: Catalog::newest_embedded().rules.clone(),
            ..Tables::default()
        }))
    }

    /// The rules of this catalog's year or region.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The catalog with other rules (a template's written over its own): a copy of its
    /// tables, made only for a budget whose template changes the rules.
    pub fn with_rules(mut self, rules: Rules) -> Catalog {
        Arc::make_mut(&mut self.0).rules = rules;
        self
    }

    /// The rows of one classification, by code.
    pub fn table(&self, class: Classification) -> &BTreeMap<String, Entry> {
        match class {
            Classification::Functional => &self.functional,
            Classification::EconomicDept => &self.economic_dept,
            Classification::EconomicGov => &self.economic_gov,
        }
    }

    /// The crosswalk from an earlier year's catalog to this one (`from-<year>.tsv`), if any.
    pub fn crosswalk_from(&self, year: &str) -> Option<&Crosswalk> {
        self.crosswalks.iter().find(|c| c.from == year)
    }

    /// The catalog name of a code. A functional 款 of 政府性基金预算 is named from
    /// `government_fund.tsv` when the functional list lacks it (a region's catalog may list the
    /// fund 款 there only).
    pub fn name(&self, class: Classification, code: &str) -> Option<&str> {
        let fund = || match class {
            Classification::Functional => self.fund_sections.get(code),
            _ => None,
        };
        self.table(class)
            .get(code)
            .or_else(fund)
            .map(|e| e.name.as_str())
    }

    /// The catalog row of a code: its name, how it is known and its source.
    pub fn entry(&self, class: Classification, code: &str) -> Option<&Entry> {
        self.table(class).get(code)
    }

    /// True when the branch a code would sit in lists all its children: a code missing there
    /// is certainly wrong; elsewhere it may be a gap in the catalog.
    pub fn branch_complete(&self, class: Classification, code: &str) -> bool {
        let parent = parent_code(class, code).unwrap_or("-");
        self.complete.contains(&(class, parent.to_string()))
    }

    /// The codes one level below `code` (at most five), with their names.
    pub fn children(&self, class: Classification, code: &str) -> Vec<(String, String)> {
        self.table(class)
            .range(code.to_string()..)
            .take_while(|(c, _)| c.starts_with(code))
            .filter(|(c, _)| parent_code(class, c) == Some(code))
            .take(5)
            .map(|(c, e)| (c.clone(), e.name.clone()))
            .collect()
    }

    /// Codes as long as `near` whose name is `name` (brackets and spaces normalised), those
    /// sharing the longest prefix with `near` first (the same 款, then the same 类), at most three.
    pub fn find_by_name(
        &self,
        class: Classification,
        name: &str,
        near: &str,
    ) -> Vec<(String, String)> {
        let want = normalize_name(name);
        let shared = |c: &str| {
            c.bytes()
                .zip(near.bytes())
                .take_while(|(a, b)| a == b)
                .count()
        };
        let mut found: Vec<(&String, &Entry)> = self
            .table(class)
            .iter()
            .filter(|(c, e)| c.len() == near.len() && normalize_name(&e.name) == want)
            .collect();
        found.sort_by_key(|(c, _)| (std::cmp::Reverse(shared(c)), (*c).clone()));
        found
            .into_iter()
            .take(3)
            .map(|(c, e)| (c.clone(), e.name.clone()))
            .collect()
    }

    /// Known codes next to an unknown one: same parent, at most two digits different, closest
    /// first (at most three).
    pub fn nearest(&self, class: Classification, code: &str) -> Vec<(String, String)> {
        let parent = parent_code(class, code).unwrap_or("");
        let mut near: Vec<(usize, &String, &Entry)> = self
            .table(class)
            .iter()
            .filter(|(c, _)| c.len() == code.len() && c.starts_with(parent))
            .map(|(c, e)| {
                let d = c.bytes().zip(code.bytes()).filter(|(a, b)| a != b).count();
                (d, c, e)
            })
            .filter(|(d, _, _)| *d <= 2)
            .collect();
        near.sort_by_key(|(d, c, _)| (*d, (*c).clone()));
        near.into_iter()
            .take(3)
            .map(|(_, c, e)| (c.clone(), e.name.clone()))
            .collect()
    }

    /// True when a functional code lies in a 款 paid from 政府性基金预算.
    pub fn is_fund_code(&self, code: &str) -> bool {
        code.get(..5)
            .is_some_and(|k| self.fund_sections.contains_key(k))
    }

    /// The codes that start with `prefix`, in code order.
    pub fn codes_with_prefix(&self, class: Classification, prefix: &str) -> Vec<(String, String)> {
        self.table(class)
            .range(prefix.to_string()..)
            .take_while(|(c, _)| c.starts_with(prefix))
            .map(|(c, e)| (c.clone(), e.name.clone()))
            .collect()
    }

    /// The 项-level (or 款-level economic) codes whose name contains `text`.
    pub fn codes_named(&self, class: Classification, text: &str) -> Vec<(String, String)> {
        let leaf = if class == Classification::Functional {
            7
        } else {
            5
        };
        self.table(class)
            .iter()
            .filter(|(c, e)| c.len() == leaf && e.name.contains(text))
            .map(|(c, e)| (c.clone(), e.name.clone()))
            .collect()
    }

    /// The 政府预算支出经济分类 code a 部门预算支出经济分类 code maps to, on one side (机关 for
    /// 行政 and 参公 units, 事业 for 事业 units).
    pub fn gov_code(&self, dept_code: &str, side: Side) -> Option<&str> {
        self.mapping
            .get(&(dept_code.to_string(), side))
            .map(|m| m.gov_code.as_str())
    }
}

/// The parent of a code: 2013201 → 20132 → 201 (functional), 30101 → 301 (economic).
pub fn parent_code(class: Classification, code: &str) -> Option<&str> {
    match (class, code.len()) {
        (Classification::Functional, 7) => code.get(..5),
        (_, 5) => code.get(..3),
        _ => None,
    }
}

/// Names compare equal regardless of full- or half-width brackets and spaces.
pub fn normalize_name(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests;
