//! Charts as inline SVG: horizontal bars, one series or two (本年 against 上年). Each bar
//! carries its exact value (`data-value`, as the JSON writes amounts) and its label; the
//! figures come from the document model, nothing is summed here.

use super::html::esc;
use crate::document::prose::thousands;
use crate::document::ColumnId;
use crate::document::{Document, RowLevel, TableId};
use crate::model::{Budget, ThreePublicKind};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

/// One bar chart: an id (for the page), a title, the series' names and the bars' rows.
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub series: Vec<&'static str>,
    /// A label and one value per series (`None`: not known, no bar).
    pub rows: Vec<(String, Vec<Option<Decimal>>)>,
    /// A line under the chart.
    pub note: Option<String>,
}

/// The four charts of a department's page.
pub fn charts(b: &Budget, doc: &Document) -> Vec<Chart> {
    let unit = b.unit().as_str();
    let expenditure = doc.table(TableId::Expenditure);
    let by_class = expenditure
        .rows
        .iter()
        .filter(|r| r.level == RowLevel::Class)
        .filter_map(|r| {
            let v = expenditure.amount(r, ColumnId::Total)?;
            Some((r.name.clone(), vec![Some(v)]))
        })
        .collect();
    let f = &doc.figures;
    let income = f
        .income
        .iter()
        .map(|(s, d)| (s.income_name(), vec![Some(*d)]))
        .collect();
    let tp = &f.three_public;
    let mut three: Vec<(String, Vec<Option<Decimal>>)> = ThreePublicKind::ALL
        .iter()
        .map(|k| {
            (
                k.name().to_string(),
                vec![Some(tp.current(*k)), tp.prior(*k)],
            )
        })
        .collect();
    three.push((
        "合计".to_string(),
        vec![Some(tp.current_total()), tp.prior_total()],
    ));
    vec![
        Chart {
            id: "chart-class",
            title: format!("支出按功能分类（类）（{unit}）"),
            series: vec!["本年"],
            rows: by_class,
            note: None,
        },
        Chart {
            id: "chart-basic-project",
            title: format!("基本支出与项目支出（{unit}）"),
            series: vec!["本年"],
            rows: vec![
                ("基本支出".to_string(), vec![Some(f.basic)]),
                ("项目支出".to_string(), vec![Some(f.project)]),
            ],
            note: None,
        },
        Chart {
            id: "chart-income",
            title: format!("收入按来源（{unit}）"),
            series: vec!["本年"],
            rows: income,
            note: None,
        },
        Chart {
            id: "chart-three-public",
            title: format!("“三公”经费本年与上年（{unit}）"),
            series: vec!["本年", "上年"],
            rows: three,
            note: (!tp.has_prior).then(|| "未填报上年“三公”经费。".to_string()),
        },
    ]
}

const WIDTH: u32 = 540;
const LABEL: u32 = 170;
const BAR_ROOM: u32 = 260;
const BAR: u32 = 16;
const GAP: u32 = 10;

/// The chart as a `<figure>` holding an SVG with a title for screen readers.
pub fn render(c: &Chart, unit: &str) -> String {
    let mut out = String::new();
    let max = c
        .rows
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .copied()
        .fold(Decimal::ZERO, Decimal::max);
    let n = c.series.len() as u32;
    let row_height = n * BAR + GAP;
    let legend = if n > 1 { 24 } else { 0 };
    let height = legend + (c.rows.len() as u32).max(1) * row_height + GAP;
    let _ = writeln!(
        out,
        "<figure class=\"chart\" id=\"{}\">\n<figcaption>{}</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{}-title\">\n<title id=\"{}-title\">{}</title>",
        c.id,
        esc(&c.title),
        c.id,
        c.id,
        esc(&c.title)
    );
    if n > 1 {
        for (i, s) in c.series.iter().enumerate() {
            let x = LABEL + i as u32 * 90;
            let _ = writeln!(
                out,
                "<rect class=\"s{i}\" x=\"{x}\" y=\"4\" width=\"14\" height=\"14\"/><text x=\"{}\" y=\"16\">{s}</text>",
                x + 20
            );
        }
    }
    if c.rows.is_empty() {
        let _ = writeln!(out, "<text x=\"{LABEL}\" y=\"{}\">无</text>", legend + BAR);
    }
    for (r, (label, values)) in c.rows.iter().enumerate() {
        let top = legend + GAP / 2 + r as u32 * row_height;
        let _ = writeln!(
            out,
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8,
            top + n * BAR / 2 + 5,
            esc(label)
        );
        for (i, (v, series)) in values.iter().zip(&c.series).enumerate() {
            let y = top + i as u32 * BAR;
            let Some(v) = v else {
                let _ = writeln!(
                    out,
                    "<text class=\"value\" x=\"{}\" y=\"{}\">未填报</text>",
                    LABEL + 4,
                    y + BAR - 4
                );
                continue;
            };
            let w = width(*v, max);
            let _ = writeln!(
                out,
                "<rect class=\"bar s{i}\" x=\"{LABEL}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" data-label=\"{}\" data-series=\"{series}\" data-value=\"{v:.2}\"><title>{} {series}：{} {}</title></rect>",
                BAR - 2,
                esc(label),
                esc(label),
                thousands(*v),
                esc(unit)
            );
            let _ = writeln!(
                out,
                "<text class=\"value\" x=\"{:.1}\" y=\"{}\">{}</text>",
                f64::from(LABEL) + w + 4.0,
                y + BAR - 4,
                thousands(*v)
            );
        }
    }
    out.push_str("</svg>\n");
    if let Some(note) = &c.note {
        let _ = writeln!(out, "<p class=\"chart-note\">{}</p>", esc(note));
    }
    out.push_str("</figure>\n");
    out
}

/// A bar's length: its share of the largest value, at least nothing.
fn width(v: Decimal, max: Decimal) -> f64 {
    if max <= Decimal::ZERO || v <= Decimal::ZERO {
        return 0.0;
    }
    let share = v
        .checked_div(max)
        .and_then(|s| s.to_f64())
        .unwrap_or(0.0)
        .clamp(0.0, 1.0);
    share * f64::from(BAR_ROOM)
}
