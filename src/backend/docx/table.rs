//! Tables: column widths from their content, merged header rows, data rows, the unit line above
//! a table and the performance-goal tables of the projects.

use super::placing::{landscape, unit_line};
use super::styles::Heading;
use super::text::{
    para, run, spacing, text_twips, Font, LANDSCAPE_TEXT, PORTRAIT_TEXT, SMALL_TEXT, TABLE_TEXT,
};
use super::Body;
use crate::document::{Cell, ColumnKind, Document, Table};
use crate::model::{Budget, Indicator};
use docx_rs::{
    AlignmentType, HeightRule, LineSpacingType, Paragraph, Table as DocxTable, TableAlignmentType,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, VMergeType, WidthType,
};

/// A cell's left and right margins (`tblCellMar`), in twips: 1.5 mm, so a right-aligned amount
/// or a long 指标值 keeps clear of the border.
const CELL_MARGIN: u32 = 85;
/// What a cell needs besides its text: both margins and some slack for the renderer's rounding.
const CELL_PAD: u32 = 2 * CELL_MARGIN + 40;
/// The height of one line of 小五 table text (single spacing), in twips.
const LINE_TWIPS: u32 = 250;
/// Text up to this width (ten characters of 小五) is never wrapped: a label, a code, a short
/// 指标值. Longer text wraps in the width its column gets.
const NO_WRAP_TWIPS: u32 = 10 * 180;

/// 第二部分: every table on its own page, wide ones on landscape pages, each with its title
/// (numbered in the 目录), its unit line and its note.
pub(super) fn budget_tables(body: &mut Body, b: &Budget, doc: &Document) {
    let label = doc.labels.department.as_deref();
    tables(
        body,
        (label, b.department()),
        b.unit().as_str(),
        doc.tables(),
    );
}

/// Tables, each on its own page (wide ones on landscape pages), titled and numbered, with the
/// 部门(单位) line naming `dept` (after the template's label for it, if any) and the unit (the
/// table's own, or `unit`): a budget's tables, or a region's summary.
pub(super) fn tables(body: &mut Body, dept: (Option<&str>, &str), unit: &str, tables: &[Table]) {
    let mut current_landscape = false;
    for (i, t) in tables.iter().enumerate() {
        let wide = landscape(t.id);
        if i > 0 {
            // Each table starts a page; a change of orientation starts a section.
            if wide != current_landscape {
                body.section_end(current_landscape);
            } else {
                body.break_before_next();
            }
        }
        current_landscape = wide;
        let total = if wide { LANDSCAPE_TEXT } else { PORTRAIT_TEXT };
        let numbered = format!("{}{}", t.number_prefix(i), t.title);
        body.heading(&t.title, Heading::TableTitle, Some(&numbered));
        let unit = t.unit.map_or(unit, |u| u.to.as_str());
        body.push(unit_line(dept, unit, total, t.note.is_some()));
        let header_rows = t.header().len();
        body.table(table(t, total), header_rows);
        if let Some(note) = &t.note {
            body.push(
                para(SMALL_TEXT)
                    .line_spacing(spacing(60, 0, 560, LineSpacingType::Exact))
                    .add_run(run(note, SMALL_TEXT)),
            );
        }
    }
    body.section_end(current_landscape);
}

/// What a column needs: the width below which a code, an amount or a label would wrap
/// (`hard`), below which its header or a short text would (`min`), the width it would like
/// (`natural`), and whether it takes a share of the room left over.
struct Need {
    hard: u32,
    min: u32,
    natural: u32,
    grows: bool,
}

/// The width of the widest of `texts` at 小五, with the cell's margins.
fn widest<'a>(texts: impl Iterator<Item = &'a str>) -> u32 {
    texts
        .map(|s| text_twips(s, TABLE_TEXT.size))
        .max()
        .unwrap_or(0)
        + CELL_PAD
}

/// `n` characters of 小五 with the cell's margins.
fn chars(n: u32) -> u32 {
    n * 180 + CELL_PAD
}

/// Widths filling `total` from what each column needs: every column gets its `min`, and the
/// room left goes first to the columns whose text would still wrap, then evenly to the
/// columns that grow. When the minimums do not fit, every column keeps its `hard` width (no
/// amount, code or label wraps) and the rest is shared in proportion to what each lacks; only
/// when even those do not fit are they scaled down together.
fn fit(needs: &[Need], total: u32) -> Vec<u32> {
    let sum = |f: fn(&Need) -> u32| needs.iter().map(f).sum::<u32>();
    let (hard, min) = (sum(|n| n.hard), sum(|n| n.min));
    let share = |base: u32, part: u32, whole: u32| {
        (u64::from(base) * u64::from(part) / u64::from(whole.max(1))) as u32
    };
    let mut w: Vec<u32> = if hard >= total {
        needs.iter().map(|n| share(n.hard, total, hard)).collect()
    } else if min >= total {
        let left = total - hard;
        needs
            .iter()
            .map(|n| n.hard + share(n.min - n.hard, left, min - hard))
            .collect()
    } else {
        let left = total - min;
        let wants: u32 = sum(|n| n.natural - n.min);
        if wants >= left {
            needs
                .iter()
                .map(|n| n.min + share(n.natural - n.min, left, wants))
                .collect()
        } else {
            let growing = needs.iter().filter(|n| n.grows).count().max(1) as u32;
            let each = (left - wants) / growing;
            needs
                .iter()
                .map(|n| n.natural + if n.grows { each } else { 0 })
                .collect()
        }
    };
    let used: u32 = w.iter().sum();
    if let Some(last) = w.last_mut() {
        *last = (*last + total).saturating_sub(used);
    }
    w
}

/// The column widths of a budget table, in twips, filling `total`, from its content: codes and
/// amounts on one line, names as wide as there is room for. Header texts may wrap, but a
/// column is three or four characters wide when there is room, so they wrap in words, not
/// letters.
pub(super) fn widths(t: &Table, total: u32) -> Vec<u32> {
    let needs: Vec<Need> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let texts: Vec<String> = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| cell_text(t, c).0)
                .collect();
            let texts = || texts.iter().map(String::as_str);
            let natural = widest(texts());
            match c.kind {
                ColumnKind::Code => {
                    let hard = natural.max(widest([c.label()].into_iter()));
                    Need {
                        hard,
                        min: hard,
                        natural: hard,
                        grows: false,
                    }
                }
                ColumnKind::Amount => {
                    let hard = natural.max(chars(2));
                    // A short label (日常公用支出) on one line when there is room.
                    let label = widest([c.label()].into_iter());
                    let min = if label <= chars(6) { label } else { chars(3) };
                    Need {
                        hard,
                        min: hard.max(min),
                        natural: hard.max(min).max(chars(4)),
                        grows: true,
                    }
                }
                ColumnKind::Text => Need {
                    hard: natural.min(chars(6)),
                    min: natural.min(NO_WRAP_TWIPS + CELL_PAD).max(chars(4)),
                    natural: natural.max(chars(4)),
                    grows: true,
                },
            }
        })
        .collect();
    fit(&code_groups(t, needs), total)
}

/// The code columns widened so that the header over them (科目编码) keeps on one line.
fn code_groups(t: &Table, mut needs: Vec<Need>) -> Vec<Need> {
    for row in header_grid(t) {
        let mut col = 0;
        for c in row {
            let cols = col..(col + c.span).min(needs.len());
            col += c.span;
            let all_codes = t
                .columns
                .get(cols.clone())
                .is_some_and(|cs| cs.iter().all(|c| c.kind == ColumnKind::Code));
            if c.span < 2 || !all_codes {
                continue;
            }
            let want = widest([c.text.as_str()].into_iter());
            let have: u32 = needs[cols.clone()].iter().map(|n| n.hard).sum();
            let add = want.saturating_sub(have).div_ceil(c.span as u32);
            for n in &mut needs[cols] {
                n.hard += add;
                n.min += add;
                n.natural += add;
            }
        }
    }
    needs
}

/// A grid cell of a header row.
struct GridCell {
    text: String,
    span: usize,
    /// How many rows the cell covers (1 when not merged down).
    rows: usize,
    vmerge: Option<VMergeType>,
}

/// Lays the header's cells (with row and column spans) onto the column grid.
fn header_grid(t: &Table) -> Vec<Vec<GridCell>> {
    let n = t.columns.len();
    // For each column, how many more rows a cell from above still covers.
    let mut covered: Vec<(usize, usize)> = vec![(0, 1); n]; // (rows left, span)
    let mut grid = Vec::new();
    for row in t.header() {
        let mut out = Vec::new();
        let mut cells = row.iter();
        let mut col = 0;
        while col < n {
            if covered[col].0 > 0 {
                let span = covered[col].1;
                covered[col].0 -= 1;
                out.push(GridCell {
                    text: String::new(),
                    span,
                    rows: 1,
                    vmerge: Some(VMergeType::Continue),
                });
                col += span;
                continue;
            }
            let (text, span, rows) = match cells.next() {
                Some(c) => (c.text.clone(), c.col_span.max(1).min(n - col), c.row_span),
                None => (String::new(), 1, 1),
            };
            if rows > 1 {
                covered[col] = (rows - 1, span);
            }
            out.push(GridCell {
                text,
                span,
                rows: rows.max(1),
                vmerge: (rows > 1).then_some(VMergeType::Restart),
            });
            col += span;
        }
        grid.push(out);
    }
    grid
}

/// The height each header row needs so that every header text shows whole, also when the row
/// is repeated on the next page: a text merged down over several rows that the rows' own texts
/// do not make tall enough adds what it lacks to the last of them. (LibreOffice sizes a repeated
/// row by its own cells only, and cut 一般公共预算 to 一般公共.)
fn header_heights(grid: &[Vec<GridCell>], w: &[u32]) -> Vec<u32> {
    let mut heights = vec![LINE_TWIPS + 40; grid.len()];
    // Cells of one row first, then merged cells in order of their depth.
    let mut merged = Vec::new();
    for (r, row) in grid.iter().enumerate() {
        let mut col = 0;
        for c in row {
            let width: u32 = w[col..(col + c.span).min(w.len())].iter().sum();
            col += c.span;
            if c.vmerge == Some(VMergeType::Continue) {
                continue;
            }
            let need = lines(&c.text, width) * LINE_TWIPS + 40;
            if c.rows <= 1 {
                heights[r] = heights[r].max(need);
            } else {
                merged.push((r, c.rows, need));
            }
        }
    }
    merged.sort_by_key(|m| m.1);
    for (r, rows, need) in merged {
        let last = (r + rows).min(grid.len()) - 1;
        let have: u32 = heights[r..=last].iter().sum();
        if need > have {
            heights[last] += need - have;
        }
    }
    heights
}

/// How many lines a text of 小五 takes in a cell of `width` (at least one).
fn lines(text: &str, width: u32) -> u32 {
    let room = width.saturating_sub(2 * CELL_MARGIN).max(180);
    text_twips(text, TABLE_TEXT.size).div_ceil(room).max(1)
}

fn cell(width: u32, text: &str, align: AlignmentType, f: Font) -> TableCell {
    kept_cell(width, text, align, f, false)
}

/// A cell whose paragraph is kept with the next (`keep`): a table whose rows all are, but the
/// last, is kept on one page when it fits.
fn kept_cell(width: u32, text: &str, align: AlignmentType, f: Font, keep: bool) -> TableCell {
    let p = para(f)
        .keep_next(keep)
        .snap_to_grid(false)
        .line_spacing(spacing(0, 0, 240, LineSpacingType::Auto))
        .align(align);
    let p = if text.is_empty() {
        p
    } else {
        p.add_run(run(text, f))
    };
    TableCell::new()
        .width(width as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .add_paragraph(p)
}

/// How a data cell is printed: an amount in the table's unit and decimals.
fn cell_text(t: &Table, c: &Cell) -> (String, AlignmentType) {
    match c {
        Cell::Empty => (String::new(), AlignmentType::Left),
        Cell::Text(s) => (s.clone(), AlignmentType::Left),
        Cell::Amount(d) => (t.format(*d), AlignmentType::Right),
    }
}

/// A bordered table of fixed layout with its column grid.
fn frame(rows: Vec<TableRow>, total: u32, widths: &[u32]) -> DocxTable {
    let border = |p| TableBorder::new(p).size(4);
    let borders = TableBorders::new()
        .set(border(TableBorderPosition::Top))
        .set(border(TableBorderPosition::Left))
        .set(border(TableBorderPosition::Bottom))
        .set(border(TableBorderPosition::Right))
        .set(border(TableBorderPosition::InsideH))
        .set(border(TableBorderPosition::InsideV));
    DocxTable::new(rows)
        .set_grid(widths.iter().map(|w| *w as usize).collect())
        .width(total as usize, WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .set_borders(borders)
        .layout(TableLayoutType::Fixed)
        .margins(
            TableCellMargins::new()
                .margin_left(CELL_MARGIN as usize, WidthType::Dxa)
                .margin_right(CELL_MARGIN as usize, WidthType::Dxa),
        )
}

/// A budget table: merged header rows (marked as header rows by the post-pass, so they repeat
/// on every page), fixed layout and widths from the content.
fn table(t: &Table, total: u32) -> DocxTable {
    let w = widths(t, total);
    let bold = Font {
        bold: true,
        ..TABLE_TEXT
    };
    let grid = header_grid(t);
    let heights = header_heights(&grid, &w);
    let mut rows = Vec::new();
    for (row, height) in grid.into_iter().zip(heights) {
        let mut col = 0;
        let mut cells = Vec::new();
        for c in row {
            let width: u32 = w[col..(col + c.span).min(w.len())].iter().sum();
            let mut tc = cell(width, &c.text, AlignmentType::Center, bold);
            if c.span > 1 {
                tc = tc.grid_span(c.span);
            }
            if let Some(v) = c.vmerge {
                tc = tc.vertical_merge(v);
            }
            cells.push(tc);
            col += c.span;
        }
        rows.push(
            TableRow::new(cells)
                .cant_split()
                .row_height(height as f32)
                .height_rule(HeightRule::AtLeast),
        );
    }
    for r in &t.rows {
        // A total row's label spans the leading blank code and name columns.
        let lead = t.label_span(r);
        let mut cells = Vec::new();
        if lead > 0 {
            let width: u32 = w[..lead].iter().sum();
            cells.push(cell(width, &r.name, AlignmentType::Center, TABLE_TEXT).grid_span(lead));
        }
        for (col, c) in r.cells.iter().enumerate().skip(lead) {
            let (text, align) = cell_text(t, c);
            let align = match t.columns.get(col).map(|c| c.kind) {
                Some(ColumnKind::Code) => AlignmentType::Center,
                _ => align,
            };
            cells.push(cell(w[col], &text, align, TABLE_TEXT));
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    frame(rows, total, &w)
}

/// The header rows of a goal table, repeated on every page: project, department, goal, titles.
const GOAL_HEADER_ROWS: usize = 4;

/// The widths of the goal tables (the same for all, so they line up): 一级 and 二级 labels on
/// one line, the 指标值 as wide as the longest short value, the rest shared.
fn goal_widths(b: &Budget, total: u32) -> [u32; 5] {
    let all = || b.projects.iter().flat_map(|p| p.indicators.iter());
    // A label column (一级, 二级) never wraps; the others keep short texts on one line.
    let label = |natural: u32| Need {
        hard: natural,
        min: natural,
        natural,
        grows: false,
    };
    let text = |natural: u32| Need {
        hard: natural.min(chars(4)),
        min: natural.min(NO_WRAP_TWIPS + CELL_PAD).max(chars(4)),
        natural: natural.max(chars(4)),
        grows: true,
    };
    let needs = [
        // The header rows' labels (项目编码, 主管部门, 绩效目标) share the first column.
        label(widest(
            all()
                .map(|i| i.level1.value.as_str())
                .chain(["一级指标", "项目编码"]),
        )),
        label(widest(
            all().map(|i| i.level2.value.as_str()).chain(["二级指标"]),
        )),
        text(widest(all().map(|i| i.name.value.as_str()))),
        text(widest(
            all()
                .map(|i| i.value.text.value.as_str())
                .chain(["项目名称"]),
        )),
        text(widest(all().map(|i| i.criterion.value.as_str()))),
    ];
    let w = fit(&needs, total);
    [w[0], w[1], w[2], w[3], w[4]]
}

/// The rows of each goal table (by project code) that open a page, found by the pagination
/// pass: a label block cut there starts again, its label restated.
pub(super) type Breaks = std::collections::BTreeMap<String, Vec<usize>>;

/// The height of the text of the tallest page a goal table may take, in twips: an A4 page
/// less its margins and the space around a table.
const PAGE_TEXT_HEIGHT: u32 = 16838 - 2 * 1247 - 900;

/// Whether a project's goal table is taller than a page (it cannot be kept on one), from the
/// lines its texts take in the columns' widths.
fn longer_than_a_page(p: &crate::model::Project, w: &[u32; 5]) -> bool {
    let row = |n: u32| n * LINE_TWIPS + 40;
    let goal = p
        .goal
        .as_ref()
        .map(|g| g.value.as_str())
        .unwrap_or_default();
    let mut height = row(lines(&p.code.value, w[1] + w[2]).max(lines(&p.name.value, w[4])))
        + row(1)
        + row(lines(goal, w[1] + w[2] + w[3] + w[4]))
        + row(1);
    for i in &p.indicators {
        height += row(lines(&i.name.value, w[2])
            .max(lines(&i.value.text.value, w[3]))
            .max(lines(&i.criterion.value, w[4])));
    }
    height > PAGE_TEXT_HEIGHT
}

/// The performance-goal table of each project, in the reference's 5-column layout. A table is
/// kept on one page when it fits (every row but the last kept with the next); a longer one
/// repeats its four header rows on the next page, prints its 一级 and 二级 labels at the top of
/// their blocks (centred in a block cut by the page, a label would fall on the cut) and, where
/// the pagination pass found the page breaks (`breaks`), restates them on the next page.
pub(super) fn goal_tables(body: &mut Body, b: &Budget, dept: &str, breaks: &Breaks) {
    let total = PORTRAIT_TEXT;
    let w = goal_widths(b, total);
    let bold = Font {
        bold: true,
        ..TABLE_TEXT
    };
    let c = AlignmentType::Center;
    let l = AlignmentType::Left;
    for p in &b.projects {
        let long = longer_than_a_page(p, &w);
        let label_align = if long {
            VAlignType::Top
        } else {
            VAlignType::Center
        };
        let mut rows = Vec::new();
        let head = |cells: Vec<TableCell>| TableRow::new(cells).cant_split();
        rows.push(head(vec![
            kept_cell(w[0], "项目编码", c, bold, true),
            kept_cell(w[1] + w[2], &p.code.value, l, TABLE_TEXT, true).grid_span(2),
            kept_cell(w[3], "项目名称", c, bold, true),
            kept_cell(w[4], &p.name.value, l, TABLE_TEXT, true),
        ]));
        rows.push(head(vec![
            kept_cell(w[0], "主管部门", c, bold, true),
            kept_cell(w[1] + w[2] + w[3] + w[4], dept, l, TABLE_TEXT, true).grid_span(4),
        ]));
        let goal = p
            .goal
            .as_ref()
            .map(|g| g.value.as_str())
            .unwrap_or_default();
        rows.push(head(vec![
            kept_cell(w[0], "绩效目标", c, bold, true),
            kept_cell(w[1] + w[2] + w[3] + w[4], goal, l, TABLE_TEXT, true).grid_span(4),
        ]));
        rows.push(head(
            ["一级指标", "二级指标", "三级指标", "指标值", "评扣分标准"]
                .iter()
                .zip(w)
                .map(|(t, cw)| kept_cell(cw, t, c, bold, true))
                .collect(),
        ));
        // 一级 and 二级 print on the first row of their block, merged down over the rest.
        for (i, ind) in p.indicators.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| p.indicators.get(j));
            let next = p.indicators.get(i + 1);
            let same1 =
                |o: Option<&Indicator>| o.is_some_and(|o| o.level1.value == ind.level1.value);
            let same2 = |o: Option<&Indicator>| {
                same1(o) && o.is_some_and(|o| o.level2.value == ind.level2.value)
            };
            let merge = |starts: bool, continues: bool| match (starts, continues) {
                (true, true) => Some(VMergeType::Restart),
                (false, _) => Some(VMergeType::Continue),
                (true, false) => None,
            };
            let opens = |j: usize| breaks.get(&p.code.value).is_some_and(|r| r.contains(&j));
            let (opens_here, opens_next) = (opens(i), opens(i + 1));
            let v1 = merge(!same1(prev) || opens_here, same1(next) && !opens_next);
            let v2 = merge(!same2(prev) || opens_here, same2(next) && !opens_next);
            // A table taller than a page is not kept together (it would leave a page empty
            // before it); its header rows are kept with the first row.
            let keep = !long && i + 1 < p.indicators.len();
            let label = |v: Option<VMergeType>, text: &str| {
                let text = if v == Some(VMergeType::Continue) {
                    ""
                } else {
                    text
                };
                let tc = kept_cell(w[0], text, c, TABLE_TEXT, keep).vertical_align(label_align);
                match v {
                    Some(v) => tc.vertical_merge(v),
                    None => tc,
                }
            };
            let c2 = label(v2, &ind.level2.value).width(w[1] as usize, WidthType::Dxa);
            rows.push(
                TableRow::new(vec![
                    label(v1, &ind.level1.value),
                    c2,
                    kept_cell(w[2], &ind.name.value, l, TABLE_TEXT, keep),
                    kept_cell(w[3], &ind.value.text.value, c, TABLE_TEXT, keep),
                    kept_cell(w[4], &ind.criterion.value, c, TABLE_TEXT, keep),
                ])
                .cant_split(),
            );
        }
        body.table(frame(rows, total, &w), GOAL_HEADER_ROWS);
        body.push(Paragraph::new().line_spacing(spacing(0, 240, 240, LineSpacingType::Auto)));
    }
}
