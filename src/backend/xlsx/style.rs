//! The look of the workbook: cell formats, column widths and the page set-up, shared by every
//! sheet.

use crate::document::prose::thousands;
use crate::document::{Cell, RowLevel};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// The number format of every amount.
pub const AMOUNT_FORMAT: &str = "#,##0.00";

/// The number format of amounts printed with `decimals` (a template's table).
pub fn amount_format(decimals: u32) -> String {
    match decimals {
        0 => "#,##0".to_string(),
        n => format!("#,##0.{}", "0".repeat(n as usize)),
    }
}

const FONT: &str = "宋体";
const TITLE_FONT: &str = "黑体";

/// The formats of the sheets.
pub struct Formats {
    pub title: Format,
    pub unit_left: Format,
    pub unit_right: Format,
    pub header: Format,
    pub code: Format,
    /// Names by depth: 合计 and 类 flush left, 款 indented once, 项 twice.
    pub names: [Format; 3],
    pub name_total: Format,
    pub amount: Format,
    pub amount_total: Format,
    pub text: Format,
    pub note: Format,
}

impl Formats {
    pub fn new() -> Self {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let name = cell.clone().set_align(FormatAlign::Left);
        let amount = cell
            .clone()
            .set_num_format(AMOUNT_FORMAT)
            .set_align(FormatAlign::Right);
        Formats {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            unit_left: base.clone().set_align(FormatAlign::Left),
            unit_right: base.clone().set_align(FormatAlign::Right),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(0xF2F2F2),
            code: cell.clone().set_align(FormatAlign::Center),
            names: [
                name.clone(),
                name.clone().set_indent(1),
                name.clone().set_indent(2),
            ],
            name_total: name.clone().set_bold().set_align(FormatAlign::Center),
            amount_total: amount.clone().set_bold(),
            amount,
            text: cell.clone().set_align(FormatAlign::Left).set_text_wrap(),
            note: base.set_align(FormatAlign::Left),
        }
    }

    /// The format of a name in a row of this level.
    pub fn name(&self, level: RowLevel) -> &Format {
        match level {
            RowLevel::Total => &self.name_total,
            RowLevel::Section => &self.names[1],
            RowLevel::Item => &self.names[2],
            RowLevel::Class | RowLevel::Project | RowLevel::Line => &self.names[0],
        }
    }
}

/// A column's width in Excel's units (about one digit each; a Chinese character takes two).
pub fn text_width(s: &str) -> f64 {
    UnicodeWidthStr::width(s) as f64
}

/// How wide a cell prints.
pub fn cell_width(c: &Cell) -> f64 {
    match c {
        Cell::Empty => 0.0,
        Cell::Text(s) => text_width(s),
        Cell::Amount(d) => amount_width(*d),
    }
}

pub fn amount_width(d: Decimal) -> f64 {
    text_width(&thousands(d))
}

/// The width of a column from the widest of its cells and its header: a header of up to ten
/// Chinese characters fits on one line (a reader without Chinese line breaking, as LibreOffice
/// in an English locale, wraps only at punctuation), longer ones wrap; some padding; amount
/// columns alike (at least 12); at most 50.
pub fn column_width(cells: f64, header: f64, amount: bool) -> f64 {
    let least = if amount { 12.0 } else { 5.0 };
    (cells.max(header.min(20.0)) + 2.0).clamp(least, 50.0)
}

/// The height of a row whose widest text needs `lines` lines (10-point text).
pub fn row_height(lines: f64) -> f64 {
    13.5 * lines.max(1.0) + 1.5
}

/// Page set-up: A4, landscape when wide, fit to the page's width, the header rows
/// `repeat` printed on every page, page numbers in the footer.
pub fn page_setup(
    ws: &mut Worksheet,
    landscape: bool,
    repeat: Option<(u32, u32)>,
) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}
