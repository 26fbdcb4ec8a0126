//! What a command says: diagnostics on standard error (bounded), results on standard output
//! (a closed pipe ends the output quietly), and its own messages, in one language.

use super::args::LimitArgs;
use crate::diag::t;
use crate::diag::{Diagnostic, Lang, Severity, Text};
use crate::files::{FileError, Limits};
use crate::report::{self as render, HumanStyle};
use crate::source::SourceFile;
use std::io::{IsTerminal, Write};

/// Exit codes.
pub const OK: i32 = 0;
pub const ERRORS: i32 = 1;
pub const USAGE: i32 = 2;

/// A command's voice: its language, its limits, and what it has printed so far.
pub struct Ui {
    pub lang: Lang,
    pub limits: Limits,
    style: HumanStyle,
    max_per_file: usize,
    max_total: usize,
    printed: usize,
    /// Diagnostics not printed because of the caps.
    pub omitted: usize,
    stdout_closed: bool,
}

impl Ui {
    pub fn new(lang: Lang, limits: Option<LimitArgs>) -> Self {
        let l = limits.unwrap_or(LimitArgs {
            max_input_size: crate::files::read::DEFAULT_MAX_INPUT,
            max_diagnostics: usize::MAX,
            max_total_diagnostics: usize::MAX,
        });
        Ui {
            lang,
            limits: Limits {
                max_input: l.max_input_size,
            },
            style: HumanStyle {
                color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
                width: 100,
                lang,
            },
            max_per_file: l.max_diagnostics,
            max_total: l.max_total_diagnostics,
            printed: 0,
            omitted: 0,
            stdout_closed: false,
        }
    }

    /// Says that a file was written, with its size (a character device such as /dev/null has
    /// none).
    pub fn written(&self, path: &std::path::Path) {
        let p = path.display();
        match std::fs::metadata(path).ok().filter(|m| m.is_file()) {
            Some(m) => {
                let size = crate::files::read::human_size(m.len());
                self.say(&t!("已写入 {p}（{size}）", "wrote {p} ({size})"));
            }
            None => self.say(&t!("已写入 {p}", "wrote {p}")),
        }
    }

    /// A line on standard error (a failed write to stderr has nowhere to be reported).
    pub fn say(&self, text: &Text) {
        let _ = writeln!(std::io::stderr().lock(), "{}", text.get(self.lang));
    }

    /// An error of the command itself (usage, I/O): said, and the usage exit code returned.
    pub fn fail(&self, text: Text) -> i32 {
        let (zh, en) = (&text.zh, &text.en);
        self.say(&t!("错误：{zh}", "error: {en}"));
        USAGE
    }

    /// A file that could not be read or written.
    pub fn file_error(&self, e: &FileError) -> i32 {
        self.fail(Text::new(e.line(Lang::Zh), e.line(Lang::En)))
    }

    /// A file passed over, as a note.
    pub fn note(&self, e: &FileError) {
        let (zh, en) = (e.line(Lang::Zh), e.line(Lang::En));
        self.say(&t!("注意：{zh}", "note: {en}"));
    }

    /// Draws a file's diagnostics for a person, within the caps per file and per run.
    pub fn diagnostics(&mut self, diags: &[Diagnostic], file: &SourceFile) {
        let room = self
            .max_per_file
            .min(self.max_total.saturating_sub(self.printed));
        let shown = diags.len().min(room);
        let mut err = std::io::stderr().lock();
        for d in &diags[..shown] {
            if write!(err, "{}", render::human(d, file, self.style)).is_err() {
                break;
            }
        }
        self.printed += shown;
        let hidden = diags.len() - shown;
        self.omitted += hidden;
        if hidden > 0 {
            let name = &file.name;
            let _ = writeln!(
                err,
                "{}",
                t!(
                    "{name}：另有 {hidden} 条诊断未显示（上限见 --max-diagnostics、--max-total-diagnostics）",
                    "{name}: {hidden} more diagnostics not shown (limits: --max-diagnostics, --max-total-diagnostics)"
                )
                .get(self.lang)
            );
        }
    }

    /// The diagnostics of a file kept for a machine format (JSON, SARIF), within the same caps.
    pub fn capped<'a>(&mut self, diags: &'a [Diagnostic]) -> &'a [Diagnostic] {
        let room = self
            .max_per_file
            .min(self.max_total.saturating_sub(self.printed));
        let shown = diags.len().min(room);
        self.printed += shown;
        self.omitted += diags.len() - shown;
        &diags[..shown]
    }

    /// Writes a result to standard output. A closed pipe (`| head`) ends the output quietly;
    /// any other failure (a full disk) is an I/O error, said and returned as `Err(USAGE)`.
    pub fn out(&mut self, bytes: &[u8]) -> Result<(), i32> {
        self.out_with(|w| w.write_all(bytes))
    }

    /// Streams a result to standard output through `fill` (buffered), as `out` does with bytes.
    pub fn out_with(
        &mut self,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), i32> {
        if self.stdout_closed {
            return Ok(());
        }
        let mut o = std::io::BufWriter::new(std::io::stdout().lock());
        match fill(&mut o).and_then(|_| o.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.stdout_closed = true;
                Ok(())
            }
            Err(e) => Err(self.fail(t!(
                "无法写入标准输出：{e}",
                "cannot write to standard output: {e}"
            ))),
        }
    }
}

/// Errors and warnings among diagnostics.
pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    diags.iter().fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
        Severity::Note => (e, w),
    })
}

/// Whether any diagnostic is a syntax error (family 语法, E00xx): such a file has no model to
/// compare or format.
pub fn has_syntax_errors(diags: &[Diagnostic]) -> bool {
    diags
        .iter()
        .any(|d| d.severity == Severity::Error && crate::diag::codes::is_syntax(d.code))
}
