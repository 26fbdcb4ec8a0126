//! The XLSX backend: the twelve tables as a workbook whose sums are live formulas, plus the
//! facts (基本支出 and 项目支出 lines, 绩效目标) as lists. It renders the document model and
//! computes no figure of its own: every formula's cached result is the document's exact
//! figure, and a sum that would not give it is written as the number (`formulas`).
//!
//! `formulas` plans which cells are sums, `refs` places the cells and writes the formulas'
//! text, `tables` writes a table sheet, `facts` the lists, `style` the formats and page set-up,
//! `names` the sheet names.

pub mod facts;
pub mod formulas;
mod names;
pub mod records;
mod refs;
mod style;
mod tables;

use crate::diag::{t, Text};
use crate::document::Document;
use crate::model::{Budget, Catalog};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

pub use names::sheet_names;

/// The names of the workbook's sheets, in order: the twelve tables, then the lists.
pub fn sheets(doc: &Document) -> Vec<String> {
    let titles: Vec<&str> = doc
        .tables()
        .iter()
        .map(|t| t.title.as_str())
        .chain(LISTS)
        .collect();
    sheet_names(titles)
}

/// The titles of the list sheets, after the tables: the facts as lists, then the sheets that
/// carry the rest of the budget (`records`), for `budc import`.
pub const LISTS: [&str; 12] = [
    "绩效目标",
    "基本支出明细",
    "项目支出明细",
    "项目信息",
    "项目经济分类",
    "政府采购明细",
    "项目三公经费",
    "部门信息",
    "二级单位",
    "文字说明",
    "上年数",
    "核对数",
];

/// The XLSX bytes. The same budget gives the same bytes: the workbook's dates come from the
/// budget's year, never from the clock.
pub fn render(b: &Budget, catalog: &Catalog, doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let year = b.year().clamp(1900, 9999);
    let date = ExcelDateTime::from_ymd(year, 1, 1)?;
    let title = format!("{} 年{}部门预算", b.year(), b.department());
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_company(b.department())
            .set_creation_datetime(&date),
    );
    let names = sheets(doc);
    let tables = doc.tables();
    let locator = refs::Locator::new(tables, &names);
    let plan = formulas::plan(doc);
    let formats = style::Formats::new();
    let empty = Default::default();
    for (i, t) in tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(names.get(i).map(String::as_str).unwrap_or(&t.title))?;
        let sheet = tables::Sheet {
            department: b.department(),
            label: doc.labels.department.as_deref(),
            unit: b.unit().as_str(),
            index: i,
            sums: plan.get(i).unwrap_or(&empty),
            locator: &locator,
            formats: &formats,
        };
        tables::write(ws, t, &sheet)?;
    }
    let lists = [
        facts::goals(b),
        facts::basic(b, catalog),
        facts::projects(b, catalog),
        records::projects(b),
        records::economics(b),
        records::procurement(b),
        records::three_public(b),
        records::department(b),
        records::sub_units(b),
        records::texts(b),
        records::prior(b),
        records::stated(b),
    ];
    for (i, list) in lists.iter().enumerate() {
        let ws = wb.add_worksheet();
        if let Some(name) = names.get(tables.len() + i) {
            ws.set_name(name)?;
        }
        facts::write(ws, list, b.department(), &formats)?;
    }
    wb.save_to_buffer()
}

/// The XLSX bytes of tables that stand alone (a region's summary, `budc region`): one sheet
/// per table, as a budget's tables are written, their sums as formulas, the 部门（单位） line
/// naming `dept`. Deterministic: dated 1 January of `year`.
pub fn render_tables(
    title: &str,
    dept: &str,
    unit: &str,
    year: u16,
    tables: &[crate::document::Table],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(year.clamp(1900, 9999), 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_company(dept)
            .set_creation_datetime(&date),
    );
    let names = sheet_names(tables.iter().map(|t| t.title.as_str()));
    let locator = refs::Locator::new(tables, &names);
    let plan = formulas::plan_tables(tables);
    let formats = style::Formats::new();
    let empty = Default::default();
    for (i, t) in tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(names.get(i).map(String::as_str).unwrap_or(&t.title))?;
        let sheet = tables::Sheet {
            department: dept,
            label: None,
            unit,
            index: i,
            sums: plan.get(i).unwrap_or(&empty),
            locator: &locator,
            formats: &formats,
        };
        tables::write(ws, t, &sheet)?;
    }
    wb.save_to_buffer()
}

/// Why a workbook could not be written, in words: the limits of Excel a budget can reach (rows,
/// the length of a text) in Chinese or English; anything else as the library says it.
pub fn error_text(e: &XlsxError) -> Text {
    match e {
        XlsxError::RowColumnLimitError => t!(
            "无法生成 XLSX：表格超出 Excel 的上限（每表 1,048,576 行、16,384 列）",
            "cannot build the XLSX: a table exceeds Excel's limits (1,048,576 rows, 16,384 columns)"
        ),
        XlsxError::MaxStringLengthExceeded => t!(
            "无法生成 XLSX：有一段文字超出 Excel 单元格的上限（32,767 个字符）",
            "cannot build the XLSX: a text exceeds Excel's limit for a cell (32,767 characters)"
        ),
        e => t!("无法生成 XLSX：{e}", "cannot build the XLSX: {e}"),
    }
}
