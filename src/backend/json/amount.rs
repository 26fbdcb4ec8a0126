//! Amounts as the JSON writes them: decimal strings with two decimals, never floats.

use crate::model::Source;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// An amount as a decimal string with two decimals: "16028.22".
pub type AmountString = String;

pub fn money(d: Decimal) -> AmountString {
    format!("{d:.2}")
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceAmount {
    /// Funding source: general_public, government_fund, state_capital, special_account,
    /// business, operating, superior, affiliated, other, non_fiscal_balance, carryover.
    pub source: Source,
    pub amount: AmountString,
}
