//! The pest path: a line (or, for the differential tests, a whole file) parsed by the grammar
//! and lowered to the syntax tree: the statements of words only as the statement table says,
//! the others by one small function or arm per rule.

use super::ast::*;
use super::grammar::{error_span, explain_bad_line, BudParser, Rule};
use super::lexical::{amount_value, basic_tail, trimmed_word};
use super::statements::{by_rule, WordsOf};
use crate::diag::t;
use crate::diag::{Diagnostic, Text};
use crate::source::{SourceFile, Span};
use crate::value::is_percent_note;
use pest::iterators::Pair;
use pest::Parser;
use rust_decimal::Decimal;
use std::str::FromStr;

/// One line through pest: the lines the fast parser leaves.
pub(super) fn pest_line(
    text: &str,
    start: usize,
    end: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Line> {
    let line_text = text.get(start..end).unwrap_or_default();
    match BudParser::parse(Rule::line, line_text) {
        Ok(pairs) => {
            let mut out = File::default();
            for line in pairs {
                lower_line(start, line, text, &mut out, diags);
            }
            out.lines.pop()
        }
        // The line rule accepts any text; this is a safety net, not an expected path.
        Err(e) => {
            diags.push(
                Diagnostic::new("E0001", t!("无法解析这一行", "the line does not parse"))
                    .at(error_span(&e, start, text), Text::default()),
            );
            None
        }
    }
}

/// The whole file through pest alone: the reference the fast parser is tested against.
#[doc(hidden)]
pub fn parse_reference(file: &SourceFile) -> (File, Vec<Diagnostic>) {
    let mut out = File::default();
    let mut diags = Vec::new();
    let pairs = match BudParser::parse(Rule::file, &file.text) {
        Ok(p) => p,
        Err(e) => {
            let at = error_span(&e, 0, &file.text);
            diags.push(
                Diagnostic::new("E0001", t!("无法解析文件", "the file does not parse"))
                    .at(at, Text::default()),
            );
            return (out, diags);
        }
    };
    for file_pair in pairs {
        for line in file_pair.into_inner() {
            if line.as_rule() == Rule::line {
                lower_line(0, line, &file.text, &mut out, &mut diags);
            }
        }
    }
    (out, diags)
}

/// Lowers one `line` pair; `b` is the offset of the parsed text in the file.
fn lower_line(b: usize, line: Pair<Rule>, text: &str, out: &mut File, diags: &mut Vec<Diagnostic>) {
    let mut indented = false;
    for part in line.into_inner() {
        match part.as_rule() {
            Rule::indent => indented = true,
            Rule::comment => {}
            Rule::bad_line => {
                diags.push(explain_bad_line(
                    part.as_str(),
                    b + part.as_span().start(),
                    text,
                ));
                out.lines.push(Line {
                    indented,
                    stmt: Stmt::Invalid,
                    span: shift(b, part.as_span()),
                });
            }
            _ => {
                let span = shift(b, part.as_span());
                match lower_stmt(b, part) {
                    Ok(stmt) => out.lines.push(Line {
                        indented,
                        stmt,
                        span,
                    }),
                    Err(d) => diags.push(d),
                }
            }
        }
    }
}

type Lowered<T> = Result<T, Diagnostic>;

fn word(b: usize, p: Pair<Rule>) -> Word {
    trimmed_word(p.as_str(), b + p.as_span().start())
}

/// A pest span moved by `b` bytes (the offset of the parsed slice in the file).
fn shift(b: usize, s: pest::Span<'_>) -> Span {
    Span::new(b + s.start(), b + s.end())
}

fn amount(b: usize, p: Pair<Rule>) -> Lowered<Amount> {
    let raw = p.as_str();
    let span = shift(b, p.as_span());
    amount_value(raw)
        .ok_or_else(|| {
            Diagnostic::new(
                "E0003",
                t!(
                    "金额“{raw}”超出可表示的范围",
                    "amount “{raw}” is out of range"
                ),
            )
            .at(span, t!("数字太长", "too many digits"))
            .with_help(t!(
                "金额的整数部分最多 15 位，有效数字最多 28 位；请检查是否多输了数字。",
                "amounts have at most 15 digits before the point and 28 significant digits; check for a digit typed twice."
            ))
        })
        .map(|(value, scale)| Amount { value, span, scale })
}

fn count(b: usize, p: Pair<Rule>) -> Lowered<Spanned<u32>> {
    let span = shift(b, p.as_span());
    let raw = p.as_str();
    raw.parse::<u32>()
        .map(|v| Spanned::new(v, span))
        .map_err(|_| {
            Diagnostic::new("E0003", t!("数量“{raw}”太大", "count “{raw}” is too large"))
                .at(span, t!("数量太大", "too large"))
        })
}

fn code_ref(b: usize, code: Pair<Rule>, name: Option<Pair<Rule>>) -> CodeRef {
    CodeRef {
        code: word(b, code),
        name: name.map(|p| word(b, p)),
    }
}

fn lower_stmt(b: usize, p: Pair<Rule>) -> Lowered<Stmt> {
    let rule = p.as_rule();
    let parts: Vec<Pair<Rule>> = p.into_inner().collect();
    // A statement of words only: its words, in order, make it (the statement table says how).
    if let Some(words) = by_rule(&format!("{rule:?}")).and_then(|s| s.words.as_ref()) {
        let mut out: WordsOf = Default::default();
        for (slot, part) in out.iter_mut().zip(parts) {
            *slot = Some(word(b, part));
        }
        return req_stmt((words.make)(out));
    }
    let mut it = parts.clone().into_iter();
    let mut next = move || it.next();
    Ok(match rule {
        Rule::paragraph => match next() {
            Some(t) => Stmt::Paragraph(word(b, t)),
            None => Stmt::Paragraph(Spanned::new(String::new(), Span::default())),
        },
        Rule::income => Stmt::Income {
            source: word(b, req(next())?),
            amount: amount(b, req(next())?)?,
        },
        Rule::basic_line => lower_basic_line(b, parts)?,
        Rule::prior_figure => Stmt::PriorFigure {
            name: word(b, req(next())?),
            amount: amount(b, req(next())?)?,
        },
        Rule::project => Stmt::Project {
            code: word(b, req(next())?),
            name: word(b, req(next())?),
        },
        Rule::allocation | Rule::project_total => {
            // code name? word? amount
            let mut code = None;
            let mut name = None;
            let mut source = None;
            let mut amt = None;
            for p in parts {
                match p.as_rule() {
                    Rule::code => code = Some(p),
                    Rule::name => name = Some(p),
                    Rule::word => source = Some(word(b, p)),
                    Rule::amount => amt = Some(p),
                    other => return Err(internal(other)),
                }
            }
            let (func, amount) = (code_ref(b, req(code)?, name), amount(b, req(amt)?)?);
            match rule {
                Rule::allocation => Stmt::Allocation {
                    func,
                    source,
                    amount,
                },
                _ => Stmt::ProjectTotal {
                    func,
                    source,
                    amount,
                },
            }
        }
        Rule::economic => {
            let (code, name, amt) = code_name_amount(parts)?;
            Stmt::Economic {
                econ: code_ref(b, code, name),
                amount: amount(b, amt)?,
            }
        }
        Rule::project_amount => Stmt::ProjectAmount(amount(b, req(next())?)?),
        Rule::procurement | Rule::three_public => {
            // word code? word? amount
            let mut it = parts.into_iter();
            let kind = word(b, req(it.next())?);
            let mut func = None;
            let mut source = None;
            let mut amt = None;
            for p in it {
                match p.as_rule() {
                    Rule::code => func = Some(word(b, p)),
                    Rule::word => source = Some(word(b, p)),
                    Rule::amount => amt = Some(p),
                    other => return Err(internal(other)),
                }
            }
            let amount = amount(b, req(amt)?)?;
            if rule == Rule::procurement {
                Stmt::Procurement {
                    kind,
                    func,
                    source,
                    amount,
                }
            } else {
                Stmt::ThreePublic {
                    kind,
                    source,
                    amount,
                }
            }
        }
        Rule::indicator => lower_indicator(b, parts)?,
        Rule::assets_block => Stmt::AssetsBlock(next().map(|p| word(b, p))),
        Rule::vehicles => Stmt::Vehicles {
            kind: word(b, req(next())?),
            count: count(b, req(next())?)?,
        },
        Rule::equipment => Stmt::Equipment(count(b, req(next())?)?),
        Rule::equipment_purchase => Stmt::EquipmentPurchase(count(b, req(next())?)?),
        Rule::key_evaluation => Stmt::KeyEvaluation {
            count: count(b, req(next())?)?,
            amount: amount(b, req(next())?)?,
        },
        Rule::assertion => {
            let figure = req(next())?.into_inner().map(|p| word(b, p)).collect();
            let v = req(next())?;
            let value = match v.as_rule() {
                Rule::amount => {
                    let unit = next().map(|u| word(b, u));
                    AssertValue::Amount(amount(b, v.clone())?, word(b, v), unit)
                }
                _ => AssertValue::Text(word(b, v)),
            };
            Stmt::Assertion { figure, value }
        }
        other => return Err(internal(other)),
    })
}

fn internal(rule: Rule) -> Diagnostic {
    Diagnostic::new(
        "E0001",
        t!(
            "内部错误：未处理的语法规则 {rule:?}",
            "internal error: grammar rule {rule:?} not handled"
        ),
    )
    .with_help(defect())
}

fn defect() -> Text {
    t!(
        "这是 budc 的缺陷，请报告。",
        "this is a budc defect; please report it."
    )
}

fn req(p: Option<Pair<Rule>>) -> Lowered<Pair<Rule>> {
    p.ok_or_else(missing)
}

fn req_stmt(s: Option<Stmt>) -> Lowered<Stmt> {
    s.ok_or_else(missing)
}

fn missing() -> Diagnostic {
    Diagnostic::new(
        "E0001",
        t!(
            "内部错误：语法树缺少部分",
            "internal error: a part of the syntax tree is missing"
        ),
    )
    .with_help(defect())
}

/// The pairs of `code [name] amount`.
type CodeNameAmount<'a> = (Pair<'a, Rule>, Option<Pair<'a, Rule>>, Pair<'a, Rule>);

/// `code [name] amount` of allocations and economic lines.
fn code_name_amount(parts: Vec<Pair<'_, Rule>>) -> Lowered<CodeNameAmount<'_>> {
    let mut it = parts.into_iter();
    let code = req(it.next())?;
    let second = req(it.next())?;
    match it.next() {
        Some(amt) => Ok((code, Some(second), amt)),
        None => Ok((code, None, second)),
    }
}

fn lower_basic_line(b: usize, parts: Vec<Pair<Rule>>) -> Lowered<Stmt> {
    // code name? code? word* amount — the words sorted out by `basic_tail`.
    let mut func_code = None;
    let mut func_name = None;
    let mut econ_code = None;
    let mut words = Vec::new();
    let mut amt = None;
    for p in parts {
        match (p.as_rule(), func_code.is_some()) {
            (Rule::code, false) => func_code = Some(p),
            (Rule::name, true) => func_name = Some(word(b, p)),
            (Rule::code, true) => econ_code = Some(p),
            (Rule::word, _) => words.push(word(b, p)),
            (Rule::amount, _) => amt = Some(p),
            (other, _) => return Err(internal(other)),
        }
    }
    let amount = amount(b, req(amt)?)?;
    if econ_code.is_none() {
        // One code: the word taken for its name is one of the words before the amount.
        words.splice(0..0, func_name.take());
    }
    let Some(tail) = basic_tail(words) else {
        return Err(Diagnostic::new(
            "E0001",
            t!(
                "基本支出行金额前的词太多",
                "too many words before the amount of a basic line"
            ),
        )
        .at(amount.span, t!("金额", "the amount"))
        .with_help(t!(
            "金额前至多写：科目名称、一个资金来源、“人员经费”或“公用经费”之一。",
            "before the amount, write at most: the code's name, one source, and one of “人员经费” or “公用经费”."
        )));
    };
    let (func_name, econ) = match econ_code {
        Some(code) => (func_name, Some(code_ref(b, code, None))),
        None => (tail.name.clone(), None),
    };
    let econ = econ.map(|mut e| {
        e.name = tail.name;
        e
    });
    Ok(Stmt::BasicLine {
        func: CodeRef {
            code: word(b, req(func_code)?),
            name: func_name,
        },
        econ,
        source: tail.source,
        split: tail.split,
        amount,
    })
}

fn lower_indicator(b: usize, parts: Vec<Pair<Rule>>) -> Lowered<Stmt> {
    let mut it = parts.into_iter();
    let level1 = word(b, req(it.next())?);
    let level2 = word(b, req(it.next())?);
    let name = word(b, req(it.next())?);
    let value_pair = req(it.next())?;
    let value_end = b + value_pair.as_span().end();
    let value = lower_value(b, value_pair);
    let criterion = match it.next() {
        Some(p) => word(b, p),
        None => Spanned::new(String::new(), Span::new(value_end, value_end)),
    };
    Ok(Stmt::Indicator(Indicator {
        level1,
        level2,
        name,
        value,
        criterion,
    }))
}

fn lower_value(b: usize, p: Pair<Rule>) -> IndicatorValue {
    let text = word(b, p.clone());
    let kind = match p.into_inner().next() {
        None => ValueKind::Empty,
        Some(typed) => typed_value(typed).unwrap_or(ValueKind::Text),
    };
    let kind = if text.value.is_empty() {
        ValueKind::Empty
    } else {
        kind
    };
    IndicatorValue { text, kind }
}

fn typed_value(p: Pair<Rule>) -> Option<ValueKind> {
    match p.as_rule() {
        Rule::value_text => Some(ValueKind::Text),
        Rule::period => Some(ValueKind::Period),
        Rule::quantity => Some(ValueKind::Quantity {
            quantity: quantity(p, None)?,
        }),
        Rule::comparison => comparison(p, None),
        Rule::labelled => {
            let mut it = p.into_inner();
            let label = it.next()?.as_str().to_string();
            let rest = it.next()?;
            match rest.as_rule() {
                Rule::comparison => comparison(rest, Some(label)),
                _ => Some(ValueKind::Quantity {
                    quantity: quantity(rest, Some(label))?,
                }),
            }
        }
        Rule::range => {
            let mut low = None;
            let mut high = None;
            let mut low_unit = None;
            let mut unit = None;
            for part in p.into_inner() {
                match (part.as_rule(), low.is_some()) {
                    (Rule::number, false) => low = Decimal::from_str(part.as_str()).ok(),
                    (Rule::number, true) => high = Decimal::from_str(part.as_str()).ok(),
                    (Rule::unit, _) if high.is_none() => low_unit = Some(part.as_str().to_string()),
                    (Rule::unit, _) => unit = Some(part.as_str().to_string()),
                    // `80-100(%)`: the unit % in parentheses.
                    (Rule::note, _) if unit.is_none() && is_percent_note(part.as_str()) => {
                        unit = Some("%".to_string())
                    }
                    _ => {}
                }
            }
            Some(ValueKind::range(low?, high?, low_unit, unit))
        }
        _ => None,
    }
}

fn comparison(p: Pair<Rule>, label: Option<String>) -> Option<ValueKind> {
    let mut it = p.into_inner();
    let comparator = Comparator::from_text(it.next()?.as_str());
    Some(ValueKind::Comparison {
        comparator,
        quantity: quantity(it.next()?, label)?,
    })
}

fn quantity(p: Pair<Rule>, label: Option<String>) -> Option<Quantity> {
    let mut q = Quantity::new(label);
    for part in p.into_inner() {
        match part.as_rule() {
            Rule::approx => q.approximate = true,
            Rule::number => q.number = Decimal::from_str(part.as_str()).ok()?,
            Rule::more => q.at_least = true,
            Rule::unit => q.unit = Some(part.as_str().to_string()),
            Rule::approx_suffix => q.qualify(part.as_str()),
            Rule::note => q.remark(part.as_str()),
            _ => {}
        }
    }
    Some(q)
}
