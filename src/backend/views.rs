//! The twelve tables of a 部门预算, computed from the facts. This is the only place where the
//! tables' sums are made; JSON and DOCX render what is here.

use crate::model::catalog::{Catalog, Classification};
use crate::model::{BasicKind, Budget, Source, ThreePublicKind};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

use super::figures::Figures;

/// All tables and prose figures of one budget.
#[derive(Debug, Clone)]
pub struct Document {
    pub tables: Vec<Table>,
    pub figures: Figures,
}

/// One table: columns, a multi-level header, rows and an optional note (注).
#[derive(Debug, Clone)]
pub struct Table {
    /// Stable id, e.g. `general_expenditure`.
    pub id: &'static str,
    /// The title, e.g. 一般公共预算支出情况表.
    pub title: String,
    pub columns: Vec<Column>,
    /// Header rows, top to bottom, with their merges.
    pub header: Vec<Vec<HeaderCell>>,
    pub rows: Vec<Row>,
    pub note: Option<String>,
}

/// A column: stable id, leaf header label and the header group above it (if any).
#[derive(Debug, Clone)]
pub struct Column {
    pub id: &'static str,
    pub label: &'static str,
    pub group: Option<&'static str>,
    pub kind: ColumnKind,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// A part of a classification code (类, 款 or 项).
    Code,
    Text,
    Amount,
}

/// A header cell and how far it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCell {
    pub text: String,
    pub col_span: usize,
    pub row_span: usize,
}

/// What kind of row: the level drives indentation and where the code is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowLevel {
    Total,
    /// 类
    Class,
    /// 款
    Section,
    /// 项
    Item,
    Project,
    Line,
}

/// One table row; `cells` align with the table's columns.
#[derive(Debug, Clone)]
pub struct Row {
    pub code: Option<String>,
    pub name: String,
    pub level: RowLevel,
    pub cells: Vec<Cell>,
}

/// A cell's content. `Empty` is printed blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Amount(Decimal),
}

impl Table {
    /// The column index of an id.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// The amount in a row and column (`None` when blank or not an amount).
    pub fn amount(&self, row: &Row, column: &str) -> Option<Decimal> {
        match row.cells.get(self.column(column)?)? {
            Cell::Amount(d) => Some(*d),
            _ => None,
        }
    }
}

const TOTAL: &str = "合计";

fn col(
    id: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    kind: ColumnKind,
) -> Column {
    Column {
        id,
        label,
        group,
        kind,
    }
}

fn h(text: impl Into<String>, col_span: usize, row_span: usize) -> HeaderCell {
    HeaderCell {
        text: text.into(),
        col_span,
        row_span,
    }
}

/// An amount cell that is blank when zero.
fn amt(d: Decimal) -> Cell {
    if d.is_zero() {
        Cell::Empty
    } else {
        Cell::Amount(d)
    }
}

/// An amount cell printed even when zero (the 三公 table prints 0.00).
fn amt0(d: Decimal) -> Cell {
    Cell::Amount(d)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// Money on one functional 项 code, split the ways the tables need.
#[derive(Debug, Clone, Copy, Default)]
struct Split {
    personnel: Decimal,
    public: Decimal,
    project: Decimal,
}

impl Split {
    fn basic(&self) -> Decimal {
        self.personnel + self.public
    }
    fn total(&self) -> Decimal {
        self.basic() + self.project
    }
    fn add(&mut self, o: &Split) {
        self.personnel += o.personnel;
        self.public += o.public;
        self.project += o.project;
    }
}

/// The facts, indexed once for the tables.
struct Index<'a> {
    budget: &'a Budget,
    catalog: &'a Catalog,
    /// (functional 项 code, source) → split.
    func: BTreeMap<(String, Source), Split>,
    /// (economic 款 code, source) → amount of basic spending.
    econ: BTreeMap<(String, Source), Decimal>,
    /// (functional 项 code, source) → procurement amount.
    procurement: BTreeMap<(String, Source), Decimal>,
}

impl<'a> Index<'a> {
    fn new(budget: &'a Budget, catalog: &'a Catalog) -> Self {
        let mut func: BTreeMap<(String, Source), Split> = BTreeMap::new();
        let mut econ: BTreeMap<(String, Source), Decimal> = BTreeMap::new();
        let mut procurement: BTreeMap<(String, Source), Decimal> = BTreeMap::new();
        for line in &budget.basic {
            let s = func
                .entry((line.func.code.clone(), line.source))
                .or_default();
            match BasicKind::of_economic(&line.econ.code) {
                BasicKind::Personnel => s.personnel += line.amount.value,
                BasicKind::Public => s.public += line.amount.value,
            }
            *econ
                .entry((line.econ.code.clone(), line.source))
                .or_default() += line.amount.value;
        }
        for p in &budget.basic_procurement {
            if let Some(f) = &p.func {
                *procurement
                    .entry((f.code.clone(), Source::GeneralPublic))
                    .or_default() += p.amount.value;
            }
        }
        for project in &budget.projects {
            for a in &project.allocations {
                func.entry((a.code.code.clone(), project.source))
                    .or_default()
                    .project += a.amount.value;
            }
            for p in &project.procurement {
                let code = p
                    .func
                    .as_ref()
                    .map(|c| c.code.clone())
                    .or_else(|| project.allocations.first().map(|a| a.code.code.clone()));
                if let Some(code) = code {
                    *procurement.entry((code, project.source)).or_default() += p.amount.value;
                }
            }
        }
        Index {
            budget,
            catalog,
            func,
            econ,
            procurement,
        }
    }

    fn func_name(&self, code: &str) -> String {
        if let Some(n) = self.catalog.name(Classification::Functional, code) {
            return n.to_string();
        }
        // Unknown to the catalog: use the name written in the source, if any.
        let written = self
            .budget
            .basic
            .iter()
            .map(|l| &l.func)
            .chain(
                self.budget
                    .projects
                    .iter()
                    .flat_map(|p| p.allocations.iter().map(|a| &a.code)),
            )
            .find(|c| c.code == code)
            .and_then(|c| c.written_name.as_ref())
            .map(|n| n.value.clone());
        written.unwrap_or_default()
    }

    fn econ_name(&self, class: Classification, code: &str) -> String {
        if let Some(n) = self.catalog.name(class, code) {
            return n.to_string();
        }
        self.budget
            .basic
            .iter()
            .find(|l| l.econ.code == code)
            .and_then(|l| l.econ.written_name.as_ref())
            .map(|n| n.value.clone())
            .unwrap_or_default()
    }

    /// Functional roll-up: 类, 款 and 项 rows with the splits of the sources `keep` accepts.
    fn functional(&self, keep: impl Fn(Source) -> bool) -> Vec<(String, RowLevel, Split)> {
        let mut sums: BTreeMap<String, Split> = BTreeMap::new();
        for ((code, source), split) in &self.func {
            if !keep(*source) || split.total().is_zero() {
                continue;
            }
            for prefix in rollup_codes(code) {
                sums.entry(prefix).or_default().add(split);
            }
        }
        sums.into_iter()
            .map(|(code, s)| {
                let level = level_of(&code);
                (code, level, s)
            })
            .collect()
    }

    fn func_total(&self, keep: impl Fn(Source) -> bool) -> Split {
        let mut t = Split::default();
        for ((_, source), split) in &self.func {
            if keep(*source) {
                t.add(split);
            }
        }
        t
    }

    /// Functional roll-up of the money of each source: code → source → amount.
    fn functional_by_source(
        &self,
        amounts: &BTreeMap<(String, Source), Decimal>,
    ) -> BTreeMap<String, BTreeMap<Source, Decimal>> {
        let mut out: BTreeMap<String, BTreeMap<Source, Decimal>> = BTreeMap::new();
        for ((code, source), d) in amounts {
            if d.is_zero() {
                continue;
            }
            for prefix in rollup_codes(code) {
                *out.entry(prefix).or_default().entry(*source).or_default() += *d;
            }
        }
        out
    }
}

/// The codes a functional code rolls up into, itself included: 2013201 → 201, 20132, 2013201.
fn rollup_codes(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for len in [3, 5, 7] {
        if code.len() >= len {
            if let Some(p) = code.get(..len) {
                out.push(p.to_string());
            }
        }
    }
    if out.last().map(String::as_str) != Some(code) {
        out.push(code.to_string());
    }
    out
}

fn level_of(code: &str) -> RowLevel {
    match code.len() {
        3 => RowLevel::Class,
        5 => RowLevel::Section,
        _ => RowLevel::Item,
    }
}

/// The 类/款/项 cells of a functional code as the tables print them (款 and 项 without prefix).
fn code_cells(code: &str) -> [Cell; 3] {
    let part = |a: usize, b: usize| code.get(a..b).map(text).unwrap_or(Cell::Empty);
    match code.len() {
        3 => [text(code), Cell::Empty, Cell::Empty],
        5 => [Cell::Empty, part(3, 5), Cell::Empty],
        7 => [Cell::Empty, Cell::Empty, part(5, 7)],
        _ => [text(code), Cell::Empty, Cell::Empty],
    }
}

fn by_source(m: Option<&BTreeMap<Source, Decimal>>, keep: impl Fn(Source) -> bool) -> Decimal {
    m.map(|m| m.iter().filter(|(s, _)| keep(**s)).map(|(_, d)| *d).sum())
        .unwrap_or_default()
}

/// Computes every table and figure of a budget.
pub fn compute(budget: &Budget, catalog: &Catalog) -> Document {
    let ix = Index::new(budget, catalog);
    let figures = Figures::compute(
        budget,
        &ix.func_total(|s| s == Source::GeneralPublic).public,
    );
    let tables = vec![
        overview(&ix),
        income(&ix),
        expenditure(&ix),
        fiscal_overview(&ix),
        functional_fund_table(
            &ix,
            "general_expenditure",
            "一般公共预算支出情况表",
            Source::GeneralPublic,
            None,
        ),
        general_basic_economic(&ix),
        three_public(&ix, &figures),
        functional_fund_table(
            &ix,
            "fund_expenditure",
            "政府性基金预算支出情况表",
            Source::GovernmentFund,
            Some("政府性基金预算"),
        ),
        functional_fund_table(
            &ix,
            "state_capital_expenditure",
            "国有资本经营预算支出情况表",
            Source::StateCapital,
            Some("国有资本经营预算"),
        ),
        basic_expenditure(&ix),
        project_expenditure(&ix),
        procurement(&ix),
    ];
    Document { tables, figures }
}

fn code_columns() -> Vec<Column> {
    vec![
        col("class", "类", Some("科目编码"), ColumnKind::Code),
        col("section", "款", Some("科目编码"), ColumnKind::Code),
        col("item", "项", Some("科目编码"), ColumnKind::Code),
        col("name", "科目名称", None, ColumnKind::Text),
    ]
}

fn total_row(width: usize, cells: Vec<Cell>, name: &str) -> Row {
    let mut all = vec![Cell::Empty; width];
    all.extend(cells);
    Row {
        code: None,
        name: name.to_string(),
        level: RowLevel::Total,
        cells: all,
    }
}

fn func_row(ix: &Index, code: &str, level: RowLevel, values: Vec<Cell>) -> Row {
    let name = ix.func_name(code);
    let mut cells: Vec<Cell> = code_cells(code).into();
    cells.push(text(name.clone()));
    cells.extend(values);
    Row {
        code: Some(code.to_string()),
        name,
        level,
        cells,
    }
}

/// 收入总体情况表: income by source, in rows of functional codes.
fn income(ix: &Index) -> Table {
    let g = Some("财政拨款收入");
    let mut columns = code_columns();
    columns.extend([
        col("total", "合计", None, ColumnKind::Amount),
        col("fiscal_subtotal", "小计", g, ColumnKind::Amount),
        col("general", "一般公共预算收入", g, ColumnKind::Amount),
        col("fund", "政府性基金预算收入", g, ColumnKind::Amount),
        col(
            "state_capital",
            "国有资本经营预算收入",
            g,
            ColumnKind::Amount,
        ),
        col(
            "special_account",
            "财政专户管理资金收入",
            None,
            ColumnKind::Amount,
        ),
        col(
            "business",
            "事业收入(不含教育收费)",
            None,
            ColumnKind::Amount,
        ),
        col("operating", "事业单位经营收入", None, ColumnKind::Amount),
        col("other", "其他收入", None, ColumnKind::Amount),
        col("superior", "上级补助收入", None, ColumnKind::Amount),
        col("affiliated", "附属单位上缴收入", None, ColumnKind::Amount),
        col(
            "non_fiscal_balance",
            "使用非财政拨款结余",
            None,
            ColumnKind::Amount,
        ),
        col("carryover", "上年结转", None, ColumnKind::Amount),
    ]);
    let header = vec![
        vec![
            h("科目编码", 3, 1),
            h("科目名称", 1, 2),
            h("合计", 1, 2),
            h("财政拨款收入", 4, 1),
            h("财政专户管理资金收入", 1, 2),
            h("事业收入(不含教育收费)", 1, 2),
            h("事业单位经营收入", 1, 2),
            h("其他收入", 1, 2),
            h("上级补助收入", 1, 2),
            h("附属单位上缴收入", 1, 2),
            h("使用非财政拨款结余", 1, 2),
            h("上年结转", 1, 2),
        ],
        vec![
            h("类", 1, 1),
            h("款", 1, 1),
            h("项", 1, 1),
            h("小计", 1, 1),
            h("一般公共预算收入", 1, 1),
            h("政府性基金预算收入", 1, 1),
            h("国有资本经营预算收入", 1, 1),
        ],
    ];
    let amounts: BTreeMap<(String, Source), Decimal> = ix
        .func
        .iter()
        .map(|(k, s)| (k.clone(), s.total()))
        .collect();
    let rolled = ix.functional_by_source(&amounts);
    let values = |m: Option<&BTreeMap<Source, Decimal>>| -> Vec<Cell> {
        let one = |s: Source| amt(by_source(m, |x| x == s));
        vec![
            amt(by_source(m, |_| true)),
            amt(by_source(m, Source::is_fiscal)),
            one(Source::GeneralPublic),
            one(Source::GovernmentFund),
            one(Source::StateCapital),
            one(Source::SpecialAccount),
            one(Source::Business),
            one(Source::Operating),
            one(Source::Other),
            one(Source::Superior),
            one(Source::Affiliated),
            one(Source::NonFiscalBalance),
            one(Source::Carryover),
        ]
    };
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    for ((_, s), d) in &amounts {
        *totals.entry(*s).or_default() += *d;
    }
    let mut rows = vec![total_row(4, values(Some(&totals)), TOTAL)];
    for (code, m) in &rolled {
        rows.push(func_row(ix, code, level_of(code), values(Some(m))));
    }
    Table {
        id: "income",
        title: "收入总体情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}

/// 支出总体情况表: all spending by functional code, 基本 / 项目.
fn expenditure(ix: &Index) -> Table {
    let mut columns = code_columns();
    columns.extend([
        col("total", "合计", None, ColumnKind::Amount),
        col("basic", "基本支出", None, ColumnKind::Amount),
        col("project", "项目支出", None, ColumnKind::Amount),
        col("carry_forward", "结转下年", None, ColumnKind::Amount),
    ]);
    let header = vec![
        vec![
            h("科目编码", 3, 1),
            h("科目名称", 1, 2),
            h("合计", 1, 2),
            h("基本支出", 1, 2),
            h("项目支出", 1, 2),
            h("结转下年", 1, 2),
        ],
        vec![h("类", 1, 1), h("款", 1, 1), h("项", 1, 1)],
    ];
    let values = |s: &Split| vec![amt(s.total()), amt(s.basic()), amt(s.project), Cell::Empty];
    let mut rows = vec![total_row(4, values(&ix.func_total(|_| true)), TOTAL)];
    for (code, level, s) in ix.functional(|_| true) {
        rows.push(func_row(ix, &code, level, values(&s)));
    }
    Table {
        id: "expenditure",
        title: "支出总体情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}

/// 一般公共预算支出情况表 and the two fund tables (same layout, one source each).
fn functional_fund_table(
    ix: &Index,
    id: &'static str,
    title: &str,
    source: Source,
    fund: Option<&str>,
) -> Table {
    let g = Some("基本支出");
    let mut columns = code_columns();
    columns.extend([
        col("total", "合计", None, ColumnKind::Amount),
        col("basic_subtotal", "小计", g, ColumnKind::Amount),
        col("personnel", "人员支出", g, ColumnKind::Amount),
        col("public", "日常公用支出", g, ColumnKind::Amount),
        col("project", "项目支出", None, ColumnKind::Amount),
    ]);
    let header = vec![
        vec![
            h("科目编码", 3, 1),
            h("科目名称", 1, 2),
            h("合计", 1, 2),
            h("基本支出", 3, 1),
            h("项目支出", 1, 2),
        ],
        vec![
            h("类", 1, 1),
            h("款", 1, 1),
            h("项", 1, 1),
            h("小计", 1, 1),
            h("人员支出", 1, 1),
            h("日常公用支出", 1, 1),
        ],
    ];
    let values = |s: &Split| {
        vec![
            amt(s.total()),
            amt(s.basic()),
            amt(s.personnel),
            amt(s.public),
            amt(s.project),
        ]
    };
    let mut rows = vec![total_row(
        4,
        values(&ix.func_total(|s| s == source)),
        "合 计",
    )];
    for (code, level, s) in ix.functional(|s| s == source) {
        rows.push(func_row(ix, &code, level, values(&s)));
    }
    let empty = rows.len() == 1;
    let note = match (fund, empty) {
        (Some(f), true) => Some(format!(
            "注：{} 年没有使用{f}拨款安排的支出。",
            ix.budget.year()
        )),
        _ => None,
    };
    Table {
        id,
        title: title.to_string(),
        columns,
        header,
        rows,
        note,
    }
}

/// Economic rows (类 and 款) of basic spending, with the amounts by source.
fn economic_rows(ix: &Index) -> Vec<(String, RowLevel, BTreeMap<Source, Decimal>)> {
    let mut sums: BTreeMap<String, BTreeMap<Source, Decimal>> = BTreeMap::new();
    for ((code, source), d) in &ix.econ {
        let class = code.get(..3).unwrap_or(code).to_string();
        for key in [class, code.clone()] {
            *sums.entry(key).or_default().entry(*source).or_default() += *d;
        }
    }
    sums.into_iter()
        .map(|(code, m)| {
            let level = if code.len() == 3 {
                RowLevel::Class
            } else {
                RowLevel::Section
            };
            (code, level, m)
        })
        .collect()
}

/// The economic code cells: 部门 类, 款, name, 政府 类, 款, name.
fn economic_cells(ix: &Index, code: &str) -> (String, Vec<Cell>) {
    let name = ix.econ_name(Classification::EconomicDept, code);
    let gov = ix.catalog.gov_code(code).map(str::to_string).or_else(|| {
        // A 类 without its own mapping row: the class of its first mapped 款.
        ix.econ
            .keys()
            .filter(|(c, _)| c.starts_with(code))
            .find_map(|(c, _)| ix.catalog.gov_code(c))
            .and_then(|g| g.get(..3))
            .map(str::to_string)
    });
    let split = |c: &str| -> (Cell, Cell) {
        match (c.get(..3), c.get(3..)) {
            (Some(a), Some(b)) if !b.is_empty() => (text(a), text(b)),
            _ => (text(c), Cell::Empty),
        }
    };
    let (dc, dk) = split(code);
    let mut cells = vec![dc, dk, text(name.clone())];
    match gov {
        Some(g) => {
            let (gc, gk) = split(&g);
            cells.extend([gc, gk, text(ix.econ_name(Classification::EconomicGov, &g))]);
        }
        None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
    }
    (name, cells)
}

fn economic_columns(dept_label: &'static str, gov_label: &'static str) -> Vec<Column> {
    vec![
        col("dept_class", "类", Some("科目编码"), ColumnKind::Code),
        col("dept_section", "款", Some("科目编码"), ColumnKind::Code),
        col("dept_name", dept_label, None, ColumnKind::Text),
        col("gov_class", "类", Some("科目编码"), ColumnKind::Code),
        col("gov_section", "款", Some("科目编码"), ColumnKind::Code),
        col("gov_name", gov_label, None, ColumnKind::Text),
    ]
}

/// 一般公共预算基本支出情况表: basic spending by economic code, 人员 / 公用.
fn general_basic_economic(ix: &Index) -> Table {
    let g = Some("基本支出预算");
    let mut columns = economic_columns(
        "部门预算支出经济分类科目名称",
        "政府预算支出经济分类科目名称",
    );
    columns.extend([
        col("subtotal", "小计", g, ColumnKind::Amount),
        col("personnel", "人员支出", g, ColumnKind::Amount),
        col("public", "日常公用支出", g, ColumnKind::Amount),
    ]);
    let header = vec![
        vec![
            h("科目编码", 2, 1),
            h("部门预算支出经济分类科目名称", 1, 2),
            h("科目编码", 2, 1),
            h("政府预算支出经济分类科目名称", 1, 2),
            h("基本支出预算", 3, 1),
        ],
        vec![
            h("类", 1, 1),
            h("款", 1, 1),
            h("类", 1, 1),
            h("款", 1, 1),
            h("小计", 1, 1),
            h("人员支出", 1, 1),
            h("日常公用支出", 1, 1),
        ],
    ];
    let values = |code: &str, d: Decimal| {
        let (p, c) = match BasicKind::of_economic(code) {
            BasicKind::Personnel => (d, Decimal::ZERO),
            BasicKind::Public => (Decimal::ZERO, d),
        };
        vec![amt(d), amt(p), amt(c)]
    };
    let mut rows = Vec::new();
    let mut personnel = Decimal::ZERO;
    let mut public = Decimal::ZERO;
    for (code, level, m) in economic_rows(ix) {
        let d = by_source(Some(&m), |s| s == Source::GeneralPublic);
        if d.is_zero() {
            continue;
        }
        if level == RowLevel::Section {
            match BasicKind::of_economic(&code) {
                BasicKind::Personnel => personnel += d,
                BasicKind::Public => public += d,
            }
        }
        let (name, mut cells) = economic_cells(ix, &code);
        cells.extend(values(&code, d));
        rows.push(Row {
            code: Some(code),
            name,
            level,
            cells,
        });
    }
    let total = total_row(
        6,
        vec![amt(personnel + public), amt(personnel), amt(public)],
        "合 计",
    );
    rows.insert(0, total);
    Table {
        id: "general_basic_economic",
        title: "一般公共预算基本支出情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}

/// 基本支出预算情况表: basic spending by economic code and source.
fn basic_expenditure(ix: &Index) -> Table {
    let mut columns = economic_columns("部门预算支出经济分类科目", "政府预算支出经济分类科目");
    columns.extend(source_columns(true));
    let header = vec![
        vec![
            h("科目编码", 2, 2),
            h("部门预算支出经济分类科目", 1, 3),
            h("科目编码", 2, 2),
            h("政府预算支出经济分类科目", 1, 3),
            h("合计", 1, 3),
            h("财政拨款", 4, 1),
            h("财政专户管理资金", 1, 3),
            h("单位资金", 1, 3),
            h("使用非财政拨款结余", 1, 3),
            h("上年结转", 1, 3),
        ],
        vec![
            h("小计", 1, 2),
            h("一般公共预算", 1, 2),
            h("政府性基金预算", 1, 2),
            h("国有资本经营预算", 1, 2),
        ],
        vec![h("类", 1, 1), h("款", 1, 1), h("类", 1, 1), h("款", 1, 1)],
    ];
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    let mut rows = Vec::new();
    for (code, level, m) in economic_rows(ix) {
        if level == RowLevel::Section {
            for (s, d) in &m {
                *totals.entry(*s).or_default() += *d;
            }
        }
        let (name, mut cells) = economic_cells(ix, &code);
        cells.extend(source_values(Some(&m), true));
        rows.push(Row {
            code: Some(code),
            name,
            level,
            cells,
        });
    }
    rows.insert(0, total_row(6, source_values(Some(&totals), true), TOTAL));
    Table {
        id: "basic_expenditure",
        title: "基本支出预算情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}

/// The source columns of the basic, project and procurement tables.
fn source_columns(with_state_capital: bool) -> Vec<Column> {
    let g = Some("财政拨款");
    let mut v = vec![
        col("total", "合计", None, ColumnKind::Amount),
        col("fiscal_subtotal", "小计", g, ColumnKind::Amount),
        col("general", "一般公共预算", g, ColumnKind::Amount),
        col("fund", "政府性基金预算", g, ColumnKind::Amount),
    ];
    if with_state_capital {
        v.push(col(
            "state_capital",
            "国有资本经营预算",
            g,
            ColumnKind::Amount,
        ));
    }
    v.extend([
        col(
            "special_account",
            "财政专户管理资金",
            None,
            ColumnKind::Amount,
        ),
        col("unit_funds", "单位资金", None, ColumnKind::Amount),
        col(
            "non_fiscal_balance",
            "使用非财政拨款结余",
            None,
            ColumnKind::Amount,
        ),
        col("carryover", "上年结转", None, ColumnKind::Amount),
    ]);
    v
}

fn source_values(m: Option<&BTreeMap<Source, Decimal>>, with_state_capital: bool) -> Vec<Cell> {
    let one = |s: Source| amt(by_source(m, |x| x == s));
    let mut v = vec![
        amt(by_source(m, |_| true)),
        amt(by_source(m, Source::is_fiscal)),
        one(Source::GeneralPublic),
        one(Source::GovernmentFund),
    ];
    if with_state_capital {
        v.push(one(Source::StateCapital));
    }
    v.extend([
        one(Source::SpecialAccount),
        amt(by_source(m, Source::is_unit_funds)),
        one(Source::NonFiscalBalance),
        one(Source::Carryover),
    ]);
    v
}

/// 项目支出预算情况表: one row per project.
fn project_expenditure(ix: &Index) -> Table {
    let mut columns = vec![
        col("name", "项目名称", None, ColumnKind::Text),
        col("project_type", "项目类型", None, ColumnKind::Text),
    ];
    columns.extend(source_columns(false));
    let header = vec![
        vec![
            h("项目名称", 1, 2),
            h("项目类型", 1, 2),
            h("合计", 1, 2),
            h("财政拨款", 3, 1),
            h("财政专户管理资金", 1, 2),
            h("单位资金", 1, 2),
            h("使用非财政拨款结余", 1, 2),
            h("上年结转", 1, 2),
        ],
        vec![
            h("小计", 1, 1),
            h("一般公共预算", 1, 1),
            h("政府性基金预算", 1, 1),
        ],
    ];
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    let mut rows = Vec::new();
    for p in &ix.budget.projects {
        let m = BTreeMap::from([(p.source, p.amount())]);
        *totals.entry(p.source).or_default() += p.amount();
        let mut cells = vec![
            text(p.name.value.clone()),
            text(p.kind.as_ref().map(|k| k.value.clone()).unwrap_or_default()),
        ];
        cells.extend(source_values(Some(&m), false));
        rows.push(Row {
            code: Some(p.code.value.clone()),
            name: p.name.value.clone(),
            level: RowLevel::Project,
            cells,
        });
    }
    let mut total_cells = vec![text("合 计"), Cell::Empty];
    total_cells.extend(source_values(Some(&totals), false));
    rows.insert(
        0,
        Row {
            code: None,
            name: "合 计".into(),
            level: RowLevel::Total,
            cells: total_cells,
        },
    );
    Table {
        id: "project_expenditure",
        title: "项目支出预算情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}

/// 政府采购预算情况表: procurement by functional code and source.
fn procurement(ix: &Index) -> Table {
    let mut columns = code_columns();
    columns.extend(source_columns(false));
    let header = vec![
        vec![
            h("科目编码", 3, 1),
            h("科目名称", 1, 3),
            h("资金来源", 8, 1),
        ],
        vec![
            h("类", 1, 2),
            h("款", 1, 2),
            h("项", 1, 2),
            h("合计", 1, 2),
            h("财政拨款", 3, 1),
            h("财政专户管理资金", 1, 2),
            h("单位资金", 1, 2),
            h("使用非财政拨款结余", 1, 2),
            h("上年结转", 1, 2),
        ],
        vec![
            h("小计", 1, 1),
            h("一般公共预算", 1, 1),
            h("政府性基金预算", 1, 1),
        ],
    ];
    let rolled = ix.functional_by_source(&ix.procurement);
    let mut totals: BTreeMap<Source, Decimal> = BTreeMap::new();
    for ((_, s), d) in &ix.procurement {
        *totals.entry(*s).or_default() += *d;
    }
    let mut rows = vec![total_row(4, source_values(Some(&totals), false), "合 计")];
    for (code, m) in &rolled {
        rows.push(func_row(
            ix,
            code,
            level_of(code),
            source_values(Some(m), false),
        ));
    }
    Table {
        id: "procurement",
        title: "政府采购预算情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}

/// 一般公共预算“三公”经费支出情况表: last year's and this year's 三公 figures.
fn three_public(ix: &Index, f: &Figures) -> Table {
    let p = Some("上年预算数");
    let c = Some("本年预算数");
    let columns = vec![
        col("prior_total", "合计", p, ColumnKind::Amount),
        col("prior_abroad", "因公出国（境）经费", p, ColumnKind::Amount),
        col("prior_vehicle_subtotal", "小计", p, ColumnKind::Amount),
        col(
            "prior_vehicle_purchase",
            "公务用车购置经费",
            p,
            ColumnKind::Amount,
        ),
        col(
            "prior_vehicle_operation",
            "公务用车运行维护费",
            p,
            ColumnKind::Amount,
        ),
        col("prior_reception", "公务接待费", p, ColumnKind::Amount),
        col("total", "合计", c, ColumnKind::Amount),
        col("abroad", "因公出国（境）经费", c, ColumnKind::Amount),
        col("vehicle_subtotal", "小计", c, ColumnKind::Amount),
        col(
            "vehicle_purchase",
            "公务用车购置经费",
            c,
            ColumnKind::Amount,
        ),
        col(
            "vehicle_operation",
            "公务用车运行维护费",
            c,
            ColumnKind::Amount,
        ),
        col("reception", "公务接待费", c, ColumnKind::Amount),
    ];
    let year_block = || {
        vec![
            h("合计", 1, 2),
            h("因公出国（境）经费", 1, 2),
            h("公务用车购置及运行维护费", 3, 1),
            h("公务接待费", 1, 2),
        ]
    };
    let mut row1 = year_block();
    row1.extend(year_block());
    let sub = || {
        vec![
            h("小计", 1, 1),
            h("公务用车购置经费", 1, 1),
            h("公务用车运行维护费", 1, 1),
        ]
    };
    let mut row2 = sub();
    row2.extend(sub());
    let header = vec![
        vec![
            h(
                format!("{} 年预算数", ix.budget.year().saturating_sub(1)),
                6,
                1,
            ),
            h(format!("{} 年预算数", ix.budget.year()), 6, 1),
        ],
        row1,
        row2,
    ];
    let t = &f.three_public;
    let side = |get: &dyn Fn(ThreePublicKind) -> Decimal| {
        let abroad = get(ThreePublicKind::Abroad);
        let purchase = get(ThreePublicKind::VehiclePurchase);
        let operation = get(ThreePublicKind::VehicleOperation);
        let reception = get(ThreePublicKind::Reception);
        vec![
            amt0(abroad + purchase + operation + reception),
            amt0(abroad),
            amt0(purchase + operation),
            amt0(purchase),
            amt0(operation),
            amt0(reception),
        ]
    };
    let mut cells = side(&|k| t.prior(k).unwrap_or_default());
    cells.extend(side(&|k| t.current(k)));
    Table {
        id: "three_public",
        title: "一般公共预算“三公”经费支出情况表".into(),
        columns,
        header,
        rows: vec![Row {
            code: None,
            name: TOTAL.into(),
            level: RowLevel::Total,
            cells,
        }],
        note: None,
    }
}

/// The 类 lines of the two-sided tables, in the template's order (财政部 template).
const TEMPLATE_CLASSES: [&str; 21] = [
    "201", "202", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
    "216", "217", "220", "221", "222", "223", "224", "229",
];

const NUMERALS: [&str; 30] = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
    "二十七",
    "二十八",
    "二十九",
    "三十",
];

fn numbered(i: usize, s: &str) -> String {
    match NUMERALS.get(i) {
        Some(n) => format!("{n}、{s}"),
        None => format!("{}、{s}", i + 1),
    }
}

/// The 类 lines: the template's, plus any other class that has spending, in code order.
fn class_lines(ix: &Index) -> Vec<String> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (code, _) in ix.func.keys() {
        if let Some(c) = code.get(..3) {
            used.insert(c.to_string());
        }
    }
    let mut classes: Vec<String> = TEMPLATE_CLASSES.iter().map(|s| s.to_string()).collect();
    for c in used {
        if !classes.contains(&c) {
            classes.push(c);
        }
    }
    classes.sort();
    classes
}

fn class_amounts(ix: &Index, class: &str, keep: impl Fn(Source) -> bool) -> Decimal {
    ix.func
        .iter()
        .filter(|((code, s), _)| code.starts_with(class) && keep(*s))
        .map(|(_, split)| split.total())
        .sum()
}

fn income_of(ix: &Index, keep: impl Fn(Source) -> bool) -> Decimal {
    ix.budget
        .income
        .iter()
        .filter(|i| keep(i.source))
        .map(|i| i.amount.value)
        .sum()
}

/// A row of a two-sided table: code and name come from the expenditure side.
fn two_sided_row(code: Option<String>, name: &str, level: RowLevel, cells: Vec<Cell>) -> Row {
    Row {
        code,
        name: name.to_string(),
        level,
        cells,
    }
}

/// The upper rows of a two-sided table: the numbered income lines on the left, the numbered
/// 类 lines on the right (`width` cells: the item, then `amounts` of the class).
fn class_rows(
    ix: &Index,
    incomes: &[(&str, Source)],
    width: usize,
    amounts: impl Fn(&str) -> Vec<Cell>,
) -> Vec<Row> {
    let classes = class_lines(ix);
    let n = classes.len().max(incomes.len());
    let mut rows = Vec::new();
    for i in 0..n {
        let mut cells = match incomes.get(i) {
            Some((name, s)) => vec![text(numbered(i, name)), amt(income_of(ix, |x| x == *s))],
            None => vec![Cell::Empty, Cell::Empty],
        };
        let (code, name) = match classes.get(i) {
            Some(c) => {
                let name = ix.func_name(c);
                cells.push(text(numbered(i, &name)));
                cells.extend(amounts(c));
                (Some(c.clone()), name)
            }
            None => {
                cells.extend(vec![Cell::Empty; width]);
                (None, String::new())
            }
        };
        rows.push(two_sided_row(code, &name, RowLevel::Class, cells));
    }
    rows
}

/// 财政拨款收支总体情况表: fiscal income | fiscal spending by 类 and fund.
fn fiscal_overview(ix: &Index) -> Table {
    let columns = vec![
        col("income_item", "项目", Some("收 入"), ColumnKind::Text),
        col("income_amount", "预算数", Some("收 入"), ColumnKind::Amount),
        col("expenditure_item", "项 目", Some("支 出"), ColumnKind::Text),
        col("total", "总计", Some("支 出"), ColumnKind::Amount),
        col("general", "一般公共预算", Some("支 出"), ColumnKind::Amount),
        col("fund", "政府性基金预算", Some("支 出"), ColumnKind::Amount),
        col(
            "state_capital",
            "国有资本经营预算",
            Some("支 出"),
            ColumnKind::Amount,
        ),
    ];
    let header = vec![
        vec![h("收 入", 2, 1), h("支 出", 5, 1)],
        vec![
            h("项目", 1, 2),
            h("预算数", 1, 2),
            h("项 目", 1, 2),
            h("预算数", 4, 1),
        ],
        vec![
            h("总计", 1, 1),
            h("一般公共预算", 1, 1),
            h("政府性基金预算", 1, 1),
            h("国有资本经营预算", 1, 1),
        ],
    ];
    let incomes = [
        ("一般公共预算收入", Source::GeneralPublic),
        ("政府性基金预算收入", Source::GovernmentFund),
        ("国有资本经营预算收入", Source::StateCapital),
    ];
    let mut rows = class_rows(ix, &incomes, 5, |c| {
        let one = |s: Source| amt(class_amounts(ix, c, |x| x == s));
        vec![
            amt(class_amounts(ix, c, Source::is_fiscal)),
            one(Source::GeneralPublic),
            one(Source::GovernmentFund),
            one(Source::StateCapital),
        ]
    });
    let fiscal_income = income_of(ix, Source::is_fiscal);
    let spend = |keep: &dyn Fn(Source) -> bool| ix.func_total(keep).total();
    let spending = vec![
        amt(spend(&|s: Source| s.is_fiscal())),
        amt(spend(&|s| s == Source::GeneralPublic)),
        amt(spend(&|s| s == Source::GovernmentFund)),
        amt(spend(&|s| s == Source::StateCapital)),
    ];
    let mut this_year = vec![
        text("本 年 收 入 合 计"),
        amt(fiscal_income),
        text("本 年 支 出 合 计"),
    ];
    this_year.extend(spending.clone());
    rows.push(two_sided_row(
        None,
        "本年支出合计",
        RowLevel::Total,
        this_year,
    ));
    let mut carry = vec![text("上年结转"), Cell::Empty, text("结转下年")];
    carry.extend(vec![Cell::Empty; 4]);
    rows.push(two_sided_row(None, "结转下年", RowLevel::Total, carry));
    let mut grand = vec![text("收 入 总 计"), amt(fiscal_income), text("支 出 总 计")];
    grand.extend(spending);
    rows.push(two_sided_row(None, "支出总计", RowLevel::Total, grand));
    Table {
        id: "fiscal_overview",
        title: "财政拨款收支总体情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}

/// 收支总体情况表: all income by source | all spending by 类 (the standard two-sided layout).
fn overview(ix: &Index) -> Table {
    let columns = vec![
        col("income_item", "项目", Some("收 入"), ColumnKind::Text),
        col("income_amount", "预算数", Some("收 入"), ColumnKind::Amount),
        col("expenditure_item", "项目", Some("支 出"), ColumnKind::Text),
        col(
            "expenditure_amount",
            "预算数",
            Some("支 出"),
            ColumnKind::Amount,
        ),
    ];
    let header = vec![
        vec![h("收 入", 2, 1), h("支 出", 2, 1)],
        vec![
            h("项目", 1, 1),
            h("预算数", 1, 1),
            h("项目", 1, 1),
            h("预算数", 1, 1),
        ],
    ];
    let incomes = [
        ("一般公共预算拨款收入", Source::GeneralPublic),
        ("政府性基金预算拨款收入", Source::GovernmentFund),
        ("国有资本经营预算拨款收入", Source::StateCapital),
        ("财政专户管理资金收入", Source::SpecialAccount),
        ("事业收入", Source::Business),
        ("事业单位经营收入", Source::Operating),
        ("上级补助收入", Source::Superior),
        ("附属单位上缴收入", Source::Affiliated),
        ("其他收入", Source::Other),
    ];
    let mut rows = class_rows(ix, &incomes, 2, |c| {
        vec![amt(class_amounts(ix, c, |_| true))]
    });
    let current_income = income_of(ix, |s| {
        !matches!(s, Source::NonFiscalBalance | Source::Carryover)
    });
    let balance = income_of(ix, |s| s == Source::NonFiscalBalance);
    let carryover = income_of(ix, |s| s == Source::Carryover);
    let spending = ix.func_total(|_| true).total();
    let lines = [
        (
            "本年收入合计",
            amt(current_income),
            "本年支出合计",
            amt(spending),
        ),
        ("使用非财政拨款结余", amt(balance), "", Cell::Empty),
        ("上年结转", amt(carryover), "结转下年", Cell::Empty),
        (
            "收入总计",
            amt(current_income + balance + carryover),
            "支出总计",
            amt(spending),
        ),
    ];
    for (inc, ia, exp, ea) in lines {
        let name = if exp.is_empty() { inc } else { exp };
        rows.push(two_sided_row(
            None,
            name,
            RowLevel::Total,
            vec![
                text(inc),
                ia,
                if exp.is_empty() {
                    Cell::Empty
                } else {
                    text(exp)
                },
                ea,
            ],
        ));
    }
    Table {
        id: "overview",
        title: "收支总体情况表".into(),
        columns,
        header,
        rows,
        note: None,
    }
}
