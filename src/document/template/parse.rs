//! Reading a template file (TOML) into a `Template`: the syntax and the names of its fields by
//! serde, every value checked here, each error with its line and column.

use super::locator::Locator;
use super::rules::{raw_overrides, RawRules};
use super::{Labels, Print, TableSpec, Template, TemplateError};
use crate::diag::{t, Text};
use crate::document::tables::ids::{ColumnId, TableId};
use crate::model::catalog_error::toml_message;
use crate::model::MoneyUnit;
use serde::Deserialize;
use std::collections::BTreeSet;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    name: Option<Spanned<String>>,
    labels: Option<RawLabels>,
    explanations: Option<RawExplanations>,
    rules: Option<RawRules>,
    table: Option<Spanned<Vec<RawTable>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabels {
    department: Option<Spanned<String>>,
    parts: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExplanations {
    sections: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    kind: Spanned<String>,
    title: Option<Spanned<String>>,
    number: Option<Spanned<String>>,
    unit: Option<Spanned<String>>,
    decimals: Option<Spanned<i64>>,
    columns: Option<Vec<Spanned<String>>>,
    headers: Option<Vec<RawHeader>>,
    empty_note: Option<Spanned<String>>,
    income_lines: Option<Spanned<Vec<RawIncomeLine>>>,
    totals: Option<Spanned<Vec<RawTotal>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIncomeLine {
    pub(super) label: Spanned<String>,
    pub(super) sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTotal {
    pub(super) row: Spanned<String>,
    pub(super) income: Spanned<String>,
    pub(super) expenditure: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    column: Spanned<String>,
    texts: Spanned<Vec<Spanned<String>>>,
}

/// The most decimals a table prints.
const MAX_DECIMALS: i64 = 4;

/// Reads a template; `file` names it in errors (and is its name when it has no `name`).
pub fn parse(file: &str, text: &str) -> Result<Template, TemplateError> {
    let at = Locator { file, text };
    let raw: RawTemplate = toml::from_str(text)
        .map_err(|e| at.error(e.span().unwrap_or(0..0), toml_message(e.message())))?;
    at.template(raw)
}

impl Locator<'_> {
    fn template(&self, raw: RawTemplate) -> Result<Template, TemplateError> {
        let name = match &raw.name {
            Some(n) => self.text(n)?,
            None => self.file.to_string(),
        };
        let Some(tables) = raw.table else {
            return Err(self.whole_file(t!(
                "模板没有表：至少写一个 [[table]]",
                "the template has no table: write at least one [[table]]"
            )));
        };
        let span = tables.span();
        let tables = tables.into_inner();
        if tables.is_empty() {
            return Err(self.error(span, t!("模板没有表", "the template has no table")));
        }
        let mut seen = BTreeSet::new();
        let mut specs = Vec::new();
        for t in tables {
            let spec = self.table(t, &mut seen)?;
            specs.push(spec);
        }
        let labels = match raw.labels {
            Some(l) => self.labels(l)?,
            None => Labels::default(),
        };
        let sections = match raw.explanations {
            Some(e) => Some(
                e.sections
                    .iter()
                    .map(|s| self.text(s))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        let rules = match raw.rules {
            Some(r) => raw_overrides(self, r)?,
            None => Default::default(),
        };
        Ok(Template {
            name,
            source: self.file.to_string(),
            tables: specs,
            labels,
            sections,
            rules,
        })
    }

    fn labels(&self, raw: RawLabels) -> Result<Labels, TemplateError> {
        let department = raw.department.as_ref().map(|d| self.text(d)).transpose()?;
        let mut parts = Vec::new();
        if let Some(p) = raw.parts {
            let span = p.span();
            let list = p.into_inner();
            if list.len() != 4 {
                let n = list.len();
                return Err(self.error(
                    span,
                    t!(
                        "parts 应有 4 个部分标题，写了 {n} 个",
                        "parts takes the 4 part titles, {n} written"
                    ),
                ));
            }
            for (i, s) in list.iter().enumerate() {
                parts.push((i + 1, self.text(s)?));
            }
        }
        Ok(Labels { department, parts })
    }

    fn table(
        &self,
        raw: RawTable,
        seen: &mut BTreeSet<TableId>,
    ) -> Result<TableSpec, TemplateError> {
        let kind_word = raw.kind.get_ref().trim();
        let kind = kind_word
            .parse::<TableId>()
            .ok()
            .filter(|k| TableId::ALL.contains(k))
            .ok_or_else(|| {
                let list = TableId::ALL.map(TableId::as_str).join("、");
                self.error(
                    raw.kind.span(),
                    t!(
                        "未知的表 `{kind_word}`（可用：{list}）",
                        "unknown table kind `{kind_word}` (kinds: {list})"
                    ),
                )
            })?;
        if !seen.insert(kind) {
            return Err(self.error(
                raw.kind.span(),
                t!(
                    "表 `{kind_word}` 写了两次",
                    "table `{kind_word}` is written twice"
                ),
            ));
        }
        let print = self.print(&raw)?;
        let columns = match &raw.columns {
            Some(list) => Some(self.columns(list, &raw.kind)?),
            None => None,
        };
        let mut headers = Vec::new();
        for h in raw.headers.unwrap_or_default() {
            let id = self.column(&h.column)?;
            let span = h.texts.span();
            let texts = h
                .texts
                .get_ref()
                .iter()
                .map(|s| self.text(s))
                .collect::<Result<Vec<_>, _>>()?;
            if texts.is_empty() {
                return Err(self.error(span, Text::fixed("值为空", "empty value")));
            }
            headers.push((id, texts));
        }
        Ok(TableSpec {
            kind,
            line: self.error(raw.kind.span(), Text::default()).line,
            title: raw.title.as_ref().map(|s| self.text(s)).transpose()?,
            number: raw.number.as_ref().map(|s| self.text(s)).transpose()?,
            print,
            columns,
            headers,
            empty_note: raw.empty_note.as_ref().map(|s| self.text(s)).transpose()?,
            income_lines: self.income_lines(kind, raw.income_lines)?,
            totals: self.totals(kind, raw.totals)?,
        })
    }

    fn print(&self, raw: &RawTable) -> Result<Option<Print>, TemplateError> {
        let unit = match &raw.unit {
            Some(u) => Some(MoneyUnit::parse(u.get_ref().trim()).ok_or_else(|| {
                let w = u.get_ref();
                self.error(
                    u.span(),
                    t!(
                        "未知的金额单位 `{w}`（可用：元、万元）",
                        "unknown money unit `{w}` (units: 元, 万元)"
                    ),
                )
            })?),
            None => None,
        };
        let decimals = match &raw.decimals {
            Some(d) => {
                let n = *d.get_ref();
                if !(0..=MAX_DECIMALS).contains(&n) {
                    return Err(self.error(
                        d.span(),
                        t!(
                            "小数位数应在 0 到 {MAX_DECIMALS} 之间，写的是 {n}",
                            "decimals must be 0 to {MAX_DECIMALS}, not {n}"
                        ),
                    ));
                }
                Some(n as u32)
            }
            None => None,
        };
        Ok(match (unit, decimals) {
            (Some(unit), d) => Some(Print {
                unit,
                decimals: d.unwrap_or(match unit {
                    MoneyUnit::Yuan => 0,
                    MoneyUnit::TenThousandYuan => 2,
                }),
            }),
            (None, None) => None,
            (None, Some(_)) => {
                let span = raw.decimals.as_ref().map(|d| d.span()).unwrap_or(0..0);
                return Err(self.error(
                    span,
                    t!(
                        "写了 decimals 却没写 unit：小数位数须与金额单位（元或万元）一起写",
                        "decimals without a unit: write the unit (元 or 万元) too"
                    ),
                ));
            }
        })
    }

    fn column(&self, w: &Spanned<String>) -> Result<ColumnId, TemplateError> {
        let word = w.get_ref().trim();
        word.parse::<ColumnId>().map_err(|_| {
            self.error(
                w.span(),
                t!(
                    "未知的列 `{word}`（列名见 budc 的 JSON 输出中各表的 columns）",
                    "unknown column `{word}` (the column ids are those of the JSON output)"
                ),
            )
        })
    }

    fn columns(
        &self,
        list: &[Spanned<String>],
        kind: &Spanned<String>,
    ) -> Result<Vec<ColumnId>, TemplateError> {
        let mut out = Vec::new();
        for w in list {
            let id = self.column(w)?;
            if out.contains(&id) {
                let word = w.get_ref();
                return Err(self.error(
                    w.span(),
                    t!("列 `{word}` 写了两次", "column `{word}` is written twice"),
                ));
            }
            out.push(id);
        }
        if out.is_empty() {
            return Err(self.error(kind.span(), Text::fixed("columns 为空", "columns is empty")));
        }
        Ok(out)
    }
}
