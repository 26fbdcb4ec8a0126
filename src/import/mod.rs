//! `budc import`: a budget from a workbook. It reads the workbook budc writes (`--format
//! xlsx`: its lists are the facts) and the common layouts of 预算管理一体化 exports (基本支出明细,
//! 项目明细, 绩效目标), finding each sheet's columns by their names, and writes the `.bud` text
//! with, for every word, the cell it came from (`out`), so that the checker's diagnostics can
//! point at cells (`sheet!B12`).
//!
//! `sheet` reads cells and finds headers; `records` turns rows into the budget's facts; this
//! module writes them as statements.

pub(crate) mod out;
mod records;
pub mod sheet;

use crate::diag::{t, Diagnostic, Text};
use crate::model::MoneyUnit;
use crate::span::Span;
pub use out::Out;
pub use records::Records;
pub use sheet::At;

/// What the command line adds to the workbook.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// The amount unit of the budget (else the workbook's, else the base file's).
    pub unit: Option<MoneyUnit>,
    pub department: Option<String>,
    pub year: Option<u16>,
    /// A budget whose header, texts and every other statement are kept, its 基本支出 and 项目
    /// replaced by the workbook's (`budc new`, then import).
    pub base: Option<String>,
    /// The workbook's name, for the comment heading the text.
    pub name: String,
}

/// A problem with one cell: the diagnostic's label spans the cell's text.
#[derive(Debug, Clone)]
pub struct Problem {
    pub at: At,
    pub cell: String,
    pub diagnostic: Diagnostic,
}

impl Problem {
    pub fn new(at: At, cell: &str, code: &'static str, message: Text, help: Text) -> Self {
        let span = Span {
            start: 0,
            end: cell.len(),
        };
        Problem {
            at,
            cell: cell.to_string(),
            diagnostic: Diagnostic::new(code, message)
                .at(span, t!("这一格", "this cell"))
                .with_help(help),
        }
    }
}

/// The result of an import: the text (not yet formatted), where its words came from, the
/// sheets that were read and the problems with cells.
pub struct Imported {
    pub out: Out,
    pub sheets: Vec<String>,
    /// Each sheet read, with what it was read as.
    pub read: Vec<(String, Text)>,
    pub problems: Vec<Problem>,
    pub counts: Counts,
}

/// How many facts were read.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub basic: usize,
    pub projects: usize,
    pub indicators: usize,
}

/// Why nothing could be imported: a usage error, not a cell's.
pub type Refusal = Text;

/// Imports a workbook.
pub fn import(bytes: &[u8], options: &Options) -> Result<Imported, Refusal> {
    let book = sheet::read(bytes).map_err(|e| {
        let (zh, en) = (e.zh, e.en);
        t!("无法读取工作簿：{zh}", "cannot read the workbook: {en}")
    })?;
    let mut records = Records::read(&book, options)?;
    let out = records.write(options);
    Ok(Imported {
        out,
        sheets: book.sheets.iter().map(|s| s.name.clone()).collect(),
        read: records.read.clone(),
        problems: std::mem::take(&mut records.problems),
        counts: records.counts(),
    })
}
