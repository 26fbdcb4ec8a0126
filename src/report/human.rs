//! Diagnostics drawn for people, with miette's graphical handler: the source lines around the
//! fault, underlined; long lines and long texts cut so that any input draws in bounded space.

use crate::diag::{Diagnostic, Lang, Severity};
use crate::source::SourceFile;
use std::fmt;

/// Options for drawing diagnostics for a person.
#[derive(Debug, Clone, Copy)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

impl Default for HumanStyle {
    fn default() -> Self {
        HumanStyle {
            color: false,
            width: 100,
            lang: Lang::Zh,
        }
    }
}

struct MietteView<'a> {
    diag: &'a Diagnostic,
    lang: Lang,
    source: Window<'a>,
}

/// The part of a file a diagnostic shows: whole lines around its labels. miette scans the
/// source it is given from the start for every label, so it gets only this window, with the
/// window's place in the file added back to the positions it reports.
struct Window<'a> {
    name: &'a str,
    /// The window's lines; a lone `\r` (a line break for budc) is given to miette as `\n`, the
    /// line break it knows (one byte for one, so every offset stays).
    text: std::borrow::Cow<'a, str>,
    /// Byte offset of the window in the file.
    start: usize,
    /// 0-based line of the window's first line.
    first_line: usize,
    /// For a clipped line: the characters cut before the excerpt, less the `…` put in their
    /// place, added to the columns miette reports.
    cut_chars: usize,
    marker_chars: usize,
}

impl miette::SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let offset = span
            .offset()
            .checked_sub(self.start)
            .ok_or(miette::MietteError::OutOfBounds)?;
        let local = miette::SourceSpan::new(offset.into(), span.len());
        let c = self.text.as_ref().read_span(&local, before, after)?;
        let shifted =
            miette::SourceSpan::new((c.span().offset() + self.start).into(), c.span().len());
        // miette counts the column in bytes; people count characters (as budc's JSON does).
        let column = offset
            .checked_sub(c.column())
            .and_then(|line_start| self.text.get(line_start..offset))
            .map(|s| s.chars().count())
            .unwrap_or(c.column());
        let column = (column + self.cut_chars).saturating_sub(self.marker_chars);
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            c.data(),
            shifted,
            c.line() + self.first_line,
            column,
            c.line_count(),
        )))
    }
}

/// Secondary labels further than this many lines from the primary one are not drawn (miette
/// would print every line in between); the help names their lines instead.
const NEAR: usize = 8;

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diag.message.get(self.lang))
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diag.message.get(self.lang))
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h.get(self.lang)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        (!self.diag.labels.is_empty()).then_some(&self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if self.diag.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.diag.labels.iter().map(|l| {
            let span = miette::SourceSpan::from(l.span.start..l.span.end);
            let text = l.message.get(self.lang);
            let text = (!text.is_empty()).then(|| text.to_string());
            if l.primary {
                miette::LabeledSpan::new_primary_with_span(text, span)
            } else {
                miette::LabeledSpan::new_with_span(text, span)
            }
        })))
    }
}

/// Renders one diagnostic with the source it points into (miette's graphical handler).
pub fn human(diag: &Diagnostic, file: &SourceFile, style: HumanStyle) -> String {
    let theme = if style.color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut near = printable(nearby(diag, file));
    let source = match window(&near, file) {
        Some(w) => w,
        None => clipped(&mut near, file),
    };
    let view = MietteView {
        diag: &near,
        lang: style.lang,
        source,
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &view).is_err() {
        // Rendering into a String does not fail in practice; fall back to the short form.
        out = short(diag, file, style.lang) + "\n";
    }
    out
}

/// The diagnostic as drawn: far secondary labels move into the help, with their line numbers.
fn nearby(diag: &Diagnostic, file: &SourceFile) -> Diagnostic {
    let primary = file.position(diag.offset()).line;
    let (near, far): (Vec<_>, Vec<_>) = diag.labels.iter().cloned().partition(|l| {
        let line = file.position(l.span.start).line;
        l.primary || line.abs_diff(primary) <= NEAR
    });
    let mut d = diag.clone();
    d.labels = near;
    if far.is_empty() {
        return d;
    }
    let mut help = d.help.clone().unwrap_or_default();
    // The far labels of one message together, in the order they first occur:
    // （又用于此处：第 12、40、77 行）.
    let mut groups: Vec<(&crate::diag::Text, Vec<usize>)> = Vec::new();
    for l in &far {
        let line = file.position(l.span.start).line;
        match groups.iter_mut().find(|(m, _)| **m == l.message) {
            Some((_, lines)) if lines.contains(&line) => {}
            Some((_, lines)) => lines.push(line),
            None => groups.push((&l.message, vec![line])),
        }
    }
    for (message, lines) in groups {
        let (zh, en) = (&*message.zh, &*message.en);
        let (zh, en) = if zh.is_empty() {
            ("另见", "see also")
        } else {
            (zh, en)
        };
        let list = |sep: &str| {
            lines
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(sep)
        };
        let (list_zh, list_en) = (list("、"), list(", "));
        let extra = if lines.len() == 1 {
            crate::diag::t!("（{zh}：第 {list_zh} 行）", " ({en}: line {list_en})")
        } else {
            crate::diag::t!("（{zh}：第 {list_zh} 行）", " ({en}: lines {list_en})")
        };
        help.zh.to_mut().push_str(&extra.zh);
        help.en.to_mut().push_str(&extra.en);
    }
    d.help = Some(help);
    d
}

/// Lines longer than this many characters are not drawn whole: the diagnostic shows an
/// excerpt of its line around the fault (a 200 MB line would otherwise be printed, and miette
/// cannot pad past column 65,535).
const LONG_LINE: usize = 1000;

/// Characters of the line shown on each side of the fault in a clipped line.
const EXCERPT_SIDE: usize = 60;

/// Whole lines from three before the first label to three after the last; `None` when one of
/// them is too long to draw.
fn window<'a>(diag: &Diagnostic, file: &'a SourceFile) -> Option<Window<'a>> {
    let starts = diag.labels.iter().map(|l| l.span.start);
    let ends = diag.labels.iter().map(|l| l.span.end);
    let (lo, hi) = match (starts.min(), ends.max()) {
        (Some(a), Some(b)) => (a, b.max(a)),
        _ => (0, 0),
    };
    let first = file.position(lo).line.saturating_sub(4);
    let last = file.position(hi).line + 3;
    let start = file.line_start(first);
    let end = file.line_start(last).min(file.text.len());
    let text = file.text.get(start..end).unwrap_or("");
    let too_long = |line: usize| {
        let (a, b) = (file.line_start(line), file.line_start(line + 1));
        // Bytes first: a line of fewer bytes has fewer characters.
        b - a > LONG_LINE
            && file
                .text
                .get(a..b)
                .is_some_and(|l| l.chars().count() > LONG_LINE)
    };
    if text.len() > LONG_LINE && (first..last).any(too_long) {
        return None;
    }
    let lone_cr = |(i, b): (usize, &u8)| *b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n');
    let text = if text.as_bytes().iter().enumerate().any(lone_cr) {
        let bytes: Vec<u8> = (text.as_bytes().iter().enumerate())
            .map(|(i, b)| if lone_cr((i, b)) { b'\n' } else { *b })
            .collect();
        std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    Some(Window {
        name: &file.name,
        text,
        start,
        first_line: first,
        cut_chars: 0,
        marker_chars: 0,
    })
}

/// The window of a diagnostic whose lines are too long to draw: the primary label's line
/// alone, cut to an excerpt around the label with `…` where text was left out. The labels on
/// that line are moved into the excerpt (clipped to it); labels on other lines are dropped.
fn clipped<'a>(diag: &mut Diagnostic, file: &'a SourceFile) -> Window<'a> {
    let primary = diag.primary_span().unwrap_or_default();
    let line = file.position(primary.start).line;
    let line_start = file.line_start(line - 1);
    let line_end = line_end(file, line);
    let at = primary.start.clamp(line_start, line_end);
    let text = &file.text;
    let back = |mut i: usize, n: usize| {
        for _ in 0..n {
            match text.get(line_start..i).and_then(|s| s.chars().next_back()) {
                Some(c) => i -= c.len_utf8(),
                None => break,
            }
        }
        i
    };
    let forward = |mut i: usize, n: usize| {
        for _ in 0..n {
            match text.get(i..line_end).and_then(|s| s.chars().next()) {
                Some(c) => i += c.len_utf8(),
                None => break,
            }
        }
        i
    };
    let a = back(at, EXCERPT_SIDE);
    let label_end = primary.end.clamp(at, line_end);
    let b = forward(label_end.min(forward(at, EXCERPT_SIDE)), EXCERPT_SIDE);
    let lead = if a > line_start { "…" } else { "" };
    let tail = if b < line_end { "…" } else { "" };
    let excerpt = format!("{lead}{}{tail}", text.get(a..b).unwrap_or(""));
    // Labels move into the excerpt's coordinates (the window starts at offset 0).
    diag.labels.retain(|l| (a..=b).contains(&l.span.start));
    for l in &mut diag.labels {
        let start = l.span.start - a + lead.len();
        let end = l.span.end.clamp(l.span.start, b) - a + lead.len();
        l.span = crate::source::Span::new(start, end);
    }
    let cut_chars = text.get(line_start..a).map_or(0, |s| s.chars().count());
    Window {
        name: &file.name,
        text: std::borrow::Cow::Owned(excerpt),
        start: 0,
        first_line: line - 1,
        cut_chars,
        marker_chars: lead.chars().count(),
    }
}

/// The byte offset where a 1-based line's text ends (before its line break).
fn line_end(file: &SourceFile, line: usize) -> usize {
    let next = file.line_start(line);
    let text = file.text.as_bytes();
    let mut end = next;
    while end > 0
        && matches!(text.get(end - 1), Some(b'\n' | b'\r'))
        && end > file.line_start(line - 1)
    {
        end -= 1;
    }
    end
}

/// A message, a help or a label longer than this many characters is cut, with `…`: they may
/// quote the user's text, which can be a whole 200 MB line.
const LONG_TEXT: usize = 400;

/// Cuts a text to `LONG_TEXT` characters.
fn bounded(s: &mut std::borrow::Cow<'static, str>) {
    if let Some((at, _)) = s.char_indices().nth(LONG_TEXT) {
        let s = s.to_mut();
        s.truncate(at);
        s.push('…');
    }
}

/// A diagnostic's texts cut to `LONG_TEXT` characters.
pub(super) fn bounded_texts(mut d: Diagnostic) -> Diagnostic {
    let texts = std::iter::once(&mut d.message)
        .chain(d.help.as_mut())
        .chain(d.labels.iter_mut().map(|l| &mut l.message));
    for t in texts {
        bounded(&mut t.zh);
        bounded(&mut t.en);
    }
    d
}

/// Control characters of user text (NUL from a binary file, escape sequences) shown escaped, so
/// a terminal never receives them; texts cut to a readable length.
fn printable(d: Diagnostic) -> Diagnostic {
    let mut d = bounded_texts(d);
    fn clean(t: &mut crate::diag::Text) {
        for s in [&mut t.zh, &mut t.en] {
            if s.chars().any(|c| c.is_control() && c != '\n') {
                let escaped: String = s
                    .chars()
                    .map(|c| match c {
                        '\n' => "\n".to_string(),
                        c if c.is_control() => c.escape_unicode().to_string(),
                        c => c.to_string(),
                    })
                    .collect();
                *s = escaped.into();
            }
        }
    }
    clean(&mut d.message);
    if let Some(h) = &mut d.help {
        clean(h);
    }
    for l in &mut d.labels {
        clean(&mut l.message);
    }
    d
}

/// `file:line:col: severity[code]: message`.
pub fn short(diag: &Diagnostic, file: &SourceFile, lang: Lang) -> String {
    let diag = &printable(diag.clone());
    let pos = file.position(diag.offset());
    format!(
        "{}:{}:{}: {}[{}]: {}",
        file.name,
        pos.line,
        pos.column,
        diag.severity.word(),
        diag.code,
        diag.message.get(lang)
    )
}
