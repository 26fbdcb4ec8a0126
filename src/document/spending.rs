//! The spending of a budget added up once: every basic line (split into 人员支出 and 日常公用支出
//! by the rules) and every project allocation, on its functional 项 code and funding source.
//! The tables roll these sums up by code; the figures add them up by source.

use crate::model::{BasicKind, Budget, Rules, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Spending split the ways the tables and the figures need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Spending {
    /// 人员支出 of basic spending.
    pub personnel: Decimal,
    /// 日常公用支出 of basic spending.
    pub public: Decimal,
    /// Basic spending whose economic class is not published (a 公开稿's lines by functional
    /// code): neither 人员 nor 公用 here; the lines by economic code say how it splits.
    pub unsplit: Decimal,
    /// 项目支出
    pub project: Decimal,
}

impl Spending {
    /// 基本支出 = 人员 + 公用 (+ what a 公开稿 does not split by function).
    pub fn basic(&self) -> Decimal {
        self.personnel + self.public + self.unsplit
    }

    pub fn total(&self) -> Decimal {
        self.basic() + self.project
    }

    pub fn add(&mut self, o: &Spending) {
        self.personnel += o.personnel;
        self.public += o.public;
        self.unsplit += o.unsplit;
        self.project += o.project;
    }
}

/// (functional 项 code, source) → the spending on it.
pub type ByCode = BTreeMap<(String, Source), Spending>;

/// Basic lines and project allocations on their functional code and source. (A 公开稿's basic
/// lines by economic code have no functional code: they are not here, and its lines by
/// functional code are `unsplit`.)
pub fn by_code(b: &Budget, rules: &Rules) -> ByCode {
    let mut m = ByCode::new();
    for line in &b.basic {
        let Some(func) = &line.func else { continue };
        let s = m.entry((func.code.clone(), line.source)).or_default();
        match line.kind(rules) {
            Some(BasicKind::Personnel) => s.personnel += line.amount.value,
            Some(BasicKind::Public) => s.public += line.amount.value,
            None => s.unsplit += line.amount.value,
        }
    }
    let projects = b.projects.iter().flat_map(|p| &p.allocations);
    for a in projects.chain(&b.project_totals) {
        m.entry((a.code.code.clone(), a.source))
            .or_default()
            .project += a.amount.value;
    }
    m
}

/// The 人员 / 公用 split of a 公开稿's basic lines by economic code (which `by_code` leaves
/// out), by source.
pub fn economic_only(b: &Budget, rules: &Rules) -> BTreeMap<Source, Spending> {
    let mut m: BTreeMap<Source, Spending> = BTreeMap::new();
    for line in b.basic.iter().filter(|l| l.func.is_none()) {
        let s = m.entry(line.source).or_default();
        match line.kind(rules) {
            Some(BasicKind::Personnel) => s.personnel += line.amount.value,
            Some(BasicKind::Public) => s.public += line.amount.value,
            None => s.unsplit += line.amount.value,
        }
    }
    m
}

/// The spending of the sources `keep` accepts, over every code.
pub fn total(m: &ByCode, keep: impl Fn(Source) -> bool) -> Spending {
    let mut t = Spending::default();
    for ((_, source), s) in m {
        if keep(*source) {
            t.add(s);
        }
    }
    t
}

/// The spending of each source, over every code, in source order.
pub fn by_source(m: &ByCode) -> Vec<(Source, Spending)> {
    let mut out: BTreeMap<Source, Spending> = BTreeMap::new();
    for ((_, source), s) in m {
        out.entry(*source).or_default().add(s);
    }
    out.into_iter().collect()
}
