//! The DOCX backend: the publishable 部门预算 in the official layout, written as
//! WordprocessingML. It renders the views (tables and figures) and the model's prose; it computes
//! no sums of its own.
//!
//! Why not docx-rs (the stack's choice): its output needs a post-pass that rewrites the zip
//! entries (stored, not deflated), the paragraph ids (duplicates, process-global counters), the
//! table header rows (no `w:tblHeader`), the contents (renders as field code in LibreOffice) and
//! the document dates. Writing the few XML parts directly is smaller, deterministic by
//! construction, and gives exact control over merges, widths and sections.

use super::figures::{Change, Figures};
use super::views::{Cell, ColumnId, ColumnKind, Document, RowLevel, Table, TableId};
use crate::model::{Budget, Source, ThreePublicKind};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::io::Write as _;

// Page geometry in twentieths of a point (A4).
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const MARGIN: u32 = 1247; // 2.2 cm
const PORTRAIT_TEXT: u32 = A4_W - 2 * MARGIN;
const LANDSCAPE_TEXT: u32 = A4_H - 2 * MARGIN;

// Fonts: the official families, with fallbacks declared in fontTable.xml.
const TITLE_FONT: &str = "方正小标宋简体";
const HEADING_FONT: &str = "黑体";
const BODY_FONT: &str = "仿宋_GB2312";
const TABLE_FONT: &str = "宋体";

/// Escapes text for XML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `16028.22` → `16,028.22`.
pub fn thousands(d: Decimal) -> String {
    let s = format!("{:.2}", d);
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    Right,
    Both,
}

impl Align {
    fn val(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// Run properties: font, size in half-points, bold.
#[derive(Clone, Copy)]
struct Font {
    east_asia: &'static str,
    size: u32,
    bold: bool,
}

const BODY: Font = Font {
    east_asia: BODY_FONT,
    size: 32, // 三号 16pt
    bold: false,
};
const TABLE_TEXT: Font = Font {
    east_asia: TABLE_FONT,
    size: 18, // 小五 9pt
    bold: false,
};

fn rpr(f: Font) -> String {
    format!(
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{}\" w:cs=\"Times New Roman\"/>{}<w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/></w:rPr>",
        f.east_asia,
        if f.bold { "<w:b/><w:bCs/>" } else { "" },
        f.size,
        f.size
    )
}

fn run(text: &str, f: Font) -> String {
    format!(
        "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        rpr(f),
        esc(text)
    )
}

/// The body being built: paragraphs and tables, with unique paragraph ids and bookmarks.
struct Body {
    xml: String,
    para_id: u32,
    bookmark: u32,
    /// Contents entries: (level, text, bookmark name).
    toc: Vec<(u8, String, String)>,
}

impl Body {
    fn new() -> Self {
        Body {
            xml: String::new(),
            para_id: 0,
            bookmark: 0,
            toc: Vec::new(),
        }
    }

    fn next_id(&mut self) -> String {
        self.para_id += 1;
        format!("{:08X}", self.para_id)
    }

    /// A paragraph with properties `ppr` (inside `<w:pPr>`) and inner runs.
    fn para(&mut self, ppr: &str, runs: &str) {
        let id = self.next_id();
        let _ = write!(
            self.xml,
            "<w:p w14:paraId=\"{id}\" w14:textId=\"{id}\"><w:pPr>{ppr}</w:pPr>{runs}</w:p>"
        );
    }

    fn text(&mut self, text: &str, f: Font, align: Align, indent_first: bool) {
        let ind = if indent_first {
            "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
        } else {
            ""
        };
        let ppr = format!(
            "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/>{ind}<w:jc w:val=\"{}\"/>",
            align.val()
        );
        self.para(&ppr, &run(text, f));
    }

    /// A body paragraph (仿宋 三号, first-line indent, justified).
    fn prose(&mut self, text: &str) {
        self.text(text, BODY, Align::Both, true);
    }

    /// A heading with a bookmark, listed in the contents at `level` (0 = part, 1 = section).
    fn heading(&mut self, text: &str, level: u8, f: Font, align: Align, in_toc: bool) {
        let ppr = format!(
            "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\" w:line=\"560\" w:lineRule=\"exact\"/><w:jc w:val=\"{}\"/><w:outlineLvl w:val=\"{level}\"/>",
            align.val()
        );
        if !in_toc {
            return self.para(&ppr, &run(text, f));
        }
        self.bookmark += 1;
        let name = format!("_Toc{:05}", self.bookmark);
        let runs = format!(
            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>{}<w:bookmarkEnd w:id=\"{id}\"/>",
            run(text, f),
            id = self.bookmark
        );
        self.para(&ppr, &runs);
        self.toc.push((level, text.to_string(), name));
    }

    /// A heading listed in the contents under another text (the tables are numbered there).
    fn heading_toc_as(
        &mut self,
        text: &str,
        toc: &str,
        level: u8,
        f: Font,
        align: Align,
        in_toc: bool,
    ) {
        self.heading(text, level, f, align, in_toc);
        if let Some(last) = self.toc.last_mut() {
            last.1 = toc.to_string();
        }
    }

    fn page_break(&mut self) {
        self.para("", "<w:r><w:br w:type=\"page\"/></w:r>");
    }

    /// Ends a section: the section properties go into an empty paragraph.
    fn section_end(&mut self, landscape: bool) {
        self.para(&sect_pr(landscape), "");
    }
}

fn sect_pr(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (A4_H, A4_W, " w:orient=\"landscape\"")
    } else {
        (A4_W, A4_H, "")
    };
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{m}\" w:right=\"{m}\" w:bottom=\"{m}\" w:left=\"{m}\" w:header=\"851\" w:footer=\"851\" w:gutter=\"0\"/><w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"312\"/></w:sectPr>",
        m = MARGIN
    )
}

/// The column widths of a table, in twips, filling `total`.
fn widths(t: &Table, total: u32) -> Vec<u32> {
    let weights: Vec<u32> = t
        .columns
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Code
                if matches!(
                    c.id,
                    ColumnId::Class | ColumnId::DeptClass | ColumnId::GovClass
                ) =>
            {
                7
            }
            ColumnKind::Code => 5,
            ColumnKind::Amount => 11,
            ColumnKind::Text if c.id == ColumnId::ProjectType => 10,
            ColumnKind::Text if t.id == TableId::ProjectExpenditure => 42,
            ColumnKind::Text
                if matches!(c.id, ColumnId::IncomeItem | ColumnId::ExpenditureItem) =>
            {
                26
            }
            ColumnKind::Text => 30,
        })
        .collect();
    let sum: u32 = weights.iter().sum::<u32>().max(1);
    let mut w: Vec<u32> = weights.iter().map(|x| x * total / sum).collect();
    let used: u32 = w.iter().sum();
    if let Some(last) = w.last_mut() {
        *last += total - used;
    }
    w
}

/// A grid cell of a header row.
struct GridCell {
    text: String,
    span: usize,
    vmerge: Option<bool>, // Some(true) restart, Some(false) continue
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
                    vmerge: Some(false),
                });
                col += span;
                continue;
            }
            match cells.next() {
                Some(c) => {
                    let span = c.col_span.max(1).min(n - col);
                    let vmerge = (c.row_span > 1).then_some(true);
                    if c.row_span > 1 {
                        covered[col] = (c.row_span - 1, span);
                    }
                    out.push(GridCell {
                        text: c.text.clone(),
                        span,
                        vmerge,
                    });
                    col += span;
                }
                None => {
                    out.push(GridCell {
                        text: String::new(),
                        span: 1,
                        vmerge: None,
                    });
                    col += 1;
                }
            }
        }
        grid.push(out);
    }
    grid
}

fn cell_xml(
    width: u32,
    span: usize,
    vmerge: Option<bool>,
    text: &str,
    align: Align,
    f: Font,
    id: String,
) -> String {
    let mut tcpr = format!("<w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(tcpr, "<w:gridSpan w:val=\"{span}\"/>");
    }
    match vmerge {
        Some(true) => tcpr.push_str("<w:vMerge w:val=\"restart\"/>"),
        Some(false) => tcpr.push_str("<w:vMerge/>"),
        None => {}
    }
    tcpr.push_str("<w:vAlign w:val=\"center\"/>");
    let runs = if text.is_empty() {
        String::new()
    } else {
        run(text, f)
    };
    format!(
        "<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p w14:paraId=\"{id}\" w14:textId=\"{id}\"><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"{}\"/></w:pPr>{runs}</w:p></w:tc>",
        align.val()
    )
}

/// How a data cell is printed.
fn cell_text(c: &Cell) -> (String, Align) {
    match c {
        Cell::Empty => (String::new(), Align::Left),
        Cell::Text(s) => (s.clone(), Align::Left),
        Cell::Amount(d) => (thousands(*d), Align::Right),
    }
}

/// The start of a bordered table of fixed layout with its column grid.
fn table_open(total: u32, widths: &[u32]) -> String {
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let mut x = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    );
    for cw in widths {
        let _ = write!(x, "<w:gridCol w:w=\"{cw}\"/>");
    }
    x.push_str("</w:tblGrid>");
    x
}

/// Writes a table: header rows repeated on every page (`w:tblHeader`), fixed layout and widths.
fn table_xml(body: &mut Body, t: &Table, total: u32) {
    let w = widths(t, total);
    let mut x = table_open(total, &w);
    let bold = Font {
        bold: true,
        ..TABLE_TEXT
    };
    for row in header_grid(t) {
        x.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        let mut col = 0;
        for c in row {
            let width: u32 = w[col..(col + c.span).min(w.len())].iter().sum();
            x.push_str(&cell_xml(
                width,
                c.span,
                c.vmerge,
                &c.text,
                Align::Center,
                bold,
                body.next_id(),
            ));
            col += c.span;
        }
        x.push_str("</w:tr>");
    }
    for r in &t.rows {
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        // A total row prints its label across the leading blank code and name columns.
        let label_cols = t
            .columns
            .iter()
            .take_while(|c| c.kind != ColumnKind::Amount)
            .count();
        let lead = if r.level == RowLevel::Total {
            r.cells
                .iter()
                .take_while(|c| **c == Cell::Empty)
                .count()
                .min(label_cols)
        } else {
            0
        };
        let mut col = 0;
        if lead > 0 {
            let width: u32 = w[..lead].iter().sum();
            x.push_str(&cell_xml(
                width,
                lead,
                None,
                &r.name,
                Align::Center,
                TABLE_TEXT,
                body.next_id(),
            ));
            col = lead;
        }
        while col < r.cells.len() {
            let (text, align) = cell_text(&r.cells[col]);
            let align = match t.columns.get(col).map(|c| c.kind) {
                Some(ColumnKind::Code) => Align::Center,
                _ => align,
            };
            x.push_str(&cell_xml(
                w[col],
                1,
                None,
                &text,
                align,
                TABLE_TEXT,
                body.next_id(),
            ));
            col += 1;
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    body.xml.push_str(&x);
}

/// The line above a table: 部门(单位) on the left, 单位 on the right.
/// The empty fund tables print it with full-width punctuation, as the template does.
fn unit_line(body: &mut Body, dept: &str, unit: &str, total: u32, full_width: bool) {
    let ppr = format!(
        "<w:tabs><w:tab w:val=\"right\" w:pos=\"{total}\"/></w:tabs><w:spacing w:before=\"60\" w:after=\"60\"/>"
    );
    let f = Font {
        size: 21,
        ..TABLE_TEXT
    };
    let (dept_line, unit_line) = if full_width {
        (format!("部门（单位）：{dept}"), format!("单位：{unit}"))
    } else {
        (format!("部门(单位): {dept}"), format!("单位: {unit}"))
    };
    let runs = format!(
        "{}<w:r>{}<w:tab/></w:r>{}",
        run(&dept_line, f),
        rpr(f),
        run(&unit_line, f)
    );
    body.para(&ppr, &runs);
}

/// The tables printed on landscape pages (wide ones).
fn landscape(id: TableId) -> bool {
    matches!(
        id,
        TableId::Income
            | TableId::ThreePublic
            | TableId::BasicExpenditure
            | TableId::ProjectExpenditure
            | TableId::Procurement
    )
}

const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

fn numeral(i: usize) -> String {
    NUMERALS
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| (i + 1).to_string())
}

fn wan(d: Decimal) -> String {
    thousands(d)
}

/// `增加 12.00 万元` / `减少 3.00 万元` / `与上年持平`.
fn change_words(c: &Change, unit: &str) -> String {
    let z = Decimal::ZERO;
    if c.change > z {
        format!("增加{}{unit}", wan(c.change))
    } else if c.change < z {
        format!("减少{}{unit}", wan(-c.change))
    } else {
        "与上年持平".to_string()
    }
}

fn percent_words(c: &Change) -> String {
    match c.percent {
        Some(p) if p > Decimal::ZERO => format!("增长{:.2}%", p),
        Some(p) if p < Decimal::ZERO => format!("下降{:.2}%", -p),
        _ => String::new(),
    }
}

fn reason_text(b: &Budget, keys: &[&str]) -> Option<String> {
    b.reasons
        .iter()
        .find(|r| keys.contains(&r.figure.value.as_str()))
        .map(|r| {
            r.paragraphs
                .iter()
                .map(|p| p.value.as_str())
                .collect::<Vec<_>>()
                .join("")
        })
}

/// The built-in 名词解释, used when the file writes none.
const GLOSSARY: &[(&str, &str)] = &[
    ("财政拨款收入", "指本级财政当年拨付的资金，包括一般公共预算拨款收入、政府性基金预算拨款收入和国有资本经营预算拨款收入。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("其他收入", "指除上述收入以外的各项收入。"),
    ("使用非财政拨款结余", "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的资金。"),
    ("上年结转", "指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和日常公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定任务和事业发展目标所发生的支出。"),
    ("“三公”经费", "指部门单位安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"),
    ("机关运行经费", "指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。"),
];

/// Builds the whole document body.
fn build_body(b: &Budget, doc: &Document) -> Body {
    let mut body = Body::new();
    let dept = b.department();
    let year = b.year();
    let unit = b.unit().as_str();
    let f = &doc.figures;
    let title_font = Font {
        east_asia: TITLE_FONT,
        size: 44, // 二号
        bold: false,
    };
    let part_font = Font {
        east_asia: HEADING_FONT,
        size: 32,
        bold: false,
    };
    let section_font = Font {
        east_asia: HEADING_FONT,
        size: 32,
        bold: false,
    };
    let sub_font = Font {
        east_asia: "楷体_GB2312",
        size: 32,
        bold: false,
    };

    // Cover.
    for _ in 0..6 {
        body.para("", "");
    }
    body.heading(
        &format!("{year} 年{dept}部门预算"),
        0,
        title_font,
        Align::Center,
        false,
    );
    body.page_break();
    // The contents are written after the body is known; a marker stands in for them.
    body.xml.push_str("<!--TOC-->");
    // The cover has no page number: a distinct (empty) first-page footer.
    body.para(
        &sect_pr(false).replace("<w:docGrid ", "<w:titlePg/><w:docGrid "),
        "",
    );

    // 第一部分 部门概况
    body.heading("第一部分 部门概况", 0, part_font, Align::Center, true);
    body.heading("一、主要职责", 1, section_font, Align::Left, true);
    for p in &b.duties {
        body.prose(&p.value);
    }
    body.heading("二、机构设置情况", 1, section_font, Align::Left, true);
    for p in &b.organization {
        body.prose(&p.value);
    }
    if !b.sub_units.is_empty() {
        body.prose(&format!(
            "纳入{dept} {year} 年部门预算编制范围的二级预算单位包括："
        ));
        for (i, u) in b.sub_units.iter().enumerate() {
            body.prose(&format!("（{}）{}", numeral(i), u.name.value));
        }
    }
    body.section_end(false);

    // 第二部分 the tables.
    body.heading(
        &format!("第二部分 {year} 年部门预算表"),
        0,
        part_font,
        Align::Center,
        true,
    );
    let mut current_landscape = false;
    for (i, t) in doc.tables().iter().enumerate() {
        let wide = landscape(t.id);
        if i > 0 {
            // Each table starts a page; a change of orientation starts a section.
            if wide != current_landscape {
                body.section_end(current_landscape);
            } else {
                body.page_break();
            }
        }
        current_landscape = wide;
        let total = if wide { LANDSCAPE_TEXT } else { PORTRAIT_TEXT };
        body.heading_toc_as(
            &t.title,
            &format!("{}、{}", numeral(i), t.title),
            1,
            Font {
                east_asia: HEADING_FONT,
                size: 32,
                bold: false,
            },
            Align::Center,
            true,
        );
        unit_line(&mut body, dept, unit, total, t.note.is_some());
        table_xml(&mut body, t, total);
        if let Some(note) = &t.note {
            body.text(
                note,
                Font {
                    size: 21,
                    ..TABLE_TEXT
                },
                Align::Left,
                false,
            );
        }
    }
    body.section_end(current_landscape);

    // 第三部分 the explanations.
    body.heading(
        &format!("第三部分 {year} 年部门预算情况和重要事项说明"),
        0,
        part_font,
        Align::Center,
        true,
    );
    explanations(&mut body, b, f, section_font, sub_font);
    goal_tables(&mut body, b, dept);
    body.section_end(false);

    // 第四部分 名词解释
    body.heading("第四部分 名词解释", 0, part_font, Align::Center, true);
    if b.glossary.is_empty() {
        for (i, (term, text)) in GLOSSARY.iter().enumerate() {
            body.prose(&format!("{}、{term}：{text}", numeral(i)));
        }
    } else {
        for (i, g) in b.glossary.iter().enumerate() {
            let text: String = g.paragraphs.iter().map(|p| p.value.as_str()).collect();
            body.prose(&format!("{}、{}：{text}", numeral(i), g.term.value));
        }
    }
    body
}

fn explanations(body: &mut Body, b: &Budget, f: &Figures, section: Font, sub: Font) {
    let year = b.year();
    let unit = b.unit().as_str();
    body.heading(
        "一、预算收支增减变化情况说明",
        1,
        section,
        Align::Left,
        true,
    );
    body.prose("按照综合预算的原则，本部门所有收入和支出均纳入部门预算管理，部门本级和所属单位的收入和支出均包含在部门预算中。");
    let sources: Vec<String> = f
        .income
        .iter()
        .map(|(s, d)| format!("{}{}{unit}", s.income_name(), wan(*d)))
        .collect();
    body.prose(&format!(
        "（一）收入预算：{year}年收入预算{}{unit}，其中：{}。",
        wan(f.income_total),
        sources.join("，")
    ));
    body.prose(&format!(
        "（二）支出预算：{year}年支出预算{}{unit}，其中：基本支出{}{unit}，项目支出{}{unit}。",
        wan(f.expenditure_total),
        wan(f.basic),
        wan(f.project)
    ));
    if let Some(total) = &f.total_change {
        body.prose(&format!(
            "（三）增减变化情况：{year}年收支预算{}{unit}，较上年预算{}，其中：",
            wan(total.current),
            change_words(total, unit)
        ));
        let mut parts = Vec::new();
        for source in Source::ALL {
            let now = f
                .income
                .iter()
                .find(|(s, _)| *s == source)
                .map(|(_, d)| *d)
                .unwrap_or_default();
            let before = f
                .prior_income
                .iter()
                .find(|(s, _)| *s == source)
                .map(|(_, d)| *d)
                .unwrap_or_default();
            let c = Change::new(now, before);
            parts.push(format!(
                "{}{}",
                source.income_name(),
                change_words(&c, unit)
            ));
        }
        body.prose(&format!(
            "1. 收入预算{}，其中：{}。",
            change_words(total, unit),
            parts.join("，")
        ));
        let mut spend = vec![];
        if let Some(c) = &f.basic_change {
            spend.push(format!("基本支出{}", change_words(c, unit)));
        }
        if let Some(c) = &f.project_change {
            spend.push(format!("项目支出{}", change_words(c, unit)));
        }
        spend.push("结转下年与上年持平".to_string());
        body.prose(&format!(
            "2. 支出预算{}，其中：{}。",
            change_words(total, unit),
            spend.join("，")
        ));
        if let Some(reason) = reason_text(b, &["收支", "收入", "支出"]) {
            let dir = if total.change >= Decimal::ZERO {
                "增加"
            } else {
                "减少"
            };
            body.prose(&format!("3. 收支预算{dir}的主要原因，{reason}"));
        }
    }

    body.heading("二、“三公”经费支出情况", 1, section, Align::Left, true);
    let t = &f.three_public;
    let mut s = format!(
        "{year}年通过一般公共预算财政拨款安排的“三公”经费预算共 {} {unit}",
        wan(t.current_total())
    );
    if let Some(c) = t.total_change() {
        let _ = write!(s, "，比上年{}", change_words(&c, unit));
        let p = percent_words(&c);
        if !p.is_empty() {
            let _ = write!(s, "，{p}");
        }
        if let Some(r) = reason_text(b, &["三公", "三公经费", "“三公”经费"]) {
            let _ = write!(s, "，主要原因是{}", r.trim_end_matches('。'));
        }
    }
    s.push_str("。其中：");
    body.prose(&s);
    let item = |k: ThreePublicKind| {
        let mut s = format!("{} {} {unit}", k.name(), wan(t.current(k)));
        if let Some(c) = t.change(k) {
            if c.change.is_zero() {
                s.push_str("，与上年基本持平");
            } else {
                let _ = write!(s, "，比上年{}", change_words(&c, unit));
                let p = percent_words(&c);
                if !p.is_empty() {
                    let _ = write!(s, "，{p}");
                }
                if let Some(r) = reason_text(b, &[k.name()]) {
                    let _ = write!(s, "，主要原因是{}", r.trim_end_matches('。'));
                }
            }
        }
        s
    };
    body.prose(&format!("1. {}。", item(ThreePublicKind::Abroad)));
    let vehicle =
        t.current(ThreePublicKind::VehiclePurchase) + t.current(ThreePublicKind::VehicleOperation);
    body.prose(&format!(
        "2. 公务用车购置及运行费 {} {unit}，包括{}；{}。",
        wan(vehicle),
        item(ThreePublicKind::VehiclePurchase),
        item(ThreePublicKind::VehicleOperation)
    ));
    body.prose(&format!("3. {}。", item(ThreePublicKind::Reception)));

    body.heading("三、机关运行经费情况", 1, section, Align::Left, true);
    let mut s = format!(
        "机关运行经费指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。{year} 年本部门机关运行经费安排 {} {unit}。",
        wan(f.operating_cost)
    );
    if let Some(c) = &f.operating_cost_change {
        let _ = write!(
            s,
            "较 {} 年预算{}",
            year.saturating_sub(1),
            change_words(c, unit)
        );
        let p = percent_words(c);
        if !p.is_empty() {
            let _ = write!(s, "，{p}");
        }
        s.push('。');
        if let Some(r) = reason_text(b, &["机关运行经费"]) {
            let _ = write!(s, "主要原因是：{r}");
        }
    }
    body.prose(&s);

    body.heading("四、政府采购情况", 1, section, Align::Left, true);
    body.prose(&format!(
        "{year} 年政府采购预算 {} {unit}，其中：政府采购货物预算 {} {unit}，政府采购工程预算 {} {unit}，政府采购服务预算 {} {unit}。",
        wan(f.procurement_total()),
        wan(f.procurement_goods),
        wan(f.procurement_works),
        wan(f.procurement_services)
    ));

    body.heading("五、国有资产占有使用情况", 1, section, Align::Left, true);
    if let Some(a) = &b.assets {
        let total: u32 = a.vehicles.iter().map(|(_, n)| n.value).sum();
        let as_of = a
            .as_of
            .as_ref()
            .map(|d| date_words(&d.value))
            .unwrap_or_default();
        let (others, last) = match a.vehicles.split_last() {
            Some((l, rest)) => (rest, Some(l)),
            None => (&a.vehicles[..], None),
        };
        let list: Vec<String> = others
            .iter()
            .map(|(k, n)| format!("{} {} 辆", k.value, n.value))
            .collect();
        let mut s = format!("截至 {as_of}，本部门共有车辆 {total} 辆");
        if !list.is_empty() {
            let _ = write!(s, "，其中{}", list.join("、"));
        }
        if let Some((k, n)) = last {
            let name = if k.value == "其他用车" {
                "其他按照规定配备的公务用车".to_string()
            } else {
                k.value.clone()
            };
            let _ = write!(s, "，{name} {} 辆", n.value);
        }
        s.push('。');
        body.prose(&s);
        for n in &a.notes {
            body.prose(&n.value);
        }
        if let Some(e) = &a.equipment {
            body.prose(&format!(
                "单位价值 100 万元以上的设备 {} 台（件、套）。",
                e.value
            ));
        }
        if let Some(p) = &a.equipment_purchase {
            if p.value == 0 {
                body.prose(&format!(
                    "{year} 年预算未安排购置单位价值 100 万元以上大型设备。"
                ));
            } else {
                body.prose(&format!(
                    "{year} 年预算安排购置单位价值 100 万元以上大型设备 {} 台（件、套）。",
                    p.value
                ));
            }
        }
    }

    body.heading("六、绩效目标情况说明", 1, section, Align::Left, true);
    body.heading("（一）预算绩效管理情况", 2, sub, Align::Left, false);
    let (count, amount) = b
        .key_evaluation
        .as_ref()
        .map(|(c, a)| (c.value, a.value))
        .unwrap_or_default();
    body.prose(&format!(
        "{} {year} 年项目支出全面实施绩效目标管理，涉及预算项目支出 {} 个，预算资金 {} {unit}，其中财政拨款 {} {unit}。拟对 {count} 个项目开展部门重点绩效评价，涉及预算资金 {} {unit}，其中财政拨款 {} {unit}。",
        b.department(),
        f.project_count,
        wan(f.project),
        wan(f.project_fiscal),
        wan(amount),
        wan(amount)
    ));
    body.heading("（二）部门预算项目绩效目标表", 2, sub, Align::Left, false);
}

/// `2023-12-31` → `2023 年 12 月 31 日`.
fn date_words(d: &str) -> String {
    let parts: Vec<&str> = d
        .split(['-', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, day] => format!(
            "{y} 年 {} 月 {} 日",
            m.trim_start_matches('0'),
            day.trim_start_matches('0')
        ),
        _ => d.to_string(),
    }
}

/// The performance-goal table of each project, in the reference's 5-column layout.
fn goal_tables(body: &mut Body, b: &Budget, dept: &str) {
    let total = PORTRAIT_TEXT;
    let w = [1500u32, 1700, 2470, 1700, total - 1500 - 1700 - 2470 - 1700];
    let bold = Font {
        bold: true,
        ..TABLE_TEXT
    };
    for p in &b.projects {
        let mut x = table_open(total, &w);
        let mut tr = |cells: Vec<(u32, usize, Option<bool>, String, Align, Font)>, header: bool| {
            x.push_str(if header {
                "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            } else {
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            });
            for (width, span, vm, text, align, f) in cells {
                x.push_str(&cell_xml(width, span, vm, &text, align, f, body.next_id()));
            }
            x.push_str("</w:tr>");
        };
        let c = Align::Center;
        let l = Align::Left;
        // The first four rows (project, department, goal, column titles) repeat on every page.
        tr(
            vec![
                (w[0], 1, None, "项目编码".into(), c, bold),
                (w[1] + w[2], 2, None, p.code.value.clone(), l, TABLE_TEXT),
                (w[3], 1, None, "项目名称".into(), c, bold),
                (w[4], 1, None, p.name.value.clone(), l, TABLE_TEXT),
            ],
            true,
        );
        tr(
            vec![
                (w[0], 1, None, "主管部门".into(), c, bold),
                (
                    w[1] + w[2] + w[3] + w[4],
                    4,
                    None,
                    dept.to_string(),
                    l,
                    TABLE_TEXT,
                ),
            ],
            true,
        );
        let goal = p.goal.as_ref().map(|g| g.value.clone()).unwrap_or_default();
        tr(
            vec![
                (w[0], 1, None, "绩效目标".into(), c, bold),
                (w[1] + w[2] + w[3] + w[4], 4, None, goal, l, TABLE_TEXT),
            ],
            true,
        );
        tr(
            ["一级指标", "二级指标", "三级指标", "指标值", "评扣分标准"]
                .iter()
                .zip(w)
                .map(|(t, cw)| (cw, 1, None, t.to_string(), c, bold))
                .collect(),
            true,
        );
        // 一级 and 二级 print on the first row of their block, merged down over the rest.
        for (i, ind) in p.indicators.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| p.indicators.get(j));
            let next = p.indicators.get(i + 1);
            let same1 = |o: Option<&crate::model::Indicator>| {
                o.is_some_and(|o| o.level1.value == ind.level1.value)
            };
            let same2 = |o: Option<&crate::model::Indicator>| {
                same1(o) && o.is_some_and(|o| o.level2.value == ind.level2.value)
            };
            let merge = |starts: bool, continues: bool| match (starts, continues) {
                (true, true) => Some(true),
                (false, _) => Some(false),
                (true, false) => None,
            };
            let v1 = merge(!same1(prev), same1(next));
            let v2 = merge(!same2(prev), same2(next));
            let t1 = if v1 == Some(false) {
                String::new()
            } else {
                ind.level1.value.clone()
            };
            let t2 = if v2 == Some(false) {
                String::new()
            } else {
                ind.level2.value.clone()
            };
            tr(
                vec![
                    (w[0], 1, v1, t1, c, TABLE_TEXT),
                    (w[1], 1, v2, t2, c, TABLE_TEXT),
                    (w[2], 1, None, ind.name.value.clone(), l, TABLE_TEXT),
                    (w[3], 1, None, ind.value.text.value.clone(), c, TABLE_TEXT),
                    (w[4], 1, None, ind.criterion.value.clone(), c, TABLE_TEXT),
                ],
                false,
            );
        }
        x.push_str("</w:tbl>");
        body.xml.push_str(&x);
        body.para("<w:spacing w:before=\"0\" w:after=\"240\"/>", "");
    }
}

/// The contents: one line per heading, with a dot leader and the page number (PAGEREF).
fn contents(body: &mut Body) -> String {
    let mut x = String::new();
    let mut inner = Body {
        xml: String::new(),
        para_id: body.para_id + 100_000,
        bookmark: 0,
        toc: Vec::new(),
    };
    inner.heading(
        "目 录",
        0,
        Font {
            east_asia: HEADING_FONT,
            size: 36,
            bold: false,
        },
        Align::Center,
        false,
    );
    let right = PORTRAIT_TEXT;
    for (level, text, name) in &body.toc {
        let f = Font {
            east_asia: if *level == 0 { HEADING_FONT } else { BODY_FONT },
            size: 28,
            bold: false,
        };
        let indent = u32::from(*level) * 420;
        let ppr = format!(
            "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{right}\"/></w:tabs><w:spacing w:before=\"40\" w:after=\"40\"/><w:ind w:left=\"{indent}\"/>"
        );
        let runs = format!(
            "<w:hyperlink w:anchor=\"{name}\" w:history=\"1\">{}<w:r>{}<w:tab/></w:r><w:r>{}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{}<w:instrText xml:space=\"preserve\"> PAGEREF {name} \\h </w:instrText></w:r><w:r>{}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{}<w:t>1</w:t></w:r><w:r>{}<w:fldChar w:fldCharType=\"end\"/></w:r></w:hyperlink>",
            run(text, f),
            rpr(f),
            rpr(f),
            rpr(f),
            rpr(f),
            rpr(f),
            rpr(f)
        );
        inner.para(&ppr, &runs);
    }
    x.push_str(&inner.xml);
    body.para_id = inner.para_id;
    x
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"w14\"";

fn document_xml(b: &Budget, doc: &Document) -> String {
    let mut body = build_body(b, doc);
    let toc = contents(&mut body);
    let xml = body.xml.replacen("<!--TOC-->", &toc, 1);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{xml}{}</w:body></w:document>",
        sect_pr(false)
    )
}

fn styles_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{BODY_FONT}\" w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style><w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>"
    )
}

/// Fonts with their fallbacks (`w:altName`): a reader without the official fonts substitutes.
fn font_table_xml() -> String {
    let fonts = [
        (TITLE_FONT, "华文中宋", "Noto Serif CJK SC"),
        (HEADING_FONT, "SimHei", "Noto Sans CJK SC"),
        (BODY_FONT, "仿宋", "Noto Serif CJK SC"),
        ("楷体_GB2312", "楷体", "Noto Serif CJK SC"),
        (TABLE_FONT, "SimSun", "Noto Serif CJK SC"),
    ];
    let mut x =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts {NS}>");
    for (name, alt, _) in fonts {
        let _ = write!(
            x,
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>"
        );
    }
    x.push_str("<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>");
    x
}

fn footer_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r>{r}<w:t xml:space=\"preserve\">— </w:t></w:r><w:r>{r}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{r}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>{r}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{r}<w:t>1</w:t></w:r><w:r>{r}<w:fldChar w:fldCharType=\"end\"/></w:r><w:r>{r}<w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>",
        r = rpr(Font {
            east_asia: TABLE_FONT,
            size: 28,
            bold: false
        })
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";

const DOC_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/><Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/></Relationships>";

fn settings_xml() -> String {
    // updateFields: Word refreshes the contents' page numbers when it opens the file.
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings {NS}><w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/><w:updateFields w:val=\"true\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    )
}

/// Document properties; the dates come from the budget year, never from the clock.
fn core_xml(b: &Budget) -> String {
    let date = format!("{:04}-01-01T00:00:00Z", b.year().max(1));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
        esc(&format!("{} 年{}部门预算", b.year(), b.department())),
        esc(b.department())
    )
}

const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>budc</Application></Properties>";

/// The DOCX bytes: deflated entries with a fixed timestamp, so the same budget gives the same
/// bytes.
pub fn render(b: &Budget, doc: &Document) -> std::io::Result<Vec<u8>> {
    let parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(b)),
        ("docProps/app.xml", APP_XML.to_string()),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", document_xml(b, doc)),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/footer1.xml", footer_xml()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn thousands_separators() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(thousands(d("16028.22")), "16,028.22");
        assert_eq!(thousands(d("0.99")), "0.99");
        assert_eq!(thousands(d("1234567")), "1,234,567.00");
        assert_eq!(thousands(d("-806.64")), "-806.64");
        assert_eq!(thousands(d("999.5")), "999.50");
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(date_words("2023-12-31"), "2023 年 12 月 31 日");
        assert_eq!(date_words("2024年01月05日"), "2024 年 1 月 5 日");
    }
}
