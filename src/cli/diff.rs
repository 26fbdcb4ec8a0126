//! `budc diff`: what changed between two budgets, in budget terms; also git's diff driver.

use super::args::DiffFormat;
use super::inputs;
use super::ui::{has_syntax_errors, Ui, ERRORS, OK, USAGE};
use crate::diag::t;
use crate::model::Catalog;
use crate::source::SourceFile;
use std::path::Path;

pub fn run(
    ui: &mut Ui,
    files: &[String],
    git: Option<&str>,
    git_external: bool,
    format: DiffFormat,
    catalog: Option<&Path>,
) -> i32 {
    let catalog = match inputs::load_catalog(ui, catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (old_name, old_bytes, new_name, new_bytes) = match sides(ui, files, git, git_external) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let old = match side(ui, old_name, &old_bytes, catalog.as_ref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let new = match side(ui, new_name, &new_bytes, catalog.as_ref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let d = crate::diff::diff(&old, &new);
    let format = match format {
        DiffFormat::Text => crate::diff::Format::Text,
        DiffFormat::Markdown => crate::diff::Format::Markdown,
        DiffFormat::Json => crate::diff::Format::Json,
    };
    let mut text = crate::diff::render(&d, format, new.budget.unit(), ui.lang);
    if git_external && format == crate::diff::Format::Text {
        // git shows one block per changed file: name it, as `git diff` does.
        text = format!("diff --budc {} {}\n{text}", old.file.name, new.file.name);
    }
    if let Err(code) = ui.out(text.as_bytes()) {
        return code;
    }
    if git_external || d.is_empty() {
        OK
    } else {
        ERRORS
    }
}

/// The names and bytes of the two sides.
fn sides(
    ui: &Ui,
    files: &[String],
    git: Option<&str>,
    git_external: bool,
) -> Result<(String, Vec<u8>, String, Vec<u8>), i32> {
    let read =
        |p: &str| crate::files::read_input(Path::new(p), ui.limits).map_err(|e| ui.file_error(&e));
    match (git, git_external, files) {
        (Some(rev), _, [file]) => {
            let out = std::process::Command::new("git")
                .args(["show", &format!("{rev}:./{file}")])
                .output();
            let old = match out {
                Ok(o) if o.status.success() => o.stdout,
                Ok(o) => {
                    let why = String::from_utf8_lossy(&o.stderr).trim().to_string();
                    return Err(ui.fail(t!("git：{why}", "git: {why}")));
                }
                Err(e) => return Err(ui.fail(t!("无法运行 git：{e}", "cannot run git: {e}"))),
            };
            Ok((format!("{rev}:{file}"), old, file.clone(), read(file)?))
        }
        // git gives: path old-file old-hex old-mode new-file new-hex new-mode.
        (None, true, [path, old, _, _, new, _, _]) => Ok((
            format!("a/{path}"),
            read(old)?,
            format!("b/{path}"),
            read(new)?,
        )),
        (None, false, [old, new]) => Ok((old.clone(), read(old)?, new.clone(), read(new)?)),
        _ => Err(ui.fail(t!(
            "用法：budc diff OLD NEW，或 budc diff --git REV FILE",
            "usage: budc diff OLD NEW, or budc diff --git REV FILE"
        ))),
    }
}

/// Compiles one side; a side that is not UTF-8 or has syntax errors cannot be compared.
fn side(
    ui: &mut Ui,
    name: String,
    bytes: &[u8],
    catalog: Option<&Catalog>,
) -> Result<crate::Compiled, i32> {
    let file = match SourceFile::decode(name, bytes) {
        Ok(f) => f,
        Err((f, d)) => {
            ui.diagnostics(std::slice::from_ref(&d), &f);
            return Err(USAGE);
        }
    };
    let c = crate::compile(file, catalog);
    if has_syntax_errors(&c.diagnostics) {
        let syntax: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| crate::diag::codes::is_syntax(d.code))
            .cloned()
            .collect();
        ui.diagnostics(&syntax, &c.file);
        return Err(USAGE);
    }
    Ok(c)
}
