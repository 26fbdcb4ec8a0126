//! `budc migrate FILE --to YEAR`: next year's budget from this year's, in place (atomically),
//! every change printed; `--check` only says what would change.

use super::inputs;
use super::ui::{Ui, ERRORS, OK};
use crate::diag::t;
use crate::model::Catalog;
use std::path::Path;

pub fn run(ui: &mut Ui, path: &Path, to: &str, check: bool, catalog: Option<&Path>) -> i32 {
    let target = match inputs::load_catalog(ui, catalog) {
        Ok(Some(c)) => c,
        Ok(None) => match Catalog::embedded(to) {
            Some(c) => c,
            None => {
                let years = crate::model::catalog::embedded_years();
                let (zh, en) = (years.join("、"), years.join(", "));
                return ui.fail(t!(
                    "没有内置 {to} 年的科目表（内置：{zh}；其他年度请用 --catalog <目录>）",
                    "no built-in catalog for {to} (built in: {en}; for other years pass --catalog <dir>)"
                ));
            }
        },
        Err(code) => return code,
    };
    let original = match crate::files::read_input(path, ui.limits) {
        Ok(b) => b,
        Err(e) => return ui.file_error(&e),
    };
    let file = match crate::source::SourceFile::decode(path.display().to_string(), &original) {
        Ok(f) => f,
        Err((f, d)) => {
            ui.diagnostics(std::slice::from_ref(&d), &f);
            return ERRORS;
        }
    };
    let (stated, year) = crate::syntax::catalog_years(&file);
    let previous = stated.or(year).and_then(|y| Catalog::embedded(&y.value));
    let m = match crate::migrate::plan(&file, to, &target, previous.as_ref()) {
        Ok(m) => m,
        Err(why) => {
            let name = &file.name;
            let (zh, en) = (&why.zh, &why.en);
            return ui.fail(t!("{name}：{zh}", "{name}: {en}"));
        }
    };
    let stopped = crate::diag::has_errors(&m.diagnostics);
    ui.diagnostics(&m.diagnostics, &file);
    if stopped {
        return ERRORS;
    }
    let mut listing = String::new();
    for c in &m.changes {
        listing.push_str(&format!(
            "{}:{}: {} → {}\n",
            file.name, c.line, c.old, c.new
        ));
    }
    if let Err(code) = ui.out(listing.as_bytes()) {
        return code;
    }
    let n = m.changes.len();
    let (name, from) = (&file.name, &m.from);
    let warned = !m.diagnostics.is_empty();
    if check {
        ui.say(&t!(
            "{name}：{from} → {to} 需要修改 {n} 处",
            "{name}: {from} → {to} would make {n} changes"
        ));
        return if n > 0 || warned { ERRORS } else { OK };
    }
    if n > 0 {
        // The text was decoded from `original` without its BOM; the edits keep the BOM.
        let bom = original.len().saturating_sub(file.text.len());
        let mut bytes = original.get(..bom).unwrap_or_default().to_vec();
        bytes.extend_from_slice(m.apply(&file.text).as_bytes());
        if let Err(e) = crate::files::replace_in_place(path, &original, &bytes) {
            return ui.file_error(&e);
        }
    }
    ui.say(&t!(
        "{name}：{from} → {to}，修改 {n} 处",
        "{name}: {from} → {to}, {n} changes made"
    ));
    if warned {
        ERRORS
    } else {
        OK
    }
}
