//! budc — a language and compiler for Chinese government departmental budgets (部门预算).
//!
//! The pipeline, one module each: `source` (decode, positions) → `syntax` (the grammar of
//! `grammar/bud.pest` → a stream of spanned statements) → `model` (the budget, built from that
//! stream and resolved against the classification catalog) →
//! `document` (every table, figure and sentence, computed once) → `check` (assertions and
//! arithmetic) → writers (`backend::json`, `backend::docx`). Diagnostics are plain data (`diag`).

// A `Diagnostic` is a plain value of about 150 bytes; returning it in `Err` is the design.
#![allow(clippy::result_large_err)]

pub mod backend;
pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod document;
pub mod files;
pub mod fmt;
pub mod import;
pub mod lsp;
pub mod migrate;
pub mod model;
pub mod prior;
pub mod region;
pub mod report;
pub mod site;
pub mod skeleton;
pub mod source;
pub mod span;
pub mod syntax;
pub mod synth;
pub mod templates;
pub mod value;

use diag::Diagnostic;
use document::Document;
use model::{Budget, Catalog};
use source::SourceFile;

/// The result of compiling one source file: the model, its document and every diagnostic.
#[derive(Debug)]
pub struct Compiled {
    pub file: SourceFile,
    pub budget: Budget,
    pub catalog: Catalog,
    pub document: Document,
    /// In source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        diag::has_errors(&self.diagnostics)
    }

    /// The JSON output, in memory; `write_json` streams it.
    pub fn to_json(&self) -> String {
        backend::json::render(&self.budget, &self.catalog, &self.document)
    }

    /// Writes the JSON output into `w` as it is serialised, never holding it whole: give it a
    /// buffered writer.
    pub fn write_json(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        backend::json::write(&self.budget, &self.catalog, &self.document, w)
    }

    /// The DOCX output, its 目录 without page numbers (no word processor is run).
    pub fn to_docx(&self) -> std::io::Result<Vec<u8>> {
        backend::docx::render(&self.budget, &self.document)
    }

    /// The DOCX output with the 目录's page numbers, found by rendering the document with
    /// LibreOffice when `soffice` and `pdftotext` are installed (seconds, not milliseconds);
    /// without them, as `to_docx`.
    pub fn to_docx_paginated(&self) -> std::io::Result<Vec<u8>> {
        backend::docx::render_paginated(&self.budget, &self.document)
    }

    /// The PDF output: the DOCX laid out by LibreOffice (`soffice`, when installed); PDF/A-2b
    /// with `pdfa`.
    pub fn to_pdf(&self, pdfa: bool) -> Result<Vec<u8>, backend::pdf::PdfError> {
        // The 目录's numbers found first, so the PDF's contents are right.
        let docx = self.to_docx_paginated()?;
        backend::pdf::from_docx(&docx, self.budget.year(), pdfa)
    }

    /// The XLSX output: the tables with their sums as formulas, and the facts as lists.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        backend::xlsx::render(&self.budget, &self.catalog, &self.document)
    }
}

/// Compiles a source file. `catalog` overrides the embedded catalog of the file's 科目版本.
/// A `上年文件` is read and compiled too (`prior`), relative to the file's folder.
pub fn compile(file: SourceFile, catalog: Option<&Catalog>) -> Compiled {
    compile_with(file, catalog, true)
}

/// Compiles a source file without following its `上年文件` (the prior file of a prior file is
/// not needed, and never followed, so a file naming itself cannot loop).
pub fn compile_without_prior(file: SourceFile, catalog: Option<&Catalog>) -> Compiled {
    compile_with(file, catalog, false)
}

fn compile_with(file: SourceFile, given: Option<&Catalog>, follow_prior: bool) -> Compiled {
    let mut diagnostics = Vec::new();
    let catalog = match given {
        Some(c) => c.clone(),
        None => embedded_catalog(&file, &mut diagnostics),
    };
    // The model is built from the parser's stream of statements.
    let (mut budget, build_diags) =
        model::build(syntax::statements(&file, &mut diagnostics), &catalog);
    diagnostics.extend(build_diags);
    if follow_prior {
        if let Some(prior_file) = prior::read(&budget, &file, &mut diagnostics) {
            // The prior file's own 上年文件 is not followed: a file naming itself cannot loop.
            let last = compile_without_prior(prior_file, given);
            let figures = prior::figures(
                &budget,
                &last.budget,
                &last.diagnostics,
                &last.document,
                &mut diagnostics,
            );
            if let Some(p) = figures {
                budget.prior = p;
            }
        }
    }
    let template = templates::of(&budget, &file, &mut diagnostics);
    let catalog = if template.rules.is_empty() {
        catalog
    } else {
        let rules = template.rules.apply(catalog.rules());
        catalog.with_rules(rules)
    };
    let document = document::compute_with(&budget, &catalog, &template);
    if let Some(name) = &budget.template {
        diagnostics.extend(
            document
                .template_errors
                .iter()
                .map(|e| templates::wrong(e, name.span)),
        );
    }
    diagnostics.extend(check::run(&budget, &catalog, &document));
    diag::sort(&mut diagnostics);
    Compiled {
        file,
        budget,
        catalog,
        document,
        diagnostics,
    }
}

/// The embedded catalog named by `科目版本` (or, failing that, `年度`).
fn embedded_catalog(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Catalog {
    let (stated, year) = syntax::catalog_years(file);
    let year = stated.or(year);
    let Some(year) = year else {
        return Catalog::newest_embedded();
    };
    if let Some(c) = Catalog::embedded(&year.value) {
        return c;
    }
    let y = &year.value;
    let years = model::catalog::embedded_years();
    let (zh_list, en_list) = (years.join("、"), years.join(", "));
    let newest = model::catalog::newest_embedded_year();
    diags.push(
        Diagnostic::new("E0105", t!("budc 没有内置 {y} 年的科目表", "budc has no built-in catalog for {y}"))
            .at(year.span, t!("没有这一年的科目表", "no catalog for this year"))
            .with_help(t!(
                "内置科目表：{zh_list}。其他年度或地区请用 --catalog <目录> 指定科目表（格式见 catalog/{newest}/）。",
                "built in: {en_list}. For other years or regions pass --catalog <dir> (format of catalog/{newest}/)."
            )),
    );
    Catalog::rules_only(y)
}
