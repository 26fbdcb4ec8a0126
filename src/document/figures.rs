//! The figures of 第三部分 (the explanations): totals, changes against last year with
//! percentages, 三公, 机关运行经费, procurement, assets, performance management.
//! Percentages are rounded half away from zero (四舍五入) to two decimals, once, here.

use super::spending::{self, ByCode, Spending};
use crate::model::{Budget, ProcurementKind, Rules, Source, ThreePublicKind};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// A figure of this year against last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Change {
    pub current: Decimal,
    pub prior: Decimal,
    /// current − prior
    pub change: Decimal,
    /// change ÷ prior × 100, rounded to two decimals; `None` when last year was zero.
    pub percent: Option<Decimal>,
}

impl Change {
    pub fn new(current: Decimal, prior: Decimal) -> Self {
        let change = current - prior;
        let percent = change
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|c| c.checked_div(prior))
            .map(round2);
        Change {
            current,
            prior,
            change,
            percent,
        }
    }
}

/// Rounds to two decimals, half away from zero (四舍五入).
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// 三公 figures: this year's derived, last year's stated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreePublic {
    current: BTreeMap<ThreePublicKind, Decimal>,
    prior: BTreeMap<ThreePublicKind, Decimal>,
    /// False when the file states no prior-year 三公 figure at all.
    pub has_prior: bool,
}

impl ThreePublic {
    pub fn current(&self, k: ThreePublicKind) -> Decimal {
        self.current.get(&k).copied().unwrap_or_default()
    }

    pub fn prior(&self, k: ThreePublicKind) -> Option<Decimal> {
        self.has_prior
            .then(|| self.prior.get(&k).copied().unwrap_or_default())
    }

    pub fn current_total(&self) -> Decimal {
        self.current.values().copied().sum()
    }

    pub fn prior_total(&self) -> Option<Decimal> {
        self.has_prior.then(|| self.prior.values().copied().sum())
    }

    pub fn change(&self, k: ThreePublicKind) -> Option<Change> {
        self.prior(k).map(|p| Change::new(self.current(k), p))
    }

    pub fn total_change(&self) -> Option<Change> {
        self.prior_total()
            .map(|p| Change::new(self.current_total(), p))
    }

    /// 公务用车购置及运行费: purchase plus operation, this year.
    pub fn vehicle_total(&self) -> Decimal {
        self.current(ThreePublicKind::VehiclePurchase)
            + self.current(ThreePublicKind::VehicleOperation)
    }
}

/// Everything 第三部分 states with a number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// 收入合计: the income of every source, derived from the spending (收支平衡).
    pub income_total: Decimal,
    /// Income by source, in source order: for each source, the spending it pays for. (A
    /// stated `收入` line is an assertion on it, `check::arithmetic`.)
    pub income: Vec<(Source, Decimal)>,
    /// Last year's income by source, where stated.
    pub prior_income: Vec<(Source, Decimal)>,
    /// Income against last year, in source order, for the sources whose prior income is known:
    /// stated, or (all of them) zero because the stated prior income adds up to the prior total
    /// (the template then lists every source, 与上年持平 where nothing changed). `None` when
    /// the file states no prior-year income at all (an unstated year is unknown, not zero).
    pub income_changes: Option<Vec<(Source, Change)>>,
    /// Spending by the source that funds it (basic lines and projects), in source order.
    pub spending: Vec<(Source, Spending)>,
    /// 支出合计 (derived from the spending facts).
    pub expenditure_total: Decimal,
    pub basic: Decimal,
    pub project: Decimal,
    pub personnel: Decimal,
    pub public: Decimal,
    /// 收支 against last year (when 上年 收支 is stated).
    pub total_change: Option<Change>,
    pub basic_change: Option<Change>,
    pub project_change: Option<Change>,
    pub three_public: ThreePublic,
    /// 机关运行经费: 日常公用支出 of the basic spending of 行政 and 参公 units from the sources
    /// the rules name (一般公共预算). `None` when the budget has no such unit (not applicable).
    pub operating_cost: Option<Decimal>,
    pub operating_cost_change: Option<Change>,
    pub procurement_goods: Decimal,
    pub procurement_works: Decimal,
    pub procurement_services: Decimal,
    pub project_count: usize,
    /// 财政拨款 of all projects.
    pub project_fiscal: Decimal,
    /// 国有资产: vehicles of every use (0 when no 资产 block is written).
    pub vehicles: u32,
}

impl Figures {
    /// `by_code` is the budget's spending by code and source (`spending::by_code`, which the
    /// tables share); `rules` name the 机关运行经费 sources and the 三公 codes.
    pub fn compute(b: &Budget, rules: &Rules, by_code: &ByCode) -> Figures {
        let mut f = Figures {
            project_count: b.projects.len(),
            ..Figures::default()
        };
        f.spending = spending::by_source(by_code);
        f.income = f
            .spending
            .iter()
            .filter(|(_, s)| !s.total().is_zero())
            .map(|(source, s)| (*source, s.total()))
            .collect();
        f.income_total = f.income.iter().map(|(_, d)| *d).sum();
        f.prior_income = by_source(b.prior.income.iter().map(|i| (i.source, i.amount.value)));
        f.income_changes = (!b.prior.income.is_empty()).then(|| f.known_income_changes(b));
        for (_, s) in &f.spending {
            f.personnel += s.personnel;
            f.public += s.public;
            f.basic += s.basic();
            f.project += s.project;
        }
        // A 公开稿 splits its basic spending into 人员 and 公用 by economic code only.
        for s in spending::economic_only(b, rules).values() {
            f.personnel += s.personnel;
            f.public += s.public;
        }
        f.operating_cost = b
            .has_operating_cost(rules)
            .then(|| operating_cost(b, rules));
        f.project_fiscal = f
            .spending
            .iter()
            .filter(|(s, _)| s.is_fiscal())
            .map(|(_, s)| s.project)
            .sum();
        f.expenditure_total = f.basic + f.project;
        let change = |prior: &Option<crate::model::Money>, current: Decimal| {
            prior.as_ref().map(|p| Change::new(current, p.value))
        };
        f.total_change = change(&b.prior.total, f.expenditure_total);
        f.basic_change = change(&b.prior.basic, f.basic);
        f.project_change = change(&b.prior.project, f.project);
        f.operating_cost_change = f
            .operating_cost
            .and_then(|current| change(&b.prior.operating_cost, current));
        f.three_public = three_public(b, rules);
        for p in b
            .basic_procurement
            .iter()
            .chain(b.projects.iter().flat_map(|p| p.procurement.iter()))
            .chain(&b.published_procurement)
        {
            let slot = match p.kind {
                ProcurementKind::Goods => &mut f.procurement_goods,
                ProcurementKind::Works => &mut f.procurement_works,
                ProcurementKind::Services => &mut f.procurement_services,
            };
            *slot += p.amount.value;
        }
        f.vehicles = b
            .assets
            .iter()
            .flat_map(|a| a.vehicles.iter())
            // A count beyond u32 is absurd; saturate rather than overflow.
            .fold(0u32, |total, (_, n)| total.saturating_add(n.value));
        f
    }

    /// The income changes whose prior side is known: the sources stated last year, and, when
    /// the stated prior income adds up to the stated prior total, every source (the others at
    /// zero).
    fn known_income_changes(&self, b: &Budget) -> Vec<(Source, Change)> {
        let stated: Decimal = self.prior_income.iter().map(|(_, d)| *d).sum();
        let whole = b.prior.total.as_ref().is_some_and(|t| t.value == stated);
        Source::ALL
            .iter()
            .filter(|s| whole || self.prior_income.iter().any(|(p, _)| p == *s))
            .map(|s| {
                (
                    *s,
                    Change::new(self.income_of(*s), self.prior_income_of(*s)),
                )
            })
            .collect()
    }

    pub fn procurement_total(&self) -> Decimal {
        self.procurement_goods + self.procurement_works + self.procurement_services
    }

    /// The income of a source (0 when it pays for nothing).
    pub fn income_of(&self, source: Source) -> Decimal {
        lookup(&self.income, source)
    }

    /// Last year's stated income of a source (0 when none is stated).
    pub fn prior_income_of(&self, source: Source) -> Decimal {
        lookup(&self.prior_income, source)
    }

    /// The spending a source funds (zero when it funds none).
    pub fn spending_of(&self, source: Source) -> Spending {
        self.spending
            .iter()
            .find(|(s, _)| *s == source)
            .map(|(_, d)| *d)
            .unwrap_or_default()
    }
}

fn lookup(v: &[(Source, Decimal)], source: Source) -> Decimal {
    v.iter()
        .find(|(s, _)| *s == source)
        .map(|(_, d)| *d)
        .unwrap_or_default()
}

/// Amounts added up by source, in source order.
fn by_source(amounts: impl Iterator<Item = (Source, Decimal)>) -> Vec<(Source, Decimal)> {
    let mut m: BTreeMap<Source, Decimal> = BTreeMap::new();
    for (s, d) in amounts {
        *m.entry(s).or_default() += d;
    }
    m.into_iter().collect()
}

/// 机关运行经费: the 日常公用支出 of the basic lines of 行政 and 参公 units, from the sources the
/// rules name (and on the economic codes they name, when they name some).
fn operating_cost(b: &Budget, rules: &Rules) -> Decimal {
    b.basic
        .iter()
        .filter(|l| rules.has_operating_cost(b.kind_of(l.unit.as_deref())))
        .filter(|l| rules.operating_cost_source(l.source))
        .filter(|l| l.kind(rules) == Some(crate::model::BasicKind::Public))
        .filter(|l| {
            l.econ
                .as_ref()
                .is_some_and(|e| rules.operating_cost_code(&e.code))
        })
        .map(|l| l.amount.value)
        .sum()
}

/// This year's 三公: 一般公共预算 basic lines on 三公 economic codes, plus projects' 三公 items
/// paid from 一般公共预算.
fn three_public(b: &Budget, rules: &Rules) -> ThreePublic {
    let mut t = ThreePublic {
        has_prior: !b.prior.three_public.is_empty(),
        ..ThreePublic::default()
    };
    for k in ThreePublicKind::ALL {
        t.current.insert(k, Decimal::ZERO);
    }
    for l in &b.basic {
        if l.source != Source::GeneralPublic {
            continue;
        }
        let Some(econ) = &l.econ else { continue };
        if let Some(k) = rules.three_public_kind(&econ.code) {
            *t.current.entry(k).or_default() += l.amount.value;
        }
    }
    let projects = b.projects.iter().flat_map(|p| &p.three_public);
    for line in projects.chain(&b.published_three_public) {
        if line.source == Source::GeneralPublic {
            *t.current.entry(line.kind).or_default() += line.amount.value;
        }
    }
    for (k, m) in &b.prior.three_public {
        *t.prior.entry(*k).or_default() += m.value;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::spending::by_code;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percentages_round_half_away_from_zero() {
        // 0.11 / 3.10 = 3.548…% → 3.55; 26.71 / 123.18 = 21.6837…% → 21.68
        assert_eq!(Change::new(d("2.99"), d("3.10")).percent, Some(d("-3.55")));
        assert_eq!(
            Change::new(d("149.89"), d("123.18")).percent,
            Some(d("21.68"))
        );
        // An exact half rounds away from zero: 0.125 → 0.13 (banker's would give 0.12).
        assert_eq!(round2(d("0.125")), d("0.13"));
        assert_eq!(round2(d("-0.125")), d("-0.13"));
        assert_eq!(Change::new(d("1"), d("0")).percent, None);
    }

    fn example() -> crate::Compiled {
        let text = include_str!("../../examples/liaocheng-2024.bud");
        crate::compile(crate::source::SourceFile::new("example.bud", text), None)
    }

    #[test]
    fn spending_by_source_adds_up_to_the_totals() {
        let f = example().document.figures;
        let general = f.spending_of(Source::GeneralPublic);
        assert_eq!(general.personnel, d("860.26"));
        assert_eq!(general.public, d("149.89"));
        assert_eq!(general.project, d("15018.07"));
        assert_eq!(general.total(), d("16028.22"));
        assert_eq!(f.spending_of(Source::GovernmentFund), Spending::default());
        assert_eq!(
            (f.basic, f.personnel, f.public),
            (d("1010.15"), d("860.26"), d("149.89"))
        );
        assert_eq!(
            (f.project, f.expenditure_total),
            (d("15018.07"), d("16028.22"))
        );
        // 机关运行经费 is the 一般公共预算 日常公用支出 (every unit is 行政 by default).
        assert_eq!(f.operating_cost, Some(general.public));
        assert_eq!(f.income_of(Source::GeneralPublic), d("16028.22"));
        assert_eq!(f.income_of(Source::Carryover), Decimal::ZERO);
    }

    #[test]
    fn income_changes_by_source_only_with_a_stated_prior_income() {
        let c = example();
        let changes = c.document.figures.income_changes.unwrap();
        // The stated prior income (一般公共预算) is the whole prior 收支: every other source was
        // zero last year, and the template lists them all.
        assert_eq!(changes.len(), Source::ALL.len());
        // Without the prior total the breakdown may be partial: only the stated source.
        let mut b = c.budget.clone();
        b.prior.total = None;
        let f = Figures::compute(&b, c.catalog.rules(), &by_code(&b, c.catalog.rules()));
        assert_eq!(f.income_changes.map(|c| c.len()), Some(1));
        assert_eq!(
            changes.first(),
            Some(&(
                Source::GeneralPublic,
                Change::new(d("16028.22"), d("13085.19"))
            ))
        );
        let mut b = c.budget.clone();
        b.prior.income.clear();
        let f = Figures::compute(&b, c.catalog.rules(), &by_code(&b, c.catalog.rules()));
        assert_eq!(f.income_changes, None);
        assert_eq!(f.total_change, c.document.figures.total_change);
    }

    #[test]
    fn vehicles_and_three_public_vehicle_costs() {
        let c = example();
        let f = &c.document.figures;
        assert_eq!(f.vehicles, 1);
        assert_eq!(f.three_public.vehicle_total(), d("0.99"));
        let mut b = c.budget.clone();
        b.assets = None;
        assert_eq!(
            Figures::compute(&b, c.catalog.rules(), &by_code(&b, c.catalog.rules())).vehicles,
            0
        );
    }
}
