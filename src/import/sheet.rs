//! Reading a workbook's sheets: every cell as text with its address, the header row found by
//! its column names (anywhere in the top rows, with the Chinese synonyms of each column), and
//! the amount unit stated above the header or in it.

use crate::model::MoneyUnit;
use calamine::{Data, Reader};

/// A cell's place: the sheet's index and the 0-based row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub sheet: usize,
    pub row: u32,
    pub col: u32,
}

/// A cell's value as text: numbers written as the shortest decimal that gives them back.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// The number, when the cell holds one (not text).
    pub number: Option<f64>,
    pub at: At,
}

/// One sheet, as a grid of cells (absolute rows and columns).
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// The workbook: its sheets, in order.
pub struct Book {
    pub sheets: Vec<Sheet>,
}

/// Why a workbook could not be opened at all: calamine's words, which are English, are kept for
/// English only.
pub type OpenError = crate::diag::Text;

fn open_error(e: impl std::fmt::Display) -> OpenError {
    let e = e.to_string();
    if e.contains("detect file format") {
        return crate::diag::t!(
            "不是 Excel 或 OpenDocument 工作簿（.xlsx、.xls、.ods），或文件已损坏",
            "not an Excel or OpenDocument workbook (.xlsx, .xls, .ods), or the file is damaged"
        );
    }
    crate::diag::t!(
        "工作簿已损坏或格式不受支持",
        "the workbook is damaged or in an unsupported form: {e}"
    )
}

/// The shortest decimal text of a number (`2100401`, `12017440.7`).
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// The most a workbook may unpack to: its parts' declared sizes added up (a zip bomb is refused
/// before calamine inflates it).
const MAX_UNPACKED: u64 = 1 << 30;

/// Reads every sheet of an XLSX (or XLS, ODS) workbook.
///
/// calamine panics on some damaged workbooks (a shared string index past the table, seen by
/// fuzzing 0.30.1; the upstream tracker has others): the reading runs behind `guarded`, so a
/// damaged file is an error like any other.
pub fn read(bytes: &[u8]) -> Result<Book, OpenError> {
    if bytes.starts_with(b"PK") {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(open_error)?;
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            let size = archive.by_index_raw(i).map_err(open_error)?.size();
            total = total.saturating_add(size);
        }
        if total > MAX_UNPACKED {
            return Err(crate::diag::t!(
                "工作簿解压后超过 1 GiB，不像是预算表",
                "the workbook unpacks to more than 1 GiB: not a budget's workbook"
            ));
        }
    }
    guarded(|| read_unguarded(bytes)).unwrap_or_else(|| {
        Err(crate::diag::t!(
            "工作簿已损坏（读取时出错）",
            "the workbook is damaged (reading it failed)"
        ))
    })
}

/// Runs `f`, turning a panic into `None`, with the panic message kept off standard error.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.ok()
}

fn read_unguarded(bytes: &[u8]) -> Result<Book, OpenError> {
    let mut wb =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(open_error)?;
    let mut sheets = Vec::new();
    for (index, name) in wb.sheet_names().into_iter().enumerate() {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => return Err(open_error(e)),
        };
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (dy, row) in (0u32..).zip(range.rows()) {
            let cells = (0u32..)
                .zip(row)
                .map(|(dx, d)| {
                    let (text, number) = match d {
                        Data::Int(i) => (i.to_string(), Some(*i as f64)),
                        Data::Float(f) => (number_text(*f), Some(*f)),
                        Data::String(s) => (s.clone(), None),
                        Data::Bool(b) => (b.to_string(), None),
                        Data::DateTime(t) => (t.to_string(), None),
                        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), None),
                        Data::Error(e) => (format!("#{e:?}"), None),
                        Data::Empty => (String::new(), None),
                    };
                    Cell {
                        text: text.trim().to_string(),
                        number,
                        at: At {
                            sheet: index,
                            row: top.saturating_add(dy),
                            col: left.saturating_add(dx),
                        },
                    }
                })
                .collect();
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(Book { sheets })
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Unit,
    UnitId,
    UnitName,
    UnitKind,
    Func,
    FuncName,
    Econ,
    EconName,
    Source,
    Amount,
    ProjectCode,
    ProjectName,
    ProjectKind,
    StatedAmount,
    Goal,
    Level1,
    Level2,
    Level3,
    Value,
    Criterion,
    Procurement,
    ThreePublic,
    Item,
    Content,
    Kind,
    PriorAmount,
    Part,
    Name,
    Paragraph,
    Category,
    Stated,
}

/// The names a column goes by, after `normalise`.
const SYNONYMS: &[(Role, &[&str])] = &[
    (
        Role::Unit,
        &[
            "单位",
            "单位名称",
            "预算单位",
            "预算单位名称",
            "部门（单位）",
            "单位（部门）",
        ],
    ),
    (Role::UnitId, &["单位简称"]),
    (Role::UnitName, &["单位全称"]),
    (Role::UnitKind, &["单位性质", "单位类型"]),
    (
        Role::Func,
        &[
            "支出功能分类科目编码",
            "功能科目编码",
            "功能分类科目编码",
            "功能分类编码",
            "支出功能分类编码",
            "功能科目",
            "功能分类科目",
            "支出功能分类科目",
            "功能分类",
        ],
    ),
    (
        Role::FuncName,
        &[
            "支出功能分类科目名称",
            "功能科目名称",
            "功能分类科目名称",
            "功能分类名称",
            "支出功能分类名称",
        ],
    ),
    (
        Role::Econ,
        &[
            "部门预算支出经济分类科目编码",
            "经济科目编码",
            "经济分类科目编码",
            "部门经济分类科目编码",
            "部门经济分类编码",
            "经济分类编码",
            "经济科目",
            "经济分类科目",
            "部门经济分类",
            "经济分类",
        ],
    ),
    (
        Role::EconName,
        &[
            "部门预算支出经济分类科目名称",
            "经济科目名称",
            "经济分类科目名称",
            "部门经济分类科目名称",
            "部门经济分类名称",
            "经济分类名称",
        ],
    ),
    (
        Role::Source,
        &["资金来源", "资金性质", "来源", "资金类型", "资金来源名称"],
    ),
    (
        Role::Amount,
        &[
            "金额",
            "预算金额",
            "预算数",
            "本年预算",
            "本年预算数",
            "合计",
            "金额合计",
            "预算金额合计",
        ],
    ),
    (Role::ProjectCode, &["项目编码", "项目代码", "项目编号"]),
    (Role::ProjectName, &["项目名称"]),
    (Role::ProjectKind, &["项目类型", "项目类别"]),
    (Role::StatedAmount, &["项目金额（核对数）"]),
    (
        Role::Goal,
        &["绩效目标", "年度绩效目标", "年度目标", "项目绩效目标"],
    ),
    (Role::Level1, &["一级指标"]),
    (Role::Level2, &["二级指标"]),
    (Role::Level3, &["三级指标", "指标名称", "绩效指标"]),
    (
        Role::Value,
        &["指标值", "目标值", "指标目标值", "年度指标值"],
    ),
    (
        Role::Criterion,
        &["评分标准", "评（扣）分标准", "计分标准", "评分规则"],
    ),
    (Role::Procurement, &["采购类别", "采购品目类别", "采购类型"]),
    (Role::ThreePublic, &["三公经费种类", "三公种类"]),
    (Role::Item, &["事项"]),
    (Role::Content, &["内容"]),
    (Role::Kind, &["种类"]),
    (Role::PriorAmount, &["上年金额", "上年数"]),
    (Role::Part, &["部分"]),
    (Role::Name, &["名称"]),
    (Role::Paragraph, &["段落"]),
    (Role::Category, &["类别"]),
    (Role::Stated, &["值"]),
];

/// A header's words, compared without spaces, with half-width brackets made full-width and a
/// trailing unit (`金额（万元）`) taken off; the unit, when there was one.
pub fn normalise(header: &str) -> (String, Option<MoneyUnit>) {
    let mut s: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    for (suffix, unit) in [
        ("（万元）", MoneyUnit::TenThousandYuan),
        ("（元）", MoneyUnit::Yuan),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
            return (s, Some(unit));
        }
    }
    (s, None)
}

fn role_of(header: &str) -> Option<Role> {
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&header))
        .map(|(r, _)| *r)
}

/// A sheet's table: where its header row is, which column holds what, and the unit of its
/// amounts where the sheet says it.
pub struct Table<'s> {
    pub sheet: &'s Sheet,
    pub header_row: usize,
    pub columns: Vec<(Role, usize)>,
    pub unit: Option<MoneyUnit>,
}

impl Table<'_> {
    pub fn has(&self, role: Role) -> bool {
        self.columns.iter().any(|(r, _)| *r == role)
    }

    /// The data rows, below the header, without empty rows and without 合计/小计 rows.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.sheet
            .rows
            .iter()
            .skip(self.header_row + 1)
            .filter(|cells| {
                let first = cells.iter().find(|c| !c.text.is_empty());
                match first {
                    None => false,
                    Some(c) => !is_total(&c.text),
                }
            })
            .map(move |cells| Row {
                cells,
                columns: &self.columns,
            })
    }
}

fn is_total(s: &str) -> bool {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(s.as_str(), "合计" | "总计" | "小计" | "本页合计")
}

/// A data row: its cells looked up by role.
pub struct Row<'t> {
    cells: &'t [Cell],
    columns: &'t [(Role, usize)],
}

impl<'t> Row<'t> {
    pub fn get(&self, role: Role) -> Option<&'t Cell> {
        let (_, i) = self.columns.iter().find(|(r, _)| *r == role)?;
        self.cells.get(*i)
    }

    /// The cell's text, empty when the column or the cell is missing.
    pub fn text(&self, role: Role) -> &'t str {
        self.get(role).map_or("", |c| c.text.as_str())
    }

    /// A non-empty cell's text as one word, with its place.
    pub fn word(&self, role: Role) -> Option<(String, At)> {
        self.get(role)
            .filter(|c| !c.text.is_empty())
            .map(|c| (one_word(&c.text), c.at))
    }

    /// The first cell of the row, to point at when a whole row is wrong.
    pub fn first(&self) -> Option<&'t Cell> {
        self.cells.first()
    }
}

/// How many of the top rows are searched for the header.
const HEADER_ROWS: usize = 15;

/// The sheet's table: the first of the top rows that names at least two known columns.
pub fn table(sheet: &Sheet) -> Option<Table<'_>> {
    for (y, row) in sheet.rows.iter().enumerate().take(HEADER_ROWS) {
        let mut columns = Vec::new();
        let mut unit = None;
        for (x, cell) in row.iter().enumerate() {
            let (name, u) = normalise(&cell.text);
            if let Some(role) = role_of(&name) {
                if !columns.iter().any(|(r, _)| *r == role) {
                    columns.push((role, x));
                }
                if u.is_some() && matches!(role, Role::Amount | Role::PriorAmount) {
                    unit = u;
                }
            }
        }
        if columns.len() >= 2 {
            let unit = unit.or_else(|| stated_unit(sheet.rows.get(..y).unwrap_or_default()));
            return Some(Table {
                sheet,
                header_row: y,
                columns,
                unit,
            });
        }
    }
    None
}

/// The unit a sheet states above its header: `单位：万元`, `金额单位：元`.
fn stated_unit(rows: &[Vec<Cell>]) -> Option<MoneyUnit> {
    rows.iter().flatten().find_map(|c| {
        let s: String = c.text.chars().filter(|c| !c.is_whitespace()).collect();
        let at = s.find("单位")?;
        let rest = s.get(at + "单位".len()..)?;
        let rest = rest.trim_start_matches(['：', ':']);
        if rest.starts_with("万元") {
            Some(MoneyUnit::TenThousandYuan)
        } else if rest.starts_with('元') {
            Some(MoneyUnit::Yuan)
        } else {
            None
        }
    })
}

/// The address of a cell as Excel writes it: `B12`.
pub fn address(at: At) -> String {
    let col =
        rust_xlsxwriter::utility::column_number_to_name(u16::try_from(at.col).unwrap_or(u16::MAX));
    format!("{col}{}", u64::from(at.row) + 1)
}

/// A text made one word: no spaces at all.
pub fn one_word(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
