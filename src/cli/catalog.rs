//! `budc catalog`: the classification catalog without opening its files. `show` one code,
//! `search` codes by name, `diff` two years, `check` a catalog folder's shape.

use super::args::{CatalogAction, CatalogDiffFormat};
use super::ui::{Ui, ERRORS, OK};
use crate::diag::{t, Text};
use crate::model::catalog::{parent_code, Catalog, Classification, Confidence};
use crate::model::catalog_shape::{self, classification_of};
use crate::model::Side;
use std::fmt::Write as _;
use std::path::Path;

pub fn run(ui: &mut Ui, action: CatalogAction) -> i32 {
    match action {
        CatalogAction::Show {
            code,
            year,
            catalog,
        } => match choose(ui, year.as_deref(), catalog.as_deref()) {
            Ok(c) => show(ui, &c, &code),
            Err(e) => e,
        },
        CatalogAction::Search {
            word,
            year,
            catalog,
        } => match choose(ui, year.as_deref(), catalog.as_deref()) {
            Ok(c) => search(ui, &c, &word),
            Err(e) => e,
        },
        CatalogAction::Diff { old, new, format } => diff(ui, &old, &new, format),
        CatalogAction::Check { dir } => check(ui, &dir),
    }
}

/// The catalog of `--catalog DIR`, else of `--year`, else the newest built in.
fn choose(ui: &Ui, year: Option<&str>, dir: Option<&Path>) -> Result<Catalog, i32> {
    if let Some(d) = dir {
        return super::inputs::catalog_in(ui, d);
    }
    by_year(
        ui,
        year.unwrap_or(crate::model::catalog::newest_embedded_year()),
    )
}

fn by_year(ui: &Ui, year: &str) -> Result<Catalog, i32> {
    Catalog::embedded(year).ok_or_else(|| {
        let years = crate::model::catalog::embedded_years();
        let (zh, en) = (years.join("、"), years.join(", "));
        ui.fail(t!(
            "没有内置 {year} 年的科目表（内置：{zh}）",
            "no built-in catalog for {year} (built in: {en})"
        ))
    })
}

/// A year, or a folder holding a catalog.
fn year_or_dir(ui: &Ui, arg: &str) -> Result<Catalog, i32> {
    let path = Path::new(arg);
    if path.is_dir() {
        return choose(ui, None, Some(path));
    }
    by_year(ui, arg)
}

fn class_name(class: Classification) -> Text {
    match class {
        Classification::Functional => Text::fixed("支出功能分类", "functional classification"),
        Classification::EconomicDept => Text::fixed(
            "部门预算支出经济分类",
            "departmental economic classification",
        ),
        Classification::EconomicGov => {
            Text::fixed("政府预算支出经济分类", "government economic classification")
        }
    }
}

fn level_name(code: &str) -> Text {
    match code.len() {
        3 => Text::fixed("类", "类 (class)"),
        5 => Text::fixed("款", "款 (section)"),
        _ => Text::fixed("项", "项 (item)"),
    }
}

fn confidence_name(c: Confidence) -> Text {
    match c {
        Confidence::Confirmed => Text::fixed(
            "confirmed（编码和名称已在来源中核实）",
            "confirmed (code and name seen in a source)",
        ),
        Confidence::Recalled => Text::fixed(
            "recalled（凭对正式科目表的了解写出，未核对）",
            "recalled (written from knowledge of the official catalog, not checked)",
        ),
    }
}

fn show(ui: &mut Ui, c: &Catalog, code: &str) -> i32 {
    let lang = ui.lang;
    let year = &c.year;
    let found = classification_of(code).and_then(|k| c.entry(k, code).map(|e| (k, e)));
    let Some((class, e)) = found else {
        let near = classification_of(code)
            .map(|k| c.nearest(k, code))
            .unwrap_or_default();
        ui.say(&t!(
            "{year} 年科目表中没有 {code}",
            "{code} is not in the {year} catalog"
        ));
        if !near.is_empty() {
            let list = near
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>();
            let (zh, en) = (list.join("；"), list.join("; "));
            ui.say(&t!("相近的科目：{zh}", "nearby codes: {en}"));
        }
        return ERRORS;
    };
    let none = Text::fixed("无", "none");
    let mut out = format!("{code} {}\n", e.name);
    let field = |out: &mut String, label: Text, value: &str| {
        let sep = if lang == crate::diag::Lang::Zh {
            "："
        } else {
            ": "
        };
        let _ = writeln!(out, "{}{sep}{value}", label.get(lang));
    };
    field(&mut out, Text::fixed("科目表", "catalog"), year);
    field(
        &mut out,
        Text::fixed("分类", "classification"),
        class_name(class).get(lang),
    );
    field(
        &mut out,
        Text::fixed("级次", "level"),
        level_name(code).get(lang),
    );
    let parent = parent_code(class, code)
        .map(|p| format!("{p} {}", c.name(class, p).unwrap_or("?")))
        .unwrap_or_else(|| none.get(lang).to_string());
    field(&mut out, Text::fixed("上级", "parent"), &parent);
    let children: Vec<String> = c
        .codes_with_prefix(class, code)
        .into_iter()
        .filter(|(k, _)| parent_code(class, k) == Some(code))
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let label = Text::fixed("下级", "children");
    if children.is_empty() {
        field(&mut out, label, none.get(lang));
    } else {
        let n = children.len();
        field(&mut out, label, t!("{n} 个", "{n}").get(lang));
        for child in &children {
            let _ = writeln!(out, "  {child}");
        }
    }
    if class == Classification::Functional && c.fund_sections.contains_key(code) {
        field(
            &mut out,
            Text::fixed("预算", "budget"),
            Text::fixed("政府性基金预算", "政府性基金预算 (government funds)").get(lang),
        );
    }
    if class == Classification::EconomicDept {
        let label = Text::fixed("对应政府经济分类", "government economic code");
        field(&mut out, label, "");
        for side in Side::ALL {
            let line = match c.mapping.get(&(code.to_string(), side)) {
                Some(m) => {
                    let g = &m.gov_code;
                    let name = c.name(Classification::EconomicGov, g).unwrap_or("?");
                    match lang {
                        crate::diag::Lang::Zh => format!("{g} {name}（{}）", m.confidence),
                        crate::diag::Lang::En => format!("{g} {name} ({})", m.confidence),
                    }
                }
                None => none.get(lang).to_string(),
            };
            let _ = writeln!(out, "  {} {line}", side.name());
        }
    }
    field(
        &mut out,
        Text::fixed("可信度", "confidence"),
        confidence_name(e.confidence).get(lang),
    );
    field(&mut out, Text::fixed("来源", "source"), &e.source);
    match ui.out(out.as_bytes()) {
        Ok(()) => OK,
        Err(code) => code,
    }
}

/// Functional 项 whose name contains the word (as the language server completes them), then
/// the 款 of the two economic classifications.
fn search(ui: &mut Ui, c: &Catalog, word: &str) -> i32 {
    let mut out = String::new();
    for class in [
        Classification::Functional,
        Classification::EconomicDept,
        Classification::EconomicGov,
    ] {
        for (code, name) in c.codes_named(class, word) {
            let _ = writeln!(out, "{code} {name}");
        }
    }
    if out.is_empty() {
        let year = &c.year;
        ui.say(&t!(
            "{year} 年科目表中没有名称含“{word}”的科目",
            "no code of the {year} catalog has “{word}” in its name"
        ));
        return ERRORS;
    }
    match ui.out(out.as_bytes()) {
        Ok(()) => OK,
        Err(code) => code,
    }
}

/// The crosswalk rows that move a code (old and new code both given, and different).
fn recoded(old: &Catalog, new: &Catalog) -> Vec<(String, String, String, String)> {
    new.crosswalk_from(&old.year)
        .map(|cw| {
            cw.rows
                .iter()
                .filter(|r| r.old_code != "-" && r.new_code != "-" && r.old_code != r.new_code)
                .map(|r| {
                    (
                        r.old_code.clone(),
                        r.old_name.clone(),
                        r.new_code.clone(),
                        r.new_name.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn diff(ui: &mut Ui, old: &str, new: &str, format: CatalogDiffFormat) -> i32 {
    let (a, b) = match (year_or_dir(ui, old), year_or_dir(ui, new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let d = catalog_shape::diff(&a, &b);
    let moved = recoded(&a, &b);
    let text = match format {
        CatalogDiffFormat::Json => {
            let pair =
                |(code, name): &(String, String)| serde_json::json!({"code": code, "name": name});
            let value = serde_json::json!({
                "from": a.year,
                "to": b.year,
                "added": d.added.iter().map(pair).collect::<Vec<_>>(),
                "removed": d.removed.iter().map(pair).collect::<Vec<_>>(),
                "renamed": d.renamed.iter().map(|(code, o, n)| serde_json::json!({"code": code, "old_name": o, "new_name": n})).collect::<Vec<_>>(),
                "recoded": moved.iter().map(|(oc, on, nc, nn)| serde_json::json!({"old_code": oc, "old_name": on, "new_code": nc, "new_name": nn})).collect::<Vec<_>>(),
            });
            format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
        CatalogDiffFormat::Text => {
            let (from, to) = (&a.year, &b.year);
            let (n_add, n_rm, n_ren, n_mv) =
                (d.added.len(), d.removed.len(), d.renamed.len(), moved.len());
            let mut out = t!(
                "科目表 {from} → {to}：新增 {n_add}，删除 {n_rm}，更名 {n_ren}，改码 {n_mv}\n",
                "catalog {from} → {to}: {n_add} added, {n_rm} removed, {n_ren} renamed, {n_mv} recoded\n"
            )
            .get(ui.lang)
            .to_string();
            for (code, name) in &d.added {
                let _ = writeln!(out, "+ {code} {name}");
            }
            for (code, name) in &d.removed {
                let _ = writeln!(out, "- {code} {name}");
            }
            for (code, o, n) in &d.renamed {
                let _ = writeln!(out, "~ {code} {o} → {n}");
            }
            for (oc, on, nc, nn) in &moved {
                let _ = writeln!(out, "> {oc} {on} → {nc} {nn}");
            }
            out
        }
    };
    match ui.out(text.as_bytes()) {
        Ok(()) => OK,
        Err(code) => code,
    }
}

/// A catalog folder: read whole (the first error stops it), then held to the shape rules.
fn check(ui: &mut Ui, dir: &Path) -> i32 {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return ui.fail(t!("{shown} 不是目录", "{shown} is not a folder"));
    }
    let c = match Catalog::from_dir(dir) {
        Ok(c) => c,
        Err(e) => {
            ui.say(&e.text());
            ui.say(&t!(
                "{shown}：无法读取科目表",
                "{shown}: the catalog cannot be read"
            ));
            return ERRORS;
        }
    };
    let previous = c
        .crosswalks
        .first()
        .and_then(|cw| Catalog::embedded(&cw.from));
    let problems = catalog_shape::check(&c, previous.as_ref());
    for p in &problems {
        let file = dir.join(&p.file).display().to_string();
        let at = match p.line {
            0 => file,
            line => format!("{file}:{line}"),
        };
        let (code, message) = (&p.code, p.message.get(ui.lang));
        ui.say(&Text::same(format!("{at}: {code}: {message}")));
    }
    let n = problems.len();
    if n == 0 {
        ui.say(&t!(
            "{shown}：科目表没有问题",
            "{shown}: the catalog is clean"
        ));
        OK
    } else {
        ui.say(&t!("{shown}：{n} 个问题", "{shown}: {n} problems"));
        ERRORS
    }
}
