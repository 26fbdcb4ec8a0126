//! Reading one cell: an amount in the budget's unit, a code (and a name after it), a project
//! code, a funding source, a unit; a cell that cannot be read is a problem at the cell.

use super::super::sheet::{self, one_word, At, Cell, Role, Row, Table};
use super::super::Problem;
use super::{Records, SubUnit, MAX_EXACT, V};
use crate::backend::xlsx::facts::source_name;
use crate::diag::{t, Text};
use crate::model::{MoneyUnit, Source};
use rust_decimal::Decimal;
use std::str::FromStr;

impl Records {
    pub(super) fn problem(&mut self, c: &Cell, code: &'static str, message: Text, help: Text) {
        let shown = if c.text.is_empty() {
            "（空白）"
        } else {
            c.text.as_str()
        };
        self.problems
            .push(Problem::new(c.at, shown, code, message, help));
    }

    /// A required cell: its text, or a problem when it is empty or missing.
    pub(super) fn required<'a>(
        &mut self,
        row: &Row<'a>,
        role: Role,
        what: &str,
    ) -> Option<&'a Cell> {
        match row.get(role) {
            Some(c) if !c.text.is_empty() => Some(c),
            Some(c) => {
                self.problem(
                    c,
                    "E0006",
                    t!("缺少{what}", "the {what} is missing"),
                    t!(
                        "填写{what}，或删去这一行",
                        "fill in the {what}, or delete the row"
                    ),
                );
                None
            }
            None => None,
        }
    }

    /// An amount in the budget's unit.
    pub(super) fn amount(&mut self, c: &Cell, unit: Option<MoneyUnit>) -> Option<Decimal> {
        let text: String = match c.number {
            Some(f) => sheet::number_text(f),
            None => c
                .text
                .chars()
                .filter(|ch| !matches!(ch, ',' | '，' | ' ' | '\u{a0}'))
                .collect(),
        };
        let text = if text.is_empty() {
            "0".to_string()
        } else {
            text
        };
        let Ok(d) = Decimal::from_str(&text) else {
            let s = &c.text;
            self.problem(
                c,
                "E0006",
                t!("金额“{s}”不是数", "the amount “{s}” is not a number"),
                t!(
                    "金额写成数字，例如 12017440.70",
                    "write the amount as a number, for example 12017440.70"
                ),
            );
            return None;
        };
        let to = self.unit.unwrap_or(MoneyUnit::Yuan);
        let from = unit.unwrap_or(to);
        let d = match (from, to) {
            (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => d.checked_mul(Decimal::from(10_000)),
            (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => d.checked_div(Decimal::from(10_000)),
            _ => Some(d),
        };
        let Some(d) = d.map(|d| d.normalize()) else {
            self.problem(
                c,
                "E0003",
                t!("金额超出范围", "the amount is out of range"),
                t!("检查这一格的金额", "check the amount in this cell"),
            );
            return None;
        };
        if d.scale() > 2 {
            let (u, f) = (to.as_str(), from.as_str());
            self.problem(
                c,
                "E0204",
                t!(
                    "金额换算成{u}后超过两位小数：{d}",
                    "in {u}, the amount has more than two decimals: {d}"
                ),
                t!(
                    "这一表的金额以{f}为单位；请用 --unit {f} 导入，或核对金额",
                    "this sheet's amounts are in {f}: import with --unit {f}, or check the amount"
                ),
            );
            return None;
        }
        Some(d)
    }

    /// A classification code (and a name after it, in the same cell).
    pub(super) fn code(&mut self, c: &Cell, what: &str) -> Option<(V, Option<V>)> {
        if let Some(f) = c.number {
            if f.abs() >= MAX_EXACT || f.fract() != 0.0 {
                self.lost(c, what);
                return None;
            }
            return Some(((sheet::number_text(f), c.at), None));
        }
        let digits: String = c.text.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            let s = &c.text;
            self.problem(
                c,
                "E0006",
                t!("{what}“{s}”不是数字编码", "the {what} “{s}” is not a numeric code"),
                t!(
                    "填写科目编码，例如 2100401（名称可写在后面或另一列）",
                    "write the code, for example 2100401 (the name may follow, or go in another column)"
                ),
            );
            return None;
        }
        let rest = c.text.get(digits.len()..).unwrap_or_default();
        let name = one_word(rest.trim_start_matches([' ', '-', '_', '—', '：', ':', '　']));
        let name = (!name.is_empty()).then_some((name, c.at));
        Some(((digits, c.at), name))
    }

    /// A required code cell of the row, and its name: after the code in the same cell, or in the
    /// name column.
    pub(super) fn coded(
        &mut self,
        row: &Row,
        code: Role,
        name: Role,
        what: &str,
    ) -> Option<(V, Option<V>)> {
        let c = self.required(row, code, what)?;
        let (value, written) = self.code(c, what)?;
        Some((value, written.or_else(|| row.word(name))))
    }

    /// The row's amount, in the budget's unit, with its cell.
    pub(super) fn row_amount(&mut self, row: &Row, t: &Table) -> Option<(Decimal, At)> {
        let c = row.get(Role::Amount)?;
        self.amount(c, t.unit).map(|d| (d, c.at))
    }

    pub(super) fn lost(&mut self, c: &Cell, what: &str) {
        let s = &c.text;
        self.problem(
            c,
            "E0006",
            t!(
                "{what}以数字保存，位数太多，已丢失精度：{s}",
                "the {what} is stored as a number with too many digits; its digits are lost: {s}"
            ),
            t!(
                "在 Excel 中把这一列设为“文本”格式，重新填写或导出编码",
                "format the column as text in Excel, and enter or export the codes again"
            ),
        );
    }

    /// A project code: any word; a number only when it is exact.
    pub(super) fn project_code(&mut self, c: &Cell) -> Option<V> {
        if let Some(f) = c.number {
            if f.abs() >= MAX_EXACT || f.fract() != 0.0 {
                self.lost(c, "项目编码");
                return None;
            }
        }
        Some((one_word(&c.text), c.at))
    }

    /// A funding source (empty: none stated).
    pub(super) fn source(&mut self, c: Option<&Cell>) -> Option<(Source, At)> {
        let c = c?;
        if c.text.is_empty() {
            return None;
        }
        let s = one_word(&c.text);
        let found = [
            s.as_str(),
            s.trim_end_matches("拨款"),
            s.trim_end_matches("资金"),
        ]
        .into_iter()
        .find_map(Source::parse)
        .or_else(|| Source::ALL.into_iter().find(|src| source_name(*src) == s));
        if found.is_none() {
            let names: Vec<&str> = Source::ALL.iter().map(|s| s.keyword()).collect();
            let names = names.join("、");
            self.problem(
                c,
                "E0104",
                t!("未知的资金来源“{s}”", "unknown funding source “{s}”"),
                t!(
                    "资金来源写作：{names}",
                    "a funding source is one of: {names}"
                ),
            );
        }
        found.map(|f| (f, c.at))
    }

    /// The id of the unit a cell names: none for the department itself, a sub-unit's id for
    /// its id or full name; an unknown name becomes a new sub-unit.
    pub(super) fn unit(&mut self, c: Option<&Cell>) -> Option<String> {
        let c = c?;
        let name = one_word(&c.text);
        if name.is_empty() {
            return None;
        }
        if let Some((d, _)) = &self.department {
            if one_word(d) == name {
                return None;
            }
        }
        if let Some(u) = self
            .sub_units
            .iter()
            .find(|u| u.id == name || u.name == name)
        {
            return Some(u.id.clone());
        }
        self.sub_units.push(SubUnit {
            id: name.clone(),
            name: name.clone(),
            kind: None,
            at: Some(c.at),
        });
        Some(name)
    }
}
