//! The sheets of the facts as written, one line each, for sorting and filtering: the 基本支出
//! lines, the projects' allocations, and the projects' performance goals (绩效目标).
//! The 合计 of a list is the one formula: the sum of its amount column.

use super::style::{self, Formats};
use super::tables::number;
use crate::document::prose::thousands;
use crate::model::catalog::Classification;
use crate::model::{Budget, Catalog, Code, Source};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

/// A cell of a list.
pub enum Fact {
    Text(String),
    Amount(Decimal),
}

/// A list sheet: a title, a header row, and lines; an amount column gets a 合计 row on top,
/// the sum of the lines.
pub struct List {
    pub title: String,
    pub header: Vec<&'static str>,
    pub lines: Vec<Vec<Fact>>,
    /// The unit of the amounts, when the list has some.
    pub unit: Option<String>,
}

/// The name of a source as the tables print it.
pub fn source_name(s: Source) -> &'static str {
    match s {
        Source::GeneralPublic => "一般公共预算",
        Source::GovernmentFund => "政府性基金预算",
        Source::StateCapital => "国有资本经营预算",
        Source::SpecialAccount => "财政专户管理资金",
        Source::Business => "事业收入",
        Source::Operating => "事业单位经营收入",
        Source::Superior => "上级补助收入",
        Source::Affiliated => "附属单位上缴收入",
        Source::Other => "其他收入",
        Source::NonFiscalBalance => "使用非财政拨款结余",
        Source::Carryover => "上年结转",
    }
}

/// The name of a unit: a sub-unit's, or the department's for the department itself.
fn unit_name(b: &Budget, id: Option<&str>) -> String {
    match id {
        None => b.department().to_string(),
        Some(id) => b
            .sub_units
            .iter()
            .find(|u| u.id.value == id)
            .map_or(id, |u| u.name.value.as_str())
            .to_string(),
    }
}

/// The catalog's name of a code, else the name written beside it.
fn code_name(catalog: &Catalog, class: Classification, c: &Code) -> String {
    catalog
        .name(class, &c.code)
        .map(str::to_string)
        .or_else(|| c.written_name.as_ref().map(|n| n.value.clone()))
        .unwrap_or_default()
}

fn text(s: impl Into<String>) -> Fact {
    Fact::Text(s.into())
}

/// 基本支出明细: one line per 基本支出 line.
pub fn basic(b: &Budget, catalog: &Catalog) -> List {
    let lines = b
        .basic
        .iter()
        .map(|l| {
            vec![
                text(unit_name(b, l.unit.as_deref())),
                text(code_of(&l.func)),
                text(name_of(catalog, Classification::Functional, &l.func)),
                text(code_of(&l.econ)),
                text(name_of(catalog, Classification::EconomicDept, &l.econ)),
                text(source_name(l.source)),
                Fact::Amount(l.amount.value),
            ]
        })
        .collect();
    List {
        title: "基本支出明细".into(),
        header: vec![
            "单位",
            "支出功能分类科目编码",
            "支出功能分类科目名称",
            "部门预算支出经济分类科目编码",
            "部门预算支出经济分类科目名称",
            "资金来源",
            "金额",
        ],
        lines,
        unit: Some(b.unit().as_str().to_string()),
    }
}

/// 项目支出明细: one line per allocation of a project.
pub fn projects(b: &Budget, catalog: &Catalog) -> List {
    let mut lines = Vec::new();
    for p in &b.projects {
        for a in &p.allocations {
            lines.push(vec![
                text(p.code.value.clone()),
                text(p.name.value.clone()),
                text(unit_name(b, p.unit.as_ref().map(|u| u.value.as_str()))),
                text(p.kind.as_ref().map(|k| k.value.clone()).unwrap_or_default()),
                text(a.code.code.clone()),
                text(code_name(catalog, Classification::Functional, &a.code)),
                text(source_name(a.source)),
                Fact::Amount(a.amount.value),
            ]);
        }
    }
    List {
        title: "项目支出明细".into(),
        header: vec![
            "项目编码",
            "项目名称",
            "单位",
            "项目类型",
            "支出功能分类科目编码",
            "支出功能分类科目名称",
            "资金来源",
            "金额",
        ],
        lines,
        unit: Some(b.unit().as_str().to_string()),
    }
}

/// 绩效目标: one line per indicator (a project without indicators: one line with its goal);
/// the goal is printed on the project's first line only.
pub fn goals(b: &Budget) -> List {
    let mut lines = Vec::new();
    for p in &b.projects {
        let goal = p.goal.as_ref().map(|g| g.value.clone()).unwrap_or_default();
        let head = |first: bool| {
            vec![
                text(p.code.value.clone()),
                text(p.name.value.clone()),
                text(if first { goal.clone() } else { String::new() }),
            ]
        };
        if p.indicators.is_empty() {
            let mut line = head(true);
            line.extend((0..5).map(|_| text("")));
            lines.push(line);
        }
        for (n, i) in p.indicators.iter().enumerate() {
            let mut line = head(n == 0);
            line.extend([
                text(i.level1.value.clone()),
                text(i.level2.value.clone()),
                text(i.name.value.clone()),
                text(i.value.text.value.clone()),
                text(i.criterion.value.clone()),
            ]);
            lines.push(line);
        }
    }
    List {
        title: "绩效目标".into(),
        header: vec![
            "项目编码",
            "项目名称",
            "绩效目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "评分标准",
        ],
        lines,
        unit: None,
    }
}

/// Writes a list: title, 部门 line, header, the 合计 row (a formula over the lines) and the
/// lines.
pub fn write(ws: &mut Worksheet, list: &List, dept: &str, f: &Formats) -> Result<(), XlsxError> {
    let ncols = u16::try_from(list.header.len().max(1)).unwrap_or(u16::MAX);
    let last = ncols - 1;
    ws.merge_range(0, 0, 0, last, &list.title, &f.title)?;
    ws.set_row_height(0, 30)?;
    ws.write_string_with_format(1, 0, format!("部门（单位）：{dept}"), &f.unit_left)?;
    if let Some(unit) = &list.unit {
        ws.write_string_with_format(1, last, format!("单位：{unit}"), &f.unit_right)?;
    }
    for (x, h) in (0u16..).zip(&list.header) {
        ws.write_string_with_format(2, x, *h, &f.header)?;
    }
    let amount_col = list.header.iter().position(|h| *h == "金额");
    let mut y = 3u32;
    if let Some(ac) = amount_col {
        // The exact total, cached with the formula (none if it overflows a decimal).
        let total: Option<Decimal> = list
            .lines
            .iter()
            .filter_map(|l| match l.get(ac) {
                Some(Fact::Amount(d)) => Some(*d),
                _ => None,
            })
            .try_fold(Decimal::ZERO, |a, d| a.checked_add(d));
        let x = u16::try_from(ac).unwrap_or(u16::MAX);
        if x > 0 {
            ws.merge_range(y, 0, y, x - 1, "合计", &f.name_total)?;
        }
        let n = u32::try_from(list.lines.len()).unwrap_or(0);
        if n > 0 {
            let col = rust_xlsxwriter::utility::column_number_to_name(x);
            let (first, last) = (y + 2, y.saturating_add(1).saturating_add(n));
            let formula = format!("=SUM({col}{first}:{col}{last})");
            let formula = match total {
                Some(t) => Formula::new(formula).set_result(t.to_string()),
                None => Formula::new(formula),
            };
            ws.write_formula_with_format(y, x, formula, &f.amount_total)?;
        } else {
            ws.write_number_with_format(y, x, 0.0, &f.amount_total)?;
        }
        y += 1;
    }
    // Each column as wide as its widest cell (at most 50: longer texts wrap, their rows taller).
    let mut widths: Vec<f64> = list.header.iter().map(|h| style::text_width(h)).collect();
    for line in &list.lines {
        for (x, cell) in line.iter().enumerate() {
            if let Some(m) = widths.get_mut(x) {
                *m = m.max(fact_width(cell));
            }
        }
    }
    let widths: Vec<f64> = widths.iter().map(|w| (w + 2.0).clamp(6.0, 50.0)).collect();
    for line in &list.lines {
        let mut lines = 1.0f64;
        for (x, cell) in (0u16..).zip(line) {
            match cell {
                Fact::Text(s) => ws.write_string_with_format(y, x, s, &f.text)?,
                Fact::Amount(d) => ws.write_number_with_format(y, x, number(*d), &f.amount)?,
            };
            let room = widths.get(usize::from(x)).copied().unwrap_or(10.0) - 1.0;
            lines = lines.max((fact_width(cell) / room.max(1.0)).ceil());
        }
        if lines > 1.0 {
            ws.set_row_height(y, style::row_height(lines))?;
        }
        y += 1;
    }
    for (x, w) in (0u16..).zip(&widths) {
        ws.set_column_width(x, *w)?;
    }
    ws.set_row_height(2, 30)?;
    ws.set_freeze_panes(3, 0)?;
    let wide = widths
        .iter()
        .map(|w| (w + 2.0).clamp(6.0, 50.0))
        .sum::<f64>()
        > 110.0;
    style::page_setup(ws, wide, Some((2, 2)))
}

/// How wide a list cell prints.
fn fact_width(cell: &Fact) -> f64 {
    match cell {
        Fact::Text(s) => style::text_width(s),
        Fact::Amount(d) => style::text_width(&thousands(*d)),
    }
}

/// The code of a basic line's functional or economic side (blank on a 公开稿's marginal line).
fn code_of(c: &Option<crate::model::Code>) -> String {
    c.as_ref().map(|c| c.code.clone()).unwrap_or_default()
}

fn name_of(catalog: &Catalog, class: Classification, c: &Option<crate::model::Code>) -> String {
    c.as_ref()
        .map(|c| code_name(catalog, class, c))
        .unwrap_or_default()
}
