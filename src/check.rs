//! Checks on the built model: assertions against the views, and the arithmetic that the
//! language itself promises (project totals, income = expenditure). Each check returns
//! diagnostics and never stops the others. The full check catalogue grows here.

use crate::backend::views::{Cell, Document, Row, Table};
use crate::diag::{Diagnostic, Label};
use crate::model::build::normalize_name;
use crate::model::{Budget, Source};
use crate::source::Span;
use rust_decimal::Decimal;

/// Runs every check.
pub fn run(budget: &Budget, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    projects(budget, &mut out);
    income_matches_spending(budget, doc, &mut out);
    for a in &budget.assertions {
        assertion(a, doc, &mut out);
    }
    out
}

/// Two decimals, or every digit when an amount carries more (so a difference never shows as 0.00).
fn fmt(d: Decimal) -> String {
    if d.normalize().scale() <= 2 {
        format!("{d:.2}")
    } else {
        d.normalize().to_string()
    }
}

fn projects(b: &Budget, out: &mut Vec<Diagnostic>) {
    for p in &b.projects {
        if p.allocations.is_empty() {
            out.push(
                Diagnostic::error("E0207", format!("项目“{}”没有支出行", p.name.value))
                    .at(p.name.span, "没有金额")
                    .with_help("在项目下写 “支出 <功能分类项编码> <金额>”，每个功能科目一行。"),
            );
            continue;
        }
        if let Some(stated) = &p.stated_amount {
            let sum = p.amount();
            if stated.value != sum {
                let mut d = Diagnostic::error(
                    "E0202",
                    format!(
                        "项目金额 {} 与各支出行之和 {} 不等（差 {}）",
                        fmt(stated.value),
                        fmt(sum),
                        fmt(stated.value - sum)
                    ),
                )
                .at(stated.span, "项目金额");
                for a in &p.allocations {
                    d = d.with_label(Label::secondary(a.amount.span, ""));
                }
                out.push(d.with_help("核对各“支出”行的金额，或改正“金额”。"));
            }
        }
        let codes: Vec<&str> = p.allocations.iter().map(|a| a.code.code.as_str()).collect();
        for proc in &p.procurement {
            match &proc.func {
                None if codes.len() > 1 => out.push(
                    Diagnostic::error("E0208", "项目有多个功能科目，采购行须写明科目编码")
                        .at(proc.span, "不知道算在哪个科目")
                        .with_help(format!(
                            "写成 “采购 <种类> <功能分类项> <金额>”，科目为其中之一：{}",
                            codes.join("、")
                        )),
                ),
                Some(c) if !codes.contains(&c.code.as_str()) => out.push(
                    Diagnostic::error(
                        "E0208",
                        format!("采购科目 {} 不在这个项目的支出科目中", c.code),
                    )
                    .at(c.span, "项目在这个科目上没有支出")
                    .with_help(format!("可用的科目：{}", codes.join("、"))),
                ),
                _ => {}
            }
        }
    }
}

fn income_matches_spending(b: &Budget, doc: &Document, out: &mut Vec<Diagnostic>) {
    if b.income.is_empty() {
        return;
    }
    let f = &doc.figures;
    for source in Source::ALL {
        let stated: Decimal = b
            .income
            .iter()
            .filter(|i| i.source == source)
            .map(|i| i.amount.value)
            .sum();
        let spent: Decimal = b
            .basic
            .iter()
            .filter(|l| l.source == source)
            .map(|l| l.amount.value)
            .chain(
                b.projects
                    .iter()
                    .filter(|p| p.source == source)
                    .map(|p| p.amount()),
            )
            .sum();
        if stated == spent {
            continue;
        }
        let at = b
            .income
            .iter()
            .find(|i| i.source == source)
            .map(|i| i.amount.span)
            .or_else(|| b.income.first().map(|i| i.span))
            .unwrap_or_default();
        out.push(
            Diagnostic::error(
                "E0203",
                format!(
                    "{}收入 {} 与用这一来源安排的支出 {} 不等（差 {}）",
                    source.keyword(),
                    fmt(stated),
                    fmt(spent),
                    fmt(stated - spent)
                ),
            )
            .at(at, "收入")
            .with_help(format!(
                "收支必须平衡：核对收入和各支出行。全部支出合计为 {}。",
                fmt(f.expenditure_total)
            )),
        );
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
        "收入合计" | "收入总计" => f.income_total,
        "支出合计" | "支出总计" | "收支合计" => f.expenditure_total,
        "基本支出" => f.basic,
        "项目支出" => f.project,
        "人员支出" => f.personnel,
        "日常公用支出" | "公用支出" => f.public,
        "三公经费" | "三公" | "“三公”经费" => f.three_public.current_total(),
        "机关运行经费" => f.operating_cost,
        "政府采购" => f.procurement_total(),
        "项目数" => Decimal::from(f.project_count),
        _ => return None,
    })
}

fn assertion(a: &crate::model::Assertion, doc: &Document, out: &mut Vec<Diagnostic>) {
    let words: Vec<&str> = a.figure.iter().map(|w| w.value.as_str()).collect();
    let ref_span = match (a.figure.first(), a.figure.last()) {
        (Some(f), Some(l)) => Span::new(f.span.start, l.span.end),
        _ => a.span,
    };
    let derived = match words.as_slice() {
        [one] => named_figure(one, doc).ok_or_else(|| unknown_figure(one, ref_span)),
        [table, rest @ ..] => table_cell(doc, table, rest, &a.figure),
        [] => return,
    };
    let derived = match derived {
        Ok(d) => d,
        Err(d) => return out.push(d),
    };
    if derived != a.amount.value {
        out.push(
            Diagnostic::error(
                "E0201",
                format!(
                    "断言不成立：{} 写的是 {}，由事实算得 {}（差 {}）",
                    words.join(" "),
                    fmt(a.amount.value),
                    fmt(derived),
                    fmt(a.amount.value - derived)
                ),
            )
            .at(a.amount.span, format!("算得 {}", fmt(derived)))
            .with_label(Label::secondary(ref_span, ""))
            .with_help("断言的数与事实推出的数不一致：核对相关的支出行和项目金额，或改正断言。"),
        );
    }
}

fn unknown_figure(name: &str, span: Span) -> Diagnostic {
    Diagnostic::error("E0206", format!("不知道“{name}”是哪个数"))
        .at(span, "未知的数名")
        .with_help(format!(
            "可断言的数：{}；或写表格单元格 “<表> <行> <列>”。",
            FIGURES.join("、")
        ))
}

fn table_matches(t: &Table, w: &str) -> bool {
    let w = normalize_name(w);
    let title = normalize_name(&t.title);
    w == t.id || w == title || w.replace("情况", "") == title.replace("情况", "")
}

fn row_matches(r: &Row, w: &str) -> bool {
    let w = normalize_name(w);
    r.code.as_deref() == Some(w.as_str()) || normalize_name(&r.name) == w
}

fn table_cell(
    doc: &Document,
    table: &str,
    rest: &[&str],
    words: &[crate::syntax::ast::Spanned<String>],
) -> Result<Decimal, Diagnostic> {
    let span_of = |i: usize| words.get(i).map(|w| w.span).unwrap_or_default();
    let Some(t) = doc.tables.iter().find(|t| table_matches(t, table)) else {
        let ids: Vec<&str> = doc.tables.iter().map(|t| t.id).collect();
        let base = match named_figure(table, doc) {
            Some(_) => "数名后面不能再跟词".to_string(),
            None => format!("没有叫“{table}”的表"),
        };
        return Err(Diagnostic::error("E0206", base)
            .at(span_of(0), "未知的表")
            .with_help(format!("表可用编号或标题：{}", ids.join("、"))));
    };
    let (row_words, column) = match rest {
        [] => {
            return Err(Diagnostic::error("E0206", "缺少列名")
                .at(span_of(0), "")
                .with_help("写成 “<表> <行> <列>”"))
        }
        [col] => (vec!["合计"], *col),
        [rows @ .., col] => (rows.to_vec(), *col),
    };
    let row_key = row_words.join(" ");
    let rows: Vec<&Row> = t.rows.iter().filter(|r| row_matches(r, &row_key)).collect();
    if rows.len() > 1 {
        let codes: Vec<&str> = rows.iter().filter_map(|r| r.code.as_deref()).collect();
        return Err(
            Diagnostic::error("E0206", format!("“{row_key}”在{}中指多行", t.title))
                .at(span_of(1), "不明确")
                .with_help(format!("用编码区分：{}", codes.join("、"))),
        );
    }
    let Some(row) = rows.first() else {
        return Err(
            Diagnostic::error("E0206", format!("{}中没有“{row_key}”这一行", t.title))
                .at(span_of(1), "未知的行")
                .with_help("行用科目编码、项目编码或名称表示；合计行写 “合计”。"),
        );
    };
    let col_word = normalize_name(column);
    let matches: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.id == col_word
                || normalize_name(c.label) == col_word
                || c.group
                    .map(|g| format!("{}{}", normalize_name(g), normalize_name(c.label)))
                    == Some(col_word.replace(['.', '/'], ""))
        })
        .map(|(i, _)| i)
        .collect();
    let last = span_of(words.len().saturating_sub(1));
    match matches.as_slice() {
        [i] => Ok(match row.cells.get(*i) {
            Some(Cell::Amount(d)) => *d,
            _ => Decimal::ZERO,
        }),
        [] => Err(
            Diagnostic::error("E0206", format!("{}中没有“{column}”这一列", t.title))
                .at(last, "未知的列")
                .with_help(format!(
                    "列可用编号：{}",
                    t.columns
                        .iter()
                        .map(|c| c.id)
                        .collect::<Vec<_>>()
                        .join("、")
                )),
        ),
        many => Err(
            Diagnostic::error("E0206", format!("“{column}”在{}中指多列", t.title))
                .at(last, "不明确")
                .with_help(format!(
                    "用列编号区分：{}",
                    many.iter()
                        .filter_map(|i| t.columns.get(*i).map(|c| c.id))
                        .collect::<Vec<_>>()
                        .join("、")
                )),
        ),
    }
}
