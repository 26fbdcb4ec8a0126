//! The control file of a region (`region.ctl`): the approved totals (控制数) of its departments
//! and of the whole, which the budgets must agree with. Its grammar is `grammar/region.pest`;
//! a line that does not parse is a diagnostic (E0001) and the other lines are still read.

use crate::diag::{t, Diagnostic};
use crate::model::MoneyUnit;
use crate::source::SourceFile;
use crate::span::{Span, Spanned};
use pest::iterators::Pair;
use pest::Parser;
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/region.pest"]
struct ControlParser;

/// The facts of a control file, each with where it is written.
#[derive(Debug, Clone, Default)]
pub struct Control {
    pub file: Option<SourceFile>,
    pub name: Option<Spanned<String>>,
    pub year: Option<Spanned<u16>>,
    pub catalog: Option<Spanned<String>>,
    pub unit: Option<Spanned<MoneyUnit>>,
    /// 合计: the approved total of the region.
    pub total: Option<Spanned<Decimal>>,
    /// 部门 <名称> <金额>: the name and the amount, each with its span.
    pub departments: Vec<(Spanned<String>, Spanned<Decimal>)>,
    /// Lines that do not parse, and facts stated twice.
    pub diagnostics: Vec<Diagnostic>,
}

impl Control {
    /// Reads a control file's text.
    pub fn parse(file: SourceFile) -> Control {
        let mut c = Control::default();
        for (start, end) in crate::source::lines(&file.text) {
            let Some(text) = file.text.get(start..end) else {
                continue;
            };
            match ControlParser::parse(Rule::line, text) {
                Ok(pairs) => {
                    for p in pairs.flatten() {
                        c.statement(p, start);
                    }
                }
                Err(_) => c.diagnostics.push(bad_line(start, text)),
            }
        }
        if c.unit.is_none() && (c.total.is_some() || !c.departments.is_empty()) {
            c.diagnostics.push(
                Diagnostic::new(
                    "E0103",
                    t!(
                        "控制数文件没有写金额单位",
                        "the control file states no unit"
                    ),
                )
                .at(
                    Span::new(0, first_line_end(&file.text)),
                    t!("缺少“金额单位”", "no 金额单位 line"),
                )
                .with_help(t!(
                    "在文件开头写“金额单位 万元”或“金额单位 元”。",
                    "write 金额单位 万元 or 金额单位 元 at the top of the file."
                )),
            );
        }
        c.file = Some(file);
        c
    }

    /// One statement of a line that parsed; `at` is the line's offset in the file.
    fn statement(&mut self, p: Pair<Rule>, at: usize) {
        let span = |p: &Pair<Rule>| Span::new(at + p.as_span().start(), at + p.as_span().end());
        let whole = span(&p);
        let mut inner = p.clone().into_inner();
        let mut next = || inner.next().map(|q| (q.as_str().to_string(), span(&q)));
        match p.as_rule() {
            Rule::region => {
                if let Some((v, s)) = next() {
                    let fact = Spanned::new(v, s);
                    self.once(|c| &mut c.name, fact, whole);
                }
            }
            Rule::year => {
                if let Some((v, s)) = next() {
                    let year = v.parse().unwrap_or_default();
                    self.once(|c| &mut c.year, Spanned::new(year, s), whole);
                }
            }
            Rule::catalog => {
                if let Some((v, s)) = next() {
                    self.once(|c| &mut c.catalog, Spanned::new(v, s), whole);
                }
            }
            Rule::unit => {
                if let Some((v, s)) = next() {
                    if let Some(u) = MoneyUnit::parse(&v) {
                        self.once(|c| &mut c.unit, Spanned::new(u, s), whole);
                    }
                }
            }
            Rule::total => {
                if let Some((v, s)) = next() {
                    let amount = self.amount(&v, s);
                    self.once(|c| &mut c.total, Spanned::new(amount, s), whole);
                }
            }
            Rule::department => {
                if let (Some((name, ns)), Some((v, s))) = (next(), next()) {
                    if let Some((first, _)) = self.departments.iter().find(|(n, _)| n.value == name)
                    {
                        let line = first.span;
                        self.diagnostics.push(twice(ns, line));
                        return;
                    }
                    let amount = self.amount(&v, s);
                    self.departments
                        .push((Spanned::new(name, ns), Spanned::new(amount, s)));
                }
            }
            _ => {}
        }
    }

    /// A fact that may be stated once: the second is a diagnostic.
    fn once<T>(
        &mut self,
        slot: impl Fn(&mut Control) -> &mut Option<Spanned<T>>,
        fact: Spanned<T>,
        whole: Span,
    ) {
        match slot(self) {
            Some(first) => {
                let first = first.span;
                self.diagnostics.push(twice(whole, first));
            }
            none => *none = Some(fact),
        }
    }

    /// An amount as written (commas allowed); out of range is a diagnostic and zero.
    fn amount(&mut self, text: &str, span: Span) -> Decimal {
        let plain: String = text.chars().filter(|c| *c != ',').collect();
        let too_long = plain.split('.').next().is_some_and(|int| int.len() > 15);
        match Decimal::from_str(&plain) {
            Ok(d) if !too_long => d,
            _ => {
                self.diagnostics.push(
                    Diagnostic::new("E0003", t!("数字超出范围", "number out of range"))
                        .at(span, t!("过大", "too large"))
                        .with_help(t!(
                            "金额小数点前最多 15 位。",
                            "an amount has at most 15 digits before the point."
                        )),
                );
                Decimal::ZERO
            }
        }
    }

    /// The name of the control file, for the diagnostics.
    pub fn name(&self) -> &str {
        self.file.as_ref().map(|f| f.name.as_str()).unwrap_or("")
    }
}

fn first_line_end(text: &str) -> usize {
    text.find(['\n', '\r']).unwrap_or(text.len())
}

fn bad_line(start: usize, text: &str) -> Diagnostic {
    let shown: String = text.chars().take(40).collect();
    Diagnostic::new(
        "E0001",
        t!("控制数文件中无法解析的行：{shown}", "a line of the control file does not parse: {shown}"),
    )
    .at(
        Span::new(start, start + text.len()),
        t!("不是控制数语句", "not a control-file statement"),
    )
    .with_help(t!(
        "每行是以下之一：区域 <名称>、年度 <年>、科目版本 <年>、金额单位 万元|元、合计 <金额>、部门 <部门名称> <金额>；# 后为注释。",
        "each line is one of: 区域 <name>, 年度 <year>, 科目版本 <year>, 金额单位 万元|元, 合计 <amount>, 部门 <department> <amount>; # starts a comment."
    ))
}

fn twice(at: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        "E0102",
        t!(
            "控制数文件中同一事实写了两次",
            "the control file states a fact twice"
        ),
    )
    .at(at, t!("又写了一次", "stated again"))
    .also(first, t!("第一次在这里", "first stated here"))
    .with_help(t!("删去其中一行。", "remove one of the lines."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Control {
        Control::parse(SourceFile::new("region.ctl", text))
    }

    #[test]
    fn a_control_file_reads_every_fact() {
        let c = parse(
            "# 控制数\n区域 云溪县\n年度 2024\n科目版本 2024\n金额单位 万元  # 单位\n合计 1,234.50\n部门 甲部门 1000\n部门 乙部门 234.5\n",
        );
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        assert_eq!(c.name.map(|n| n.value).as_deref(), Some("云溪县"));
        assert_eq!(c.year.map(|y| y.value), Some(2024));
        assert_eq!(c.unit.map(|u| u.value), Some(MoneyUnit::TenThousandYuan));
        assert_eq!(c.total.map(|t| t.value), Some(Decimal::new(123450, 2)));
        let names: Vec<&str> = c
            .departments
            .iter()
            .map(|(n, _)| n.value.as_str())
            .collect();
        assert_eq!(names, ["甲部门", "乙部门"]);
        let (n, a) = &c.departments[1];
        assert_eq!(&"# 控制数\n区域 云溪县\n年度 2024\n科目版本 2024\n金额单位 万元  # 单位\n合计 1,234.50\n部门 甲部门 1000\n部门 乙部门 234.5\n"[a.span.start..a.span.end], "234.5");
        assert_eq!(n.value, "乙部门");
    }

    #[test]
    fn bad_lines_and_repeated_facts_are_diagnostics() {
        let c = parse("金额单位 元\n合计 12.345\n年度 2024\n年度 2025\n部门 甲 1\n部门 甲 2\n");
        let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["E0001", "E0102", "E0102"]);
        assert_eq!(c.year.map(|y| y.value), Some(2024));
        let missing = parse("合计 1\n");
        assert_eq!(missing.diagnostics.first().map(|d| d.code), Some("E0103"));
    }
}
