//! Classification beyond the code lookups of `model::build`: mappings, 三公 codes, where basic
//! and project money may sit, funding sources, the indicator framework.

use super::fmt;
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::model::catalog::Classification;
use crate::model::{Budget, Catalog, Code, Side, Source, ThreePublicKind};
use rust_decimal::Decimal;

pub fn run(b: &Budget, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    mappings(b, catalog, out);
    three_public_codes(b, catalog, out);
    basic_and_project_codes(b, catalog, out);
    sources(b, catalog, out);
    framework(b, catalog, out);
}

fn mappings(b: &Budget, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    // Each economic code with the side of its unit: 机关 for 行政 and 参公, 事业 for 事业.
    let econ = b
        .basic
        .iter()
        .filter_map(|l| Some((l.econ.as_ref()?, b.kind_of(l.unit.as_deref()).side())));
    let projects = b.projects.iter().flat_map(|p| {
        let side = b.kind_of(p.unit.as_ref().map(|u| u.value.as_str())).side();
        p.economics.iter().map(move |e| (&e.code, side))
    });
    for (c, side) in econ.chain(projects) {
        // Unknown codes are reported once, by the code lookup.
        if catalog
            .name(Classification::EconomicDept, &c.code)
            .is_none()
            || catalog.gov_code(&c.code, side).is_some()
        {
            continue;
        }
        let (code, side) = (&c.code, side.name());
        out.push(
            Diagnostic::new("E0305", t!("经济分类 {code} 没有对应的政府预算支出经济分类（{side}）", "economic code {code} has no government economic mapping ({side} side)"))
                .at(c.span, t!("科目表中没有对应关系", "no mapping in the catalog"))
                .with_help(t!(
                    "在科目表 economic_mapping.tsv 中补上 {code} 在“{side}”一侧的对应行，或改用有对应关系的经济科目。",
                    "add the {side}-side mapping of {code} to economic_mapping.tsv, or use an economic code that has one."
                )),
        );
    }
}

fn three_public_codes(b: &Budget, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for p in &b.projects {
        for kind in ThreePublicKind::ALL {
            let econ: Vec<_> = p
                .economics
                .iter()
                .filter(|e| catalog.rules().three_public_kind(&e.code.code) == Some(kind))
                .collect();
            if econ.is_empty() {
                continue;
            }
            let by_code: Decimal = econ.iter().map(|e| e.amount.value).sum();
            let stated: Decimal = p
                .three_public
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| t.amount.value)
                .sum();
            if by_code == stated {
                continue;
            }
            let (name, x, y) = (kind.name(), fmt(by_code), fmt(stated));
            let mut d = Diagnostic::new(
                "E0306",
                t!(
                    "{name}：经济科目合计 {x}，“三公”行为 {y}",
                    "{name}: economic lines give {x}, the 三公 lines {y}"
                ),
            )
            .at(econ[0].amount.span, t!("经济科目", "economic lines"));
            if let Some(t) = p.three_public.iter().find(|t| t.kind == kind) {
                d = d.also(t.amount.span, t!("“三公”行", "三公 line"));
            }
            out.push(d.with_help(t!(
                "“三公”经费表由“三公”行得出，经济科目须与之一致：改正其中之一。",
                "the 三公 table follows the 三公 lines; the economic lines must agree: correct one of them."
            )));
        }
    }
}

fn basic_and_project_codes(b: &Budget, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    // The name in the budget's catalog (its 科目版本 or 年度); for a code that catalog lacks
    // (W0302), the name written on the line, so that 行政运行 still reads as 行政运行.
    let name_of = |c: &Code| {
        catalog
            .name(Classification::Functional, &c.code)
            .map(str::to_string)
            .or_else(|| c.written_name.as_ref().map(|n| n.value.clone()))
    };
    // A 事业单位's basic spending sits on the codes of its own field (2100401 疾病预防控制机构,
    // 2050203 初中教育): only 行政 and 参公 units are held to 行政运行 and the like.
    let agency = |l: &&crate::model::BasicLine| b.kind_of(l.unit.as_deref()).side() == Side::Agency;
    for func in b
        .basic
        .iter()
        .filter(agency)
        .filter_map(|l| l.func.as_ref())
        .filter(|f| f.code.len() == 7)
    {
        let Some(name) = name_of(func) else {
            continue;
        };
        if catalog.rules().holds_basic_spending(&func.code, &name) {
            continue;
        }
        let code = &func.code;
        out.push(
            Diagnostic::new("W0307", t!("基本支出列在 {code} {name}", "basic spending on {code} {name}"))
                .at(func.span, t!("通常用于项目", "usually a project code"))
                .with_help(t!(
                    "人员和日常公用支出通常列在行政运行（如 2013201）等科目；这笔钱若是项目，写在“项目”下。",
                    "staff and running costs usually sit on 行政运行 (e.g. 2013201); if this money is a project, put it under 项目."
                )),
        );
    }
    for p in &b.projects {
        for a in &p.allocations {
            let Some(name) = name_of(&a.code) else {
                continue;
            };
            if !catalog.rules().basic_only(&name) {
                continue;
            }
            let code = &a.code.code;
            let project = &p.name.value;
            out.push(
                Diagnostic::new(
                    "W0308",
                    t!(
                        "项目“{project}”列在 {code} {name}",
                        "project “{project}” on {code} {name}"
                    ),
                )
                .at(
                    a.code.span,
                    t!("{name}反映基本支出", "{name} holds basic spending"),
                )
                .with_help(t!(
                    "项目支出通常列在一般行政管理事务或专项科目。",
                    "project spending usually sits on 一般行政管理事务 or a specific code."
                )),
            );
        }
    }
}

fn sources(b: &Budget, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let basic = b
        .basic
        .iter()
        .filter_map(|l| Some((l.source, l.func.as_ref()?)));
    let projects = b
        .projects
        .iter()
        .flat_map(|p| p.allocations.iter())
        .chain(&b.project_totals)
        .map(|a| (a.source, &a.code));
    for (source, c) in basic.chain(projects) {
        let code = &c.code;
        let fund = catalog.is_fund_code(code);
        let (zh, en): (String, String) = match source {
            Source::GovernmentFund if !fund && !catalog.fund_sections.is_empty() => (
                "政府性基金预算的钱列在了非基金科目上".into(),
                "政府性基金 money on a code that is not a fund code".into(),
            ),
            Source::GeneralPublic if fund => (
                "一般公共预算的钱列在了政府性基金科目上".into(),
                "一般公共预算 money on a 政府性基金 code".into(),
            ),
            _ => match restricted(catalog, source, code) {
                Some(list) => (
                    format!("{}的钱须列在 {list} 类", budget_name(source)),
                    format!("{} money belongs under {list}", source.keyword()),
                ),
                None => continue,
            },
        };
        out.push(
            Diagnostic::new("E0309", t!("{zh}：{code}", "{en}: {code}"))
                .at(
                    c.span,
                    t!("资金来源与科目不符", "source does not fit the code"),
                )
                .with_help(t!(
                    "改正资金来源（“资金”行或支出行的来源），或改用相应的科目。",
                    "correct the funding source (the 资金 line or the line's source), or the code."
                )),
        );
    }
}

/// The prefixes a source's money must sit under, joined, when `code` is under none of them.
fn restricted(catalog: &Catalog, source: Source, code: &str) -> Option<String> {
    let prefixes = catalog.rules().source_codes(source)?;
    if prefixes.iter().any(|p| code.starts_with(p.as_str())) {
        return None;
    }
    Some(prefixes.join("、"))
}

/// 一般公共预算, 政府性基金预算, 国有资本经营预算; other sources by their name.
fn budget_name(source: Source) -> String {
    let k = source.keyword();
    if source.is_fiscal() && !k.ends_with("预算") {
        format!("{k}预算")
    } else {
        k.to_string()
    }
}

fn framework(b: &Budget, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let framework = &catalog.rules().indicators;
    for p in &b.projects {
        for i in &p.indicators {
            let l1 = &i.level1.value;
            let l2 = &i.level2.value;
            match framework.iter().find(|c| c.level1 == *l1) {
                None => {
                    let list = framework
                        .iter()
                        .map(|c| c.level1.as_str())
                        .collect::<Vec<_>>()
                        .join("、");
                    out.push(
                        Diagnostic::new(
                            "E0310",
                            t!(
                                "一级指标“{l1}”不在指标体系中",
                                "一级 indicator “{l1}” is not in the framework"
                            ),
                        )
                        .at(i.level1.span, t!("不是一级指标", "not a 一级 indicator"))
                        .with_help(t!("一级指标为：{list}", "the 一级 indicators: {list}")),
                    );
                }
                Some(class) if !class.level2.contains(l2) => {
                    let list = class.level2.join("、");
                    let home = framework
                        .iter()
                        .find(|c| c.level2.contains(l2))
                        .map(|c| c.level1.as_str());
                    let help = match home {
                        Some(h) => t!(
                            "“{l2}”属于{h}；{l1}下的二级指标为：{list}",
                            "“{l2}” belongs under {h}; under {l1}: {list}"
                        ),
                        None => t!(
                            "{l1}下的二级指标为：{list}",
                            "the 二级 indicators under {l1}: {list}"
                        ),
                    };
                    out.push(
                        Diagnostic::new(
                            "E0310",
                            t!(
                                "二级指标“{l2}”不属于{l1}",
                                "二级 indicator “{l2}” is not under {l1}"
                            ),
                        )
                        .at(i.level2.span, t!("不在{l1}下", "not under {l1}"))
                        .with_help(help),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
