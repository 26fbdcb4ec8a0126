//! The checks that need the whole region: a project code or a sub-unit in two departments
//! (E0601, E0602), a department of another year or catalog (E0603), and the control file's
//! approved totals against the budgets (E0604, E0605, W0606). Each diagnostic points into the
//! file at fault, and names the other file and line where there is one.

use super::{in_unit, Control, Department, Origin, Place, RegionDiagnostic, WAN};
use crate::diag::{t, Diagnostic};
use crate::document::prose::thousands;
use crate::model::MoneyUnit;
use crate::span::Span;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn push(out: &mut Vec<RegionDiagnostic>, origin: Origin, diagnostic: Diagnostic) {
    out.push(RegionDiagnostic { origin, diagnostic });
}

/// Where a department's diagnostic goes when the file has no such line: its 部门 line, else
/// the start of the file.
fn anchor(d: &Department) -> Span {
    d.name_at.map(|p| p.span).unwrap_or_default()
}

/// E0601 and E0602: a project code, or a sub-unit's full name, in more than one department.
/// Each later occurrence (in file order) is reported, pointing at the first.
pub(super) fn duplicates(
    departments: &[Department],
    project_codes: &BTreeMap<String, Vec<Place>>,
    sub_units: &BTreeMap<String, Vec<Place>>,
    out: &mut Vec<RegionDiagnostic>,
) {
    let of = |i: usize| departments.iter().find(|d| d.index == i);
    for (kind, map) in [(Kind::Project, project_codes), (Kind::SubUnit, sub_units)] {
        for (key, places) in map {
            let mut places = places.clone();
            places.sort();
            let Some(first) = places.first().copied() else {
                continue;
            };
            if places.iter().all(|p| p.department == first.department) {
                // Twice in one budget: that budget's own check (E0502) says so.
                continue;
            }
            let Some(owner) = of(first.department) else {
                continue;
            };
            let (dept, file, line) = (&owner.name, &owner.file, first.line);
            let mut seen = vec![first.department];
            for p in places.iter().filter(|p| p.department != first.department) {
                if seen.contains(&p.department) {
                    continue;
                }
                seen.push(p.department);
                let d = match kind {
                    Kind::Project => Diagnostic::new(
                        "E0601",
                        t!(
                            "项目编码 {key} 在两个部门中重复：{dept}（{file} 第 {line} 行）也有",
                            "project code {key} is in two departments: {dept} ({file} line {line}) has it too"
                        ),
                    )
                    .at(p.span, t!("与{dept}的项目重复", "also a project of {dept}"))
                    .with_help(t!(
                        "项目编码在全区唯一（由预算管理一体化系统分配）：核对两个部门的项目，改正抄错的编码，或删去重复列入的项目。",
                        "a project code is unique in the region (the 一体化 system assigns it): check both departments' projects, correct the miscopied code or remove the project entered twice."
                    )),
                    Kind::SubUnit => Diagnostic::new(
                        "E0602",
                        t!(
                            "二级单位“{key}”同时列在两个部门：{dept}（{file} 第 {line} 行）也有",
                            "sub-unit “{key}” is listed under two departments: {dept} ({file} line {line}) lists it too"
                        ),
                    )
                    .at(p.span, t!("也是{dept}的二级单位", "also a sub-unit of {dept}"))
                    .with_help(t!(
                        "一个预算单位只属于一个部门：从不管理它的部门删去这一行（连同它的支出），或改正全称。",
                        "a budget unit belongs to one department: remove this line (and its spending) from the department that does not manage it, or correct the full name."
                    )),
                };
                push(out, Origin::Department(p.department), d);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Project,
    SubUnit,
}

/// E0603: a department whose year or catalog is not the region's.
pub(super) fn mixed(
    departments: &[Department],
    year: u16,
    catalog: &str,
    out: &mut Vec<RegionDiagnostic>,
) {
    for d in departments {
        let (name, y) = (&d.name, d.year);
        if d.year != year {
            let at = d.year_at.map(|p| p.span).unwrap_or_else(|| anchor(d));
            push(
                out,
                Origin::Department(d.index),
                Diagnostic::new(
                    "E0603",
                    t!(
                        "{name} 是 {y} 年的预算，区域汇总的是 {year} 年",
                        "{name} is a budget of {y}; the region is of {year}"
                    ),
                )
                .at(at, t!("另一年度", "another year"))
                .with_help(t!(
                    "区域汇总只收同一年度的部门预算：把这个文件移出目录，或换成该部门 {year} 年的预算。",
                    "a region sums the budgets of one year: move this file out of the folder, or put the department's {year} budget in its place."
                )),
            );
        } else if d.catalog != catalog {
            let c = &d.catalog;
            let at = d
                .catalog_at
                .or(d.year_at)
                .map(|p| p.span)
                .unwrap_or_else(|| anchor(d));
            push(
                out,
                Origin::Department(d.index),
                Diagnostic::new(
                    "E0603",
                    t!(
                        "{name} 按 {c} 年的科目表编制，区域按 {catalog} 年的",
                        "{name} is checked against the {c} catalog; the region against {catalog}"
                    ),
                )
                .at(at, t!("另一科目版本", "another catalog version"))
                .with_help(t!(
                    "同一区域的预算用同一版科目：把“科目版本”改为 {catalog}（budc migrate 改写编码）。",
                    "the budgets of a region use one catalog: set 科目版本 to {catalog} (budc migrate rewrites the codes)."
                )),
            );
        }
    }
}

/// An amount of the control file in 元.
fn yuan(d: Decimal, unit: MoneyUnit) -> Decimal {
    match unit {
        MoneyUnit::Yuan => d,
        MoneyUnit::TenThousandYuan => d.checked_mul(WAN).unwrap_or(Decimal::MAX),
    }
}

/// An amount in 元 as the control file's unit writes it: thousands, two decimals when exact,
/// every decimal otherwise (a 元 budget's cents in 万元).
fn shown(yuan: Decimal, unit: MoneyUnit) -> String {
    let d = in_unit(yuan, unit);
    if d.round_dp(2) == d {
        thousands(d)
    } else {
        d.normalize().to_string()
    }
}

/// E0604, E0605 and W0606: the control file against the budgets.
pub(super) fn control(c: &Control, departments: &[Department], out: &mut Vec<RegionDiagnostic>) {
    for d in &c.diagnostics {
        push(out, Origin::Control, d.clone());
    }
    let Some(unit) = c.unit.as_ref().map(|u| u.value) else {
        return;
    };
    let u = unit.as_str();
    let ctl = c.name().to_string();
    for (name, amount) in &c.departments {
        let n = &name.value;
        let Some(d) = departments.iter().find(|d| d.name == *n) else {
            push(
                out,
                Origin::Control,
                Diagnostic::new(
                    "E0605",
                    t!("控制数中的部门“{n}”不在区域中", "department “{n}” of the control file is not in the region"),
                )
                .at(name.span, t!("没有这个部门的预算", "no budget of this department"))
                .with_help(t!(
                    "部门名称须与预算文件的“部门”行一字不差；或把该部门的预算放进目录。",
                    "the name must be the budget file's 部门 line exactly; or put the department's budget in the folder."
                )),
            );
            continue;
        };
        let approved = yuan(amount.value, unit);
        if approved != d.total {
            let (a, b) = (shown(approved, unit), shown(d.total, unit));
            let diff = shown(d.total - approved, unit);
            let file = &d.file;
            push(
                out,
                Origin::Control,
                Diagnostic::new(
                    "E0604",
                    t!(
                        "{n} 的控制数 {a} {u} 与预算合计 {b} {u} 不符（预算多 {diff}）",
                        "the approved total of {n}, {a} {u}, differs from its budget's {b} {u} (the budget is {diff} more)"
                    ),
                )
                .at(amount.span, t!("预算合计为 {b}", "the budget totals {b}"))
                .with_help(t!(
                    "核对 {file} 的支出，或按批复改正控制数。",
                    "check the spending of {file}, or correct the approved figure as approved."
                )),
            );
        }
    }
    if let Some(total) = &c.total {
        let approved = yuan(total.value, unit);
        let sum: Decimal = departments.iter().map(|d| d.total).sum();
        if approved != sum {
            let (a, b) = (shown(approved, unit), shown(sum, unit));
            let diff = shown(sum - approved, unit);
            let n = departments.len();
            push(
                out,
                Origin::Control,
                Diagnostic::new(
                    "E0604",
                    t!(
                        "区域控制数合计 {a} {u} 与 {n} 个部门的预算合计 {b} {u} 不符（预算多 {diff}）",
                        "the region's approved total, {a} {u}, differs from the {n} departments' budgets, {b} {u} (the budgets are {diff} more)"
                    ),
                )
                .at(total.span, t!("预算合计为 {b}", "the budgets total {b}"))
                .with_help(t!(
                    "核对各部门的控制数和预算；控制数合计应等于各部门控制数之和。",
                    "check the departments' figures and budgets; the approved total is the sum of the departments' approved totals."
                )),
            );
        }
    }
    if c.departments.is_empty() {
        return;
    }
    for d in departments {
        if c.departments.iter().any(|(n, _)| n.value == d.name) {
            continue;
        }
        let name = &d.name;
        push(
            out,
            Origin::Department(d.index),
            Diagnostic::new(
                "W0606",
                t!(
                    "{name} 不在控制数文件 {ctl} 中",
                    "{name} is not in the control file {ctl}"
                ),
            )
            .at(anchor(d), t!("没有控制数", "no approved total"))
            .with_help(t!(
                "在控制数文件中加一行“部门 {name} <金额>”，或把不属于本区域的文件移出目录。",
                "add a line 部门 {name} <amount> to the control file, or move a file that is not of this region out of the folder."
            )),
        );
    }
}
