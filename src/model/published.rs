//! A 公开稿 (published document, transcribed for audit): the statements it allows and where
//! they may stand. Top-level `项目支出 <code>`, `三公` and `采购` are lowered here; once the
//! file is read, the marginal 基本支出 lines and these statements are kept in a 公开稿 and
//! reported (and dropped, so nothing counts twice) elsewhere.

use super::build::{money, Builder};
use super::*;
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::syntax::ast::Stmt;
use crate::syntax::Kind;

impl Builder<'_> {
    /// `项目支出 <code> …`, `三公 …`, `采购 …` at the top level.
    pub(super) fn published_top(&mut self, stmt: &mut Stmt, span: Span) {
        match stmt {
            Stmt::ProjectTotal {
                func,
                source,
                amount,
            } => {
                let Some((code, source, source_span)) = self.allocation(func, source, amount)
                else {
                    return;
                };
                self.budget.project_totals.push(Allocation {
                    code,
                    source,
                    source_span,
                    amount: money(amount),
                    span,
                });
            }
            Stmt::ThreePublic {
                kind,
                source,
                amount,
            } => {
                if let Some(line) = self.three_public_line(kind, source.as_ref(), amount) {
                    self.budget.published_three_public.push(line);
                }
            }
            Stmt::Procurement {
                kind,
                func,
                source,
                amount,
            } => {
                let func = self.optional_function(func);
                if let Some(p) = self.procurement(kind, func, source.as_ref(), amount, span) {
                    self.budget.published_procurement.push(p);
                }
            }
            _ => {}
        }
    }
}

/// Once the file is read: outside a 公开稿, its statements are reported and dropped; in one,
/// pairs and marginal lines are not mixed.
impl Builder<'_> {
    /// Once every line is read: the checks of a 公开稿's lines (`finish`).
    pub(super) fn finish_published(&mut self) {
        finish(&mut self.budget, &mut self.diags);
    }
}

fn finish(b: &mut Budget, diags: &mut Vec<Diagnostic>) {
    if b.published.is_some() {
        return mixed(b, diags);
    }
    let (marginal, pairs): (Vec<BasicLine>, Vec<BasicLine>) = std::mem::take(&mut b.basic)
        .into_iter()
        .partition(BasicLine::is_marginal);
    b.basic = pairs;
    for l in marginal {
        diags.push(
            Diagnostic::new(
                "E0217",
                t!(
                    "只有一个科目的基本支出行只能写在公开稿中",
                    "a basic line with one code belongs in a 公开稿 only"
                ),
            )
            .at(l.span, t!("缺少另一个科目", "the other code is missing"))
            .with_help(t!(
                "写成 “<功能分类项> <经济分类款> <金额>”；若本文件转录的是公开的预算文本（只公开了按功能和按经济分类的合计），在文件开头写一行 “公开稿”。",
                "write the pair “<functional code> <economic code> <amount>”, or mark the file 公开稿 with a line “公开稿” at the top if it transcribes a published document (which publishes spending by function and by economic class apart)."
            )),
        );
    }
    for a in std::mem::take(&mut b.project_totals) {
        diags.push(
            Diagnostic::new(
                "E0217",
                t!(
                    "按科目的项目支出合计只能写在公开稿中",
                    "project spending by code without projects belongs in a 公开稿 only"
                ),
            )
            .at(a.span, t!("没有项目", "no project"))
            .with_help(t!(
                "把钱写在项目下：“项目 <编码> <名称>”，缩进写 “支出 <功能分类项> <金额>”；若本文件转录的是公开的预算文本（不列项目），在文件开头写一行 “公开稿”。",
                "write the money under a project: “项目 <code> <name>”, then an indented “支出 <functional code> <amount>”; or mark the file 公开稿 with a line “公开稿” at the top if it transcribes a published document (which lists no projects)."
            )),
        );
    }
    // 三公 and 采购 outside a 公开稿 belong in a block, as they always have.
    let three = std::mem::take(&mut b.published_three_public);
    let procurement = std::mem::take(&mut b.published_procurement);
    let spans = three
        .iter()
        .map(|t| (Kind::ThreePublic, t.amount.span))
        .chain(procurement.iter().map(|p| (Kind::Procurement, p.span)));
    for (kind, span) in spans {
        let home = kind.home();
        diags.push(
            Diagnostic::new(
                "E0101",
                t!("这一行应当缩进，写在它所属的块下面", "this line must be indented under the block it belongs to"),
            )
            .at(span, t!("位置不对", "misplaced"))
            .with_help(t!(
                "这种语句属于“{home}”块：行首加两个空格，放在块的下面。（公开稿中可以不属于项目。）",
                "this statement belongs in a “{home}” block: indent it by two spaces under one. (In a 公开稿 it may stand without its project.)"
            )),
        );
    }
}

/// E0218: a 公开稿 states its basic spending as pairs or as the two marginal lists, not both.
fn mixed(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let pair = b.basic.iter().find(|l| !l.is_marginal());
    let marginal = b.basic.iter().find(|l| l.is_marginal());
    let (Some(pair), Some(marginal)) = (pair, marginal) else {
        return;
    };
    diags.push(
        Diagnostic::new(
            "E0218",
            t!(
                "公开稿中的基本支出混用了成对的行和只有一个科目的行",
                "a 公开稿 mixes pairs and marginal lines in its basic spending"
            ),
        )
        .at(marginal.span, t!("只有一个科目", "one code"))
        .also(pair.span, t!("成对的行", "a pair"))
        .with_help(t!(
            "公开稿照公开的表转录：要么全写成对的行（功能分类项 × 经济分类款），要么分别写按功能分类和按经济分类的两张清单，不要混用（混用时两张清单无法核对）。",
            "transcribe the published tables as they are: either pairs only (functional × economic), or the two lists by function and by economic class; a mix cannot be checked."
        )),
    );
}
