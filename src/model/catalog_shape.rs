//! The shape of a catalog: the rules every catalog folder keeps beyond being readable. Codes
//! well-formed under an existing parent, names unique among siblings, every 类 with its 款,
//! complete branches confirmed, every 部门 款 mapped on both sides to known 政府 codes, and a
//! crosswalk that lists exactly the differences from the earlier year. The tests hold the
//! built-in years to them; `budc catalog check DIR` holds a user's or a region's folder.

use super::catalog::{parent_code, Catalog, Classification, Confidence, Entry};
use super::Side;
use crate::diag::t;
use crate::diag::Text;
use std::collections::{BTreeMap, BTreeSet};

/// One problem of a catalog: where (file of the folder, line; 0 for the whole file), which
/// code, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub code: String,
    pub message: Text,
}

/// 类 that have no 款 in the official classification (227 预备费).
pub const CLASSES_WITHOUT_SECTIONS: [&str; 1] = ["227"];

/// The three classifications, with the file that lists each.
pub const CLASSES: [(Classification, &str); 3] = [
    (Classification::Functional, "functional.tsv"),
    (Classification::EconomicDept, "economic_dept.tsv"),
    (Classification::EconomicGov, "economic_gov.tsv"),
];

/// The classification a code belongs to, by its first digit (2 functional, 3 部门经济分类, 5
/// 政府经济分类).
pub fn classification_of(code: &str) -> Option<Classification> {
    match code.as_bytes().first() {
        Some(b'2') => Some(Classification::Functional),
        Some(b'3') => Some(Classification::EconomicDept),
        Some(b'5') => Some(Classification::EconomicGov),
        _ => None,
    }
}

/// The problems of a catalog's shape, in file and line order. `previous` is the catalog of the
/// year its crosswalk starts from, when there is one (a built-in year): the crosswalk is then
/// compared with the difference of the two.
pub fn check(c: &Catalog, previous: Option<&Catalog>) -> Vec<Problem> {
    let mut out = Vec::new();
    for (class, file) in CLASSES {
        codes(c, class, file, &mut out);
        sibling_names(c.table(class), class, file, &mut out);
        sections(c.table(class), class, file, &mut out);
    }
    fund_sections(c, &mut out);
    complete_branches(c, &mut out);
    mapping(c, &mut out);
    for cw in &c.crosswalks {
        let prev = previous.filter(|p| p.year == cw.from);
        crosswalk(c, cw, prev, &mut out);
    }
    out.sort_by(|a, b| (&a.file, a.line, &a.code).cmp(&(&b.file, b.line, &b.code)));
    out
}

fn problem(out: &mut Vec<Problem>, file: &str, line: usize, code: &str, message: Text) {
    out.push(Problem {
        file: file.to_string(),
        line,
        code: code.to_string(),
        message,
    });
}

/// Codes of the right length and first digit, under a parent that exists.
fn codes(c: &Catalog, class: Classification, file: &str, out: &mut Vec<Problem>) {
    let table = c.table(class);
    for (code, e) in table {
        let lengths: &[usize] = match class {
            Classification::Functional => &[3, 5, 7],
            _ => &[3, 5],
        };
        if !lengths.contains(&code.len()) {
            let want = if lengths.len() == 3 {
                "3、5、7"
            } else {
                "3、5"
            };
            let want_en = if lengths.len() == 3 {
                "3, 5 or 7"
            } else {
                "3 or 5"
            };
            problem(
                out,
                file,
                e.line,
                code,
                t!(
                    "这一分类的编码是 {want} 位",
                    "codes of this classification have {want_en} digits"
                ),
            );
        }
        if classification_of(code) != Some(class) {
            problem(
                out,
                file,
                e.line,
                code,
                t!(
                    "首位数字不属于这一分类",
                    "its first digit is not of this classification"
                ),
            );
        }
        if let Some(parent) = parent_code(class, code) {
            if !table.contains_key(parent) {
                problem(
                    out,
                    file,
                    e.line,
                    code,
                    t!(
                        "上级科目 {parent} 不在表中",
                        "its parent {parent} is not listed"
                    ),
                );
            }
        }
    }
}

/// Names unique among the children of one parent (brackets and spaces normalised).
fn sibling_names(
    table: &BTreeMap<String, Entry>,
    class: Classification,
    file: &str,
    out: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<(Option<&str>, String), &str> = BTreeMap::new();
    for (code, e) in table {
        let key = (
            parent_code(class, code),
            super::catalog::normalize_name(&e.name),
        );
        if let Some(first) = seen.insert(key, code) {
            let name = &e.name;
            problem(
                out,
                file,
                e.line,
                code,
                t!(
                    "名称“{name}”在同一上级下已用于 {first}",
                    "the name “{name}” is already {first}'s under the same parent"
                ),
            );
        }
    }
}

/// Every 类 has at least one 款 (but 227 预备费).
fn sections(
    table: &BTreeMap<String, Entry>,
    class: Classification,
    file: &str,
    out: &mut Vec<Problem>,
) {
    for (code, e) in table.iter().filter(|(c, _)| c.len() == 3) {
        if class == Classification::Functional && CLASSES_WITHOUT_SECTIONS.contains(&code.as_str())
        {
            continue;
        }
        if !table
            .keys()
            .any(|k| k.len() == 5 && k.starts_with(code.as_str()))
        {
            problem(
                out,
                file,
                e.line,
                code,
                t!("这个类下没有款", "this 类 has no 款"),
            );
        }
    }
}

/// `government_fund.tsv`: functional 款 of the same name.
fn fund_sections(c: &Catalog, out: &mut Vec<Problem>) {
    let file = "government_fund.tsv";
    for (code, e) in &c.fund_sections {
        if code.len() != 5 {
            problem(
                out,
                file,
                e.line,
                code,
                t!(
                    "政府性基金科目应为款（5 位）",
                    "a fund code is a 款 (5 digits)"
                ),
            );
            continue;
        }
        match c.functional.get(code) {
            None => problem(
                out,
                file,
                e.line,
                code,
                t!(
                    "functional.tsv 中没有这个款",
                    "functional.tsv does not list this 款"
                ),
            ),
            Some(f) if f.name != e.name => {
                let name = &f.name;
                problem(
                    out,
                    file,
                    e.line,
                    code,
                    t!(
                        "名称与 functional.tsv 不同（那里是“{name}”）",
                        "its name differs from functional.tsv's (“{name}”)"
                    ),
                )
            }
            Some(_) => {}
        }
    }
}

/// A branch of `complete.tsv` has children, and it and all of them are confirmed.
fn complete_branches(c: &Catalog, out: &mut Vec<Problem>) {
    for (class, branch) in &c.complete {
        let table = c.table(*class);
        let file = CLASSES
            .iter()
            .find(|(k, _)| k == class)
            .map(|(_, f)| *f)
            .unwrap_or_default();
        let children: Vec<(&String, &Entry)> = table
            .iter()
            .filter(|(k, _)| parent_code(*class, k).unwrap_or("-") == branch)
            .collect();
        if children.is_empty() {
            problem(
                out,
                "complete.tsv",
                0,
                branch,
                t!(
                    "列为完整的科目没有下级",
                    "a branch listed complete has no children"
                ),
            );
        }
        if let Some(e) = table.get(branch) {
            if e.confidence != Confidence::Confirmed {
                problem(
                    out,
                    file,
                    e.line,
                    branch,
                    t!(
                        "列在 complete.tsv 中，本身却是推定的（recalled）",
                        "listed in complete.tsv but itself recalled"
                    ),
                );
            }
        }
        for (k, e) in children {
            if e.confidence != Confidence::Confirmed {
                problem(
                    out,
                    file,
                    e.line,
                    k,
                    t!(
                        "上级 {branch} 列为完整，这一行却是推定的（recalled）",
                        "its branch {branch} is listed complete but this row is recalled"
                    ),
                );
            }
        }
    }
}

/// Every mapping row names known codes, each side within its classes, and every 部门 code is
/// mapped on both sides.
fn mapping(c: &Catalog, out: &mut Vec<Problem>) {
    let file = "economic_mapping.tsv";
    for ((dept, side), m) in &c.mapping {
        if !c.economic_dept.contains_key(dept) {
            problem(
                out,
                file,
                m.line,
                dept,
                t!(
                    "economic_dept.tsv 中没有这个编码",
                    "economic_dept.tsv does not list this code"
                ),
            );
        }
        let gov = &m.gov_code;
        if !c.economic_gov.contains_key(gov) {
            problem(
                out,
                file,
                m.line,
                dept,
                t!(
                    "对应的 {gov} 不在 economic_gov.tsv 中",
                    "its {gov} is not in economic_gov.tsv"
                ),
            );
        }
        let class = gov.get(..3).unwrap_or_default();
        let wrong_side = match side {
            Side::Agency => ["505", "506"].contains(&class),
            Side::Institution => ["501", "502", "503", "504"].contains(&class),
        };
        if wrong_side {
            let (zh, en) = match side {
                Side::Agency => (
                    "机关一侧不能对应事业单位的 505、506",
                    "the 机关 side cannot map to the 事业 classes 505, 506",
                ),
                Side::Institution => (
                    "事业一侧不能对应机关的 501–504",
                    "the 事业 side cannot map to the 机关 classes 501–504",
                ),
            };
            problem(out, file, m.line, dept, t!("{zh}（{gov}）", "{en} ({gov})"));
        }
    }
    let mapped: BTreeSet<(&str, Side)> = c.mapping.keys().map(|(d, s)| (d.as_str(), *s)).collect();
    for (dept, e) in &c.economic_dept {
        for side in Side::ALL {
            if !mapped.contains(&(dept.as_str(), side)) {
                let s = side.name();
                problem(
                    out,
                    "economic_dept.tsv",
                    e.line,
                    dept,
                    t!(
                        "{s}一侧没有对应的政府经济分类（economic_mapping.tsv）",
                        "not mapped on the {s} side (economic_mapping.tsv)"
                    ),
                );
            }
        }
    }
}

/// A crosswalk's new codes are in this catalog under their names; with the earlier catalog at
/// hand, its old codes are in that one, and it lists every code added, removed or renamed.
fn crosswalk(
    c: &Catalog,
    cw: &super::catalog::Crosswalk,
    previous: Option<&Catalog>,
    out: &mut Vec<Problem>,
) {
    let file = cw.file.as_str();
    let from = &cw.from;
    let year = &c.year;
    let known = |cat: &Catalog, code: &str| {
        classification_of(code).and_then(|k| cat.entry(k, code).map(|e| e.name.clone()))
    };
    for r in &cw.rows {
        if r.new_code != "-" {
            match known(c, &r.new_code) {
                None => {
                    let code = &r.new_code;
                    problem(
                        out,
                        file,
                        r.line,
                        code,
                        t!(
                            "新编码不在本科目表中",
                            "the new code is not in this catalog"
                        ),
                    );
                }
                Some(name) if name != r.new_name => problem(
                    out,
                    file,
                    r.line,
                    &r.new_code,
                    t!(
                        "新名称与本科目表不同（表中是“{name}”）",
                        "the new name differs from this catalog's (“{name}”)"
                    ),
                ),
                Some(_) => {}
            }
        }
        let Some(prev) = previous else { continue };
        if r.old_code != "-" {
            match known(prev, &r.old_code) {
                None => problem(
                    out,
                    file,
                    r.line,
                    &r.old_code,
                    t!(
                        "旧编码不在 {from} 年科目表中",
                        "the old code is not in the {from} catalog"
                    ),
                ),
                Some(name) if name != r.old_name => problem(
                    out,
                    file,
                    r.line,
                    &r.old_code,
                    t!(
                        "旧名称与 {from} 年科目表不同（表中是“{name}”）",
                        "the old name differs from the {from} catalog's (“{name}”)"
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    let Some(prev) = previous else { return };
    let d = diff(prev, c);
    let listed_old: BTreeSet<&str> = cw.rows.iter().map(|r| r.old_code.as_str()).collect();
    let listed_new: BTreeSet<&str> = cw.rows.iter().map(|r| r.new_code.as_str()).collect();
    for (code, _) in &d.removed {
        if !listed_old.contains(code.as_str()) {
            problem(
                out,
                file,
                0,
                code,
                t!(
                    "{from} 年有、{year} 年没有，交叉表却未列出",
                    "in {from}, not in {year}, and not in the crosswalk"
                ),
            );
        }
    }
    for (code, _) in &d.added {
        if !listed_new.contains(code.as_str()) {
            problem(
                out,
                file,
                0,
                code,
                t!(
                    "{year} 年新增，交叉表却未列出",
                    "added in {year} and not in the crosswalk"
                ),
            );
        }
    }
    for (code, _, _) in &d.renamed {
        if !listed_old.contains(code.as_str()) {
            problem(
                out,
                file,
                0,
                code,
                t!(
                    "名称在 {year} 年改变，交叉表却未列出",
                    "renamed in {year} and not in the crosswalk"
                ),
            );
        }
    }
}

/// What changed between two catalogs' code lists (all three classifications).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CatalogDiff {
    /// (code, name) in the new catalog only.
    pub added: Vec<(String, String)>,
    /// (code, name) in the old catalog only.
    pub removed: Vec<(String, String)>,
    /// (code, old name, new name): in both, named differently (brackets and spaces aside).
    pub renamed: Vec<(String, String, String)>,
}

/// The codes added, removed and renamed from `old` to `new`, in code order.
pub fn diff(old: &Catalog, new: &Catalog) -> CatalogDiff {
    let mut d = CatalogDiff::default();
    for (class, _) in CLASSES {
        let (a, b) = (old.table(class), new.table(class));
        for (code, e) in a {
            match b.get(code) {
                None => d.removed.push((code.clone(), e.name.clone())),
                Some(n)
                    if super::catalog::normalize_name(&n.name)
                        != super::catalog::normalize_name(&e.name) =>
                {
                    d.renamed
                        .push((code.clone(), e.name.clone(), n.name.clone()))
                }
                Some(_) => {}
            }
        }
        for (code, e) in b {
            if !a.contains_key(code) {
                d.added.push((code.clone(), e.name.clone()));
            }
        }
    }
    d
}
