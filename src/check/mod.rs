//! Checks on the built model, one file per family. Each check returns diagnostics and never
//! stops the others; faults in the budget's own figures and codes are errors, judgements about
//! goal content and plausibility are warnings.

mod arithmetic;
mod assertions;
mod classification;
mod content;
mod goals;
mod prose;
mod prose_changes;
mod prose_figures;
mod published;

use crate::diag::Diagnostic;
use crate::document::Document;
use crate::model::{Budget, Catalog, MoneyUnit};
use crate::value::{Quantity, ValueKind};
use rust_decimal::Decimal;

pub use assertions::FIGURES;

/// Runs every check.
pub fn run(budget: &Budget, catalog: &Catalog, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    arithmetic::run(budget, doc, catalog, &mut out);
    published::run(budget, &mut out);
    classification::run(budget, catalog, &mut out);
    goals::run(budget, catalog, &mut out);
    content::run(budget, doc, &mut out);
    prose::run(budget, &mut out);
    prose_figures::run(budget, catalog, doc, &mut out);
    prose_changes::run(budget, &mut out);
    assertions::run(budget, doc, &mut out);
    out
}

/// Two decimals, or every digit when an amount carries more (so a difference never shows as 0.00).
pub(crate) fn fmt(d: Decimal) -> String {
    if d.normalize().scale() <= 2 {
        format!("{d:.2}")
    } else {
        d.normalize().to_string()
    }
}

/// The quantity of an indicator value, if it has one.
pub(crate) fn quantity(v: &ValueKind) -> Option<&Quantity> {
    match v {
        ValueKind::Quantity { quantity } | ValueKind::Comparison { quantity, .. } => Some(quantity),
        _ => None,
    }
}

/// A money total of an indicator, converted to the budget's unit: `35万元`, `42万/年`,
/// `1000000元`, `≤110万元/年`. Per-unit standards (`元/人`) are not totals.
pub(crate) fn money_total(q: &Quantity, unit: MoneyUnit) -> Option<Decimal> {
    let u = q.unit.as_deref()?;
    let in_wan = match u {
        "万元" | "万元/年" | "万/年" => q.number,
        "元" | "元/年" => q.number / Decimal::from(10_000),
        _ => return None,
    };
    match unit {
        MoneyUnit::TenThousandYuan => Some(in_wan),
        MoneyUnit::Yuan => in_wan.checked_mul(Decimal::from(10_000)),
    }
}

/// A per-unit money standard: `0.1万元/人` → (0.1 in the budget unit, "人").
pub(crate) fn money_per(q: &Quantity, unit: MoneyUnit) -> Option<(Decimal, String)> {
    let u = q.unit.as_deref()?;
    let (money, per) = u.split_once('/')?;
    if per.contains('/') || per.is_empty() {
        return None;
    }
    let in_wan = match money {
        "万元" => q.number,
        "元" => q.number / Decimal::from(10_000),
        _ => return None,
    };
    let v = match unit {
        MoneyUnit::TenThousandYuan => in_wan,
        MoneyUnit::Yuan => in_wan.checked_mul(Decimal::from(10_000))?,
    };
    Some((v, per.to_string()))
}
