//! Assertions (断言): a stated figure or table cell against what the facts derive.

use super::fmt;
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::document::tables::convert;
use crate::document::{Cell, ColumnId, ColumnKind, Document, Row, Table};
use crate::model::catalog::normalize_name;
use crate::model::{Assertion, Budget, MoneyUnit};
use crate::source::{Span, Spanned};
use rust_decimal::Decimal;

pub fn run(b: &Budget, doc: &Document, out: &mut Vec<Diagnostic>) {
    for a in &b.assertions {
        if let Err(d) = assertion(a, doc, b.unit()) {
            out.push(d);
        }
    }
}

/// The named figures an assertion can state.
pub const FIGURES: &[&str] = &[
    "收入合计",
    "支出合计",
    "基本支出",
    "项目支出",
    "人员支出",
    "日常公用支出",
    "三公经费",
    "机关运行经费",
    "政府采购",
    "项目数",
];

fn named_figure(name: &str, doc: &Document) -> Option<Decimal> {
    let f = &doc.figures;
    Some(match name {
        // Not applicable (no 行政 or 参公 unit): reported by `not_applicable`.
        "机关运行经费" => f.operating_cost?,
        "收入合计" | "收入总计" => f.income_total,
        "支出合计" | "支出总计" | "收支合计" => f.expenditure_total,
        "基本支出" => f.basic,
        "项目支出" => f.project,
        "人员支出" => f.personnel,
        "日常公用支出" | "公用支出" => f.public,
        "三公经费" | "三公" | "“三公”经费" => f.three_public.current_total(),
        "政府采购" => f.procurement_total(),
        "项目数" => Decimal::from(f.project_count),
        _ => return None,
    })
}

/// What the facts say about the asserted target.
enum Derived {
    Amount(Decimal),
    Text(String),
}

fn assertion(a: &Assertion, doc: &Document, unit: MoneyUnit) -> Result<(), Diagnostic> {
    let words: Vec<&str> = a.figure.iter().map(|w| w.value.as_str()).collect();
    let ref_span = match (a.figure.first(), a.figure.last()) {
        (Some(f), Some(l)) => Span::new(f.span.start, l.span.end),
        _ => a.span,
    };
    // The unit of the table a cell is asserted of, when its template gives one.
    let mut table_unit = None;
    let derived = match words.as_slice() {
        ["机关运行经费"] if doc.figures.operating_cost.is_none() => {
            return Err(Diagnostic::new(
                "E0206",
                t!(
                    "本部门没有行政单位或参公单位，机关运行经费不适用",
                    "the department has no 行政 or 参公 unit: 机关运行经费 does not apply"
                ),
            )
            .at(ref_span, t!("不适用", "not applicable"))
            .with_help(t!(
                "机关运行经费只计行政单位和参照公务员法管理的事业单位：删去这条断言，或核对“单位性质”和各二级单位的类型。",
                "机关运行经费 covers 行政 and 参公 units only: delete this assertion, or check 单位性质 and the kinds of the sub-units."
            )));
        }
        [one] => named_figure(one, doc)
            .map(Derived::Amount)
            .ok_or_else(|| unknown_figure(one, ref_span))?,
        [table, rest @ ..] => {
            let (derived, t) = table_cell(doc, table, rest, &a.figure)?;
            table_unit = t.unit;
            derived
        }
        [] => return Ok(()),
    };
    let what = words.join(" ");
    let stated = &a.value.value;
    match derived {
        Derived::Amount(d) => {
            let Some(amount) = &a.amount else {
                return Err(Diagnostic::new(
                    "E0206",
                    t!(
                        "“{what}”是金额，断言写的是“{stated}”",
                        "“{what}” is an amount, the assertion states “{stated}”"
                    ),
                )
                .at(a.value.span, t!("应为金额", "an amount belongs here")));
            };
            if let Some(p) = &a.printed {
                if what == "项目数" {
                    let u = p.unit.value.as_str();
                    return Err(Diagnostic::new(
                        "E0206",
                        t!(
                            "项目数是个数，不带金额单位“{u}”",
                            "项目数 is a count: it takes no money unit (“{u}”)"
                        ),
                    )
                    .at(p.unit.span, t!("删去单位", "delete the unit")));
                }
                return printed(&what, amount, (p.unit.value, p.decimals), d, unit, ref_span);
            }
            // A cell of a table printed in its template's unit: compared as printed, to the
            // decimals written.
            if let Some(u) = table_unit {
                let n = amount.value.scale();
                return printed(&what, amount, (u.to, n), d, unit, ref_span);
            }
            if amount.value == d {
                return Ok(());
            }
            // 项目数 is a count: shown without decimals.
            let show = |x: Decimal| {
                if what == "项目数" {
                    x.normalize().to_string()
                } else {
                    fmt(x)
                }
            };
            let (s, dd, diff) = (show(amount.value), show(d), show(amount.value - d));
            Err(Diagnostic::new(
                "E0201",
                t!(
                    "断言不成立：{what} 写的是 {s}，由事实算得 {dd}（差 {diff}）",
                    "assertion fails: {what} is stated as {s}, the facts give {dd} (difference {diff})"
                ),
            )
            .at(amount.span, t!("算得 {dd}", "derived {dd}"))
            .also(ref_span, t!("断言的对象", "what is asserted"))
            .with_help(t!(
                "断言的数与事实推出的数不一致：核对相关的支出行和项目金额，或改正断言。",
                "the stated figure differs from the derived one: check the spending lines and project amounts behind it, or the assertion."
            )))
        }
        Derived::Text(d) => {
            if let Some(p) = &a.printed {
                let u = p.unit.value.as_str();
                return Err(Diagnostic::new(
                    "E0206",
                    t!(
                        "“{what}”是文字，不带金额单位“{u}”",
                        "“{what}” is text: it takes no money unit (“{u}”)"
                    ),
                )
                .at(p.unit.span, t!("删去单位", "delete the unit")));
            }
            if normalize_name(stated) == normalize_name(&d) {
                return Ok(());
            }
            let shown = if d.is_empty() {
                "（空）".to_string()
            } else {
                d.clone()
            };
            let shown_en = if d.is_empty() {
                "(blank)".to_string()
            } else {
                d
            };
            Err(Diagnostic::new(
                "E0201",
                t!(
                    "断言不成立：{what} 写的是“{stated}”，应为“{shown}”",
                    "assertion fails: {what} is stated as “{stated}”, the facts give “{shown_en}”"
                ),
            )
            .at(a.value.span, t!("应为“{shown}”", "“{shown_en}” derived"))
            .also(ref_span, t!("断言的对象", "what is asserted"))
            .with_help(t!(
                "表格中的文字（名称、编码位置）由科目表和事实决定：改正名称或编码。",
                "the text of a table (names, code columns) follows from the catalog and the facts: correct the name or code."
            )))
        }
    }
}

/// A decimal shown with at least `decimals` places (`9.375`, `507.20`).
fn with_decimals(d: Decimal, decimals: u32) -> String {
    let d = d.normalize();
    if d.scale() < decimals {
        format!("{d:.prec$}", prec = decimals as usize)
    } else {
        d.to_string()
    }
}

/// An amount asserted as printed (`507.25 万元`, or a cell of a table in its template's unit):
/// the derived figure, converted to the unit `to` and rounded half away from zero to `n`
/// decimals (those written), must equal it.
fn printed(
    what: &str,
    amount: &crate::model::Money,
    (to, n): (MoneyUnit, u32),
    derived: Decimal,
    budget_unit: MoneyUnit,
    ref_span: Span,
) -> Result<(), Diagnostic> {
    let u = to.as_str();
    let Some(exact) = convert(derived, budget_unit, to) else {
        let (s, b) = (amount.value.to_string(), budget_unit.as_str());
        let dd = fmt(derived);
        return Err(Diagnostic::new(
            "E0201",
            t!(
                "断言不成立：{what} 写的是 {s} {u}，由事实算得 {dd} {b}，换算成{u}超出范围",
                "assertion fails: {what} is stated as {s} {u}, the facts give {dd} {b}, out of range in {u}"
            ),
        )
        .at(amount.span, t!("超出范围", "out of range")));
    };
    let (rounded, truncated) = super::prose_figures::precision(exact, n);
    if rounded == amount.value {
        return Ok(());
    }
    let s = amount.value.to_string();
    let e = with_decimals(exact, n);
    let r = format!("{rounded:.prec$}", prec = n as usize);
    if truncated == amount.value {
        return Err(
            super::prose_figures::truncation(amount.span, &s, &e, &r, u, n)
                .also(ref_span, t!("断言的对象", "what is asserted")),
        );
    }
    Err(Diagnostic::new(
        "E0201",
        t!(
            "断言不成立：{what} 写的是 {s} {u}，由事实算得 {e} {u}（四舍五入到 {n} 位为 {r}）",
            "assertion fails: {what} is stated as {s} {u}, the facts give {e} {u} ({r} rounded to {n} decimals)"
        ),
    )
    .at(amount.span, t!("印出应为 {r}", "printed as {r}"))
    .also(ref_span, t!("断言的对象", "what is asserted"))
    .with_help(t!(
        "带单位的断言按印出的数核对：由事实算得的数换算成{u}，四舍五入（五入远离零）到所写的小数位数后应与之相同。核对相关的支出行和项目金额，或改正断言。",
        "an assertion with a unit is checked as printed: the derived figure, in {u} and rounded half away from zero to the decimals written, must equal it. Check the spending lines and project amounts behind it, or the assertion."
    )))
}

fn unknown_figure(name: &str, span: Span) -> Diagnostic {
    let list = FIGURES.join("、");
    Diagnostic::new(
        "E0206",
        t!("不知道“{name}”是哪个数", "no figure is called “{name}”"),
    )
    .at(span, t!("未知的数名", "unknown figure"))
    .with_help(t!(
        "可断言的数：{list}；或写表格单元格 “<表> <行> <列>”。",
        "figures: {list}; or a table cell “<table> <row> <column>”."
    ))
}

fn table_matches(t: &Table, w: &str) -> bool {
    let w = normalize_name(w);
    let title = normalize_name(&t.title);
    w.parse() == Ok(t.id) || w == title || w.replace("情况", "") == title.replace("情况", "")
}

fn row_matches(t: &Table, r: &Row, w: &str) -> bool {
    let w = normalize_name(w);
    if let Some((dept, gov)) = w.split_once('/') {
        // An economic row by both codes: `30101/50501` (a code on both sides of the mapping).
        return r.code.as_deref() == Some(dept) && gov_code(t, r).as_deref() == Some(gov);
    }
    r.code.as_deref() == Some(w.as_str()) || normalize_name(&r.name) == w
}

/// The 政府预算支出经济分类 code printed in an economic row (its 类 and 款 cells).
fn gov_code(t: &Table, r: &Row) -> Option<String> {
    let cell = |id: ColumnId| match t.column(id).and_then(|i| r.cells.get(i)) {
        Some(Cell::Text(s)) => s.clone(),
        _ => String::new(),
    };
    let code = cell(ColumnId::GovClass) + &cell(ColumnId::GovSection);
    (!code.is_empty()).then_some(code)
}

/// A row as an assertion names it: its code, with the 政府经济分类 code where it has one.
fn row_label(t: &Table, r: &Row) -> Option<String> {
    let code = r.code.clone()?;
    Some(match gov_code(t, r) {
        Some(g) => format!("{code}/{g}"),
        None => code,
    })
}

/// A table cell's value, with the table it is in.
fn table_cell<'d>(
    doc: &'d Document,
    table: &str,
    rest: &[&str],
    words: &[Spanned<String>],
) -> Result<(Derived, &'d Table), Diagnostic> {
    let span_of = |i: usize| words.get(i).map(|w| w.span).unwrap_or_default();
    let ids = doc
        .tables()
        .iter()
        .map(|t| t.id.as_str())
        .collect::<Vec<_>>()
        .join("、");
    let Some(t) = doc.tables().iter().find(|t| table_matches(t, table)) else {
        let d = if named_figure(table, doc).is_some() {
            Diagnostic::new(
                "E0206",
                t!(
                    "数名“{table}”后面不能再跟词",
                    "the figure “{table}” takes no further words"
                ),
            )
        } else {
            Diagnostic::new(
                "E0206",
                t!("没有叫“{table}”的表", "no table is called “{table}”"),
            )
        };
        return Err(d
            .at(span_of(0), t!("未知的表", "unknown table"))
            .with_help(t!(
                "表可用编号或标题：{ids}",
                "tables by id or title: {ids}"
            )));
    };
    let title = &t.title;
    let (row_words, column) = match rest {
        [] => {
            return Err(
                Diagnostic::new("E0206", t!("缺少列名", "the column is missing"))
                    .at(span_of(0), Default::default())
                    .with_help(t!(
                        "写成 “<表> <行> <列>”",
                        "write “<table> <row> <column>”"
                    )),
            )
        }
        [col] => (vec!["合计"], *col),
        [rows @ .., col] => (rows.to_vec(), *col),
    };
    let row_key = row_words.join(" ");
    let rows: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| row_matches(t, r, &row_key))
        .collect();
    if rows.len() > 1 {
        let codes = rows
            .iter()
            .filter_map(|r| row_label(t, r))
            .collect::<Vec<_>>()
            .join("、");
        return Err(Diagnostic::new(
            "E0206",
            t!(
                "“{row_key}”在{title}中指多行",
                "“{row_key}” names several rows of {title}"
            ),
        )
        .at(span_of(1), t!("不明确", "ambiguous"))
        .with_help(t!("用编码区分：{codes}", "use a code: {codes}")));
    }
    let Some(row) = rows.first() else {
        return Err(Diagnostic::new(
            "E0206",
            t!(
                "{title}中没有“{row_key}”这一行",
                "{title} has no row “{row_key}”"
            ),
        )
        .at(span_of(1), t!("未知的行", "unknown row"))
        .with_help(t!(
            "行用科目编码、项目编码或名称表示；合计行写 “合计”。",
            "rows by classification code, project code or name; the total row is “合计”."
        )));
    };
    let col_word = normalize_name(column);
    let matches: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            col_word.parse() == Ok(c.id)
                || normalize_name(c.label()) == col_word
                || c.group
                    .as_deref()
                    .map(|g| format!("{}{}", normalize_name(g), normalize_name(c.label())))
                    == Some(col_word.replace(['.', '/'], ""))
        })
        .map(|(i, _)| i)
        .collect();
    let last = span_of(words.len().saturating_sub(1));
    let col_ids = |idx: &[usize]| {
        idx.iter()
            .filter_map(|i| t.columns.get(*i).map(|c| c.id.as_str()))
            .collect::<Vec<_>>()
            .join("、")
    };
    match matches.as_slice() {
        [i] => {
            let kind = t.columns.get(*i).map(|c| c.kind);
            let derived = match (row.cells.get(*i), kind) {
                (Some(Cell::Amount(d)), _) => Derived::Amount(*d),
                (Some(Cell::Text(s)), _) => Derived::Text(s.clone()),
                (_, Some(ColumnKind::Amount)) => Derived::Amount(Decimal::ZERO),
                _ => Derived::Text(String::new()),
            };
            Ok((derived, t))
        }
        [] => {
            let all: Vec<usize> = (0..t.columns.len()).collect();
            let list = col_ids(&all);
            Err(Diagnostic::new(
                "E0206",
                t!(
                    "{title}中没有“{column}”这一列",
                    "{title} has no column “{column}”"
                ),
            )
            .at(last, t!("未知的列", "unknown column"))
            .with_help(t!("列可用编号：{list}", "columns by id: {list}")))
        }
        many => {
            let list = col_ids(many);
            Err(Diagnostic::new(
                "E0206",
                t!(
                    "“{column}”在{title}中指多列",
                    "“{column}” names several columns of {title}"
                ),
            )
            .at(last, t!("不明确", "ambiguous"))
            .with_help(t!("用列编号区分：{list}", "use a column id: {list}")))
        }
    }
}
