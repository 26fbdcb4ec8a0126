//! `budc fmt`: the canonical form of a `.bud` file.
//!
//! One statement per line; block members indented by two spaces; single spaces between tokens;
//! indicator fields separated by ` | `; amounts without thousands separators, with the decimals
//! as written; the amounts of consecutive lines of the same kind right-aligned in a column; comments
//! and blank lines kept (a comment's indentation is made two spaces or none). Formatting never changes what the file says (a test checks
//! that the model is the same) and formatting twice changes nothing.

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use crate::syntax::ast::{Amount, AssertValue, CodeRef, IndicatorValue, Line, Stmt, Word};
use crate::syntax::Kind;
use unicode_width::UnicodeWidthStr;

/// Formats a source file. Files with syntax errors are not formatted: their diagnostics come back.
pub fn format(file: &SourceFile) -> Result<String, Vec<Diagnostic>> {
    let (ast, diags) = crate::syntax::parse(file);
    if !diags.is_empty() {
        return Err(diags);
    }
    let text = &file.text;
    // The statements, by the byte offset of the source line they stand on.
    let mut stmts = ast.lines.iter().peekable();
    let mut out: Vec<Formatted> = Vec::new();
    // The source lines as the grammar splits them (`\n`, `\r\n` or a lone `\r`); each comes out
    // ending in `\n`.
    for (start, end) in crate::source::lines(text) {
        let content = text.get(start..end).unwrap_or_default();
        let stmt = match stmts.peek() {
            Some(l) if l.span.start >= start && l.span.start < end => stmts.next(),
            _ => None,
        };
        out.push(match stmt {
            Some(l) => statement(l, text, end),
            None => verbatim(content),
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
fn verbatim(content: &str) -> Formatted {
    let text = content.trim();
    let indented = text.len() < content.trim_end().len();
    Formatted {
        indent: if indented && !text.is_empty() {
            "  "
        } else {
            ""
        },
        head: text.to_string(),
        amount: None,
        kind: None,
        comment: None,
    }
}

/// An amount as written, without thousands separators or leading zeros. Its decimals are kept
/// as written: this works on the text, not the value, so nothing is rounded or reformatted.
fn amount(a: &Amount, text: &str) -> String {
    let Some(written) = text.get(a.span.start..a.span.end) else {
        return a.value.to_string();
    };
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

fn code_ref(c: &CodeRef) -> Vec<String> {
    let mut v = vec![c.code.value.clone()];
    v.extend(c.name.as_ref().map(|n| n.value.clone()));
    v
}

fn value(v: &IndicatorValue) -> &str {
    &v.text.value
}

fn statement(l: &Line, text: &str, line_end: usize) -> Formatted {
    let rest = text.get(l.span.end..line_end).unwrap_or("").trim();
    let comment = rest.starts_with('#').then(|| rest.to_string());
    let (head, amount_text, kind) = render(&l.stmt, text);
    Formatted {
        indent: if l.indented { "  " } else { "" },
        head,
        amount: amount_text,
        kind,
        comment,
    }
}

/// A statement as (text before the amount, the amount, the alignment group): its keyword (from
/// the statement table) and its words, one space apart; the amount that ends it is aligned with
/// the amounts of the lines of the same kind around it.
fn render(stmt: &Stmt, text: &str) -> (String, Option<String>, Option<Kind>) {
    let Some(kind) = stmt.kind() else {
        return (String::new(), None, None);
    };
    let (words, amount) = words(stmt, text);
    let mut head = kind.keyword().to_string();
    for word in words {
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(&word);
    }
    let group = amount.is_some().then_some(kind);
    (head, amount, group)
}

/// The words of a statement after its keyword, and the amount that ends it (as written).
fn words(stmt: &Stmt, text: &str) -> (Vec<String>, Option<String>) {
    let w = |x: &Word| x.value.clone();
    let amt = |a: &Amount| Some(amount(a, text));
    match stmt {
        Stmt::Department(x)
        | Stmt::Year(x)
        | Stmt::MoneyUnit(x)
        | Stmt::CatalogYear(x)
        | Stmt::ReasonBlock(x)
        | Stmt::GlossaryBlock(x)
        | Stmt::ProjectUnit(x)
        | Stmt::ProjectKind(x)
        | Stmt::ProjectSource(x)
        | Stmt::Goal(x) => (vec![w(x)], None),
        Stmt::SubUnit { id, name, kind } => {
            let mut v = vec![w(id), w(name)];
            v.extend(kind.as_ref().map(w));
            (v, None)
        }
        Stmt::DutiesBlock
        | Stmt::OrganizationBlock
        | Stmt::BasicBlock
        | Stmt::PriorBlock
        | Stmt::AssetsBlock(None)
        | Stmt::Invalid => (vec![], None),
        Stmt::Paragraph(x) if x.value.is_empty() => (vec![], None),
        Stmt::Paragraph(x) | Stmt::AssetsBlock(Some(x)) => (vec![w(x)], None),
        Stmt::Income { source, amount } => (vec![w(source)], amt(amount)),
        Stmt::BasicLine {
            func,
            econ,
            source,
            amount,
        } => {
            let mut v = code_ref(func);
            v.extend(code_ref(econ));
            v.extend(source.as_ref().map(w));
            (v, amt(amount))
        }
        Stmt::PriorFigure { name, amount } => (vec![w(name)], amt(amount)),
        Stmt::Project { code, name } => (vec![w(code), w(name)], None),
        Stmt::Allocation { func: c, amount } | Stmt::Economic { econ: c, amount } => {
            (code_ref(c), amt(amount))
        }
        Stmt::ProjectAmount(a) => (vec![], amt(a)),
        Stmt::Procurement { kind, func, amount } => {
            let mut v = vec![w(kind)];
            v.extend(func.as_ref().map(w));
            (v, amt(amount))
        }
        Stmt::ThreePublic { kind, amount } => (vec![w(kind)], amt(amount)),
        Stmt::Indicator(i) => {
            let bar = || "|".to_string();
            let v = vec![
                w(&i.level1),
                w(&i.level2),
                bar(),
                w(&i.name),
                bar(),
                value(&i.value).to_string(),
                bar(),
                w(&i.criterion),
            ];
            (v, None)
        }
        Stmt::Vehicles { kind, count } => (vec![w(kind), count.value.to_string()], None),
        Stmt::Equipment(c) | Stmt::EquipmentPurchase(c) => (vec![c.value.to_string()], None),
        Stmt::KeyEvaluation { count, amount } => (vec![count.value.to_string()], amt(amount)),
        Stmt::Assertion { figure, value } => {
            let mut v: Vec<String> = figure.iter().map(w).collect();
            v.push("=".into());
            v.push(match value {
                // As written: `02` is a code cell, not the number 2.
                AssertValue::Amount(_, raw) => raw.value.replace(',', ""),
                AssertValue::Text(t) => t.value.clone(),
            });
            (v, None)
        }
    }
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
}
