//! Completion: classification codes by the digits typed or by a word of their name, sub-units
//! after `单位`, indicator categories after `指标`.

use super::position::{line_before, offset, range};
use crate::diag::Lang;
use crate::model::catalog::Classification;
use crate::t;
use crate::Compiled;
use lsp_types as lsp;

/// At most this many codes are offered for digits typed (a 3-digit prefix matches hundreds).
const MAX_BY_DIGITS: usize = 100;
/// At most this many codes are offered for a word of a name.
const MAX_BY_NAME: usize = 50;

pub fn completion(c: &Compiled, at: lsp::Position, lang: Lang) -> Vec<lsp::CompletionItem> {
    let at = offset(&c.file, at);
    let line = line_before(&c.file.text, at);
    let prefix = line.rsplit([' ', '\t', '\u{3000}']).next().unwrap_or("");
    let keyword = line.split_whitespace().next().unwrap_or("");
    if keyword == "单位" && line.trim_start() != prefix {
        return sub_units(c);
    }
    if keyword == "指标" {
        return indicator_categories(c, lang);
    }
    if prefix.is_empty() {
        return Vec::new();
    }
    if prefix.chars().all(|ch| ch.is_ascii_digit()) {
        // An economic code after 经济, or in the second column of a line that starts with a
        // functional code; a functional code anywhere else.
        let economic = keyword == "经济"
            || (keyword.chars().all(|ch| ch.is_ascii_digit())
                && line.split_whitespace().count() >= 2);
        let class = if economic {
            Classification::EconomicDept
        } else {
            Classification::Functional
        };
        return by_digits(c, class, prefix);
    }
    by_name(c, prefix, at)
}

fn item(label: String, detail: String, kind: lsp::CompletionItemKind) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label,
        detail: Some(detail),
        kind: Some(kind),
        ..Default::default()
    }
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

/// Every 一级 二级 pair of the indicator framework. The one place the LSP reads it.
fn indicator_categories(c: &Compiled, lang: Lang) -> Vec<lsp::CompletionItem> {
    let detail = t!(
        "一级指标 二级指标",
        "level-1 and level-2 indicator category"
    );
    let mut items = Vec::new();
    for (first, seconds) in c.catalog.rules().framework() {
        for second in seconds {
            items.push(item(
                format!("{first} {second}"),
                detail.get(lang).to_string(),
                lsp::CompletionItemKind::ENUM_MEMBER,
            ));
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
/// code.
fn by_name(c: &Compiled, word: &str, at: usize) -> Vec<lsp::CompletionItem> {
    let replace = range(&c.file, at.saturating_sub(word.len()), at);
    c.catalog
        .codes_named(Classification::Functional, word)
        .into_iter()
        .take(MAX_BY_NAME)
        .map(|(code, name)| lsp::CompletionItem {
            label: format!("{code} {name}"),
            filter_text: Some(name.clone()),
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
