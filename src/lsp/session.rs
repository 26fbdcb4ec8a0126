//! One LSP session: its phase (before `initialize`, running, after `shutdown`), its language and
//! open documents, and the answer to each message.

use super::{
    completion, definition, diagnostics, formatting, hover, inlay_hints, report, symbols,
    transport, EXIT_NO_SHUTDOWN, EXIT_OK,
};
use crate::diag::t;
use crate::diag::{Lang, Text};
use crate::source::SourceFile;
use crate::Compiled;
use lsp_server::{ErrorCode, Message, Notification, Request};
use lsp_types as lsp;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use transport::Incoming;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Phase {
    #[default]
    Uninitialized,
    Running,
    ShutDown,
}

/// What one incoming message produces: messages to send, and maybe the end of the session.
#[derive(Default)]
pub(super) struct Step {
    pub send: Vec<Value>,
    pub exit: Option<i32>,
}

impl Step {
    fn send(message: Value) -> Step {
        Step {
            send: vec![message],
            exit: None,
        }
    }
}

/// A request that gets an error response.
struct Failure {
    code: ErrorCode,
    message: Text,
}

impl Failure {
    fn new(code: ErrorCode, message: Text) -> Failure {
        Failure { code, message }
    }
}

#[derive(Default)]
pub(super) struct Session {
    phase: Phase,
    pub lang: Lang,
    /// Open documents by URI, compiled on every change.
    docs: HashMap<String, Compiled>,
}

impl Session {
    pub fn receive(&mut self, body: &[u8]) -> Step {
        match transport::decode(body) {
            Incoming::ParseError(reason) => Step::send(error_response(
                Value::Null,
                ErrorCode::ParseError,
                t!("消息不是有效的 JSON：{reason}", "parse error: {reason}").get(self.lang),
            )),
            Incoming::InvalidRequest { id, reason } => Step::send(error_response(
                id,
                ErrorCode::InvalidRequest,
                t!("不是 JSON-RPC 消息：{reason}", "invalid request: {reason}").get(self.lang),
            )),
            Incoming::Message(Message::Request(r)) => {
                let note = self.formatting_note(&r);
                let mut step = Step::send(self.request(r));
                step.send.extend(note);
                step
            }
            Incoming::Message(Message::Notification(n)) => self.notification(n),
            // We send no requests, so no response is awaited.
            Incoming::Message(Message::Response(_)) => Step::default(),
        }
    }

    pub fn end_of_input(&self, log: &mut impl Write) -> i32 {
        if self.phase == Phase::ShutDown {
            return EXIT_OK;
        }
        let text = t!(
            "输入已结束，但客户端未发送 shutdown 和 exit",
            "the input ended without shutdown and exit"
        );
        report(log, self.lang, &text);
        EXIT_NO_SHUTDOWN
    }

    fn request(&mut self, r: Request) -> Value {
        let id = serde_json::to_value(&r.id).unwrap_or(Value::Null);
        let result = match (self.phase, r.method.as_str()) {
            (Phase::Uninitialized, req::Initialize::METHOD) => Ok(self.initialize(&r.params)),
            (Phase::Uninitialized, _) => Err(Failure::new(
                ErrorCode::ServerNotInitialized,
                t!("服务器尚未初始化", "the server is not initialized"),
            )),
            (Phase::ShutDown, _) => Err(Failure::new(
                ErrorCode::InvalidRequest,
                t!("服务器已关闭", "the server is shut down"),
            )),
            (Phase::Running, req::Initialize::METHOD) => Err(Failure::new(
                ErrorCode::InvalidRequest,
                t!("服务器已初始化", "the server is already initialized"),
            )),
            (Phase::Running, req::Shutdown::METHOD) => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, method) => self.feature(method, r.params),
        };
        match result {
            Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
            Err(f) => error_response(id, f.code, f.message.get(self.lang)),
        }
    }

    /// Answers `initialize`: takes the client's locale, returns the capabilities.
    fn initialize(&mut self, params: &Value) -> Value {
        let locale = params.get("locale").and_then(Value::as_str);
        self.lang = lang_of(locale);
        self.phase = Phase::Running;
        json!({
            "capabilities": capabilities(),
            "serverInfo": {"name": "budc", "version": env!("CARGO_PKG_VERSION")},
        })
    }

    fn feature(&self, method: &str, params: Value) -> Result<Value, Failure> {
        let lang = self.lang;
        match method {
            req::HoverRequest::METHOD => {
                let p: lsp::HoverParams = parse(params)?;
                let at = p.text_document_position_params;
                let doc = self.doc(&at.text_document.uri);
                to_json(doc.and_then(|c| hover::hover(c, at.position, lang)))
            }
            req::Completion::METHOD => {
                let p: lsp::CompletionParams = parse(params)?;
                let at = p.text_document_position;
                let doc = self.doc(&at.text_document.uri);
                to_json(doc.map(|c| completion::completion(c, at.position, lang)))
            }
            req::Formatting::METHOD => {
                let p: lsp::DocumentFormattingParams = parse(params)?;
                to_json(
                    self.doc(&p.text_document.uri)
                        .and_then(formatting::formatting),
                )
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: lsp::DocumentSymbolParams = parse(params)?;
                to_json(self.doc(&p.text_document.uri).map(symbols::symbols))
            }
            req::GotoDefinition::METHOD => {
                let p: lsp::GotoDefinitionParams = parse(params)?;
                let at = p.text_document_position_params;
                let doc = self.doc(&at.text_document.uri);
                to_json(
                    doc.and_then(|c| definition::definition(c, at.text_document.uri, at.position)),
                )
            }
            req::InlayHintRequest::METHOD => {
                let p: lsp::InlayHintParams = parse(params)?;
                let doc = self.doc(&p.text_document.uri);
                to_json(doc.map(|c| inlay_hints::inlay_hints(c, p.range)))
            }
            _ => Err(Failure::new(
                ErrorCode::MethodNotFound,
                t!("未知的方法：{method}", "unknown method: {method}"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) -> Step {
        if n.method == note::Exit::METHOD {
            let code = if self.phase == Phase::ShutDown {
                EXIT_OK
            } else {
                EXIT_NO_SHUTDOWN
            };
            return Step {
                send: Vec::new(),
                exit: Some(code),
            };
        }
        if self.phase != Phase::Running {
            return Step::default();
        }
        let published =
            match n.method.as_str() {
                note::DidOpenTextDocument::METHOD => serde_json::from_value(n.params).ok().map(
                    |p: lsp::DidOpenTextDocumentParams| {
                        self.update(p.text_document.uri, p.text_document.text)
                    },
                ),
                note::DidChangeTextDocument::METHOD => serde_json::from_value(n.params)
                    .ok()
                    .and_then(|mut p: lsp::DidChangeTextDocumentParams| {
                        // Full synchronisation: the last change holds the whole text.
                        let change = p.content_changes.pop()?;
                        Some(self.update(p.text_document.uri, change.text))
                    }),
                note::DidCloseTextDocument::METHOD => serde_json::from_value(n.params)
                    .ok()
                    .map(|p: lsp::DidCloseTextDocumentParams| self.close(p.text_document.uri)),
                _ => None,
            };
        match published {
            Some(params) => Step::send(notification::<note::PublishDiagnostics>(params)),
            None => Step::default(),
        }
    }

    /// Compiles the new text of a document; returns its diagnostics.
    fn update(&mut self, uri: lsp::Uri, text: String) -> lsp::PublishDiagnosticsParams {
        let compiled = crate::compile(SourceFile::new(uri.as_str(), text), None);
        let diagnostics = diagnostics::of(&compiled, self.lang);
        self.docs.insert(uri.as_str().to_string(), compiled);
        lsp::PublishDiagnosticsParams::new(uri, diagnostics, None)
    }

    /// Forgets a document; its diagnostics are cleared.
    fn close(&mut self, uri: lsp::Uri) -> lsp::PublishDiagnosticsParams {
        self.docs.remove(uri.as_str());
        lsp::PublishDiagnosticsParams::new(uri, Vec::new(), None)
    }

    /// After formatting a document that mixes line ends, a message saying which one it got
    /// (`window/showMessage`, Info).
    fn formatting_note(&self, r: &Request) -> Option<Value> {
        if self.phase != Phase::Running || r.method != req::Formatting::METHOD {
            return None;
        }
        let p: lsp::DocumentFormattingParams = serde_json::from_value(r.params.clone()).ok()?;
        let doc = self.doc(&p.text_document.uri)?;
        let note = crate::fmt::LineEnds::of(&doc.file.text).note()?;
        crate::fmt::format(&doc.file).ok()?;
        Some(notification::<note::ShowMessage>(lsp::ShowMessageParams {
            typ: lsp::MessageType::INFO,
            message: note.get(self.lang).to_string(),
        }))
    }

    fn doc(&self, uri: &lsp::Uri) -> Option<&Compiled> {
        self.docs.get(uri.as_str())
    }
}

/// `zh…` → 中文, `en…` → English, anything else or nothing → 中文.
fn lang_of(locale: Option<&str>) -> Lang {
    match locale {
        Some(l) if l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("en")) => Lang::En,
        _ => Lang::Zh,
    }
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
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
    }
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|e| {
        Failure::new(
            ErrorCode::InvalidParams,
            t!("参数无效：{e}", "invalid params: {e}"),
        )
    })
}

fn to_json(result: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(result).map_err(|e| {
        Failure::new(
            ErrorCode::InternalError,
            t!("无法序列化结果：{e}", "cannot serialize the result: {e}"),
        )
    })
}

fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": message},
    })
}

fn notification<N: note::Notification>(params: N::Params) -> Value {
    // Our parameter types always serialize; `Null` keeps this free of panics all the same.
    let params = serde_json::to_value(params).unwrap_or_default();
    json!({"jsonrpc": "2.0", "method": N::METHOD, "params": params})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_chooses_the_language() {
        assert_eq!(lang_of(Some("en")), Lang::En);
        assert_eq!(lang_of(Some("en-US")), Lang::En);
        assert_eq!(lang_of(Some("EN-gb")), Lang::En);
        assert_eq!(lang_of(Some("zh-CN")), Lang::Zh);
        assert_eq!(lang_of(Some("fr")), Lang::Zh);
        assert_eq!(lang_of(Some("e")), Lang::Zh);
        assert_eq!(lang_of(Some("")), Lang::Zh);
        assert_eq!(lang_of(None), Lang::Zh);
    }
}
