//! Random departments (proptest, issue 12): a random 单位性质, 0–4 sub-units of random kinds,
//! `基本支出 <单位>` blocks per unit, projects paid from one to three sources, every money line
//! with a funding source among the eleven, amounts in 元 or 万元. Each budget is written as
//! `.bud` text and must compile without errors; then what budc derives is held against sums the
//! test makes itself from the generated facts, exactly (Decimal):
//!
//! - income per source = spending per source (figures, 收入总体情况表, 收支总体情况表);
//! - 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营 in every table that has the columns;
//! - the 政府预算支出经济分类 side follows the unit kind (505/506 from 事业 units' lines only,
//!   501–504 from 行政/参公 units' lines only), in the tables and in the JSON;
//! - 机关运行经费 covers 行政 and 参公 units only, and is not applicable without them;
//! - the JSON round-trips and states the same amounts.

use budc::diag::Severity;
use budc::document::{Cell, ColumnId, Row, RowLevel, Table, TableId};
use budc::model::{Side, Source, UnitKind};
use budc::source::SourceFile;
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Functional 项 for basic lines paid from any source but 政府性基金 and 国有资本经营.
const BASIC_FUNC: [&str; 5] = ["2013201", "2050201", "2100401", "2080505", "2210201"];
/// Functional 项 for project lines paid from any source but 政府性基金 and 国有资本经营.
const PROJECT_FUNC: [&str; 4] = ["2013202", "2080102", "2050299", "2100409"];
/// 政府性基金 money sits on fund codes (`Catalog::is_fund_code`).
const FUND_FUNC: [&str; 2] = ["2296002", "2120801"];
/// 国有资本经营 money sits under 223.
const STATE_CAPITAL_FUNC: [&str; 2] = ["2230105", "2230201"];

/// Economic 款 with their 政府预算支出经济分类 on the 机关 and the 事业 side
/// (catalog/2024/economic_mapping.tsv).
const ECON: [(&str, &str, &str); 8] = [
    ("30101", "50101", "50501"),
    ("30102", "50101", "50501"),
    ("30201", "50201", "50502"),
    ("30217", "50206", "50502"),
    ("30231", "50208", "50502"),
    ("30302", "50905", "50905"),
    ("31002", "50306", "50601"),
    ("30905", "50402", "50602"),
];
/// The economic 类 of those 款, with their government 类 on each side.
const ECON_CLASSES: [(&str, &str, &str); 5] = [
    ("301", "501", "505"),
    ("302", "502", "505"),
    ("303", "509", "509"),
    ("309", "504", "506"),
    ("310", "503", "506"),
];

const PROCUREMENT_KINDS: [&str; 3] = ["货物", "工程", "服务"];
const THREE_PUBLIC_KINDS: [&str; 4] = [
    "因公出国（境）费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
];

/// A source index: 0–10 are the eleven sources, anything above is 一般公共预算 (the common case).
fn source(i: usize) -> Source {
    Source::ALL.get(i).copied().unwrap_or(Source::GeneralPublic)
}

/// A functional code the money of `source` may sit on.
fn func_for(source: Source, i: usize, general: &[&'static str]) -> &'static str {
    match source {
        Source::GovernmentFund => FUND_FUNC[i % FUND_FUNC.len()],
        Source::StateCapital => STATE_CAPITAL_FUNC[i % STATE_CAPITAL_FUNC.len()],
        _ => general[i % general.len()],
    }
}

fn kind_of(i: usize) -> UnitKind {
    UnitKind::ALL[i % UnitKind::ALL.len()]
}

fn money(cents: u64) -> Decimal {
    Decimal::new(i64::try_from(cents).expect("small amounts"), 2)
}

#[derive(Debug, Clone)]
struct BasicLine {
    /// Index into `Dept::subs`; `None`: the department itself.
    unit: Option<usize>,
    func: &'static str,
    econ: usize,
    source: Source,
    cents: u64,
    write_source: bool,
}

#[derive(Debug, Clone)]
struct Purchase {
    unit: Option<usize>,
    kind: usize,
    func: &'static str,
    /// The source it is paid from; written when `write_source`, else resolved by budc.
    source: Source,
    cents: u64,
    write_code: bool,
    write_source: bool,
}

#[derive(Debug, Clone)]
struct ProjectLine {
    func: &'static str,
    source: Source,
    cents: u64,
    write_source: bool,
}

#[derive(Debug, Clone)]
struct ThreePublicLine {
    kind: usize,
    source: Source,
    cents: u64,
    write_source: bool,
}

#[derive(Debug, Clone)]
struct Project {
    unit: Option<usize>,
    /// `资金`, when written.
    default: Option<Source>,
    lines: Vec<ProjectLine>,
    purchase: Option<Purchase>,
    three_public: Option<ThreePublicLine>,
    state_amount: bool,
}

impl Project {
    fn default_source(&self) -> Source {
        self.default.unwrap_or(Source::GeneralPublic)
    }

    fn total(&self) -> Decimal {
        self.lines.iter().map(|l| money(l.cents)).sum()
    }
}

#[derive(Debug, Clone)]
struct Dept {
    yuan: bool,
    /// 单位性质, when written (行政 otherwise).
    kind: Option<UnitKind>,
    /// The sub-units' kinds, when written.
    subs: Vec<Option<UnitKind>>,
    basic: Vec<BasicLine>,
    basic_purchases: Vec<Purchase>,
    projects: Vec<Project>,
    /// Sources with a `收入` line (an assertion).
    income_lines: Vec<Source>,
    assertions: bool,
    /// 0 plain, 1 thousands separators, 2 whole amounts without decimals.
    style: u8,
}

impl Dept {
    fn default_kind(&self) -> UnitKind {
        self.kind.unwrap_or(UnitKind::Administrative)
    }

    fn kind_of(&self, unit: Option<usize>) -> UnitKind {
        unit.and_then(|u| self.subs[u])
            .unwrap_or_else(|| self.default_kind())
    }

    fn side_of(&self, unit: Option<usize>) -> Side {
        match self.kind_of(unit) {
            UnitKind::Administrative | UnitKind::CivilServiceManaged => Side::Agency,
            UnitKind::Institution => Side::Institution,
        }
    }

    /// The units of the department: every sub-unit, and the department itself when it has no
    /// sub-units or spends without naming one.
    fn unit_kinds(&self) -> BTreeSet<UnitKind> {
        let mut kinds: BTreeSet<UnitKind> = (0..self.subs.len())
            .map(|u| self.kind_of(Some(u)))
            .collect();
        let unnamed = self.basic.iter().any(|l| l.unit.is_none())
            || self.projects.iter().any(|p| p.unit.is_none());
        if self.subs.is_empty() || unnamed {
            kinds.insert(self.default_kind());
        }
        kinds
    }

    fn amount(&self, cents: u64) -> String {
        let (whole, frac) = (cents / 100, cents % 100);
        let digits = whole.to_string();
        let whole = if self.style == 1 {
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            out
        } else {
            digits
        };
        if self.style == 2 && frac == 0 {
            whole
        } else {
            format!("{whole}.{frac:02}")
        }
    }

    fn unit_id(u: usize) -> String {
        format!("U{u}")
    }

    /// The `.bud` text.
    fn text(&self, expected: &Expected) -> String {
        let mut s = String::from("部门 测试部门\n年度 2024\n");
        s.push_str(if self.yuan {
            "金额单位 元\n"
        } else {
            "金额单位 万元\n"
        });
        s.push_str("科目版本 2024\n");
        if let Some(k) = self.kind {
            s.push_str(&format!("单位性质 {}\n", k.keyword()));
        }
        for (u, k) in self.subs.iter().enumerate() {
            s.push_str(&format!("二级单位 {} 测试单位{u}", Self::unit_id(u)));
            if let Some(k) = k {
                s.push_str(&format!(" {}", k.keyword()));
            }
            s.push('\n');
        }
        for src in &self.income_lines {
            let d = expected.income(*src);
            s.push_str(&format!(
                "收入 {} {}\n",
                src.keyword(),
                self.amount(cents(d))
            ));
        }
        let mut units: Vec<Option<usize>> = Vec::new();
        for l in &self.basic {
            if !units.contains(&l.unit) {
                units.push(l.unit);
            }
        }
        for unit in units {
            match unit {
                Some(u) => s.push_str(&format!("基本支出 {}\n", Self::unit_id(u))),
                None => s.push_str("基本支出\n"),
            }
            for l in self.basic.iter().filter(|l| l.unit == unit) {
                s.push_str(&format!("  {} {}", l.func, ECON[l.econ].0));
                if l.write_source {
                    s.push_str(&format!(" {}", l.source.keyword()));
                }
                s.push_str(&format!(" {}\n", self.amount(l.cents)));
            }
            for p in self.basic_purchases.iter().filter(|p| p.unit == unit) {
                s.push_str(&format!("  采购 {} {}", PROCUREMENT_KINDS[p.kind], p.func));
                if p.write_source {
                    s.push_str(&format!(" {}", p.source.keyword()));
                }
                s.push_str(&format!(" {}\n", self.amount(p.cents)));
            }
        }
        for (n, p) in self.projects.iter().enumerate() {
            s.push_str(&format!("项目 P{n:04} 项目{n}\n"));
            if let Some(u) = p.unit {
                s.push_str(&format!("  单位 {}\n", Self::unit_id(u)));
            }
            s.push_str("  类型 特定目标类\n");
            if let Some(d) = p.default {
                s.push_str(&format!("  资金 {}\n", d.keyword()));
            }
            for l in &p.lines {
                s.push_str(&format!("  支出 {}", l.func));
                if l.write_source {
                    s.push_str(&format!(" {}", l.source.keyword()));
                }
                s.push_str(&format!(" {}\n", self.amount(l.cents)));
            }
            if p.state_amount {
                s.push_str(&format!("  金额 {}\n", self.amount(cents(p.total()))));
            }
            if let Some(x) = &p.purchase {
                s.push_str(&format!("  采购 {}", PROCUREMENT_KINDS[x.kind]));
                if x.write_code {
                    s.push_str(&format!(" {}", x.func));
                }
                if x.write_source {
                    s.push_str(&format!(" {}", x.source.keyword()));
                }
                s.push_str(&format!(" {}\n", self.amount(x.cents)));
            }
            if let Some(t) = &p.three_public {
                s.push_str(&format!("  三公 {}", THREE_PUBLIC_KINDS[t.kind]));
                if t.write_source {
                    s.push_str(&format!(" {}", t.source.keyword()));
                }
                s.push_str(&format!(" {}\n", self.amount(t.cents)));
            }
            s.push_str(&format!("  目标 完成第{n}项任务。\n"));
            s.push_str("  指标 产出指标 数量指标 | 场次 | 2场 | 工作成效\n");
            s.push_str("  指标 效益指标 社会效益指标 | 效果 | 提升 | 工作成效\n");
            s.push_str("  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查\n");
        }
        if self.assertions {
            let f = [
                ("收入合计", Some(expected.total())),
                ("基本支出", Some(expected.basic_total())),
                ("项目支出", Some(expected.project_total())),
                ("机关运行经费", expected.operating_cost),
                ("政府采购", Some(expected.procurement_total())),
            ];
            for (name, d) in f {
                if let Some(d) = d {
                    s.push_str(&format!("断言 {name} = {}\n", self.amount(cents(d))));
                }
            }
        }
        s
    }
}

fn cents(d: Decimal) -> u64 {
    (d * Decimal::ONE_HUNDRED)
        .to_u64()
        .expect("a positive amount in cents")
}

/// What the figures and tables must show, summed by the test from the generated facts.
#[derive(Debug, Default)]
struct Expected {
    /// Basic spending by source, split 人员 (301, 303) / 公用.
    personnel: BTreeMap<Source, Decimal>,
    public: BTreeMap<Source, Decimal>,
    project: BTreeMap<Source, Decimal>,
    /// Spending by functional 类 and source.
    by_class: BTreeMap<(String, Source), Decimal>,
    operating_cost: Option<Decimal>,
    procurement: BTreeMap<Source, Decimal>,
    three_public: Decimal,
    /// Per project (in order), by source.
    projects: Vec<BTreeMap<Source, Decimal>>,
}

fn get(m: &BTreeMap<Source, Decimal>, s: Source) -> Decimal {
    m.get(&s).copied().unwrap_or_default()
}

impl Expected {
    fn of(d: &Dept) -> Expected {
        let mut e = Expected::default();
        for l in &d.basic {
            let econ = ECON[l.econ].0;
            let personnel = econ.starts_with("301") || econ.starts_with("303");
            let slot = if personnel {
                &mut e.personnel
            } else {
                &mut e.public
            };
            *slot.entry(l.source).or_default() += money(l.cents);
            *e.by_class
                .entry((l.func[..3].to_string(), l.source))
                .or_default() += money(l.cents);
            if l.source == Source::GeneralPublic && (econ == "30217" || econ == "30231") {
                e.three_public += money(l.cents);
            }
        }
        for p in &d.projects {
            let mut m = BTreeMap::new();
            for l in &p.lines {
                *e.project.entry(l.source).or_default() += money(l.cents);
                *m.entry(l.source).or_default() += money(l.cents);
                *e.by_class
                    .entry((l.func[..3].to_string(), l.source))
                    .or_default() += money(l.cents);
            }
            e.projects.push(m);
            if let Some(t) = &p.three_public {
                if t.source == Source::GeneralPublic {
                    e.three_public += money(t.cents);
                }
            }
        }
        for x in d
            .basic_purchases
            .iter()
            .chain(d.projects.iter().filter_map(|p| p.purchase.as_ref()))
        {
            *e.procurement.entry(x.source).or_default() += money(x.cents);
        }
        let applicable = d
            .unit_kinds()
            .iter()
            .any(|k| matches!(k, UnitKind::Administrative | UnitKind::CivilServiceManaged));
        e.operating_cost = applicable.then(|| {
            d.basic
                .iter()
                .filter(|l| d.side_of(l.unit) == Side::Agency)
                .filter(|l| l.source == Source::GeneralPublic)
                .filter(|l| {
                    !ECON[l.econ].0.starts_with("301") && !ECON[l.econ].0.starts_with("303")
                })
                .map(|l| money(l.cents))
                .sum()
        });
        e
    }

    fn basic(&self, s: Source) -> Decimal {
        get(&self.personnel, s) + get(&self.public, s)
    }

    fn income(&self, s: Source) -> Decimal {
        self.basic(s) + get(&self.project, s)
    }

    fn total(&self) -> Decimal {
        Source::ALL.iter().map(|s| self.income(*s)).sum()
    }

    fn fiscal(&self) -> Decimal {
        Source::ALL
            .iter()
            .filter(|s| s.is_fiscal())
            .map(|s| self.income(*s))
            .sum()
    }

    fn basic_total(&self) -> Decimal {
        Source::ALL.iter().map(|s| self.basic(*s)).sum()
    }

    fn project_total(&self) -> Decimal {
        self.project.values().copied().sum()
    }

    fn procurement_total(&self) -> Decimal {
        self.procurement.values().copied().sum()
    }
}

// ---------------------------------------------------------------------------------------------
// Generation

/// (source, functional index, economic index, cents, write the source).
type RawLine = (usize, usize, usize, u64, bool);
/// (include the block, its lines, a purchase: (kind, line, quarter, write the source)).
type RawBlock = (bool, Vec<RawLine>, Option<(usize, usize, u64, bool)>);
/// (unit, 资金, lines (source, functional, cents, write the source), purchase (kind, line,
/// quarter, write the code, write the source), 三公 (kind, line, quarter, write the source),
/// state the amount).
type RawProject = (
    Option<usize>,
    Option<usize>,
    Vec<(usize, usize, u64, bool)>,
    Option<(usize, usize, u64, bool, bool)>,
    Option<(usize, usize, u64, bool)>,
    bool,
);

fn raw_amount() -> impl Strategy<Value = u64> {
    prop_oneof![
        1u64..1_000,
        1u64..10_000_000_000,
        (1u64..100_000).prop_map(|n| n * 100)
    ]
}

fn raw_block() -> impl Strategy<Value = RawBlock> {
    (
        any::<bool>(),
        proptest::collection::vec(
            (
                0usize..16,
                0usize..10,
                0usize..8,
                raw_amount(),
                any::<bool>(),
            ),
            1..5,
        ),
        proptest::option::of((0usize..3, 0usize..8, 1u64..=4, any::<bool>())),
    )
}

fn raw_project() -> impl Strategy<Value = RawProject> {
    (
        proptest::option::of(0usize..4),
        proptest::option::of(0usize..16),
        proptest::collection::vec((0usize..16, 0usize..8, raw_amount(), any::<bool>()), 1..5),
        proptest::option::of((0usize..3, 0usize..8, 1u64..=4, any::<bool>(), any::<bool>())),
        proptest::option::of((0usize..4, 0usize..8, 1u64..=4, any::<bool>())),
        any::<bool>(),
    )
}

/// The only source of these lines, if they have exactly one (how budc resolves a purchase
/// without a source).
fn only(sources: impl Iterator<Item = Source>) -> Option<Source> {
    let all: BTreeSet<Source> = sources.collect();
    (all.len() == 1).then(|| *all.iter().next().unwrap())
}

#[allow(clippy::too_many_arguments)]
fn dept(
    yuan: bool,
    kind: Option<usize>,
    subs: Vec<Option<usize>>,
    blocks: Vec<RawBlock>,
    projects: Vec<RawProject>,
    income_lines: Vec<bool>,
    assertions: bool,
    style: u8,
) -> Dept {
    let mut d = Dept {
        yuan,
        kind: kind.map(kind_of),
        subs: subs.into_iter().map(|k| k.map(kind_of)).collect(),
        basic: Vec::new(),
        basic_purchases: Vec::new(),
        projects: Vec::new(),
        income_lines: Vec::new(),
        assertions,
        style,
    };
    // Block 0 is the department's own, block n its n-th sub-unit's.
    let mut purchases = Vec::new();
    for (b, (include, lines, purchase)) in blocks.into_iter().enumerate() {
        let unit = b.checked_sub(1);
        if !include || unit.is_some_and(|u| u >= d.subs.len()) {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut block = Vec::new();
        for (src, f, econ, cents, write) in lines {
            let source = source(src);
            let func = func_for(source, f, &BASIC_FUNC);
            if !seen.insert((func, econ, source)) {
                continue;
            }
            block.push(BasicLine {
                unit,
                func,
                econ,
                source,
                cents,
                write_source: write || source != Source::GeneralPublic,
            });
        }
        if let Some((kind, line, quarter, write)) = purchase {
            let l = &block[line % block.len()];
            purchases.push((
                unit,
                kind,
                l.func,
                l.source,
                (l.cents * quarter / 4).max(1),
                write,
            ));
        }
        d.basic.extend(block);
    }
    for (unit, kind, func, source, cents, write) in purchases {
        // Without a source, a purchase takes the one source of the basic lines on its code
        // (of any unit), else 一般公共预算.
        let resolved = only(d.basic.iter().filter(|l| l.func == func).map(|l| l.source))
            .unwrap_or(Source::GeneralPublic);
        d.basic_purchases.push(Purchase {
            unit,
            kind,
            func,
            source,
            cents,
            write_code: true,
            write_source: write || resolved != source,
        });
    }
    for (unit, default, lines, purchase, three, state_amount) in projects {
        let default = default.map(source);
        let mut p = Project {
            unit: unit
                .filter(|_| !d.subs.is_empty())
                .map(|u| u % d.subs.len()),
            default,
            lines: Vec::new(),
            purchase: None,
            three_public: None,
            state_amount,
        };
        let mut seen = BTreeSet::new();
        for (src, f, cents, write) in lines {
            let source = source(src);
            let func = func_for(source, f, &PROJECT_FUNC);
            if !seen.insert((func, source)) {
                continue;
            }
            p.lines.push(ProjectLine {
                func,
                source,
                cents,
                write_source: write || source != p.default_source(),
            });
        }
        let codes: BTreeSet<&str> = p.lines.iter().map(|l| l.func).collect();
        if let Some((kind, line, quarter, write_code, write_source)) = purchase {
            let l = &p.lines[line % p.lines.len()];
            let write_code = write_code || codes.len() > 1;
            let code = if write_code { l.func } else { p.lines[0].func };
            let resolved = only(p.lines.iter().filter(|x| x.func == code).map(|x| x.source))
                .unwrap_or(p.default_source());
            p.purchase = Some(Purchase {
                unit: p.unit,
                kind,
                func: l.func,
                source: l.source,
                cents: (l.cents * quarter / 4).max(1),
                write_code,
                write_source: write_source || resolved != l.source,
            });
        }
        if let Some((kind, line, quarter, write)) = three {
            let l = &p.lines[line % p.lines.len()];
            p.three_public = Some(ThreePublicLine {
                kind,
                source: l.source,
                cents: (l.cents * quarter / 4).max(1),
                write_source: write || l.source != p.default_source(),
            });
        }
        d.projects.push(p);
    }
    let e = Expected::of(&d);
    d.income_lines = Source::ALL
        .iter()
        .zip(income_lines)
        .filter(|(s, w)| *w && !e.income(**s).is_zero())
        .map(|(s, _)| *s)
        .collect();
    d
}

// ---------------------------------------------------------------------------------------------
// Checks

fn amount(t: &Table, r: &Row, col: ColumnId) -> Decimal {
    t.amount(r, col).unwrap_or_default()
}

fn text_of<'t>(t: &Table, r: &'t Row, col: ColumnId) -> &'t str {
    match t.column(col).and_then(|i| r.cells.get(i)) {
        Some(Cell::Text(s)) => s,
        _ => "",
    }
}

fn total_row(t: &Table) -> &Row {
    t.rows
        .iter()
        .find(|r| r.level == RowLevel::Total)
        .expect("a 合计 row")
}

/// The column of a source in 收入总体情况表.
fn income_column(s: Source) -> ColumnId {
    match s {
        Source::GeneralPublic => ColumnId::General,
        Source::GovernmentFund => ColumnId::Fund,
        Source::StateCapital => ColumnId::StateCapital,
        Source::SpecialAccount => ColumnId::SpecialAccount,
        Source::Business => ColumnId::Business,
        Source::Operating => ColumnId::Operating,
        Source::Superior => ColumnId::Superior,
        Source::Affiliated => ColumnId::Affiliated,
        Source::Other => ColumnId::Other,
        Source::NonFiscalBalance => ColumnId::NonFiscalBalance,
        Source::Carryover => ColumnId::Carryover,
    }
}

macro_rules! ensure_eq {
    ($a:expr, $b:expr, $($ctx:tt)+) => {{
        match (&$a, &$b) {
            (a, b) => {
                if a != b {
                    return Err(format!("{}: {:?} ≠ {:?}", format!($($ctx)+), a, b));
                }
            }
        }
    }};
}

/// In the tables of source columns (基本支出, 项目支出, 政府采购): 财政拨款小计 = 一般公共预算 +
/// 政府性基金 + 国有资本经营, and 合计 = 财政拨款 + the other columns, on every row.
fn source_columns_add_up(t: &Table) -> Result<(), String> {
    for r in &t.rows {
        let a = |c| amount(t, r, c);
        ensure_eq!(
            a(ColumnId::FiscalSubtotal),
            a(ColumnId::General) + a(ColumnId::Fund) + a(ColumnId::StateCapital),
            "{} {:?} {}: 财政拨款小计",
            t.id,
            r.code,
            r.name
        );
        ensure_eq!(
            a(ColumnId::Total),
            a(ColumnId::FiscalSubtotal)
                + a(ColumnId::SpecialAccount)
                + a(ColumnId::UnitFunds)
                + a(ColumnId::NonFiscalBalance)
                + a(ColumnId::Carryover),
            "{} {:?} {}: 合计",
            t.id,
            r.code,
            r.name
        );
    }
    Ok(())
}

/// The amounts of the source columns of those tables, from amounts by source.
fn source_column_values(m: &BTreeMap<Source, Decimal>) -> Vec<(ColumnId, Decimal)> {
    let sum = |keep: &dyn Fn(Source) -> bool| -> Decimal {
        m.iter().filter(|(s, _)| keep(**s)).map(|(_, d)| *d).sum()
    };
    vec![
        (ColumnId::Total, sum(&|_| true)),
        (ColumnId::FiscalSubtotal, sum(&|s| s.is_fiscal())),
        (ColumnId::General, get(m, Source::GeneralPublic)),
        (ColumnId::Fund, get(m, Source::GovernmentFund)),
        (ColumnId::StateCapital, get(m, Source::StateCapital)),
        (ColumnId::SpecialAccount, get(m, Source::SpecialAccount)),
        (ColumnId::UnitFunds, sum(&|s| s.is_unit_funds())),
        (ColumnId::NonFiscalBalance, get(m, Source::NonFiscalBalance)),
        (ColumnId::Carryover, get(m, Source::Carryover)),
    ]
}

fn income_equals_spending(c: &budc::Compiled, e: &Expected) -> Result<(), String> {
    let f = &c.document.figures;
    for s in Source::ALL {
        ensure_eq!(f.income_of(s), e.income(s), "figures income {s:?}");
        ensure_eq!(
            f.spending_of(s).total(),
            e.income(s),
            "figures spending {s:?}"
        );
        ensure_eq!(f.spending_of(s).basic(), e.basic(s), "figures basic {s:?}");
        ensure_eq!(
            f.spending_of(s).project,
            get(&e.project, s),
            "figures project {s:?}"
        );
    }
    if f.income.iter().any(|(_, d)| d.is_zero()) {
        return Err(format!(
            "a source of no money in the income: {:?}",
            f.income
        ));
    }
    ensure_eq!(f.income_total, e.total(), "income total");
    ensure_eq!(f.expenditure_total, e.total(), "expenditure total");
    ensure_eq!(f.basic, e.basic_total(), "basic");
    ensure_eq!(f.project, e.project_total(), "project");
    let personnel: Decimal = e.personnel.values().copied().sum();
    ensure_eq!(f.personnel, personnel, "personnel");
    ensure_eq!(f.public, e.basic_total() - personnel, "public");
    ensure_eq!(f.three_public.current_total(), e.three_public, "三公");
    ensure_eq!(f.procurement_total(), e.procurement_total(), "procurement");

    // 收入总体情况表: the 合计 row by source column; every row adds up.
    let t = c.document.table(TableId::Income);
    let total = total_row(t);
    for s in Source::ALL {
        ensure_eq!(
            amount(t, total, income_column(s)),
            e.income(s),
            "income 合计 {s:?}"
        );
    }
    ensure_eq!(
        amount(t, total, ColumnId::Total),
        e.total(),
        "income 合计 total"
    );
    for r in &t.rows {
        let all: Decimal = Source::ALL
            .iter()
            .map(|s| amount(t, r, income_column(*s)))
            .sum();
        ensure_eq!(
            amount(t, r, ColumnId::Total),
            all,
            "income {:?} total",
            r.code
        );
    }
    // 支出总体情况表 and the three fund tables.
    let t = c.document.table(TableId::Expenditure);
    let total = total_row(t);
    ensure_eq!(
        amount(t, total, ColumnId::Total),
        e.total(),
        "expenditure 合计"
    );
    ensure_eq!(
        amount(t, total, ColumnId::Basic),
        e.basic_total(),
        "expenditure 基本"
    );
    ensure_eq!(
        amount(t, total, ColumnId::Project),
        e.project_total(),
        "expenditure 项目"
    );
    for (id, s) in [
        (TableId::GeneralExpenditure, Source::GeneralPublic),
        (TableId::FundExpenditure, Source::GovernmentFund),
        (TableId::StateCapitalExpenditure, Source::StateCapital),
    ] {
        let t = c.document.table(id);
        let total = total_row(t);
        ensure_eq!(amount(t, total, ColumnId::Total), e.income(s), "{id} 合计");
        ensure_eq!(
            amount(t, total, ColumnId::BasicSubtotal),
            e.basic(s),
            "{id} 基本"
        );
        ensure_eq!(
            amount(t, total, ColumnId::Personnel),
            get(&e.personnel, s),
            "{id} 人员"
        );
        ensure_eq!(
            amount(t, total, ColumnId::Public),
            get(&e.public, s),
            "{id} 公用"
        );
        ensure_eq!(
            amount(t, total, ColumnId::Project),
            get(&e.project, s),
            "{id} 项目"
        );
    }

    // 收支总体情况表: the income lines by source, the totals, the 类 lines.
    let t = c.document.table(TableId::Overview);
    let lines = [
        ("一般公共预算拨款收入", Source::GeneralPublic),
        ("政府性基金预算拨款收入", Source::GovernmentFund),
        ("国有资本经营预算拨款收入", Source::StateCapital),
        ("财政专户管理资金收入", Source::SpecialAccount),
        ("事业收入", Source::Business),
        ("事业单位经营收入", Source::Operating),
        ("上级补助收入", Source::Superior),
        ("附属单位上缴收入", Source::Affiliated),
        ("其他收入", Source::Other),
    ];
    for (name, s) in lines {
        let rows: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| r.level == RowLevel::Class)
            .filter(|r| text_of(t, r, ColumnId::IncomeItem).ends_with(&format!("、{name}")))
            .collect();
        ensure_eq!(rows.len(), 1, "overview: the line {name}");
        ensure_eq!(
            amount(t, rows[0], ColumnId::IncomeAmount),
            e.income(s),
            "overview {name}"
        );
    }
    let named = |name: &str| {
        t.rows
            .iter()
            .find(|r| r.level == RowLevel::Total && r.name == name)
    };
    let current = e.total() - e.income(Source::NonFiscalBalance) - e.income(Source::Carryover);
    for (name, income, spending) in [
        ("本年支出合计", current, Some(e.total())),
        (
            "使用非财政拨款结余",
            e.income(Source::NonFiscalBalance),
            None,
        ),
        ("结转下年", e.income(Source::Carryover), None),
        ("支出总计", e.total(), Some(e.total())),
    ] {
        let r = named(name).ok_or(format!("overview: no row {name}"))?;
        ensure_eq!(
            amount(t, r, ColumnId::IncomeAmount),
            income,
            "overview {name} income"
        );
        if let Some(d) = spending {
            ensure_eq!(
                amount(t, r, ColumnId::ExpenditureAmount),
                d,
                "overview {name} spending"
            );
        }
    }
    let mut classes: BTreeMap<String, Decimal> = BTreeMap::new();
    for ((class, _), d) in &e.by_class {
        *classes.entry(class.clone()).or_default() += *d;
    }
    for r in t.rows.iter().filter(|r| r.level == RowLevel::Class) {
        if let Some(code) = &r.code {
            let want = classes.get(code).copied().unwrap_or_default();
            ensure_eq!(
                amount(t, r, ColumnId::ExpenditureAmount),
                want,
                "overview 类 {code}"
            );
        }
    }
    Ok(())
}

fn fiscal_totals_hold(c: &budc::Compiled, e: &Expected) -> Result<(), String> {
    let fiscal = e.fiscal();
    let gp = e.income(Source::GeneralPublic);
    let (fund, sc) = (
        e.income(Source::GovernmentFund),
        e.income(Source::StateCapital),
    );
    ensure_eq!(fiscal, gp + fund + sc, "expected fiscal");
    // 收入总体情况表: every row.
    let t = c.document.table(TableId::Income);
    for r in &t.rows {
        let a = |col| amount(t, r, col);
        ensure_eq!(
            a(ColumnId::FiscalSubtotal),
            a(ColumnId::General) + a(ColumnId::Fund) + a(ColumnId::StateCapital),
            "income {:?} 财政拨款",
            r.code
        );
    }
    ensure_eq!(
        amount(t, total_row(t), ColumnId::FiscalSubtotal),
        fiscal,
        "income 合计 财政拨款"
    );
    // 财政拨款收支总体情况表.
    let t = c.document.table(TableId::FiscalOverview);
    for r in &t.rows {
        let a = |col| amount(t, r, col);
        ensure_eq!(
            a(ColumnId::Total),
            a(ColumnId::General) + a(ColumnId::Fund) + a(ColumnId::StateCapital),
            "fiscal_overview {:?} {}",
            r.code,
            r.name
        );
    }
    for name in ["本年支出合计", "支出总计"] {
        let r = t
            .rows
            .iter()
            .find(|r| r.level == RowLevel::Total && r.name == name)
            .ok_or(format!("fiscal_overview: no row {name}"))?;
        let a = |col| amount(t, r, col);
        ensure_eq!(
            a(ColumnId::IncomeAmount),
            fiscal,
            "fiscal_overview {name} income"
        );
        ensure_eq!(a(ColumnId::Total), fiscal, "fiscal_overview {name}");
        ensure_eq!(a(ColumnId::General), gp, "fiscal_overview {name} general");
        ensure_eq!(a(ColumnId::Fund), fund, "fiscal_overview {name} fund");
        ensure_eq!(
            a(ColumnId::StateCapital),
            sc,
            "fiscal_overview {name} state capital"
        );
    }
    for (name, s) in [
        ("一般公共预算收入", Source::GeneralPublic),
        ("政府性基金预算收入", Source::GovernmentFund),
        ("国有资本经营预算收入", Source::StateCapital),
    ] {
        let r = t
            .rows
            .iter()
            .find(|r| text_of(t, r, ColumnId::IncomeItem).ends_with(&format!("、{name}")))
            .ok_or(format!("fiscal_overview: no line {name}"))?;
        ensure_eq!(
            amount(t, r, ColumnId::IncomeAmount),
            e.income(s),
            "fiscal_overview {name}"
        );
    }
    // 一般公共预算支出情况表 合计 = the 一般公共预算 spending.
    let t = c.document.table(TableId::GeneralExpenditure);
    ensure_eq!(
        amount(t, total_row(t), ColumnId::Total),
        gp,
        "general_expenditure 合计"
    );
    // The tables of source columns: every row adds up; the totals and the project rows by source.
    for id in [
        TableId::BasicExpenditure,
        TableId::ProjectExpenditure,
        TableId::Procurement,
    ] {
        source_columns_add_up(c.document.table(id))?;
    }
    let basic: BTreeMap<Source, Decimal> = Source::ALL.iter().map(|s| (*s, e.basic(*s))).collect();
    let t = c.document.table(TableId::BasicExpenditure);
    for (col, d) in source_column_values(&basic) {
        ensure_eq!(
            amount(t, total_row(t), col),
            d,
            "basic_expenditure 合计 {col}"
        );
    }
    let t = c.document.table(TableId::ProjectExpenditure);
    for (col, d) in source_column_values(&e.project) {
        ensure_eq!(
            amount(t, total_row(t), col),
            d,
            "project_expenditure 合计 {col}"
        );
    }
    let rows: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| r.level == RowLevel::Project)
        .collect();
    ensure_eq!(rows.len(), e.projects.len(), "project rows");
    for (n, (r, m)) in rows.iter().zip(&e.projects).enumerate() {
        ensure_eq!(
            r.code.as_deref(),
            Some(format!("P{n:04}").as_str()),
            "project row {n}"
        );
        for (col, d) in source_column_values(m) {
            ensure_eq!(amount(t, r, col), d, "project_expenditure P{n:04} {col}");
        }
    }
    let t = c.document.table(TableId::Procurement);
    for (col, d) in source_column_values(&e.procurement) {
        ensure_eq!(amount(t, total_row(t), col), d, "procurement 合计 {col}");
    }
    let project_fiscal: Decimal = e
        .project
        .iter()
        .filter(|(s, _)| s.is_fiscal())
        .map(|(_, d)| *d)
        .sum();
    ensure_eq!(
        c.document.figures.project_fiscal,
        project_fiscal,
        "project fiscal"
    );
    Ok(())
}

/// The side an economic row's government code says it is on: (机关 gov, 事业 gov) by code.
fn gov_codes(code: &str) -> Option<(&'static str, &'static str)> {
    ECON.iter()
        .map(|(c, a, i)| (*c, *a, *i))
        .chain(ECON_CLASSES.iter().map(|(c, a, i)| (*c, *a, *i)))
        .find(|(c, _, _)| *c == code)
        .map(|(_, a, i)| (a, i))
}

fn mapping_follows_the_kind(c: &budc::Compiled, d: &Dept) -> Result<(), String> {
    for (id, general_only) in [
        (TableId::BasicExpenditure, false),
        (TableId::GeneralBasicEconomic, true),
    ] {
        let t = c.document.table(id);
        // Σ rows of (部门 code, 政府 code) against Σ lines on that code of the units whose side
        // maps it there.
        let mut rows: BTreeMap<(String, String), BTreeMap<ColumnId, Decimal>> = BTreeMap::new();
        for r in t.rows.iter().filter(|r| r.level != RowLevel::Total) {
            let code = r
                .code
                .clone()
                .ok_or(format!("{id}: a row without a code"))?;
            let gov_class = text_of(t, r, ColumnId::GovClass);
            let gov = format!("{gov_class}{}", text_of(t, r, ColumnId::GovSection));
            // The side is the kind's: 505/506 only for 事业 units, 501–504 only for 行政/参公.
            let (agency, institution) =
                gov_codes(&code).ok_or(format!("{id}: unexpected code {code}"))?;
            if gov != agency && gov != institution {
                return Err(format!(
                    "{id} {code}: 政府经济分类 {gov}, neither {agency} nor {institution}"
                ));
            }
            let class_ok = match gov_class {
                "501" | "502" | "503" | "504" => gov == agency,
                "505" | "506" => gov == institution,
                "509" => true,
                other => return Err(format!("{id} {code}: 政府经济分类 类 {other}")),
            };
            if !class_ok {
                return Err(format!("{id} {code}: {gov} on the wrong side"));
            }
            let slot = rows.entry((code, gov)).or_default();
            let cols: Vec<ColumnId> = if general_only {
                vec![ColumnId::Subtotal, ColumnId::Personnel, ColumnId::Public]
            } else {
                source_column_values(&BTreeMap::new())
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect()
            };
            for col in cols {
                *slot.entry(col).or_default() += amount(t, r, col);
            }
        }
        let mut expected: BTreeMap<(String, String), BTreeMap<Source, Decimal>> = BTreeMap::new();
        for l in &d.basic {
            if general_only && l.source != Source::GeneralPublic {
                continue;
            }
            let econ = ECON[l.econ].0;
            for code in [&econ[..3], econ] {
                let (agency, institution) = gov_codes(code).unwrap();
                let gov = match d.side_of(l.unit) {
                    Side::Agency => agency,
                    Side::Institution => institution,
                };
                *expected
                    .entry((code.to_string(), gov.to_string()))
                    .or_default()
                    .entry(l.source)
                    .or_default() += money(l.cents);
            }
        }
        let keys: BTreeSet<_> = rows.keys().chain(expected.keys()).cloned().collect();
        for key in keys {
            let got = rows.get(&key).cloned().unwrap_or_default();
            let want = expected.get(&key).cloned().unwrap_or_default();
            if general_only {
                let d: Decimal = want.values().copied().sum();
                let personnel = key.0.starts_with("301") || key.0.starts_with("303");
                ensure_eq!(
                    got.get(&ColumnId::Subtotal).copied().unwrap_or_default(),
                    d,
                    "{id} {key:?}"
                );
                let (p, q) = if personnel {
                    (d, Decimal::ZERO)
                } else {
                    (Decimal::ZERO, d)
                };
                ensure_eq!(
                    got.get(&ColumnId::Personnel).copied().unwrap_or_default(),
                    p,
                    "{id} {key:?} 人员"
                );
                ensure_eq!(
                    got.get(&ColumnId::Public).copied().unwrap_or_default(),
                    q,
                    "{id} {key:?} 公用"
                );
            } else {
                for (col, d) in source_column_values(&want) {
                    ensure_eq!(
                        got.get(&col).copied().unwrap_or_default(),
                        d,
                        "{id} {key:?} {col}"
                    );
                }
            }
        }
    }
    // The JSON: each basic line's government code is the mapping on its unit's side.
    let v: Value = serde_json::from_str(&c.to_json()).map_err(|e| e.to_string())?;
    let lines = v["basic_expenditure"]
        .as_array()
        .ok_or("no basic_expenditure")?;
    ensure_eq!(lines.len(), d.basic.len(), "JSON basic lines");
    // The lines stand in the model in source order: by block (unit), then as written.
    for (j, (b, l)) in c.budget.basic.iter().zip(lines).enumerate() {
        let side = c.budget.kind_of(b.unit.as_deref()).side();
        let econ = b.econ.as_ref().ok_or("a pair line")?;
        let want = c.catalog.gov_code(&econ.code, side);
        ensure_eq!(l["gov_bgt_eco_code"].as_str(), want, "JSON basic line {j}");
        let (agency, institution) = gov_codes(&econ.code).unwrap();
        let mine = match side {
            Side::Agency => agency,
            Side::Institution => institution,
        };
        ensure_eq!(
            want,
            Some(mine),
            "catalog mapping of {} ({side:?})",
            econ.code
        );
    }
    Ok(())
}

fn operating_cost_covers_agencies(
    c: &budc::Compiled,
    d: &Dept,
    e: &Expected,
) -> Result<(), String> {
    let f = &c.document.figures;
    ensure_eq!(f.operating_cost, e.operating_cost, "机关运行经费");
    let any_agency = c.budget.unit_kinds().iter().any(|k| k.has_operating_cost());
    ensure_eq!(
        f.operating_cost.is_some(),
        any_agency,
        "机关运行经费 applicable"
    );
    ensure_eq!(
        c.budget.has_operating_cost(c.catalog.rules()),
        e.operating_cost.is_some(),
        "has_operating_cost"
    );
    // Not applicable exactly when no unit of the department is 行政 or 参公.
    let kinds = d.unit_kinds();
    let no_agency = kinds.iter().all(|k| *k == UnitKind::Institution);
    ensure_eq!(
        f.operating_cost.is_none(),
        no_agency,
        "机关运行经费 None ⇔ no 行政/参公 unit ({kinds:?})"
    );
    Ok(())
}

fn json_round_trips(c: &budc::Compiled, d: &Dept, e: &Expected) -> Result<(), String> {
    let json = c.to_json();
    let v: Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let again = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n";
    if again != json {
        return Err("the JSON does not re-serialise to the same bytes".into());
    }
    let dec = |x: &Value, what: &str| -> Result<Decimal, String> {
        let s = x.as_str().ok_or(format!("{what}: not a string: {x}"))?;
        let (_, frac) = s.split_once('.').ok_or(format!("{what}: {s}"))?;
        if frac.len() != 2 {
            return Err(format!("{what}: {s} has not two decimals"));
        }
        s.parse::<Decimal>()
            .map_err(|e| format!("{what}: {s}: {e}"))
    };
    let source_name = |s: Source| serde_json::to_value(s).unwrap();
    // income: the sources that pay for something, in source order.
    let income = v["income"].as_array().ok_or("no income")?;
    let want: Vec<Source> = Source::ALL
        .into_iter()
        .filter(|s| !e.income(*s).is_zero())
        .collect();
    ensure_eq!(income.len(), want.len(), "JSON income sources");
    for (x, s) in income.iter().zip(want) {
        ensure_eq!(x["source"], source_name(s), "JSON income source");
        ensure_eq!(
            dec(&x["amount"], "income")?,
            e.income(s),
            "JSON income {s:?}"
        );
    }
    let f = &v["figures"];
    let personnel: Decimal = e.personnel.values().copied().sum();
    for (key, want) in [
        ("income_total", e.total()),
        ("expenditure_total", e.total()),
        ("basic", e.basic_total()),
        ("project", e.project_total()),
        ("personnel", personnel),
        ("public", e.basic_total() - personnel),
        ("three_public_total", e.three_public),
        ("procurement_total", e.procurement_total()),
    ] {
        ensure_eq!(dec(&f[key], key)?, want, "JSON figures.{key}");
    }
    match e.operating_cost {
        Some(want) => ensure_eq!(
            dec(&f["operating_cost"], "operating_cost")?,
            want,
            "JSON operating_cost"
        ),
        None => ensure_eq!(f["operating_cost"], Value::Null, "JSON operating_cost"),
    }
    ensure_eq!(
        f["operating_cost_applicable"],
        Value::Bool(e.operating_cost.is_some()),
        "JSON applicable"
    );
    // Basic lines: as written, with their unit and source.
    let lines = v["basic_expenditure"]
        .as_array()
        .ok_or("no basic_expenditure")?;
    ensure_eq!(lines.len(), d.basic.len(), "JSON basic lines");
    // `d.basic` holds each block's lines together, in the order the text writes them.
    for (j, (x, l)) in lines.iter().zip(&d.basic).enumerate() {
        ensure_eq!(
            x["sub_unit"].as_str(),
            l.unit.map(Dept::unit_id).as_deref(),
            "JSON basic {j} unit"
        );
        ensure_eq!(
            x["exp_func_code"].as_str(),
            Some(l.func),
            "JSON basic {j} func"
        );
        ensure_eq!(
            x["dep_bgt_eco_code"].as_str(),
            Some(ECON[l.econ].0),
            "JSON basic {j} econ"
        );
        ensure_eq!(x["source"], source_name(l.source), "JSON basic {j} source");
        ensure_eq!(
            dec(&x["amount"], "basic")?,
            money(l.cents),
            "JSON basic {j} amount"
        );
    }
    // Projects: amount and by source.
    let projects = v["projects"].as_array().ok_or("no projects")?;
    ensure_eq!(projects.len(), d.projects.len(), "JSON projects");
    for (n, (x, p)) in projects.iter().zip(&d.projects).enumerate() {
        ensure_eq!(dec(&x["amount"], "project")?, p.total(), "JSON project {n}");
        let by: Vec<(Value, Decimal)> = x["by_source"]
            .as_array()
            .ok_or("no by_source")?
            .iter()
            .map(|y| Ok((y["source"].clone(), dec(&y["amount"], "by_source")?)))
            .collect::<Result<_, String>>()?;
        let want: Vec<(Value, Decimal)> = e.projects[n]
            .iter()
            .map(|(s, d)| (source_name(*s), *d))
            .collect();
        ensure_eq!(by, want, "JSON project {n} by source");
    }
    // Tables: every cell as the document holds it.
    let tables = v["tables"].as_array().ok_or("no tables")?;
    for (t, x) in c.document.tables().iter().zip(tables) {
        ensure_eq!(x["id"].as_str(), Some(t.id.as_str()), "JSON table id");
        let rows = x["rows"].as_array().ok_or("no rows")?;
        ensure_eq!(rows.len(), t.rows.len(), "JSON {} rows", t.id);
        for (r, y) in t.rows.iter().zip(rows) {
            for (col, cell) in t.columns.iter().zip(&r.cells) {
                let got = &y["values"][col.id.as_str()];
                match cell {
                    Cell::Empty => {
                        ensure_eq!(*got, Value::Null, "JSON {} {:?} {}", t.id, r.code, col.id)
                    }
                    Cell::Text(s) => ensure_eq!(
                        got.as_str(),
                        Some(s.as_str()),
                        "JSON {} {:?} {}",
                        t.id,
                        r.code,
                        col.id
                    ),
                    Cell::Amount(d) => ensure_eq!(
                        dec(got, "cell")?,
                        *d,
                        "JSON {} {:?} {}",
                        t.id,
                        r.code,
                        col.id
                    ),
                }
            }
        }
    }
    Ok(())
}

fn compile(d: &Dept) -> (String, budc::Compiled, Expected) {
    let e = Expected::of(d);
    let text = d.text(&e);
    let c = budc::compile(SourceFile::new("dept.bud", text.clone()), None);
    (text, c, e)
}

fn errors(c: &budc::Compiled) -> Vec<String> {
    c.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message.zh))
        .collect()
}

fn departments() -> impl Strategy<Value = Dept> {
    (
        any::<bool>(),
        proptest::option::of(0usize..3),
        proptest::collection::vec(proptest::option::of(0usize..3), 0..=4),
        proptest::collection::vec(raw_block(), 5),
        proptest::collection::vec(raw_project(), 0..5),
        proptest::collection::vec(any::<bool>(), 11),
        any::<bool>(),
        0u8..3,
    )
        .prop_map(
            |(yuan, kind, subs, blocks, projects, income, assertions, style)| {
                dept(
                    yuan, kind, subs, blocks, projects, income, assertions, style,
                )
            },
        )
}

/// Runs a check on a generated department, with the source text on failure.
fn run(
    d: &Dept,
    check: impl Fn(&budc::Compiled, &Dept, &Expected) -> Result<(), String>,
) -> Result<(), TestCaseError> {
    let (text, c, e) = compile(d);
    let errors = errors(&c);
    prop_assert!(errors.is_empty(), "{errors:#?}\n{text}");
    check(&c, d, &e).map_err(|m| TestCaseError::fail(format!("{m}\n{text}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn income_per_source_equals_spending_per_source(d in departments()) {
        run(&d, |c, _, e| income_equals_spending(c, e))?;
    }

    #[test]
    fn fiscal_totals_are_general_fund_and_state_capital(d in departments()) {
        run(&d, |c, _, e| fiscal_totals_hold(c, e))?;
    }

    #[test]
    fn the_economic_mapping_follows_the_unit_kind(d in departments()) {
        run(&d, |c, d, _| mapping_follows_the_kind(c, d))?;
    }

    #[test]
    fn operating_cost_covers_only_agencies(d in departments()) {
        run(&d, operating_cost_covers_agencies)?;
    }

    #[test]
    fn the_json_round_trips_with_the_figures(d in departments()) {
        run(&d, json_round_trips)?;
    }
}

/// Found by `fiscal_totals_are_general_fund_and_state_capital`: 项目支出预算情况表 and
/// 政府采购预算情况表 had no 国有资本经营预算 column, so a project paid from it counted in
/// 财政拨款 小计 and in no fund column (小计 ≠ 一般公共预算 + 政府性基金预算).
#[test]
fn state_capital_projects_have_their_column() {
    let text = [
        "部门 测试部门",
        "年度 2024",
        "金额单位 万元",
        "科目版本 2024",
        "项目 P0000 项目0",
        "  类型 特定目标类",
        "  资金 国有资本经营",
        "  支出 2230105 100.00",
        "  支出 2013202 一般公共预算 20.00",
        "  采购 服务 2230105 60.00",
        "  采购 货物 2013202 5.00",
        "  目标 完成任务。",
        "  指标 产出指标 数量指标 | 场次 | 2场 | 工作成效",
        "  指标 效益指标 社会效益指标 | 效果 | 提升 | 工作成效",
        "  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查",
    ]
    .join("\n");
    let c = budc::compile(SourceFile::new("p.bud", text), None);
    assert!(errors(&c).is_empty(), "{:?}", errors(&c));
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    for (id, state_capital, general) in [
        (TableId::ProjectExpenditure, d("100.00"), d("20.00")),
        (TableId::Procurement, d("60.00"), d("5.00")),
    ] {
        let t = c.document.table(id);
        let total = total_row(t);
        assert_eq!(t.amount(total, ColumnId::StateCapital), Some(state_capital));
        assert_eq!(t.amount(total, ColumnId::General), Some(general));
        assert_eq!(
            t.amount(total, ColumnId::FiscalSubtotal),
            Some(state_capital + general)
        );
        source_columns_add_up(t).unwrap();
    }
    // Without 国有资本经营 money the tables keep the template's columns.
    let example = include_str!("../examples/liaocheng-2024.bud");
    let c = budc::compile(SourceFile::new("liaocheng-2024.bud", example), None);
    for id in [TableId::ProjectExpenditure, TableId::Procurement] {
        assert_eq!(c.document.table(id).column(ColumnId::StateCapital), None);
    }
}
