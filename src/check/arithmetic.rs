//! Sums: project totals, income = spending, procurement, and the money in the indicators.

use super::{fmt, money_per, money_total, quantity};
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::document::{round2, Document};
use crate::model::catalog::Classification;
use crate::model::rules::IndicatorRoles;
use crate::model::{Budget, Catalog, Project, Source};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn run(b: &Budget, doc: &Document, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for p in &b.projects {
        project_total(p, out);
        procurement(p, out);
        indicator_money(b, p, catalog, out);
    }
    zero_lines(b, out);
    income_matches_spending(b, doc, out);
}

fn project_total(p: &Project, out: &mut Vec<Diagnostic>) {
    let name = &p.name.value;
    if p.allocations.is_empty() {
        out.push(
            Diagnostic::new(
                "E0207",
                t!(
                    "项目“{name}”没有支出行",
                    "project “{name}” has no allocations"
                ),
            )
            .at(p.name.span, t!("没有金额", "no money"))
            .with_help(t!(
                "在项目下写 “支出 <功能分类项编码> <金额>”，每个功能科目一行。",
                "add “支出 <functional code> <amount>” lines under the project, one per code."
            )),
        );
        return;
    }
    let Some(stated) = &p.stated_amount else {
        return;
    };
    let sum = p.amount();
    if stated.value == sum {
        return;
    }
    let (s, a, d) = (fmt(stated.value), fmt(sum), fmt(stated.value - sum));
    let mut diag = Diagnostic::new(
        "E0202",
        t!(
            "项目金额 {s} 与各支出行之和 {a} 不等（差 {d}）",
            "project amount {s} differs from its allocations, {a} (difference {d})"
        ),
    )
    .at(stated.span, t!("项目金额", "project amount"));
    for al in &p.allocations {
        diag = diag.also(al.amount.span, Default::default());
    }
    out.push(diag.with_help(t!(
        "核对各“支出”行的金额，或改正“金额”。",
        "check the 支出 amounts, or correct 金额."
    )));
}

fn procurement(p: &Project, out: &mut Vec<Diagnostic>) {
    let mut codes: Vec<&str> = p.allocations.iter().map(|a| a.code.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let list = codes.join("、");
    let mut by_code: BTreeMap<(&str, Source), Decimal> = BTreeMap::new();
    for proc in &p.procurement {
        match &proc.func {
            None if codes.len() > 1 => out.push(
                Diagnostic::new(
                    "E0208",
                    t!(
                        "项目有多个功能科目，采购行须写明科目编码",
                        "the project spans several codes: name the code of this procurement"
                    ),
                )
                .at(proc.span, t!("不知道算在哪个科目", "which code?"))
                .with_help(t!(
                    "写成 “采购 <种类> <功能分类项> <金额>”，科目为其中之一：{list}",
                    "write “采购 <kind> <functional code> <amount>” with one of: {list}"
                )),
            ),
            Some(c) if !codes.contains(&c.code.as_str()) => {
                let code = &c.code;
                out.push(
                    Diagnostic::new(
                        "E0208",
                        t!(
                            "采购科目 {code} 不在这个项目的支出科目中",
                            "procurement code {code} is not one of the project's codes"
                        ),
                    )
                    .at(
                        c.span,
                        t!(
                            "项目在这个科目上没有支出",
                            "no spending of the project here"
                        ),
                    )
                    .with_help(t!("可用的科目：{list}", "the project's codes: {list}")),
                )
            }
            _ => {}
        }
        let code = match (&proc.func, codes.as_slice()) {
            (Some(c), _) => c.code.as_str(),
            (None, [only]) => only,
            // Reported above (E0208): no code to compare with.
            (None, _) => continue,
        };
        *by_code.entry((code, proc.source)).or_default() += proc.amount.value;
    }
    for ((code, source), bought) in by_code {
        if !codes.contains(&code) {
            // Reported above (E0208): the project spends nothing on this code.
            continue;
        }
        let on = |c: &str, s: Source| c == code && s == source;
        let spent: Decimal = p
            .allocations
            .iter()
            .filter(|a| on(&a.code.code, a.source))
            .map(|a| a.amount.value)
            .sum();
        if bought <= spent {
            continue;
        }
        let procs: Vec<&crate::model::Procurement> = p
            .procurement
            .iter()
            .filter(|x| {
                let c = x.func.as_ref().map(|c| c.code.as_str());
                c.or(codes.first().copied()) == Some(code) && x.source == source
            })
            .collect();
        let (x, y, src) = (fmt(bought), fmt(spent), source.keyword());
        let spent_at = p
            .allocations
            .iter()
            .find(|a| on(&a.code.code, a.source))
            .map(|a| a.amount.span);
        let mut d = Diagnostic::new(
            "E0209",
            t!(
                "科目 {code} 上用{src}的政府采购 {x} 超过了项目在这一科目用{src}安排的支出 {y}",
                "procurement {x} from {src} on {code} exceeds the project's spending from {src} there, {y}"
            ),
        );
        d = match (spent_at, procs.first()) {
            (Some(at), _) => d.at(at, t!("支出 {y}", "spending {y}")),
            (None, Some(first)) => d.at(first.amount.span, t!("采购 {x}", "procurement {x}")),
            (None, None) => d,
        };
        for proc in procs.iter().skip(usize::from(spent_at.is_none())) {
            d = d.also(proc.amount.span, Default::default());
        }
        out.push(d.with_help(t!(
            "核对采购金额和来源：采购是同一科目、同一来源支出的一部分（不写来源的采购随该科目支出的来源）。",
            "check the procurement's amount and source: it is part of the spending on the same code from the same source (procurement without a source takes the source of the spending on its code)."
        )));
    }
}

/// The sum of indicator figures, which have no digit limit (unlike amounts): a sum past
/// `Decimal`'s range is its maximum, far above any amount, instead of a panic.
fn saturating_sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, |acc, v| acc.saturating_add(v))
}

/// Money-valued indicators against the project amount and its allocations.
fn indicator_money(b: &Budget, p: &Project, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let roles = &catalog.rules().indicator_roles;
    let unit = b.unit();
    let amount = p.amount();
    if p.allocations.is_empty() || p.indicators.is_empty() {
        return;
    }
    // The money each indicator states (a sum, not a unit cost), with the rounding its written
    // precision allows (`≤110万元` may stand for 109.5 to 110.5).
    let stated: Vec<Option<(Decimal, Decimal)>> = p
        .indicators
        .iter()
        .map(|i| indicator_amount(i, unit))
        .collect();
    let of_role = |role: &crate::model::rules::Role| -> Vec<(usize, Decimal, Decimal)> {
        p.indicators
            .iter()
            .zip(&stated)
            .enumerate()
            .filter(|(_, (i, _))| role.covers(&i.level1.value, &i.level2.value))
            .filter_map(|(n, (_, m))| m.map(|(m, tol)| (n, m, tol)))
            .collect()
    };
    let name = &p.name.value;
    let a = fmt(amount);
    let money = of_role(&roles.money);
    let sum = saturating_sum(money.iter().map(|(_, m, _)| *m));
    let tolerance = saturating_sum(money.iter().map(|(_, _, t)| *t));
    if sum > amount.saturating_add(tolerance) {
        let message = if sum == Decimal::MAX {
            t!(
                "以金额表示的指标合计超出了可计算的范围，远超项目金额 {a}",
                "money-valued indicators add up past the range budc computes in, far above the project amount {a}"
            )
        } else {
            let s = fmt(round2(sum));
            t!(
                "以金额表示的指标合计 {s} 超过了项目金额 {a}",
                "money-valued indicators add up to {s}, above the project amount {a}"
            )
        };
        let mut d = Diagnostic::new("W0210", message)
            .at(p.name.span, t!("项目“{name}”", "project “{name}”"));
        for (n, _, _) in &money {
            if let Some(i) = p.indicators.get(*n) {
                d = d.also(i.value.text.span, Default::default());
            }
        }
        out.push(d.with_help(t!(
            "核对指标的单位（元与万元）和数值；指标若包含其他资金，请在三级指标中说明。",
            "check the indicators' units (元 vs 万元) and values; if they count other funds, say so in the indicator."
        )));
    }
    // Money in any other indicator is money of the project too: one alone above the amount.
    for (i, m) in p.indicators.iter().zip(&stated) {
        let Some((m, tol)) = m else { continue };
        let (l1, l2) = (&i.level1.value, &i.level2.value);
        let counted = roles.money.covers(l1, l2) || roles.outcome.covers(l1, l2);
        if counted || *m <= amount.saturating_add(*tol) {
            continue;
        }
        let (x, v) = (fmt(round2(*m)), &i.value.text.value);
        out.push(
            Diagnostic::new(
                "W0215",
                t!(
                    "指标“{v}”（{x}）超过了项目金额 {a}",
                    "the indicator “{v}” ({x}) is above the project amount {a}"
                ),
            )
            .at(i.value.text.span, t!("超过项目金额", "above the project amount"))
            .also(p.name.span, t!("项目“{name}”", "project “{name}”"))
            .with_help(t!(
                "核对指标的单位（元与万元）和数值；金额若不是本项目的钱（如带动的社会投资），在三级指标中写明。",
                "check the indicator's unit (元 vs 万元) and value; if the money is not the project's (investment it attracts), say so in the indicator."
            )),
        );
    }
    // Cost indicators account for the project's money: their sums, unit costs aside, against
    // the amount in both directions (above is W0210 when they are money indicators too).
    let cost = of_role(&roles.cost);
    let cost_sum = saturating_sum(cost.iter().map(|(_, m, _)| *m));
    let cost_tolerance = saturating_sum(cost.iter().map(|(_, _, t)| *t));
    if !cost.is_empty() && cost_sum.saturating_add(cost_tolerance) < amount {
        let c = fmt(round2(cost_sum));
        let mut d = Diagnostic::new(
            "W0211",
            t!(
                "成本指标合计 {c} 少于项目金额 {a}",
                "cost indicators add up to {c}, less than the project amount {a}"
            ),
        )
        .at(p.name.span, t!("项目“{name}”", "project “{name}”"));
        for (n, _, _) in &cost {
            if let Some(i) = p.indicators.get(*n) {
                d = d.also(i.value.text.span, Default::default());
            }
        }
        out.push(d.with_help(t!(
            "成本指标应说明项目的钱用在哪里：补全或改正成本指标（按人、按次的标准不计入合计）。",
            "cost indicators should account for the project's money: complete or correct them (per-head or per-item standards are not summed)."
        )));
    }
    if !cost.is_empty()
        && !money
            .iter()
            .any(|(n, _, _)| cost.iter().any(|(c, _, _)| c == n))
        && cost_sum > amount.saturating_add(cost_tolerance)
    {
        let c = fmt(round2(cost_sum));
        out.push(
            Diagnostic::new(
                "W0210",
                t!(
                    "成本指标合计 {c} 超过了项目金额 {a}",
                    "cost indicators add up to {c}, above the project amount {a}"
                ),
            )
            .at(p.name.span, t!("项目“{name}”", "project “{name}”"))
            .with_help(t!(
                "核对成本指标的单位（元与万元）和数值。",
                "check the cost indicators' units (元 vs 万元) and values."
            )),
        );
    }
    unit_cost_times_quantity(b, p, roles, out);
    named_allocation(b, p, catalog, out);
}

/// The money an indicator states, in the budget's unit, with half a unit of its last written
/// digit (the rounding it may hide): `35万元`, `≤110万元/年`, `1000000元`, and `635万` when the
/// indicator's name speaks of money (金额, 资金, 补贴 …). Unit costs (`元/人`) are not sums.
fn indicator_amount(
    i: &crate::model::Indicator,
    unit: crate::model::MoneyUnit,
) -> Option<(Decimal, Decimal)> {
    let q = quantity(&i.value.kind)?;
    let money = match money_total(q, unit) {
        Some(m) => m,
        None if q.unit.as_deref() == Some("万") && names_money(&i.name.value) => {
            let as_wan = crate::value::Quantity {
                unit: Some("万元".to_string()),
                ..q.clone()
            };
            money_total(&as_wan, unit)?
        }
        None => return None,
    };
    let half_ulp = Decimal::new(5, q.number.scale() + 1);
    let per_unit = money.checked_div(q.number).unwrap_or(Decimal::ONE);
    Some((money, half_ulp.saturating_mul(per_unit)))
}

/// Whether an indicator's name says its value is money.
fn names_money(name: &str) -> bool {
    [
        "金额", "资金", "经费", "补贴", "补助", "费用", "奖励", "奖补", "投资", "款",
    ]
    .iter()
    .any(|w| name.contains(w))
}

/// `0.1万元/人` × `600人` above the project amount.
fn unit_cost_times_quantity(
    b: &Budget,
    p: &Project,
    roles: &IndicatorRoles,
    out: &mut Vec<Diagnostic>,
) {
    let unit = b.unit();
    let amount = p.amount();
    let cost = p
        .indicators
        .iter()
        .filter(|i| roles.cost.covers(&i.level1.value, &i.level2.value));
    for std_ind in cost {
        let Some((per_unit, per)) = quantity(&std_ind.value.kind).and_then(|q| money_per(q, unit))
        else {
            continue;
        };
        // The quantity this standard applies to: counted in the same unit, and the name that
        // shares the longest run of characters with the standard's (at least three).
        let best = p
            .indicators
            .iter()
            .filter(|i| roles.count.covers(&i.level1.value, &i.level2.value))
            .filter_map(|i| {
                let q = quantity(&i.value.kind)?;
                (q.unit.as_deref() == Some(per.as_str()) && !q.approximate)
                    .then(|| (common_run(&std_ind.name.value, &i.name.value), i, q))
            })
            .max_by_key(|(run, _, _)| *run);
        let Some((run, count, q)) = best else {
            continue;
        };
        // Numbers of indicator values can be as large as any decimal: no overflow.
        let Some(product) = per_unit.checked_mul(q.number) else {
            continue;
        };
        if run < 3 || round2(product) <= amount {
            continue;
        }
        let (x, n, pr, a) = (fmt(per_unit), q.number, fmt(round2(product)), fmt(amount));
        let u = unit.as_str();
        out.push(
            Diagnostic::new(
                "W0212",
                t!(
                    "标准 {x}{u}/{per} × 数量 {n}{per} = {pr}{u}，超过了项目金额 {a}{u}",
                    "unit cost {x}{u}/{per} × {n}{per} = {pr}{u}, above the project amount {a}{u}"
                ),
            )
            .at(count.value.text.span, t!("数量", "quantity"))
            .also(std_ind.value.text.span, t!("标准", "unit cost"))
            .with_help(t!(
                "核对标准、数量和项目金额，三者须一致。",
                "check the unit cost, the quantity and the project amount: they must agree."
            )),
        );
    }
}

/// The length of the longest run of characters two strings share.
fn common_run(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for ca in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            if ca == cb {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// An indicator named after what one of the project's codes pays for, with another amount.
fn named_allocation(b: &Budget, p: &Project, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    if p.allocations.len() < 2 {
        return;
    }
    for ind in &p.indicators {
        let Some(m) = quantity(&ind.value.kind).and_then(|q| money_total(q, b.unit())) else {
            continue;
        };
        // The allocation whose catalog name shares the longest run of characters with the
        // indicator's name, if that run is long enough and no other allocation ties it.
        let mut scored: Vec<(usize, &crate::model::Allocation, &str)> = p
            .allocations
            .iter()
            .filter_map(|a| {
                let name = catalog.name(Classification::Functional, &a.code.code)?;
                Some((common_run(&ind.name.value, name), a, name))
            })
            .collect();
        scored.sort_by_key(|x| std::cmp::Reverse(x.0));
        let (best, a, name) = match scored.as_slice() {
            [first, second, ..] if first.0 == second.0 => continue,
            [first, ..] => *first,
            [] => continue,
        };
        if best < 6 || round2(m) == a.amount.value {
            continue;
        }
        let (ind_name, code, x, y) = (&ind.name.value, &a.code.code, fmt(m), fmt(a.amount.value));
        let u = b.unit().as_str();
        out.push(
            Diagnostic::new(
                "W0213",
                t!("指标“{ind_name}”为 {x}{u}，而科目 {code} {name} 的支出为 {y}{u}", "indicator “{ind_name}” is {x}{u}, while {code} {name} gets {y}{u}"),
            )
            .at(ind.value.text.span, t!("{x}{u}", "{x}{u}"))
            .also(a.amount.span, t!("{y}{u}", "{y}{u}"))
            .with_help(t!("指标金额应与对应科目的支出一致：核对单位（元与万元）和金额。", "the indicator should match the allocation it names: check the unit (元 vs 万元) and the amount.")),
        );
    }
}

fn zero_lines(b: &Budget, out: &mut Vec<Diagnostic>) {
    let zero = |span| {
        Diagnostic::new("W0214", t!("金额为零", "zero amount"))
            .at(span, t!("0", "0"))
            .with_help(t!(
                "删去这一行，或填上金额。",
                "delete the line, or fill in the amount."
            ))
    };
    for l in &b.basic {
        if l.amount.value.is_zero() {
            out.push(zero(l.amount.span));
        }
    }
    let allocations = b.projects.iter().flat_map(|p| &p.allocations);
    for a in allocations.chain(&b.project_totals) {
        if a.amount.value.is_zero() {
            out.push(zero(a.amount.span));
        }
    }
}

/// Income is derived from the spending, source by source (收支平衡); a stated `收入` line is an
/// assertion on it. A stated source that pays for nothing is named as such.
fn income_matches_spending(b: &Budget, doc: &Document, out: &mut Vec<Diagnostic>) {
    for source in Source::ALL {
        let mut lines = b.income.iter().filter(|i| i.source == source);
        let Some(first) = lines.next() else {
            continue;
        };
        let stated: Decimal = first.amount.value + lines.map(|i| i.amount.value).sum::<Decimal>();
        let spent = doc.figures.spending_of(source).total();
        if stated == spent {
            continue;
        }
        let (src, kw, s, p, d) = (
            source.income_name(),
            source.keyword(),
            fmt(stated),
            fmt(spent),
            fmt(stated - spent),
        );
        let diag = if spent.is_zero() {
            Diagnostic::new(
                "E0203",
                t!(
                    "写了{src} {s}，但没有一笔支出使用这一来源",
                    "{src} of {s} is stated, but no spending is paid from it"
                ),
            )
            .at(first.amount.span, t!("没有对应的支出", "no spending from it"))
            .with_help(t!(
                "在用这笔钱的支出行上写明来源，例如 “支出 <功能分类项> {kw} <金额>”（项目）或 “<功能分类项> <经济分类款> {kw} <金额>”（基本支出）；或删去这一行。",
                "name the source on the lines it pays for, e.g. “支出 <functional code> {kw} <amount>” (projects) or “<functional code> <economic code> {kw} <amount>” (basic spending); or delete this line."
            ))
        } else {
            Diagnostic::new(
                "E0203",
                t!("{src} {s} 与用这一来源安排的支出 {p} 不等（差 {d}）", "{src} {s} differs from the spending it funds, {p} (difference {d})"),
            )
            .at(first.amount.span, t!("写明的收入", "stated income"))
            .with_help(t!(
                "收入由支出推算：每个来源的收入等于用它安排的支出。核对这一行和写明“{kw}”的各支出行（不写来源的行是一般公共预算，项目中是“资金”所写的来源）；也可删去这一行。",
                "income is derived from spending: each source's income is the spending it pays for. Check this line and the lines that name “{kw}” (a line without a source is 一般公共预算, or in a project the source of its “资金”); or delete this line."
            ))
        };
        out.push(diag);
    }
}
