//! Next year's budget from this year's (`budc migrate FILE --to 2025`): the codes and names that
//! changed between two catalog years are rewritten as the later catalog's crosswalk
//! (`from-<year>.tsv`) says, and the `年度` and `科目版本` lines name the new year. Nothing else
//! changes: the edits replace single tokens of the text, so comments and layout stay byte for
//! byte. A code the crosswalk removes (or that the later catalog lacks) has no successor: it is
//! reported where it stands and left as it is.

use crate::diag::{t, Diagnostic, Severity, Text};
use crate::model::catalog::{normalize_name, Catalog, Crosswalk};
use crate::model::catalog_shape::classification_of;
use crate::model::Source;
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{CodeRef, Stmt, Word};

/// One token replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its place in the source text.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
    pub old: String,
    pub new: String,
}

/// What a migration does to a file.
#[derive(Debug, Clone, Default)]
pub struct Migration {
    /// The year the budget was written for (its `科目版本`, else its `年度`).
    pub from: String,
    pub to: String,
    /// The tokens replaced, in source order.
    pub changes: Vec<Change>,
    /// The codes without a successor (warnings, W0302), and syntax errors that stop it.
    pub diagnostics: Vec<Diagnostic>,
}

impl Migration {
    /// The text with every change made.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for c in &self.changes {
            out.push_str(text.get(at..c.span.start).unwrap_or_default());
            out.push_str(&c.new);
            at = c.span.end;
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }
}

/// Plans the migration of `file` to the catalog `to` (of year `year`). `previous` is the
/// catalog of the budget's year when budc has it: a code it lists and `to` lacks, with no row
/// in the crosswalk, is reported as removed too. Errors are the reasons it cannot start.
pub fn plan(
    file: &SourceFile,
    year: &str,
    to: &Catalog,
    previous: Option<&Catalog>,
) -> Result<Migration, Text> {
    let (stated, written) = crate::syntax::catalog_years(file);
    let Some(from) = stated.or(written).map(|w| w.value) else {
        return Err(t!(
            "预算没有写“科目版本”或“年度”，无法确定原来的科目表",
            "the budget states neither 科目版本 nor 年度: its catalog year is unknown"
        ));
    };
    let mut m = Migration {
        from: from.clone(),
        to: year.to_string(),
        ..Migration::default()
    };
    let mut syntax = Vec::new();
    let lines: Vec<_> = crate::syntax::statements(file, &mut syntax).collect();
    if syntax.iter().any(|d| d.severity == Severity::Error) {
        m.diagnostics = syntax;
        return Ok(m);
    }
    let empty = Crosswalk::default();
    let crosswalk = if from == year {
        &empty
    } else {
        match to.crosswalk_from(&from) {
            Some(c) => c,
            None => {
                return Err(t!(
                    "{year} 年的科目表没有从 {from} 年来的对照表（from-{from}.tsv）",
                    "the {year} catalog has no crosswalk from {from} (from-{from}.tsv)"
                ))
            }
        }
    };
    let mut w = Walker {
        file,
        crosswalk,
        to,
        previous: previous.filter(|p| p.year == from),
        m: &mut m,
    };
    for line in &lines {
        match &line.stmt {
            Stmt::Year(y) | Stmt::CatalogYear(y) if y.value != year => {
                w.change(y, year.to_string());
            }
            Stmt::BasicLine { func, econ, .. } => {
                w.code(func, None);
                if let Some(econ) = econ {
                    w.code(econ, None);
                }
            }
            Stmt::Allocation { func, source, .. } | Stmt::ProjectTotal { func, source, .. } => {
                w.code(func, source.as_ref())
            }
            Stmt::Economic { econ, .. } => w.code(econ, None),
            Stmt::Procurement { func: Some(f), .. } => w.code(
                &CodeRef {
                    code: f.clone(),
                    name: None,
                },
                None,
            ),
            _ => {}
        }
    }
    m.changes.sort_by_key(|c| c.span.start);
    Ok(m)
}

struct Walker<'a> {
    file: &'a SourceFile,
    crosswalk: &'a Crosswalk,
    to: &'a Catalog,
    previous: Option<&'a Catalog>,
    m: &'a mut Migration,
}

impl Walker<'_> {
    fn change(&mut self, word: &Word, new: String) {
        self.m.changes.push(Change {
            span: word.span,
            line: self.file.position(word.span.start).line,
            old: word.value.clone(),
            new,
        });
    }

    /// A code with its name (or, after a functional code, the word that may be its name).
    fn code(&mut self, r: &CodeRef, after: Option<&Word>) {
        let code = &r.code.value;
        // The word after an allocation's code is its source keyword, or else its name.
        let name = r
            .name
            .as_ref()
            .or(after.filter(|w| Source::parse(&w.value).is_none()));
        let (from, to) = (self.m.from.clone(), self.m.to.clone());
        let Some(row) = self.crosswalk.of_old(code) else {
            let class = classification_of(code);
            let was = class.and_then(|k| self.previous.and_then(|p| p.entry(k, code)));
            let is = class.and_then(|k| self.to.entry(k, code));
            if was.is_some() && is.is_none() {
                self.removed(r, &from, &to);
            }
            return;
        };
        if row.new_code == "-" {
            self.removed(r, &from, &to);
            return;
        }
        if row.new_code != *code {
            self.change(&r.code, row.new_code.clone());
        }
        if let Some(n) = name {
            let written = normalize_name(&n.value);
            if written == normalize_name(&row.old_name) && written != normalize_name(&row.new_name)
            {
                self.change(n, row.new_name.clone());
            }
        }
    }

    fn removed(&mut self, r: &CodeRef, from: &str, to: &str) {
        let code = &r.code.value;
        let mut d = Diagnostic::new(
            "W0302",
            t!(
                "科目 {code} 在 {to} 年的科目表中已删除，没有接续的科目；原样保留",
                "code {code} was removed in the {to} catalog and has no successor; left as it is"
            ),
        )
        .at(
            r.code.span,
            t!("{to} 年没有这个科目", "not in the {to} catalog"),
        )
        .with_help(t!(
            "按 {to} 年的科目表改用合适的科目（budc catalog diff {from} {to}）",
            "choose a code of the {to} catalog for it (budc catalog diff {from} {to})"
        ));
        d.severity = Severity::Warning;
        self.m.diagnostics.push(d);
    }
}
