//! Lowering: syntax tree → budget model, one statement at a time. Here: the blocks (which
//! statement may stand where comes from the statement table, `syntax::statements`) and the
//! top-level statements; the members of blocks are lowered in `members`, and the words and codes
//! are resolved (against the catalog, the unit, the lists of keywords) in `resolve`. Never stops
//! at the first problem.

use super::catalog::{Catalog, Classification};
use super::resolve;
// Kept here for the callers that knew it here.
pub use super::catalog::normalize_name;
use super::*;
use crate::diag::t;
use crate::diag::{Diagnostic, Label, Text};
use crate::syntax::ast::{self, Amount, CodeRef, Stmt, Word};
use crate::syntax::{BlockKind, Kind};
use std::collections::HashMap;

/// The block an indented line belongs to, with the index of what it fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    None,
    Duties,
    Organization,
    Reason(usize),
    Glossary(usize),
    Explanation(usize),
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
            Block::Explanation(_) => BlockKind::Explanation,
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
        basic_unit: None,
        unlisted: HashMap::new(),
    };
    for line in lines {
        b.line(line);
    }
    b.finish();
    (b.budget, b.diags)
}

pub(super) struct Builder<'a> {
    pub(super) budget: Budget,
    pub(super) diags: Vec<Diagnostic>,
    catalog: &'a Catalog,
    pub(super) block: Block,
    /// The sub-unit of the 基本支出 block being read.
    pub(super) basic_unit: Option<String>,
    /// The W0302 of each code not in the catalog, by its index in `diags`: a code used on
    /// several lines gets one warning, with a label on each line.
    unlisted: HashMap<(Classification, String), usize>,
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
pub(super) fn first<T>(slot: &mut Option<Spanned<T>>, new: Spanned<T>) -> Option<Span> {
    match slot {
        Some(prev) => Some(prev.span),
        None => {
            *slot = Some(new);
            None
        }
    }
}

/// Moves a word out of the statement (which is dropped after building).
pub(super) fn spanned(w: &mut Word) -> Spanned<String> {
    Spanned::new(std::mem::take(&mut w.value), w.span)
}

pub(super) fn money(a: &Amount) -> Money {
    Spanned::new(a.value, a.span)
}

impl Builder<'_> {
    pub(super) fn err(&mut self, d: Diagnostic) {
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
            Stmt::UnitKind(w) => {
                if let Some(k) = self.unit_kind(w) {
                    let prev = first(&mut self.budget.unit_kind, Spanned::new(k, w.span));
                    self.once("单位性质", prev, w.span);
                }
            }
            Stmt::SubUnit { id, name, kind } => {
                let kind = kind
                    .as_ref()
                    .and_then(|k| Some(Spanned::new(self.unit_kind(k)?, k.span)));
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
                    kind,
                });
            }
            Stmt::DutiesBlock => {
                b.duties_block.get_or_insert(span);
                self.block = Block::Duties;
            }
            Stmt::OrganizationBlock => {
                b.organization_block.get_or_insert(span);
                self.block = Block::Organization;
            }
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
            Stmt::ExplanationBlock(w) => {
                b.explanations.push(WrittenSection {
                    title: spanned(w),
                    paragraphs: Vec::new(),
                });
                self.block = Block::Explanation(b.explanations.len() - 1);
            }
            Stmt::BasicBlock(unit) => {
                let name = unit.as_ref().map(|u| u.value.clone());
                self.budget.basic_blocks.push((name, span));
                if let Some(u) = unit {
                    self.budget.basic_units.push(u.clone());
                }
                self.basic_unit = unit.take().map(|u| u.value);
                self.block = Block::Basic;
            }
            Stmt::Published => {
                let prev = b.published.replace(span);
                if let Some(prev) = prev {
                    b.published = Some(prev);
                }
                self.once("公开稿", prev, span);
            }
            Stmt::ProjectTotal { .. } | Stmt::ThreePublic { .. } | Stmt::Procurement { .. } => {
                self.published_top(stmt, span)
            }
            Stmt::PriorFile(path) => {
                let prev = first(&mut b.prior_file, spanned(path));
                self.once("上年文件", prev, path.span);
            }
            Stmt::Template(name) => {
                let prev = first(&mut b.template, spanned(name));
                self.once("模板", prev, name.span);
            }
            Stmt::PriorBlock => {
                b.prior_block.get_or_insert(span);
                self.block = Block::Prior;
            }
            Stmt::AssetsBlock(date) => {
                if date.is_none() {
                    self.err(
                        Diagnostic::new(
                            "E0106",
                            t!("“资产”块缺少截至日期", "the “资产” block has no date"),
                        )
                        .at(span, t!("截至哪一天？", "as of which day?"))
                        .with_help(t!(
                            "资产数是某一天的存量：写成 “资产 2023-12-31”（通常是上年末）。",
                            "assets are counted on a day: write “资产 2023-12-31” (usually the end of last year)."
                        )),
                    );
                }
                if let Some(first) = self.budget.assets.as_ref().map(|a| a.span) {
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
                    source_span: None,
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
                let (value, amount, printed) = match value {
                    ast::AssertValue::Amount(a, raw, None) => {
                        self.amount_ok(a);
                        (spanned(raw), Some(money(a)), None)
                    }
                    ast::AssertValue::Amount(a, raw, Some(u)) => {
                        let Some(unit) = MoneyUnit::parse(&u.value) else {
                            // Reported; the assertion is not checked in an unknown unit.
                            self.unknown_word(u, t!("金额单位", "money unit"), &["万元", "元"]);
                            return;
                        };
                        resolve::amount(unit, a, &mut self.diags);
                        let printed = Printed {
                            unit: Spanned::new(unit, u.span),
                            decimals: a.scale,
                        };
                        (spanned(raw), Some(money(a)), Some(printed))
                    }
                    ast::AssertValue::Text(w) => (spanned(w), None, None),
                };
                self.budget.assertions.push(Assertion {
                    figure: std::mem::take(figure),
                    value,
                    amount,
                    printed,
                    span,
                });
            }
            // Members of blocks only (`member`): they never stand at the top level. Named one by
            // one, so that a new statement cannot be forgotten here.
            Stmt::Paragraph(_)
            | Stmt::BasicLine { .. }
            | Stmt::PriorFigure { .. }
            | Stmt::ProjectUnit(_)
            | Stmt::ProjectKind(_)
            | Stmt::ProjectSource(_)
            | Stmt::Allocation { .. }
            | Stmt::ProjectAmount(_)
            | Stmt::Economic { .. }
            | Stmt::Goal(_)
            | Stmt::Indicator(_)
            | Stmt::Vehicles { .. }
            | Stmt::Equipment(_)
            | Stmt::EquipmentPurchase(_)
            | Stmt::Invalid => {}
        }
    }

    pub(super) fn with_project(&mut self, i: usize, f: impl FnOnce(&mut Project)) {
        if let Some(p) = self.budget.projects.get_mut(i) {
            f(p);
        }
    }

    pub(super) fn set_once(
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
    pub(super) fn once(&mut self, what: &str, previous: Option<Span>, here: Span) {
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

    /// Checks an amount's precision and sign against the unit.
    pub(super) fn amount_ok(&mut self, a: &Amount) {
        resolve::amount(self.budget.unit(), a, &mut self.diags);
    }

    pub(super) fn code(&mut self, c: CodeRef, class: Classification, want_len: usize) -> Code {
        let before = self.diags.len();
        let span = c.code.span;
        let code = resolve::code(self.catalog, &mut self.diags, c, class, want_len);
        // W0302 once per code: a later line using it becomes a label of the first warning.
        if self.diags.len() == before + 1 && self.diags.last().is_some_and(|d| d.code == "W0302") {
            match self.unlisted.get(&(class, code.code.clone())) {
                Some(&first) => {
                    let again = self.diags.pop();
                    if let (Some(d), Some(_)) = (self.diags.get_mut(first), again) {
                        let label = Label::secondary(span, t!("又用于此处", "also used here"));
                        d.labels.push(label);
                    }
                }
                None => {
                    self.unlisted.insert((class, code.code.clone()), before);
                }
            }
        }
        code
    }

    pub(super) fn unknown_word(&mut self, w: &Word, what: Text, choices: &[&str]) {
        resolve::unknown_word(&mut self.diags, w, what, choices);
    }

    pub(super) fn source(&mut self, w: &Word) -> Option<Source> {
        resolve::source(&mut self.diags, w)
    }

    pub(super) fn three_public_kind(&mut self, w: &Word) -> Option<ThreePublicKind> {
        resolve::three_public_kind(&mut self.diags, w)
    }

    fn unit_kind(&mut self, w: &Word) -> Option<UnitKind> {
        let k = UnitKind::parse(&w.value);
        if k.is_none() {
            let all = UnitKind::ALL.map(UnitKind::keyword);
            self.unknown_word(w, t!("单位性质", "unit kind"), &all);
        }
        k
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
        self.finish_published();
        super::sources::resolve(&mut self.budget, &mut self.diags);
        resolve::references(&self.budget, self.catalog, &mut self.diags);
    }
}

fn usage(what: &str) -> &'static str {
    match what {
        "部门" => "部门 <部门名称>",
        "年度" => "年度 2024",
        _ => "金额单位 万元",
    }
}
