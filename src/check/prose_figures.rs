//! The 说明 as published (`说明 <标题>` blocks) against the figures: every amount written after a
//! label budc knows (`收入预算4748.35万元`, `公务接待费0.46万元`, `机关运行经费预算为507.25万元`)
//! or after a functional 项 in quotes (`“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位
//! 离退休（项）”261.47万元`) is compared with the derived figure at the precision written: the
//! figure converted to the written unit and rounded half away from zero (四舍五入) to the decimals
//! written (`27万元` none, `4748.35万元` two). A mismatch is E0225; an amount that is the figure
//! truncated instead of rounded is E0226. Labels budc does not know are not checked, and a label
//! counts only where it starts (after punctuation, a year, the department's name, 本部门 …): in
//! `项目支出预算` the words `支出预算` are not the total.

use crate::diag::{t, Diagnostic};
use crate::document::spending;
use crate::document::tables::convert;
use crate::document::{Document, Figures};
use crate::model::catalog::{normalize_name, Catalog, Classification};
use crate::model::{Budget, MoneyUnit, Source, ThreePublicKind};
use crate::span::{Span, Spanned};
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// An amount written in prose: `4748.35万元`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WrittenAmount {
    /// Byte range of the number in the text.
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    pub decimals: u32,
    pub unit: MoneyUnit,
    /// Byte offset after the unit.
    pub after: usize,
}

/// Every amount of a text: a number (ASCII digits, thousands commas, a point) followed by 万元
/// or 元, not part of a longer number.
pub(super) fn amounts(text: &str) -> Vec<WrittenAmount> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes.get(i).is_some_and(u8::is_ascii_digit)
            && (i == 0
                || !bytes
                    .get(i - 1)
                    .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'.' | b',')));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
        {
            j += 1;
        }
        // Trailing punctuation is the sentence's.
        while j > i && bytes.get(j - 1).is_some_and(|b| !b.is_ascii_digit()) {
            j -= 1;
        }
        let number = text.get(i..j).unwrap_or_default();
        let rest = text.get(j..).unwrap_or_default();
        let unit = if rest.starts_with("万元") {
            Some((MoneyUnit::TenThousandYuan, "万元".len()))
        } else if rest.starts_with('元') {
            Some((MoneyUnit::Yuan, '元'.len_utf8()))
        } else {
            None
        };
        if let (Some((unit, len)), Some(value)) = (unit, parse_number(number)) {
            out.push(WrittenAmount {
                start: i,
                end: j,
                decimals: number.split_once('.').map_or(0, |(_, f)| f.len() as u32),
                value,
                unit,
                after: j + len,
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// `4,748.35` → 4748.35; commas only between groups of three, one point at most.
fn parse_number(s: &str) -> Option<Decimal> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (i, Some(f)),
        Some(_) => return None,
        None => (s, None),
    };
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || groups.clone().any(|g| g.len() != 3) {
        return None;
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    Decimal::from_str(&text).ok()
}

/// A figure the 说明 states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fig {
    IncomeTotal,
    IncomeFiscal,
    Income(Source),
    Expenditure,
    ExpenditureFiscal,
    Spending(Source),
    Basic,
    Project,
    ThreePublic,
    Three(ThreePublicKind),
    Vehicles,
    OperatingCost,
    Procurement,
    Goods,
    Works,
    Services,
}

/// The labels, each with the figure it names (quotes dropped, brackets half-width, as
/// `normalize`d). A label may be followed by 预算, 预算数 or 预算总额 and by 为.
const LABELS: &[(&str, Fig)] = &[
    ("收入预算", Fig::IncomeTotal),
    ("收入总预算", Fig::IncomeTotal),
    ("财政拨款收入", Fig::IncomeFiscal),
    ("一般公共预算拨款收入", Fig::Income(Source::GeneralPublic)),
    (
        "政府性基金预算拨款收入",
        Fig::Income(Source::GovernmentFund),
    ),
    ("政府性基金拨款收入", Fig::Income(Source::GovernmentFund)),
    (
        "国有资本经营预算拨款收入",
        Fig::Income(Source::StateCapital),
    ),
    ("财政专户管理资金收入", Fig::Income(Source::SpecialAccount)),
    ("事业收入", Fig::Income(Source::Business)),
    ("事业单位经营收入", Fig::Income(Source::Operating)),
    ("上级补助收入", Fig::Income(Source::Superior)),
    ("附属单位上缴收入", Fig::Income(Source::Affiliated)),
    ("其他收入", Fig::Income(Source::Other)),
    ("支出预算", Fig::Expenditure),
    ("支出总预算", Fig::Expenditure),
    ("财政拨款支出", Fig::ExpenditureFiscal),
    ("一般公共预算拨款支出", Fig::Spending(Source::GeneralPublic)),
    ("政府性基金拨款支出", Fig::Spending(Source::GovernmentFund)),
    (
        "政府性基金预算拨款支出",
        Fig::Spending(Source::GovernmentFund),
    ),
    (
        "国有资本经营预算拨款支出",
        Fig::Spending(Source::StateCapital),
    ),
    ("基本支出", Fig::Basic),
    ("项目支出", Fig::Project),
    ("三公经费", Fig::ThreePublic),
    ("因公出国(境)费", Fig::Three(ThreePublicKind::Abroad)),
    ("公务用车购置及运行费", Fig::Vehicles),
    ("公务用车购置及运行维护费", Fig::Vehicles),
    (
        "公务用车购置费",
        Fig::Three(ThreePublicKind::VehiclePurchase),
    ),
    (
        "公务用车运行费",
        Fig::Three(ThreePublicKind::VehicleOperation),
    ),
    (
        "公务用车运行维护费",
        Fig::Three(ThreePublicKind::VehicleOperation),
    ),
    ("公务接待费", Fig::Three(ThreePublicKind::Reception)),
    ("机关运行经费", Fig::OperatingCost),
    ("政府采购", Fig::Procurement),
    ("政府采购货物", Fig::Goods),
    ("政府采购工程", Fig::Works),
    ("政府采购服务", Fig::Services),
];

/// What may follow a label before its amount.
const TAILS: [&str; 5] = ["预算总额", "预算数", "预算", "总额", ""];

/// Labels that need 预算 after them: `政府采购595.28万元` is not said, `支出4748.35万元` is
/// not the total.
fn needs_budget_word(f: Fig) -> bool {
    matches!(
        f,
        Fig::Procurement | Fig::Goods | Fig::Works | Fig::Services | Fig::ExpenditureFiscal
    ) || matches!(f, Fig::Spending(_))
}

/// Drops quotes and makes brackets half-width, so `“三公”经费` reads 三公经费.
fn normalize(s: &str) -> String {
    normalize_name(s)
        .chars()
        .filter(|c| !matches!(c, '"' | '‘' | '’' | '「' | '」'))
        .collect()
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether a label may start after `before` (normalized): at the start, after punctuation or a
/// digit, after the budget year (`2026年`; after another year it is that year's figure), 本部门,
/// 本单位, 其中, 财政拨款的 or the department's name (its last five characters, at least).
fn starts_here(before: &str, department: &str, year: u16) -> bool {
    let Some(last) = before.chars().last() else {
        return true;
    };
    if !is_cjk(last) {
        return true;
    }
    // A year: the budget's (`2026年“三公”经费`); another year's figure is not this budget's.
    if let Some(b) = before
        .strip_suffix("年度")
        .or_else(|| before.strip_suffix('年'))
        .filter(|b| b.ends_with(|c: char| c.is_ascii_digit()))
    {
        let digits: String = b.chars().rev().take_while(char::is_ascii_digit).collect();
        let written: String = digits.chars().rev().collect();
        return written == year.to_string();
    }
    if ["本部门", "本单位", "财政拨款的", "其中"]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return true;
    }
    let dept: Vec<char> = normalize(department).chars().collect();
    let shared = before
        .chars()
        .rev()
        .zip(dept.iter().rev())
        .take_while(|(a, b)| a == *b)
        .count();
    !dept.is_empty() && (shared == dept.len() || shared >= 5)
}

/// The figure the words before an amount name, if they end in a label that starts there; with
/// the label as matched (`机关运行经费预算`).
fn label_before(before: &str, department: &str, year: u16) -> Option<(Fig, String)> {
    let text = normalize(before);
    let text = text.strip_suffix('为').unwrap_or(&text);
    let mut best: Option<(Fig, String)> = None;
    for (label, fig) in LABELS {
        for tail in TAILS {
            if tail.is_empty() && needs_budget_word(*fig) {
                continue;
            }
            let full = format!("{label}{tail}");
            let Some(head) = text.strip_suffix(full.as_str()) else {
                continue;
            };
            if starts_here(head, department, year)
                && best.as_ref().is_none_or(|(_, b)| full.len() > b.len())
            {
                best = Some((*fig, full));
            }
        }
    }
    best
}

/// The derived value of a figure, in the budget's unit.
fn derived(fig: Fig, f: &Figures) -> Option<Decimal> {
    // Income is derived from spending (收支平衡): 财政拨款收入 is 财政拨款支出.
    let fiscal = || {
        f.spending
            .iter()
            .filter(|(s, _)| s.is_fiscal())
            .map(|(_, s)| s.total())
            .sum::<Decimal>()
    };
    Some(match fig {
        Fig::IncomeTotal => f.income_total,
        Fig::IncomeFiscal => fiscal(),
        Fig::Income(s) => f.income_of(s),
        Fig::Expenditure => f.expenditure_total,
        Fig::ExpenditureFiscal => fiscal(),
        Fig::Spending(s) => f.spending_of(s).total(),
        Fig::Basic => f.basic,
        Fig::Project => f.project,
        Fig::ThreePublic => f.three_public.current_total(),
        Fig::Three(k) => f.three_public.current(k),
        Fig::Vehicles => f.three_public.vehicle_total(),
        Fig::OperatingCost => f.operating_cost?,
        Fig::Procurement => f.procurement_total(),
        Fig::Goods => f.procurement_goods,
        Fig::Works => f.procurement_works,
        Fig::Services => f.procurement_services,
    })
}

pub fn run(b: &Budget, catalog: &Catalog, doc: &Document, out: &mut Vec<Diagnostic>) {
    if b.explanations.is_empty() {
        return;
    }
    let by_code = spending::by_code(b, catalog.rules());
    for p in b.explanations.iter().flat_map(|e| &e.paragraphs) {
        for a in amounts(&p.value) {
            let before = p.value.get(..a.start).unwrap_or_default();
            let found = match functional(before, catalog) {
                Some(Ok((code, name))) => {
                    let value: Decimal = by_code
                        .iter()
                        .filter(|((c, s), _)| *c == code && s.is_fiscal())
                        .map(|(_, s)| s.total())
                        .sum();
                    Some((value, format!("{code} {name}")))
                }
                Some(Err((name, start, end))) => {
                    let span = Span::new(p.span.start + start, p.span.start + end);
                    out.push(unknown_item(span, &name));
                    None
                }
                None => label_before(before, b.department(), b.year())
                    .and_then(|(fig, label)| Some((derived(fig, &doc.figures)?, label))),
            };
            if let Some((value, what)) = found {
                if let Some(d) = compare(p, &a, value, b.unit(), &what) {
                    out.push(d);
                }
            }
        }
    }
}

/// A functional 项 named in the 说明 that the catalog lacks: the name, and its byte range.
type Unresolved = (String, usize, usize);

/// `“<类名>（类）<款名>（款）<项名>（项）”` right before an amount (then 为 or 预算为 may stand
/// between): the 项's code under the catalog, or its written name when the catalog has no such 项.
fn functional(before: &str, catalog: &Catalog) -> Option<Result<(String, String), Unresolved>> {
    let t = before
        .strip_suffix('为')
        .unwrap_or(before)
        .trim_end_matches("预算");
    let close = t.len();
    let t = t.strip_suffix('”').or_else(|| t.strip_suffix('"'))?;
    let open = t.rfind(['“', '"'])?;
    let inner = normalize_name(t.get(open..)?.trim_start_matches(['“', '"']));
    let (class_name, rest) = inner.split_once("(类)")?;
    let (section_name, rest) = rest.split_once("(款)")?;
    let item_name = rest.strip_suffix("(项)")?;
    let table = catalog.table(Classification::Functional);
    let named = |code: &str, name: &str| {
        table
            .get(code)
            .is_some_and(|e| normalize_name(&e.name) == name)
    };
    let found = table.iter().find(|(code, e)| {
        code.len() == 7
            && normalize_name(&e.name) == item_name
            && code.get(..5).is_some_and(|k| named(k, section_name))
            && code.get(..3).is_some_and(|l| named(l, class_name))
    });
    Some(match found {
        Some((code, e)) => Ok((code.clone(), e.name.clone())),
        None => Err((
            format!("{class_name}（类）{section_name}（款）{item_name}（项）"),
            open,
            close,
        )),
    })
}

/// W0513: a functional 项 named in the 说明 that the catalog does not have.
fn unknown_item(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        "W0513",
        t!(
            "说明中的“{name}”不是科目表中的功能分类项",
            "“{name}” in the 说明 is not a functional 项 of the catalog"
        ),
    )
    .at(span, t!("查不到", "not found"))
    .with_help(t!(
        "核对类、款、项的名称（与科目表一字不差）；名称对上之后，budc 才能把其后的金额与该科目的财政拨款支出核对。",
        "check the names of the 类, 款 and 项 (as the catalog spells them); once they match, budc checks the amount after them against that code's 财政拨款 spending."
    ))
}

/// E0225 / E0226: the written amount against the derived value at the written precision.
fn compare(
    p: &Spanned<String>,
    a: &WrittenAmount,
    value: Decimal,
    budget_unit: MoneyUnit,
    what: &str,
) -> Option<Diagnostic> {
    let exact = convert(value, budget_unit, a.unit)?;
    let (rounded, truncated) = precision(exact, a.decimals);
    if rounded == a.value {
        return None;
    }
    let span = Span::new(p.span.start + a.start, p.span.start + a.end);
    let u = a.unit.as_str();
    let (s, e, r, n) = (
        a.value.to_string(),
        exact.normalize().to_string(),
        rounded.to_string(),
        a.decimals,
    );
    Some(if truncated == a.value {
        truncation(span, &s, &e, &r, u, n)
    } else {
        Diagnostic::new(
            "E0225",
            t!(
                "说明中的“{what}”写的是 {s}{u}，由事实算得 {e}{u}（按所写的 {n} 位小数四舍五入为 {r}）",
                "the 说明 states “{what}” as {s}{u}, the facts give {e}{u} ({r} rounded to the {n} decimals written)"
            ),
        )
        .at(span, t!("应为 {r}", "{r} derived"))
        .with_help(t!(
            "说明中的数应与表中的数一致：改正这个数，或核对它所依据的支出行和项目。",
            "the figures of the 说明 must be those of the tables: correct this one, or check the spending lines and projects behind it."
        ))
    })
}

/// E0226: an amount that is the derived value truncated, not rounded.
pub(super) fn truncation(span: Span, s: &str, exact: &str, r: &str, u: &str, n: u32) -> Diagnostic {
    Diagnostic::new(
        "E0226",
        t!(
            "{s}{u} 是把 {exact}{u} 截断得来的，四舍五入到 {n} 位小数应为 {r}{u}",
            "{s}{u} is {exact}{u} truncated: rounded to {n} decimals it is {r}{u}"
        ),
    )
    .at(span, t!("应为 {r}", "{r} when rounded"))
    .with_help(t!(
        "金额换算成万元后按四舍五入（五入远离零）保留小数，不能直接舍去后面的位数。",
        "amounts converted to 万元 are rounded half away from zero, not cut off."
    ))
}

/// A value rounded half away from zero to `decimals` places, and truncated (toward zero) to
/// them: a printed amount that is the second and not the first was cut off (E0226).
pub(super) fn precision(exact: Decimal, decimals: u32) -> (Decimal, Decimal) {
    (
        exact.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero),
        exact.round_dp_with_strategy(decimals, RoundingStrategy::ToZero),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPT: &str = "普陀区城市管理行政执法局";

    fn label(before: &str) -> Option<String> {
        label_before(before, DEPT, 2026).map(|(_, l)| l)
    }

    #[test]
    fn a_label_counts_where_it_starts() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            label("2026年，普陀区城市管理行政执法局收入预算"),
            some("收入预算")
        );
        assert_eq!(label("其中：财政拨款收入"), some("财政拨款收入"));
        assert_eq!(label("2026年“三公”经费预算数为"), some("三公经费预算数"));
        assert_eq!(label("（一）因公出国（境）费"), some("因公出国(境)费"));
        assert_eq!(
            label("一家行政执法机构财政拨款的机关运行经费预算为"),
            some("机关运行经费预算")
        );
        assert_eq!(label("2026年本部门政府采购预算"), some("政府采购预算"));
        assert_eq!(
            label("财政拨款支出预算中，一般公共预算拨款支出预算"),
            some("一般公共预算拨款支出预算")
        );
        // Look-alikes: another figure that ends in a label's words, another year's figure, a
        // label that needs 预算, words budc does not know.
        assert_eq!(label("拆违经费项目支出预算"), None);
        assert_eq!(label("一般公共预算基本支出"), None);
        assert_eq!(label("预留给小型和微型企业的政府采购项目预算为"), None);
        assert_eq!(label("面向中小企业预留政府采购项目预算金额"), None);
        assert_eq!(label("2025年机关运行经费预算为"), None);
        assert_eq!(label("上年机关运行经费"), None);
        assert_eq!(label("其中：政府采购"), None);
        assert_eq!(label("本年度拆违经费预算金额为"), None);
        assert_eq!(label("单价"), None);
    }

    #[test]
    fn amounts_with_their_unit_and_decimals() {
        let a = amounts("收入预算4,748.35万元，其中：事业收入0万元；单价100元（含），第1，2项");
        let got: Vec<(String, u32, &str)> = a
            .iter()
            .map(|a| (a.value.to_string(), a.decimals, a.unit.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("4748.35".to_string(), 2, "万元"),
                ("0".to_string(), 0, "万元"),
                ("100".to_string(), 0, "元"),
            ]
        );
        // Commas only between thousands.
        assert_eq!(amounts("12,34万元"), []);
    }
}
