//! The language server, driven through stdio with real JSON-RPC messages.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_budc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages: rx,
        }
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .expect("a response");
            if m["id"] == json!(id) {
                return m["result"].clone();
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn diagnostics(&mut self) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .expect("diagnostics");
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"]["diagnostics"].clone();
            }
        }
    }
}

const URI: &str = "file:///tmp/budget.bud";

const DOC: &str = "部门 甲\n年度 2024\n金额单位 万元\n二级单位 本级 甲本级\n收入 一般公共预算 300.00\n项目 P1 农民工欠薪应急周转金\n  单位 本级\n  类型 特定目标类\n  支出 2080110 劳动关系的维权 300.00\n  目标 垫付被拖欠的农民工工资。\n  指标 产出指标 数量指标 | 垫付人数 | 约300人 | 发放到位\n  指标 效益指标 社会效益指标 | 维护权益 | 持续保障 | 工作完成情况\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥95% | 满意度情况\n";

fn pos(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

#[test]
fn a_session_with_the_server() {
    let mut c = Client::start();
    let init = c.request(
        1,
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["documentFormattingProvider"], true);
    c.notify("initialized", json!({}));

    // Diagnostics on open: the name does not match 2080110 (line 9, UTF-16 columns 13..20).
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "bud", "version": 1, "text": DOC}}),
    );
    let d = c.diagnostics();
    assert_eq!(d.as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d[0]["code"], "E0304");
    assert_eq!(
        d[0]["range"],
        json!({"start": {"line": 8, "character": 13}, "end": {"line": 8, "character": 20}})
    );
    assert!(d[0]["message"].as_str().unwrap().contains("劳动关系和维权"));

    // Hover on the code: catalog name, level, amount in this budget.
    let h = c.request(2, "textDocument/hover", pos(8, 9));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("2080110 劳动关系和维权")
            && text.contains("项")
            && text.contains("300.00 万元"),
        "{text}"
    );

    // Completion by digits: typing 20801 offers its 项.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": format!("{DOC}项目 P2 乙\n  支出 20801")}]}));
    c.diagnostics();
    let items = c.request(3, "textDocument/completion", pos(14, 12));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"2080110") && labels.contains(&"2080102"),
        "{labels:?}"
    );
    // … and by name.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": format!("{DOC}项目 P2 乙\n  支出 劳动关系")}]}));
    c.diagnostics();
    let items = c.request(4, "textDocument/completion", pos(14, 9));
    let first = &items[0];
    assert_eq!(first["label"], "2080110 劳动关系和维权");
    assert_eq!(first["textEdit"]["newText"], "2080110");
    // Sub-units after 单位.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": 4}, "contentChanges": [{"text": format!("{DOC}项目 P2 乙\n  单位 ")}]}));
    c.diagnostics();
    let items = c.request(5, "textDocument/completion", pos(14, 5));
    assert_eq!(items[0]["label"], "本级");

    // Back to the document; fix the name: no diagnostics.
    let fixed = DOC.replace("劳动关系的维权", "劳动关系和维权");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 5}, "contentChanges": [{"text": fixed}]}),
    );
    assert_eq!(c.diagnostics(), json!([]));

    // Go to the declaration of the sub-unit.
    let def = c.request(6, "textDocument/definition", pos(6, 6));
    assert_eq!(def["range"]["start"], json!({"line": 3, "character": 5}));

    // Symbols, inlay hints, formatting.
    let symbols = c.request(
        7,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["二级单位 本级", "农民工欠薪应急周转金 P1"]);
    let hints = c.request(8, "textDocument/inlayHint", json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}}}));
    assert_eq!(hints[0]["label"], "= 300.00 万元");
    let messy = fixed.replace("收入 一般公共预算 300.00", "收入   一般公共预算 300.00");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 6}, "contentChanges": [{"text": messy}]}),
    );
    c.diagnostics();
    let edits = c.request(
        9,
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits[0]["newText"].as_str().unwrap(), fixed);

    let _ = c.request(10, "shutdown", Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert!(status.success());
}
