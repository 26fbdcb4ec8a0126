//! What commands start from: the catalog and the budgets' sources.

use super::ui::{Ui, ERRORS};
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::model::Catalog;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// The catalog of `--catalog DIR`, if given.
pub fn load_catalog(ui: &Ui, dir: Option<&Path>) -> Result<Option<Catalog>, i32> {
    dir.map(|d| catalog_in(ui, d)).transpose()
}

/// The catalog of a folder; what is wrong with it said in the language of the messages.
pub fn catalog_in(ui: &Ui, dir: &Path) -> Result<Catalog, i32> {
    Catalog::from_dir(dir).map_err(|e| {
        let said = e.text();
        let (zh, en) = (&said.zh, &said.en);
        ui.fail(t!("无法读取科目表：{zh}", "cannot read the catalog: {en}"))
    })
}

/// A source as read: decoded, or with the diagnostic of its encoding (and a lossy decoding to
/// show it in).
pub type Source = Result<SourceFile, (SourceFile, Diagnostic)>;

/// Reads (once, bounded) and decodes a source; an encoding problem is a diagnostic, I/O a
/// usage error.
pub fn read_source(ui: &Ui, path: &Path) -> Result<Source, i32> {
    let bytes = crate::files::read_input(path, ui.limits).map_err(|e| ui.file_error(&e))?;
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    Ok(SourceFile::from_bytes(name, bytes))
}

/// Reads and decodes a source the way `check` and `compile` want it: a diagnostic for an
/// encoding problem is drawn at once and counts as an error.
pub fn read_decoded(ui: &mut Ui, path: &Path) -> Result<SourceFile, i32> {
    match read_source(ui, path)? {
        Ok(f) => Ok(f),
        Err((f, d)) => {
            ui.diagnostics(std::slice::from_ref(&d), &f);
            Err(ERRORS)
        }
    }
}

/// The catalog and the `.bud` files of a command over many budgets; files passed over in
/// folders are noted.
pub fn budgets(
    ui: &Ui,
    paths: &[PathBuf],
    catalog: Option<&Path>,
) -> Result<(Option<Catalog>, Vec<PathBuf>), i32> {
    let catalog = load_catalog(ui, catalog)?;
    let found = crate::files::expand(paths).map_err(|e| ui.file_error(&e))?;
    for s in &found.skipped {
        ui.note(s);
    }
    Ok((catalog, found.files))
}
