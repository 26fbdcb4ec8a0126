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
mod fast;
mod value;

use crate::diag::{Diagnostic, Text};
use crate::source::{lines, SourceFile, Span};
use crate::t;
use ast::*;
use pest::iterators::Pair;
use pest::Parser;
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/bud.pest"]
struct BudParser;

/// Only the pest pass over a file (for benchmarks): whether it parsed.
#[doc(hidden)]
pub fn pest_only(text: &str) -> bool {
    BudParser::parse(Rule::file, text).is_ok()
}

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
        fast::Outcome::Defer => pest_line(text, start, end, diags),
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
        if !(head.starts_with("科目版本") || head.starts_with("年度")) {
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

/// One line through pest: the lines the fast parser leaves.
fn pest_line(text: &str, start: usize, end: usize, diags: &mut Vec<Diagnostic>) -> Option<Line> {
    let line_text = text.get(start..end).unwrap_or_default();
    match BudParser::parse(Rule::line, line_text) {
        Ok(pairs) => {
            let mut out = ast::File::default();
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
pub fn parse_reference(file: &SourceFile) -> (ast::File, Vec<Diagnostic>) {
    let mut out = ast::File::default();
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
fn lower_line(
    b: usize,
    line: Pair<Rule>,
    text: &str,
    out: &mut ast::File,
    diags: &mut Vec<Diagnostic>,
) {
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

/// Re-parses a bad line with the strict rule and turns pest's error into a located message.
fn explain_bad_line(line: &str, offset: usize, text: &str) -> Diagnostic {
    let first = line.split([' ', '\t', '\u{3000}']).next().unwrap_or("");
    // Control characters (NUL from a binary file) are shown escaped.
    let keyword: String = first.chars().flat_map(char::escape_debug).collect();
    let keyword = if keyword == first {
        first.to_string()
    } else {
        keyword
    };
    let span = match BudParser::parse(Rule::strict_line, line) {
        Err(e) => error_span(&e, offset, text),
        // Valid on its own but not in context (cannot happen with this grammar): point at it all.
        Ok(_) => Span::new(offset, offset + line.len()),
    };
    let found = text.get(span.start..span.end).unwrap_or("");
    let label = if found.is_empty() {
        t!("此处缺少内容", "something is missing here")
    } else {
        t!("此处无法识别“{found}”", "cannot read “{found}” here")
    };
    if let Some(chars) = fullwidth_chars(line) {
        return Diagnostic::new(
            "E0004",
            t!("这一行有全角字符：{chars}", "full-width characters in this line: {chars}"),
        )
        .at(span, label)
        .with_help(t!(
            "金额、编码和分隔符请用半角字符（0-9 , . : -）：把输入法切换到英文或半角后重写这些字符。",
            "use ASCII digits and punctuation (0-9 , . : -) in amounts, codes and separators: switch the input method to English or half-width and retype them."
        ));
    }
    match usage_of(first) {
        Some(u) => Diagnostic::new(
            "E0001",
            t!(
                "“{keyword}”语句的写法不对",
                "malformed “{keyword}” statement"
            ),
        )
        .at(span, label)
        .with_help(t!("写法：{u}", "form: {u}")),
        None => {
            let all = KEYWORDS
                .iter()
                .map(|(k, _)| *k)
                .collect::<Vec<_>>()
                .join("、");
            let all_en = all.replace('、', ", ");
            Diagnostic::new(
                "E0001",
                t!("无法识别的语句“{keyword}”", "unknown statement “{keyword}”"),
            )
            .at(span, label)
            .with_help(t!(
                "每行以关键字开头：{all}。注释以 # 开头。",
                "every line starts with a keyword: {all_en}. Comments start with #."
            ))
        }
    }
}

/// The characters of a line that Chinese input methods produce in place of ASCII.
fn fullwidth_chars(line: &str) -> Option<String> {
    let mut bad: Vec<char> = line
        .chars()
        .filter(|c| matches!(c, '０'..='９' | '，' | '．' | '：' | '－' | '。'))
        .collect();
    bad.dedup();
    (!bad.is_empty()).then(|| bad.iter().take(8).collect())
}

/// Every keyword and the form of its statement, for help texts.
pub const KEYWORDS: &[(&str, &str)] = &[
    ("部门", "部门 <部门名称>"),
    ("年度", "年度 2024"),
    ("金额单位", "金额单位 万元（或 元）"),
    ("科目版本", "科目版本 2024"),
    ("二级单位", "二级单位 <简称> <全称> [行政|参公|事业]"),
    ("主要职责", "主要职责（单独一行，下面每段一行 “> 文字”）"),
    ("机构设置", "机构设置（单独一行，下面每段一行 “> 文字”）"),
    ("原因", "原因 <上年数名称>（下面每段一行 “> 文字”）"),
    ("名词", "名词 <名词>（下面每段一行 “> 文字”）"),
    (">", "> <一段文字>"),
    ("收入", "收入 <来源> <金额>，例如 收入 一般公共预算 16028.22"),
    ("基本支出", "基本支出（单独一行，下面每行 “<功能分类项> [名称] <经济分类款> [名称] [来源] <金额>”）"),
    ("采购", "采购 <货物|工程|服务> [<功能分类项>] <金额>"),
    ("上年", "上年（单独一行，下面每行 “收支|基本支出|项目支出|机关运行经费 <金额>” 或 “三公 <种类> <金额>”）"),
    ("项目", "项目 <项目编码> <项目名称>"),
    ("单位", "单位 <二级单位简称>"),
    ("类型", "类型 <项目类型>，例如 类型 特定目标类"),
    ("资金", "资金 <来源>，例如 资金 一般公共预算"),
    ("支出", "支出 <功能分类项编码> [名称] <金额>，例如 支出 2013202 4153.00"),
    ("金额", "金额 <金额>"),
    ("经济", "经济 <经济分类款编码> [名称] <金额>"),
    ("三公", "三公 <因公出国（境）费|公务用车购置费|公务用车运行维护费|公务接待费> <金额>"),
    ("目标", "目标 <绩效目标文字>"),
    ("指标", "指标 <一级指标> <二级指标> | <三级指标> | <指标值> | <评分标准>"),
    ("资产", "资产 [截至日期，如 2023-12-31]"),
    ("车辆", "车辆 <用途> <数量>"),
    ("大型设备", "大型设备 <数量>"),
    ("购置大型设备", "购置大型设备 <数量>"),
    ("重点评价", "重点评价 <项目数> <金额>"),
    ("断言", "断言 <数名或 表 行 列> = <金额>，例如 断言 项目支出 = 15018.07"),
];

fn usage_of(keyword: &str) -> Option<&'static str> {
    let keyword = if keyword.starts_with('>') || keyword.starts_with('＞') {
        ">"
    } else {
        keyword
    };
    KEYWORDS
        .iter()
        .find(|(k, _)| *k == keyword)
        .map(|(_, u)| *u)
}

/// The span of a pest error, shifted into the file, widened to the token it stopped at.
fn error_span(e: &pest::error::Error<Rule>, offset: usize, text: &str) -> Span {
    let (start, end) = match e.location {
        pest::error::InputLocation::Pos(p) => (offset + p, offset + p),
        pest::error::InputLocation::Span((a, b)) => (offset + a, offset + b),
    };
    let rest = text.get(start..).unwrap_or("");
    let token_len: usize = rest
        .chars()
        .take_while(|c| !matches!(c, ' ' | '\t' | '\u{3000}' | '\n' | '\r' | '|' | '｜'))
        .map(char::len_utf8)
        .sum();
    Span::new(start, end.max(start + token_len))
}

type Lowered<T> = Result<T, Diagnostic>;

fn word(b: usize, p: Pair<Rule>) -> Word {
    trimmed_word(p.as_str(), b + p.as_span().start())
}

/// A word or text without its surrounding spaces; `start` is the offset of `raw` in the file.
/// Only the grammar's spaces are trimmed: other whitespace (a form feed, U+00A0) is part of the
/// word, as the grammar reads it, so what is printed back parses back the same.
pub(crate) fn trimmed_word(raw: &str, start: usize) -> Word {
    const SPACES: [char; 3] = [' ', '\t', '\u{3000}'];
    let value = raw.trim_matches(SPACES);
    let lead = raw.len() - raw.trim_start_matches(SPACES).len();
    let trail = raw.len() - raw.trim_end_matches(SPACES).len();
    let span = Span::new(start + lead, (start + raw.len() - trail).max(start + lead));
    Spanned::new(value.to_string(), span)
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

/// The most digits an amount may have before the decimal point: 10^15 元 is 25 times China's
/// whole national budget, and every sum of such amounts stays far inside `Decimal`'s range (no
/// total, difference or percentage can overflow).
pub const AMOUNT_DIGITS: usize = 15;

/// The value and the number of decimals of an amount as the grammar accepts it (`16,028.22`);
/// `None` when it is out of range: more than `AMOUNT_DIGITS` digits before the point.
pub(crate) fn amount_value(raw: &str) -> Option<(Decimal, u32)> {
    let whole = raw.split('.').next().unwrap_or_default();
    if whole.bytes().filter(u8::is_ascii_digit).count() > AMOUNT_DIGITS {
        return None;
    }
    let scale = raw.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let value = if raw.contains(',') {
        let digits: String = raw.chars().filter(|c| *c != ',').collect();
        Decimal::from_str(&digits)
    } else {
        Decimal::from_str(raw)
    };
    value.ok().map(|v| (v, scale))
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
    let mut it = parts.clone().into_iter();
    let mut next = move || it.next();
    Ok(match rule {
        Rule::department => Stmt::Department(word(b, req(next())?)),
        Rule::year => Stmt::Year(word(b, req(next())?)),
        Rule::money_unit => Stmt::MoneyUnit(word(b, req(next())?)),
        Rule::catalog_year => Stmt::CatalogYear(word(b, req(next())?)),
        Rule::sub_unit => Stmt::SubUnit {
            id: word(b, req(next())?),
            name: word(b, req(next())?),
            kind: next().map(|p| word(b, p)),
        },
        Rule::duties_block => Stmt::DutiesBlock,
        Rule::organization_block => Stmt::OrganizationBlock,
        Rule::reason_block => Stmt::ReasonBlock(word(b, req(next())?)),
        Rule::glossary_block => Stmt::GlossaryBlock(word(b, req(next())?)),
        Rule::paragraph => match next() {
            Some(t) => Stmt::Paragraph(word(b, t)),
            None => Stmt::Paragraph(Spanned::new(String::new(), Span::default())),
        },
        Rule::income => Stmt::Income {
            source: word(b, req(next())?),
            amount: amount(b, req(next())?)?,
        },
        Rule::basic_block => Stmt::BasicBlock,
        Rule::basic_line => lower_basic_line(b, parts)?,
        Rule::prior_block => Stmt::PriorBlock,
        Rule::prior_figure => Stmt::PriorFigure {
            name: word(b, req(next())?),
            amount: amount(b, req(next())?)?,
        },
        Rule::project => Stmt::Project {
            code: word(b, req(next())?),
            name: word(b, req(next())?),
        },
        Rule::project_unit => Stmt::ProjectUnit(word(b, req(next())?)),
        Rule::project_kind => Stmt::ProjectKind(word(b, req(next())?)),
        Rule::project_source => Stmt::ProjectSource(word(b, req(next())?)),
        Rule::allocation | Rule::economic => {
            let (code, name, amt) = code_name_amount(parts)?;
            let cref = code_ref(b, code, name);
            let amount = amount(b, amt)?;
            if rule == Rule::allocation {
                Stmt::Allocation { func: cref, amount }
            } else {
                Stmt::Economic { econ: cref, amount }
            }
        }
        Rule::project_amount => Stmt::ProjectAmount(amount(b, req(next())?)?),
        Rule::procurement => {
            let mut it = parts.into_iter();
            let kind = word(b, req(it.next())?);
            let rest: Vec<_> = it.collect();
            let (func, amt) = match rest.len() {
                2 => (Some(word(b, rest[0].clone())), rest[1].clone()),
                _ => (None, req(rest.into_iter().next())?),
            };
            Stmt::Procurement {
                kind,
                func,
                amount: amount(b, amt)?,
            }
        }
        Rule::three_public => Stmt::ThreePublic {
            kind: word(b, req(next())?),
            amount: amount(b, req(next())?)?,
        },
        Rule::goal => Stmt::Goal(word(b, req(next())?)),
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
                Rule::amount => AssertValue::Amount(amount(b, v.clone())?, word(b, v)),
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
    p.ok_or_else(|| {
        Diagnostic::new(
            "E0001",
            t!(
                "内部错误：语法树缺少部分",
                "internal error: a part of the syntax tree is missing"
            ),
        )
        .with_help(defect())
    })
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
    // code name? code name? source? amount — split at the second code.
    let mut func_code = None;
    let mut func_name = None;
    let mut econ_code = None;
    let mut econ_name = None;
    let mut source = None;
    let mut amt = None;
    for p in parts {
        match (p.as_rule(), func_code.is_some(), econ_code.is_some()) {
            (Rule::code, false, _) => func_code = Some(p),
            (Rule::name, true, false) => func_name = Some(p),
            (Rule::code, true, false) => econ_code = Some(p),
            (Rule::name, true, true) => econ_name = Some(p),
            (Rule::word, _, _) => source = Some(p),
            (Rule::amount, _, _) => amt = Some(p),
            (other, _, _) => return Err(internal(other)),
        }
    }
    Ok(Stmt::BasicLine {
        func: code_ref(b, req(func_code)?, func_name),
        econ: code_ref(b, req(econ_code)?, econ_name),
        source: source.map(|p| word(b, p)),
        amount: amount(b, req(amt)?)?,
    })
}

fn lower_indicator(b: usize, parts: Vec<Pair<Rule>>) -> Lowered<Stmt> {
    let mut it = parts.into_iter();
    let level1 = word(b, req(it.next())?);
    let level2 = word(b, req(it.next())?);
    let name = word(b, req(it.next())?);
    let value = lower_value(b, req(it.next())?);
    let criterion = word(b, req(it.next())?);
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
            Rule::note => q.note = Some(part.as_str().to_string()),
            _ => {}
        }
    }
    Some(q)
}

#[cfg(test)]
mod tests;
