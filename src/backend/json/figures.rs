//! The figures of 第三部分 in the JSON document, as the document model computed them.

use super::amount::{money, AmountString, SourceAmount};
use crate::document::{Change, Figures};
use crate::model::{Budget, ThreePublicKind};
use schemars::JsonSchema;
use serde::Serialize;

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
    /// 机关运行经费 (of the 行政 and 参公 units); null when not applicable.
    pub operating_cost: Option<AmountString>,
    /// False when the budget has no 行政 or 参公 unit: 机关运行经费 does not apply to it.
    pub operating_cost_applicable: bool,
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

pub(super) fn figures(b: &Budget, f: &Figures) -> FiguresJson {
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
        operating_cost: f.operating_cost.map(money),
        operating_cost_applicable: f.operating_cost.is_some(),
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
