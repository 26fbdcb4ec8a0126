//! `budc fmt`: the canonical form of a `.bud` file.
//!
//! One statement per line; block members indented by two spaces; single spaces between tokens;
//! indicator fields separated by ` | `; amounts without thousands separators, with the decimals
//! as written; counts without leading zeros; the amounts of consecutive lines of the same kind
//! right-aligned in a column; comments and blank lines kept (a comment's indentation is made two
//! spaces or none). Formatting never changes what the file says (a test checks that the model
//! is the same) and formatting twice changes nothing.
//!
//! fmt walks the tokens of each line (`syntax::tokens`) and joins them as the statement's layout
//! in the statement table says (`syntax::Layout`): text fields (names, goal text, indicator
//! fields, prose) are kept as written, only spaces change. It looks inside a token in one place:
//! the `=` of an assertion, which the grammar lets touch the words around it.
//!
//! Line ends are kept: a file whose lines end in CRLF stays CRLF (and LF stays LF, a lone CR
//! stays a lone CR). A file that mixes them gets the one most of its lines end with (LF on a
//! tie); `LineEnds::note` says so, for the command line and the language server to tell.

use crate::diag::t;
use crate::diag::{Diagnostic, Text};
use crate::source::SourceFile;
use crate::source::Span;
use crate::syntax::ast::{AssertValue, Line, Stmt};
use crate::syntax::{tokens, Kind, Layout, Token, TokenKind};
use unicode_width::UnicodeWidthStr;

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    Crlf,
    Cr,
}

impl LineEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnd::Lf => "\n",
            LineEnd::Crlf => "\r\n",
            LineEnd::Cr => "\r",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LineEnd::Lf => "LF",
            LineEnd::Crlf => "CRLF",
            LineEnd::Cr => "CR",
        }
    }
}

/// The line ends of a text, counted as the grammar splits lines (`\n`, `\r\n`, a lone `\r`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineEnds {
    pub lf: usize,
    pub crlf: usize,
    pub cr: usize,
}

impl LineEnds {
    pub fn of(text: &str) -> LineEnds {
        let mut ends = LineEnds::default();
        let mut bytes = text.bytes().peekable();
        while let Some(b) = bytes.next() {
            match b {
                b'\n' => ends.lf += 1,
                b'\r' if bytes.peek() == Some(&b'\n') => {
                    bytes.next();
                    ends.crlf += 1;
                }
                b'\r' => ends.cr += 1,
                _ => {}
            }
        }
        ends
    }

    /// The line end most lines have; LF on a tie with it, or when there is no line end, and CRLF
    /// before a lone CR.
    pub fn majority(&self) -> LineEnd {
        if self.lf >= self.crlf && self.lf >= self.cr {
            LineEnd::Lf
        } else if self.crlf >= self.cr {
            LineEnd::Crlf
        } else {
            LineEnd::Cr
        }
    }

    /// Whether more than one kind of line end is used.
    pub fn mixed(&self) -> bool {
        [self.lf, self.crlf, self.cr]
            .iter()
            .filter(|&&n| n > 0)
            .count()
            > 1
    }

    /// For a file that mixes line ends: what the formatter made of them.
    pub fn note(&self) -> Option<Text> {
        if !self.mixed() {
            return None;
        }
        let (lf, crlf, cr) = (self.lf, self.crlf, self.cr);
        let to = self.majority().name();
        Some(t!(
            "行尾混用（LF {lf} 行，CRLF {crlf} 行，CR {cr} 行），已统一为多数的 {to}",
            "mixed line ends (LF: {lf} lines, CRLF: {crlf}, CR: {cr}) made {to}, as most lines are"
        ))
    }
}

/// Formats a source file, keeping its line ends (see `LineEnds`). Files with syntax errors are
/// not formatted: their diagnostics come back.
pub fn format(file: &SourceFile) -> Result<String, Vec<Diagnostic>> {
    let s = format_lf(file)?;
    Ok(match LineEnds::of(&file.text).majority() {
        LineEnd::Lf => s,
        end => s.replace('\n', end.as_str()),
    })
}

/// Formats a source file with every line ending in `\n`.
fn format_lf(file: &SourceFile) -> Result<String, Vec<Diagnostic>> {
    let (ast, diags) = crate::syntax::parse(file);
    if !diags.is_empty() {
        return Err(diags);
    }
    let text = &file.text;
    // The statements, by the byte offset of the source line they stand on.
    let mut stmts = ast.lines.iter().peekable();
    let mut out: Vec<Formatted> = Vec::new();
    // The source lines as the grammar splits them (`\n`, `\r\n` or a lone `\r`); each comes out
    // ending in `\n` (`format` then gives them the file's line end).
    for (start, end) in crate::source::lines(text) {
        let stmt = match stmts.peek() {
            Some(l) if l.span.start >= start && l.span.start < end => stmts.next(),
            _ => None,
        };
        out.push(match stmt {
            Some(l) => statement(l, text, start, end),
            None => verbatim(text, start, end),
        });
    }
    align(&mut out);
    let mut s: String = out.iter().map(|f| f.render() + "\n").collect();
    // No blank lines at the end of the file.
    while s.ends_with("\n\n") {
        s.pop();
    }
    if s.trim().is_empty() {
        s.clear();
    }
    Ok(s)
}

/// One output line: an indentation, the text before the amount, the amount, a trailing comment.
struct Formatted {
    indent: &'static str,
    head: String,
    /// The amount that ends the statement, aligned with its neighbours of the same `kind`.
    amount: Option<String>,
    kind: Option<Kind>,
    comment: Option<String>,
}

impl Formatted {
    fn render(&self) -> String {
        let mut s = format!("{}{}", self.indent, self.head);
        if let Some(a) = &self.amount {
            if !self.head.is_empty() {
                s.push(' ');
            }
            s.push_str(a);
        }
        if let Some(c) = &self.comment {
            s.push(' ');
            s.push_str(c);
        }
        // Only the grammar's spaces: other whitespace ending a text is part of it.
        s.trim_end_matches([' ', '\t', '\u{3000}']).to_string()
    }
}

/// Comment lines keep their text, indented like a block member if they were indented at all;
/// blank lines stay blank.
fn verbatim(text: &str, start: usize, end: usize) -> Formatted {
    let tokens = tokens(text, start, end);
    let comment = tokens.iter().find(|t| t.kind == TokenKind::Comment);
    let indented = tokens.first().is_some_and(|t| t.kind == TokenKind::Indent);
    Formatted {
        indent: if indented && comment.is_some() {
            "  "
        } else {
            ""
        },
        head: comment.map_or_else(String::new, |t| slice(text, t.span).trim().to_string()),
        amount: None,
        kind: None,
        comment: None,
    }
}

/// An amount as written, without thousands separators or leading zeros. Its decimals are kept
/// as written: this works on the text, not the value, so nothing is rounded or reformatted.
fn amount_text(written: &str) -> String {
    let (sign, digits) = match written.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", written),
    };
    let digits = digits.replace(',', "");
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits.as_str(), None),
    };
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        w => w,
    };
    match fraction {
        Some(f) => format!("{sign}{whole}.{f}"),
        None => format!("{sign}{whole}"),
    }
}

/// The grammar's spaces: what a text field is trimmed of.
const SPACES: [char; 3] = [' ', '\t', '\u{3000}'];

fn statement(l: &Line, text: &str, start: usize, end: usize) -> Formatted {
    let tokens = tokens(text, start, end);
    // Only a `#` past the statement is a comment token (a name or a text may hold one).
    let comment = tokens
        .iter()
        .find(|t| t.kind == TokenKind::Comment)
        .map(|t| slice(text, t.span).trim().to_string());
    let (head, amount, kind) = match l.stmt.kind() {
        Some(kind) => laid_out(l, kind, text, &tokens),
        None => (String::new(), None, None),
    };
    Formatted {
        indent: if l.indented { "  " } else { "" },
        head,
        amount,
        kind,
        comment,
    }
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or_default()
}

/// A statement as (text before the amount, the amount, the alignment group): its keyword (from
/// the statement table) and its words, one space apart, as its layout says; the amount that
/// ends it is aligned with the amounts of the lines of the same kind around it.
fn laid_out(
    l: &Line,
    kind: Kind,
    text: &str,
    tokens: &[Token],
) -> (String, Option<String>, Option<Kind>) {
    let keyword = kind.keyword();
    // After the keyword as written: a paragraph's mark may be `＞`, and need not be followed by
    // a space.
    let body = slice(text, l.span)
        .char_indices()
        .nth(keyword.chars().count())
        .map_or(l.span.end, |(i, _)| l.span.start + i);
    let inside = |t: &&Token| t.span.start >= body && t.span.end <= l.span.end;
    let spans: Vec<Span> = tokens
        .iter()
        .filter(inside)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span)
        .collect();
    let words: Vec<&str> = spans.iter().map(|&s| slice(text, s)).collect();
    let mut parts: Vec<String> = Vec::new();
    let mut amount = None;
    match kind.layout() {
        Layout::Words => parts.extend(words.iter().map(|w| w.to_string())),
        Layout::Amount | Layout::CountAmount => {
            if let Some((last, rest)) = words.split_last() {
                let count_first = kind.layout() == Layout::CountAmount;
                parts.extend(rest.iter().enumerate().map(|(i, w)| match i {
                    0 if count_first => integer(w),
                    _ => w.to_string(),
                }));
                amount = Some(amount_text(last));
            }
        }
        Layout::Count => {
            if let Some((last, rest)) = words.split_last() {
                parts.extend(rest.iter().map(|w| w.to_string()));
                parts.push(integer(last));
            }
        }
        Layout::Text(n) => {
            parts.extend(words.iter().take(n).map(|w| w.to_string()));
            // The text starts after the words before it (or the keyword).
            let from = n
                .checked_sub(1)
                .and_then(|i| spans.get(i))
                .map_or(body, |s| s.end);
            let rest = text
                .get(from..l.span.end)
                .unwrap_or_default()
                .trim_matches(SPACES);
            if !rest.is_empty() {
                parts.push(rest.to_string());
            }
        }
        Layout::Fields => fields(text, tokens.iter().filter(inside), l.span.end, &mut parts),
        Layout::Equation => equation(l, text, tokens.iter().filter(inside), body, &mut parts),
    }
    let mut head = keyword.to_string();
    for part in parts {
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(&part);
    }
    let group = amount.is_some().then_some(kind);
    (head, amount, group)
}

/// `一级 二级 | 三级 | 指标值 | 评分标准`: the words before the first separator, then the fields
/// between the separators, as written.
fn fields<'t>(
    text: &str,
    tokens: impl Iterator<Item = &'t Token>,
    end: usize,
    parts: &mut Vec<String>,
) {
    let mut field: Option<usize> = None;
    let push_field = |parts: &mut Vec<String>, from: usize, to: usize| {
        let f = text.get(from..to).unwrap_or_default().trim_matches(SPACES);
        parts.push(f.to_string());
    };
    for t in tokens {
        match (t.kind, field) {
            (TokenKind::Separator, None) => parts.push("|".into()),
            (TokenKind::Separator, Some(from)) => {
                push_field(parts, from, t.span.start);
                parts.push("|".into());
            }
            (TokenKind::Word, None) => parts.push(slice(text, t.span).to_string()),
            _ => {}
        }
        if t.kind == TokenKind::Separator {
            field = Some(t.span.end);
        }
    }
    if let Some(from) = field {
        push_field(parts, from, end);
    }
}

/// `断言 <figure> = <value>`: the words of the figure, `=`, the value as written (an amount
/// without thousands separators: `02` stays a code cell, not the number 2; its unit, if any,
/// one space after it).
fn equation<'t>(
    l: &Line,
    text: &str,
    tokens: impl Iterator<Item = &'t Token>,
    body: usize,
    parts: &mut Vec<String>,
) {
    let rest = text.get(body..l.span.end).unwrap_or_default();
    let Some((eq, eq_len)) = rest
        .char_indices()
        .find(|&(_, c)| c == '=' || c == '＝')
        .map(|(i, c)| (body + i, c.len_utf8()))
    else {
        return;
    };
    // A word of the figure runs to a space or to the `=`; a `|` is part of it.
    let mut word: Option<(usize, usize)> = None;
    for t in tokens.take_while(|t| t.span.start < eq) {
        let to = t.span.end.min(eq);
        word = match (t.kind, word) {
            (TokenKind::Space, Some((a, b))) => {
                parts.push(text.get(a..b).unwrap_or_default().to_string());
                None
            }
            (TokenKind::Space, None) => None,
            (_, Some((a, _))) => Some((a, to)),
            (_, None) => Some((t.span.start, to)),
        };
    }
    if let Some((a, b)) = word {
        parts.push(text.get(a..b).unwrap_or_default().to_string());
    }
    parts.push("=".into());
    let value = text
        .get(eq + eq_len..l.span.end)
        .unwrap_or_default()
        .trim_matches(SPACES);
    parts.push(match &l.stmt {
        // The amount, then its unit one space after it (`507.25 万元`).
        Stmt::Assertion {
            value: AssertValue::Amount(_, written, unit),
            ..
        } => match unit {
            Some(u) => format!("{} {}", written.value.replace(',', ""), u.value),
            None => written.value.replace(',', ""),
        },
        _ => value.to_string(),
    });
}

/// A count as its value: `007` → `7`.
fn integer(written: &str) -> String {
    written
        .parse::<u32>()
        .map_or_else(|_| written.to_string(), |n| n.to_string())
}

/// Aligns the amounts of each run of consecutive lines of the same kind and indentation.
fn align(lines: &mut [Formatted]) {
    let mut start = 0;
    while start < lines.len() {
        let Some(kind) = lines[start].kind else {
            start += 1;
            continue;
        };
        let indent = lines[start].indent;
        let mut end = start + 1;
        while end < lines.len() && lines[end].kind == Some(kind) && lines[end].indent == indent {
            end += 1;
        }
        let width = lines[start..end]
            .iter()
            .map(|l| l.head.width())
            .max()
            .unwrap_or(0);
        let amount_width = lines[start..end]
            .iter()
            .filter_map(|l| l.amount.as_ref().map(|a| a.len()))
            .max()
            .unwrap_or(0);
        for l in &mut lines[start..end] {
            let pad = width - l.head.width();
            l.head.push_str(&" ".repeat(pad));
            // Amounts are right-aligned, so their decimal points line up.
            if let Some(a) = &mut l.amount {
                *a = format!("{a:>amount_width$}");
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        format(&SourceFile::new("t.bud", s)).unwrap()
    }

    #[test]
    fn canonical_spacing_indentation_and_alignment() {
        let src = "部门   甲\n年度\t2024\n\n# 注释  \n基本支出\n    2013201 30101 1,212.61\n  2013201 行政运行 30201   3.5   # 公用\n项目 P1 某项目\n\u{3000}支出 2013202 5.00\n  指标 产出指标 数量指标|人数｜ ≥10人 |工作成效\n";
        assert_eq!(
            fmt(src),
            "部门 甲\n年度 2024\n\n# 注释\n基本支出\n  2013201 30101          1212.61\n  2013201 行政运行 30201     3.5 # 公用\n项目 P1 某项目\n  支出 2013202 5.00\n  指标 产出指标 数量指标 | 人数 | ≥10人 | 工作成效\n"
        );
    }

    #[test]
    fn formatting_twice_changes_nothing() {
        let once = fmt("收入 一般公共预算 5\n收入 政府性基金   10.00\n断言 项目支出=15.00\n");
        assert_eq!(
            once,
            "收入 一般公共预算     5\n收入 政府性基金   10.00\n断言 项目支出 = 15.00\n"
        );
        assert_eq!(fmt(&once), once);
    }

    #[test]
    fn asserted_values_keep_their_digits() {
        let src = "断言 income 2012902 item = 02\n断言 项目支出 = 15,018.07\n";
        assert_eq!(
            fmt(src),
            "断言 income 2012902 item = 02\n断言 项目支出 = 15018.07\n"
        );
    }

    #[test]
    fn files_with_syntax_errors_are_not_formatted() {
        let err = format(&SourceFile::new("t.bud", "部门 甲\n乱写\n")).unwrap_err();
        assert_eq!(err[0].code, "E0001");
    }

    #[test]
    fn text_fields_are_kept_and_counts_and_marks_made_canonical() {
        let src = "部门 甲  乙 # 名称的一部分\n资产\n  车辆 其他用车 007\n重点评价 02 1,000.50\n断言 项目支出＝0,015.07\n断言 a|b c=x = y\n主要职责\n  ＞文字  有 空格\n  >\n项目 P1 名 字\t# 不是注释\n  指标 产出指标\t数量指标｜人  数｜ ≥10人|\n";
        assert_eq!(
            fmt(src),
            "部门 甲  乙 # 名称的一部分\n资产\n  车辆 其他用车 7\n重点评价 2 1000.50\n断言 项目支出 = 0015.07\n断言 a|b c = x = y\n主要职责\n  > 文字  有 空格\n  >\n项目 P1 名 字\t# 不是注释\n  指标 产出指标 数量指标 | 人  数 | ≥10人 |\n"
        );
    }
}
