//! A whole region at once (`budc region`): the summary of every department of one year, and
//! the checks that need more than one budget.
//!
//! Each department is compiled as `budc compile` compiles it and at once reduced to its
//! `Department`, a summary of a few dozen numbers and the keys the cross-department checks
//! compare (project codes, sub-units, year and catalog); the `Compiled` is dropped, so memory
//! grows with the summary, not with the budgets. Departments fold into an `Accumulator`
//! (in parallel: accumulators merge), and `Accumulator::finish` makes the `Region`: its
//! departments in file order, its tables (document `Table`s, rendered by the same JSON, XLSX
//! and DOCX writers as a budget's) and its diagnostics.
//!
//! Money: every amount is carried in 元, exactly (a 万元 budget's amounts × 10,000), and the
//! region is in 元 when any department is, else in 万元 (the sums of 万元 budgets divided back,
//! exactly). So no cent of a 元 budget is ever rounded.
//!
//! `tables` builds the summary tables, `checks` the cross-department diagnostics, `control`
//! reads the control file (`region.ctl`: the approved totals), `json` the JSON contract.

pub mod checks;
pub mod control;
pub mod json;
mod tables;

use crate::diag::Diagnostic;
use crate::document::{Figures, Table, TableId};
use crate::model::{MoneyUnit, ProcurementKind, Source, ThreePublicKind};
use crate::source::SourceFile;
use crate::span::Span;
use crate::Compiled;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub use control::Control;

/// 元 in a 万元.
const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The four 三公 items, in the order of the tables.
pub const THREE_PUBLIC: [ThreePublicKind; 4] = [
    ThreePublicKind::Abroad,
    ThreePublicKind::VehiclePurchase,
    ThreePublicKind::VehicleOperation,
    ThreePublicKind::Reception,
];

/// Where a token of a department's file stands: its byte span and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// The department's position in the region (file order).
    pub department: usize,
    pub span: Span,
    pub line: usize,
}

/// One department, reduced: what the region's tables and checks need of it. Amounts in 元.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Department {
    /// Its position in the region (the order of its file).
    pub index: usize,
    /// 部门, as the file names it.
    pub name: String,
    /// The file, as it was named.
    pub file: String,
    /// The 金额单位 the file is written in.
    pub unit: Option<MoneyUnit>,
    pub year: u16,
    /// The catalog year the budget was checked against (科目版本, else 年度).
    pub catalog: String,
    /// Where 部门, 年度 and 科目版本 are written (for the diagnostics).
    pub name_at: Option<Place>,
    pub year_at: Option<Place>,
    pub catalog_at: Option<Place>,
    /// Whether the budget itself has errors (then nothing of the region is written).
    pub errors: usize,
    pub warnings: usize,
    pub total: Decimal,
    pub basic: Decimal,
    pub project: Decimal,
    /// Income by source (derived: the spending each source pays), in source order.
    pub income: BTreeMap<Source, Decimal>,
    pub three_public: BTreeMap<ThreePublicKind, Decimal>,
    /// Last year's 三公 by item, when the file states them.
    pub three_public_prior: Option<BTreeMap<ThreePublicKind, Decimal>>,
    /// 机关运行经费; `None` when the department has no 行政 or 参公 unit (not applicable).
    pub operating_cost: Option<Decimal>,
    pub operating_cost_prior: Option<Decimal>,
    pub procurement: BTreeMap<ProcurementKind, Decimal>,
    pub project_count: usize,
    /// Functional 类 and 款 codes → (name, 基本, 项目): folded into the region's and dropped.
    pub functional: BTreeMap<String, (String, Decimal, Decimal)>,
    /// Each project code with where it is written.
    pub project_codes: Vec<(String, Place)>,
    /// Each 二级单位's full name with where it is written.
    pub sub_units: Vec<(String, Place)>,
}

impl Department {
    /// The summary of a compiled budget, the `index`-th of the region.
    pub fn of(index: usize, c: &Compiled) -> Department {
        let b = &c.budget;
        let scale = match b.unit() {
            MoneyUnit::Yuan => Decimal::ONE,
            MoneyUnit::TenThousandYuan => WAN,
        };
        let yuan = |d: Decimal| d.checked_mul(scale).unwrap_or(Decimal::MAX);
        let place = |span: Span| Place {
            department: index,
            span,
            line: c.file.position(span.start).line,
        };
        let f: &Figures = &c.document.figures;
        let count =
            |s: crate::diag::Severity| c.diagnostics.iter().filter(|d| d.severity == s).count();
        let (errors, warnings) = (
            count(crate::diag::Severity::Error),
            count(crate::diag::Severity::Warning),
        );
        let mut functional = BTreeMap::new();
        let expenditure = c.document.table(TableId::Expenditure);
        for row in &expenditure.rows {
            let Some(code) = row.code.as_ref().filter(|c| c.len() == 3 || c.len() == 5) else {
                continue;
            };
            let basic = expenditure
                .amount(row, crate::document::ColumnId::Basic)
                .unwrap_or_default();
            let project = expenditure
                .amount(row, crate::document::ColumnId::Project)
                .unwrap_or_default();
            functional.insert(code.clone(), (row.name.clone(), yuan(basic), yuan(project)));
        }
        let tp = &f.three_public;
        Department {
            index,
            name: b.department().to_string(),
            file: c.file.name.clone(),
            unit: b.unit.as_ref().map(|u| u.value),
            year: b.year(),
            catalog: c.catalog.year.clone(),
            name_at: b.department.as_ref().map(|d| place(d.span)),
            year_at: b.year.as_ref().map(|y| place(y.span)),
            catalog_at: b.catalog_year.as_ref().map(|y| place(y.span)),
            errors,
            warnings,
            total: yuan(f.expenditure_total),
            basic: yuan(f.basic),
            project: yuan(f.project),
            income: f.income.iter().map(|(s, d)| (*s, yuan(*d))).collect(),
            three_public: THREE_PUBLIC
                .iter()
                .map(|k| (*k, yuan(tp.current(*k))))
                .collect(),
            three_public_prior: tp.has_prior.then(|| {
                THREE_PUBLIC
                    .iter()
                    .map(|k| (*k, yuan(tp.prior(*k).unwrap_or_default())))
                    .collect()
            }),
            operating_cost: f.operating_cost.map(yuan),
            operating_cost_prior: f
                .operating_cost
                .and(b.prior.operating_cost.as_ref())
                .map(|m| yuan(m.value)),
            procurement: [
                (ProcurementKind::Goods, f.procurement_goods),
                (ProcurementKind::Works, f.procurement_works),
                (ProcurementKind::Services, f.procurement_services),
            ]
            .into_iter()
            .map(|(k, d)| (k, yuan(d)))
            .collect(),
            project_count: f.project_count,
            functional,
            project_codes: b
                .projects
                .iter()
                .map(|p| (p.code.value.clone(), place(p.code.span)))
                .collect(),
            sub_units: b
                .sub_units
                .iter()
                .map(|u| (u.name.value.clone(), place(u.name.span)))
                .collect(),
        }
    }

    /// The 三公 total, this year.
    pub fn three_public_total(&self) -> Decimal {
        self.three_public.values().copied().sum()
    }

    /// The 三公 total, last year (when stated).
    pub fn three_public_prior_total(&self) -> Option<Decimal> {
        self.three_public_prior
            .as_ref()
            .map(|m| m.values().copied().sum())
    }

    pub fn procurement_total(&self) -> Decimal {
        self.procurement.values().copied().sum()
    }
}

/// The departments seen so far, reduced: their summaries (without their functional rows,
/// which are added up here) and the keys of the checks. Merge two with `merge`.
#[derive(Debug, Default)]
pub struct Accumulator {
    departments: Vec<Department>,
    functional: BTreeMap<String, (String, Decimal, Decimal)>,
    project_codes: BTreeMap<String, Vec<Place>>,
    sub_units: BTreeMap<String, Vec<Place>>,
}

impl Accumulator {
    /// Adds a department: its functional rows and keys are folded in, the rest kept.
    pub fn with(mut self, mut d: Department) -> Self {
        for (code, (name, basic, project)) in std::mem::take(&mut d.functional) {
            let slot = self
                .functional
                .entry(code)
                .or_insert_with(|| (name, Decimal::ZERO, Decimal::ZERO));
            slot.1 = slot.1.saturating_add(basic);
            slot.2 = slot.2.saturating_add(project);
        }
        for (code, at) in std::mem::take(&mut d.project_codes) {
            self.project_codes.entry(code).or_default().push(at);
        }
        for (name, at) in std::mem::take(&mut d.sub_units) {
            self.sub_units.entry(name).or_default().push(at);
        }
        self.departments.push(d);
        self
    }

    /// The departments added so far, in the order they were added.
    pub fn departments(&self) -> &[Department] {
        &self.departments
    }

    /// Both accumulators in one (in any order: `finish` sorts).
    pub fn merge(mut self, other: Accumulator) -> Self {
        for (code, (name, basic, project)) in other.functional {
            let slot = self
                .functional
                .entry(code)
                .or_insert_with(|| (name, Decimal::ZERO, Decimal::ZERO));
            slot.1 = slot.1.saturating_add(basic);
            slot.2 = slot.2.saturating_add(project);
        }
        for (code, at) in other.project_codes {
            self.project_codes.entry(code).or_default().extend(at);
        }
        for (name, at) in other.sub_units {
            self.sub_units.entry(name).or_default().extend(at);
        }
        self.departments.extend(other.departments);
        self
    }

    /// The region: departments in file order, the year and catalog most of them have (or the
    /// control file's), the unit, the tables and the diagnostics.
    pub fn finish(mut self, control: Option<&Control>) -> Region {
        self.departments.sort_by_key(|d| d.index);
        let year = control
            .and_then(|c| c.year.as_ref().map(|y| y.value))
            .or_else(|| most_common(self.departments.iter().map(|d| d.year)))
            .unwrap_or_default();
        let catalog = control
            .and_then(|c| c.catalog.as_ref().map(|y| y.value.clone()))
            .or_else(|| most_common(self.departments.iter().map(|d| d.catalog.clone())))
            .unwrap_or_default();
        let unit = if self
            .departments
            .iter()
            .any(|d| d.unit == Some(MoneyUnit::Yuan))
        {
            MoneyUnit::Yuan
        } else {
            MoneyUnit::TenThousandYuan
        };
        let mut diagnostics = Vec::new();
        checks::duplicates(
            &self.departments,
            &self.project_codes,
            &self.sub_units,
            &mut diagnostics,
        );
        checks::mixed(&self.departments, year, &catalog, &mut diagnostics);
        if let Some(c) = control {
            checks::control(c, &self.departments, &mut diagnostics);
        }
        diagnostics.sort_by(|a, b| {
            (a.origin, a.diagnostic.offset()).cmp(&(b.origin, b.diagnostic.offset()))
        });
        let name = control.and_then(|c| c.name.as_ref().map(|n| n.value.clone()));
        let tables = tables::all(&self.departments, &self.functional, unit, year);
        Region {
            name,
            year,
            catalog,
            unit,
            departments: self.departments,
            tables,
            diagnostics,
        }
    }
}

/// The most frequent value (the smallest of the most frequent).
fn most_common<T: Ord>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(v, _)| v)
}

/// Which file a region diagnostic is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// The control file.
    Control,
    /// A department's file, by its position in the region.
    Department(usize),
}

/// A diagnostic of the region, and the file it points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionDiagnostic {
    pub origin: Origin,
    pub diagnostic: Diagnostic,
}

/// The summary of a region's departments.
#[derive(Debug, Clone)]
pub struct Region {
    /// 区域, as the control file names it.
    pub name: Option<String>,
    pub year: u16,
    pub catalog: String,
    /// 元 when any department is in 元, else 万元.
    pub unit: MoneyUnit,
    /// In file order; amounts in 元 (`Region::amount` gives them in the region's unit).
    pub departments: Vec<Department>,
    /// The summary tables, in the region's unit, in the order of `TableId::REGION`.
    pub tables: Vec<Table>,
    /// The cross-department diagnostics (not the departments' own), by file and position.
    pub diagnostics: Vec<RegionDiagnostic>,
}

impl Region {
    /// An amount in 元 in the region's unit (exact: 万元 only when every department is in 万元,
    /// whose amounts were multiplied by 10,000).
    pub fn amount(&self, yuan: Decimal) -> Decimal {
        in_unit(yuan, self.unit)
    }

    /// The title of the summary: 2024 年云溪县部门预算汇总.
    pub fn title(&self) -> String {
        let name = self.name.as_deref().unwrap_or("");
        format!("{} 年{name}部门预算汇总", self.year)
    }

    /// What the tables' 部门（单位） line names: the region, or the number of departments.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => format!("{n}（{} 个部门）", self.departments.len()),
            None => format!("{} 个部门", self.departments.len()),
        }
    }

    /// One table of the summary.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.diagnostic.severity == crate::diag::Severity::Error)
    }

    /// The JSON output (`budc.region.v1`), pretty-printed with a final newline.
    pub fn to_json(&self) -> String {
        json::render(self)
    }

    /// The XLSX output: one sheet per table, sums as formulas.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        crate::backend::xlsx::render_tables(
            &self.title(),
            &self.label(),
            self.unit.as_str(),
            self.year,
            &self.tables,
        )
    }

    /// The DOCX output: a cover, the 目录 and the tables.
    pub fn to_docx(&self) -> std::io::Result<Vec<u8>> {
        crate::backend::docx::render_tables(
            &self.title(),
            &self.label(),
            self.unit.as_str(),
            self.year,
            &self.tables,
        )
    }
}

/// An amount in 元 in `unit`.
pub(crate) fn in_unit(yuan: Decimal, unit: MoneyUnit) -> Decimal {
    match unit {
        MoneyUnit::Yuan => yuan,
        MoneyUnit::TenThousandYuan => yuan.checked_div(WAN).unwrap_or_default(),
    }
}

/// The region of compiled budgets, in the order given, with an optional control file: the
/// library's way in (`budc region` compiles and reduces one file at a time instead). Takes
/// `&[Compiled]`, `&Vec<Compiled>` or any iterator of `&Compiled` (the site's entries).
pub fn consolidate<'a>(
    compiled: impl IntoIterator<Item = &'a Compiled>,
    control: Option<&Control>,
) -> Region {
    compiled
        .into_iter()
        .enumerate()
        .fold(Accumulator::default(), |acc, (i, c)| {
            acc.with(Department::of(i, c))
        })
        .finish(control)
}

/// The files of an example of several files (a region code's, `budc explain`): each starts
/// with a line `==> name <==`.
pub fn example_files(text: &str) -> Vec<SourceFile> {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let name = line
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="));
        match (name, files.last_mut()) {
            (Some(n), _) => files.push((n.to_string(), String::new())),
            (None, Some((_, body))) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    files
        .into_iter()
        .map(|(n, t)| SourceFile::new(n, t))
        .collect()
}

/// The region of an example of several files: its `.ctl` file is the control file, the others
/// are the departments. Returns the region and every code it gives (the departments' and the
/// region's).
pub fn of_example(text: &str) -> (Region, Vec<&'static str>) {
    let (controls, budgets): (Vec<SourceFile>, Vec<SourceFile>) = example_files(text)
        .into_iter()
        .partition(|f| f.name.ends_with(".ctl"));
    let compiled: Vec<Compiled> = budgets
        .into_iter()
        .map(|f| crate::compile(f, None))
        .collect();
    let control = controls.into_iter().next().map(Control::parse);
    let region = consolidate(&compiled, control.as_ref());
    let codes = compiled
        .iter()
        .flat_map(|c| c.diagnostics.iter().map(|d| d.code))
        .chain(region.diagnostics.iter().map(|d| d.diagnostic.code))
        .collect();
    (region, codes)
}
