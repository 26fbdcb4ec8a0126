//! Parse tests: one per construct of `grammar/bud.pest`, asserting the exact syntax tree.

use super::ast::*;
use crate::diag::Diagnostic;
use crate::source::{SourceFile, Span};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Parses; the `Invalid` placeholders of bad lines are left out (see `bad_lines_leave_a_placeholder`).
/// Every input is parsed twice, by the fast parser and by pest alone, which must agree.
fn parse(s: &str) -> (File, Vec<Diagnostic>) {
    let source = SourceFile::new("t.bud", s);
    let (mut file, diags) = super::parse(&source);
    assert_eq!(
        (&file, &diags),
        (
            &super::parse_reference(&source).0,
            &super::parse_reference(&source).1
        ),
        "{s:?}: the fast parser and pest disagree"
    );
    file.lines.retain(|l| l.stmt != Stmt::Invalid);
    (file, diags)
}

#[test]
fn bad_lines_leave_a_placeholder() {
    // A bad line still ends the block above it, so its indented lines are not taken for
    // members of an earlier block.
    let (file, diags) = super::parse(&SourceFile::new(
        "t.bud",
        "项目P2 乙\n  支出 2080102 1.00\n",
    ));
    assert_eq!(codes(&diags), ["E0001"]);
    assert_eq!(file.lines[0].stmt, Stmt::Invalid);
    assert!(!file.lines[0].indented);
    assert!(file.lines[1].indented);
}

/// The one statement of a one-line input, which must parse without diagnostics.
fn one(s: &str) -> Stmt {
    let (file, diags) = parse(s);
    assert!(diags.is_empty(), "{s:?}: unexpected diagnostics {diags:?}");
    assert_eq!(file.lines.len(), 1, "{s:?}: {file:?}");
    file.lines.into_iter().next().unwrap().stmt
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn w(value: &str, start: usize, end: usize) -> Word {
    Spanned::new(value.to_string(), Span::new(start, end))
}

fn amt(value: &str, start: usize, end: usize, scale: u32) -> Amount {
    Amount {
        value: d(value),
        span: Span::new(start, end),
        scale,
    }
}

/// The byte offset of the first occurrence of `needle` in `hay` (for spans).
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {hay:?}"))
}

/// The span of the first occurrence of `needle` in `hay`.
fn span_of(hay: &str, needle: &str) -> Span {
    let s = at(hay, needle);
    Span::new(s, s + needle.len())
}

/// Word `needle` with the span of its first occurrence in `hay`.
fn wa(hay: &str, needle: &str) -> Word {
    Spanned::new(needle.to_string(), span_of(hay, needle))
}

fn values(stmt: Stmt) -> Vec<String> {
    match stmt {
        Stmt::Assertion { figure, .. } => figure.into_iter().map(|w| w.value).collect(),
        other => panic!("not an assertion: {other:?}"),
    }
}

/// The indicator value of `指标 产出指标 数量指标 | 名称 | <value> | 标准`.
fn indicator_value(value: &str) -> IndicatorValue {
    match one(&format!("指标 产出指标 数量指标 | 名称 | {value} | 标准")) {
        Stmt::Indicator(i) => i.value,
        other => panic!("not an indicator: {other:?}"),
    }
}

fn kind(value: &str) -> ValueKind {
    let v = indicator_value(value);
    assert_eq!(v.text.value, value, "the text is kept as written");
    v.kind
}

fn q(number: &str, unit: Option<&str>) -> Quantity {
    Quantity {
        label: None,
        number: d(number),
        unit: unit.map(str::to_string),
        approximate: false,
        at_least: false,
        note: None,
    }
}

fn quantity(number: &str, unit: Option<&str>) -> ValueKind {
    ValueKind::Quantity {
        quantity: q(number, unit),
    }
}

fn comparison(comparator: Comparator, number: &str, unit: &str) -> ValueKind {
    ValueKind::Comparison {
        comparator,
        quantity: q(number, Some(unit)),
    }
}

mod projects;
mod published;
mod sources;
mod statements;
mod values;

// ---------------------------------------------------------------------------------------------
// Layout: indentation, comments, blank lines, line ends, separators
// ---------------------------------------------------------------------------------------------

#[test]
fn indentation_flag_and_line_span() {
    let (file, diags) = parse("基本支出\n  2013201 30101 212.61\n");
    assert!(diags.is_empty());
    assert_eq!(file.lines.len(), 2);
    assert!(!file.lines[0].indented);
    assert_eq!(file.lines[0].span, Span::new(0, 12));
    assert!(file.lines[1].indented);
    // "基本支出\n" is 13 bytes; the span starts after the two spaces.
    assert_eq!(file.lines[1].span, Span::new(15, 35));
}

#[test]
fn tab_and_ideographic_space_indent() {
    let (file, diags) = parse("项目 P 名\n\t支出 2080102 1.00\n\u{3000}金额 1.00\n");
    assert!(diags.is_empty());
    assert_eq!(
        file.lines.iter().map(|l| l.indented).collect::<Vec<_>>(),
        [false, true, true]
    );
}

#[test]
fn comments_and_blank_lines_are_ignored() {
    let src = "# 注释\n\n部门 甲\n   \n  # 缩进的注释\n#\n年度 2024\n\n";
    let (file, diags) = parse(src);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        file.lines
            .iter()
            .map(|l| l.stmt.clone())
            .collect::<Vec<_>>(),
        vec![Stmt::Department(wa(src, "甲")), Stmt::Year(wa(src, "2024")),]
    );
}

#[test]
fn empty_file() {
    let (file, diags) = parse("");
    assert!(file.lines.is_empty());
    assert!(diags.is_empty());
}

#[test]
fn trailing_spaces_are_allowed() {
    assert_eq!(one("年度 2024   "), Stmt::Year(w("2024", 7, 11)));
    assert_eq!(
        one("金额 1.00 \t"),
        Stmt::ProjectAmount(amt("1.00", 7, 11, 2))
    );
}

#[test]
fn crlf_line_ends_are_accepted() {
    let src = "部门 聊城\r\n年度 2024\r\n基本支出\r\n  2013201 30101 212.61\r\n";
    let (file, diags) = parse(src);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(file.lines.len(), 4);
    assert_eq!(file.lines[0].stmt, Stmt::Department(w("聊城", 7, 13)));
    assert_eq!(file.lines[0].span, Span::new(0, 13));
    assert_eq!(file.lines[1].stmt, Stmt::Year(w("2024", 22, 26)));
    match &file.lines[3].stmt {
        Stmt::BasicLine { amount, .. } => {
            assert_eq!(amount.value, d("212.61"));
            assert_eq!(&src[amount.span.start..amount.span.end], "212.61");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn ideographic_space_separates_tokens() {
    assert_eq!(one("年度\u{3000}2024"), Stmt::Year(w("2024", 9, 13)));
    let s = "收入\u{3000}一般公共预算\u{3000}\u{3000}100.00";
    assert_eq!(
        one(s),
        Stmt::Income {
            source: w("一般公共预算", 9, 27),
            amount: amt("100.00", 33, 39, 2),
        }
    );
    match one("2013201\u{3000}30101\u{3000}212.61") {
        Stmt::BasicLine {
            func, econ, amount, ..
        } => {
            assert_eq!(func.code.value, "2013201");
            assert_eq!(econ.map(|e| e.code.value).as_deref(), Some("30101"));
            assert_eq!(amount.value, d("212.61"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn byte_order_mark_is_stripped() {
    assert_eq!(one("\u{feff}年度 2024"), Stmt::Year(w("2024", 7, 11)));
}

// ---------------------------------------------------------------------------------------------
// Bad lines
// ---------------------------------------------------------------------------------------------

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

/// The 1-based line of each diagnostic's primary label.
fn diag_lines(src: &str, diags: &[Diagnostic]) -> Vec<usize> {
    let f = SourceFile::new("t.bud", src);
    diags
        .iter()
        .map(|d| {
            let label = d.labels.iter().find(|l| l.primary).expect("primary label");
            let start = f.position(label.span.start).line;
            let end = f.position(label.span.end).line;
            assert_eq!(start, end, "{d:?} spans lines");
            start
        })
        .collect()
}

#[test]
fn each_bad_line_gets_one_diagnostic_and_the_rest_parse() {
    let src = "部门 测试\n收入 一般公共预算 abc\n年度 2024\n乱写一行\n金额单位 万元\n支出 2080102\n科目版本 2024\n";
    let (file, diags) = parse(src);
    assert_eq!(codes(&diags), ["E0001", "E0001", "E0001"]);
    assert_eq!(diag_lines(src, &diags), [2, 4, 6]);
    assert_eq!(
        file.lines
            .iter()
            .map(|l| l.stmt.clone())
            .collect::<Vec<_>>(),
        vec![
            Stmt::Department(wa(src, "测试")),
            Stmt::Year(wa(src, "2024")),
            Stmt::MoneyUnit(wa(src, "万元")),
            Stmt::CatalogYear(w("2024", src.rfind("2024").unwrap(), src.len() - 1)),
        ]
    );
}

#[test]
fn bad_line_points_at_the_offending_token() {
    let src = "年度 2024\n收入 一般公共预算 abc\n";
    let (_, diags) = parse(src);
    assert_eq!(diags.len(), 1);
    let label = &diags[0].labels[0];
    assert_eq!(&src[label.span.start..label.span.end], "abc");
}

#[test]
fn bad_lines_with_crlf_stay_on_their_line() {
    let src = "部门 测试\r\n乱写\r\n年度 2024\r\n金额 x\r\n";
    let (file, diags) = parse(src);
    assert_eq!(codes(&diags), ["E0001", "E0001"]);
    assert_eq!(diag_lines(src, &diags), [2, 4]);
    assert_eq!(file.lines.len(), 2);
}

#[test]
fn unknown_keyword_message_names_the_keyword() {
    let (_, diags) = parse("预算 100\n");
    assert_eq!(codes(&diags), ["E0001"]);
    assert_eq!(diags[0].message.zh, "无法识别的语句“预算”");
}

#[test]
fn known_keyword_with_bad_form_gets_usage_help() {
    let (_, diags) = parse("收入 一般公共预算\n");
    assert_eq!(codes(&diags), ["E0001"]);
    assert_eq!(diags[0].message.zh, "“收入”语句的写法不对");
    assert_eq!(
        diags[0].help.as_ref().map(|h| &*h.zh),
        Some("写法：收入 <来源> <金额>，例如 收入 一般公共预算 16028.22")
    );
}

#[test]
fn fullwidth_digits_get_a_hint() {
    let (_, diags) = parse("金额 １２.00\n");
    assert_eq!(codes(&diags), ["E0004"]);
    assert_eq!(diags[0].message.zh, "这一行有全角字符：１２");
    assert_eq!(
        diags[0].message.en,
        "full-width characters in this line: １２"
    );
    assert!(diags[0]
        .help
        .as_ref()
        .is_some_and(|h| h.zh.contains("半角")));
}

#[test]
fn trailing_comment_after_a_statement_is_ignored() {
    assert_eq!(one("年度 2024  # 预算年度"), Stmt::Year(w("2024", 7, 11)));
    assert_eq!(
        one("  支出 2080102 14.00 # 就业"),
        Stmt::Allocation {
            func: CodeRef {
                code: w("2080102", 9, 16),
                name: None,
            },
            source: None,
            amount: amt("14.00", 17, 22, 2),
        }
    );
}

#[test]
fn hash_inside_free_text_is_text() {
    assert_eq!(one("部门 甲 #1"), Stmt::Department(w("甲 #1", 7, 13)));
}

#[test]
fn a_sentence_without_its_paragraph_mark_is_told_so() {
    let (_, diags) = parse("主要职责\n负责全县群众文化活动。\n");
    assert_eq!(codes(&diags), ["E0004"]);
    let help = diags[0].help.as_ref().unwrap();
    assert!(help.zh.contains("段落以 “> ” 开头"), "{}", help.zh);
    assert!(
        help.en.contains("paragraphs start with “> ”"),
        "{}",
        help.en
    );
    // A statement with a full-width digit keeps the advice about the input method.
    let (_, diags) = parse("收入 一般公共预算 １２.00\n");
    assert!(diags[0].help.as_ref().unwrap().zh.contains("半角"));
}
