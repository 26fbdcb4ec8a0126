//! The projects of the JSON document, each built only when it is written.

use super::amount::{money, AmountString, SourceAmount};
use crate::model::{Catalog, ProcurementKind, Project, Source, ThreePublicKind};
use crate::value::ValueKind;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

/// The projects, each turned into its `ProjectJson` only when it is written.
#[derive(Debug)]
pub struct Projects<'a> {
    pub(super) projects: &'a [Project],
    pub(super) catalog: &'a Catalog,
}

impl Serialize for Projects<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.projects.iter().map(|p| project(p, self.catalog)))
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ProjectJson<'a> {
    /// 项目编码 (pro_code).
    pub code: &'a str,
    /// 项目名称
    pub name: &'a str,
    /// Sub-unit id.
    pub sub_unit: Option<&'a str>,
    /// 项目类型
    pub project_type: Option<&'a str>,
    /// `资金`: the source of the lines that name none.
    pub source: Source,
    /// The project's money by source, in source order.
    pub by_source: Vec<SourceAmount>,
    /// Sum of the allocations.
    pub amount: AmountString,
    pub allocations: Vec<AllocationJson>,
    pub economics: Vec<EconomicJson>,
    pub procurement: Vec<ProcurementJson>,
    pub three_public: Vec<ThreePublicJson>,
    /// 绩效目标
    pub goal: Option<&'a str>,
    pub indicators: Vec<IndicatorJson<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AllocationJson {
    pub exp_func_code: String,
    pub name: String,
    pub source: Source,
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
    pub source: Source,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreePublicJson {
    pub kind: ThreePublicKind,
    pub source: Source,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct IndicatorJson<'a> {
    /// 一级指标
    pub level1: &'a str,
    /// 二级指标
    pub level2: &'a str,
    /// 三级指标
    pub name: &'a str,
    /// 指标值 exactly as written.
    pub value: &'a str,
    /// What the value was recognised as.
    pub parsed: &'a ValueKind,
    /// 评分标准
    pub criterion: &'a str,
}

fn func_name(catalog: &Catalog, c: &crate::model::Code) -> String {
    catalog
        .name(crate::model::catalog::Classification::Functional, &c.code)
        .map(str::to_string)
        .or_else(|| c.written_name.as_ref().map(|n| n.value.clone()))
        .unwrap_or_default()
}

fn project<'a>(p: &'a Project, catalog: &Catalog) -> ProjectJson<'a> {
    ProjectJson {
        code: &p.code.value,
        name: &p.name.value,
        sub_unit: p.unit.as_ref().map(|u| u.value.as_str()),
        project_type: p.kind.as_ref().map(|k| k.value.as_str()),
        source: p.source,
        by_source: p
            .by_source()
            .into_iter()
            .map(|(source, d)| SourceAmount {
                source,
                amount: money(d),
            })
            .collect(),
        amount: money(p.amount()),
        allocations: p
            .allocations
            .iter()
            .map(|a| AllocationJson {
                exp_func_code: a.code.code.clone(),
                name: func_name(catalog, &a.code),
                source: a.source,
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
                source: x.source,
                amount: money(x.amount.value),
            })
            .collect(),
        three_public: p
            .three_public
            .iter()
            .map(|t| ThreePublicJson {
                kind: t.kind,
                source: t.source,
                amount: money(t.amount.value),
            })
            .collect(),
        goal: p.goal.as_ref().map(|g| g.value.as_str()),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                level1: &i.level1.value,
                level2: &i.level2.value,
                name: &i.name.value,
                value: &i.value.text.value,
                parsed: &i.value.kind,
                criterion: &i.criterion.value,
            })
            .collect(),
    }
}
