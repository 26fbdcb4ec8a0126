//! `budc new`: the skeleton of a budget (`crate::skeleton`), written to a file that does not
//! exist yet.

use super::ui::{Ui, OK};
use crate::diag::t;
use crate::model::{MoneyUnit, UnitKind};
use crate::skeleton::Skeleton;
use std::path::Path;

/// The words of the command line, checked here.
pub struct Request {
    pub department: String,
    pub year: u16,
    pub kind: String,
    pub unit: String,
    pub units: Option<String>,
}

pub fn run(ui: &mut Ui, file: &Path, r: Request) -> i32 {
    let skeleton = match skeleton(r, file) {
        Ok(s) => s,
        Err(message) => return ui.fail(message),
    };
    // Never over an existing file (or a link, or anything else by that name).
    if std::fs::symlink_metadata(file).is_ok() {
        let f = file.display();
        return ui.fail(t!(
            "{f} 已存在：budc new 不会覆盖已有文件，请换一个文件名",
            "{f} exists: budc new never writes over a file; choose another name"
        ));
    }
    let text = skeleton.text();
    if let Err(e) = crate::files::write_output(file, text.as_bytes()) {
        return ui.file_error(&e);
    }
    let (f, n) = (file.display(), text.lines().count());
    ui.say(&t!(
        "已写入 {f}（{n} 行）。把 ×× 换成实际内容后运行 budc check {f}",
        "wrote {f} ({n} lines). Replace the ×× placeholders, then run budc check {f}"
    ));
    OK
}

fn skeleton(r: Request, file: &Path) -> Result<Skeleton, crate::diag::Text> {
    let department = r.department.trim().to_string();
    if department.is_empty() || department.contains(['\n', '\r']) {
        return Err(t!(
            "--department 须是部门名称（一行文字）",
            "--department takes the department's name (one line)"
        ));
    }
    if !(1900..=2999).contains(&r.year) {
        let y = r.year;
        return Err(t!(
            "--year {y} 不是预算年度",
            "--year {y} is not a budget year"
        ));
    }
    let Some(kind) = UnitKind::parse(r.kind.trim()) else {
        let k = &r.kind;
        return Err(t!(
            "--kind “{k}”：单位性质为 行政、参公 或 事业",
            "--kind “{k}”: the kinds are 行政, 参公 and 事业"
        ));
    };
    let Some(unit) = MoneyUnit::parse(r.unit.trim()) else {
        let u = &r.unit;
        return Err(t!(
            "--unit “{u}”：金额单位为 万元 或 元",
            "--unit “{u}”: the units are 万元 and 元"
        ));
    };
    let mut units = Vec::new();
    for pair in r.units.iter().flat_map(|u| u.split([',', '，'])) {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let Some((id, name)) = pair.split_once(['=', '＝']) else {
            return Err(t!(
                "--units 的每一项写成 简称=全称，“{pair}” 不是",
                "--units takes id=full name pairs; “{pair}” is not one"
            ));
        };
        let (id, name) = (id.trim(), name.trim());
        let bad = |w: &str| w.is_empty() || w.contains(char::is_whitespace);
        if bad(id) || bad(name) {
            return Err(t!(
                "--units “{pair}”：简称和全称都不能为空，也不能有空格",
                "--units “{pair}”: the id and the name are non-empty and without spaces"
            ));
        }
        units.push((id.to_string(), name.to_string()));
    }
    let year = r.year.to_string();
    let catalog_year = if crate::model::catalog::embedded_years().contains(&year.as_str()) {
        year
    } else {
        crate::model::catalog::newest_embedded_year().to_string()
    };
    Ok(Skeleton {
        file: file.display().to_string(),
        department,
        year: r.year,
        catalog_year,
        kind,
        unit,
        units,
    })
}

/// `budc new FILE --from LAST_YEAR.bud --year Y`: last year's budget carried to `year`. Its
/// structure, projects and goals stay; its codes follow the catalog's crosswalk (`migrate`); its
/// own 上年 and its assertions (last year's control totals) go; its figures become the 上年 block.
pub fn from_last_year(ui: &mut Ui, file: &Path, last: &Path, year: u16) -> i32 {
    if std::fs::symlink_metadata(file).is_ok() {
        let f = file.display();
        return ui.fail(t!(
            "{f} 已存在：budc new 不会覆盖已有文件，请换一个文件名",
            "{f} exists: budc new never writes over a file; choose another name"
        ));
    }
    let source = match super::inputs::read_decoded(ui, last) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let compiled = crate::compile(source.clone(), None);
    if compiled.has_errors() {
        ui.diagnostics(&compiled.diagnostics, &compiled.file);
        let l = last.display();
        return ui.fail(t!(
            "{l} 有错误：先改正上年的预算，再由它开始新的一年",
            "{l} has errors: fix last year's budget first, then start the new year from it"
        ));
    }
    let (from, to) = (compiled.budget.year(), year.to_string());
    // Codes and the year lines through the crosswalk when budc has the year's catalog; else
    // only the 年度 line changes.
    let carried = match crate::model::Catalog::embedded(&to) {
        Some(target) => {
            let previous = crate::model::Catalog::embedded(&compiled.catalog.year);
            match crate::migrate::plan(&source, &to, &target, previous.as_ref()) {
                Ok(m) => {
                    for c in &m.changes {
                        let (line, old, new) = (c.line, &c.old, &c.new);
                        ui.say(&t!(
                            "第 {line} 行：{old} → {new}",
                            "line {line}: {old} → {new}"
                        ));
                    }
                    ui.diagnostics(&m.diagnostics, &source);
                    m.apply(&source.text)
                }
                Err(why) => return ui.fail(why),
            }
        }
        None => source
            .text
            .lines()
            .map(|l| match l.strip_prefix("年度 ") {
                Some(_) => format!("年度 {to}"),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let mut text = without_last_years_own(&carried);
    text.push_str(&prior_block(&compiled, last, from));
    // In canonical form, as `budc fmt` leaves it.
    let formatted = crate::fmt::format(&crate::source::SourceFile::new(
        file.display().to_string(),
        text,
    ));
    let text = match formatted {
        Ok(t) => t,
        Err(_) => return ui.fail(t!("无法整理新文件的格式", "cannot lay out the new file")),
    };
    if let Err(e) = crate::files::write_output(file, text.as_bytes()) {
        return ui.file_error(&e);
    }
    let f = file.display();
    ui.say(&t!(
        "已写入 {f}：上年的结构、项目和绩效目标，上年数取自 {from} 年预算。改写金额后运行 budc check {f}",
        "wrote {f}: last year's structure, projects and goals, the 上年 figures from the {from} budget. Edit the amounts, then run budc check {f}"
    ));
    OK
}

/// The text without what was last year's own: its 上年 block (or `上年文件`), the reasons of its
/// changes (`原因` blocks) and its assertions (last year's control totals).
fn without_last_years_own(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.lines() {
        let indented = line.starts_with([' ', '\t', '\u{3000}']);
        let t = line.trim();
        let opens = t == "上年" || t.starts_with("原因 ");
        if !indented && !t.is_empty() && !t.starts_with('#') {
            in_block = opens;
        }
        let drop = (in_block && (indented || opens || t.starts_with('#')))
            || (!indented && (t.starts_with("上年文件 ") || t.starts_with("断言 ")));
        if !drop {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Last year's figures as a 上年 block.
fn prior_block(c: &crate::Compiled, last: &Path, from: u16) -> String {
    let f = &c.document.figures;
    let l = last.display();
    let mut s = format!("\n# 上年数：由 {l}（{from} 年预算）算出。\n上年\n");
    s.push_str(&format!("  收支 {:.2}\n", f.expenditure_total));
    for (source, d) in &f.income {
        s.push_str(&format!("  收入 {} {d:.2}\n", source.keyword()));
    }
    s.push_str(&format!("  基本支出 {:.2}\n", f.basic));
    s.push_str(&format!("  项目支出 {:.2}\n", f.project));
    if let Some(cost) = f.operating_cost {
        s.push_str(&format!("  机关运行经费 {cost:.2}\n"));
    }
    for k in crate::model::ThreePublicKind::ALL {
        s.push_str(&format!(
            "  三公 {} {:.2}\n",
            k.name(),
            f.three_public.current(k)
        ));
    }
    s
}
