//! Inlay hints: the total of each project, and of the basic-spending block, after its line; only
//! those in the range asked for (its ends included).

use super::position::position;
use crate::syntax::ast::Stmt;
use crate::Compiled;
use lsp_types as lsp;

pub fn inlay_hints(c: &Compiled, within: lsp::Range) -> Vec<lsp::InlayHint> {
    let unit = c.budget.unit().as_str();
    let hint = |at: usize, label: String| lsp::InlayHint {
        position: position(&c.file, at),
        label: lsp::InlayHintLabel::String(label),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: None,
        data: None,
    };
    let mut out: Vec<lsp::InlayHint> = c
        .budget
        .projects
        .iter()
        .map(|p| hint(p.span.end, format!("= {:.2} {unit}", p.amount())))
        .collect();
    let (ast, _) = crate::syntax::parse(&c.file);
    for l in &ast.lines {
        if let Stmt::BasicBlock(_) = l.stmt {
            out.push(hint(
                l.span.end,
                format!("= {:.2} {unit}", c.document.figures.basic),
            ));
        }
    }
    out.retain(|h| within.start <= h.position && h.position <= within.end);
    out
}
