//! `budc diff OLD NEW`: what changed between two budgets, in budget terms — projects added,
//! removed, renamed or recoded; amounts per project and per allocation; indicators; basic
//! lines; and the table-level totals (each 类, 基本/项目, 三公, procurement) with % change.

use crate::document::{round2, Change, ColumnId, RowLevel, TableId};
use crate::model::{Budget, Project};
use crate::Compiled;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// A change of an amount.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Delta {
    pub old: String,
    pub new: String,
    pub change: String,
    /// Percentage change, two decimals; null when the old amount was zero.
    pub percent: Option<String>,
}

impl Delta {
    fn new(old: Decimal, new: Decimal) -> Delta {
        let c = Change::new(new, old);
        Delta {
            old: money(old),
            new: money(new),
            change: signed(c.change),
            percent: c.percent.map(|p| signed(round2(p))),
        }
    }
}

fn money(d: Decimal) -> String {
    format!("{d:.2}")
}

fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{d:.2}")
    } else {
        format!("{d:.2}")
    }
}

/// One change, as data: what kind, which thing, and the details.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    ProjectAdded {
        code: String,
        name: String,
        amount: String,
    },
    ProjectRemoved {
        code: String,
        name: String,
        amount: String,
    },
    ProjectRenamed {
        code: String,
        old_name: String,
        new_name: String,
    },
    ProjectRecoded {
        name: String,
        old_code: String,
        new_code: String,
    },
    ProjectAmount {
        code: String,
        name: String,
        delta: Delta,
    },
    AllocationChanged {
        project: String,
        exp_func_code: String,
        delta: Delta,
    },
    /// Money that left one code and arrived on another within a project.
    AllocationMoved {
        project: String,
        from: String,
        to: String,
        amount: String,
    },
    IndicatorAdded {
        project: String,
        indicator: String,
        value: String,
    },
    IndicatorRemoved {
        project: String,
        indicator: String,
        value: String,
    },
    IndicatorChanged {
        project: String,
        indicator: String,
        old: String,
        new: String,
    },
    GoalChanged {
        project: String,
    },
    BasicLine {
        exp_func_code: String,
        dep_bgt_eco_code: String,
        delta: Delta,
    },
    Total {
        what: String,
        delta: Delta,
    },
}

/// The whole difference.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Diff {
    pub schema: &'static str,
    pub old: String,
    pub new: String,
    pub changes: Vec<Item>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two compiled budgets.
pub fn diff(old: &Compiled, new: &Compiled) -> Diff {
    let mut changes = Vec::new();
    projects(&old.budget, &new.budget, &mut changes);
    basic(&old.budget, &new.budget, &mut changes);
    totals(old, new, &mut changes);
    Diff {
        schema: "budc.diff.v1",
        old: old.file.name.clone(),
        new: new.file.name.clone(),
        changes,
    }
}

fn project_label(p: &Project) -> String {
    p.name.value.clone()
}

/// A project's money by code and source: `2100409` for 一般公共预算, `2100409（事业收入）` for
/// another source, so money moved between sources on one code shows.
fn allocations(p: &Project) -> BTreeMap<String, Decimal> {
    let mut m = BTreeMap::new();
    for a in &p.allocations {
        let key = match a.source {
            crate::model::Source::GeneralPublic => a.code.code.clone(),
            s => format!("{}（{}）", a.code.code, s.keyword()),
        };
        *m.entry(key).or_default() += a.amount.value;
    }
    m
}

fn projects(old: &Budget, new: &Budget, out: &mut Vec<Item>) {
    let by_code = |b: &Budget| -> BTreeMap<String, usize> {
        b.projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.value.clone(), i))
            .collect()
    };
    let (oc, nc) = (by_code(old), by_code(new));
    let mut pairs: Vec<(&Project, &Project)> = Vec::new();
    let mut old_left: Vec<&Project> = Vec::new();
    for p in &old.projects {
        match nc.get(&p.code.value).and_then(|i| new.projects.get(*i)) {
            Some(q) => pairs.push((p, q)),
            None => old_left.push(p),
        }
    }
    let mut new_left: Vec<&Project> = new
        .projects
        .iter()
        .filter(|q| !oc.contains_key(&q.code.value))
        .collect();
    // A project whose code changed but whose name did not.
    old_left.retain(
        |p| match new_left.iter().position(|q| q.name.value == p.name.value) {
            Some(i) => {
                let q = new_left.remove(i);
                out.push(Item::ProjectRecoded {
                    name: p.name.value.clone(),
                    old_code: p.code.value.clone(),
                    new_code: q.code.value.clone(),
                });
                pairs.push((p, q));
                false
            }
            None => true,
        },
    );
    for p in old_left {
        out.push(Item::ProjectRemoved {
            code: p.code.value.clone(),
            name: p.name.value.clone(),
            amount: money(p.amount()),
        });
    }
    for q in new_left {
        out.push(Item::ProjectAdded {
            code: q.code.value.clone(),
            name: q.name.value.clone(),
            amount: money(q.amount()),
        });
    }
    for (p, q) in pairs {
        project(p, q, out);
    }
}

fn project(p: &Project, q: &Project, out: &mut Vec<Item>) {
    let label = project_label(q);
    if p.name.value != q.name.value && p.code.value == q.code.value {
        out.push(Item::ProjectRenamed {
            code: q.code.value.clone(),
            old_name: p.name.value.clone(),
            new_name: q.name.value.clone(),
        });
    }
    if p.amount() != q.amount() {
        out.push(Item::ProjectAmount {
            code: q.code.value.clone(),
            name: label.clone(),
            delta: Delta::new(p.amount(), q.amount()),
        });
    }
    let (a, b) = (allocations(p), allocations(q));
    // A project on one and the same code: its amount line says it all.
    let single = a.len() == 1 && b.len() == 1 && a.keys().eq(b.keys());
    let removed: Vec<(&String, &Decimal)> = a.iter().filter(|(c, _)| !b.contains_key(*c)).collect();
    let added: Vec<(&String, &Decimal)> = b.iter().filter(|(c, _)| !a.contains_key(*c)).collect();
    // One code replaced by another with the same money: a move.
    if let ([(from, x)], [(to, y)]) = (removed.as_slice(), added.as_slice()) {
        if x == y {
            out.push(Item::AllocationMoved {
                project: label.clone(),
                from: (*from).clone(),
                to: (*to).clone(),
                amount: money(**x),
            });
        } else {
            for (c, d) in [
                (from, Delta::new(**x, Decimal::ZERO)),
                (to, Delta::new(Decimal::ZERO, **y)),
            ] {
                out.push(Item::AllocationChanged {
                    project: label.clone(),
                    exp_func_code: (*c).clone(),
                    delta: d,
                });
            }
        }
    } else if !single {
        let codes: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for c in codes {
            let (x, y) = (
                a.get(c).copied().unwrap_or_default(),
                b.get(c).copied().unwrap_or_default(),
            );
            if x != y {
                out.push(Item::AllocationChanged {
                    project: label.clone(),
                    exp_func_code: c.clone(),
                    delta: Delta::new(x, y),
                });
            }
        }
    }
    if p.goal.as_ref().map(|g| &g.value) != q.goal.as_ref().map(|g| &g.value) {
        out.push(Item::GoalChanged {
            project: label.clone(),
        });
    }
    let key = |i: &crate::model::Indicator| {
        format!("{}/{}/{}", i.level1.value, i.level2.value, i.name.value)
    };
    let old_ind: BTreeMap<String, &str> = p
        .indicators
        .iter()
        .map(|i| (key(i), i.value.text.value.as_str()))
        .collect();
    let new_ind: BTreeMap<String, &str> = q
        .indicators
        .iter()
        .map(|i| (key(i), i.value.text.value.as_str()))
        .collect();
    for (k, v) in &old_ind {
        match new_ind.get(k) {
            None => out.push(Item::IndicatorRemoved {
                project: label.clone(),
                indicator: k.clone(),
                value: v.to_string(),
            }),
            Some(w) if w != v => out.push(Item::IndicatorChanged {
                project: label.clone(),
                indicator: k.clone(),
                old: v.to_string(),
                new: w.to_string(),
            }),
            _ => {}
        }
    }
    for (k, w) in &new_ind {
        if !old_ind.contains_key(k) {
            out.push(Item::IndicatorAdded {
                project: label.clone(),
                indicator: k.clone(),
                value: w.to_string(),
            });
        }
    }
}

fn basic(old: &Budget, new: &Budget, out: &mut Vec<Item>) {
    let lines = |b: &Budget| -> BTreeMap<(String, String), Decimal> {
        let mut m = BTreeMap::new();
        for l in &b.basic {
            let code = |c: &Option<crate::model::Code>| {
                c.as_ref().map(|c| c.code.clone()).unwrap_or_default()
            };
            *m.entry((code(&l.func), code(&l.econ))).or_default() += l.amount.value;
        }
        m
    };
    let (a, b) = (lines(old), lines(new));
    let keys: std::collections::BTreeSet<&(String, String)> = a.keys().chain(b.keys()).collect();
    for k in keys {
        let (x, y) = (
            a.get(k).copied().unwrap_or_default(),
            b.get(k).copied().unwrap_or_default(),
        );
        if x != y {
            out.push(Item::BasicLine {
                exp_func_code: k.0.clone(),
                dep_bgt_eco_code: k.1.clone(),
                delta: Delta::new(x, y),
            });
        }
    }
}

/// The 类 rows of 支出总体情况表: code → (name, total).
fn class_totals(c: &Compiled) -> BTreeMap<String, (String, Decimal)> {
    let t = c.document.table(TableId::Expenditure);
    t.rows
        .iter()
        .filter(|r| r.level == RowLevel::Class)
        .filter_map(|r| {
            let code = r.code.clone()?;
            Some((
                code,
                (
                    r.name.clone(),
                    t.amount(r, ColumnId::Total).unwrap_or_default(),
                ),
            ))
        })
        .collect()
}

fn totals(old: &Compiled, new: &Compiled, out: &mut Vec<Item>) {
    let (f, g) = (&old.document.figures, &new.document.figures);
    let mut push = |what: String, x: Decimal, y: Decimal| {
        if x != y {
            out.push(Item::Total {
                what,
                delta: Delta::new(x, y),
            });
        }
    };
    push("支出合计".into(), f.expenditure_total, g.expenditure_total);
    // Income by source (derived from the spending): money moved between sources shows here.
    // With one source it is 支出合计 again, and is left out.
    let sources: std::collections::BTreeSet<_> =
        f.income.iter().chain(&g.income).map(|(s, _)| *s).collect();
    if sources.len() > 1 {
        for source in sources {
            push(
                source.income_name(),
                f.income_of(source),
                g.income_of(source),
            );
        }
    }
    push("基本支出".into(), f.basic, g.basic);
    push("项目支出".into(), f.project, g.project);
    let (a, b) = (class_totals(old), class_totals(new));
    let codes: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for c in codes {
        let name = b
            .get(c)
            .or(a.get(c))
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        let x = a.get(c).map(|(_, d)| *d).unwrap_or_default();
        let y = b.get(c).map(|(_, d)| *d).unwrap_or_default();
        push(format!("{c} {name}"), x, y);
    }
    push(
        "“三公”经费".into(),
        f.three_public.current_total(),
        g.three_public.current_total(),
    );
    if f.operating_cost.is_some() || g.operating_cost.is_some() {
        push(
            "机关运行经费".into(),
            f.operating_cost.unwrap_or_default(),
            g.operating_cost.unwrap_or_default(),
        );
    }
    push(
        "政府采购".into(),
        f.procurement_total(),
        g.procurement_total(),
    );
}

mod render;
pub use render::{render, Format};
