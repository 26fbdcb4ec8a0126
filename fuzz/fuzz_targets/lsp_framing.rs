//! Any bytes on the language server's input: the frame reader, the JSON-RPC layer and the
//! features run without a panic, the exit code is one `budc lsp` documents, and everything the
//! server writes is a well-formed frame holding JSON.
//!
//! The first byte chooses the mode. Even: the bytes are the raw stream (headers and all). Odd:
//! the server is initialized and a budget opened, then each line of the rest is sent as one
//! message body, well framed — so mutations reach the JSON-RPC layer and the features instead of
//! dying in the headers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::json;

const URI: &str = "file:///fuzz.bud";
const DOC: &str = "部门 甲\n年度 2024\n金额单位 万元\n二级单位 本级 甲本级\n收入 一般公共预算 300.00\n项目 P1 应急周转金\n  单位 本级\n  类型 特定目标类\n  支出 2080110 劳动关系和维权 300.00\n  目标 垫付。\n  指标 产出指标 数量指标 | 人数 | 约300人 | 发放\n基本支出\n  2010101 30101 10.00\n";

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = data.split_first() else {
        return;
    };
    let input = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        session(rest)
    };
    let mut out = Vec::new();
    let code = budc::lsp::serve(&input[..], &mut out, std::io::sink());
    assert!(matches!(code, 0..=2), "exit code {code}");
    let mut frames = budc::lsp::transport::Reader::new(&out[..]);
    while let Some(body) = frames.next_body().expect("the server writes well-formed frames") {
        serde_json::from_slice::<serde_json::Value>(&body).expect("the server writes JSON");
    }
});

fn session(lines: &[u8]) -> Vec<u8> {
    let init = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {}, "locale": "en"}});
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": URI, "languageId": "bud", "version": 1, "text": DOC}}});
    let mut input = Vec::new();
    let mut frame = |body: &[u8]| {
        input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        input.extend_from_slice(body);
    };
    frame(init.to_string().as_bytes());
    frame(open.to_string().as_bytes());
    for line in lines.split(|&b| b == b'\n') {
        frame(line);
    }
    input
}
