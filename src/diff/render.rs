//! A diff in words: text lines and a Markdown review comment, in Chinese or English.

use super::{Delta, Diff, Item};
use crate::diag::t;
use crate::diag::{Lang, Text};
use crate::model::MoneyUnit;
use std::fmt::Write as _;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

fn delta_words(d: &Delta) -> Text {
    let (old, new, change) = (&d.old, &d.new, &d.change);
    match &d.percent {
        Some(p) => t!(
            "{old} → {new}（{change}，{p}%）",
            "{old} → {new} ({change}, {p}%)"
        ),
        None => t!("{old} → {new}（{change}）", "{old} → {new} ({change})"),
    }
}

/// The name of a total in English (the JSON keeps the Chinese name: it is the term of the
/// published document). A class's total is named by its code and catalog name.
fn total_name(what: &str) -> Text {
    let en = match what {
        "支出合计" => "total spending",
        "基本支出" => "basic spending",
        "项目支出" => "project spending",
        "“三公”经费" => "“three public” spending",
        "机关运行经费" => "operating costs of the administration",
        "政府采购" => "government procurement",
        other => other,
    };
    Text::new(what, en)
}

/// One line of text per change.
fn line(i: &Item, unit: MoneyUnit) -> Text {
    let u = unit_words(unit);
    let (zh_u, en_u) = (&*u.zh, &*u.en);
    let words = |d: &Delta| delta_words(d);
    match i {
        Item::ProjectAdded { code, name, amount } => t!(
            "新增项目 {name}（{code}）{amount} {zh_u}",
            "project added: {name} ({code}) {amount} {en_u}"
        ),
        Item::ProjectRemoved { code, name, amount } => t!(
            "删除项目 {name}（{code}）{amount} {zh_u}",
            "project removed: {name} ({code}) {amount} {en_u}"
        ),
        Item::ProjectRenamed {
            code,
            old_name,
            new_name,
        } => t!(
            "项目改名 {code}：{old_name} → {new_name}",
            "project renamed {code}: {old_name} → {new_name}"
        ),
        Item::ProjectRecoded {
            name,
            old_code,
            new_code,
        } => t!(
            "项目编码变化 {name}：{old_code} → {new_code}",
            "project code changed {name}: {old_code} → {new_code}"
        ),
        Item::ProjectAmount { name, delta, .. } => {
            let d = words(delta);
            let (zh, en) = (&d.zh, &d.en);
            t!("项目 {name}：{zh} {zh_u}", "project {name}: {en} {en_u}")
        }
        Item::AllocationChanged {
            project,
            exp_func_code,
            delta,
        } => {
            let d = words(delta);
            let (zh, en) = (&d.zh, &d.en);
            t!(
                "项目 {project} 科目 {exp_func_code}：{zh} {zh_u}",
                "project {project} code {exp_func_code}: {en} {en_u}"
            )
        }
        Item::AllocationMoved {
            project,
            from,
            to,
            amount,
        } => t!(
            "项目 {project}：{amount} {zh_u} 从 {from} 移到 {to}",
            "project {project}: {amount} {en_u} moved from {from} to {to}"
        ),
        Item::IndicatorAdded {
            project,
            indicator,
            value,
        } => t!(
            "项目 {project} 新增指标 {indicator}：{value}",
            "project {project} indicator added {indicator}: {value}"
        ),
        Item::IndicatorRemoved {
            project,
            indicator,
            value,
        } => t!(
            "项目 {project} 删除指标 {indicator}：{value}",
            "project {project} indicator removed {indicator}: {value}"
        ),
        Item::IndicatorChanged {
            project,
            indicator,
            old,
            new,
        } => t!(
            "项目 {project} 指标 {indicator}：{old} → {new}",
            "project {project} indicator {indicator}: {old} → {new}"
        ),
        Item::GoalChanged { project } => t!(
            "项目 {project} 的绩效目标改了",
            "project {project}: its performance goal changed"
        ),
        Item::BasicLine {
            exp_func_code,
            dep_bgt_eco_code,
            delta,
        } => {
            let d = words(delta);
            let (zh, en) = (&d.zh, &d.en);
            t!(
                "基本支出 {exp_func_code} × {dep_bgt_eco_code}：{zh} {zh_u}",
                "basic spending {exp_func_code} × {dep_bgt_eco_code}: {en} {en_u}"
            )
        }
        Item::Total { what, delta } => {
            let (name, d) = (total_name(what), words(delta));
            let (zh_n, en_n, zh, en) = (&name.zh, &name.en, &d.zh, &d.en);
            t!("{zh_n}：{zh} {zh_u}", "{en_n}: {en} {en_u}")
        }
    }
}

/// The money unit in words.
fn unit_words(unit: MoneyUnit) -> Text {
    match unit {
        MoneyUnit::TenThousandYuan => Text::new("万元", "× 10,000 yuan"),
        MoneyUnit::Yuan => Text::new("元", "yuan"),
    }
}

/// Renders a diff, in `lang` (the JSON is data: its words are the document's).
pub fn render(d: &Diff, format: Format, unit: MoneyUnit, lang: Lang) -> String {
    let line = |i: &Item| line(i, unit).get(lang).to_string();
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(d).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Text => {
            if d.is_empty() {
                return t!("两个预算没有差别。\n", "the two budgets do not differ.\n")
                    .get(lang)
                    .to_string();
            }
            d.changes.iter().map(|i| line(i) + "\n").collect()
        }
        Format::Markdown => {
            let (old, new) = (&d.old, &d.new);
            let title = t!(
                "### 预算变化：`{old}` → `{new}`\n\n",
                "### Budget changes: `{old}` → `{new}`\n\n"
            );
            let mut s = title.get(lang).to_string();
            if d.is_empty() {
                s.push_str(t!("没有差别。\n", "no difference.\n").get(lang));
                return s;
            }
            let (totals, items): (Vec<&Item>, Vec<&Item>) = d
                .changes
                .iter()
                .partition(|i| matches!(i, Item::Total { .. }));
            if !items.is_empty() {
                for i in items {
                    let _ = writeln!(s, "- {}", line(i));
                }
                s.push('\n');
            }
            if !totals.is_empty() {
                let head = t!(
                    "| 数 | 原 | 新 | 增减 | % |",
                    "| figure | old | new | change | % |"
                );
                let _ = writeln!(s, "{}\n|---|---:|---:|---:|---:|", head.get(lang));
                for i in totals {
                    if let Item::Total { what, delta } = i {
                        let _ = writeln!(
                            s,
                            "| {} | {} | {} | {} | {} |",
                            total_name(what).get(lang),
                            delta.old,
                            delta.new,
                            delta.change,
                            delta.percent.clone().unwrap_or_default()
                        );
                    }
                }
            }
            s
        }
    }
}
