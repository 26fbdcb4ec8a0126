//! Diagnostics for tools: our JSON format and SARIF 2.1.0.

use super::human::bounded_texts;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::source::SourceFile;
use serde::Serialize;

/// The version of the JSON diagnostics format.
pub const JSON_SCHEMA: &str = "budc.diagnostics.v1";

/// One diagnostic in the JSON format: positions 1-based; `column` counts characters,
/// `column_utf16` UTF-16 code units (as LSP), `byte_start`/`byte_end` bytes of the file.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub column_utf16: usize,
    pub end_column_utf16: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<JsonLabel>,
}

/// A label of a JSON diagnostic.
#[derive(Debug, Serialize)]
pub struct JsonLabel {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub primary: bool,
    pub message: String,
}

/// The whole JSON report of one run.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    pub schema: &'static str,
    pub diagnostics: Vec<JsonDiagnostic>,
    pub summary: Summary,
}

/// Counts of a run.
#[derive(Debug, Serialize, Default, Clone, Copy)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Diagnostics left out of the report by the caps (`--max-diagnostics`); absent when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Converts a diagnostic of a file to its JSON form.
pub fn json_diagnostic(d: &Diagnostic, file: &SourceFile, lang: Lang) -> JsonDiagnostic {
    let d = &bounded_texts(d.clone());
    let span = d.primary_span().unwrap_or_default();
    let start = file.position(span.start);
    let end = file.position(span.end);
    JsonDiagnostic {
        file: file.name.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        column_utf16: file.utf16_column(span.start),
        end_column_utf16: file.utf16_column(span.end),
        byte_start: span.start,
        byte_end: span.end,
        code: d.code.to_string(),
        severity: d.severity,
        message: d.message.get(lang).to_string(),
        help: d.help.as_ref().map(|h| h.get(lang).to_string()),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let a = file.position(l.span.start);
                let b = file.position(l.span.end);
                JsonLabel {
                    line: a.line,
                    column: a.column,
                    end_line: b.line,
                    end_column: b.column,
                    byte_start: l.span.start,
                    byte_end: l.span.end,
                    primary: l.primary,
                    message: l.message.get(lang).to_string(),
                }
            })
            .collect(),
    }
}

/// The JSON report of a run (serde_json escapes every character that needs it).
pub fn json(files: &[(&SourceFile, &[Diagnostic])], lang: Lang, summary: Summary) -> String {
    let report = JsonReport {
        schema: JSON_SCHEMA,
        diagnostics: files
            .iter()
            .flat_map(|(f, ds)| ds.iter().map(move |d| json_diagnostic(d, f, lang)))
            .collect(),
        summary,
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}

/// The SARIF 2.1.0 log of a run: one run, the rules of the codes that occur, one result per
/// diagnostic. Built as JSON and checked against serde-sarif's types before it is printed.
pub fn sarif(files: &[(&SourceFile, &[Diagnostic])], lang: Lang) -> String {
    let mut codes: Vec<&str> = files
        .iter()
        .flat_map(|(_, ds)| ds.iter().map(|d| d.code))
        .collect();
    codes.sort();
    codes.dedup();
    let rules: Vec<serde_json::Value> = codes
        .iter()
        .filter_map(|c| crate::diag::codes::info(c))
        .map(|c| {
            let (title, expl) = (c.title.get(lang), c.explanation.get(lang));
            serde_json::json!({
                "id": c.code,
                "shortDescription": { "text": title },
                "fullDescription": { "text": expl },
                "defaultConfiguration": { "level": level(c.severity) },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = files
        .iter()
        .flat_map(|(f, ds)| ds.iter().map(move |d| sarif_result(d, f, lang)))
        .collect();
    let log = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "budc",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/budc/budc",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    // Round-trip through serde-sarif's types: a structural check of what we emit.
    let checked: Result<serde_sarif::sarif::Sarif, _> = serde_json::from_value(log.clone());
    let value = match checked {
        Ok(s) => serde_json::to_value(s).unwrap_or(log),
        Err(_) => log,
    };
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn sarif_result(d: &Diagnostic, file: &SourceFile, lang: Lang) -> serde_json::Value {
    let d = &bounded_texts(d.clone());
    let span = d.primary_span().unwrap_or_default();
    let a = file.position(span.start);
    let b = file.position(span.end);
    let mut text = d.message.get(lang).to_string();
    if let Some(h) = &d.help {
        text.push('\n');
        text.push_str(h.get(lang));
    }
    serde_json::json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": file.name },
                "region": {
                    "startLine": a.line,
                    "startColumn": a.column,
                    "endLine": b.line,
                    "endColumn": b.column,
                    "byteOffset": span.start,
                    "byteLength": span.end - span.start,
                },
            },
        }],
    })
}
