//! `budc fmt`: files rewritten in canonical form, in place; `-` as an editor's filter.

use super::ui::{Ui, ERRORS, OK};
use crate::diag::t;
use crate::fmt::LineEnds;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

pub fn run(ui: &mut Ui, files: &[PathBuf], check: bool) -> i32 {
    let mut worst = OK;
    for path in files {
        let code = if path.as_os_str() == "-" {
            filter(ui)
        } else {
            one(ui, path, check)
        };
        worst = worst.max(code);
    }
    worst
}

/// Standard input to standard output. Whatever cannot be formatted (text that is not UTF-8,
/// syntax errors) comes back unchanged, so an editor piping its buffer through never loses it;
/// the diagnostics go to standard error and the exit code is 1.
fn filter(ui: &mut Ui) -> i32 {
    let bytes = match crate::files::read_input(Path::new("-"), ui.limits) {
        Ok(b) => b,
        Err(e) => return ui.file_error(&e),
    };
    let (out, code) = match SourceFile::decode("<stdin>", &bytes) {
        Err((f, d)) => {
            ui.diagnostics(std::slice::from_ref(&d), &f);
            (bytes.clone(), ERRORS)
        }
        Ok(file) => match crate::fmt::format(&file) {
            Ok(s) => {
                mixed_line_ends(ui, &file);
                (s.into_bytes(), OK)
            }
            Err(diags) => {
                ui.diagnostics(&diags, &file);
                (bytes.clone(), ERRORS)
            }
        },
    };
    match ui.out(&out) {
        Ok(()) => code,
        Err(c) => c,
    }
}

/// One file, read once (a FIFO is not read twice), rewritten in place when it changes.
fn one(ui: &mut Ui, path: &Path, check: bool) -> i32 {
    let original = match crate::files::read_input(path, ui.limits) {
        Ok(b) => b,
        Err(e) => return ui.file_error(&e),
    };
    let file = match SourceFile::decode(path.display().to_string(), &original) {
        Ok(f) => f,
        Err((f, d)) => {
            ui.diagnostics(std::slice::from_ref(&d), &f);
            return ERRORS;
        }
    };
    let formatted = match crate::fmt::format(&file) {
        Ok(s) => {
            mixed_line_ends(ui, &file);
            s
        }
        Err(diags) => {
            ui.diagnostics(&diags, &file);
            return ERRORS;
        }
    };
    if formatted.as_bytes() == original.as_slice() {
        return OK;
    }
    if check {
        let line = format!("{}\n", path.display());
        return match ui.out(line.as_bytes()) {
            Ok(()) => ERRORS,
            Err(c) => c,
        };
    }
    match crate::files::replace_in_place(path, &original, formatted.as_bytes()) {
        Ok(()) => OK,
        Err(e) => ui.file_error(&e),
    }
}

/// The note on a file whose line ends were mixed: fmt gave every line the most frequent one.
fn mixed_line_ends(ui: &Ui, file: &SourceFile) {
    if let Some(note) = LineEnds::of(&file.text).note() {
        let (name, zh, en) = (&file.name, &note.zh, &note.en);
        ui.say(&t!("注意：{name}：{zh}", "note: {name}: {en}"));
    }
}
