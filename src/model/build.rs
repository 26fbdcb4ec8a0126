//! Lowering: syntax tree → budget model. Resolves blocks (indentation), keywords (sources,
//! units, kinds) and amounts; checks codes against the catalog. Never stops at the first problem.

use super::catalog::{Catalog, Classification};
// Kept here for the callers that knew it here.
pub use super::catalog::normalize_name;
use super::*;
use crate::diag::{Diagnostic, Text};
use crate::syntax::ast::{self, Amount, CodeRef, Stmt, Word};
use crate::syntax::{BlockKind, Kind};
use crate::t;
use crate::value::{IndicatorValue, ValueKind};

/// The block an indented line belongs to, with the index of what it fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    None,
    Duties,
    Organization,
    Reason(usize),
    Glossary(usize),
    Basic,
    Prior,
    Project(usize),
    Assets,
    /// Under a line that did not parse: its members are skipped without further messages.
    Invalid,
}

impl Block {
    /// The block's row in the statement table.
    fn kind(self) -> Option<BlockKind> {
        Some(match self {
            Block::Duties => BlockKind::Duties,
            Block::Organization => BlockKind::Organization,
            Block::Reason(_) => BlockKind::Reason,
            Block::Glossary(_) => BlockKind::Glossary,
            Block::Basic => BlockKind::Basic,
            Block::Prior => BlockKind::Prior,
            Block::Project(_) => BlockKind::Project,
            Block::Assets => BlockKind::Assets,
            Block::None | Block::Invalid => return None,
        })
    }

    fn describe(self) -> &'static str {
        match (self, self.kind()) {
            (_, Some(kind)) => kind.keyword(),
            (Block::Invalid, None) => "无法识别的行",
            _ => "顶层",
        }
    }
}

/// Builds the budget from the syntax tree, checking codes against `catalog`.
///
/// The lines are consumed one by one, their strings moved into the budget: `lines` can be the
/// parser's stream, so the whole syntax tree never needs to be held.
pub fn build(
    lines: impl IntoIterator<Item = ast::Line>,
    catalog: &Catalog,
) -> (Budget, Vec<Diagnostic>) {
    let mut b = Builder {
        budget: Budget::default(),
        diags: Vec::new(),
        catalog,
        block: Block::None,
    };
    for line in lines {
        b.line(line);
    }
    b.finish();
    (b.budget, b.diags)
}

struct Builder<'a> {
    budget: Budget,
    diags: Vec<Diagnostic>,
    catalog: &'a Catalog,
    block: Block,
}

/// Whether a statement may stand at the top level (the statement table says).
fn top_level(stmt: &Stmt) -> bool {
    stmt.kind().is_some_and(Kind::top_level)
}

/// Whether a statement may be a member of a block (the statement table says).
fn member_of(stmt: &Stmt, block: Block) -> bool {
    match (stmt.kind(), block.kind()) {
        (Some(stmt), Some(block)) => stmt.member_of(block),
        _ => false,
    }
}

/// Sets a fact that is stated once. A second statement keeps the first value (the one the
/// catalog and the unit were chosen by) and returns the span of the first, for E0102.
fn first<T>(slot: &mut Option<Spanned<T>>, new: Spanned<T>) -> Option<Span> {
    match slot {
        Some(prev) => Some(prev.span),
        None => {
            *slot = Some(new);
            None
        }
    }
}

/// Moves a word out of the statement (which is dropped after building).
fn spanned(w: &mut Word) -> Spanned<String> {
    Spanned::new(std::mem::take(&mut w.value), w.span)
}

fn money(a: &Amount) -> Money {
    Spanned::new(a.value, a.span)
}

impl Builder<'_> {
    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn line(&mut self, mut line: ast::Line) {
        let span = line.span;
        let stmt = &mut line.stmt;
        if let Stmt::Invalid = stmt {
            if !line.indented {
                self.block = Block::Invalid;
            }
            return;
        }
        if line.indented && self.block == Block::Invalid {
            return;
        }
        if line.indented && member_of(stmt, self.block) {
            return self.member(stmt, span);
        }
        if !line.indented && top_level(stmt) {
            self.block = Block::None;
            return self.top(stmt, span);
        }
        let block = self.block.describe();
        let home = stmt.kind().map(Kind::home).unwrap_or_default();
        let (message, help) = if line.indented && top_level(stmt) {
            (
                t!("这一行缩进了，但不属于上面的“{block}”块", "this line is indented but does not belong to the “{block}” block above"),
                t!("顶层语句写在行首：去掉行首的空格。", "top-level statements start at the beginning of the line: remove the leading spaces."),
            )
        } else if line.indented {
            (
                t!(
                    "这一行不能写在“{block}”块中",
                    "this line cannot stand in a “{block}” block"
                ),
                t!(
                    "这种语句属于“{home}”块：把它移到相应的块下面。",
                    "this statement belongs in a “{home}” block: move it under one."
                ),
            )
        } else {
            (
                t!("这一行应当缩进，写在它所属的块下面", "this line must be indented under the block it belongs to"),
                t!("这种语句属于“{home}”块：行首加两个空格，放在块的下面。", "this statement belongs in a “{home}” block: indent it by two spaces under one."),
            )
        };
        self.err(
            Diagnostic::new("E0101", message)
                .at(span, t!("位置不对", "misplaced"))
                .with_help(help),
        );
    }

    fn top(&mut self, stmt: &mut Stmt, span: Span) {
        let b = &mut self.budget;
        match stmt {
            Stmt::Department(w) => {
                let prev = first(&mut b.department, spanned(w));
                self.once("部门", prev, w.span);
            }
            Stmt::Year(w) => {
                let year = w.value.parse::<u16>().unwrap_or(0);
                let prev = first(&mut b.year, Spanned::new(year, w.span));
                self.once("年度", prev, w.span);
            }
            Stmt::MoneyUnit(w) => match MoneyUnit::parse(&w.value) {
                Some(u) => {
                    let prev = first(&mut b.unit, Spanned::new(u, w.span));
                    self.once("金额单位", prev, w.span);
                }
                None => self.unknown_word(w, t!("金额单位", "money unit"), &["万元", "元"]),
            },
            Stmt::CatalogYear(w) => {
                let prev = first(&mut b.catalog_year, spanned(w));
                self.once("科目版本", prev, w.span);
            }
            Stmt::SubUnit { id, name, kind } => {
                if let Some(k) = kind {
                    if !["行政", "参公", "事业"].contains(&k.value.as_str()) {
                        self.unknown_word(
                            k,
                            t!("单位类型", "unit kind"),
                            &["行政", "参公", "事业"],
                        );
                    }
                }
                if let Some(prev) = self
                    .budget
                    .sub_units
                    .iter()
                    .find(|u| u.id.value == id.value)
                {
                    let first = prev.id.span;
                    let name = &id.value;
                    self.err(
                        Diagnostic::new(
                            "E0102",
                            t!(
                                "二级单位“{name}”重复定义",
                                "sub-unit “{name}” is defined twice"
                            ),
                        )
                        .at(id.span, t!("又定义了一次", "defined again"))
                        .also(first, t!("第一次定义在这里", "first defined here"))
                        .with_help(t!(
                            "每个二级单位只写一行；简称不能重复。",
                            "one line per sub-unit; ids must be unique."
                        )),
                    );
                }
                self.budget.sub_units.push(SubUnit {
                    id: spanned(id),
                    name: spanned(name),
                    kind: kind.take(),
                });
            }
            Stmt::DutiesBlock => self.block = Block::Duties,
            Stmt::OrganizationBlock => self.block = Block::Organization,
            Stmt::ReasonBlock(w) => {
                b.reasons.push(Reason {
                    figure: spanned(w),
                    paragraphs: Vec::new(),
                });
                self.block = Block::Reason(b.reasons.len() - 1);
            }
            Stmt::GlossaryBlock(w) => {
                b.glossary.push(GlossaryEntry {
                    term: spanned(w),
                    paragraphs: Vec::new(),
                });
                self.block = Block::Glossary(b.glossary.len() - 1);
            }
            Stmt::BasicBlock => self.block = Block::Basic,
            Stmt::PriorBlock => self.block = Block::Prior,
            Stmt::AssetsBlock(date) => {
                if let Some(first) = b.assets.as_ref().map(|a| a.span) {
                    self.err(
                        Diagnostic::new("E0102", t!("“资产”块重复", "a second “资产” block"))
                            .at(span, t!("又写了一次", "stated again"))
                            .also(first, t!("第一次在这里", "first here"))
                            .with_help(t!(
                                "把资产情况写在一个“资产”块里。",
                                "state the assets in one “资产” block."
                            )),
                    );
                }
                self.budget.assets = Some(Assets {
                    as_of: date.take(),
                    span,
                    ..Assets::default()
                });
                self.block = Block::Assets;
            }
            Stmt::Project { code, name } => {
                b.projects.push(Project {
                    code: spanned(code),
                    name: spanned(name),
                    unit: None,
                    kind: None,
                    source: Source::GeneralPublic,
                    allocations: Vec::new(),
                    stated_amount: None,
                    economics: Vec::new(),
                    procurement: Vec::new(),
                    three_public: Vec::new(),
                    goal: None,
                    indicators: Vec::new(),
                    span,
                });
                self.block = Block::Project(b.projects.len() - 1);
            }
            Stmt::Income { source, amount } => {
                if let Some(src) = self.source(source) {
                    self.amount_ok(amount);
                    self.budget.income.push(Income {
                        source: src,
                        amount: money(amount),
                        span,
                    });
                }
            }
            Stmt::KeyEvaluation { count, amount } => {
                self.amount_ok(amount);
                self.budget.key_evaluation = Some((count.clone(), money(amount)));
            }
            Stmt::Assertion { figure, value } => {
                let (value, amount) = match value {
                    ast::AssertValue::Amount(a, raw) => {
                        self.amount_ok(a);
                        (spanned(raw), Some(money(a)))
                    }
                    ast::AssertValue::Text(w) => (spanned(w), None),
                };
                self.budget.assertions.push(Assertion {
                    figure: std::mem::take(figure),
                    value,
                    amount,
                    span,
                });
            }
            _ => {}
        }
    }

    fn member(&mut self, stmt: &mut Stmt, span: Span) {
        match (self.block, &mut *stmt) {
            (Block::Duties, Stmt::Paragraph(p)) => self.budget.duties.push(spanned(p)),
            (Block::Organization, Stmt::Paragraph(p)) => self.budget.organization.push(spanned(p)),
            (Block::Reason(i), Stmt::Paragraph(p)) => {
                if let Some(r) = self.budget.reasons.get_mut(i) {
                    r.paragraphs.push(spanned(p));
                }
            }
            (Block::Glossary(i), Stmt::Paragraph(p)) => {
                if let Some(g) = self.budget.glossary.get_mut(i) {
                    g.paragraphs.push(spanned(p));
                }
            }
            (Block::Assets, _) => self.asset(stmt),
            (
                Block::Basic,
                Stmt::BasicLine {
                    func,
                    econ,
                    source,
                    amount,
                },
            ) => {
                // One word after the economic code: a source keyword, or else the code's name.
                let (econ, source) = match (&econ.name, source.as_ref()) {
                    (None, Some(w)) if Source::parse(&w.value).is_none() => {
                        let named = CodeRef {
                            code: econ.code.clone(),
                            name: Some(w.clone()),
                        };
                        (named, None)
                    }
                    _ => (econ.clone(), source.clone()),
                };
                let func = self.code(func, Classification::Functional, 7);
                let econ = self.code(&econ, Classification::EconomicDept, 5);
                let source = match &source {
                    Some(w) => self.source(w),
                    None => Some(Source::GeneralPublic),
                };
                self.amount_ok(amount);
                if let Some(source) = source {
                    self.budget.basic.push(BasicLine {
                        func,
                        econ,
                        source,
                        amount: money(amount),
                        span,
                    });
                }
            }
            (Block::Basic, Stmt::Procurement { kind, func, amount }) => {
                let Some(func) = func else {
                    return self.err(
                        Diagnostic::new(
                            "E0208",
                            t!(
                                "基本支出中的采购行须写明功能分类科目",
                                "procurement in 基本支出 must name its functional code"
                            ),
                        )
                        .at(span, t!("不知道算在哪个科目", "which code?"))
                        .with_help(t!(
                            "写成 “采购 <货物|工程|服务> <功能分类项> <金额>”。",
                            "write “采购 <货物|工程|服务> <functional code> <amount>”."
                        )),
                    );
                };
                let cref = CodeRef {
                    code: func.clone(),
                    name: None,
                };
                let func = self.code(&cref, Classification::Functional, 7);
                if let Some(p) = self.procurement(kind, Some(func), amount, span) {
                    self.budget.basic_procurement.push(p);
                }
            }
            (Block::Prior, _) => self.prior(stmt, span),
            (Block::Project(i), _) => self.project(i, stmt, span),
            _ => {}
        }
    }

    fn asset(&mut self, stmt: &mut Stmt) {
        let Some(assets) = self.budget.assets.as_mut() else {
            return;
        };
        match stmt {
            Stmt::Vehicles { kind, count } => assets.vehicles.push((spanned(kind), count.clone())),
            Stmt::Equipment(c) => assets.equipment = Some(c.clone()),
            Stmt::EquipmentPurchase(c) => assets.equipment_purchase = Some(c.clone()),
            Stmt::Paragraph(p) => assets.notes.push(spanned(p)),
            _ => {}
        }
    }

    fn prior(&mut self, stmt: &mut Stmt, span: Span) {
        match stmt {
            Stmt::PriorFigure { name, amount } => {
                self.amount_ok(amount);
                let prior = &mut self.budget.prior;
                let slot = match name.value.as_str() {
                    "收支" => &mut prior.total,
                    "基本支出" => &mut prior.basic,
                    "项目支出" => &mut prior.project,
                    _ => &mut prior.operating_cost,
                };
                let prev = first(slot, money(amount));
                self.once(&name.value, prev, name.span);
            }
            Stmt::Income { source, amount } => {
                if let Some(src) = self.source(source) {
                    self.amount_ok(amount);
                    self.budget.prior.income.push(Income {
                        source: src,
                        amount: money(amount),
                        span,
                    });
                }
            }
            Stmt::ThreePublic { kind, amount } => {
                if let Some(k) = self.three_public_kind(kind) {
                    self.amount_ok(amount);
                    let first = self
                        .budget
                        .prior
                        .three_public
                        .iter()
                        .find(|(x, _)| *x == k)
                        .map(|(_, m)| m.span);
                    match first {
                        Some(f) => self.once(k.name(), Some(f), kind.span),
                        None => self.budget.prior.three_public.push((k, money(amount))),
                    }
                }
            }
            _ => {}
        }
    }

    fn project(&mut self, i: usize, stmt: &mut Stmt, span: Span) {
        match stmt {
            Stmt::Allocation { func, amount } => {
                let code = self.code(func, Classification::Functional, 7);
                self.amount_ok(amount);
                let twice = self.budget.projects.get(i).and_then(|p| {
                    p.allocations
                        .iter()
                        .find(|a| a.code.code == code.code)
                        .map(|a| a.span)
                });
                if let Some(first) = twice {
                    let c = &code.code;
                    return self.err(
                        Diagnostic::new(
                            "E0102",
                            t!(
                                "项目中科目 {c} 写了两次",
                                "code {c} appears twice in the project"
                            ),
                        )
                        .at(code.span, t!("又写了一次", "again"))
                        .also(first, t!("第一次在这里", "first here"))
                        .with_help(t!(
                            "每个功能科目一行：把两行的金额合成一行。",
                            "one line per functional code: add the two amounts into one line."
                        )),
                    );
                }
                self.with_project(i, |p| {
                    p.allocations.push(Allocation {
                        code,
                        amount: money(amount),
                        span,
                    })
                });
            }
            Stmt::Economic { econ, amount } => {
                let code = self.code(econ, Classification::EconomicDept, 5);
                self.amount_ok(amount);
                self.with_project(i, |p| {
                    p.economics.push(Allocation {
                        code,
                        amount: money(amount),
                        span,
                    })
                });
            }
            Stmt::Procurement { kind, func, amount } => {
                let func = func.as_ref().map(|f| {
                    let cref = CodeRef {
                        code: f.clone(),
                        name: None,
                    };
                    self.code(&cref, Classification::Functional, 7)
                });
                if let Some(proc) = self.procurement(kind, func, amount, span) {
                    self.with_project(i, |p| p.procurement.push(proc));
                }
            }
            Stmt::ThreePublic { kind, amount } => {
                if let Some(k) = self.three_public_kind(kind) {
                    self.amount_ok(amount);
                    self.with_project(i, |p| p.three_public.push((k, money(amount))));
                }
            }
            Stmt::ProjectSource(w) => {
                if let Some(src) = self.source(w) {
                    self.with_project(i, |p| p.source = src);
                }
            }
            Stmt::ProjectUnit(w) => self.set_once(i, "单位", w, |p| &mut p.unit),
            Stmt::ProjectKind(w) => self.set_once(i, "类型", w, |p| &mut p.kind),
            Stmt::Goal(w) => self.set_once(i, "目标", w, |p| &mut p.goal),
            Stmt::ProjectAmount(a) => {
                self.amount_ok(a);
                let prev = self
                    .budget
                    .projects
                    .get_mut(i)
                    .and_then(|p| first(&mut p.stated_amount, money(a)));
                self.once("金额", prev, a.span);
            }
            Stmt::Indicator(ind) => self.with_project(i, |p| {
                p.indicators.push(Indicator {
                    level1: spanned(&mut ind.level1),
                    level2: spanned(&mut ind.level2),
                    name: spanned(&mut ind.name),
                    value: IndicatorValue {
                        text: spanned(&mut ind.value.text),
                        kind: std::mem::replace(&mut ind.value.kind, ValueKind::Empty),
                    },
                    criterion: spanned(&mut ind.criterion),
                    span,
                })
            }),
            _ => {}
        }
    }

    fn with_project(&mut self, i: usize, f: impl FnOnce(&mut Project)) {
        if let Some(p) = self.budget.projects.get_mut(i) {
            f(p);
        }
    }

    fn set_once(
        &mut self,
        i: usize,
        what: &str,
        w: &mut Word,
        slot: impl FnOnce(&mut Project) -> &mut Option<Spanned<String>>,
    ) {
        let prev = self
            .budget
            .projects
            .get_mut(i)
            .and_then(|p| first(slot(p), spanned(w)));
        self.once(what, prev, w.span);
    }

    /// Reports a fact stated twice.
    fn once(&mut self, what: &str, previous: Option<Span>, here: Span) {
        if let Some(first) = previous {
            self.err(
                Diagnostic::new("E0102", t!("“{what}”写了两次", "“{what}” is stated twice"))
                    .at(here, t!("第二次", "again"))
                    .also(first, t!("第一次在这里", "first here"))
                    .with_help(t!(
                        "每个事实只写一次：删掉其中一行。",
                        "state each fact once: delete one of the lines."
                    )),
            );
        }
    }

    fn unknown_word(&mut self, w: &Word, what: Text, choices: &[&str]) {
        let value = &w.value;
        let list = choices.join("、");
        let list_en = choices.join(", ");
        let (zh, en) = (&what.zh, &what.en);
        self.err(
            Diagnostic::new("E0104", t!("未知的{zh}“{value}”", "unknown {en} “{value}”"))
                .at(w.span, t!("不是{zh}", "not a {en}"))
                .with_help(t!("可用的{zh}：{list}", "the {en}s: {list_en}")),
        );
    }

    fn source(&mut self, w: &Word) -> Option<Source> {
        let s = Source::parse(&w.value);
        if s.is_none() {
            let all: Vec<&str> = Source::ALL.iter().map(|s| s.keyword()).collect();
            self.unknown_word(w, t!("资金来源", "funding source"), &all);
        }
        s
    }

    fn three_public_kind(&mut self, w: &Word) -> Option<ThreePublicKind> {
        let k = ThreePublicKind::parse(&w.value);
        if k.is_none() {
            let all: Vec<&str> = ThreePublicKind::ALL.iter().map(|k| k.name()).collect();
            self.unknown_word(w, t!("“三公”经费种类", "三公 kind"), &all);
        }
        k
    }

    fn procurement(
        &mut self,
        kind: &Word,
        func: Option<Code>,
        amount: &Amount,
        span: Span,
    ) -> Option<Procurement> {
        let Some(k) = ProcurementKind::parse(&kind.value) else {
            self.unknown_word(
                kind,
                t!("采购种类", "procurement kind"),
                &["货物", "工程", "服务"],
            );
            return None;
        };
        self.amount_ok(amount);
        Some(Procurement {
            kind: k,
            func,
            amount: money(amount),
            span,
        })
    }

    /// Checks an amount's precision and sign against the unit.
    fn amount_ok(&mut self, a: &Amount) {
        let unit = self.budget.unit().as_str();
        let precision = self.budget.unit().precision();
        let scale = a.scale;
        if scale > precision {
            self.err(
                Diagnostic::new(
                    "E0204",
                    t!("金额的小数位超过了金额单位（{unit}）允许的 {precision} 位", "the amount has more decimals than the unit ({unit}) allows ({precision})"),
                )
                .at(a.span, t!("{scale} 位小数", "{scale} decimals"))
                .with_help(t!(
                    "以{unit}为单位的金额最多写到 {precision} 位小数；请核对金额，或四舍五入后再写。",
                    "amounts in {unit} have at most {precision} decimals; check the amount, or round it."
                )),
            );
        }
        if a.value.is_sign_negative() && !a.value.is_zero() {
            self.err(
                Diagnostic::new("E0205", t!("金额不能为负数", "negative amount"))
                    .at(a.span, t!("负数", "negative"))
                    .with_help(t!(
                        "预算金额写正数；减少额由 budc 根据上年数计算。",
                        "budget amounts are positive; decreases are computed from the 上年 figures."
                    )),
            );
        }
    }

    /// Resolves a code: right length for its use, known to the catalog, name as written matches.
    fn code(&mut self, c: &CodeRef, class: Classification, want_len: usize) -> Code {
        let code = c.code.value.clone();
        let span = c.code.span;
        let (what_zh, what_en) = match class {
            Classification::Functional => ("支出功能分类", "functional"),
            Classification::EconomicDept => ("部门预算支出经济分类", "departmental economic"),
            Classification::EconomicGov => ("政府预算支出经济分类", "government economic"),
        };
        let level = match (class, want_len) {
            (Classification::Functional, 7) => "项",
            _ => "款",
        };
        let done = Code {
            code: code.clone(),
            span,
            written_name: c.name.clone(),
        };
        // Without a catalog (E0105 says so) there is nothing to look codes up in.
        if self.catalog.functional.is_empty() && self.catalog.economic_dept.is_empty() {
            return done;
        }
        if code.len() != want_len {
            let children = self.catalog.children(class, &code);
            let hint = suggestion_list(&children);
            self.err(
                Diagnostic::new("E0303", t!("{what_zh}编码“{code}”不是{level}级科目", "{what_en} code “{code}” is not a {level}-level code"))
                    .at(span, t!("应为 {want_len} 位的{level}级编码", "a {want_len}-digit {level} code belongs here"))
                    .with_help(if hint.is_empty() {
                        t!(
                            "支出只能落在{level}级科目上（{want_len} 位）；请写出具体的{level}级编码。",
                            "spending sits on {level}-level codes ({want_len} digits); write the specific code."
                        )
                    } else {
                        t!(
                            "支出只能落在{level}级科目上（{want_len} 位），例如：{hint}",
                            "spending sits on {level}-level codes ({want_len} digits), e.g. {hint}"
                        )
                    }),
            );
            return done;
        }
        if let Some(official) = self.catalog.name(class, &code) {
            let Some(written) = &c.name else { return done };
            if normalize_name(&written.value) == normalize_name(official) {
                return done;
            }
            let as_written = &written.value;
            let elsewhere = self.catalog.find_by_name(class, as_written, &code);
            let other = suggestion_list(&elsewhere);
            let help = if other.is_empty() {
                t!(
                    "改为“{official}”，或删去名称（budc 会自动查出）。",
                    "write “{official}”, or leave the name out (budc looks it up)."
                )
            } else {
                t!(
                    "改为“{official}”；若要的是“{as_written}”，编码应为 {other}。",
                    "write “{official}”; if “{as_written}” is meant, the code is {other}."
                )
            };
            self.err(
                Diagnostic::new(
                    "E0304",
                    t!(
                        "科目名称与编码不符：{code} 是“{official}”",
                        "name does not match the code: {code} is “{official}”"
                    ),
                )
                .at(
                    written.span,
                    t!("写作“{as_written}”", "written “{as_written}”"),
                )
                .with_help(help),
            );
            return done;
        }
        let mut near = c
            .name
            .as_ref()
            .map(|n| self.catalog.find_by_name(class, &n.value, &code))
            .unwrap_or_default();
        near.extend(self.catalog.nearest(class, &code));
        near.dedup();
        near.truncate(3);
        let hint = suggestion_list(&near);
        let year = &self.catalog.year;
        let (diag, help) = if self.catalog.branch_complete(class, &code) {
            (
                Diagnostic::new(
                    "E0301",
                    t!("{what_zh}中没有编码“{code}”", "no {what_en} code “{code}”"),
                )
                .at(span, t!("未知编码", "unknown code")),
                t!(
                    "{year} 年科目表的这一分支是完整的：请核对编码。",
                    "this branch of the {year} catalog is complete: check the code."
                ),
            )
        } else {
            (
                Diagnostic::new("W0302", t!("内置科目表中查不到{what_zh}编码“{code}”", "{what_en} code “{code}” is not in the built-in catalog"))
                    .at(span, t!("科目表中没有", "not in the catalog")),
                t!(
                    "可能是编码写错，也可能是内置科目表不全；可用 --catalog 指定完整的科目表。",
                    "either the code is wrong or the built-in catalog lacks it; --catalog takes a complete one."
                ),
            )
        };
        let help = if hint.is_empty() {
            help
        } else {
            let (hz, he) = (&help.zh, &help.en);
            t!("是不是要写 {hint}？{hz}", "did you mean {hint}? {he}")
        };
        self.err(diag.with_help(help));
        done
    }

    fn finish(&mut self) {
        let whole = Span::new(0, 0);
        for (what, missing) in [
            ("部门", self.budget.department.is_none()),
            ("年度", self.budget.year.is_none()),
            ("金额单位", self.budget.unit.is_none()),
        ] {
            if missing {
                let form = usage(what);
                self.err(
                    Diagnostic::new("E0103", t!("缺少“{what}”", "missing “{what}”"))
                        .at(whole, Text::default())
                        .with_help(t!(
                            "在文件开头写一行 “{form}”。",
                            "add the line “{form}” at the top."
                        )),
                );
            }
        }
        let kinds: Vec<Spanned<String>> = self
            .budget
            .projects
            .iter()
            .filter_map(|p| p.kind.clone())
            .filter(|k| !self.catalog.rules().project_kinds.contains(&k.value))
            .collect();
        for k in kinds {
            let value = &k.value;
            let list = self.catalog.rules().project_kinds.join("、");
            self.err(
                Diagnostic::new(
                    "E0311",
                    t!("未知的项目类型“{value}”", "unknown project type “{value}”"),
                )
                .at(k.span, t!("不是项目类型", "not a project type"))
                .with_help(t!("项目类型为 {list}。", "project types are {list}.")),
            );
        }
        let units: Vec<String> = self
            .budget
            .sub_units
            .iter()
            .map(|u| u.id.value.clone())
            .collect();
        let unknown: Vec<Spanned<String>> = self
            .budget
            .projects
            .iter()
            .filter_map(|p| p.unit.clone())
            .filter(|u| !units.contains(&u.value))
            .collect();
        for u in unknown {
            let choices: Vec<&str> = units.iter().map(String::as_str).collect();
            self.unknown_word(&u, t!("二级单位", "sub-unit"), &choices);
        }
    }
}

/// `2080110 劳动关系和维权、2080199 其他人力资源和社会保障管理事务支出`.
fn suggestion_list(codes: &[(String, String)]) -> String {
    codes
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join("、")
}

fn usage(what: &str) -> &'static str {
    match what {
        "部门" => "部门 <部门名称>",
        "年度" => "年度 2024",
        _ => "金额单位 万元",
    }
}
