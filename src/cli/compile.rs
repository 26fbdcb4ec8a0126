//! `budc compile`: a budget to its JSON, DOCX, XLSX and PDF; many budgets in parallel into a folder.

use super::args::Format;
use super::check::plural;
use super::inputs;
use super::ui::{count, Ui, ERRORS, OK};
use crate::diag::t;
use crate::diag::{Diagnostic, Text};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// What to write: the format (else by the extension of -o), PDF/A for the PDF, and whether the
/// DOCX's 目录 gets its page numbers from a LibreOffice rendering.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub format: Option<Format>,
    pub pdfa: bool,
    pub paginate: bool,
    /// Print every warning, not only their number.
    pub warnings: bool,
}

pub fn run(
    ui: &mut Ui,
    files: &[PathBuf],
    request: Request,
    output: Option<&Path>,
    catalog: Option<&Path>,
) -> i32 {
    match files {
        [file] if !file.is_dir() => one(ui, file, request, output, catalog),
        _ => many(ui, files, request, output, catalog),
    }
}

/// The format of `-o OUT` when `--format` is not given: by the file's extension.
fn format_of(format: Option<Format>, output: Option<&Path>) -> Format {
    if let Some(f) = format {
        return f;
    }
    match output.and_then(Path::extension).and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("docx") => Format::Docx,
        Some(e) if e.eq_ignore_ascii_case("pdf") => Format::Pdf,
        Some(e) if e.eq_ignore_ascii_case("xlsx") => Format::Xlsx,
        _ => Format::Json,
    }
}

/// The format an output file's extension names, if any.
fn format_of_extension(path: &Path) -> Option<Format> {
    let e = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match e.as_str() {
        "json" => Format::Json,
        "docx" => Format::Docx,
        "xlsx" => Format::Xlsx,
        "pdf" => Format::Pdf,
        _ => return None,
    })
}

/// Where each output of one budget goes (`None`: standard output).
fn targets(
    ui: &Ui,
    file: &Path,
    format: Format,
    output: Option<&Path>,
) -> Result<Vec<(Format, Option<PathBuf>)>, i32> {
    let stem = stem(file);
    // `--format docx -o out.json` writes a DOCX named .json: refused.
    if let Some(named) = output.and_then(format_of_extension) {
        if format != Format::All && named != format {
            let (o, f, e) = (
                output.map(|o| o.display().to_string()).unwrap_or_default(),
                format!("{format:?}").to_lowercase(),
                format!("{named:?}").to_lowercase(),
            );
            return Err(ui.fail(t!(
                "--format {f} 与输出文件 {o} 的扩展名（{e}）不符：改正其一，或不写 --format（按扩展名推断）",
                "--format {f} does not match the extension of {o} ({e}): correct one, or leave --format out (the extension decides)"
            )));
        }
    }
    let targets = match (format, output) {
        (Format::Json, o) => vec![(Format::Json, o.map(Path::to_path_buf))],
        (Format::Docx, Some(o)) => vec![(Format::Docx, Some(o.to_path_buf()))],
        (Format::Docx, None) => {
            return Err(ui.fail(t!(
                "DOCX 须用 -o 指定输出文件",
                "DOCX needs an output file: -o OUT.docx"
            )))
        }
        (Format::Xlsx, Some(o)) => vec![(Format::Xlsx, Some(o.to_path_buf()))],
        (Format::Xlsx, None) => {
            return Err(ui.fail(t!(
                "XLSX 须用 -o 指定输出文件",
                "XLSX needs an output file: -o OUT.xlsx"
            )))
        }
        (Format::Pdf, Some(o)) => vec![(Format::Pdf, Some(o.to_path_buf()))],
        (Format::Pdf, None) => {
            return Err(ui.fail(t!(
                "PDF 须用 -o 指定输出文件",
                "PDF needs an output file: -o OUT.pdf"
            )))
        }
        (Format::All, Some(dir)) => {
            note_without_pdf(ui, Format::All);
            in_folder(dir, &stem, Format::All)
        }
        (Format::All, None) => {
            return Err(ui.fail(t!(
                "--format all 须用 -o 指定输出目录",
                "--format all needs an output folder: -o DIR"
            )))
        }
    };
    for out in targets.iter().filter_map(|(_, o)| o.as_ref()) {
        if same_file(file, out) {
            let o = out.display();
            return Err(ui.fail(t!(
                "输出文件 {o} 就是源文件：budc 不会覆盖源文件",
                "the output {o} is the source file: budc never overwrites a source"
            )));
        }
    }
    Ok(targets)
}

/// The outputs of one budget in a folder: `<stem>.json`, `<stem>.docx`, and with `--format all`
/// `<stem>.pdf` when LibreOffice is installed.
fn in_folder(dir: &Path, stem: &str, format: Format) -> Vec<(Format, Option<PathBuf>)> {
    let with_pdf = format == Format::Pdf || crate::backend::pdf::engine().is_some();
    [
        (Format::Json, "json"),
        (Format::Docx, "docx"),
        (Format::Xlsx, "xlsx"),
        (Format::Pdf, "pdf"),
    ]
    .into_iter()
    .filter(|(f, _)| format == *f || format == Format::All)
    .filter(|(f, _)| *f != Format::Pdf || with_pdf)
    .map(|(f, ext)| (f, Some(dir.join(format!("{stem}.{ext}")))))
    .collect()
}

/// With `--format all` and no LibreOffice, says that there will be no PDF.
fn note_without_pdf(ui: &Ui, format: Format) {
    if format == Format::All && crate::backend::pdf::engine().is_none() {
        ui.say(&t!(
            "未安装 LibreOffice（soffice），不生成 PDF。",
            "LibreOffice (soffice) is not installed: no PDF."
        ));
    }
}

pub(super) fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "budget".into())
}

fn one(
    ui: &mut Ui,
    file: &Path,
    request: Request,
    output: Option<&Path>,
    catalog: Option<&Path>,
) -> i32 {
    let catalog = match inputs::load_catalog(ui, catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let targets = match targets(ui, file, format_of(request.format, output), output) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let compiled = match inputs::read_decoded(ui, file) {
        Ok(f) => crate::compile(f, catalog.as_ref()),
        Err(code) => return code,
    };
    report(ui, &compiled.diagnostics, &compiled.file, request.warnings);
    let (errors, warnings) = count(&compiled.diagnostics);
    if errors > 0 {
        ui.say(&t!(
            "有 {errors} 个错误，未生成输出。",
            "{errors} errors: nothing written."
        ));
        return ERRORS;
    }
    for (format, out) in targets {
        let written = match out {
            None => ui.out_with(|w| compiled.write_json(w)),
            Some(path) => write(ui, &compiled, format, request, &path),
        };
        if let Err(code) = written {
            return code;
        }
    }
    let warned = plural(warnings, "warning");
    ui.say(&t!(
        "编译了 1 个文件：0 个错误，{warnings} 个警告",
        "compiled 1 file: 0 errors, {warned}"
    ));
    OK
}

/// The diagnostics of a compiled budget: its errors always, its warnings with `--warnings`,
/// else their number and where to see them.
pub(super) fn report(ui: &mut Ui, diags: &[Diagnostic], file: &SourceFile, all: bool) {
    if all {
        return ui.diagnostics(diags, file);
    }
    let errors: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .cloned()
        .collect();
    ui.diagnostics(&errors, file);
    let hidden = diags.len() - errors.len();
    if hidden > 0 {
        let name = &file.name;
        ui.say(&t!(
            "{name}：{hidden} 个警告未显示（--warnings 显示，或运行 budc check {name}）",
            "{name}: {hidden} warnings not shown (--warnings shows them, or run budc check {name})"
        ));
    }
}

/// Writes one output of a compiled budget to a file (JSON as it is serialised), and says so.
/// `request.paginate`: number the DOCX's 目录 from a LibreOffice rendering, when LibreOffice
/// is here; `request.pdfa`: the PDF as PDF/A.
fn write(
    ui: &Ui,
    c: &crate::Compiled,
    format: Format,
    request: Request,
    path: &Path,
) -> Result<(), i32> {
    let written = match format {
        Format::Docx => {
            let bytes = if request.paginate {
                c.to_docx_paginated()
            } else {
                c.to_docx()
            };
            let bytes = bytes
                .map_err(|e| ui.fail(t!("无法生成 DOCX：{e}", "cannot build the DOCX: {e}")))?;
            crate::files::write_output(path, &bytes)
        }
        Format::Pdf => {
            let bytes = c.to_pdf(request.pdfa).map_err(|e| ui.fail(pdf_error(&e)))?;
            crate::files::write_output(path, &bytes)
        }
        Format::Xlsx => {
            let bytes = c
                .to_xlsx()
                .map_err(|e| ui.fail(crate::backend::xlsx::error_text(&e)))?;
            crate::files::write_output(path, &bytes)
        }
        _ => crate::files::write_output_with(path, |w| c.write_json(w)),
    };
    written.map_err(|e| ui.file_error(&e))?;
    ui.written(path);
    Ok(())
}

/// Why no PDF was made, with what to do.
fn pdf_error(e: &crate::backend::pdf::PdfError) -> Text {
    use crate::backend::pdf::PdfError;
    match e {
        PdfError::NoEngine => t!(
            "生成 PDF 需要 LibreOffice（soffice），但没有安装：Debian/Ubuntu 上运行 apt install libreoffice-writer-nogui fonts-noto-cjk，或先生成 DOCX（--format docx）。",
            "a PDF needs LibreOffice (soffice), which is not installed: on Debian/Ubuntu run apt install libreoffice-writer-nogui fonts-noto-cjk, or write the DOCX (--format docx)."
        ),
        other => t!("无法生成 PDF：{other}", "cannot make the PDF: {other}"),
    }
}

/// One compiled file of many: its source, its diagnostics, whether its outputs were written.
type Compiled = (SourceFile, Vec<Diagnostic>, bool);

/// Many budgets at once (a 财政局 compiles all its departments): in parallel, each into
/// `DIR/<name>.json`, `.docx` and/or `.xlsx`, reports in order, one summary.
fn many(
    ui: &mut Ui,
    paths: &[PathBuf],
    request: Request,
    output: Option<&Path>,
    catalog: Option<&Path>,
) -> i32 {
    use rayon::prelude::*;
    let Some(dir) = output else {
        return ui.fail(t!(
            "编译多个文件时须用 -o 指定输出目录",
            "several files need an output folder: -o DIR"
        ));
    };
    let format = request.format.unwrap_or(Format::Json);
    note_without_pdf(ui, format);
    let (catalog, files) = match inputs::budgets(ui, paths, catalog) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut stems = std::collections::BTreeSet::new();
    for f in &files {
        let stem = stem(f);
        if !stems.insert(stem.clone()) {
            return ui.fail(t!(
                "{stem}：有两个同名的预算，输出会互相覆盖",
                "{stem}: two budgets with this name would write the same output"
            ));
        }
    }
    let shared: &Ui = ui;
    let results: Vec<Result<Compiled, i32>> = files
        .par_iter()
        .map(|path| {
            let file = match inputs::read_source(shared, path)? {
                Ok(f) => f,
                Err((f, d)) => return Ok((f, vec![d], false)),
            };
            let c = crate::compile(file, catalog.as_ref());
            if c.has_errors() {
                return Ok((c.file, c.diagnostics, false));
            }
            for (f, out) in in_folder(dir, &stem(path), format) {
                if let Some(out) = out {
                    write(shared, &c, f, request, &out)?;
                }
            }
            Ok((c.file, c.diagnostics, true))
        })
        .collect();
    let mut worst = OK;
    let (mut written, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    for r in results {
        match r {
            Err(code) => worst = worst.max(code),
            Ok((file, diags, ok)) => {
                report(ui, &diags, &file, request.warnings);
                let (e, w) = count(&diags);
                errors += e;
                warnings += w;
                if ok {
                    written += 1;
                } else {
                    worst = worst.max(ERRORS);
                }
            }
        }
    }
    let n = files.len();
    let en = (
        plural(n, "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    let (files_en, errors_en, warnings_en) = en;
    ui.say(&Text::new(
        format!("编译了 {n} 个文件：{written} 个已输出，{errors} 个错误，{warnings} 个警告"),
        format!("compiled {files_en}: {written} written, {errors_en}, {warnings_en}"),
    ));
    worst
}

pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
