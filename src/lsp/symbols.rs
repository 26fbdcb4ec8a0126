//! Document symbols: the outline of a budget (sub-units, projects and the top-level blocks), as
//! the keywords of the source spell them. A symbol's range is its whole block: the header line
//! and the indented lines under it; its selection range is the header.

use super::position::range;
use crate::syntax::ast::Stmt;
use crate::Compiled;
use lsp_types as lsp;

pub fn symbols(c: &Compiled) -> Vec<lsp::DocumentSymbol> {
    let (ast, _) = crate::syntax::parse(&c.file);
    let mut out = Vec::new();
    for (i, l) in ast.lines.iter().enumerate() {
        if l.indented {
            continue;
        }
        let Some((name, kind)) = outline_entry(&l.stmt) else {
            continue;
        };
        // The block ends with the last indented line before the next top-level one.
        let end = ast
            .lines
            .iter()
            .skip(i + 1)
            .take_while(|b| b.indented)
            .last()
            .map_or(l.span.end, |b| b.span.end);
        let header = range(&c.file, l.span.start, l.span.end);
        #[allow(deprecated)] // `deprecated` is a required field of the struct
        out.push(lsp::DocumentSymbol {
            name,
            detail: None,
            kind,
            tags: None,
            deprecated: None,
            range: range(&c.file, l.span.start, end),
            selection_range: header,
            children: None,
        });
    }
    out
}

fn outline_entry(stmt: &Stmt) -> Option<(String, lsp::SymbolKind)> {
    Some(match stmt {
        Stmt::Project { code, name } => (
            format!("{} {}", name.value, code.value),
            lsp::SymbolKind::OBJECT,
        ),
        Stmt::BasicBlock(unit) => (
            match unit {
                Some(u) => format!("基本支出 {}", u.value),
                None => "基本支出".into(),
            },
            lsp::SymbolKind::NAMESPACE,
        ),
        Stmt::PriorBlock => ("上年".into(), lsp::SymbolKind::NAMESPACE),
        Stmt::AssetsBlock(_) => ("资产".into(), lsp::SymbolKind::NAMESPACE),
        Stmt::DutiesBlock => ("主要职责".into(), lsp::SymbolKind::STRING),
        Stmt::OrganizationBlock => ("机构设置".into(), lsp::SymbolKind::STRING),
        Stmt::ExplanationBlock(title) => (format!("说明 {}", title.value), lsp::SymbolKind::STRING),
        Stmt::SubUnit { id, .. } => (format!("二级单位 {}", id.value), lsp::SymbolKind::MODULE),
        _ => return None,
    })
}
