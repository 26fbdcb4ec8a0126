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

    /// Loads a catalog from a folder holding the files of `catalog/2024/`.
    pub fn from_dir(dir: &Path) -> Result<Catalog, CatalogError> {
        let mut files = Vec::new();
        for name in FILES {
            let path = dir.join(name);
            if name == FUND_FILE && !path.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| CatalogError {
                file: path.display().to_string(),
                line: 0,
                message: match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        let needed: Vec<&str> =
                            FILES.iter().filter(|f| **f != FUND_FILE).copied().collect();
                        let (zh, en) = (needed.join("、"), needed.join(", "));
                        t!(
                            "缺少此文件：科目表目录应有 {zh}，可另有 {FUND_FILE}（见 catalog/README.md）",
                            "missing: a catalog folder holds {en} and, optionally, {FUND_FILE} \
                             (catalog/README.md)"
                        )
                    }
                    _ => cannot_read(&e),
                },
            })?;
            files.push((name.to_string(), text));
        }
        let mut crosswalks: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| CatalogError {
                file: dir.display().to_string(),
                line: 0,
                message: {
                    let why = reason(&e);
                    let (zh, en) = (&why.zh, &why.en);
                    t!("无法列出目录：{zh}", "cannot list the folder: {en}")
                },
            })?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| crosswalk_year(n).is_some())
            .collect();
        crosswalks.sort();
        for name in crosswalks {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).map_err(|e| CatalogError {
                file: path.display().to_string(),
                line: 0,
                message: cannot_read(&e),
            })?;
            files.push((name, text));
        }
        let year = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Catalog::from_files(&year, &files).map_err(|e| CatalogError {
            file: dir.join(&e.file).display().to_string(),
            ..e
        })
    }

    fn from_embedded(year: &str, files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
        let crosswalks = EMBEDDED_CROSSWALKS
            .iter()
            .filter(|(y, _, _)| *y == year)
            .map(|(_, n, t)| (*n, *t));
        let files: Vec<(String, String)> = files
            .iter()
            .copied()
            .chain(crosswalks)
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        Catalog::from_files(year, &files)
    }

    fn from_files(year: &str, files: &[(String, String)]) -> Result<Catalog, CatalogError> {
        let mut cat = Tables {
            year: year.to_string(),
            ..Tables::default()
        };
        let mut rules = None;
        for (name, text) in files {
            if name == RULES_FILE {
                rules = Some(Rules::parse(name, text)?);
                continue;
            }
            if name == MAPPING_FILE {
                read_mapping(&mut cat, name, text)?;
                continue;
            }
            if let Some(from) = crosswalk_year(name) {
                cat.crosswalks.push(read_crosswalk(from, name, text)?);
                continue;
            }
            let code_list = CODE_LISTS.contains(&name.as_str());
            let allowed: &[usize] = if code_list { &[3, 4] } else { &[3] };
            for (line_no, cols) in rows(name, text, allowed)? {
                let err = |message: Text| CatalogError {
                    file: name.clone(),
                    line: line_no,
                    message,
                };
                if code_list {
                    let (code, entry) = code_row(cols, line_no).map_err(err)?;
                    let table = match name.as_str() {
                        "functional.tsv" => &mut cat.functional,
                        "economic_dept.tsv" => &mut cat.economic_dept,
                        "economic_gov.tsv" => &mut cat.economic_gov,
                        _ => &mut cat.fund_sections,
                    };
                    insert(table, &code, entry, err)?;
                    continue;
                }
                let Ok([code, second, _source]) = <[String; 3]>::try_from(cols) else {
                    continue;
                };
                // complete.tsv: the branches whose children are all listed.
                let class = Classification::from_key(&code).ok_or_else(|| {
                    err(t!("未知的分类 `{code}`", "unknown classification `{code}`"))
                })?;
                cat.complete.insert((class, second));
            }
        }
        cat.rules = rules.ok_or_else(|| CatalogError {
            file: RULES_FILE.to_string(),
            line: 0,
            message: Text::fixed(
                "缺少此文件：科目表在编码表旁应有其规则（见 catalog/README.md）",
                "missing: a catalog holds its rules beside the code lists (catalog/README.md)",
            ),
        })?;
        Ok(Catalog(Arc::new(cat)))
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

fn insert(
    map: &mut BTreeMap<String, Entry>,
    code: &str,
    entry: Entry,
    err: impl Fn(Text) -> CatalogError,
) -> Result<(), CatalogError> {
    if !code.chars().all(|c| c.is_ascii_digit()) || ![3, 5, 7].contains(&code.len()) {
        return Err(err(t!(
            "`{code}` 不是 3、5 或 7 位的编码",
            "`{code}` is not a 3-, 5- or 7-digit code"
        )));
    }
    if map.insert(code.to_string(), entry).is_some() {
        return Err(err(t!(
            "编码 `{code}` 出现了两次",
            "code `{code}` appears twice"
        )));
    }
    Ok(())
}

/// `economic_mapping.tsv`: `dept_code, side, gov_code, confidence, source`, one row per code and
/// side (机关 or 事业).
fn read_mapping(cat: &mut Tables, name: &str, text: &str) -> Result<(), CatalogError> {
    for (line, cols) in rows(name, text, &[5])? {
        let Ok([dept, side, gov, confidence, source]) = <[String; 5]>::try_from(cols) else {
            continue;
        };
        let err = |message: Text| CatalogError {
            file: name.to_string(),
            line,
            message,
        };
        let side = Side::parse(&side).ok_or_else(|| {
            err(t!(
                "一侧 `{side}`：应为 机关 或 事业",
                "side `{side}`: expected 机关 or 事业"
            ))
        })?;
        if !matches!(confidence.as_str(), "confirmed" | "recalled") {
            return Err(err(t!(
                "可信度 `{confidence}`：应为 confirmed 或 recalled",
                "confidence `{confidence}`: expected confirmed or recalled"
            )));
        }
        let entry = MappingEntry {
            gov_code: gov,
            confidence,
            source,
            line,
        };
        if cat.mapping.insert((dept.clone(), side), entry).is_some() {
            let side = side.name();
            return Err(err(t!(
                "{dept}（{side}）对应了两次",
                "{dept} ({side}) is mapped twice"
            )));
        }
    }
    Ok(())
}

/// A crosswalk file: `old_code, old_name, new_code, new_name, confidence, source`; `-` for the
/// code and name of a side that does not exist (an added or a removed code).
fn read_crosswalk(from: &str, name: &str, text: &str) -> Result<Crosswalk, CatalogError> {
    let mut out = Crosswalk {
        from: from.to_string(),
        file: name.to_string(),
        rows: Vec::new(),
    };
    for (line, cols) in rows(name, text, &[6])? {
        let Ok([old_code, old_name, new_code, new_name, confidence, source]) =
            <[String; 6]>::try_from(cols)
        else {
            continue;
        };
        let err = |message: Text| CatalogError {
            file: name.to_string(),
            line,
            message,
        };
        let confidence = Confidence::from_key(&confidence)
            .ok_or_else(|| err(unknown_confidence(&confidence)))?;
        for (code, name) in [(&old_code, &old_name), (&new_code, &new_name)] {
            let dash = code == "-";
            let digits =
                code.chars().all(|c| c.is_ascii_digit()) && [3, 5, 7].contains(&code.len());
            if !dash && !digits {
                return Err(err(t!(
                    "`{code}` 不是 3、5 或 7 位的编码，也不是 `-`",
                    "`{code}` is not a 3-, 5- or 7-digit code nor `-`"
                )));
            }
            if dash != (name == "-") || name.is_empty() {
                return Err(err(t!(
                    "编码 `{code}`、名称 `{name}`：一侧应是编码和它的名称，或 `-` 和 `-`",
                    "code `{code}` with name `{name}`: a side is a code and its name, or `-` and `-`"
                )));
            }
        }
        if old_code == "-" && new_code == "-" {
            return Err(err(Text::fixed(
                "这一行既没有旧编码也没有新编码",
                "a row with neither an old nor a new code",
            )));
        }
        if old_code != "-" && out.rows.iter().any(|r| r.old_code == old_code) {
            return Err(err(t!(
                "旧编码 `{old_code}` 出现了两次",
                "old code `{old_code}` appears twice"
            )));
        }
        out.rows.push(CrosswalkRow {
            old_code,
            old_name,
            new_code,
            new_name,
            confidence,
            source,
            line,
        });
    }
    Ok(out)
}

/// A row of a code list: its code and entry.
fn code_row(cols: Vec<String>, line: usize) -> Result<(String, Entry), Text> {
    let mut cols = cols.into_iter();
    let (code, name) = (
        cols.next().unwrap_or_default(),
        cols.next().unwrap_or_default(),
    );
    let (confidence, source) = match (cols.next(), cols.next()) {
        (Some(word), Some(source)) => {
            let confidence =
                Confidence::from_key(&word).ok_or_else(|| unknown_confidence(&word))?;
            (confidence, source)
        }
        (source, _) => (Confidence::Confirmed, source.unwrap_or_default()),
    };
    if name.is_empty() {
        return Err(t!("编码 `{code}` 没有名称", "code `{code}` has no name"));
    }
    Ok((
        code,
        Entry {
            name,
            confidence,
            source,
            line,
        },
    ))
}

/// The data rows of a TSV file (header skipped), each with one of the `allowed` numbers of
/// columns: three, or in a code list three or four (`code, name, [confidence,] source`), five in
/// the mapping.
fn rows(
    name: &str,
    text: &str,
    allowed: &[usize],
) -> Result<Vec<(usize, Vec<String>)>, CatalogError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        let found = cols.len();
        if !allowed.contains(&found) {
            let expected: Vec<String> = allowed.iter().map(usize::to_string).collect();
            let (zh, en) = (expected.join(" 或 "), expected.join(" or "));
            return Err(CatalogError {
                file: name.to_string(),
                line: i + 1,
                message: t!(
                    "应有 {zh} 列（以制表符分隔），实有 {found} 列",
                    "expected {en} tab-separated columns, found {found}"
                ),
            });
        }
        out.push((i + 1, cols));
    }
    Ok(out)
}

/// A confidence that is neither `confirmed` nor `recalled`.
fn unknown_confidence(word: &str) -> Text {
    t!(
        "未知的可信度 `{word}`（应为 `confirmed` 或 `recalled`）",
        "unknown confidence `{word}` (`confirmed` or `recalled`)"
    )
}

/// A catalog file the operating system would not read, its reason in both languages.
fn cannot_read(e: &std::io::Error) -> Text {
    let why = reason(e);
    let (zh, en) = (&why.zh, &why.en);
    t!("无法读取：{zh}", "cannot read it: {en}")
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
