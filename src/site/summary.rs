//! What the index keeps of a department: its line in the list (`Listing`: a name, a year, a
//! unit and five totals, as its document states them), and the sums of those lines by year and
//! money unit, shown when the region's tables cannot be (departments keep their own units;
//! nothing is converted). A `Listing` is all `budc site` holds of a department once its page is
//! written.

use super::Entry;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One department's totals, from its document's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub income: Decimal,
    pub expenditure: Decimal,
    pub basic: Decimal,
    pub project: Decimal,
    pub three_public: Decimal,
}

impl Totals {
    pub fn of(c: &crate::Compiled) -> Totals {
        let f = &c.document.figures;
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

/// A department's line on the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The folder of its page.
    pub slug: String,
    /// 部门, as the budget names it.
    pub department: String,
    pub year: u16,
    /// The budget's 金额单位.
    pub unit: &'static str,
    pub totals: Totals,
}

impl Listing {
    pub fn of(slug: &str, c: &crate::Compiled) -> Listing {
        let b = &c.budget;
        Listing {
            slug: slug.to_string(),
            department: b.department().to_string(),
            year: b.year(),
            unit: b.unit().as_str(),
            totals: Totals::of(c),
        }
    }

    pub fn of_entry(e: &Entry) -> Listing {
        Listing::of(&e.slug, e.compiled)
    }
}

/// The departments' totals added up by (year, unit): how many departments, and their sums.
pub fn by_year_and_unit(listings: &[Listing]) -> BTreeMap<(u16, &'static str), (usize, Totals)> {
    let mut out: BTreeMap<(u16, &'static str), (usize, Totals)> = BTreeMap::new();
    for l in listings {
        let slot = out.entry((l.year, l.unit)).or_default();
        slot.0 += 1;
        slot.1.add(&l.totals);
    }
    out
}
