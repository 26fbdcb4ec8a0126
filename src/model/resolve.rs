//! Resolving: the words and codes of the statements against what they name. Codes against the
//! classification catalog (level, existence, the name as written), keywords of sources and kinds,
//! and the references between statements (a project's sub-unit and type).

use super::catalog::{normalize_name, Catalog, Classification, Confidence};
use super::*;
use crate::diag::t;
use crate::diag::{Diagnostic, Text};
use crate::syntax::ast::{Amount, CodeRef, Word};

/// E0104: a word that is not one of its choices.
pub(super) fn unknown_word(diags: &mut Vec<Diagnostic>, w: &Word, what: Text, choices: &[&str]) {
    let value = &w.value;
    let list = choices.join("、");
    let list_en = choices.join(", ");
    let (zh, en) = (&what.zh, &what.en);
    diags.push(
        Diagnostic::new("E0104", t!("未知的{zh}“{value}”", "unknown {en} “{value}”"))
            .at(w.span, t!("不是{zh}", "not a {en}"))
            .with_help(t!("可用的{zh}：{list}", "the {en}s: {list_en}")),
    );
}

/// A funding source by its keyword.
pub(super) fn source(diags: &mut Vec<Diagnostic>, w: &Word) -> Option<Source> {
    let s = Source::parse(&w.value);
    if s.is_none() {
        let all: Vec<&str> = Source::ALL.iter().map(|s| s.keyword()).collect();
        unknown_word(diags, w, t!("资金来源", "funding source"), &all);
    }
    s
}

/// A 三公 kind by its name.
pub(super) fn three_public_kind(diags: &mut Vec<Diagnostic>, w: &Word) -> Option<ThreePublicKind> {
    let k = ThreePublicKind::parse(&w.value);
    if k.is_none() {
        let all: Vec<&str> = ThreePublicKind::ALL.iter().map(|k| k.name()).collect();
        unknown_word(diags, w, t!("“三公”经费种类", "三公 kind"), &all);
    }
    k
}

/// Resolves a code: right length for its use, known to the catalog, name as written matches.
pub(super) fn code(
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
    c: CodeRef,
    class: Classification,
    want_len: usize,
) -> Code {
    let span = c.code.span;
    let (what_zh, what_en) = match class {
        Classification::Functional => ("支出功能分类", "functional"),
        Classification::EconomicDept => ("部门预算支出经济分类", "departmental economic"),
        Classification::EconomicGov => ("政府预算支出经济分类", "government economic"),
    };
    let level = match (class, want_len) {
        (Classification::Functional, 7) => "项",
        _ => "款",
    };
    let done = Code {
        code: c.code.value,
        span,
        written_name: c.name,
    };
    let code = done.code.as_str();
    // Without a catalog (E0105 says so) there is nothing to look codes up in.
    if catalog.functional.is_empty() && catalog.economic_dept.is_empty() {
        return done;
    }
    if code.len() != want_len {
        let children = catalog.children(class, code);
        let hint = suggestion_list(&children);
        diags.push(
            Diagnostic::new("E0303", t!("{what_zh}编码“{code}”不是{level}级科目", "{what_en} code “{code}” is not a {level}-level code"))
                .at(span, t!("应为 {want_len} 位的{level}级编码", "a {want_len}-digit {level} code belongs here"))
                .with_help(if hint.is_empty() {
                    t!(
                        "支出只能落在{level}级科目上（{want_len} 位）；请写出具体的{level}级编码。",
                        "spending sits on {level}-level codes ({want_len} digits); write the specific code."
                    )
                } else {
                    t!(
                        "支出只能落在{level}级科目上（{want_len} 位），例如：{hint}",
                        "spending sits on {level}-level codes ({want_len} digits), e.g. {hint}"
                    )
                }),
        );
        return done;
    }
    if let Some(entry) = catalog.entry(class, code) {
        let official = entry.name.as_str();
        let Some(written) = &done.written_name else {
            return done;
        };
        // Most names are written as the catalog writes them: no need to normalise those.
        if written.value == official || normalize_name(&written.value) == normalize_name(official) {
            return done;
        }
        let as_written = &written.value;
        let elsewhere = catalog.find_by_name(class, as_written, code);
        let other = suggestion_list(&elsewhere);
        let diag = if entry.confidence == Confidence::Recalled {
            // The catalog's name was written from knowledge, not read in a source: the budget
            // may well be right. A warning, with the name the catalog holds.
            let help = if other.is_empty() {
                t!(
                    "内置科目表中 {code} 的名称“{official}”是推定的（未见于可核对的来源）：请对照正式科目表核对；若“{as_written}”无误，可忽略此警告。",
                    "the built-in catalog's name of {code}, “{official}”, is recalled (not seen in a source): check it against the official catalog; if “{as_written}” is right, ignore this warning."
                )
            } else {
                t!(
                    "内置科目表中 {code} 的名称“{official}”是推定的（未见于可核对的来源）；若要的是“{as_written}”，编码应为 {other}。",
                    "the built-in catalog's name of {code}, “{official}”, is recalled (not seen in a source); if “{as_written}” is meant, the code is {other}."
                )
            };
            Diagnostic::new(
                "W0312",
                t!(
                    "科目名称与推定的科目表不符：{code} 推定为“{official}”",
                    "name differs from the recalled catalog: {code} is recalled as “{official}”"
                ),
            )
            .with_help(help)
        } else {
            let help = if other.is_empty() {
                t!(
                    "改为“{official}”，或删去名称（budc 会自动查出）。",
                    "write “{official}”, or leave the name out (budc looks it up)."
                )
            } else {
                t!(
                    "改为“{official}”；若要的是“{as_written}”，编码应为 {other}。",
                    "write “{official}”; if “{as_written}” is meant, the code is {other}."
                )
            };
            Diagnostic::new(
                "E0304",
                t!(
                    "科目名称与编码不符：{code} 是“{official}”",
                    "name does not match the code: {code} is “{official}”"
                ),
            )
            .with_help(help)
        };
        diags.push(diag.at(
            written.span,
            t!("写作“{as_written}”", "written “{as_written}”"),
        ));
        return done;
    }
    let mut near = done
        .written_name
        .as_ref()
        .map(|n| catalog.find_by_name(class, &n.value, code))
        .unwrap_or_default();
    near.extend(catalog.nearest(class, code));
    near.dedup();
    near.truncate(3);
    let hint = suggestion_list(&near);
    let year = &catalog.year;
    let (diag, help) = if catalog.branch_complete(class, code) {
        (
            Diagnostic::new(
                "E0301",
                t!("{what_zh}中没有编码“{code}”", "no {what_en} code “{code}”"),
            )
            .at(span, t!("未知编码", "unknown code")),
            t!(
                "{year} 年科目表的这一分支是完整的：请核对编码。",
                "this branch of the {year} catalog is complete: check the code."
            ),
        )
    } else {
        (
            Diagnostic::new("W0302", t!("内置科目表中查不到{what_zh}编码“{code}”", "{what_en} code “{code}” is not in the built-in catalog"))
                .at(span, t!("科目表中没有", "not in the catalog")),
            t!(
                "可能是编码写错，也可能是内置科目表不全；可用 --catalog 指定完整的科目表。",
                "either the code is wrong or the built-in catalog lacks it; --catalog takes a complete one."
            ),
        )
    };
    let help = if hint.is_empty() {
        help
    } else {
        let (hz, he) = (&help.zh, &help.en);
        t!("是不是要写 {hint}？{hz}", "did you mean {hint}? {he}")
    };
    diags.push(diag.with_help(help));
    done
}

/// E0204, E0205: an amount's precision and sign against the unit.
pub(super) fn amount(unit: MoneyUnit, a: &Amount, diags: &mut Vec<Diagnostic>) {
    let precision = unit.precision();
    let unit = unit.as_str();
    let scale = a.scale;
    if scale > precision {
        diags.push(
            Diagnostic::new(
                "E0204",
                t!("金额的小数位超过了金额单位（{unit}）允许的 {precision} 位", "the amount has more decimals than the unit ({unit}) allows ({precision})"),
            )
            .at(a.span, t!("{scale} 位小数", "{scale} decimals"))
            .with_help(t!(
                "以{unit}为单位的金额最多写到 {precision} 位小数；请核对金额，或四舍五入后再写。",
                "amounts in {unit} have at most {precision} decimals; check the amount, or round it."
            )),
        );
    }
    if a.value.is_sign_negative() && !a.value.is_zero() {
        diags.push(
            Diagnostic::new("E0205", t!("金额不能为负数", "negative amount"))
                .at(a.span, t!("负数", "negative"))
                .with_help(t!(
                    "预算金额写正数；减少额由 budc 根据上年数计算。",
                    "budget amounts are positive; decreases are computed from the 上年 figures."
                )),
        );
    }
}

/// The references between statements, once the whole file is read: project types and the
/// sub-units projects name.
pub(super) fn references(budget: &Budget, catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    let kinds: Vec<Spanned<String>> = budget
        .projects
        .iter()
        .filter_map(|p| p.kind.clone())
        .filter(|k| !catalog.rules().project_kinds.contains(&k.value))
        .collect();
    for k in kinds {
        let value = &k.value;
        let list = catalog.rules().project_kinds.join("、");
        diags.push(
            Diagnostic::new(
                "E0311",
                t!("未知的项目类型“{value}”", "unknown project type “{value}”"),
            )
            .at(k.span, t!("不是项目类型", "not a project type"))
            .with_help(t!("项目类型为 {list}。", "project types are {list}.")),
        );
    }
    let units: Vec<String> = budget
        .sub_units
        .iter()
        .map(|u| u.id.value.clone())
        .collect();
    let unknown: Vec<Spanned<String>> = budget
        .projects
        .iter()
        .filter_map(|p| p.unit.clone())
        .chain(budget.basic_units.iter().cloned())
        .filter(|u| !units.contains(&u.value))
        .collect();
    for u in unknown {
        let choices: Vec<&str> = units.iter().map(String::as_str).collect();
        unknown_word(diags, &u, t!("二级单位", "sub-unit"), &choices);
    }
}

/// `2080110 劳动关系和维权、2080199 其他人力资源和社会保障管理事务支出`.
fn suggestion_list(codes: &[(String, String)]) -> String {
    codes
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join("、")
}
