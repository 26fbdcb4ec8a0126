//! The funding sources of the money lines that name none, resolved once the whole file is read
//! (a project's `资金` may stand below its lines): a project's lines take its `资金`, procurement
//! takes the source of the spending on its code. Then each project holds one line per
//! functional code and source (E0102).

use super::*;
use crate::diag::t;
use crate::diag::Diagnostic;

/// Fills in the sources left out and reports a code written twice with one source.
pub(super) fn resolve(b: &mut Budget, diags: &mut Vec<Diagnostic>) {
    for p in &mut b.projects {
        let default = p.source;
        for a in &mut p.allocations {
            if a.source_span.is_none() {
                a.source = default;
            }
        }
        for e in &mut p.economics {
            e.source = default;
        }
        for t in &mut p.three_public {
            if t.source_span.is_none() {
                t.source = default;
            }
        }
        for proc in &mut p.procurement {
            if proc.source_span.is_some() {
                continue;
            }
            // On its code (or the project's first), the source of the money there, when one.
            let code = proc
                .func
                .as_ref()
                .or_else(|| p.allocations.first().map(|a| &a.code))
                .map(|c| c.code.as_str());
            let on_code = p
                .allocations
                .iter()
                .filter(|a| Some(a.code.code.as_str()) == code)
                .map(|a| a.source);
            proc.source = only(on_code).unwrap_or(default);
        }
        duplicates(p, diags);
    }
    for proc in &mut b.basic_procurement {
        if proc.source_span.is_some() {
            continue;
        }
        let code = proc.func.as_ref().map(|c| c.code.as_str());
        let on_code = b
            .basic
            .iter()
            .filter(|l| l.func.as_ref().map(|f| f.code.as_str()) == code)
            .map(|l| l.source);
        proc.source = only(on_code).unwrap_or(Source::GeneralPublic);
    }
}

/// The one source of these lines, if they have exactly one.
fn only(sources: impl Iterator<Item = Source>) -> Option<Source> {
    let mut one = None;
    for s in sources {
        match one {
            None => one = Some(s),
            Some(o) if o == s => {}
            Some(_) => return None,
        }
    }
    one
}

/// E0102: a functional code written twice in a project with the same source. The second line is
/// dropped (its amount would be counted twice otherwise).
fn duplicates(p: &mut Project, diags: &mut Vec<Diagnostic>) {
    let mut kept: Vec<Allocation> = Vec::with_capacity(p.allocations.len());
    for a in std::mem::take(&mut p.allocations) {
        let first = kept
            .iter()
            .find(|k| k.code.code == a.code.code && k.source == a.source);
        let Some(first) = first else {
            kept.push(a);
            continue;
        };
        let (c, source) = (&a.code.code, a.source.keyword());
        diags.push(
            Diagnostic::new(
                "E0102",
                t!(
                    "项目中科目 {c} 的{source}资金写了两次",
                    "code {c} is written twice in the project with the source {source}"
                ),
            )
            .at(a.code.span, t!("又写了一次", "again"))
            .also(first.span, t!("第一次在这里", "first here"))
            .with_help(t!(
                "每个功能科目、每个资金来源一行：同一来源的金额合成一行；来自另一来源的钱写明来源，如 “支出 {c} 事业收入 <金额>”。",
                "one line per functional code and source: add amounts of one source into one line; money from another source names it, e.g. “支出 {c} 事业收入 <amount>”."
            )),
        );
    }
    p.allocations = kept;
}
