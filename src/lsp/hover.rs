//! Hover on a classification code: its catalog name and level, its amount in this budget, and
//! for an economic code the government economic code it maps to.

use super::position::{offset, range};
use crate::diag::t;
use crate::diag::{Lang, Text};
use crate::document::{ColumnId, TableId};
use crate::model::catalog::Classification;
use crate::syntax::line_at;
use crate::Compiled;
use lsp_types as lsp;
use rust_decimal::Decimal;

pub fn hover(c: &Compiled, at: lsp::Position, lang: Lang) -> Option<lsp::Hover> {
    let line = line_at(&c.file.text, offset(&c.file, at));
    let under = line.word_under()?;
    if line.kind == Some(crate::syntax::statements::Kind::Template) {
        return template(c, under, lang);
    }
    let word = c.file.slice(under);
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut lines: Vec<Text> = Vec::new();
    if let Some(name) = c.catalog.name(Classification::Functional, word) {
        let level = match word.len() {
            3 => t!("类", "class"),
            5 => t!("款", "section"),
            _ => t!("项", "item"),
        };
        let (zh, en) = (&level.zh, &level.en);
        lines.push(t!(
            "**{word} {name}**（支出功能分类 · {zh}）",
            "**{word} {name}** (functional classification · {en})"
        ));
        if let Some(a) = expenditure_total(c, word) {
            let unit = c.budget.unit().as_str();
            lines.push(t!("本预算：{a:.2} {unit}", "In this budget: {a:.2} {unit}"));
        }
    }
    if let Some(name) = c.catalog.name(Classification::EconomicDept, word) {
        lines.push(t!(
            "**{word} {name}**（部门预算支出经济分类）",
            "**{word} {name}** (departmental economic classification)"
        ));
        for side in crate::model::Side::ALL {
            if let Some(g) = c.catalog.gov_code(word, side) {
                let gn = c.catalog.name(Classification::EconomicGov, g).unwrap_or("");
                let s = side.name();
                lines.push(t!(
                    "政府经济分类（{s}）：{g} {gn}",
                    "Government economic classification ({s}): {g} {gn}"
                ));
            }
        }
    }
    if lines.is_empty() {
        return None;
    }
    let value = lines
        .iter()
        .map(|l| l.get(lang))
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range: Some(range(&c.file, under.start, under.end)),
    })
}

/// Hover on the `模板` line: the tables the document has, numbered, with their units.
fn template(c: &Compiled, under: crate::source::Span, lang: Lang) -> Option<lsp::Hover> {
    let mut lines = vec![match lang {
        Lang::Zh => format!("**模板**：{} 张表", c.document.tables().len()),
        Lang::En => format!("**Template**: {} tables", c.document.tables().len()),
    }];
    for (i, t) in c.document.tables().iter().enumerate() {
        let unit = t.unit_name(c.budget.unit());
        lines.push(format!("{}{}（{unit}）", t.number_prefix(i), t.title));
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: lines.join("\n\n"),
        }),
        range: Some(range(&c.file, under.start, under.end)),
    })
}

/// The total of a functional code in the expenditure table (支出预算表). The one place the LSP
/// looks a table up.
fn expenditure_total(c: &Compiled, code: &str) -> Option<Decimal> {
    let table = c.document.table(TableId::Expenditure);
    let row = table
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code))?;
    table.amount(row, ColumnId::Total)
}
