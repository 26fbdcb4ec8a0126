//! Completion: classification codes by the digits typed or by a word of their name, sub-units
//! after `单位`, indicator categories after `指标`.

use super::position::{offset, range};
use crate::diag::t;
use crate::diag::Lang;
use crate::model::catalog::Classification;
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
    // What accepting an item replaces: the word typed, or nothing at the position.
    let to = Replace(replaced(c, &line));
    // The statement the line is, where it stands: 单位 and 指标 only mean something in a 项目.
    match (line.placed(), line.word) {
        (Some(Kind::ProjectUnit), 1) => return sub_units(c, to),
        (Some(Kind::Indicator), 1) => return indicator_categories(c, lang, None, to),
        (Some(Kind::Indicator), 2) => {
            let first = line.words().nth(1).map(|w| c.file.slice(w));
            return indicator_categories(c, lang, first, to);
        }
        (Some(Kind::Indicator | Kind::ProjectUnit), _) => return Vec::new(),
        // The funding source: after 资金 and 收入, and after the code of a project's 支出 line.
        (Some(Kind::ProjectSource | Kind::Income), 1) => return sources(prefix, to),
        (Some(Kind::Allocation | Kind::ProjectTotal), 2)
            if !prefix.bytes().any(|b| b.is_ascii_digit()) =>
        {
            return sources(prefix, to)
        }
        // The unit kinds: after 单位性质, and as the last word of a 二级单位 line.
        (Some(Kind::UnitKind), 1) | (Some(Kind::SubUnit), 3) => return unit_kinds(prefix, to),
        // The built-in templates after 模板.
        (Some(Kind::Template), 1) => return templates(prefix, to),
        _ => {}
    }
    if prefix.is_empty() {
        return Vec::new();
    }
    if prefix.bytes().all(|b| b.is_ascii_digit()) {
        // An economic code after 经济, or after the functional code a 基本支出 line starts
        // with, or first on a 公开稿's line by economic code (3…); a functional code anywhere
        // else.
        let economic = match line.kind {
            Some(Kind::Economic) => true,
            Some(Kind::BasicLine) => line.word >= 1 || prefix.starts_with('3'),
            _ => false,
        };
        let class = if economic {
            Classification::EconomicDept
        } else {
            Classification::Functional
        };
        return by_digits(c, class, prefix, to);
    }
    by_name(c, prefix, to)
}

/// The range an accepted item replaces: the whole word under the position once part of it is
/// typed, else the empty range at the position.
fn replaced(c: &Compiled, line: &LineAt) -> lsp::Range {
    let typed = line.typed();
    match line.word_under().filter(|_| typed.end > typed.start) {
        Some(w) => range(&c.file, w.start, w.end),
        None => range(&c.file, typed.start, typed.end),
    }
}

/// Where an item's text goes. Every item carries its edit, so that no client guesses where the
/// word starts (Neovim's omnifunc guesses wrong with CJK words, and accepting an item then
/// duplicates the word typed), and a filter text, the text inserted.
#[derive(Clone, Copy)]
struct Replace(lsp::Range);

impl Replace {
    fn item(
        self,
        label: String,
        detail: String,
        kind: lsp::CompletionItemKind,
    ) -> lsp::CompletionItem {
        let new_text = label.clone();
        self.inserting(label, new_text, detail, kind)
    }

    fn inserting(
        self,
        label: String,
        new_text: String,
        detail: String,
        kind: lsp::CompletionItemKind,
    ) -> lsp::CompletionItem {
        lsp::CompletionItem {
            label,
            detail: Some(detail),
            kind: Some(kind),
            filter_text: Some(new_text.clone()),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range: self.0,
                new_text,
            })),
            ..Default::default()
        }
    }
}

/// The eleven funding sources that start with the word typed.
fn sources(prefix: &str, to: Replace) -> Vec<lsp::CompletionItem> {
    crate::model::Source::ALL
        .iter()
        .filter(|s| s.keyword().starts_with(prefix))
        .map(|s| {
            let fiscal = if s.is_fiscal() {
                "财政拨款"
            } else {
                "资金来源"
            };
            to.item(
                s.keyword().to_string(),
                fiscal.to_string(),
                lsp::CompletionItemKind::ENUM_MEMBER,
            )
        })
        .collect()
}

/// 行政, 参公, 事业.
fn unit_kinds(prefix: &str, to: Replace) -> Vec<lsp::CompletionItem> {
    crate::model::UnitKind::ALL
        .iter()
        .filter(|k| k.keyword().starts_with(prefix))
        .map(|k| {
            let detail = match k {
                crate::model::UnitKind::Administrative => "行政单位",
                crate::model::UnitKind::CivilServiceManaged => "参照公务员法管理的事业单位",
                crate::model::UnitKind::Institution => "事业单位",
            };
            to.item(
                k.keyword().to_string(),
                detail.to_string(),
                lsp::CompletionItemKind::ENUM_MEMBER,
            )
        })
        .collect()
}

/// The built-in templates: 标准, 上海.
fn templates(prefix: &str, to: Replace) -> Vec<lsp::CompletionItem> {
    crate::document::template::BUILT_IN
        .iter()
        .filter_map(|(name, text)| {
            let t = crate::document::template::parse(name, text).ok()?;
            name.starts_with(prefix).then(|| {
                to.item(
                    name.to_string(),
                    format!("内置模板：{} 张表", t.tables.len()),
                    lsp::CompletionItemKind::ENUM_MEMBER,
                )
            })
        })
        .collect()
}

fn sub_units(c: &Compiled, to: Replace) -> Vec<lsp::CompletionItem> {
    c.budget
        .sub_units
        .iter()
        .map(|u| {
            to.item(
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
    to: Replace,
) -> Vec<lsp::CompletionItem> {
    let detail = match first {
        None => t!(
            "一级指标 二级指标",
            "level-1 and level-2 indicator category"
        ),
        Some(_) => t!("二级指标", "level-2 indicator category"),
    };
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
            items.push(to.item(
                label,
                detail.get(lang).to_string(),
                lsp::CompletionItemKind::ENUM_MEMBER,
            ));
        }
    }
    items
}

/// Codes that start with the digits typed: typing 20801 offers its 项.
fn by_digits(
    c: &Compiled,
    class: Classification,
    prefix: &str,
    to: Replace,
) -> Vec<lsp::CompletionItem> {
    c.catalog
        .codes_with_prefix(class, prefix)
        .into_iter()
        .take(MAX_BY_DIGITS)
        .map(|(code, name)| to.item(code, name, lsp::CompletionItemKind::VALUE))
        .collect()
}

/// Functional codes whose name contains the word typed; accepting one replaces the word by the
/// code. The filter text is the word typed: the name need not start with it, and a client that
/// filters by prefix (Neovim's omnifunc) would drop the item otherwise.
fn by_name(c: &Compiled, word: &str, to: Replace) -> Vec<lsp::CompletionItem> {
    c.catalog
        .codes_named(Classification::Functional, word)
        .into_iter()
        .take(MAX_BY_NAME)
        .map(|(code, name)| lsp::CompletionItem {
            filter_text: Some(word.to_string()),
            insert_text: Some(code.clone()),
            ..to.inserting(
                format!("{code} {name}"),
                code,
                name,
                lsp::CompletionItemKind::VALUE,
            )
        })
        .collect()
}
