//! The wire: LSP base-protocol frames (`Content-Length: N\r\n\r\n` + N bytes of JSON) read from
//! any `BufRead` and written to any `Write`, with every size bounded.
//!
//! We read frames ourselves instead of `lsp_server::Connection::stdio()`: that reader allocates
//! whatever `Content-Length` claims (a claim of 2⁶² bytes aborted the process) and ends the
//! session silently on a body that is not JSON. Here a body that is not JSON is answered with a
//! JSON-RPC parse error (-32700) and the session goes on; a frame that cannot be delimited is a
//! `FramingError`, which ends the session with exit code 2.

use crate::diag::t;
use crate::diag::Text;
use lsp_server::Message;
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};

/// The largest message body accepted: 64 MiB. A budget is a few hundred kilobytes; a larger
/// claim is refused before anything is allocated, and ends the session.
pub const MAX_MESSAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The longest header line accepted, `\r\n` included.
pub const MAX_HEADER_LINE_BYTES: usize = 1024;

/// The most header lines one message may have (LSP defines two).
pub const MAX_HEADER_LINES: usize = 32;

/// The body is read in steps of this size, so memory follows the bytes that really arrive, not
/// the length claimed.
const READ_STEP: usize = 64 * 1024;

/// A stream that can no longer be split into messages.
#[derive(Debug)]
pub enum FramingError {
    /// `Content-Length` above `MAX_MESSAGE_BYTES` (the value as written).
    TooLarge(String),
    /// A header section without `Content-Length`.
    MissingLength,
    /// A `Content-Length` that is not a decimal number, or two that disagree.
    BadLength(String),
    /// A header line that is not `Name: value` ending in `\r\n`.
    BadHeader(String),
    LineTooLong,
    TooManyHeaders,
    /// The stream ended inside a header section.
    EofInHeaders,
    /// The stream ended inside a body.
    EofInBody {
        read: u64,
        expected: u64,
    },
    Io(io::Error),
}

impl FramingError {
    pub fn text(&self) -> Text {
        let max = MAX_MESSAGE_BYTES;
        let line = MAX_HEADER_LINE_BYTES;
        let lines = MAX_HEADER_LINES;
        match self {
            FramingError::TooLarge(n) => t!(
                "消息过大：Content-Length 为 {n} 字节，上限为 {max} 字节（64 MiB）",
                "message too large: Content-Length is {n} bytes, the limit is {max} bytes (64 MiB)"
            ),
            FramingError::MissingLength => t!(
                "消息头中没有 Content-Length",
                "no Content-Length in the message header"
            ),
            FramingError::BadLength(v) => t!(
                "Content-Length 无效：{v:?}",
                "invalid Content-Length: {v:?}"
            ),
            FramingError::BadHeader(h) => t!(
                "消息头格式错误（应为“名称: 值”，以 \\r\\n 结尾）：{h:?}",
                "malformed header line (expected `Name: value` ending in \\r\\n): {h:?}"
            ),
            FramingError::LineTooLong => t!(
                "消息头的一行超过 {line} 字节",
                "a header line is longer than {line} bytes"
            ),
            FramingError::TooManyHeaders => {
                t!("消息头超过 {lines} 行", "more than {lines} header lines")
            }
            FramingError::EofInHeaders => t!(
                "输入在消息头中间结束",
                "the input ended inside a message header"
            ),
            FramingError::EofInBody { read, expected } => t!(
                "输入在消息体中间结束：应有 {expected} 字节，只收到 {read} 字节",
                "the input ended inside a message body: {read} of {expected} bytes received"
            ),
            FramingError::Io(e) => t!("读取输入失败：{e}", "cannot read the input: {e}"),
        }
    }
}

/// Reads message bodies, one frame at a time.
pub struct Reader<R> {
    input: R,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader { input }
    }

    /// The next body, or `None` at a clean end of input (between two messages).
    pub fn next_body(&mut self) -> Result<Option<Vec<u8>>, FramingError> {
        let Some(length) = self.headers()? else {
            return Ok(None);
        };
        self.body(length).map(Some)
    }

    /// Reads a header section; returns its `Content-Length`, or `None` at a clean end of input.
    fn headers(&mut self) -> Result<Option<u64>, FramingError> {
        let mut length: Option<u64> = None;
        for index in 0..=MAX_HEADER_LINES {
            let Some(line) = self.header_line(index == 0)? else {
                return Ok(None);
            };
            if line.is_empty() {
                return length.map(Some).ok_or(FramingError::MissingLength);
            }
            if index == MAX_HEADER_LINES {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(FramingError::BadHeader(line));
            };
            if !name.trim().eq_ignore_ascii_case("Content-Length") {
                // Content-Type and unknown headers: bodies are always UTF-8 JSON.
                continue;
            }
            let n = parse_length(value.trim_matches([' ', '\t']))?;
            if length.is_some_and(|m| m != n) {
                return Err(FramingError::BadLength(line));
            }
            length = Some(n);
        }
        Err(FramingError::TooManyHeaders)
    }

    /// One header line without its `\r\n`; `None` when the input ends before the first byte of
    /// a message.
    fn header_line(&mut self, first: bool) -> Result<Option<String>, FramingError> {
        let mut buf = Vec::new();
        let limit = MAX_HEADER_LINE_BYTES as u64;
        (&mut self.input)
            .take(limit)
            .read_until(b'\n', &mut buf)
            .map_err(FramingError::Io)?;
        if buf.is_empty() && first {
            return Ok(None);
        }
        let Some(line) = buf.strip_suffix(b"\n") else {
            return Err(if buf.len() as u64 >= limit {
                FramingError::LineTooLong
            } else {
                FramingError::EofInHeaders
            });
        };
        let Some(line) = line.strip_suffix(b"\r") else {
            return Err(FramingError::BadHeader(lossy(line)));
        };
        match std::str::from_utf8(line) {
            Ok(s) => Ok(Some(s.to_string())),
            Err(_) => Err(FramingError::BadHeader(lossy(line))),
        }
    }

    fn body(&mut self, expected: u64) -> Result<Vec<u8>, FramingError> {
        let mut body = Vec::new();
        loop {
            let read = body.len() as u64;
            if read == expected {
                return Ok(body);
            }
            let step = (expected - read).min(READ_STEP as u64);
            let got = (&mut self.input)
                .take(step)
                .read_to_end(&mut body)
                .map_err(FramingError::Io)?;
            if got == 0 {
                return Err(FramingError::EofInBody { read, expected });
            }
        }
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A `Content-Length` value: decimal digits only, at most `MAX_MESSAGE_BYTES`.
fn parse_length(value: &str) -> Result<u64, FramingError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FramingError::BadLength(value.to_string()));
    }
    match value.parse::<u64>() {
        Ok(n) if n <= MAX_MESSAGE_BYTES => Ok(n),
        // Too many digits for u64 is too large as well.
        _ => Err(FramingError::TooLarge(value.to_string())),
    }
}

/// What a body holds.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Not UTF-8, or not JSON (a lone surrogate escape included): JSON-RPC -32700.
    ParseError(String),
    /// JSON, but not a JSON-RPC message: -32600, with the request's id when it has a usable one.
    InvalidRequest {
        id: Value,
        reason: String,
    },
}

pub fn decode(body: &[u8]) -> Incoming {
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => return Incoming::ParseError(format!("the body is not UTF-8: {e}")),
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Incoming::ParseError(e.to_string()),
    };
    if !value.is_object() {
        // serde would read `[1]` as a response (a struct from a sequence); LSP has no batches.
        return Incoming::InvalidRequest {
            id: Value::Null,
            reason: "a message is a JSON object".into(),
        };
    }
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    match serde_json::from_value::<Message>(value) {
        // An id that lsp-server cannot hold (a fraction, a number beyond i32) made a request
        // look like a notification: answer it rather than stay silent.
        Ok(Message::Notification(_)) if !id.is_null() => Incoming::InvalidRequest {
            id,
            reason: "unsupported request id".into(),
        },
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::InvalidRequest {
            id,
            reason: e.to_string(),
        },
    }
}

/// Writes one message in a frame, and flushes.
pub fn write_message(out: &mut impl Write, message: &Value) -> io::Result<()> {
    let body = message.to_string();
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Result<Option<Vec<u8>>, String>> {
        let mut r = Reader::new(input);
        let mut out = Vec::new();
        loop {
            match r.next_body() {
                Ok(Some(b)) => out.push(Ok(Some(b))),
                Ok(None) => {
                    out.push(Ok(None));
                    return out;
                }
                Err(e) => {
                    out.push(Err(e.text().en.into_owned()));
                    return out;
                }
            }
        }
    }

    #[test]
    fn two_frames_then_a_clean_end() {
        let got = frames(b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]");
        assert_eq!(
            got,
            [
                Ok(Some(b"{}".to_vec())),
                Ok(Some(b"[1]".to_vec())),
                Ok(None)
            ]
        );
    }

    #[test]
    fn a_length_above_the_limit_is_refused_before_reading() {
        let got = frames(b"Content-Length: 67108865\r\n\r\n");
        assert_eq!(
            got,
            [Err("message too large: Content-Length is 67108865 bytes, the limit is 67108864 bytes (64 MiB)".into())]
        );
        let got = frames(b"Content-Length: 99999999999999999999999\r\n\r\n");
        assert!(matches!(&got[..], [Err(e)] if e.starts_with("message too large")));
    }

    #[test]
    fn the_limit_itself_is_accepted() {
        assert_eq!(parse_length("67108864").ok(), Some(MAX_MESSAGE_BYTES));
    }

    #[test]
    fn unrecoverable_frames() {
        let cases: &[(&[u8], &str)] = &[
            (b"\r\n{}", "no Content-Length in the message header"),
            (b"Content-Type: x\r\n\r\n{}", "no Content-Length in the message header"),
            (b"Content-Length: -1\r\n\r\n", "invalid Content-Length: \"-1\""),
            (b"Content-Length: \r\n\r\n", "invalid Content-Length: \"\""),
            (b"Content-Length: 2\nx", "malformed header line (expected `Name: value` ending in \\r\\n): \"Content-Length: 2\""),
            (b"garbage\r\n\r\n", "malformed header line (expected `Name: value` ending in \\r\\n): \"garbage\""),
            (b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n", "invalid Content-Length: \"Content-Length: 3\""),
            (b"Content-Length: 5\r\n\r\n{}", "the input ended inside a message body: 2 of 5 bytes received"),
            (b"Content-Length: 5\r\n", "the input ended inside a message header"),
        ];
        for (input, message) in cases {
            assert_eq!(frames(input), [Err(message.to_string())], "{input:?}");
        }
    }

    #[test]
    fn header_lines_are_bounded() {
        let long = format!("X: {}\r\n", "a".repeat(MAX_HEADER_LINE_BYTES));
        assert_eq!(
            frames(long.as_bytes()),
            [Err("a header line is longer than 1024 bytes".into())]
        );
        let many = "X: y\r\n".repeat(MAX_HEADER_LINES + 1);
        assert_eq!(
            frames(many.as_bytes()),
            [Err("more than 32 header lines".into())]
        );
    }

    #[test]
    fn bodies() {
        assert!(matches!(decode(b"{"), Incoming::ParseError(_)));
        assert!(matches!(decode(b"\xff"), Incoming::ParseError(_)));
        assert!(matches!(
            decode(br#"{"a":"\ud800"}"#),
            Incoming::ParseError(_)
        ));
        assert!(matches!(
            decode(b"[1]"),
            Incoming::InvalidRequest {
                id: Value::Null,
                ..
            }
        ));
        assert!(
            matches!(decode(br#"{"id":1.5,"method":"m"}"#), Incoming::InvalidRequest { id, .. } if id == 1.5)
        );
        assert!(matches!(
            decode(br#"{"jsonrpc":"2.0","id":7,"method":"m"}"#),
            Incoming::Message(Message::Request(r)) if r.id == 7.into() && r.method == "m"
        ));
    }
}
