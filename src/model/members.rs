//! Lowering the members of blocks: the lines of 基本支出, 上年, 资产 and of each project.

use super::build::{first, money, spanned, Block, Builder};
use super::catalog::Classification;
use super::*;
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::syntax::ast::{Amount, CodeRef, Stmt, Word};
use crate::value::{IndicatorValue, ValueKind};

impl Builder<'_> {
    pub(super) fn member(&mut self, stmt: &mut Stmt, span: Span) {
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
            (Block::Explanation(i), Stmt::Paragraph(p)) => {
                if let Some(e) = self.budget.explanations.get_mut(i) {
                    e.paragraphs.push(spanned(p));
                }
            }
            (Block::Assets, _) => self.asset(stmt),
            (
                Block::Basic,
                Stmt::BasicLine {
                    func,
                    econ,
                    source,
                    split,
                    amount,
                },
            ) => {
                let line = self.basic_line(
                    func,
                    econ.as_mut(),
                    source.take(),
                    split.take(),
                    amount,
                    span,
                );
                if let Some(line) = line {
                    self.budget.basic.push(line);
                }
            }
            (
                Block::Basic,
                Stmt::Procurement {
                    kind,
                    func,
                    source,
                    amount,
                },
            ) => {
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
                    code: spanned(func),
                    name: None,
                };
                let func = self.code(cref, Classification::Functional, 7);
                if let Some(p) = self.procurement(kind, Some(func), source.as_ref(), amount, span) {
                    self.budget.basic_procurement.push(p);
                }
            }
            (Block::Prior, _) => self.prior(stmt, span),
            (Block::Project(i), _) => self.project(i, stmt, span),
            _ => {}
        }
    }

    /// A 基本支出 line: a pair, or a marginal line on one code (which one follows from the
    /// code: a 7-digit functional 项 or a 5-digit economic 款; by its first digit otherwise).
    fn basic_line(
        &mut self,
        func: &mut CodeRef,
        econ: Option<&mut CodeRef>,
        mut source: Option<Word>,
        split: Option<Word>,
        amount: &Amount,
        span: Span,
    ) -> Option<BasicLine> {
        // One word after the last code: a source keyword, or else the code's name.
        let not_a_source = source
            .as_ref()
            .is_some_and(|w| Source::parse(&w.value).is_none());
        let mut last = match &econ {
            Some(_) => None,
            None => Some(take(func)),
        };
        let mut econ = econ.map(take);
        if let Some(named) = econ.as_mut().or(last.as_mut()) {
            if named.name.is_none() && not_a_source {
                named.name = source.take();
            }
        }
        let (func, econ) = match (econ, last.take()) {
            (Some(e), _) => (
                Some(self.code(take(func), Classification::Functional, 7)),
                Some(self.code(e, Classification::EconomicDept, 5)),
            ),
            (None, Some(one)) if is_economic(&one.code.value) => {
                (None, Some(self.code(one, Classification::EconomicDept, 5)))
            }
            (None, Some(one)) => (Some(self.code(one, Classification::Functional, 7)), None),
            (None, None) => return None,
        };
        let split = split.and_then(|w| Some(Spanned::new(BasicKind::parse(&w.value)?, w.span)));
        if let (Some(k), None) = (&split, &econ) {
            self.err(split_on_function(k.span));
        }
        let source = match &source {
            Some(w) => self.source(w)?,
            None => Source::GeneralPublic,
        };
        self.amount_ok(amount);
        Some(BasicLine {
            unit: self.basic_unit.clone(),
            func,
            split: split.filter(|_| econ.is_some()),
            econ,
            source,
            amount: money(amount),
            span,
        })
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
            Stmt::ThreePublic {
                kind,
                source,
                amount,
            } => {
                if let Some(w) = source {
                    return self.err(
                        Diagnostic::new(
                            "E0101",
                            t!(
                                "上年的“三公”数不分资金来源",
                                "last year's 三公 figures take no funding source"
                            ),
                        )
                        .at(w.span, t!("这里不写来源", "no source here"))
                        .with_help(t!(
                            "上年块中写 “三公 <种类> <金额>”：上年“三公”数是一般公共预算安排的数。",
                            "write “三公 <kind> <amount>” in the 上年 block: last year's 三公 figures are those of 一般公共预算."
                        )),
                    );
                }
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

    /// `<功能分类项> [名称] [来源] <金额>` of a project's `支出` or a 公开稿's `项目支出`: the code,
    /// the source (一般公共预算 when none is written; a single word after the code is a source
    /// keyword, or else the code's name) and where the source was written. `None` when the
    /// source is not one (reported).
    pub(super) fn allocation(
        &mut self,
        func: &mut CodeRef,
        source: &mut Option<Word>,
        amount: &Amount,
    ) -> Option<(Code, Source, Option<Span>)> {
        let mut func = take(func);
        let mut source = source.take();
        let not_a_source = source
            .as_ref()
            .is_some_and(|w| Source::parse(&w.value).is_none());
        if func.name.is_none() && not_a_source {
            func.name = source.take();
        }
        let code = self.code(func, Classification::Functional, 7);
        let (source, source_span) = match &source {
            Some(w) => (self.source(w)?, Some(w.span)),
            None => (Source::GeneralPublic, None),
        };
        self.amount_ok(amount);
        Some((code, source, source_span))
    }

    fn project(&mut self, i: usize, stmt: &mut Stmt, span: Span) {
        match stmt {
            Stmt::Allocation {
                func,
                source,
                amount,
            } => {
                // The project's 资金 replaces the default source, once the project is read
                // (`sources::resolve`).
                let Some((code, source, source_span)) = self.allocation(func, source, amount)
                else {
                    return;
                };
                self.with_project(i, |p| {
                    p.allocations.push(Allocation {
                        code,
                        source,
                        source_span,
                        amount: money(amount),
                        span,
                    })
                });
            }
            Stmt::Economic { econ, amount } => {
                let code = self.code(take(econ), Classification::EconomicDept, 5);
                self.amount_ok(amount);
                self.with_project(i, |p| {
                    p.economics.push(Allocation {
                        code,
                        source: p.source,
                        source_span: None,
                        amount: money(amount),
                        span,
                    })
                });
            }
            Stmt::Procurement {
                kind,
                func,
                source,
                amount,
            } => {
                let func = self.optional_function(func);
                if let Some(proc) = self.procurement(kind, func, source.as_ref(), amount, span) {
                    self.with_project(i, |p| p.procurement.push(proc));
                }
            }
            Stmt::ThreePublic {
                kind,
                source,
                amount,
            } => {
                if let Some(line) = self.three_public_line(kind, source.as_ref(), amount) {
                    self.with_project(i, |p| p.three_public.push(line));
                }
            }
            Stmt::ProjectSource(w) => {
                if let Some(src) = self.source(w) {
                    let prev = self.budget.projects.get_mut(i).and_then(|p| {
                        let prev = p.source_span;
                        if prev.is_none() {
                            p.source = src;
                            p.source_span = Some(w.span);
                        }
                        prev
                    });
                    self.once("资金", prev, w.span);
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

    /// The functional code a `采购` line may name (in a project, or a 公开稿's top level).
    pub(super) fn optional_function(&mut self, func: &mut Option<Word>) -> Option<Code> {
        let f = func.as_mut()?;
        let cref = CodeRef {
            code: spanned(f),
            name: None,
        };
        Some(self.code(cref, Classification::Functional, 7))
    }

    /// `三公 <种类> [来源] <金额>` (in a project, or a 公开稿's top level); `None` when the kind
    /// or the source is not one (reported).
    pub(super) fn three_public_line(
        &mut self,
        kind: &Word,
        source: Option<&Word>,
        amount: &Amount,
    ) -> Option<ThreePublicLine> {
        let (source, source_span) = match source {
            Some(w) => (self.source(w)?, Some(w.span)),
            None => (Source::GeneralPublic, None),
        };
        let kind = self.three_public_kind(kind)?;
        self.amount_ok(amount);
        Some(ThreePublicLine {
            kind,
            source,
            source_span,
            amount: money(amount),
        })
    }

    pub(super) fn procurement(
        &mut self,
        kind: &Word,
        func: Option<Code>,
        source: Option<&Word>,
        amount: &Amount,
        span: Span,
    ) -> Option<Procurement> {
        let (source, source_span) = match source {
            Some(w) => (self.source(w)?, Some(w.span)),
            // The source of the spending on its code, once the block is read (`sources`).
            None => (Source::GeneralPublic, None),
        };
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
            source,
            source_span,
            amount: money(amount),
            span,
        })
    }
}

/// Moves a code and its name out of the statement (which is dropped after building).
pub(super) fn take(c: &mut CodeRef) -> CodeRef {
    CodeRef {
        code: spanned(&mut c.code),
        name: c.name.take(),
    }
}

/// Whether the one code of a marginal line is economic: 5 digits (an economic 款; a functional
/// 款 also has 5, but basic spending sits on 7-digit 项), else a 3 first (301–399).
fn is_economic(code: &str) -> bool {
    code.len() == 5 || (code.len() != 7 && code.starts_with('3'))
}

/// E0219: 人员经费/公用经费 on a line by functional code, which has no economic class to
/// override.
fn split_on_function(span: Span) -> Diagnostic {
    Diagnostic::new(
        "E0219",
        t!(
            "按功能分类的基本支出行不分人员经费和公用经费",
            "a basic line by functional code is not split into 人员经费 and 公用经费"
        ),
    )
    .at(span, t!("这里不写", "not here"))
    .with_help(t!(
        "人员经费、公用经费按经济分类公开：写在经济分类款的行上（如 “30302 公用经费 2079000”），或删去这个词。",
        "人员经费 and 公用经费 are published by economic class: write the word on the economic line (e.g. “30302 公用经费 2079000”), or delete it."
    ))
}
