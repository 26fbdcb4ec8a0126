//! The index's summary until the region's tables plug in (`Region::Tables`): each department's
//! totals as its document states them, and their sums by year and money unit (departments
//! keep their own units; nothing is converted).

use super::Entry;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One department's totals, from its document's figures.
pub struct Totals {
    pub income: Decimal,
    pub expenditure: Decimal,
    pub basic: Decimal,
    pub project: Decimal,
    pub three_public: Decimal,
}

impl Totals {
    pub fn of(e: &Entry) -> Totals {
        let f = &e.compiled.document.figures;
        Totals {
            income: f.income_total,
            expenditure: f.expenditure_total,
            basic: f.basic,
            project: f.project,
            three_public: f.three_public.current_total(),
        }
    }

    fn add(&mut self, o: &Totals) {
        self.income += o.income;
        self.expenditure += o.expenditure;
        self.basic += o.basic;
        self.project += o.project;
        self.three_public += o.three_public;
    }
}

/// The departments' totals added up by (year, unit): how many departments, and their sums.
pub fn by_year_and_unit(entries: &[Entry]) -> BTreeMap<(u16, &'static str), (usize, Totals)> {
    let mut out: BTreeMap<(u16, &'static str), (usize, Totals)> = BTreeMap::new();
    for e in entries {
        let b = &e.compiled.budget;
        let t = Totals::of(e);
        let slot = out.entry((b.year(), b.unit().as_str())).or_insert((
            0,
            Totals {
                income: Decimal::ZERO,
                expenditure: Decimal::ZERO,
                basic: Decimal::ZERO,
                project: Decimal::ZERO,
                three_public: Decimal::ZERO,
            },
        ));
        slot.0 += 1;
        slot.1.add(&t);
    }
    out
}
