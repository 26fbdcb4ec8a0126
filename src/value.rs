//! 指标值 — the value of a performance indicator: its text as written and what it means
//! (a comparison, a quantity, a range, a period, or text). The parser recognises these forms
//! (`syntax::value`), the model holds them and the checks judge them; they sit on the ground
//! floor so that each of those layers imports them downwards.

use crate::span::Spanned;
use rust_decimal::Decimal;

/// 指标值: the text as written and what the grammar recognised in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorValue {
    pub text: Spanned<String>,
    pub kind: ValueKind,
}

/// The typed forms of an indicator value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueKind {
    /// `≥98%`, `满意度≥98%`.
    Comparison {
        comparator: Comparator,
        #[serde(flatten)]
        quantity: Quantity,
    },
    /// `3个`, `约1.1万册`.
    Quantity {
        #[serde(flatten)]
        quantity: Quantity,
    },
    /// `300-800元/人`.
    Range {
        #[serde(with = "rust_decimal::serde::str")]
        #[schemars(with = "String")]
        low: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        #[schemars(with = "String")]
        high: Decimal,
        #[serde(skip_serializing_if = "Option::is_none")]
        low_unit: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// `2024年12月底前`, `全年`.
    Period,
    /// Qualitative text: `提升`, `是否完成`.
    Text,
    /// No value written.
    Empty,
}

/// A number with its unit and qualifiers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Quantity {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub number: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 约 / 预计 / 左右: an estimate.
    pub approximate: bool,
    /// 余 / 多 / 以上: at least this many.
    pub at_least: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A comparator of an indicator value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// ≥, 不低于, 不少于, 达到
    AtLeast,
    /// ≤, 不高于, 不超过
    AtMost,
    /// >, 大于, 高于, 超过
    Above,
    /// <, 小于, 低于
    Below,
    /// =
    Equal,
}

impl ValueKind {
    /// A range from its two ends and the units written after each: `1000元-30000元` has one
    /// unit for both ends; `300-800元/人` has it at the end only.
    pub fn range(
        low: Decimal,
        high: Decimal,
        low_unit: Option<String>,
        unit: Option<String>,
    ) -> ValueKind {
        let unit = unit.or(low_unit.clone());
        let low_unit = low_unit.filter(|u| Some(u) != unit.as_ref());
        ValueKind::Range {
            low,
            high,
            low_unit,
            unit,
        }
    }
}

impl Quantity {
    /// A quantity with nothing recognised yet.
    pub fn new(label: Option<String>) -> Quantity {
        Quantity {
            label,
            number: Decimal::ZERO,
            unit: None,
            approximate: false,
            at_least: false,
            note: None,
        }
    }

    /// A parenthesised remark after the value (`（党群工作部）`). After a number without a unit,
    /// `(%)` or `（%）` is the unit % (Shanghai's goal tables print `=100.00(%)`).
    pub fn remark(&mut self, note: &str) {
        if self.unit.is_none() && is_percent_note(note) {
            self.unit = Some("%".to_string());
        } else {
            self.note = Some(note.to_string());
        }
    }

    /// What a qualifier after the unit means: 左右 an estimate, 以上 at least, 以内/以下 a note.
    pub fn qualify(&mut self, suffix: &str) {
        match suffix {
            "左右" => self.approximate = true,
            "以上" => self.at_least = true,
            _ => self.note = Some(suffix.to_string()),
        }
    }
}

/// True for `(%)`, `（%）` (either bracket, either percent sign): the unit % in parentheses.
pub fn is_percent_note(note: &str) -> bool {
    let inner = note
        .strip_prefix('(')
        .or_else(|| note.strip_prefix('（'))
        .and_then(|r| r.strip_suffix(')').or_else(|| r.strip_suffix('）')));
    matches!(inner.map(str::trim), Some("%" | "％"))
}

impl Comparator {
    pub fn from_text(s: &str) -> Comparator {
        match s {
            ">=" | "≥" | "≧" | "＞=" | "不低于" | "不少于" | "不小于" | "达到" => {
                Comparator::AtLeast
            }
            "<=" | "≤" | "≦" | "＜=" | "不高于" | "不超过" | "不多于" | "不大于" => {
                Comparator::AtMost
            }
            ">" | "＞" | "大于" | "高于" | "超过" | "多于" => Comparator::Above,
            "<" | "＜" | "小于" | "低于" | "少于" => Comparator::Below,
            _ => Comparator::Equal,
        }
    }
}
