//! The JSON backend: a public, versioned contract (see README “JSON output”). Amounts are
//! decimal strings with two decimals, never floats. Field names follow the 预算管理一体化
//! vocabulary where one exists (`exp_func_code`, `dep_bgt_eco_code`, `gov_bgt_eco_code`).

use super::figures::{Change, Figures};
use super::views::{Cell, ColumnId, Document, RowLevel, TableId};
use crate::model::{Budget, Catalog, ProcurementKind, Source, ThreePublicKind};
use crate::syntax::ast::ValueKind;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the JSON contract. Bump on any incompatible change.
pub const SCHEMA_VERSION: &str = "budc.budget.v1";

/// An amount as a decimal string with two decimals: "16028.22".
pub type AmountString = String;

fn money(d: Decimal) -> AmountString {
    format!("{d:.2}")
}

/// The whole budget as open data.
#[derive(Debug, Serialize, JsonSchema)]
pub struct BudgetJson {
    /// Format version of this document: `budc.budget.v1`.
    pub schema: String,
    /// 部门
    pub department: String,
    /// 预算年度 (fiscal_year)
    pub year: u16,
    /// 金额单位: `万元` or `元`.
    pub unit: String,
    /// Year of the classification catalog the codes were checked against.
    pub catalog: String,
    /// 二级预算单位
    pub sub_units: Vec<SubUnitJson>,
    /// 主要职责, one string per paragraph.
    pub duties: Vec<String>,
    /// 机构设置, one string per paragraph.
    pub organization: Vec<String>,
    /// 收入 by source.
    pub income: Vec<SourceAmount>,
    /// 基本支出 lines.
    pub basic_expenditure: Vec<BasicLineJson>,
    /// 项目支出, in source order.
    pub projects: Vec<ProjectJson>,
    /// The figures of the explanations (第三部分).
    pub figures: FiguresJson,
    /// 国有资产占有使用情况.
    pub assets: Option<AssetsJson>,
    /// Reasons for changes against last year.
    pub reasons: Vec<TextBlock>,
    /// 名词解释 written in the source.
    pub glossary: Vec<TextBlock>,
    /// The twelve tables.
    pub tables: Vec<TableJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SubUnitJson {
    pub id: String,
    pub name: String,
    /// 行政 / 参公 / 事业, when stated.
    pub kind: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceAmount {
    /// Funding source: general_public, government_fund, state_capital, special_account,
    /// business, operating, superior, affiliated, other, non_fiscal_balance, carryover.
    pub source: Source,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BasicLineJson {
    /// 支出功能分类 项 code.
    pub exp_func_code: String,
    /// 部门预算支出经济分类 款 code.
    pub dep_bgt_eco_code: String,
    /// 政府预算支出经济分类 款 code, through the catalog mapping.
    pub gov_bgt_eco_code: Option<String>,
    pub source: Source,
    /// `personnel` (人员支出) or `public` (日常公用支出).
    pub kind: crate::model::BasicKind,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ProjectJson {
    /// 项目编码 (pro_code).
    pub code: String,
    /// 项目名称
    pub name: String,
    /// Sub-unit id.
    pub sub_unit: Option<String>,
    /// 项目类型
    pub project_type: Option<String>,
    pub source: Source,
    /// Sum of the allocations.
    pub amount: AmountString,
    pub allocations: Vec<AllocationJson>,
    pub economics: Vec<EconomicJson>,
    pub procurement: Vec<ProcurementJson>,
    pub three_public: Vec<ThreePublicJson>,
    /// 绩效目标
    pub goal: Option<String>,
    pub indicators: Vec<IndicatorJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AllocationJson {
    pub exp_func_code: String,
    pub name: String,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct EconomicJson {
    pub dep_bgt_eco_code: String,
    pub name: String,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ProcurementJson {
    pub kind: ProcurementKind,
    pub exp_func_code: Option<String>,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreePublicJson {
    pub kind: ThreePublicKind,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct IndicatorJson {
    /// 一级指标
    pub level1: String,
    /// 二级指标
    pub level2: String,
    /// 三级指标
    pub name: String,
    /// 指标值 exactly as written.
    pub value: String,
    /// What the value was recognised as.
    pub parsed: ValueKind,
    /// 评分标准
    pub criterion: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeJson {
    pub current: AmountString,
    pub prior: AmountString,
    pub change: AmountString,
    /// Percentage change, two decimals, rounded half away from zero; null when last year was 0.
    pub percent: Option<String>,
}

fn change(c: Option<Change>) -> Option<ChangeJson> {
    c.map(|c| ChangeJson {
        current: money(c.current),
        prior: money(c.prior),
        change: money(c.change),
        percent: c.percent.map(money),
    })
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreePublicItemJson {
    pub kind: ThreePublicKind,
    pub current: AmountString,
    pub prior: Option<AmountString>,
    pub change: Option<ChangeJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FiguresJson {
    pub income_total: AmountString,
    pub expenditure_total: AmountString,
    pub basic: AmountString,
    pub project: AmountString,
    pub personnel: AmountString,
    pub public: AmountString,
    pub total_change: Option<ChangeJson>,
    pub basic_change: Option<ChangeJson>,
    pub project_change: Option<ChangeJson>,
    pub prior_income: Vec<SourceAmount>,
    pub three_public_total: AmountString,
    pub three_public_change: Option<ChangeJson>,
    pub three_public: Vec<ThreePublicItemJson>,
    /// 机关运行经费
    pub operating_cost: AmountString,
    pub operating_cost_change: Option<ChangeJson>,
    pub procurement_total: AmountString,
    pub procurement_goods: AmountString,
    pub procurement_works: AmountString,
    pub procurement_services: AmountString,
    pub project_count: usize,
    pub project_fiscal: AmountString,
    /// 部门重点绩效评价: projects and their funds.
    pub key_evaluation_count: Option<u32>,
    pub key_evaluation_amount: Option<AmountString>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AssetsJson {
    /// 截至日期 as written.
    pub as_of: Option<String>,
    pub vehicles: Vec<VehicleJson>,
    pub vehicles_total: u32,
    /// Equipment of 100万元 or more.
    pub equipment: Option<u32>,
    /// Such equipment budgeted for purchase this year.
    pub equipment_purchase: Option<u32>,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct VehicleJson {
    pub kind: String,
    pub count: u32,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TextBlock {
    pub key: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TableJson {
    /// Stable id: overview, income, expenditure, fiscal_overview, general_expenditure,
    /// general_basic_economic, three_public, fund_expenditure, state_capital_expenditure,
    /// basic_expenditure, project_expenditure, procurement.
    #[schemars(with = "String")]
    pub id: TableId,
    pub title: String,
    pub columns: Vec<ColumnJson>,
    pub rows: Vec<RowJson>,
    /// 注 line under the table, if any.
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ColumnJson {
    #[schemars(with = "String")]
    pub id: ColumnId,
    pub label: String,
    /// The merged header above the column, if any.
    pub group: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RowJson {
    /// Classification code (functional or economic), project code, or null for total rows.
    pub code: Option<String>,
    pub name: String,
    pub level: RowLevel,
    /// Column id → cell: amounts as decimal strings, text as is, null when blank.
    #[schemars(with = "BTreeMap<String, Option<String>>")]
    pub values: serde_json::Map<String, serde_json::Value>,
}

fn texts(v: &[crate::syntax::ast::Spanned<String>]) -> Vec<String> {
    v.iter().map(|s| s.value.clone()).collect()
}

/// Builds the JSON document of a budget.
pub fn to_json(b: &Budget, catalog: &Catalog, doc: &Document) -> BudgetJson {
    BudgetJson {
        schema: SCHEMA_VERSION.into(),
        department: b.department().to_string(),
        year: b.year(),
        unit: b.unit().as_str().into(),
        catalog: catalog.year.clone(),
        sub_units: b
            .sub_units
            .iter()
            .map(|u| SubUnitJson {
                id: u.id.value.clone(),
                name: u.name.value.clone(),
                kind: u.kind.as_ref().map(|k| k.value.clone()),
            })
            .collect(),
        duties: texts(&b.duties),
        organization: texts(&b.organization),
        income: doc
            .figures
            .income
            .iter()
            .map(|(s, d)| SourceAmount {
                source: *s,
                amount: money(*d),
            })
            .collect(),
        basic_expenditure: b
            .basic
            .iter()
            .map(|l| BasicLineJson {
                exp_func_code: l.func.code.clone(),
                dep_bgt_eco_code: l.econ.code.clone(),
                gov_bgt_eco_code: catalog.gov_code(&l.econ.code).map(str::to_string),
                source: l.source,
                kind: catalog.rules().basic_kind(&l.econ.code),
                amount: money(l.amount.value),
            })
            .collect(),
        projects: b.projects.iter().map(|p| project(p, catalog)).collect(),
        figures: figures(b, &doc.figures),
        assets: b.assets.as_ref().map(|a| AssetsJson {
            as_of: a.as_of.as_ref().map(|d| d.value.clone()),
            vehicles: a
                .vehicles
                .iter()
                .map(|(k, c)| VehicleJson {
                    kind: k.value.clone(),
                    count: c.value,
                })
                .collect(),
            vehicles_total: doc.figures.vehicles,
            equipment: a.equipment.as_ref().map(|e| e.value),
            equipment_purchase: a.equipment_purchase.as_ref().map(|e| e.value),
            notes: texts(&a.notes),
        }),
        reasons: b
            .reasons
            .iter()
            .map(|r| TextBlock {
                key: r.figure.value.clone(),
                paragraphs: texts(&r.paragraphs),
            })
            .collect(),
        glossary: b
            .glossary
            .iter()
            .map(|g| TextBlock {
                key: g.term.value.clone(),
                paragraphs: texts(&g.paragraphs),
            })
            .collect(),
        tables: doc.tables().iter().map(table).collect(),
    }
}

fn func_name(catalog: &Catalog, c: &crate::model::Code) -> String {
    catalog
        .name(crate::model::catalog::Classification::Functional, &c.code)
        .map(str::to_string)
        .or_else(|| c.written_name.as_ref().map(|n| n.value.clone()))
        .unwrap_or_default()
}

fn project(p: &crate::model::Project, catalog: &Catalog) -> ProjectJson {
    ProjectJson {
        code: p.code.value.clone(),
        name: p.name.value.clone(),
        sub_unit: p.unit.as_ref().map(|u| u.value.clone()),
        project_type: p.kind.as_ref().map(|k| k.value.clone()),
        source: p.source,
        amount: money(p.amount()),
        allocations: p
            .allocations
            .iter()
            .map(|a| AllocationJson {
                exp_func_code: a.code.code.clone(),
                name: func_name(catalog, &a.code),
                amount: money(a.amount.value),
            })
            .collect(),
        economics: p
            .economics
            .iter()
            .map(|a| EconomicJson {
                dep_bgt_eco_code: a.code.code.clone(),
                name: catalog
                    .name(
                        crate::model::catalog::Classification::EconomicDept,
                        &a.code.code,
                    )
                    .map(str::to_string)
                    .unwrap_or_default(),
                amount: money(a.amount.value),
            })
            .collect(),
        procurement: p
            .procurement
            .iter()
            .map(|x| ProcurementJson {
                kind: x.kind,
                exp_func_code: x
                    .func
                    .as_ref()
                    .map(|c| c.code.clone())
                    .or_else(|| p.allocations.first().map(|a| a.code.code.clone())),
                amount: money(x.amount.value),
            })
            .collect(),
        three_public: p
            .three_public
            .iter()
            .map(|(k, m)| ThreePublicJson {
                kind: *k,
                amount: money(m.value),
            })
            .collect(),
        goal: p.goal.as_ref().map(|g| g.value.clone()),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                level1: i.level1.value.clone(),
                level2: i.level2.value.clone(),
                name: i.name.value.clone(),
                value: i.value.text.value.clone(),
                parsed: i.value.kind.clone(),
                criterion: i.criterion.value.clone(),
            })
            .collect(),
    }
}

fn figures(b: &Budget, f: &Figures) -> FiguresJson {
    let t = &f.three_public;
    FiguresJson {
        income_total: money(f.income_total),
        expenditure_total: money(f.expenditure_total),
        basic: money(f.basic),
        project: money(f.project),
        personnel: money(f.personnel),
        public: money(f.public),
        total_change: change(f.total_change),
        basic_change: change(f.basic_change),
        project_change: change(f.project_change),
        prior_income: f
            .prior_income
            .iter()
            .map(|(s, d)| SourceAmount {
                source: *s,
                amount: money(*d),
            })
            .collect(),
        three_public_total: money(t.current_total()),
        three_public_change: change(t.total_change()),
        three_public: ThreePublicKind::ALL
            .iter()
            .map(|k| ThreePublicItemJson {
                kind: *k,
                current: money(t.current(*k)),
                prior: t.prior(*k).map(money),
                change: change(t.change(*k)),
            })
            .collect(),
        operating_cost: money(f.operating_cost),
        operating_cost_change: change(f.operating_cost_change),
        procurement_total: money(f.procurement_total()),
        procurement_goods: money(f.procurement_goods),
        procurement_works: money(f.procurement_works),
        procurement_services: money(f.procurement_services),
        project_count: f.project_count,
        project_fiscal: money(f.project_fiscal),
        key_evaluation_count: b.key_evaluation.as_ref().map(|(c, _)| c.value),
        key_evaluation_amount: b.key_evaluation.as_ref().map(|(_, a)| money(a.value)),
    }
}

fn table(t: &super::views::Table) -> TableJson {
    TableJson {
        id: t.id,
        title: t.title.clone(),
        columns: t
            .columns
            .iter()
            .map(|c| ColumnJson {
                id: c.id,
                label: c.label().into(),
                group: c.group.clone(),
            })
            .collect(),
        rows: t
            .rows
            .iter()
            .map(|r| RowJson {
                code: r.code.clone(),
                name: r.name.clone(),
                level: r.level,
                values: t
                    .columns
                    .iter()
                    .zip(&r.cells)
                    .map(|(c, cell)| {
                        let v = match cell {
                            Cell::Empty => serde_json::Value::Null,
                            Cell::Text(s) => serde_json::Value::String(s.clone()),
                            Cell::Amount(d) => serde_json::Value::String(money(*d)),
                        };
                        (c.id.as_str().to_string(), v)
                    })
                    .collect(),
            })
            .collect(),
        note: t.note.clone(),
    }
}

/// The JSON text of a budget: pretty-printed, with a final newline.
pub fn render(b: &Budget, catalog: &Catalog, doc: &Document) -> String {
    let value = to_json(b, catalog, doc);
    // Serializing plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON Schema of the output.
pub fn schema() -> String {
    let schema = schemars::schema_for!(BudgetJson);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
