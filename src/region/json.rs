//! The JSON of a region's summary (contract `budc.region.v1`): the region, each department's
//! figures, and the summary tables in the table format of `budc.budget.v2`. Amounts are
//! decimal strings in the region's unit (every decimal kept: a 元 budget's cents are never
//! rounded), never floats; `budc schema --region` prints the schema.

use super::{Department, Region, THREE_PUBLIC};
use crate::backend::json::{table, AmountString, SourceAmount, TableJson};
use crate::model::{ProcurementKind, ThreePublicKind};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// The version of the region's JSON contract. Bump on any incompatible change.
pub const SCHEMA_VERSION: &str = "budc.region.v1";

/// A region's summary as open data.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RegionJson<'a> {
    /// Format version of this document: `budc.region.v1`.
    pub schema: &'static str,
    /// 区域, as the control file names it (null without one).
    pub region: Option<&'a str>,
    /// 预算年度 of every department.
    pub year: u16,
    /// The catalog year of every department.
    pub catalog: &'a str,
    /// 金额单位 of every amount here: `元` when any department is written in 元, else `万元`.
    pub unit: &'static str,
    /// The departments, in file order.
    pub departments: Vec<DepartmentJson<'a>>,
    /// The region's totals.
    pub totals: TotalsJson,
    /// The summary tables: region_departments, region_functional, region_income,
    /// region_three_public, region_operating_cost, region_procurement, region_projects.
    #[schemars(with = "Vec<TableJson>")]
    pub tables: Vec<TableJson<'a>>,
}

/// One department's figures, in the region's unit.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DepartmentJson<'a> {
    /// 部门
    pub department: &'a str,
    /// The budget's file, as named on the command line or found in the folder.
    pub file: &'a str,
    /// The 金额单位 the budget is written in (its amounts here are in the region's).
    pub source_unit: Option<&'static str>,
    pub total: AmountString,
    pub basic: AmountString,
    pub project: AmountString,
    /// 收入 by source (derived from the spending each pays for).
    pub income: Vec<SourceAmount>,
    pub three_public: ThreePublicJson,
    /// 机关运行经费; null when the department has no 行政 or 参公 unit (not applicable).
    pub operating_cost: Option<AmountString>,
    pub operating_cost_applicable: bool,
    /// Last year's 机关运行经费, when stated (and applicable).
    pub operating_cost_prior: Option<AmountString>,
    pub procurement: ProcurementJson,
    pub project_count: usize,
}

/// 三公 by item, this year and last.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreePublicJson {
    pub total: AmountString,
    /// Last year's total; null when the budget states no prior-year 三公.
    pub prior_total: Option<AmountString>,
    /// total − prior_total.
    pub change: Option<AmountString>,
    pub items: Vec<ThreePublicItemJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreePublicItemJson {
    pub kind: ThreePublicKind,
    pub amount: AmountString,
    pub prior: Option<AmountString>,
}

/// 政府采购 by kind.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProcurementJson {
    pub total: AmountString,
    pub goods: AmountString,
    pub works: AmountString,
    pub services: AmountString,
}

/// The region's totals.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TotalsJson {
    pub departments: usize,
    pub total: AmountString,
    pub basic: AmountString,
    pub project: AmountString,
    pub three_public: AmountString,
    /// 机关运行经费 of the departments it applies to.
    pub operating_cost: AmountString,
    /// How many departments have no 行政 or 参公 unit (机关运行经费 not applicable).
    pub operating_cost_not_applicable: usize,
    pub procurement: AmountString,
    pub project_count: usize,
}

/// An amount in the region's unit, two decimals at least, every decimal it has kept.
fn amount(r: &Region, yuan: Decimal) -> AmountString {
    let d = r.amount(yuan);
    if d.round_dp(2) == d {
        format!("{d:.2}")
    } else {
        d.normalize().to_string()
    }
}

fn department<'a>(r: &Region, d: &'a Department) -> DepartmentJson<'a> {
    let a = |y: Decimal| amount(r, y);
    let prior = d.three_public_prior_total();
    let total = d.three_public_total();
    DepartmentJson {
        department: &d.name,
        file: &d.file,
        source_unit: d.unit.map(|u| u.as_str()),
        total: a(d.total),
        basic: a(d.basic),
        project: a(d.project),
        income: d
            .income
            .iter()
            .map(|(s, v)| SourceAmount {
                source: *s,
                amount: a(*v),
            })
            .collect(),
        three_public: ThreePublicJson {
            total: a(total),
            prior_total: prior.map(a),
            change: prior.map(|p| a(total - p)),
            items: THREE_PUBLIC
                .iter()
                .map(|k| ThreePublicItemJson {
                    kind: *k,
                    amount: a(d.three_public.get(k).copied().unwrap_or_default()),
                    prior: d
                        .three_public_prior
                        .as_ref()
                        .map(|m| a(m.get(k).copied().unwrap_or_default())),
                })
                .collect(),
        },
        operating_cost: d.operating_cost.map(a),
        operating_cost_applicable: d.operating_cost.is_some(),
        operating_cost_prior: d.operating_cost_prior.map(a),
        procurement: {
            let of = |k| a(d.procurement.get(&k).copied().unwrap_or_default());
            ProcurementJson {
                total: a(d.procurement_total()),
                goods: of(ProcurementKind::Goods),
                works: of(ProcurementKind::Works),
                services: of(ProcurementKind::Services),
            }
        },
        project_count: d.project_count,
    }
}

pub fn to_json(r: &Region) -> RegionJson<'_> {
    let sum = |f: fn(&Department) -> Decimal| amount(r, r.departments.iter().map(f).sum());
    RegionJson {
        schema: SCHEMA_VERSION,
        region: r.name.as_deref(),
        year: r.year,
        catalog: &r.catalog,
        unit: r.unit.as_str(),
        departments: r.departments.iter().map(|d| department(r, d)).collect(),
        totals: TotalsJson {
            departments: r.departments.len(),
            total: sum(|d| d.total),
            basic: sum(|d| d.basic),
            project: sum(|d| d.project),
            three_public: sum(Department::three_public_total),
            operating_cost: sum(|d| d.operating_cost.unwrap_or_default()),
            operating_cost_not_applicable: r
                .departments
                .iter()
                .filter(|d| d.operating_cost.is_none())
                .count(),
            procurement: sum(Department::procurement_total),
            project_count: r.departments.iter().map(|d| d.project_count).sum(),
        },
        tables: r.tables.iter().map(table).collect(),
    }
}

/// Writes the JSON text into `w`: pretty-printed, with a final newline.
pub fn write(r: &Region, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_json(r))?;
    w.write_all(b"\n")
}

/// The JSON text: pretty-printed, with a final newline.
pub fn render(r: &Region) -> String {
    let mut out = Vec::new();
    // Plain structs of strings and numbers into memory cannot fail; serde_json writes UTF-8.
    let _ = write(r, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The JSON Schema of the region's output.
pub fn schema() -> String {
    let schema = schemars::schema_for!(RegionJson<'static>);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
