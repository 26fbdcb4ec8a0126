//! The income side and the total rows of a two-sided table (收支总体情况表, 财政拨款收支总体情况表)
//! in a template: a region lists its income lines and totals its own way (上海: 一、财政拨款收入
//! with 1. 一般公共预算 … under it, and only 收入总计 / 支出总计).

use super::locator::Locator;
use super::parse::{RawIncomeLine, RawTotal};
use super::{IncomeLine, TemplateError, TotalRow};
use crate::diag::t;
use crate::document::tables::ids::TableId;
use crate::model::Source;
use toml::Spanned;

/// The tables with an income side.
fn two_sided(kind: TableId) -> bool {
    matches!(kind, TableId::Overview | TableId::FiscalOverview)
}

impl Locator<'_> {
    fn only_two_sided<T>(
        &self,
        kind: TableId,
        key: &str,
        raw: &Spanned<T>,
    ) -> Result<(), TemplateError> {
        if two_sided(kind) {
            return Ok(());
        }
        let k = kind.as_str();
        Err(self.error(
            raw.span(),
            t!(
                "{key} 只用于两栏的表（overview、fiscal_overview），不用于 {k}",
                "{key} is for the two-sided tables (overview, fiscal_overview), not {k}"
            ),
        ))
    }

    pub(super) fn income_lines(
        &self,
        kind: TableId,
        raw: Option<Spanned<Vec<RawIncomeLine>>>,
    ) -> Result<Option<Vec<IncomeLine>>, TemplateError> {
        let Some(raw) = raw else { return Ok(None) };
        self.only_two_sided(kind, "income_lines", &raw)?;
        let mut out = Vec::new();
        for line in raw.into_inner() {
            let mut sources = Vec::new();
            for s in &line.sources {
                let w = s.get_ref().trim();
                let source = Source::parse(w).ok_or_else(|| {
                    let list = Source::ALL.map(Source::keyword).join("、");
                    self.error(
                        s.span(),
                        t!(
                            "未知的资金来源 `{w}`（可用：{list}）",
                            "unknown source `{w}` (sources: {list})"
                        ),
                    )
                })?;
                sources.push(source);
            }
            out.push(IncomeLine {
                label: self.text(&line.label)?,
                sources,
            });
        }
        Ok(Some(out))
    }

    pub(super) fn totals(
        &self,
        kind: TableId,
        raw: Option<Spanned<Vec<RawTotal>>>,
    ) -> Result<Option<Vec<TotalRow>>, TemplateError> {
        let Some(raw) = raw else { return Ok(None) };
        self.only_two_sided(kind, "totals", &raw)?;
        let known: &[&str] = match kind {
            TableId::Overview => &["本年支出合计", "使用非财政拨款结余", "结转下年", "支出总计"],
            _ => &["本年支出合计", "结转下年", "支出总计"],
        };
        let mut out = Vec::new();
        for total in raw.into_inner() {
            let row = total.row.get_ref().trim();
            if !known.contains(&row) {
                let list = known.join("、");
                return Err(self.error(
                    total.row.span(),
                    t!(
                        "没有合计行 `{row}`（可用：{list}）",
                        "no total row `{row}` (rows: {list})"
                    ),
                ));
            }
            out.push(TotalRow {
                row: row.to_string(),
                income: self.text(&total.income)?,
                expenditure: self.text(&total.expenditure)?,
            });
        }
        Ok(Some(out))
    }
}
