//! The syntax tree: one `Line` per source line that holds a statement, each with its spans.
//! No meaning is given here; `model::build` resolves blocks, codes and amounts.

use crate::source::Span;
use rust_decimal::Decimal;

/// A value with the span of source text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A word or text as written.
pub type Word = Spanned<String>;

/// An amount as written and its exact value (`16,028.22` → 16028.22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    pub value: Decimal,
    pub span: Span,
    /// Number of digits after the decimal point as written.
    pub scale: u32,
}

/// A classification code with its optional name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRef {
    pub code: Word,
    pub name: Option<Word>,
}

/// A parsed file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct File {
    pub lines: Vec<Line>,
}

/// One statement line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// True when the line starts with spaces (it belongs to the block above).
    pub indented: bool,
    pub stmt: Stmt,
    /// The statement, without indentation.
    pub span: Span,
}

/// A statement, one per grammar rule of `grammar/bud.pest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    Department(Word),
    Year(Word),
    MoneyUnit(Word),
    CatalogYear(Word),
    SubUnit {
        id: Word,
        name: Word,
        kind: Option<Word>,
    },
    DutiesBlock,
    OrganizationBlock,
    ReasonBlock(Word),
    GlossaryBlock(Word),
    Paragraph(Word),
    Income {
        source: Word,
        amount: Amount,
    },
    BasicBlock,
    BasicLine {
        func: CodeRef,
        econ: CodeRef,
        source: Option<Word>,
        amount: Amount,
    },
    PriorBlock,
    PriorFigure {
        name: Word,
        amount: Amount,
    },
    Project {
        code: Word,
        name: Word,
    },
    ProjectUnit(Word),
    ProjectKind(Word),
    ProjectSource(Word),
    Allocation {
        func: CodeRef,
        amount: Amount,
    },
    ProjectAmount(Amount),
    Economic {
        econ: CodeRef,
        amount: Amount,
    },
    Procurement {
        kind: Word,
        func: Option<Word>,
        amount: Amount,
    },
    ThreePublic {
        kind: Word,
        amount: Amount,
    },
    Goal(Word),
    Indicator(Indicator),
    AssetsBlock(Option<Word>),
    Vehicles {
        kind: Word,
        count: Spanned<u32>,
    },
    Equipment(Spanned<u32>),
    EquipmentPurchase(Spanned<u32>),
    KeyEvaluation {
        count: Spanned<u32>,
        amount: Amount,
    },
    Assertion {
        figure: Vec<Word>,
        value: AssertValue,
    },
    /// A line that did not parse (already reported). It still ends the block above, so the
    /// lines indented under it are not taken for members of an earlier block.
    Invalid,
}

/// What an assertion states: an amount, or the text of a text cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssertValue {
    /// An amount, with its text as written (`01` stays `01` for code cells).
    Amount(Amount, Word),
    Text(Word),
}

/// One indicator row of a performance goal (绩效指标).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// 一级指标, e.g. 产出指标.
    pub level1: Word,
    /// 二级指标, e.g. 数量指标.
    pub level2: Word,
    /// 三级指标: what is measured.
    pub name: Word,
    /// 指标值.
    pub value: IndicatorValue,
    /// 评分标准 / 评扣分标准.
    pub criterion: Word,
}

/// 指标值: the text as written and what the grammar recognised in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorValue {
    pub text: Word,
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

    /// What a qualifier after the unit means: 左右 an estimate, 以上 at least, 以内/以下 a note.
    pub fn qualify(&mut self, suffix: &str) {
        match suffix {
            "左右" => self.approximate = true,
            "以上" => self.at_least = true,
            _ => self.note = Some(suffix.to_string()),
        }
    }
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
