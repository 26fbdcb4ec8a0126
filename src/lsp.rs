//! `budc lsp`: the language server, on stdio (lsp-server + lsp-types). It is a thin shell over
//! the library: the same parse, checks and formatter as the command line.
//!
//! Features: diagnostics on open and on every change; hover on a classification code (catalog
//! name, level, amount in this budget); completion of codes (by digits or by name), sub-units and
//! indicator categories; formatting; document symbols; go to the declaration of a sub-unit;
//! inlay hints with project and block totals. Positions are UTF-16, as LSP counts.

use crate::diag::{Diagnostic, Severity};
use crate::model::catalog::Classification;
use crate::source::SourceFile;
use crate::syntax::ast::Stmt;
use crate::Compiled;
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use std::collections::HashMap;

/// Runs the server until the client says exit. Returns the exit code.
pub fn run() -> i32 {
    let (connection, io) = Connection::stdio();
    let caps = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        ..Default::default()
    };
    let Ok(caps) = serde_json::to_value(caps) else {
        return 2;
    };
    if connection.initialize(caps).is_err() {
        return 2;
    }
    let mut server = Server {
        docs: HashMap::new(),
    };
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).unwrap_or(true) {
                    break;
                }
                let resp = server.request(req);
                if connection.sender.send(Message::Response(resp)).is_err() {
                    break;
                }
            }
            Message::Notification(n) => {
                for out in server.notification(n) {
                    if connection.sender.send(Message::Notification(out)).is_err() {
                        break;
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(connection);
    let _ = io.join();
    0
}

struct Server {
    docs: HashMap<String, Compiled>,
}

fn uri_key(u: &lsp::Uri) -> String {
    u.as_str().to_string()
}

/// Byte offset of an LSP position (UTF-16 columns).
fn offset(file: &SourceFile, p: lsp::Position) -> usize {
    let start = file.line_start(p.line as usize);
    let line = file.text.get(start..).unwrap_or("");
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= p.character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    file.text.len()
}

fn position(file: &SourceFile, at: usize) -> lsp::Position {
    let p = file.position(at);
    lsp::Position::new((p.line - 1) as u32, (file.utf16_column(at) - 1) as u32)
}

fn range(file: &SourceFile, a: usize, b: usize) -> lsp::Range {
    lsp::Range::new(position(file, a), position(file, b))
}

fn to_lsp(d: &Diagnostic, file: &SourceFile) -> lsp::Diagnostic {
    let span = d.primary_span().unwrap_or_default();
    let mut message = d.message.zh.clone();
    if let Some(h) = &d.help {
        message.push('\n');
        message.push_str(&h.zh);
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

fn notification<N: lsp::notification::Notification>(params: N::Params) -> Notification {
    Notification::new(N::METHOD.to_string(), params)
}

/// The word under a byte offset: a run of non-space, non-separator characters.
fn word_at(text: &str, at: usize) -> (usize, &str) {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '|' | '｜');
    let before = text.get(..at).unwrap_or("");
    let start = before
        .rfind(is_sep)
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let after = text.get(at..).unwrap_or("");
    let end = at + after.find(is_sep).unwrap_or(after.len());
    (start, text.get(start..end).unwrap_or(""))
}

/// The text of the line before a byte offset.
fn line_before(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or("");
    let start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    &before[start..]
}

impl Server {
    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        let (uri, text) = match n.method.as_str() {
            lsp::notification::DidOpenTextDocument::METHOD => {
                match serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    Ok(p) => (p.text_document.uri, p.text_document.text),
                    Err(_) => return vec![],
                }
            }
            lsp::notification::DidChangeTextDocument::METHOD => {
                match serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params) {
                    Ok(mut p) => match p.content_changes.pop() {
                        Some(c) => (p.text_document.uri, c.text),
                        None => return vec![],
                    },
                    Err(_) => return vec![],
                }
            }
            lsp::notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.docs.remove(&uri_key(&p.text_document.uri));
                }
                return vec![];
            }
            _ => return vec![],
        };
        let compiled = crate::compile(SourceFile::new(uri.as_str(), text), None);
        let diagnostics = compiled
            .diagnostics
            .iter()
            .map(|d| to_lsp(d, &compiled.file))
            .collect();
        self.docs.insert(uri_key(&uri), compiled);
        vec![notification::<lsp::notification::PublishDiagnostics>(
            lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            },
        )]
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            lsp::request::HoverRequest::METHOD => self.hover(req.params),
            lsp::request::Completion::METHOD => self.completion(req.params),
            lsp::request::Formatting::METHOD => self.formatting(req.params),
            lsp::request::DocumentSymbolRequest::METHOD => self.symbols(req.params),
            lsp::request::GotoDefinition::METHOD => self.definition(req.params),
            lsp::request::InlayHintRequest::METHOD => self.inlay_hints(req.params),
            _ => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    "unknown method".into(),
                )
            }
        };
        Response::new_ok(id, result)
    }

    fn doc(&self, uri: &lsp::Uri) -> Option<&Compiled> {
        self.docs.get(&uri_key(uri))
    }

    fn hover(&self, params: serde_json::Value) -> serde_json::Value {
        let Ok(p) = serde_json::from_value::<lsp::HoverParams>(params) else {
            return serde_json::Value::Null;
        };
        let pos = p.text_document_position_params;
        let Some(c) = self.doc(&pos.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let at = offset(&c.file, pos.position);
        let (start, word) = word_at(&c.file.text, at);
        if word.is_empty() || !word.chars().all(|ch| ch.is_ascii_digit()) {
            return serde_json::Value::Null;
        }
        let mut lines = Vec::new();
        if let Some(name) = c.catalog.name(Classification::Functional, word) {
            let level = match word.len() {
                3 => "类",
                5 => "款",
                _ => "项",
            };
            lines.push(format!("**{word} {name}**（支出功能分类 · {level}）"));
            let t = c
                .document
                .table(crate::backend::views::TableId::Expenditure);
            let amount = t
                .rows
                .iter()
                .find(|r| r.code.as_deref() == Some(word))
                .and_then(|r| t.amount(r, crate::backend::views::ColumnId::Total));
            if let Some(a) = amount {
                lines.push(format!("本预算：{a:.2} {}", c.budget.unit().as_str()));
            }
        }
        if let Some(name) = c.catalog.name(Classification::EconomicDept, word) {
            lines.push(format!("**{word} {name}**（部门预算支出经济分类）"));
            if let Some(g) = c.catalog.gov_code(word) {
                let gn = c.catalog.name(Classification::EconomicGov, g).unwrap_or("");
                lines.push(format!("政府经济分类：{g} {gn}"));
            }
        }
        if lines.is_empty() {
            return serde_json::Value::Null;
        }
        let hover = lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: lines.join("\n\n"),
            }),
            range: Some(range(&c.file, start, start + word.len())),
        };
        serde_json::to_value(hover).unwrap_or_default()
    }

    fn completion(&self, params: serde_json::Value) -> serde_json::Value {
        let Ok(p) = serde_json::from_value::<lsp::CompletionParams>(params) else {
            return serde_json::Value::Null;
        };
        let pos = p.text_document_position;
        let Some(c) = self.doc(&pos.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let at = offset(&c.file, pos.position);
        let line = line_before(&c.file.text, at);
        let prefix = line.rsplit([' ', '\t', '\u{3000}']).next().unwrap_or("");
        let keyword = line.split_whitespace().next().unwrap_or("");
        let item =
            |label: String, detail: String, kind: lsp::CompletionItemKind| lsp::CompletionItem {
                label,
                detail: Some(detail),
                kind: Some(kind),
                ..Default::default()
            };
        let mut items: Vec<lsp::CompletionItem> = Vec::new();
        if keyword == "单位" && line.trim_start() != prefix {
            items.extend(c.budget.sub_units.iter().map(|u| {
                item(
                    u.id.value.clone(),
                    u.name.value.clone(),
                    lsp::CompletionItemKind::MODULE,
                )
            }));
        } else if keyword == "指标" {
            for (l1, seconds) in c.catalog.rules().framework() {
                for l2 in seconds {
                    items.push(item(
                        format!("{l1} {l2}"),
                        "一级 二级".into(),
                        lsp::CompletionItemKind::ENUM_MEMBER,
                    ));
                }
            }
        } else if !prefix.is_empty() && prefix.chars().all(|ch| ch.is_ascii_digit()) {
            // Codes that start with the digits typed: typing 20801 offers its 项.
            let econ = keyword == "经济"
                || (keyword.chars().all(|ch| ch.is_ascii_digit())
                    && line.split_whitespace().count() >= 2);
            let class = if econ {
                Classification::EconomicDept
            } else {
                Classification::Functional
            };
            items.extend(
                c.catalog
                    .codes_with_prefix(class, prefix)
                    .into_iter()
                    .take(100)
                    .map(|(code, name)| item(code, name, lsp::CompletionItemKind::VALUE)),
            );
        } else if !prefix.is_empty() {
            // A name: find the codes whose name contains it.
            items.extend(
                c.catalog
                    .codes_named(Classification::Functional, prefix)
                    .into_iter()
                    .take(50)
                    .map(|(code, name)| lsp::CompletionItem {
                        label: format!("{code} {name}"),
                        filter_text: Some(name.clone()),
                        insert_text: Some(code.clone()),
                        detail: Some(name),
                        kind: Some(lsp::CompletionItemKind::VALUE),
                        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                            range: range(&c.file, at - prefix.len(), at),
                            new_text: code,
                        })),
                        ..Default::default()
                    }),
            );
        }
        serde_json::to_value(lsp::CompletionResponse::Array(items)).unwrap_or_default()
    }

    fn formatting(&self, params: serde_json::Value) -> serde_json::Value {
        let Ok(p) = serde_json::from_value::<lsp::DocumentFormattingParams>(params) else {
            return serde_json::Value::Null;
        };
        let Some(c) = self.doc(&p.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let Ok(text) = crate::fmt::format(&c.file) else {
            return serde_json::Value::Null;
        };
        if text == c.file.text {
            return serde_json::json!([]);
        }
        let edit = lsp::TextEdit {
            range: range(&c.file, 0, c.file.text.len()),
            new_text: text,
        };
        serde_json::to_value(vec![edit]).unwrap_or_default()
    }

    fn symbols(&self, params: serde_json::Value) -> serde_json::Value {
        let Ok(p) = serde_json::from_value::<lsp::DocumentSymbolParams>(params) else {
            return serde_json::Value::Null;
        };
        let Some(c) = self.doc(&p.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let (ast, _) = crate::syntax::parse(&c.file);
        let mut out: Vec<lsp::DocumentSymbol> = Vec::new();
        for l in ast.lines.iter().filter(|l| !l.indented) {
            let (name, kind) = match &l.stmt {
                Stmt::Project { code, name } => (
                    format!("{} {}", name.value, code.value),
                    lsp::SymbolKind::OBJECT,
                ),
                Stmt::BasicBlock => ("基本支出".into(), lsp::SymbolKind::NAMESPACE),
                Stmt::PriorBlock => ("上年".into(), lsp::SymbolKind::NAMESPACE),
                Stmt::AssetsBlock(_) => ("资产".into(), lsp::SymbolKind::NAMESPACE),
                Stmt::DutiesBlock => ("主要职责".into(), lsp::SymbolKind::STRING),
                Stmt::OrganizationBlock => ("机构设置".into(), lsp::SymbolKind::STRING),
                Stmt::SubUnit { id, .. } => {
                    (format!("二级单位 {}", id.value), lsp::SymbolKind::MODULE)
                }
                _ => continue,
            };
            let r = range(&c.file, l.span.start, l.span.end);
            #[allow(deprecated)]
            out.push(lsp::DocumentSymbol {
                name,
                detail: None,
                kind,
                tags: None,
                deprecated: None,
                range: r,
                selection_range: r,
                children: None,
            });
        }
        serde_json::to_value(out).unwrap_or_default()
    }

    fn definition(&self, params: serde_json::Value) -> serde_json::Value {
        let Ok(p) = serde_json::from_value::<lsp::GotoDefinitionParams>(params) else {
            return serde_json::Value::Null;
        };
        let pos = p.text_document_position_params;
        let Some(c) = self.doc(&pos.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let at = offset(&c.file, pos.position);
        let (_, word) = word_at(&c.file.text, at);
        let Some(u) = c.budget.sub_units.iter().find(|u| u.id.value == word) else {
            return serde_json::Value::Null;
        };
        let loc = lsp::Location::new(
            pos.text_document.uri,
            range(&c.file, u.id.span.start, u.id.span.end),
        );
        serde_json::to_value(loc).unwrap_or_default()
    }

    fn inlay_hints(&self, params: serde_json::Value) -> serde_json::Value {
        let Ok(p) = serde_json::from_value::<lsp::InlayHintParams>(params) else {
            return serde_json::Value::Null;
        };
        let Some(c) = self.doc(&p.text_document.uri) else {
            return serde_json::Value::Null;
        };
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
        let mut out = Vec::new();
        for pr in &c.budget.projects {
            out.push(hint(pr.span.end, format!("= {:.2} {unit}", pr.amount())));
        }
        let (ast, _) = crate::syntax::parse(&c.file);
        for l in &ast.lines {
            let label = match l.stmt {
                Stmt::BasicBlock => format!("= {:.2} {unit}", c.document.figures.basic),
                _ => continue,
            };
            out.push(hint(l.span.end, label));
        }
        serde_json::to_value(out).unwrap_or_default()
    }
}
