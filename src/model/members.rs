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
                let mut econ = take(econ);
                let mut source = source.take();
                let not_a_source = source
                    .as_ref()
                    .is_some_and(|w| Source::parse(&w.value).is_none());
                if econ.name.is_none() && not_a_source {
                    econ.name = source.take();
                }
                let func = self.code(take(func), Classification::Functional, 7);
                let econ = self.code(econ, Classification::EconomicDept, 5);
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
                    code: spanned(func),
                    name: None,
                };
                let func = self.code(cref, Classification::Functional, 7);
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
                let code = self.code(take(func), Classification::Functional, 7);
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
                let code = self.code(take(econ), Classification::EconomicDept, 5);
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
                let func = func.as_mut().map(|f| {
                    let cref = CodeRef {
                        code: spanned(f),
                        name: None,
                    };
                    self.code(cref, Classification::Functional, 7)
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
}

/// Moves a code and its name out of the statement (which is dropped after building).
fn take(c: &mut CodeRef) -> CodeRef {
    CodeRef {
        code: spanned(&mut c.code),
        name: c.name.take(),
    }
}
