//! `budc site`: the 预算公开 website of many budgets, as static files in a folder; the
//! compiling and the downloads are shared with `budc serve`.

use super::compile::{report, stem};
use super::ui::{count, Ui, ERRORS, OK};
use crate::diag::{t, Diagnostic, Lang, Text};
use crate::model::Catalog;
use crate::report::HumanStyle;
use crate::site::{self, Download, Entry, Kind, Notice, Region};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// One input of the site, as far as it got.
pub(super) enum Input {
    Compiled(Box<crate::Compiled>),
    /// Read, but not decodable (not UTF-8).
    Undecodable(SourceFile, Diagnostic),
    /// Not read: the message, in both languages.
    Unreadable(Text),
}

/// An input, its page's folder and, for a budget without errors, its downloads (or why they
/// could not be made).
pub(super) struct Done {
    pub path: PathBuf,
    pub slug: String,
    pub input: Input,
    pub downloads: Option<Result<Vec<Download>, Text>>,
}

/// The folder names of the pages, one per file; two files with the same name are refused.
pub(super) fn slugs(ui: &Ui, files: &[PathBuf]) -> Result<Vec<String>, i32> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for f in files {
        let slug = site::slug(&stem(f));
        if !seen.insert(slug.clone()) {
            return Err(ui.fail(t!(
                "{slug}：有两个同名的预算，网页会互相覆盖",
                "{slug}: two budgets with this name would have the same page"
            )));
        }
        out.push(slug);
    }
    Ok(out)
}

/// Reads and compiles every file in parallel; a budget without errors gets its downloads
/// (`pdf`: with its PDF) when `downloads` is set.
pub(super) fn compile_all(
    ui: &Ui,
    files: &[PathBuf],
    slugs: &[String],
    catalog: Option<&Catalog>,
    downloads: bool,
    pdf: bool,
) -> Vec<Done> {
    use rayon::prelude::*;
    files
        .par_iter()
        .zip(slugs.par_iter())
        .map(|(path, slug)| {
            let input = match crate::files::read_input(path, ui.limits) {
                Err(e) => Input::Unreadable(Text::new(e.line(Lang::Zh), e.line(Lang::En))),
                Ok(bytes) => match SourceFile::from_bytes(path.display().to_string(), bytes) {
                    Ok(f) => Input::Compiled(Box::new(crate::compile(f, catalog))),
                    Err((f, d)) => Input::Undecodable(f, d),
                },
            };
            let downloads = match &input {
                Input::Compiled(c) if downloads && !c.has_errors() => {
                    Some(make_downloads(c, slug, pdf))
                }
                _ => None,
            };
            Done {
                path: path.clone(),
                slug: slug.clone(),
                input,
                downloads,
            }
        })
        .collect()
}

/// The files offered beside a department's page: DOCX, XLSX, JSON, and the PDF with `pdf`.
fn make_downloads(c: &crate::Compiled, slug: &str, pdf: bool) -> Result<Vec<Download>, Text> {
    let docx = c
        .to_docx()
        .map_err(|e| t!("无法生成 DOCX：{e}", "cannot build the DOCX: {e}"))?;
    let xlsx = c
        .to_xlsx()
        .map_err(|e| crate::backend::xlsx::error_text(&e))?;
    let mut out = vec![
        (Kind::Docx, docx),
        (Kind::Xlsx, xlsx),
        (Kind::Json, c.to_json().into_bytes()),
    ];
    if pdf {
        let bytes = c.to_pdf(false).map_err(|e| match e {
            crate::backend::pdf::PdfError::NoEngine => t!(
                "--pdf 需要 LibreOffice（soffice），但没有安装：Debian/Ubuntu 上运行 apt install libreoffice-writer-nogui fonts-noto-cjk",
                "--pdf needs LibreOffice (soffice), which is not installed: on Debian/Ubuntu run apt install libreoffice-writer-nogui fonts-noto-cjk"
            ),
            other => t!("无法生成 PDF：{other}", "cannot make the PDF: {other}"),
        })?;
        out.push((Kind::Pdf, bytes));
    }
    Ok(out
        .into_iter()
        .map(|(kind, bytes)| Download {
            kind,
            name: format!("{slug}.{}", kind.extension()),
            bytes,
        })
        .collect())
}

/// A budget's diagnostics as the live page shows them: each as `budc check` prints it.
pub(super) fn notices(c: &crate::Compiled, lang: Lang) -> Vec<Notice> {
    let style = HumanStyle {
        color: false,
        width: 100,
        lang,
    };
    c.diagnostics
        .iter()
        .map(|d| Notice {
            error: d.severity == crate::diag::Severity::Error,
            text: crate::report::human(d, &c.file, style),
        })
        .collect()
}

pub fn run(
    ui: &mut Ui,
    paths: &[PathBuf],
    output: &Path,
    pdf: bool,
    catalog: Option<&Path>,
) -> i32 {
    if pdf && crate::backend::pdf::engine().is_none() {
        return ui.fail(t!(
            "--pdf 需要 LibreOffice（soffice），但没有安装：Debian/Ubuntu 上运行 apt install libreoffice-writer-nogui fonts-noto-cjk，或不用 --pdf",
            "--pdf needs LibreOffice (soffice), which is not installed: on Debian/Ubuntu run apt install libreoffice-writer-nogui fonts-noto-cjk, or leave --pdf out"
        ));
    }
    let (catalog, files) = match super::inputs::budgets(ui, paths, catalog) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let slugs = match slugs(ui, &files) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let done = compile_all(ui, &files, &slugs, catalog.as_ref(), true, pdf);
    let mut worst = OK;
    let (mut errors, mut warnings) = (0usize, 0usize);
    let mut kept: Vec<(String, Box<crate::Compiled>, Vec<Download>)> = Vec::new();
    for d in done {
        match d.input {
            Input::Unreadable(text) => {
                worst = worst.max(ui.fail(text));
            }
            Input::Undecodable(f, diag) => {
                ui.diagnostics(std::slice::from_ref(&diag), &f);
                errors += 1;
                worst = worst.max(ERRORS);
            }
            Input::Compiled(c) => {
                report(ui, &c.diagnostics, &c.file, false);
                let (e, w) = count(&c.diagnostics);
                errors += e;
                warnings += w;
                match d.downloads {
                    None => {
                        let name = d.path.display();
                        ui.say(&t!(
                            "{name}：有错误，不生成它的网页。",
                            "{name}: has errors, no page for it."
                        ));
                        worst = worst.max(ERRORS);
                    }
                    Some(Err(why)) => worst = worst.max(ui.fail(why)),
                    Some(Ok(downloads)) => kept.push((d.slug, c, downloads)),
                }
            }
        }
    }
    let entries: Vec<Entry> = kept
        .iter_mut()
        .map(|(slug, c, downloads)| Entry {
            slug: slug.clone(),
            compiled: c,
            downloads: std::mem::take(downloads),
            notices: Vec::new(),
        })
        .collect();
    let site = site::build(&entries, Region::Summary, None, &[]);
    for (path, bytes) in &site {
        let target = path
            .split('/')
            .fold(output.to_path_buf(), |p, part| p.join(part));
        if let Err(e) = crate::files::write_output(&target, bytes) {
            return ui.file_error(&e);
        }
    }
    let (n, pages, out) = (files.len(), entries.len(), output.display());
    let files_written = site.len();
    ui.say(&Text::new(
        format!("已写入网站 {out}：{pages} 个部门的网页，共 {files_written} 个文件"),
        format!("wrote the site {out}: pages of {pages} departments, {files_written} files"),
    ));
    let en = (
        super::check::plural(n, "file"),
        super::check::plural(errors, "error"),
        super::check::plural(warnings, "warning"),
    );
    let (files_en, errors_en, warnings_en) = en;
    ui.say(&Text::new(
        format!("编译了 {n} 个文件：{errors} 个错误，{warnings} 个警告"),
        format!("compiled {files_en}: {errors_en}, {warnings_en}"),
    ));
    worst
}
