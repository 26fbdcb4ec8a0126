//! Content: duplicates, project codes of another year, placeholders, and prose that contradicts
//! the computed changes.

use crate::diag::t;
use crate::diag::Diagnostic;
use crate::document::{Change, Document};
use crate::model::{Budget, ThreePublicKind};
use crate::source::Span;
use rust_decimal::Decimal;
use std::collections::HashMap;

pub fn run(b: &Budget, doc: &Document, out: &mut Vec<Diagnostic>) {
    overview(b, out);
    duplicates(b, out);
    code_years(b, out);
    placeholders(b, out);
    three_public_reasons(b, doc, out);
    directions(b, doc, out);
}

/// W0507: 主要职责 and 机构设置 open the published document; missing or empty, it is not
/// publishable.
fn overview(b: &Budget, out: &mut Vec<Diagnostic>) {
    // Only in a budget: a file without a 部门 line has its E0103 already.
    let Some(header) = b.department.as_ref().map(|d| d.span) else {
        return;
    };
    let empty = |paragraphs: &[crate::source::Spanned<String>]| {
        !paragraphs.iter().any(|p| !p.value.trim().is_empty())
    };
    let missing: Vec<(&str, Option<Span>)> = [
        ("主要职责", b.duties_block, empty(&b.duties)),
        ("机构设置", b.organization_block, empty(&b.organization)),
    ]
    .into_iter()
    .filter(|(_, _, e)| *e)
    .map(|(w, s, _)| (w, s))
    .collect();
    if missing.is_empty() {
        return;
    }
    let what = missing
        .iter()
        .map(|(w, _)| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join("和");
    let what_en = missing
        .iter()
        .map(|(w, _)| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut d = Diagnostic::new(
        "W0507",
        t!(
            "{what}没有内容：公开的部门预算须写明",
            "{what_en} without content: the published budget states them"
        ),
    );
    // The blocks not written at all, named at the 部门 line; the empty ones, each at itself.
    let absent: Vec<String> = missing
        .iter()
        .filter(|(_, b)| b.is_none())
        .map(|(w, _)| format!("“{w}”"))
        .collect();
    let mut labels: Vec<(Span, crate::diag::Text)> = Vec::new();
    if !absent.is_empty() {
        let (zh, en) = (absent.join("和"), absent.join(" and "));
        labels.push((header, t!("缺少{zh}", "no {en}")));
    }
    for span in missing.iter().filter_map(|(_, b)| *b) {
        labels.push((span, t!("没有内容", "empty")));
    }
    labels.sort_by_key(|(s, _)| s.start);
    for (i, (span, label)) in labels.into_iter().enumerate() {
        d = if i == 0 {
            d.at(span, label)
        } else {
            d.also(span, label)
        };
    }
    out.push(d.with_help(t!(
        "写{what}块，下面每段一行 “> 文字”（部门概况：主要职责，机构设置）。",
        "write the {what_en} block, one paragraph per line “> text” (the overview: duties, organisation)."
    )));
}

fn duplicates(b: &Budget, out: &mut Vec<Diagnostic>) {
    let mut codes: HashMap<&str, Span> = HashMap::new();
    let mut names: HashMap<&str, Span> = HashMap::new();
    for p in &b.projects {
        let (code, name) = (&p.code.value, &p.name.value);
        match codes.get(code.as_str()) {
            Some(first) => out.push(
                Diagnostic::new(
                    "E0502",
                    t!("项目编码 {code} 重复", "project code {code} is used twice"),
                )
                .at(p.code.span, t!("又用了一次", "used again"))
                .also(*first, t!("第一次在这里", "first here"))
                .with_help(t!(
                    "每个项目的编码唯一：核对项目库中的编码。",
                    "each project has its own code: check it in the project library."
                )),
            ),
            None => {
                codes.insert(code, p.code.span);
            }
        }
        match names.get(name.as_str()) {
            Some(first) => out.push(
                Diagnostic::new(
                    "E0503",
                    t!(
                        "项目名称“{name}”重复",
                        "project name “{name}” is used twice"
                    ),
                )
                .at(p.name.span, t!("又用了一次", "used again"))
                .also(*first, t!("第一次在这里", "first here"))
                .with_help(t!(
                    "给两个项目不同的名称，或把它们合并为一个项目。",
                    "give the projects different names, or merge them."
                )),
            ),
            None => {
                names.insert(name, p.name.span);
            }
        }
    }
}

/// 21-character codes of 预算管理一体化 carry the year in characters 7 and 8.
fn code_years(b: &Budget, out: &mut Vec<Diagnostic>) {
    let year = b.year();
    if year == 0 {
        return;
    }
    let want = format!("{:02}", year % 100);
    for p in &b.projects {
        let code = &p.code.value;
        if code.chars().count() != 21 || !code.is_ascii() {
            continue;
        }
        let Some(got) = code
            .get(6..8)
            .filter(|y| y.bytes().all(|c| c.is_ascii_digit()))
        else {
            continue;
        };
        if got == want {
            continue;
        }
        let span = Span::new(p.code.span.start + 6, p.code.span.start + 8);
        out.push(
            Diagnostic::new("E0504", t!("项目编码的年度是 20{got}，预算年度是 {year}", "the project code is of 20{got}, the budget of {year}"))
                .at(span, t!("年度 {got}", "year {got}"))
                .with_help(t!(
                    "项目编码多半抄自往年：在项目库中查本年度的编码。",
                    "the code was probably copied from an earlier year: look up this year's code in the project library."
                )),
        );
    }
}

const PLACEHOLDERS: [&str; 8] = ["XX", "xx", "ＸＸ", "××", "待填写", "待补充", "待定", "TODO"];

/// The bytes a placeholder starts with, as a table (one look-up per byte of text: every text of
/// a budget is scanned, and 待's first byte starts a twelfth of all CJK characters).
const PLACEHOLDER_STARTS: [bool; 256] = {
    let mut starts = [false; 256];
    let mut i = 0;
    while i < PLACEHOLDERS.len() {
        starts[PLACEHOLDERS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    starts
};

/// The first placeholder in `text`, with its byte offset: one pass over the bytes, looking
/// further only where a placeholder can start.
fn find_placeholder(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().find_map(|(i, b)| {
        if !PLACEHOLDER_STARTS
            .get(usize::from(*b))
            .copied()
            .unwrap_or(false)
        {
            return None;
        }
        let rest = &bytes[i..];
        PLACEHOLDERS
            .iter()
            .find(|w| rest.starts_with(w.as_bytes()))
            .map(|w| (i, *w))
    })
}

fn placeholders(b: &Budget, out: &mut Vec<Diagnostic>) {
    // Walked, not collected: a budget of a million projects has fifty million texts.
    let projects = b.projects.iter().flat_map(|p| {
        let indicators = p.indicators.iter();
        std::iter::once(&p.name)
            .chain(&p.goal)
            .chain(indicators.flat_map(|i| [&i.name, &i.value.text, &i.criterion]))
    });
    let texts = b
        .duties
        .iter()
        .chain(&b.organization)
        .chain(b.reasons.iter().flat_map(|r| &r.paragraphs))
        .chain(b.glossary.iter().flat_map(|g| &g.paragraphs))
        .chain(b.assets.iter().flat_map(|a| &a.notes))
        .chain(projects);
    for s in texts {
        let Some((at, word)) = find_placeholder(&s.value) else {
            continue;
        };
        let start = s.span.start + at;
        out.push(
            Diagnostic::new(
                "W0505",
                t!("占位文字“{word}”没有替换", "placeholder “{word}” left in"),
            )
            .at(
                Span::new(start, start + word.len()),
                t!("占位符", "placeholder"),
            )
            .with_help(t!("写上实际内容。", "write the real content.")),
        );
    }
}

/// The reasons a figure can be given under (`原因 <figure>`).
fn reason_for<'a>(b: &'a Budget, names: &[&str]) -> Option<&'a crate::model::Reason> {
    b.reasons
        .iter()
        .find(|r| names.contains(&r.figure.value.as_str()))
}

fn three_public_reasons(b: &Budget, doc: &Document, out: &mut Vec<Diagnostic>) {
    let t = &doc.figures.three_public;
    let general = reason_for(b, &["三公", "三公经费", "“三公”经费"]).is_some();
    for kind in ThreePublicKind::ALL {
        let Some(change) = t.change(kind) else {
            continue;
        };
        if change.change.is_zero() || general || reason_for(b, &[kind.name()]).is_some() {
            continue;
        }
        let name = kind.name();
        let (c, p) = (super::fmt(change.current), super::fmt(change.prior));
        // The 上年 line of this item; else this year's 三公 line in a project; else any 上年 三公 line.
        let this_year = b
            .projects
            .iter()
            .flat_map(|p| p.three_public.iter())
            .find(|t| t.kind == kind)
            .map(|t| t.amount.span);
        let at = b
            .prior
            .three_public
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, m)| m.span)
            .or(this_year)
            .or(b.prior.three_public.first().map(|(_, m)| m.span))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                "W0501",
                t!(
                    "{name}由上年 {p} 变为 {c}，没有说明原因",
                    "{name} changes from {p} to {c} without a reason"
                ),
            )
            .at(at, t!("上年数", "last year"))
            .with_help(t!(
                "写上 “原因 三公” 块说明增减原因。",
                "add a “原因 三公” block giving the reason."
            )),
        );
    }
}

const UP: [&str; 6] = ["增加", "增长", "上升", "提高", "新增", "增多"];
const DOWN: [&str; 7] = ["减少", "下降", "压缩", "降低", "压减", "缩减", "节约"];

fn directions(b: &Budget, doc: &Document, out: &mut Vec<Diagnostic>) {
    let f = &doc.figures;
    for r in &b.reasons {
        let change: Option<Change> = match r.figure.value.as_str() {
            "收支" | "收入" | "支出" => f.total_change,
            "基本支出" => f.basic_change,
            "项目支出" => f.project_change,
            "机关运行经费" => f.operating_cost_change,
            "三公" | "三公经费" | "“三公”经费" => f.three_public.total_change(),
            other => ThreePublicKind::parse(other).and_then(|k| f.three_public.change(k)),
        };
        let Some(change) = change else { continue };
        for para in &r.paragraphs {
            let text = &para.value;
            let up = UP.iter().any(|w| text.contains(w));
            let down = DOWN.iter().any(|w| text.contains(w));
            let flat = text.contains("持平");
            let zero = Decimal::ZERO;
            let wrong = match (up, down, flat) {
                (true, false, false) => change.change < zero,
                (false, true, false) => change.change > zero,
                (false, false, true) => change.change != zero,
                _ => false,
            };
            if !wrong {
                continue;
            }
            let (fig, d) = (&r.figure.value, super::fmt(change.change));
            out.push(
                Diagnostic::new(
                    "W0506",
                    t!(
                        "说明与计算的增减方向不符：{fig}的变化为 {d}",
                        "the text contradicts the computed change: {fig} changes by {d}"
                    ),
                )
                .at(para.span, t!("方向不符", "wrong direction"))
                .with_help(t!(
                    "核对上年数，或改正说明。",
                    "check the 上年 figure, or correct the text."
                )),
            );
        }
    }
}
