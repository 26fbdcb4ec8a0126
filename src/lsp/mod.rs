//! `budc lsp`: the language server. It is a thin shell over the library: the same parse, checks
//! and formatter as the command line, speaking LSP over stdio (or any reader and writer: see
//! `serve`).
//!
//! Features, one file each: diagnostics on open and on every change, cleared on close
//! (`diagnostics`); hover on a classification code (`hover`); completion of codes by digits or by
//! name, of sub-units and of indicator categories (`completion`); formatting (`formatting`);
//! document symbols (`symbols`); go to the declaration of a sub-unit (`definition`); inlay hints
//! with project and block totals (`inlay_hints`). Positions are UTF-16, as LSP counts
//! (`position`). Messages follow the client's `locale` (`en…` → English, anything else → 中文).
//!
//! The session, and its exit code:
//! - requests before `initialize` are refused (-32002); notifications before it are dropped;
//! - `shutdown` then `exit` → 0; `exit` without `shutdown` → 1 (as LSP says);
//! - the input ends between two messages → 0 after `shutdown`, else 1;
//! - a body that is not JSON → a -32700 response, and the session goes on;
//! - a stream that cannot be split into messages (`transport::FramingError`, including a
//!   `Content-Length` above `MAX_MESSAGE_BYTES`) → a message on stderr, exit 2.

mod completion;
mod definition;
mod diagnostics;
mod formatting;
mod hover;
mod inlay_hints;
mod position;
mod session;
mod symbols;
pub mod transport;

pub use transport::MAX_MESSAGE_BYTES;

use crate::diag::t;
use crate::diag::{Lang, Text};
use session::Session;
use std::io::{self, BufRead, Write};
use transport::Reader;

/// `shutdown` then `exit`.
pub const EXIT_OK: i32 = 0;
/// `exit` without `shutdown`, or the input ended without them.
pub const EXIT_NO_SHUTDOWN: i32 = 1;
/// The stream could not be read as LSP frames, or the client could not be written to.
pub const EXIT_BROKEN_STREAM: i32 = 2;

/// Runs the server on stdin and stdout until the client says exit. Returns the exit code.
pub fn run() -> i32 {
    serve(io::stdin().lock(), io::stdout().lock(), io::stderr())
}

/// Runs a session: reads framed messages from `input`, writes framed answers to `output`, and
/// the reason for a broken stream to `log`. Returns the exit code. Never panics, whatever the
/// bytes.
pub fn serve(input: impl BufRead, mut output: impl Write, mut log: impl Write) -> i32 {
    let mut reader = Reader::new(input);
    let mut session = Session::default();
    loop {
        let step = match reader.next_body() {
            Ok(Some(body)) => session.receive(&body),
            Ok(None) => return session.end_of_input(&mut log),
            Err(e) => {
                report(&mut log, session.lang, &e.text());
                return EXIT_BROKEN_STREAM;
            }
        };
        for message in &step.send {
            if let Err(e) = transport::write_message(&mut output, message) {
                // The client has gone: a closed pipe is not worth a message.
                if e.kind() != io::ErrorKind::BrokenPipe {
                    let text = t!("无法写入客户端：{e}", "cannot write to the client: {e}");
                    report(&mut log, session.lang, &text);
                }
                return EXIT_BROKEN_STREAM;
            }
        }
        if let Some(code) = step.exit {
            return code;
        }
    }
}

fn report(log: &mut impl Write, lang: Lang, message: &Text) {
    let line = Text::new(
        format!("budc lsp：错误：{}", message.zh),
        format!("budc lsp: error: {}", message.en),
    );
    // stderr is the last resort: nothing to do if it fails too.
    let _ = writeln!(log, "{}", line.get(lang));
}
