//! The syntax tree: one `Line` per source line that holds a statement, each with its spans.
//! No meaning is given here; `model::build` resolves blocks, codes and amounts.

use rust_decimal::Decimal;

use crate::source::Span;
pub use crate::source::Spanned;
// The typed indicator values are the model's vocabulary; the syntax recognises them.
pub use crate::value::{Comparator, IndicatorValue, Quantity, ValueKind};

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
    /// `单位性质`: the kind of the department's units.
    UnitKind(Word),
    SubUnit {
        id: Word,
        name: Word,
        kind: Option<Word>,
    },
    DutiesBlock,
    OrganizationBlock,
    ReasonBlock(Word),
    GlossaryBlock(Word),
    /// `说明 <标题>`: a section of the 说明 as published.
    ExplanationBlock(Word),
    Paragraph(Word),
    Income {
        source: Word,
        amount: Amount,
    },
    /// `基本支出 [单位]`: the sub-unit whose basic spending follows.
    BasicBlock(Option<Word>),
    /// A 基本支出 line: a pair (`func` and `econ`), or, in a 公开稿, a marginal line on one code
    /// (`func` holds it, functional or economic; `econ` is `None`).
    BasicLine {
        func: CodeRef,
        econ: Option<CodeRef>,
        /// The word before the amount that is not a split word: a source keyword, or else the
        /// last code's name (`model::build` decides).
        source: Option<Word>,
        /// `人员经费` / `公用经费`: the line's side, whatever its economic class.
        split: Option<Word>,
        amount: Amount,
    },
    /// `项目支出 <功能分类项> [名称] [来源] <金额>`: project spending on a code, in a 公开稿.
    ProjectTotal {
        func: CodeRef,
        source: Option<Word>,
        amount: Amount,
    },
    /// `公开稿`: the file transcribes a published document, for audit.
    Published,
    /// `上年文件 <path>`
    PriorFile(Word),
    /// `模板 <名称|路径>`
    Template(Word),
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
        /// The word after the code (and its name): a source keyword, or else the code's name.
        source: Option<Word>,
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
        source: Option<Word>,
        amount: Amount,
    },
    ThreePublic {
        kind: Word,
        source: Option<Word>,
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
    /// An amount, with its text as written (`01` stays `01` for code cells) and the unit it is
    /// printed in, when one follows (`507.25 万元`).
    Amount(Amount, Word, Option<Word>),
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
    /// 评分标准 / 评扣分标准 (empty when the row has four fields).
    pub criterion: Word,
}
