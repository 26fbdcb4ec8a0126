//! A scripted LSP client for the tests: the messages are written in advance (the server answers
//! in order, so no test needs to wait for one answer before sending the next), then run through
//! the server in-process (`run`) or through the real `budc lsp` binary (`run_binary`, with a
//! timeout so a hang fails instead of hanging CI). The transcript is read by an independent
//! frame parser, not by the server's own.
#![allow(dead_code)] // each test file uses a part

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The `budc` binary in a locale that names no language (messages in Chinese, the default).
fn budc_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_budc"));
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    c
}

pub const URI: &str = "file:///tmp/budget.bud";

/// How long the binary may take for a whole script.
pub const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Default)]
pub struct Script {
    input: Vec<u8>,
    next_id: i64,
    version: i64,
}

impl Script {
    pub fn new() -> Script {
        Script {
            next_id: 1,
            ..Script::default()
        }
    }

    /// `initialize` (with the locale, if any) and `initialized`.
    pub fn initialized(locale: Option<&str>) -> Script {
        let mut s = Script::new();
        let mut params = json!({"capabilities": {}, "processId": null, "rootUri": null});
        if let Some(l) = locale {
            params["locale"] = json!(l);
        }
        s.request("initialize", params);
        s.notify("initialized", json!({}));
        s
    }

    /// Raw bytes, exactly as given.
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Script {
        self.input.extend_from_slice(bytes);
        self
    }

    /// A body, in a well-formed frame.
    pub fn frame(&mut self, body: &[u8]) -> &mut Script {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.raw(header.as_bytes()).raw(body)
    }

    /// A request; returns its id.
    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let m = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.frame(m.to_string().as_bytes());
        id
    }

    pub fn notify(&mut self, method: &str, params: Value) -> &mut Script {
        let m = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.frame(m.to_string().as_bytes())
    }

    pub fn open(&mut self, text: &str) -> &mut Script {
        self.version = 1;
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "bud", "version": 1, "text": text}}),
        )
    }

    pub fn change(&mut self, text: &str) -> &mut Script {
        self.version += 1;
        let v = self.version;
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": v}, "contentChanges": [{"text": text}]}),
        )
    }

    pub fn close(&mut self) -> &mut Script {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        )
    }

    /// `shutdown` and `exit`.
    pub fn end(&mut self) -> &mut Script {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null)
    }

    /// Through the server in this process.
    pub fn run(&self) -> Transcript {
        let start = Instant::now();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = budc::lsp::serve(&self.input[..], &mut out, &mut err);
        Transcript::new(Some(code), &out, &err, start.elapsed())
    }

    /// Through `budc lsp`, on its stdin and stdout.
    pub fn run_binary(&self) -> Transcript {
        let start = Instant::now();
        let mut child = budc_command()
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("budc lsp starts");
        let mut stdin = child.stdin.take().expect("stdin");
        let input = self.input.clone();
        // The server may stop reading early (that is the point of some tests): ignore EPIPE.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let mut stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let out = std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = stdout.read_to_end(&mut b);
            b
        });
        let err = std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = stderr.read_to_end(&mut b);
            b
        });
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("budc lsp did not finish within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let elapsed = start.elapsed();
        let _ = writer.join();
        let out = out.join().expect("stdout reader");
        let err = err.join().expect("stderr reader");
        Transcript::new(status.code(), &out, &err, elapsed)
    }
}

/// What the server wrote, and how it ended.
#[derive(Debug)]
pub struct Transcript {
    pub messages: Vec<Value>,
    /// `None` when killed by a signal.
    pub code: Option<i32>,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Transcript {
    fn new(code: Option<i32>, out: &[u8], err: &[u8], elapsed: Duration) -> Transcript {
        Transcript {
            messages: parse_frames(out),
            code,
            stderr: String::from_utf8_lossy(err).into_owned(),
            elapsed,
        }
    }

    /// The response to request `id`.
    pub fn response(&self, id: i64) -> &Value {
        self.messages
            .iter()
            .find(|m| m["id"] == json!(id) && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no response to {id} in {:#?}", self.messages))
    }

    /// The result of request `id` (which must not be an error).
    pub fn result(&self, id: i64) -> &Value {
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{r}");
        &r["result"]
    }

    /// Every notification of `method` the server sent, in order: its params.
    pub fn notified(&self, method: &str) -> Vec<Value> {
        self.messages
            .iter()
            .filter(|m| m["method"] == method && m.get("id").is_none())
            .map(|m| m["params"].clone())
            .collect()
    }

    /// Every `publishDiagnostics`, in order: (uri, diagnostics).
    pub fn published(&self) -> Vec<(String, Value)> {
        self.messages
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .map(|m| {
                let uri = m["params"]["uri"].as_str().unwrap_or_default().to_string();
                (uri, m["params"]["diagnostics"].clone())
            })
            .collect()
    }
}

/// `Content-Length: N\r\n\r\n` + N bytes, as the server writes them; panics on anything else.
fn parse_frames(mut out: &[u8]) -> Vec<Value> {
    let mut messages = Vec::new();
    while !out.is_empty() {
        let end = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header ends with an empty line");
        let header = std::str::from_utf8(&out[..end]).expect("ASCII header");
        let n: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad header {header:?}"));
        let body = &out[end + 4..end + 4 + n];
        messages.push(serde_json::from_slice(body).expect("a JSON body"));
        out = &out[end + 4 + n..];
    }
    messages
}
