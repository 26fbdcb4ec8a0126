//! `budc import`: a `.bud` file from a workbook (`crate::import`). The text is checked as
//! `budc check` would check it, and each diagnostic on a word that came from a cell is shown at
//! that cell (`book.xlsx:基本支出明细!B12`); the file is written in canonical form, never over an
//! existing file without `--force`, never over the workbook.

use super::ui::{count, Ui, ERRORS, OK};
use crate::diag::{t, Diagnostic, Lang};
use crate::import::{self as imp, sheet, Options, Problem};
use crate::model::MoneyUnit;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// The words of the command line, checked here.
pub struct Request {
    pub base: Option<PathBuf>,
    pub unit: Option<String>,
    pub department: Option<String>,
    pub year: Option<u16>,
    pub force: bool,
}

pub fn run(ui: &mut Ui, workbook: &Path, output: &Path, r: Request) -> i32 {
    let unit = match r.unit.as_deref().map(|u| (u, MoneyUnit::parse(u.trim()))) {
        None => None,
        Some((_, Some(u))) => Some(u),
        Some((u, None)) => {
            return ui.fail(t!(
                "--unit {u} 不是金额单位：写 元 或 万元",
                "--unit {u} is not an amount unit: write 元 or 万元"
            ))
        }
    };
    if super::compile::same_file(workbook, output) {
        return ui.fail(t!(
            "输出文件就是工作簿本身：请换一个 -o",
            "the output is the workbook itself: choose another -o"
        ));
    }
    let overwriting = std::fs::symlink_metadata(output).is_ok();
    let base_is_output = r
        .base
        .as_deref()
        .is_some_and(|b| super::compile::same_file(b, output));
    if overwriting && !r.force {
        let o = output.display();
        return ui.fail(if base_is_output {
            t!(
                "{o} 已存在：用 --force 以导入的基本支出和项目改写它",
                "{o} exists: give --force to rewrite it with the imported 基本支出 and projects"
            )
        } else {
            t!(
                "{o} 已存在：budc import 不会覆盖已有文件，除非给出 --force",
                "{o} exists: budc import never writes over a file unless given --force"
            )
        });
    }
    let bytes = match crate::files::read_input(workbook, ui.limits) {
        Ok(b) => b,
        Err(e) => return ui.file_error(&e),
    };
    let base = match &r.base {
        None => None,
        Some(b) => match crate::files::read_input(b, ui.limits) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => Some(s),
                Err(_) => {
                    let b = b.display();
                    return ui.fail(t!(
                        "{b} 不是 UTF-8 编码的 .bud 文件",
                        "{b} is not a UTF-8 .bud file"
                    ));
                }
            },
            Err(e) => return ui.file_error(&e),
        },
    };
    let name = workbook.display().to_string();
    let options = Options {
        unit,
        department: r.department,
        year: r.year,
        base,
        name: workbook
            .file_name()
            .map_or(name.clone(), |n| n.to_string_lossy().to_string()),
    };
    let imported = match imp::import(&bytes, &options) {
        Ok(i) => i,
        Err(why) => return ui.fail(why),
    };
    let read: Vec<String> = imported
        .read
        .iter()
        .map(|(sheet_name, what)| match (what.get(ui.lang), ui.lang) {
            (w, _) if w == sheet_name => w.to_string(),
            (w, Lang::Zh) => format!("{sheet_name}（{w}）"),
            (w, Lang::En) => format!("{sheet_name} ({w})"),
        })
        .collect();
    let sep = if ui.lang == Lang::Zh { "、" } else { ", " };
    let (n, list) = (read.len(), read.join(sep));
    ui.say(&t!(
        "读取了 {n} 张工作表：{list}",
        "read {n} sheets: {list}"
    ));
    // Cells that could not be read: nothing is written.
    let mut errors = 0;
    for p in &imported.problems {
        show_at_cell(ui, &name, &imported.sheets, p);
        errors += 1;
    }
    if errors > 0 {
        let o = output.display();
        ui.say(&t!(
            "未写入 {o}：工作簿有 {errors} 个单元格无法读取",
            "{o} not written: {errors} cells of the workbook cannot be read"
        ));
        return ERRORS;
    }
    let generated = SourceFile::new(output.display().to_string(), imported.out.text.clone());
    let text = match crate::fmt::format(&generated) {
        Ok(t) => t,
        Err(diags) => {
            show(ui, &name, &imported, &generated, &diags);
            let o = output.display();
            ui.say(&t!(
                "未写入 {o}：导入的文本有语法错误",
                "{o} not written: the imported text has syntax errors"
            ));
            return ERRORS;
        }
    };
    if let Err(e) = crate::files::write_output(output, text.as_bytes()) {
        return ui.file_error(&e);
    }
    // Checked as `budc check` would: on the generated text, whose words know their cells.
    let c = crate::compile(generated, None);
    show(ui, &name, &imported, &c.file, &c.diagnostics);
    let (e, w) = count(&c.diagnostics);
    let n = imported.counts;
    let (basic, projects, indicators) = (n.basic, n.projects, n.indicators);
    let o = output.display();
    let lines = text.lines().count();
    ui.say(&t!(
        "已写入 {o}（{lines} 行）：基本支出 {basic} 行，项目 {projects} 个，绩效指标 {indicators} 条；{e} 个错误，{w} 个警告",
        "wrote {o} ({lines} lines): {basic} basic lines, {projects} projects, {indicators} indicators; {e} errors, {w} warnings"
    ));
    if e > 0 {
        ERRORS
    } else {
        OK
    }
}

/// The diagnostics of the generated text: at their cells where their words came from one, the
/// rest at the written file.
fn show(
    ui: &mut Ui,
    book: &str,
    imported: &imp::Imported,
    file: &SourceFile,
    diags: &[Diagnostic],
) {
    let mut rest = Vec::new();
    for d in diags {
        let at = d.primary_span().and_then(|s| imported.out.cell_at(s.start));
        match at {
            Some(at) => {
                let range = imported
                    .out
                    .parts
                    .iter()
                    .find(|(_, a)| *a == at)
                    .map(|(r, _)| r.clone());
                let cell = range
                    .and_then(|r| imported.out.text.get(r))
                    .unwrap_or_default()
                    .to_string();
                let mut d = d.clone();
                let len = cell.len();
                for l in &mut d.labels {
                    l.span = crate::span::Span { start: 0, end: len };
                }
                d.labels.truncate(1);
                show_at_cell(
                    ui,
                    book,
                    &imported.sheets,
                    &Problem {
                        at,
                        cell,
                        diagnostic: d,
                    },
                );
            }
            None => rest.push(d.clone()),
        }
    }
    if !rest.is_empty() {
        ui.diagnostics(&rest, file);
    }
}

/// A diagnostic drawn at a cell: the cell's text is the source shown, named `book:sheet!B12`.
fn show_at_cell(ui: &mut Ui, book: &str, sheets: &[String], p: &Problem) {
    let sheet_name = sheets.get(p.at.sheet).map_or("", String::as_str);
    let name = format!("{book}:{sheet_name}!{}", sheet::address(p.at));
    let file = SourceFile::new(name, p.cell.clone());
    ui.diagnostics(std::slice::from_ref(&p.diagnostic), &file);
}
