//! Completion: classification codes by the digits typed or by a word of their name, sub-units
//! after `单位`, indicator categories after `指标`.

use super::position::{offset, range};
use crate::diag::t;
use crate::diag::Lang;
use crate::model::catalog::Classification;
use crate::source::Span;
use crate::syntax::{line_at, Kind, LineAt};
use crate::Compiled;
use lsp_types as lsp;

/// At most this many codes are offered for digits typed (a 3-digit prefix matches hundreds).
const MAX_BY_DIGITS: usize = 100;
/// At most this many codes are offered for a word of a name.
const MAX_BY_NAME: usize = 50;

pub fn completion(c: &Compiled, at: lsp::Position, lang: Lang) -> Vec<lsp::CompletionItem> {
    let line = line_at(&c.file.text, offset(&c.file, at));
    let typed = line.typed();
    let prefix = c.file.slice(typed);
    // The statement the line is, where it stands: 单位 and 指标 only mean something in a 项目.
    match (line.placed(), line.word) {
        (Some(Kind::ProjectUnit), 1) => return sub_units(c),
        (Some(Kind::Indicator), 1) => return indicator_categories(c, lang, None, &line),
        (Some(Kind::Indicator), 2) => {
            let first = line.words().nth(1).map(|w| c.file.slice(w));
            return indicator_categories(c, lang, first, &line);
        }
        (Some(Kind::Indicator | Kind::ProjectUnit), _) => return Vec::new(),
        // The funding source: after 资金 and 收入, and after the code of a project's 支出 line.
        (Some(Kind::ProjectSource | Kind::Income), 1) => return sources(prefix),
        (Some(Kind::Allocation), 2) if !prefix.bytes().any(|b| b.is_ascii_digit()) => {
            return sources(prefix)
        }
        // The unit kinds: after 单位性质, and as the last word of a 二级单位 line.
        (Some(Kind::UnitKind), 1) | (Some(Kind::SubUnit), 3) => return unit_kinds(prefix),
        _ => {}
    }
    if prefix.is_empty() {
        return Vec::new();
    }
    if prefix.bytes().all(|b| b.is_ascii_digit()) {
        // An economic code after 经济, or after the functional code a 基本支出 line starts
        // with; a functional code anywhere else.
        let economic = match line.kind {
            Some(Kind::Economic) => true,
            Some(Kind::BasicLine) => line.word >= 1,
            _ => false,
        };
        let class = if economic {
            Classification::EconomicDept
        } else {
            Classification::Functional
        };
        return by_digits(c, class, prefix);
    }
    by_name(c, prefix, typed)
}

fn item(label: String, detail: String, kind: lsp::CompletionItemKind) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label,
        detail: Some(detail),
        kind: Some(kind),
        ..Default::default()
    }
}

/// The eleven funding sources that start with the word typed.
fn sources(prefix: &str) -> Vec<lsp::CompletionItem> {
    crate::model::Source::ALL
        .iter()
        .filter(|s| s.keyword().starts_with(prefix))
        .map(|s| {
            let fiscal = if s.is_fiscal() {
                "财政拨款"
            } else {
                "资金来源"
            };
            item(
                s.keyword().to_string(),
                fiscal.to_string(),
                lsp::CompletionItemKind::ENUM_MEMBER,
            )
        })
        .collect()
}

/// 行政, 参公, 事业.
fn unit_kinds(prefix: &str) -> Vec<lsp::CompletionItem> {
    crate::model::UnitKind::ALL
        .iter()
        .filter(|k| k.keyword().starts_with(prefix))
        .map(|k| {
            let detail = match k {
                crate::model::UnitKind::Administrative => "行政单位",
                crate::model::UnitKind::CivilServiceManaged => "参照公务员法管理的事业单位",
                crate::model::UnitKind::Institution => "事业单位",
            };
            item(
                k.keyword().to_string(),
                detail.to_string(),
                lsp::CompletionItemKind::ENUM_MEMBER,
            )
        })
        .collect()
}

fn sub_units(c: &Compiled) -> Vec<lsp::CompletionItem> {
    c.budget
        .sub_units
        .iter()
        .map(|u| {
            item(
                u.id.value.clone(),
                u.name.value.clone(),
                lsp::CompletionItemKind::MODULE,
            )
        })
        .collect()
}

/// The indicator categories: every 一级 二级 pair where the 一级 is being typed; the 二级 of
/// `first` where the 二级 is (none if `first` is not a 一级). The one place the LSP reads the
/// framework. An item replaces the word typed, if any.
fn indicator_categories(
    c: &Compiled,
    lang: Lang,
    first: Option<&str>,
    line: &LineAt,
) -> Vec<lsp::CompletionItem> {
    let detail = match first {
        None => t!(
            "一级指标 二级指标",
            "level-1 and level-2 indicator category"
        ),
        Some(_) => t!("二级指标", "level-2 indicator category"),
    };
    let typed = line.typed();
    let replace = line
        .word_under()
        .filter(|_| typed.end > typed.start)
        .map(|w| range(&c.file, w.start, w.end));
    let mut items = Vec::new();
    for (level1, seconds) in c.catalog.rules().framework() {
        if first.is_some_and(|f| f != level1) {
            continue;
        }
        for second in seconds {
            let label = match first {
                None => format!("{level1} {second}"),
                Some(_) => second.clone(),
            };
            let mut item = item(
                label.clone(),
                detail.get(lang).to_string(),
                lsp::CompletionItemKind::ENUM_MEMBER,
            );
            item.text_edit = replace.map(|range| {
                lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                    range,
                    new_text: label,
                })
            });
            items.push(item);
        }
    }
    items
}

/// Codes that start with the digits typed: typing 20801 offers its 项.
fn by_digits(c: &Compiled, class: Classification, prefix: &str) -> Vec<lsp::CompletionItem> {
    c.catalog
        .codes_with_prefix(class, prefix)
        .into_iter()
        .take(MAX_BY_DIGITS)
        .map(|(code, name)| item(code, name, lsp::CompletionItemKind::VALUE))
        .collect()
}

/// Functional codes whose name contains the word typed; accepting one replaces the word by the
/// code. The filter text is the word typed: the name need not start with it, and a client that
/// filters by prefix (Neovim's omnifunc) would drop the item otherwise.
fn by_name(c: &Compiled, word: &str, typed: Span) -> Vec<lsp::CompletionItem> {
    let replace = range(&c.file, typed.start, typed.end);
    c.catalog
        .codes_named(Classification::Functional, word)
        .into_iter()
        .take(MAX_BY_NAME)
        .map(|(code, name)| lsp::CompletionItem {
            label: format!("{code} {name}"),
            filter_text: Some(word.to_string()),
            insert_text: Some(code.clone()),
            detail: Some(name),
            kind: Some(lsp::CompletionItemKind::VALUE),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range: replace,
                new_text: code,
            })),
            ..Default::default()
        })
        .collect()
}
