//! Parsing: `.bud` text → spanned syntax tree (`ast`).
//!
//! `grammar/bud.pest` is the language's definition. Two parsers implement it:
//! - `fast`, a hand-written recogniser of the grammar, line by line, with no allocation but the
//!   tree's own strings. It takes every line it can; it never guesses: a line it does not
//!   recognise exactly as the grammar would goes to pest.
//! - pest, generated from the grammar: used for the lines `fast` leaves (bad lines, numbers out
//!   of range, …), to explain a bad line precisely (`strict_line`), and as the reference
//!   the fast parser is tested against (`parse_reference`: differential tests, and a fuzz
//!   target comparing both on any input).
//!
//! Either way a line that is not a statement gets its own precise diagnostic, and parsing goes
//! on with the next line.

pub mod ast;
mod cursor;
mod fast;
mod grammar;
mod lexical;
mod lower;
mod position;
pub mod statements;
mod value;

use crate::diag::Diagnostic;
use crate::source::{lines, SourceFile};
use ast::*;

pub use grammar::pest_only;
pub use lexical::AMOUNT_DIGITS;
pub use lower::parse_reference;
pub use position::{block_at, keyword_at, line_at, tokens, LineAt, Token, TokenKind};
pub use statements::{BlockKind, Kind, Layout, Statement, STATEMENTS};

/// Parses a whole file. Returns the statements that parsed and a diagnostic per bad line.
pub fn parse(file: &SourceFile) -> (ast::File, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let lines = statements(file, &mut diags).collect();
    (ast::File { lines }, diags)
}

/// The statements of a file, parsed one line at a time as they are asked for; a diagnostic per
/// bad line goes to `diags`. (`compile` builds the model from this stream, so the whole syntax
/// tree is never held.)
pub fn statements<'a>(
    file: &'a SourceFile,
    diags: &'a mut Vec<Diagnostic>,
) -> impl Iterator<Item = Line> + 'a {
    let text = file.text.as_str();
    lines(text).filter_map(move |(start, end)| parse_line(text, start, end, diags))
}

/// One line: by the fast parser, or else by pest.
fn parse_line(text: &str, start: usize, end: usize, diags: &mut Vec<Diagnostic>) -> Option<Line> {
    match fast::line(text, start, end) {
        fast::Outcome::Blank => None,
        fast::Outcome::Line(line) => Some(line),
        fast::Outcome::Defer => lower::pest_line(text, start, end, diags),
    }
}

/// The first `科目版本` and the first `年度` statement of a file, wherever they are (they choose
/// the catalog the rest is built against). Only lines that start with these keywords are
/// parsed.
pub fn catalog_years(file: &SourceFile) -> (Option<Word>, Option<Word>) {
    let text = file.text.as_str();
    let (mut catalog, mut year) = (None, None);
    for (start, end) in lines(text) {
        let line = text.get(start..end).unwrap_or_default();
        let head = line.trim_start_matches([' ', '\t', '\u{3000}']);
        let keywords = [Kind::CatalogYear.keyword(), Kind::Year.keyword()];
        if !keywords.iter().any(|k| head.starts_with(k)) {
            continue;
        }
        match parse_line(text, start, end, &mut Vec::new()).map(|l| l.stmt) {
            Some(Stmt::CatalogYear(w)) if catalog.is_none() => catalog = Some(w),
            Some(Stmt::Year(w)) if year.is_none() => year = Some(w),
            _ => {}
        }
        if catalog.is_some() && year.is_some() {
            break;
        }
    }
    (catalog, year)
}

/// Which parser took a line.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// Blank or a comment.
    Blank,
    /// The fast parser.
    Fast,
    /// Pest; `valid` when pest made a statement of it without a diagnostic (the fast parser
    /// should have taken it).
    Pest { valid: bool },
}

/// The parser that takes each line of a text, with the line's byte range (for the test that
/// the fast parser takes every valid line: pest is for bad lines only).
#[doc(hidden)]
pub fn paths(text: &str) -> Vec<((usize, usize), Path)> {
    lines(text)
        .map(|(start, end)| {
            let path = match fast::line(text, start, end) {
                fast::Outcome::Blank => Path::Blank,
                fast::Outcome::Line(_) => Path::Fast,
                fast::Outcome::Defer => {
                    let mut diags = Vec::new();
                    let line = lower::pest_line(text, start, end, &mut diags);
                    let valid = diags.is_empty() && line.is_some_and(|l| l.stmt != Stmt::Invalid);
                    Path::Pest { valid }
                }
            };
            ((start, end), path)
        })
        .collect()
}

/// Every keyword and the form of its statement, for help texts.
pub fn keywords() -> impl Iterator<Item = (&'static str, &'static str)> {
    statements::keywords()
}

#[cfg(test)]
mod tests;
