//! The budget model: what a `.bud` file says, resolved and exact.
//!
//! Amounts are `rust_decimal::Decimal` in the declared unit; every node keeps the span of the
//! source text it came from, so any later check can point at it.

pub mod build;
pub mod catalog;
pub(crate) mod catalog_error;
pub mod catalog_shape;
pub mod kinds;
mod members;
mod published;
mod resolve;
pub mod rules;
mod sources;

use crate::source::{Span, Spanned};
use crate::value::IndicatorValue;
use rust_decimal::Decimal;

pub use build::build;
pub use catalog::Catalog;
pub use kinds::{BasicKind, ProcurementKind, Side, Source, ThreePublicKind, UnitKind};
pub use rules::Rules;

/// The unit every amount of a budget is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MoneyUnit {
    /// 万元 — ten thousand yuan; two decimals (hundreds of yuan).
    #[serde(rename = "万元")]
    TenThousandYuan,
    /// 元; two decimals (分).
    #[serde(rename = "元")]
    Yuan,
}

impl MoneyUnit {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "万元" => Some(MoneyUnit::TenThousandYuan),
            "元" => Some(MoneyUnit::Yuan),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::TenThousandYuan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }

    /// The number of decimals an amount may carry in this unit.
    pub fn precision(self) -> u32 {
        2
    }
}

/// An amount with the span of its source text.
pub type Money = Spanned<Decimal>;

/// A classification code as used in the budget, with the name written next to it (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub code: String,
    pub span: Span,
    pub written_name: Option<Spanned<String>>,
}

/// A whole departmental budget (部门预算).
#[derive(Debug, Clone, Default)]
pub struct Budget {
    /// 部门
    pub department: Option<Spanned<String>>,
    /// 预算年度
    pub year: Option<Spanned<u16>>,
    /// 金额单位
    pub unit: Option<Spanned<MoneyUnit>>,
    /// 科目版本
    pub catalog_year: Option<Spanned<String>>,
    /// 单位性质: the kind of the units that state none (行政 when not stated).
    pub unit_kind: Option<Spanned<UnitKind>>,
    /// 二级预算单位
    pub sub_units: Vec<SubUnit>,
    /// 主要职责, one string per paragraph.
    pub duties: Vec<Spanned<String>>,
    /// Where the 主要职责 block opens, if it does.
    pub duties_block: Option<Span>,
    /// 机构设置, one string per paragraph.
    pub organization: Vec<Spanned<String>>,
    /// Where the 机构设置 block opens, if it does.
    pub organization_block: Option<Span>,
    /// Reasons for changes against last year, by figure.
    pub reasons: Vec<Reason>,
    /// 名词解释 written in the file (they override the built-in entries of the same term).
    pub glossary: Vec<GlossaryEntry>,
    /// The 说明 as published (`说明 <标题>` blocks), in the order written: they replace the
    /// generated 说明 in the outputs, and their amounts are checked against the figures.
    pub explanations: Vec<WrittenSection>,
    /// 收入 by source.
    pub income: Vec<Income>,
    /// `公开稿`: the file transcribes a published document, for audit; where it is stated.
    pub published: Option<Span>,
    /// 基本支出 lines: pairs, or (in a 公开稿) marginal lines on one code.
    pub basic: Vec<BasicLine>,
    /// The `基本支出 [单位]` statements: the unit each opens the block of, and where.
    pub basic_blocks: Vec<(Option<String>, Span)>,
    /// The sub-units named by `基本支出 <单位>` blocks, as written (checked against the
    /// sub-units once the file is read).
    pub basic_units: Vec<Spanned<String>>,
    /// Government procurement within basic spending.
    pub basic_procurement: Vec<Procurement>,
    /// 项目支出.
    pub projects: Vec<Project>,
    /// `项目支出 <功能分类项> …` (公开稿): project spending on a code, without its projects.
    pub project_totals: Vec<Allocation>,
    /// `三公 …` at the top level (公开稿): 三公 spending of projects that are not published.
    pub published_three_public: Vec<ThreePublicLine>,
    /// `采购 …` at the top level (公开稿): procurement of projects that are not published
    /// (without a code: `func` is `None`).
    pub published_procurement: Vec<Procurement>,
    /// 上年 figures (typed in a 上年 block, or derived from `prior_file`).
    pub prior: Prior,
    /// `上年文件`: last year's budget, whose figures fill `prior`.
    pub prior_file: Option<Spanned<String>>,
    /// Where the 上年 block stands, if there is one.
    pub prior_block: Option<Span>,
    /// `模板`: the template's name or file (without it, 标准).
    pub template: Option<Spanned<String>>,
    /// 国有资产占有使用情况.
    pub assets: Option<Assets>,
    /// 部门重点绩效评价: number of projects and their funds.
    pub key_evaluation: Option<(Spanned<u32>, Money)>,
    /// 断言.
    pub assertions: Vec<Assertion>,
}

impl Budget {
    pub fn unit(&self) -> MoneyUnit {
        self.unit
            .as_ref()
            .map(|u| u.value)
            .unwrap_or(MoneyUnit::TenThousandYuan)
    }

    pub fn year(&self) -> u16 {
        self.year.as_ref().map(|y| y.value).unwrap_or(0)
    }

    pub fn department(&self) -> &str {
        self.department
            .as_ref()
            .map(|d| d.value.as_str())
            .unwrap_or("")
    }

    /// The kind of the units that state none (单位性质; 行政 when not stated).
    pub fn default_kind(&self) -> UnitKind {
        self.unit_kind
            .as_ref()
            .map(|k| k.value)
            .unwrap_or(UnitKind::Administrative)
    }

    /// The kind of a unit: the sub-unit's own, else the department's default. `None` is the
    /// department itself (basic spending or a project without a unit).
    pub fn kind_of(&self, unit: Option<&str>) -> UnitKind {
        unit.and_then(|id| self.sub_units.iter().find(|u| u.id.value == id))
            .and_then(|u| u.kind.as_ref())
            .map(|k| k.value)
            .unwrap_or_else(|| self.default_kind())
    }

    /// The kinds of the units that make up the budget: every sub-unit, and the department
    /// itself when it has no sub-units or spends without naming one.
    pub fn unit_kinds(&self) -> Vec<UnitKind> {
        let mut kinds: Vec<UnitKind> = self
            .sub_units
            .iter()
            .map(|u| self.kind_of(Some(&u.id.value)))
            .collect();
        let unnamed = self.basic.iter().any(|l| l.unit.is_none())
            || !self.project_totals.is_empty()
            || self.projects.iter().any(|p| p.unit.is_none());
        if self.sub_units.is_empty() || unnamed {
            kinds.push(self.default_kind());
        }
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// Whether the budget has 机关运行经费: it has a unit of a kind the rules say it covers
    /// (行政 and 参公 unless a region says otherwise).
    pub fn has_operating_cost(&self, rules: &Rules) -> bool {
        self.unit_kinds()
            .iter()
            .any(|k| rules.has_operating_cost(*k))
    }
}

/// A sub-unit (二级预算单位).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubUnit {
    /// The short id projects refer to.
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    /// 行政 / 参公 / 事业, when stated (else the department's 单位性质).
    pub kind: Option<Spanned<UnitKind>>,
}

/// Why a figure changed against last year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub figure: Spanned<String>,
    pub paragraphs: Vec<Spanned<String>>,
}

/// One 名词解释 entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    pub term: Spanned<String>,
    pub paragraphs: Vec<Spanned<String>>,
}

/// One section of the 说明 as published: its title and paragraphs, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenSection {
    pub title: Spanned<String>,
    pub paragraphs: Vec<Spanned<String>>,
}

/// Income of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Income {
    pub source: Source,
    pub amount: Money,
    pub span: Span,
}

/// One 基本支出 line: functional 项 × economic 款 × source × amount, of one unit. In a 公开稿,
/// a marginal line has one of the two codes only: basic spending on a functional code whose
/// economic class is not published, or on an economic code whose function is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicLine {
    /// The sub-unit of its 基本支出 block (`None`: the department itself).
    pub unit: Option<String>,
    /// The functional 项 (`None`: a marginal line by economic code).
    pub func: Option<Code>,
    /// The economic 款 (`None`: a marginal line by functional code).
    pub econ: Option<Code>,
    /// `人员经费` / `公用经费` written on the line: its side, whatever its economic class.
    pub split: Option<Spanned<BasicKind>>,
    pub source: Source,
    pub amount: Money,
    pub span: Span,
}

impl BasicLine {
    /// 人员 or 公用: as written on the line, else by its economic class (the rules); `None`
    /// for a marginal line by functional code (its class is not published).
    pub fn kind(&self, rules: &Rules) -> Option<BasicKind> {
        match (&self.split, &self.econ) {
            (Some(k), _) => Some(k.value),
            (None, Some(e)) => Some(rules.basic_kind(&e.code)),
            (None, None) => None,
        }
    }

    /// A marginal line (公开稿): one code only.
    pub fn is_marginal(&self) -> bool {
        self.func.is_none() || self.econ.is_none()
    }
}

/// Government procurement of one kind, on one functional code, from one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procurement {
    pub kind: ProcurementKind,
    /// The functional code; `None` on a project means its only allocation.
    pub func: Option<Code>,
    /// The source: as written, else the source of the spending on its code (`model::build`
    /// resolves it once the block is read).
    pub source: Source,
    /// Where the source is written, if it is.
    pub source_span: Option<Span>,
    pub amount: Money,
    pub span: Span,
}

/// A project (项目支出).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// 项目编码
    pub code: Spanned<String>,
    /// 项目名称
    pub name: Spanned<String>,
    /// The sub-unit id.
    pub unit: Option<Spanned<String>>,
    /// 项目类型
    pub kind: Option<Spanned<String>>,
    /// `资金`: the source of the lines that name none (一般公共预算 when not stated).
    pub source: Source,
    /// Where `资金` is written, if it is.
    pub source_span: Option<Span>,
    pub allocations: Vec<Allocation>,
    /// `金额`: the approved total, an assertion on the allocations.
    pub stated_amount: Option<Money>,
    pub economics: Vec<Allocation>,
    pub procurement: Vec<Procurement>,
    pub three_public: Vec<ThreePublicLine>,
    /// 绩效目标
    pub goal: Option<Spanned<String>>,
    pub indicators: Vec<Indicator>,
    pub span: Span,
}

impl Project {
    /// The project amount: the sum of its allocations.
    pub fn amount(&self) -> Decimal {
        self.allocations.iter().map(|a| a.amount.value).sum()
    }
}

impl Project {
    /// The sources of the project's money, in source order.
    pub fn sources(&self) -> Vec<Source> {
        let mut s: Vec<Source> = self.allocations.iter().map(|a| a.source).collect();
        s.sort();
        s.dedup();
        s
    }

    /// The project's money from each source, in source order.
    pub fn by_source(&self) -> Vec<(Source, Decimal)> {
        let mut m: std::collections::BTreeMap<Source, Decimal> = Default::default();
        for a in &self.allocations {
            *m.entry(a.source).or_default() += a.amount.value;
        }
        m.into_iter().collect()
    }
}

/// Part of a project's money on one code, from one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub code: Code,
    /// As written, else the project's `资金` (resolved once the project is read).
    pub source: Source,
    /// Where the source is written, if it is.
    pub source_span: Option<Span>,
    pub amount: Money,
    pub span: Span,
}

/// A 三公 item inside a project, from one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreePublicLine {
    pub kind: ThreePublicKind,
    /// As written, else the project's `资金`.
    pub source: Source,
    pub source_span: Option<Span>,
    pub amount: Money,
}

/// One performance indicator row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub level1: Spanned<String>,
    pub level2: Spanned<String>,
    pub name: Spanned<String>,
    pub value: IndicatorValue,
    pub criterion: Spanned<String>,
    pub span: Span,
}

/// Last year's figures (上年).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prior {
    /// 上年收支预算总计
    pub total: Option<Money>,
    pub basic: Option<Money>,
    pub project: Option<Money>,
    /// 机关运行经费
    pub operating_cost: Option<Money>,
    pub income: Vec<Income>,
    pub three_public: Vec<(ThreePublicKind, Money)>,
}

impl Prior {
    pub fn three_public(&self, kind: ThreePublicKind) -> Option<Decimal> {
        self.three_public
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, m)| m.value)
            .reduce(|a, b| a + b)
    }
}

/// State assets (国有资产占有使用情况).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assets {
    /// 截至日期, as written.
    pub as_of: Option<Spanned<String>>,
    /// Vehicles by use, in source order.
    pub vehicles: Vec<(Spanned<String>, Spanned<u32>)>,
    /// Equipment of 100万元 or more held.
    pub equipment: Option<Spanned<u32>>,
    /// Such equipment to be bought this year.
    pub equipment_purchase: Option<Spanned<u32>>,
    pub notes: Vec<Spanned<String>>,
    pub span: Span,
}

/// `断言 <figure> = <value>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    pub figure: Vec<Spanned<String>>,
    /// The value as written.
    pub value: Spanned<String>,
    /// The value as an amount, when it is one.
    pub amount: Option<Money>,
    /// The unit the amount is printed in, when one is written after it (`507.25 万元`): the
    /// derived figure is then compared as printed, converted and rounded.
    pub printed: Option<Printed>,
    pub span: Span,
}

/// How an asserted amount is printed: its unit, and the decimals written (`507.25` → 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub unit: Spanned<MoneyUnit>,
    pub decimals: u32,
}
