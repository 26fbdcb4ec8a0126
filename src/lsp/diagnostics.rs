//! Diagnostics pushed to the editor: the library's diagnostics, in the client's language, on
//! open and on every change; an empty list on close, so no stale problem stays behind.

use super::position::range;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::source::SourceFile;
use crate::Compiled;
use lsp_types as lsp;

pub fn to_lsp(d: &Diagnostic, file: &SourceFile, lang: Lang) -> lsp::Diagnostic {
    let span = d.primary_span().unwrap_or_default();
    let mut message = d.message.get(lang).to_string();
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help.get(lang));
    }
    lsp::Diagnostic {
        range: range(file, span.start, span.end),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("budc".into()),
        message,
        ..Default::default()
    }
}

/// The diagnostics of a compiled document, for `textDocument/publishDiagnostics`.
pub fn of(c: &Compiled, lang: Lang) -> Vec<lsp::Diagnostic> {
    c.diagnostics
        .iter()
        .map(|d| to_lsp(d, &c.file, lang))
        .collect()
}
