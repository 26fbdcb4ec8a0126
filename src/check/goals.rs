//! Performance goals (绩效目标) and their indicators: present, complete, not copied, and with
//! values whose numbers and units make sense for what they measure.

use super::quantity;
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::model::rules::IndicatorRoles;
use crate::model::{Budget, Catalog, Indicator, Project};
use crate::value::{Comparator, ValueKind};
use std::collections::HashMap;

pub fn run(b: &Budget, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for p in &b.projects {
        goal_present(p, catalog, out);
        let roles = &catalog.rules().indicator_roles;
        for i in &p.indicators {
            value_is_number(i, roles, out);
            unit_form(i, roles, out);
            unit_meaning(i, out);
            upper_bound(i, roles, out);
        }
    }
    same_goals(b, out);
    copied_rows(b, out);
}

fn goal_present(p: &Project, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let name = &p.name.value;
    if p.goal.is_none() {
        out.push(
            Diagnostic::new(
                "E0401",
                t!(
                    "项目“{name}”没有绩效目标",
                    "project “{name}” has no performance goal"
                ),
            )
            .at(p.name.span, t!("缺少“目标”", "no 目标"))
            .with_help(t!(
                "在项目下写 “目标 <绩效目标>” 和各项“指标”。",
                "add “目标 <goal>” and its 指标 lines under the project."
            )),
        );
    }
    if p.indicators.is_empty() && p.goal.is_none() {
        return;
    }
    let missing: Vec<&str> = catalog
        .rules()
        .indicators
        .iter()
        .filter(|c| c.required)
        .map(|c| c.level1.as_str())
        .filter(|l| !p.indicators.iter().any(|i| i.level1.value == *l))
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join("、");
    let at = p.goal.as_ref().map(|g| g.span).unwrap_or(p.name.span);
    out.push(
        Diagnostic::new("W0402", t!("绩效目标缺少{list}", "the goal lacks {list}"))
            .at(at, t!("项目“{name}”", "project “{name}”"))
            .with_help(t!(
                "补上{list}，每类至少一条。",
                "add at least one indicator of each: {list}."
            )),
    );
}

fn value_is_number(i: &Indicator, roles: &IndicatorRoles, out: &mut Vec<Diagnostic>) {
    let numeric_expected = roles.measured.covers(&i.level1.value, &i.level2.value);
    if !numeric_expected || !matches!(i.value.kind, ValueKind::Text) {
        return;
    }
    let (v, l2) = (&i.value.text.value, &i.level2.value);
    out.push(
        Diagnostic::new(
            "W0405",
            t!(
                "{l2}的指标值“{v}”不是数",
                "the {l2} value “{v}” is not a number"
            ),
        )
        .at(i.value.text.span, t!("无法衡量", "not measurable"))
        .with_help(t!(
            "写出可衡量的数值和单位，如 ≥200人、35万元。",
            "write a measurable number with its unit, e.g. ≥200人, 35万元."
        )),
    );
}

/// Dimensions that may follow a money unit: 元人/月 lacks its `/`.
const PER: [char; 9] = ['人', '户', '家', '次', '月', '年', '天', '场', '件'];

fn unit_form(i: &Indicator, roles: &IndicatorRoles, out: &mut Vec<Diagnostic>) {
    let unit = match &i.value.kind {
        ValueKind::Range { unit, .. } => unit.as_deref(),
        kind => match quantity(kind) {
            Some(q) => q.unit.as_deref(),
            None => return,
        },
    };
    let v = &i.value.text.value;
    let span = i.value.text.span;
    let Some(unit) = unit else {
        if roles.measured.covers(&i.level1.value, &i.level2.value) {
            out.push(
                Diagnostic::new(
                    "W0406",
                    t!("指标值“{v}”没有单位", "the value “{v}” has no unit"),
                )
                .at(span, t!("缺少单位", "no unit"))
                .with_help(t!(
                    "写出单位：金额用 万元 或 元，数量用 人、次、个……",
                    "give the unit: 万元 or 元 for money, 人, 次, 个 … for counts."
                )),
            );
        }
        return;
    };
    let parts: Vec<&str> = unit.split('/').collect();
    let repeated = parts
        .iter()
        .enumerate()
        .find(|(n, p)| !p.is_empty() && parts[..*n].contains(p))
        .map(|(_, p)| *p);
    if let Some(dim) = repeated {
        out.push(
            Diagnostic::new(
                "W0406",
                t!(
                    "单位“{unit}”中“{dim}”重复",
                    "the unit “{unit}” repeats “{dim}”"
                ),
            )
            .at(span, t!("单位不规范", "malformed unit"))
            .with_help(t!(
                "每个量纲只写一次，例如 元/人/天。",
                "state each dimension once, e.g. 元/人/天."
            )),
        );
        return;
    }
    let money_then_per = ["万元", "元"].iter().find_map(|m| {
        unit.strip_prefix(m)
            .and_then(|rest| rest.chars().next())
            .filter(|c| PER.contains(c))
    });
    if let Some(c) = money_then_per {
        out.push(
            Diagnostic::new(
                "W0406",
                t!("单位“{unit}”缺少“/”", "the unit “{unit}” lacks a “/”"),
            )
            .at(span, t!("单位不规范", "malformed unit"))
            .with_help(t!(
                "在“{c}”前加“/”，例如 元/{c}/月。",
                "put “/” before “{c}”, e.g. 元/{c}/月."
            )),
        );
    }
}

fn unit_meaning(i: &Indicator, out: &mut Vec<Diagnostic>) {
    let Some(q) = quantity(&i.value.kind) else {
        return;
    };
    let Some(unit) = q.unit.as_deref() else {
        return;
    };
    let name = &i.name.value;
    // The unit first: it rules out most indicators without looking at the name.
    let money = unit.starts_with('元') || unit.starts_with("万元");
    let counts = || {
        ["人数", "次数", "户数", "个数", "场次", "数量"]
            .iter()
            .any(|w| name.contains(w))
    };
    let time = || {
        ["时间", "时限", "期限", "日期"]
            .iter()
            .any(|w| name.contains(w))
            && !name.contains('率')
    };
    let (zh, en) = if money && counts() {
        ("计数指标用了金额单位", "a count measured in money")
    } else if unit == "%" && time() {
        (
            "时间指标用了百分比",
            "a time indicator given as a percentage",
        )
    } else {
        return;
    };
    let v = &i.value.text.value;
    out.push(
        Diagnostic::new("W0407", t!("“{name}”：{zh}（{v}）", "“{name}”: {en} ({v})"))
            .at(
                i.value.text.span,
                t!("单位与名称不符", "unit contradicts the name"),
            )
            .with_help(t!(
                "计数用 人、次、个；时间用日期或期限，如 2024年12月底前。",
                "counts take 人, 次, 个; times take a date or period, e.g. 2024年12月底前."
            )),
    );
}

fn upper_bound(i: &Indicator, roles: &IndicatorRoles, out: &mut Vec<Diagnostic>) {
    let ValueKind::Comparison { comparator, .. } = &i.value.kind else {
        return;
    };
    if !matches!(comparator, Comparator::AtMost | Comparator::Below) {
        return;
    }
    let minimum = roles.lower_bound.covers(&i.level1.value, &i.level2.value);
    let name = &i.name.value;
    let less_is_better = [
        "投诉", "差错", "事故", "误差", "失误", "错误", "超标", "损失",
    ]
    .iter()
    .any(|w| name.contains(w));
    if !minimum || less_is_better {
        return;
    }
    let v = &i.value.text.value;
    out.push(
        Diagnostic::new(
            "W0408",
            t!(
                "“{name}”的目标写成了上限（{v}）",
                "“{name}” is written as an upper bound ({v})"
            ),
        )
        .at(i.value.text.span, t!("应为下限", "a minimum is expected"))
        .with_help(t!(
            "数量、质量和满意度目标是要达到的下限：用 ≥。",
            "quantity, quality and satisfaction targets are minimums: use ≥."
        )),
    );
}

fn same_goals(b: &Budget, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Project> = HashMap::new();
    for p in &b.projects {
        let Some(goal) = &p.goal else { continue };
        match seen.get(goal.value.as_str()) {
            Some(first) => {
                let (this, other) = (&p.name.value, &first.name.value);
                let mut d = Diagnostic::new(
                    "W0403",
                    t!(
                        "项目“{this}”的绩效目标与“{other}”一字不差",
                        "project “{this}” has the same goal text as “{other}”"
                    ),
                )
                .at(goal.span, t!("相同的目标", "same goal"));
                if let Some(g) = &first.goal {
                    d = d.also(g.span, t!("“{other}”的目标", "goal of “{other}”"));
                }
                out.push(d.with_help(t!(
                    "为每个项目写它自己的绩效目标。",
                    "write each project's own goal."
                )));
            }
            None => {
                seen.insert(goal.value.as_str(), p);
            }
        }
    }
}

/// A specific indicator (a long name and a number) found in two projects with no code in common.
fn copied_rows(b: &Budget, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&str, &str), (&Project, &Indicator)> = HashMap::new();
    for p in &b.projects {
        for i in &p.indicators {
            let specific = i.name.value.chars().count() >= 8
                && quantity(&i.value.kind).is_some_and(|q| q.unit.as_deref() != Some("%"));
            if !specific {
                continue;
            }
            let key = (i.name.value.as_str(), i.value.text.value.as_str());
            let Some((first, first_i)) = seen.get(&key).copied() else {
                seen.insert(key, (p, i));
                continue;
            };
            if std::ptr::eq(first, p) {
                continue;
            }
            let shared = p
                .allocations
                .iter()
                .any(|a| first.allocations.iter().any(|f| f.code.code == a.code.code));
            if shared {
                continue;
            }
            let (name, v, other) = (&i.name.value, &i.value.text.value, &first.name.value);
            out.push(
                Diagnostic::new(
                    "W0404",
                    t!(
                        "指标“{name} {v}”与项目“{other}”的一样",
                        "the indicator “{name} {v}” is the same as in “{other}”"
                    ),
                )
                .at(i.span, t!("抄来的指标？", "copied?"))
                .also(
                    first_i.span,
                    t!("“{other}”中的同一指标", "the same indicator in “{other}”"),
                )
                .with_help(t!(
                    "两个项目没有共同的功能科目：确认这条指标属于本项目。",
                    "the projects share no functional code: make sure this indicator belongs here."
                )),
            );
        }
    }
}
