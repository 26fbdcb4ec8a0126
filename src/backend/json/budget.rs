//! The top level of the JSON document: the budget's facts as written, and its parts.

use super::amount::{money, AmountString, SourceAmount};
use super::figures::{figures, FiguresJson};
use super::projects::{ProjectJson, Projects};
use super::tables::{table, TableJson};
use crate::document::Document;
use crate::model::{Budget, Catalog, Source, UnitKind};
use schemars::JsonSchema;
use serde::Serialize;

/// The version of the JSON contract. Bump on any incompatible change.
pub const SCHEMA_VERSION: &str = "budc.budget.v2";

/// The whole budget as open data.
#[derive(Debug, Serialize, JsonSchema)]
pub struct BudgetJson<'a> {
    /// Format version of this document: `budc.budget.v2`.
    pub schema: String,
    /// 部门
    pub department: String,
    /// 预算年度 (fiscal_year)
    pub year: u16,
    /// 金额单位: `万元` or `元`.
    pub unit: String,
    /// Year of the classification catalog the codes were checked against.
    pub catalog: String,
    /// 单位性质: the kind of the units that state none.
    pub unit_kind: UnitKind,
    /// 二级预算单位
    pub sub_units: Vec<SubUnitJson>,
    /// 主要职责, one string per paragraph.
    pub duties: Vec<String>,
    /// 机构设置, one string per paragraph.
    pub organization: Vec<String>,
    /// 收入 by source: for each source, the spending it pays for (收支平衡).
    pub income: Vec<SourceAmount>,
    /// `公开稿`: the file transcribes a published document (absent otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published: bool,
    /// 基本支出 lines.
    pub basic_expenditure: Vec<BasicLineJson>,
    /// 项目支出 by functional code as a 公开稿 publishes it, without its projects (absent when
    /// there is none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub project_totals: Vec<ProjectTotalJson>,
    /// 项目支出, in source order.
    #[schemars(with = "Vec<ProjectJson>")]
    pub projects: Projects<'a>,
    /// The figures of the explanations (第三部分).
    pub figures: FiguresJson,
    /// 国有资产占有使用情况.
    pub assets: Option<AssetsJson>,
    /// Reasons for changes against last year.
    pub reasons: Vec<TextBlock>,
    /// 名词解释 written in the source.
    pub glossary: Vec<TextBlock>,
    /// The 说明 as published, written in the source (`说明 <标题>`): the title is the key.
    /// Empty when the 说明 is generated.
    pub explanations: Vec<TextBlock>,
    /// The twelve tables.
    #[schemars(with = "Vec<TableJson>")]
    pub tables: Vec<TableJson<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SubUnitJson {
    pub id: String,
    pub name: String,
    /// 行政 / 参公 / 事业: as stated, else the department's 单位性质.
    pub kind: UnitKind,
    /// Whether the kind is stated on the sub-unit's line.
    pub kind_stated: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BasicLineJson {
    /// The sub-unit of its 基本支出 block (null: the department itself).
    pub sub_unit: Option<String>,
    /// 支出功能分类 项 code (absent: a 公开稿's line by economic code only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp_func_code: Option<String>,
    /// 部门预算支出经济分类 款 code (absent: a 公开稿's line by functional code only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dep_bgt_eco_code: Option<String>,
    /// 政府预算支出经济分类 款 code, through the catalog mapping on the side of the unit's kind
    /// (机关 for 行政 and 参公, 事业 for 事业).
    pub gov_bgt_eco_code: Option<String>,
    pub source: Source,
    /// `personnel` (人员支出) or `public` (日常公用支出): as written on the line (人员经费,
    /// 公用经费), else by its economic class; absent on a line by functional code only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::model::BasicKind>,
    pub amount: AmountString,
}

/// `项目支出 <功能分类项> [来源] <金额>` of a 公开稿.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProjectTotalJson {
    /// 支出功能分类 项 code.
    pub exp_func_code: String,
    pub source: Source,
    pub amount: AmountString,
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

fn texts(v: &[crate::source::Spanned<String>]) -> Vec<String> {
    v.iter().map(|s| s.value.clone()).collect()
}

/// The JSON document of a budget, borrowing from it: its projects and table rows are built
/// as they are written.
pub fn to_json<'a>(b: &'a Budget, catalog: &'a Catalog, doc: &'a Document) -> BudgetJson<'a> {
    BudgetJson {
        schema: SCHEMA_VERSION.into(),
        department: b.department().to_string(),
        year: b.year(),
        unit: b.unit().as_str().into(),
        catalog: catalog.year.clone(),
        unit_kind: b.default_kind(),
        sub_units: b
            .sub_units
            .iter()
            .map(|u| SubUnitJson {
                id: u.id.value.clone(),
                name: u.name.value.clone(),
                kind: b.kind_of(Some(&u.id.value)),
                kind_stated: u.kind.is_some(),
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
        published: b.published.is_some(),
        project_totals: b
            .project_totals
            .iter()
            .map(|a| ProjectTotalJson {
                exp_func_code: a.code.code.clone(),
                source: a.source,
                amount: money(a.amount.value),
            })
            .collect(),
        basic_expenditure: b
            .basic
            .iter()
            .map(|l| BasicLineJson {
                sub_unit: l.unit.clone(),
                exp_func_code: l.func.as_ref().map(|c| c.code.clone()),
                dep_bgt_eco_code: l.econ.as_ref().map(|c| c.code.clone()),
                gov_bgt_eco_code: l.econ.as_ref().and_then(|e| {
                    catalog
                        .gov_code(&e.code, b.kind_of(l.unit.as_deref()).side())
                        .map(str::to_string)
                }),
                source: l.source,
                kind: l.kind(catalog.rules()),
                amount: money(l.amount.value),
            })
            .collect(),
        projects: Projects {
            projects: &b.projects,
            catalog,
        },
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
        explanations: b
            .explanations
            .iter()
            .map(|e| TextBlock {
                key: e.title.value.clone(),
                paragraphs: texts(&e.paragraphs),
            })
            .collect(),
        tables: doc.tables().iter().map(table).collect(),
    }
}
