//! Attacks on `budc lsp`'s framing and JSON-RPC layer (issue 11, point 3), each through the real
//! binary on piped stdin and stdout. Before the server read its frames itself, the first two
//! aborted or allocated gigabytes, and the others ended the session silently with exit 0.

mod lsp_client;

use lsp_client::{Script, Transcript};
use serde_json::json;
use std::time::Duration;

/// A refused frame is refused at once, not after reading or allocating what it claims.
const FAST: Duration = Duration::from_secs(5);

fn assert_broken_stream(t: &Transcript, stderr_has: &[&str]) {
    assert_eq!(t.code, Some(2), "{t:#?}");
    for s in stderr_has {
        assert!(t.stderr.contains(s), "stderr lacks {s:?}: {:?}", t.stderr);
    }
    assert!(t.elapsed < FAST, "took {:?}", t.elapsed);
}

/// The session is still alive after a bad body: it answers the parse error with -32700 and
/// `id: null`, then answers `shutdown` and ends cleanly on `exit`.
fn assert_parse_error_then_alive(bad_body: &[u8]) {
    let mut s = Script::initialized(None);
    s.frame(bad_body);
    s.end();
    let t = s.run_binary();
    assert_eq!(t.code, Some(0), "{t:#?}");
    let errors: Vec<_> = t
        .messages
        .iter()
        .filter(|m| m.get("error").is_some())
        .collect();
    assert_eq!(errors.len(), 1, "{t:#?}");
    assert_eq!(errors[0]["id"], json!(null));
    assert_eq!(errors[0]["error"]["code"], -32700);
    assert_eq!(errors[0]["jsonrpc"], "2.0");
    // shutdown was request 2, after initialize (1).
    assert_eq!(t.response(2)["result"], json!(null));
    assert!(t.response(2).get("error").is_none());
}

#[test]
fn a_content_length_of_2_pow_62_is_refused_without_an_abort() {
    let t = Script::new()
        .raw(b"Content-Length: 4611686018427387904\r\n\r\n{}")
        .run_binary();
    assert_broken_stream(&t, &[]);
    assert_eq!(
        t.stderr,
        "budc lsp：错误：消息过大：Content-Length 为 4611686018427387904 字节，上限为 67108864 字节（64 MiB）\n"
    );
    assert!(t.messages.is_empty());
}

#[test]
fn a_content_length_of_ten_gigabytes_is_refused_before_allocating() {
    let t = Script::new()
        .raw(b"Content-Length: 9999999999\r\n\r\n{\"jsonrpc\":\"2.0\"}")
        .run_binary();
    assert_broken_stream(&t, &["9999999999", "67108864"]);
}

#[test]
fn one_byte_above_the_limit_is_refused() {
    let t = Script::new()
        .raw(b"Content-Length: 67108865\r\n\r\n")
        .run_binary();
    assert_broken_stream(&t, &["67108865", "67108864"]);
}

#[test]
fn a_body_that_is_not_json_gets_a_parse_error_and_the_session_goes_on() {
    assert_parse_error_then_alive(br#"{"jsonrpc": "2.0", "id": 5, "method":"#);
}

#[test]
fn an_invalid_utf8_body_gets_a_parse_error_and_the_session_goes_on() {
    assert_parse_error_then_alive(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\xfe\"}");
}

#[test]
fn a_lone_surrogate_gets_a_parse_error_and_the_session_goes_on() {
    assert_parse_error_then_alive(
        br#"{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"x":"\ud800"}}"#,
    );
}

#[test]
fn a_parse_error_does_not_lose_the_next_request() {
    let mut s = Script::initialized(None);
    s.frame(b"not json");
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": lsp_client::URI}}),
    );
    s.end();
    let t = s.run_binary();
    assert_eq!(t.code, Some(0), "{t:#?}");
    // An unknown document has no symbols: null, not an error.
    assert_eq!(t.result(symbols), &json!(null));
}

#[test]
fn a_missing_content_length_ends_the_session_with_exit_2() {
    let t = Script::new()
        .raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")
        .run_binary();
    assert_broken_stream(&t, &[]);
    assert_eq!(t.stderr, "budc lsp：错误：消息头中没有 Content-Length\n");
}

#[test]
fn a_garbled_content_length_ends_the_session_with_exit_2() {
    let t = Script::new()
        .raw(b"Content-Length: 12abc\r\n\r\n{}")
        .run_binary();
    assert_broken_stream(&t, &["Content-Length", "12abc"]);
}

#[test]
fn a_body_cut_short_by_the_end_of_input_ends_the_session_with_exit_2() {
    let t = Script::new()
        .raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\"")
        .run_binary();
    assert_broken_stream(&t, &[]);
    assert_eq!(
        t.stderr,
        "budc lsp：错误：输入在消息体中间结束：应有 100 字节，只收到 16 字节\n"
    );
}

#[test]
fn an_endless_header_line_ends_the_session_with_exit_2() {
    let mut line = b"X-Padding: ".to_vec();
    line.extend(std::iter::repeat_n(b'a', 1 << 20));
    let t = Script::new().raw(&line).run_binary();
    assert_broken_stream(&t, &["1024"]);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut s = Script::initialized(None);
    s.notify("exit", json!(null));
    let t = s.run_binary();
    assert_eq!(t.code, Some(1), "{t:#?}");
}

#[test]
fn the_broken_stream_message_follows_the_client_locale() {
    let mut s = Script::initialized(Some("en-US"));
    s.raw(b"Content-Length 12\r\n\r\n");
    let t = s.run_binary();
    assert_broken_stream(&t, &[]);
    assert_eq!(
        t.stderr,
        "budc lsp: error: malformed header line (expected `Name: value` ending in \\r\\n): \"Content-Length 12\"\n"
    );
}

#[test]
fn the_end_of_input_without_shutdown_is_exit_code_1_with_a_message() {
    let t = Script::initialized(Some("en")).run_binary();
    assert_eq!(t.code, Some(1), "{t:#?}");
    assert_eq!(
        t.stderr,
        "budc lsp: error: the input ended without shutdown and exit\n"
    );
}

/// The fuzz target's property (`fuzz/fuzz_targets/lsp_framing.rs`), on every `cargo test`: any
/// bytes, raw or as well-framed bodies after `initialize`, end the session with a documented
/// exit code, without a panic, having written only well-framed JSON.
mod any_bytes {
    use super::lsp_client::Script;
    use proptest::prelude::*;
    use serde_json::json;

    fn assert_sane(s: &Script) {
        let t = s.run(); // parses every frame the server wrote as JSON, or panics
        assert!(matches!(t.code, Some(0..=2)), "{t:#?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn raw_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            assert_sane(Script::new().raw(&bytes));
        }

        #[test]
        fn raw_headers(header in "[A-Za-z: \\-0-9\r\n]{0,80}", body in "[{}\"a-z:,0-9]{0,40}") {
            assert_sane(Script::new().raw(header.as_bytes()).raw(body.as_bytes()));
        }

        #[test]
        fn framed_bodies(bodies in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..64), 0..8)) {
            let mut s = Script::initialized(Some("en"));
            s.notify("textDocument/didOpen", json!({"textDocument": {"uri": super::lsp_client::URI, "languageId": "bud", "version": 1, "text": "部门 甲\n"}}));
            for b in &bodies {
                s.frame(b);
            }
            assert_sane(&s);
        }
    }
}
