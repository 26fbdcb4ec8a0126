//! `budc region`: the summary of a region's departments (every .bud file of the folders), the
//! checks across them, written as JSON, XLSX or DOCX.
//!
//! The files are compiled in parallel and each reduced to its summary at once
//! (`region::Department`); only the sources of files with diagnostics to show are kept, so the
//! memory grows with the summary, not with the budgets.

use super::args::Format;
use super::check::plural;
use super::compile::same_file;
use super::inputs;
use super::ui::{count, Ui, ERRORS, OK};
use crate::diag::{t, Diagnostic, Severity, Text};
use crate::region::{Accumulator, Control, Department, Origin, Region};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// The control file looked for in a folder when `--control` is not given.
pub const CONTROL_FILE: &str = "region.ctl";

/// What `budc region` was asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub paths: Vec<PathBuf>,
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub control: Option<PathBuf>,
    pub catalog: Option<PathBuf>,
    /// Print the departments' warnings too (else their number).
    pub warnings: bool,
}

/// What the parallel pass leaves: the region's accumulator, and the files with something to
/// show (their source and diagnostics), by position.
#[derive(Default)]
struct Pass {
    acc: Accumulator,
    /// (position, source, diagnostics to draw, warnings not drawn): the source is kept only
    /// when something in it is drawn.
    shown: Vec<(usize, SourceFile, Vec<Diagnostic>, usize)>,
    errors: usize,
    warnings: usize,
    worst: i32,
}

impl Pass {
    fn merge(mut self, other: Pass) -> Pass {
        self.acc = self.acc.merge(other.acc);
        self.shown.extend(other.shown);
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.worst = self.worst.max(other.worst);
        self
    }
}

pub fn run(ui: &mut Ui, r: &Request) -> i32 {
    use rayon::prelude::*;
    let targets = match targets(ui, r) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let (catalog, files) = match inputs::budgets(ui, &r.paths, r.catalog.as_deref()) {
        Ok(x) => x,
        Err(code) => return code,
    };
    for out in targets.iter().filter_map(|(_, o)| o.as_ref()) {
        if let Some(f) = files.iter().find(|f| same_file(f, out)) {
            let f = f.display();
            return ui.fail(t!(
                "输出文件 {f} 是一份预算：budc 不会覆盖源文件",
                "the output {f} is one of the budgets: budc never overwrites a source"
            ));
        }
    }
    let control = match control(ui, r) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let shared: &Ui = ui;
    let keep_warnings = r.warnings;
    let pass = files
        .par_iter()
        .enumerate()
        .fold(Pass::default, |mut pass, (i, path)| {
            let file = match inputs::read_source(shared, path) {
                Err(code) => {
                    pass.worst = pass.worst.max(code);
                    return pass;
                }
                Ok(Err((f, d))) => {
                    pass.errors += 1;
                    pass.shown.push((i, f, vec![d], 0));
                    return pass;
                }
                Ok(Ok(f)) => f,
            };
            let c = crate::compile(file, catalog.as_ref());
            let d = Department::of(i, &c);
            pass.errors += d.errors;
            pass.warnings += d.warnings;
            if d.errors > 0 || (keep_warnings && d.warnings > 0) {
                let (drawn, hidden): (Vec<Diagnostic>, Vec<Diagnostic>) = c
                    .diagnostics
                    .into_iter()
                    .partition(|d| keep_warnings || d.severity == Severity::Error);
                pass.shown.push((i, c.file, drawn, hidden.len()));
            } else if d.warnings > 0 {
                // Only their number is said: the source is not kept.
                let name = SourceFile::new(c.file.name, String::new());
                pass.shown.push((i, name, Vec::new(), d.warnings));
            }
            pass.acc = std::mem::take(&mut pass.acc).with(d);
            pass
        })
        .reduce(Pass::default, Pass::merge);
    let Pass {
        acc,
        mut shown,
        mut errors,
        mut warnings,
        worst,
    } = pass;
    if worst != OK {
        return worst;
    }
    shown.sort_by_key(|(i, _, _, _)| *i);
    for (_, file, drawn, hidden) in &shown {
        ui.diagnostics(drawn, file);
        let hidden = *hidden;
        if hidden > 0 {
            let name = &file.name;
            ui.say(&t!(
                "{name}：{hidden} 个警告未显示（--warnings 显示，或运行 budc check {name}）",
                "{name}: {hidden} warnings not shown (--warnings shows them, or run budc check {name})"
            ));
        }
    }
    let region = acc.finish(control.as_ref());
    let (e, w) = report(ui, &region, &files, control.as_ref());
    errors += e;
    warnings += w;
    let n = region.departments.len();
    if errors > 0 {
        ui.say(&t!(
            "汇总了 {n} 个部门：有 {errors} 个错误，未生成输出。",
            "summed {n} departments: {errors} errors, nothing written."
        ));
        return ERRORS;
    }
    for (format, out) in targets {
        let written = match out {
            None => ui.out(region.to_json().as_bytes()),
            Some(path) => write(ui, &region, format, &path),
        };
        if let Err(code) = written {
            return code;
        }
    }
    let (u, total) = (
        region.unit.as_str(),
        crate::document::prose::thousands(
            region.amount(region.departments.iter().map(|d| d.total).sum()),
        ),
    );
    let (depts, warned) = (plural(n, "department"), plural(warnings, "warning"));
    ui.say(&Text::new(
        format!("汇总了 {n} 个部门，合计 {total} {u}：0 个错误，{warnings} 个警告"),
        format!("summed {depts}, total {total} {u}: 0 errors, {warned}"),
    ));
    OK
}

/// The control file: `--control FILE`, else `region.ctl` in the one folder given, if there.
fn control(ui: &mut Ui, r: &Request) -> Result<Option<Control>, i32> {
    let path = match (&r.control, r.paths.as_slice()) {
        (Some(p), _) => p.clone(),
        (None, [dir]) if dir.is_dir() && dir.join(CONTROL_FILE).is_file() => dir.join(CONTROL_FILE),
        _ => return Ok(None),
    };
    inputs::read_decoded(ui, &path).map(|f| Some(Control::parse(f)))
}

/// The region's own diagnostics, each drawn in its file (a department's file read again: its
/// source was not kept). Returns (errors, warnings).
fn report(
    ui: &mut Ui,
    region: &Region,
    files: &[PathBuf],
    control: Option<&Control>,
) -> (usize, usize) {
    let all: Vec<Diagnostic> = region
        .diagnostics
        .iter()
        .map(|d| d.diagnostic.clone())
        .collect();
    let (errors, warnings) = count(&all);
    let mut at = 0;
    while let Some(first) = region.diagnostics.get(at) {
        let origin = first.origin;
        let group: Vec<Diagnostic> = region
            .diagnostics
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take_while(|d| d.origin == origin)
            .map(|d| d.diagnostic.clone())
            .collect();
        at += group.len();
        let file = match origin {
            Origin::Control => control.and_then(|c| c.file.clone()),
            Origin::Department(i) => files.get(i).map(|p| reread(ui, p)),
        };
        if let Some(file) = file {
            ui.diagnostics(&group, &file);
        }
    }
    (errors, warnings)
}

/// A department's source again, to draw a diagnostic in it (empty if it cannot be read now).
fn reread(ui: &Ui, path: &Path) -> SourceFile {
    match inputs::read_source(ui, path) {
        Ok(Ok(f)) | Ok(Err((f, _))) => f,
        Err(_) => SourceFile::new(path.display().to_string(), String::new()),
    }
}

/// Where each output goes (`None`: standard output): by `--format`, else by the extension of
/// `-o`, else JSON; `all` into the folder `-o` as region.json, region.xlsx, region.docx.
fn targets(ui: &Ui, r: &Request) -> Result<Vec<(Format, Option<PathBuf>)>, i32> {
    let output = r.output.as_deref();
    let by_extension = output
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let named = match by_extension.as_deref() {
        Some("json") => Some(Format::Json),
        Some("xlsx") => Some(Format::Xlsx),
        Some("docx") => Some(Format::Docx),
        _ => None,
    };
    let format = r.format.or(named).unwrap_or(Format::Json);
    if let (Some(f), Some(n)) = (r.format, named) {
        if f != Format::All && f != n {
            let o = output.map(|o| o.display().to_string()).unwrap_or_default();
            let (f, e) = (
                format!("{f:?}").to_lowercase(),
                format!("{n:?}").to_lowercase(),
            );
            return Err(ui.fail(t!(
                "--format {f} 与输出文件 {o} 的扩展名（{e}）不符：改正其一，或不写 --format（按扩展名推断）",
                "--format {f} does not match the extension of {o} ({e}): correct one, or leave --format out (the extension decides)"
            )));
        }
    }
    match (format, output) {
        (Format::Pdf, _) => Err(ui.fail(t!(
            "budc region 不生成 PDF：用 --format docx，再用 LibreOffice 转换",
            "budc region makes no PDF: use --format docx and convert it with LibreOffice"
        ))),
        (Format::Json, o) => Ok(vec![(Format::Json, o.map(Path::to_path_buf))]),
        (Format::All, Some(dir)) => Ok([
            (Format::Json, "json"),
            (Format::Xlsx, "xlsx"),
            (Format::Docx, "docx"),
        ]
        .into_iter()
        .map(|(f, ext)| (f, Some(dir.join(format!("region.{ext}")))))
        .collect()),
        (f, Some(o)) => Ok(vec![(f, Some(o.to_path_buf()))]),
        (f, None) => {
            let f = format!("{f:?}").to_lowercase();
            Err(ui.fail(t!(
                "--format {f} 须用 -o 指定输出（all 为目录）",
                "--format {f} needs an output: -o OUT (a folder for all)"
            )))
        }
    }
}

/// Writes one output, atomically, and says so.
fn write(ui: &Ui, region: &Region, format: Format, path: &Path) -> Result<(), i32> {
    let written = match format {
        Format::Xlsx => {
            let bytes = region
                .to_xlsx()
                .map_err(|e| ui.fail(crate::backend::xlsx::error_text(&e)))?;
            crate::files::write_output(path, &bytes)
        }
        Format::Docx => {
            let bytes = region
                .to_docx()
                .map_err(|e| ui.fail(t!("无法生成 DOCX：{e}", "cannot build the DOCX: {e}")))?;
            crate::files::write_output(path, &bytes)
        }
        _ => crate::files::write_output_with(path, |w| crate::region::json::write(region, w)),
    };
    written.map_err(|e| ui.file_error(&e))?;
    ui.written(path);
    Ok(())
}
