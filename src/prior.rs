//! `上年文件 <path>`: last year's budget given as a whole `.bud` file. `read` reads it, the
//! compiler compiles it (its own catalog year, its own checks; its own `上年文件` is not
//! followed), and `figures` takes every prior-year figure of this budget from its document:
//! 收支, income by source, 基本支出, 项目支出, 机关运行经费 and 三公 by item. The figures point at
//! the `上年文件` line, so a diagnostic about a prior figure shows where it came from.

use crate::diag::t;
use crate::diag::Diagnostic;
use crate::document::{Document, Figures};
use crate::files::read::read_input;
use crate::files::Limits;
use crate::model::{Budget, Income, Money, Prior, ThreePublicKind};
use crate::source::{SourceFile, Span, Spanned};
use std::path::{Path, PathBuf};

/// The `上年文件` of a budget, read: `None` when it names none, or when it cannot serve (the
/// diagnostic is in `diags`: a 上年 block beside it, a file that cannot be read or is not UTF-8).
/// `file` is this budget's source: the path is relative to its folder. The caller compiles it
/// (without following its own `上年文件`) and hands it to `figures`.
pub fn read(budget: &Budget, file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let path = budget.prior_file.as_ref()?;
    if let Some(block) = budget.prior_block {
        diags.push(
            Diagnostic::new(
                "E0102",
                t!(
                    "上年数写了两次：既有“上年文件”又有“上年”块",
                    "last year is given twice: a 上年文件 and a 上年 block"
                ),
            )
            .at(path.span, t!("上年文件", "上年文件"))
            .also(block, t!("上年块", "上年 block"))
            .with_help(t!(
                "二者取其一：有上年的 .bud 文件时，删去“上年”块，上年数全部由文件推算。",
                "keep one: with last year's .bud file, delete the 上年 block; every prior figure is derived from the file."
            )),
        );
        return None;
    }
    let full = resolve(&file.name, &path.value);
    let shown = &path.value;
    let bytes = match read_input(&full, Limits::default()) {
        Ok(b) => b,
        Err(e) => {
            let (zh, en) = (e.line(crate::diag::Lang::Zh), e.line(crate::diag::Lang::En));
            diags.push(
                Diagnostic::new(
                    "E0107",
                    t!("读不到上年文件“{shown}”", "cannot read the prior-year file “{shown}”"),
                )
                .at(path.span, t!("{zh}", "{en}"))
                .with_help(t!(
                    "路径相对于本文件所在的目录；核对文件名，或删去这一行改写“上年”块。",
                    "the path is relative to this file's folder; check the name, or delete this line and write a 上年 block."
                )),
            );
            return None;
        }
    };
    match SourceFile::from_bytes(full.display().to_string(), bytes) {
        Ok(f) => Some(f),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    "E0107",
                    t!(
                        "上年文件“{shown}”不是 UTF-8 编码",
                        "the prior-year file “{shown}” is not UTF-8"
                    ),
                )
                .at(path.span, t!("不是 UTF-8", "not UTF-8"))
                .with_help(t!(
                    "用 budc check 检查该文件，转成 UTF-8 后再引用。",
                    "check that file with budc check and convert it to UTF-8."
                )),
            );
            None
        }
    }
}

/// Last year's figures from its compiled budget (`prior`, its diagnostics and document), for
/// `budget`: `None` when that budget has errors or is not the year before (the diagnostic is in
/// `diags`).
pub fn figures(
    budget: &Budget,
    prior: &Budget,
    prior_diags: &[Diagnostic],
    document: &Document,
    diags: &mut Vec<Diagnostic>,
) -> Option<Prior> {
    let path = budget.prior_file.as_ref()?;
    let shown = &path.value;
    let errors = prior_diags
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .count();
    if errors > 0 {
        diags.push(
            Diagnostic::new(
                "E0107",
                t!(
                    "上年文件“{shown}”有 {errors} 个错误",
                    "the prior-year file “{shown}” has {errors} errors"
                ),
            )
            .at(path.span, t!("上年文件有错", "errors in it"))
            .with_help(t!(
                "先用 budc check 改正上年文件：上年数由它推算。",
                "fix that file first (budc check it): the prior figures are derived from it."
            )),
        );
        return None;
    }
    let (this, that) = (budget.year(), prior.year());
    if this != 0 && that.checked_add(1) != Some(this) {
        let want = this.saturating_sub(1);
        diags.push(
            Diagnostic::new(
                "E0107",
                t!(
                    "上年文件是 {that} 年的预算，应为 {want} 年",
                    "the prior-year file is the {that} budget, not {want}"
                ),
            )
            .at(path.span, t!("年度不对", "wrong year"))
            .with_help(t!(
                "上年文件须是 {want} 年的部门预算。",
                "the prior-year file must be the {want} budget."
            )),
        );
        return None;
    }
    Some(figures_of(&document.figures, path.span))
}

/// The prior-year figures of a budget's figures, each at `span` (the `上年文件` line).
fn figures_of(f: &Figures, span: Span) -> Prior {
    let at = |d| -> Money { Spanned::new(d, span) };
    Prior {
        total: Some(at(f.expenditure_total)),
        basic: Some(at(f.basic)),
        project: Some(at(f.project)),
        operating_cost: f.operating_cost.map(at),
        income: f
            .income
            .iter()
            .map(|(source, d)| Income {
                source: *source,
                amount: at(*d),
                span,
            })
            .collect(),
        three_public: ThreePublicKind::ALL
            .iter()
            .map(|k| (*k, at(f.three_public.current(*k))))
            .collect(),
    }
}

/// The prior file's path: relative to the folder of this budget's file (its name as given, or
/// a `file://` URI from an editor).
pub(crate) fn resolve(this: &str, prior: &str) -> PathBuf {
    let prior = Path::new(prior);
    if prior.is_absolute() {
        return prior.to_path_buf();
    }
    let this = match this.strip_prefix("file://") {
        Some(uri) => percent_decode(uri),
        None => this.to_string(),
    };
    let folder = Path::new(&this).parent().unwrap_or(Path::new(""));
    folder.join(prior)
}

/// `%E4%B8%8A` → the bytes they stand for (URIs from editors escape non-ASCII paths).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_budget_file() {
        assert_eq!(
            resolve("examples/a-2024.bud", "a-2023.bud"),
            Path::new("examples/a-2023.bud")
        );
        assert_eq!(resolve("a-2024.bud", "a-2023.bud"), Path::new("a-2023.bud"));
        assert_eq!(
            resolve("file:///home/u/%E9%A2%84%E7%AE%97/a.bud", "b.bud"),
            Path::new("/home/u/预算/b.bud")
        );
        assert_eq!(resolve("x/a.bud", "/abs/b.bud"), Path::new("/abs/b.bud"));
    }
}
