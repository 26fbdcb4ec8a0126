//! `budc check`: every problem of every budget, in source order, with one summary.

use super::args::MessageFormat;
use super::inputs;
use super::ui::{count, Ui, ERRORS, OK, USAGE};
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::files::FileError;
use crate::report::{self as render, Summary};
use crate::source::SourceFile;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// One checked file: its source, its diagnostics and its total spending; or one that could not
/// be read, with the diagnostic that says why (E0005).
enum Checked {
    Read(SourceFile, Vec<Diagnostic>, Decimal),
    Unreadable(SourceFile, Diagnostic, FileError),
}

/// E0005: a file that cannot be read, as a diagnostic of the machine reports.
fn unreadable(path: &Path, e: FileError) -> Checked {
    let file = SourceFile::new(path.display().to_string(), String::new());
    let (zh, en) = (e.message.zh.to_string(), e.message.en.to_string());
    let d = Diagnostic::new("E0005", t!("{zh}", "{en}"))
        .at(crate::source::Span::new(0, 0), Default::default())
        .with_help(t!(
            "核对路径和权限；文件过大时用 --max-input-size 调整上限。",
            "check the path and the permissions; for a larger file raise --max-input-size."
        ));
    Checked::Unreadable(file, d, e)
}

pub fn run(
    ui: &mut Ui,
    paths: &[PathBuf],
    deny_warnings: bool,
    catalog: Option<&Path>,
    format: MessageFormat,
) -> i32 {
    use rayon::prelude::*;
    let (catalog, files) = match inputs::budgets(ui, paths, catalog) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Every file is read and checked in parallel; reports come out in the order given.
    let shared: &Ui = ui;
    let results: Vec<Checked> = files
        .par_iter()
        .map(|path| {
            let bytes = match crate::files::read_input(path, shared.limits) {
                Ok(b) => b,
                Err(e) => return unreadable(path, e),
            };
            let name = if path.as_os_str() == "-" {
                "<stdin>".to_string()
            } else {
                path.display().to_string()
            };
            match SourceFile::from_bytes(name, bytes) {
                Err((file, d)) => Checked::Read(file, vec![d], Decimal::ZERO),
                Ok(file) => {
                    let c = crate::compile(file, catalog.as_ref());
                    let total = c.document.figures.expenditure_total;
                    Checked::Read(c.file, c.diagnostics, total)
                }
            }
        })
        .collect();
    let mut worst = OK;
    let mut summary = Summary {
        files: 0,
        ..Summary::default()
    };
    let mut total = Decimal::ZERO;
    let mut reports: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
    let mut unreadable = 0;
    for r in results {
        let (file, mut diags, amount) = match r {
            Checked::Unreadable(file, d, e) => {
                // Said at once in the human report; a diagnostic, counted, in the machine ones.
                worst = worst.max(USAGE);
                unreadable += 1;
                if format == MessageFormat::Human {
                    ui.file_error(&e);
                } else {
                    summary.files += 1;
                    summary.errors += 1;
                    reports.push((file, vec![d]));
                }
                continue;
            }
            Checked::Read(file, diags, amount) => (file, diags, amount),
        };
        total += amount;
        summary.files += 1;
        let (e, w) = count(&diags);
        summary.errors += e;
        summary.warnings += w;
        if e > 0 || (deny_warnings && w > 0) {
            worst = worst.max(ERRORS);
        }
        if format == MessageFormat::Human {
            ui.diagnostics(&diags, &file);
        } else {
            let kept = ui.capped(&diags).len();
            diags.truncate(kept);
            reports.push((file, diags));
        }
    }
    summary.omitted = ui.omitted;
    let refs: Vec<(&SourceFile, &[Diagnostic])> =
        reports.iter().map(|(f, d)| (f, d.as_slice())).collect();
    let printed = match format {
        MessageFormat::Human => {
            let (n, e, w) = (summary.files, summary.errors, summary.warnings);
            let (files, errors, warnings) =
                (plural(n, "file"), plural(e, "error"), plural(w, "warning"));
            let mut line = t!(
                "检查了 {n} 个文件：{e} 个错误，{w} 个警告；支出合计 {total:.2}",
                "checked {files}: {errors}, {warnings}; spending in all {total:.2}"
            );
            if unreadable > 0 {
                let u = plural(unreadable, "file");
                let more = t!("；{unreadable} 个文件无法读取", "; {u} could not be read");
                line.zh.to_mut().push_str(&more.zh);
                line.en.to_mut().push_str(&more.en);
            }
            ui.say(&line);
            Ok(())
        }
        MessageFormat::Json => ui.out(render::json(&refs, ui.lang, summary).as_bytes()),
        MessageFormat::Sarif => ui.out(render::sarif(&refs, ui.lang).as_bytes()),
    };
    match printed {
        Ok(()) => worst,
        Err(code) => code,
    }
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
