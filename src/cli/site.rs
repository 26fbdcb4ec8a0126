//! `budc site`: the 预算公开 website of many budgets, as static files in a folder; the
//! compiling and the downloads are shared with `budc serve`.

use super::compile::stem;
use super::site_folder::under;
use super::ui::{count, Ui, ERRORS, OK};
use crate::diag::{t, Diagnostic, Lang, Text};
use crate::model::Catalog;
use crate::report::HumanStyle;
use crate::site::{self, Download, Entry, Kind, Listing, Notice, Region};
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

/// What `budc site` keeps of one input once its files are written: what to say about it and,
/// for a department with a page, its line on the index and its summary for the region's
/// tables. The compiled budget and its downloads are dropped as soon as they are written.
struct Kept {
    /// Its errors, drawn in its source (kept only when there are errors to draw).
    errors: Option<(SourceFile, Vec<Diagnostic>)>,
    /// Warnings not drawn (their number is said).
    hidden: usize,
    counts: (usize, usize),
    outcome: Outcome,
}

enum Outcome {
    /// Not read: the message.
    Unreadable(Text),
    /// Not UTF-8: no page.
    Undecodable,
    /// Compiled with errors: no page.
    NoPage,
    /// The downloads could not be made.
    Failed(Text),
    /// A file could not be written.
    NotWritten(crate::files::FileError),
    /// Its page and downloads are written: these files (relative to the site's root).
    Written {
        listing: Listing,
        department: Box<crate::region::Department>,
        files: Vec<String>,
    },
}

/// One input, read, compiled, and (without errors) its page and downloads written into
/// `output`; what is kept of it.
fn one(
    ui: &Ui,
    (i, path, slug): (usize, &Path, &str),
    output: &Path,
    catalog: Option<&Catalog>,
    pdf: bool,
) -> Kept {
    let mut kept = Kept {
        errors: None,
        hidden: 0,
        counts: (0, 0),
        outcome: Outcome::NoPage,
    };
    let file = match crate::files::read_input(path, ui.limits) {
        Err(e) => {
            kept.outcome = Outcome::Unreadable(Text::new(e.line(Lang::Zh), e.line(Lang::En)));
            return kept;
        }
        Ok(bytes) => match SourceFile::from_bytes(path.display().to_string(), bytes) {
            Ok(f) => f,
            Err((f, d)) => {
                kept.counts = (1, 0);
                kept.errors = Some((f, vec![d]));
                kept.outcome = Outcome::Undecodable;
                return kept;
            }
        },
    };
    let c = crate::compile(file, catalog);
    let (e, w) = count(&c.diagnostics);
    kept.counts = (e, w);
    kept.hidden = w;
    if e > 0 {
        let errors = c
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .cloned()
            .collect();
        kept.errors = Some((c.file, errors));
        return kept;
    }
    let downloads = match make_downloads(&c, slug, pdf) {
        Ok(d) => d,
        Err(why) => {
            kept.outcome = Outcome::Failed(why);
            return kept;
        }
    };
    let entry = Entry {
        slug: slug.to_string(),
        compiled: &c,
        downloads,
        notices: Vec::new(),
    };
    let page = site::page(&entry, None);
    let mut files = Vec::with_capacity(1 + entry.downloads.len());
    let pieces = std::iter::once((format!("{slug}/index.html"), page.as_bytes())).chain(
        entry
            .downloads
            .iter()
            .map(|d| (format!("{slug}/{}", d.name), d.bytes.as_slice())),
    );
    for (name, bytes) in pieces {
        if let Err(e) = crate::files::write_output(&under(output, &name), bytes) {
            kept.outcome = Outcome::NotWritten(e);
            return kept;
        }
        files.push(name);
    }
    let mut department = crate::region::Department::of(i, &c);
    // The keys of the cross-department checks are not needed for the tables.
    department.project_codes = Vec::new();
    department.sub_units = Vec::new();
    kept.outcome = Outcome::Written {
        listing: Listing::of(slug, &c),
        department: Box::new(department),
        files,
    };
    kept
}

pub fn run(
    ui: &mut Ui,
    paths: &[PathBuf],
    output: &Path,
    pdf: bool,
    catalog: Option<&Path>,
) -> i32 {
    use rayon::prelude::*;
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
    let before = match super::site_folder::open(ui, output, &files) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let shared: &Ui = ui;
    let kept: Vec<Kept> = files
        .par_iter()
        .zip(slugs.par_iter())
        .enumerate()
        .map(|(i, (path, slug))| one(shared, (i, path, slug), output, catalog.as_ref(), pdf))
        .collect();
    let mut worst = OK;
    let (mut errors, mut warnings) = (0usize, 0usize);
    let mut listings = Vec::new();
    let mut region = crate::region::Accumulator::default();
    let mut written: Vec<String> = Vec::new();
    let mut not_written = None;
    for (k, path) in kept.into_iter().zip(&files) {
        errors += k.counts.0;
        warnings += k.counts.1;
        let name = path.display().to_string();
        if let Some((file, diags)) = &k.errors {
            ui.diagnostics(diags, file);
        }
        if k.hidden > 0 {
            let hidden = k.hidden;
            ui.say(&t!(
                "{name}：{hidden} 个警告未显示（--warnings 显示，或运行 budc check {name}）",
                "{name}: {hidden} warnings not shown (--warnings shows them, or run budc check {name})"
            ));
        }
        match k.outcome {
            Outcome::Unreadable(text) | Outcome::Failed(text) => {
                worst = worst.max(ui.fail(text));
            }
            Outcome::Undecodable => worst = worst.max(ERRORS),
            Outcome::NoPage => {
                ui.say(&t!(
                    "{name}：有错误，不生成它的网页。",
                    "{name}: has errors, no page for it."
                ));
                worst = worst.max(ERRORS);
            }
            Outcome::NotWritten(e) => {
                not_written.get_or_insert(e);
            }
            Outcome::Written {
                listing,
                department,
                files,
            } => {
                listings.push(listing);
                region = region.with(*department);
                written.extend(files);
            }
        }
    }
    if let Some(e) = not_written {
        return ui.file_error(&e);
    }
    let region = region.finish(None);
    let index = site::index(&listings, &Region::of(&region), None, &[]);
    let rest = site::statics(None).chain(std::iter::once((
        site::INDEX.to_string(),
        index.into_bytes(),
    )));
    for (name, bytes) in rest {
        if let Err(e) = crate::files::write_output(&under(output, &name), &bytes) {
            return ui.file_error(&e);
        }
        written.push(name);
    }
    if let Err(e) = super::site_folder::close(output, before, &written) {
        return ui.file_error(&e);
    }
    let (n, pages, out) = (files.len(), listings.len(), output.display());
    let files_written = written.len();
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
