//! The facts of a workbook, read row by row from the sheets whose columns say what they hold,
//! then written as the statements of a budget.

use super::out::{cell, one_line, one_word, word, Out, Word};
use super::sheet::{self, At, Book, Cell, Role, Row, Table};
use super::{Counts, Options, Problem, Refusal};
use crate::backend::xlsx::facts::source_name;
use crate::diag::{t, Text};
use crate::model::{MoneyUnit, ProcurementKind, Source, ThreePublicKind};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A value and the cell it came from.
type V = (String, At);

/// What a sheet is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Department,
    SubUnits,
    Texts,
    Prior,
    Stated,
    Goals,
    Procurement,
    ThreePublic,
    ProjectLines,
    ProjectEconomics,
    Projects,
    Basic,
}

impl Layout {
    fn name(self) -> Text {
        match self {
            Layout::Department => t!("部门信息", "department"),
            Layout::SubUnits => t!("二级单位", "sub-units"),
            Layout::Texts => t!("文字说明", "texts"),
            Layout::Prior => t!("上年数", "prior-year figures"),
            Layout::Stated => t!("核对数", "stated figures"),
            Layout::Goals => t!("绩效目标", "performance goals"),
            Layout::Procurement => t!("政府采购", "procurement"),
            Layout::ThreePublic => t!("项目三公经费", "projects' 三公"),
            Layout::ProjectLines => t!("项目支出明细", "project lines"),
            Layout::ProjectEconomics => t!("项目经济分类", "projects' economic lines"),
            Layout::Projects => t!("项目信息", "projects"),
            Layout::Basic => t!("基本支出明细", "basic-expenditure lines"),
        }
    }
}

/// What a table's columns make it.
fn layout(t: &Table) -> Option<Layout> {
    let has = |r| t.has(r);
    let name = t.sheet.name.as_str();
    Some(
        if has(Role::Item) && has(Role::Content) && name.contains("部门信息") {
            Layout::Department
        } else if has(Role::UnitId) && has(Role::UnitName) {
            Layout::SubUnits
        } else if has(Role::Part) && has(Role::Paragraph) {
            Layout::Texts
        } else if has(Role::Item) && has(Role::PriorAmount) {
            Layout::Prior
        } else if has(Role::Category) && has(Role::Stated) {
            Layout::Stated
        } else if has(Role::ProjectCode) && has(Role::Level1) && has(Role::Level3) {
            Layout::Goals
        } else if has(Role::Procurement) && has(Role::Amount) {
            Layout::Procurement
        } else if has(Role::ThreePublic) && has(Role::ProjectCode) && has(Role::Amount) {
            Layout::ThreePublic
        } else if has(Role::ProjectCode) && has(Role::Func) && has(Role::Amount) {
            Layout::ProjectLines
        } else if has(Role::ProjectCode) && has(Role::Econ) && has(Role::Amount) {
            Layout::ProjectEconomics
        } else if has(Role::ProjectCode) && has(Role::ProjectName) && !has(Role::Func) {
            Layout::Projects
        } else if has(Role::Func) && has(Role::Econ) && has(Role::Amount) {
            Layout::Basic
        } else {
            return None;
        },
    )
}

struct SubUnit {
    id: String,
    name: String,
    kind: Option<V>,
    at: Option<At>,
}

struct Basic {
    unit: Option<String>,
    func: V,
    func_name: Option<V>,
    econ: V,
    econ_name: Option<V>,
    source: Source,
    source_at: Option<At>,
    amount: Decimal,
    at: At,
}

struct Procurement {
    kind: V,
    func: Option<V>,
    source: Option<(Source, At)>,
    amount: Decimal,
    at: At,
}

struct Allocation {
    func: V,
    name: Option<V>,
    source: Source,
    source_at: Option<At>,
    amount: Decimal,
    at: At,
}

struct Economic {
    econ: V,
    name: Option<V>,
    amount: Decimal,
    at: At,
}

struct Indicator {
    fields: [V; 5],
}

/// A project's 三公 line: the kind, the source (if stated), the amount, with their cells.
type ThreePublicLine = (ThreePublicKind, At, Option<(Source, At)>, Decimal, At);

#[derive(Default)]
struct Project {
    code: Option<V>,
    name: Option<V>,
    unit: Option<(String, At)>,
    kind: Option<V>,
    source: Option<(Source, At)>,
    stated: Option<(Decimal, At)>,
    allocations: Vec<Allocation>,
    economics: Vec<Economic>,
    procurement: Vec<Procurement>,
    three_public: Vec<ThreePublicLine>,
    goal: Option<V>,
    indicators: Vec<Indicator>,
}

impl Project {
    /// An economic line, added to the line of the same code if there is one.
    fn add_economic(&mut self, econ: V, name: Option<V>, amount: Decimal, at: At) {
        match self.economics.iter_mut().find(|e| e.econ.0 == econ.0) {
            Some(e) => e.amount += amount,
            None => self.economics.push(Economic {
                econ,
                name,
                amount,
                at,
            }),
        }
    }
}

/// Everything read from a workbook.
#[derive(Default)]
pub struct Records {
    pub read: Vec<(String, Text)>,
    pub problems: Vec<Problem>,
    unit: Option<MoneyUnit>,
    department: Option<(String, Option<At>)>,
    year: Option<(String, Option<At>)>,
    header: Vec<(&'static str, V)>,
    sub_units: Vec<SubUnit>,
    texts: Vec<(String, String, V)>,
    stated: Vec<(String, String, V)>,
    basic: Vec<Basic>,
    basic_read: bool,
    basic_procurement: Vec<Procurement>,
    projects: Vec<Project>,
    projects_read: bool,
    prior: Vec<(String, String, Decimal, At)>,
    assets: Vec<(String, V)>,
    key_evaluation: Vec<(String, V)>,
}

const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

impl Records {
    pub fn counts(&self) -> Counts {
        Counts {
            basic: self.basic.len(),
            projects: self.projects.len(),
            indicators: self.projects.iter().map(|p| p.indicators.len()).sum(),
        }
    }

    pub fn read(book: &Book, options: &Options) -> Result<Records, Refusal> {
        let mut r = Records::default();
        let tables: Vec<(Layout, Table)> = book
            .sheets
            .iter()
            .filter_map(sheet::table)
            .filter_map(|t| layout(&t).map(|l| (l, t)))
            .collect();
        for (l, t) in &tables {
            r.read.push((t.sheet.name.clone(), l.name()));
        }
        if let Some(base) = &options.base {
            r.base_header(base);
        }
        for (_, t) in tables.iter().filter(|(l, _)| *l == Layout::Department) {
            r.department_sheet(t);
        }
        if let Some(d) = &options.department {
            r.department = Some((d.clone(), None));
        }
        if let Some(y) = options.year {
            r.year = Some((y.to_string(), None));
        }
        if let Some(u) = options.unit {
            r.unit = Some(u);
        }
        if r.unit.is_none() {
            r.unit = tables.iter().find_map(|(_, t)| t.unit);
        }
        if r.unit.is_none() {
            return Err(t!(
                "工作簿没有写明金额单位（如表头上方的“单位：元”）：请用 --unit 元 或 --unit 万元 指明",
                "the workbook does not state its amount unit (such as “单位：元” above a header): give --unit 元 or --unit 万元"
            ));
        }
        if r.year.is_none() {
            return Err(t!(
                "工作簿没有写明预算年度：请用 --year 指明，例如 --year 2025",
                "the workbook does not state the budget year: give --year, for example --year 2025"
            ));
        }
        for (l, t) in tables.iter().filter(|(l, _)| *l == Layout::SubUnits) {
            let _ = l;
            r.sub_units_sheet(t);
        }
        for (l, t) in &tables {
            match l {
                Layout::Department | Layout::SubUnits => {}
                Layout::Texts => r.texts_sheet(t),
                Layout::Prior => r.prior_sheet(t),
                Layout::Stated => r.stated_sheet(t),
                Layout::Projects => r.projects_sheet(t),
                _ => {}
            }
        }
        for (l, t) in &tables {
            match l {
                Layout::Basic => r.basic_sheet(t),
                Layout::ProjectLines => r.project_lines(t),
                Layout::ProjectEconomics => r.project_economics(t),
                Layout::Procurement => r.procurement_sheet(t),
                Layout::ThreePublic => r.three_public_sheet(t),
                _ => {}
            }
        }
        for (l, t) in &tables {
            if *l == Layout::Goals {
                r.goals_sheet(t);
            }
        }
        Ok(r)
    }

    /// The header of a base budget: its department, year, unit and sub-units (the rest of it
    /// is kept as written).
    fn base_header(&mut self, base: &str) {
        for line in base.lines() {
            let mut words = line.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some("部门"), Some(_), _) => {
                    let name = line.trim().trim_start_matches("部门").trim();
                    self.department = Some((name.to_string(), None));
                }
                (Some("年度"), Some(y), _) => self.year = Some((y.to_string(), None)),
                (Some("金额单位"), Some(u), _) => self.unit = MoneyUnit::parse(u),
                (Some("二级单位"), Some(id), Some(name)) => self.sub_units.push(SubUnit {
                    id: id.to_string(),
                    name: name.to_string(),
                    kind: None,
                    at: None,
                }),
                _ => {}
            }
        }
        // Stated in the base: not written again.
        for u in &mut self.sub_units {
            u.at = None;
        }
    }

    fn problem(&mut self, c: &Cell, code: &'static str, message: Text, help: Text) {
        let shown = if c.text.is_empty() {
            "（空白）"
        } else {
            c.text.as_str()
        };
        self.problems
            .push(Problem::new(c.at, shown, code, message, help));
    }

    /// A required cell: its text, or a problem when it is empty or missing.
    fn required<'a>(&mut self, row: &Row<'a>, role: Role, what: &str) -> Option<&'a Cell> {
        match row.get(role) {
            Some(c) if !c.text.is_empty() => Some(c),
            Some(c) => {
                self.problem(
                    c,
                    "E0006",
                    t!("缺少{what}", "the {what} is missing"),
                    t!(
                        "填写{what}，或删去这一行",
                        "fill in the {what}, or delete the row"
                    ),
                );
                None
            }
            None => None,
        }
    }

    /// An amount in the budget's unit.
    fn amount(&mut self, c: &Cell, unit: Option<MoneyUnit>) -> Option<Decimal> {
        let text: String = match c.number {
            Some(f) => sheet::number_text(f),
            None => c
                .text
                .chars()
                .filter(|ch| !matches!(ch, ',' | '，' | ' ' | '\u{a0}'))
                .collect(),
        };
        let text = if text.is_empty() {
            "0".to_string()
        } else {
            text
        };
        let Ok(d) = Decimal::from_str(&text) else {
            let s = &c.text;
            self.problem(
                c,
                "E0006",
                t!("金额“{s}”不是数", "the amount “{s}” is not a number"),
                t!(
                    "金额写成数字，例如 12017440.70",
                    "write the amount as a number, for example 12017440.70"
                ),
            );
            return None;
        };
        let to = self.unit.unwrap_or(MoneyUnit::Yuan);
        let from = unit.unwrap_or(to);
        let d = match (from, to) {
            (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => d.checked_mul(Decimal::from(10_000)),
            (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => d.checked_div(Decimal::from(10_000)),
            _ => Some(d),
        };
        let Some(d) = d.map(|d| d.normalize()) else {
            self.problem(
                c,
                "E0003",
                t!("金额超出范围", "the amount is out of range"),
                t!("检查这一格的金额", "check the amount in this cell"),
            );
            return None;
        };
        if d.scale() > 2 {
            let (u, f) = (to.as_str(), from.as_str());
            self.problem(
                c,
                "E0204",
                t!(
                    "金额换算成{u}后超过两位小数：{d}",
                    "in {u}, the amount has more than two decimals: {d}"
                ),
                t!(
                    "这一表的金额以{f}为单位；请用 --unit {f} 导入，或核对金额",
                    "this sheet's amounts are in {f}: import with --unit {f}, or check the amount"
                ),
            );
            return None;
        }
        Some(d)
    }

    /// A classification code (and a name after it, in the same cell).
    fn code(&mut self, c: &Cell, what: &str) -> Option<(V, Option<V>)> {
        if let Some(f) = c.number {
            if f.abs() >= MAX_EXACT || f.fract() != 0.0 {
                self.lost(c, what);
                return None;
            }
            return Some(((sheet::number_text(f), c.at), None));
        }
        let digits: String = c.text.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            let s = &c.text;
            self.problem(
                c,
                "E0006",
                t!("{what}“{s}”不是数字编码", "the {what} “{s}” is not a numeric code"),
                t!(
                    "填写科目编码，例如 2100401（名称可写在后面或另一列）",
                    "write the code, for example 2100401 (the name may follow, or go in another column)"
                ),
            );
            return None;
        }
        let rest = c.text.get(digits.len()..).unwrap_or_default();
        let name = one_word(rest.trim_start_matches([' ', '-', '_', '—', '：', ':', '　']));
        let name = (!name.is_empty()).then_some((name, c.at));
        Some(((digits, c.at), name))
    }

    /// A required code cell of the row, and its name: after the code in the same cell, or in the
    /// name column.
    fn coded(&mut self, row: &Row, code: Role, name: Role, what: &str) -> Option<(V, Option<V>)> {
        let c = self.required(row, code, what)?;
        let (value, written) = self.code(c, what)?;
        Some((value, written.or_else(|| row.word(name))))
    }

    /// The row's amount, in the budget's unit, with its cell.
    fn row_amount(&mut self, row: &Row, t: &Table) -> Option<(Decimal, At)> {
        let c = row.get(Role::Amount)?;
        self.amount(c, t.unit).map(|d| (d, c.at))
    }

    fn lost(&mut self, c: &Cell, what: &str) {
        let s = &c.text;
        self.problem(
            c,
            "E0006",
            t!(
                "{what}以数字保存，位数太多，已丢失精度：{s}",
                "the {what} is stored as a number with too many digits; its digits are lost: {s}"
            ),
            t!(
                "在 Excel 中把这一列设为“文本”格式，重新填写或导出编码",
                "format the column as text in Excel, and enter or export the codes again"
            ),
        );
    }

    /// A project code: any word; a number only when it is exact.
    fn project_code(&mut self, c: &Cell) -> Option<V> {
        if let Some(f) = c.number {
            if f.abs() >= MAX_EXACT || f.fract() != 0.0 {
                self.lost(c, "项目编码");
                return None;
            }
        }
        Some((one_word(&c.text), c.at))
    }

    /// A funding source (empty: none stated).
    fn source(&mut self, c: Option<&Cell>) -> Option<(Source, At)> {
        let c = c?;
        if c.text.is_empty() {
            return None;
        }
        let s = one_word(&c.text);
        let found = [
            s.as_str(),
            s.trim_end_matches("拨款"),
            s.trim_end_matches("资金"),
        ]
        .into_iter()
        .find_map(Source::parse)
        .or_else(|| Source::ALL.into_iter().find(|src| source_name(*src) == s));
        if found.is_none() {
            let names: Vec<&str> = Source::ALL.iter().map(|s| s.keyword()).collect();
            let names = names.join("、");
            self.problem(
                c,
                "E0104",
                t!("未知的资金来源“{s}”", "unknown funding source “{s}”"),
                t!(
                    "资金来源写作：{names}",
                    "a funding source is one of: {names}"
                ),
            );
        }
        found.map(|f| (f, c.at))
    }

    /// The id of the unit a cell names: none for the department itself, a sub-unit's id for
    /// its id or full name; an unknown name becomes a new sub-unit.
    fn unit(&mut self, c: Option<&Cell>) -> Option<String> {
        let c = c?;
        let name = one_word(&c.text);
        if name.is_empty() {
            return None;
        }
        if let Some((d, _)) = &self.department {
            if one_word(d) == name {
                return None;
            }
        }
        if let Some(u) = self
            .sub_units
            .iter()
            .find(|u| u.id == name || u.name == name)
        {
            return Some(u.id.clone());
        }
        self.sub_units.push(SubUnit {
            id: name.clone(),
            name: name.clone(),
            kind: None,
            at: Some(c.at),
        });
        Some(name)
    }

    fn department_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let (Some(k), Some(v)) = (row.get(Role::Item), row.get(Role::Content)) else {
                continue;
            };
            let value = (v.text.clone(), v.at);
            match k.text.as_str() {
                "部门" => self.department = Some((v.text.clone(), Some(v.at))),
                "年度" => self.year = Some((v.text.clone(), Some(v.at))),
                "金额单位" => match MoneyUnit::parse(&v.text) {
                    Some(u) => self.unit = Some(u),
                    None => self.problem(
                        v,
                        "E0104",
                        t!("未知的金额单位", "unknown amount unit"),
                        t!("金额单位写作 元 或 万元", "the unit is 元 or 万元"),
                    ),
                },
                "科目版本" => self.header.push(("科目版本", value)),
                "单位性质" => self.header.push(("单位性质", value)),
                "重点评价项目数" | "重点评价金额" => {
                    self.key_evaluation.push((k.text.clone(), value))
                }
                key => self.assets.push((key.to_string(), value)),
            }
        }
    }

    fn sub_units_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let (Some(id), Some(name)) = (row.get(Role::UnitId), row.get(Role::UnitName)) else {
                continue;
            };
            let (id_text, name_text) = (one_word(&id.text), one_word(&name.text));
            if self.sub_units.iter().any(|u| u.id == id_text) {
                continue;
            }
            let kind = row
                .get(Role::UnitKind)
                .filter(|c| !c.text.is_empty())
                .map(|c| (c.text.clone(), c.at));
            self.sub_units.push(SubUnit {
                id: id_text,
                name: name_text,
                kind,
                at: Some(id.at),
            });
        }
    }

    fn texts_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(p) = row.get(Role::Paragraph) else {
                continue;
            };
            self.texts.push((
                row.text(Role::Part).to_string(),
                row.text(Role::Name).to_string(),
                (one_line(&p.text), p.at),
            ));
        }
    }

    fn prior_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(a) = row.get(Role::PriorAmount) else {
                continue;
            };
            let Some(d) = self.amount(a, t.unit) else {
                continue;
            };
            let item = row.text(Role::Item).to_string();
            self.prior
                .push((item, row.text(Role::Kind).to_string(), d, a.at));
        }
    }

    fn stated_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(v) = row.get(Role::Stated) else {
                continue;
            };
            self.stated.push((
                row.text(Role::Category).to_string(),
                one_line(row.text(Role::Content)),
                (one_line(&v.text), v.at),
            ));
        }
    }

    /// The project of a code, added on first sight (in the order of the sheets).
    fn project(&mut self, code: V) -> &mut Project {
        self.projects_read = true;
        let i = match self
            .projects
            .iter()
            .position(|p| p.code.as_ref().map(|c| &c.0) == Some(&code.0))
        {
            Some(i) => i,
            None => {
                self.projects.push(Project {
                    code: Some(code),
                    ..Project::default()
                });
                self.projects.len() - 1
            }
        };
        &mut self.projects[i]
    }

    /// A project row's code, name, unit and kind.
    fn project_row(&mut self, row: &Row) -> Option<V> {
        let c = self.required(row, Role::ProjectCode, "项目编码")?;
        let code = self.project_code(c)?;
        let unit = row
            .get(Role::UnitId)
            .or(row.get(Role::Unit))
            .filter(|c| !c.text.is_empty())
            .map(|c| (c, self.unit(Some(c))));
        let name = row
            .get(Role::ProjectName)
            .filter(|c| !c.text.is_empty())
            .map(|c| (one_line(&c.text), c.at));
        let kind = row.word(Role::ProjectKind);
        let p = self.project(code.clone());
        if p.name.is_none() {
            p.name = name;
        }
        if p.kind.is_none() {
            p.kind = kind;
        }
        if let (None, Some((c, Some(id)))) = (&p.unit, unit) {
            p.unit = Some((id, c.at));
        }
        Some(code)
    }

    fn projects_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(code) = self.project_row(&row) else {
                continue;
            };
            let source = self.source(row.get(Role::Source));
            let stated = match row.get(Role::StatedAmount).filter(|c| !c.text.is_empty()) {
                Some(c) => self.amount(c, t.unit).map(|d| (d, c.at)),
                None => None,
            };
            let p = self.project(code);
            p.source = p.source.or(source);
            p.stated = p.stated.or(stated);
        }
    }

    fn project_lines(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(code) = self.project_row(&row) else {
                continue;
            };
            let Some((func, name)) =
                self.coded(&row, Role::Func, Role::FuncName, "支出功能分类科目编码")
            else {
                continue;
            };
            let econ = match row.get(Role::Econ).filter(|c| !c.text.is_empty()) {
                Some(_) => self.coded(&row, Role::Econ, Role::EconName, "经济分类科目编码"),
                None => None,
            };
            let source = self.source(row.get(Role::Source));
            let Some((amount, at)) = self.row_amount(&row, t) else {
                continue;
            };
            let p = self.project(code);
            let (src, src_at) = match source {
                Some((s, at)) => (s, Some(at)),
                None => (p.source.map_or(Source::GeneralPublic, |s| s.0), None),
            };
            match p
                .allocations
                .iter_mut()
                .find(|a| a.func.0 == func.0 && a.source == src)
            {
                Some(a) => a.amount += amount,
                None => p.allocations.push(Allocation {
                    func,
                    name,
                    source: src,
                    source_at: src_at,
                    amount,
                    at,
                }),
            }
            if let Some((econ, name)) = econ {
                p.add_economic(econ, name, amount, at);
            }
        }
    }

    fn project_economics(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(code) = self.project_row(&row) else {
                continue;
            };
            let Some((econ, name)) =
                self.coded(&row, Role::Econ, Role::EconName, "经济分类科目编码")
            else {
                continue;
            };
            let Some((amount, at)) = self.row_amount(&row, t) else {
                continue;
            };
            self.project(code).add_economic(econ, name, amount, at);
        }
    }

    fn procurement_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(kc) = self.required(&row, Role::Procurement, "采购类别") else {
                continue;
            };
            if ProcurementKind::parse(&one_word(&kc.text)).is_none() {
                self.problem(
                    kc,
                    "E0104",
                    t!("未知的采购类别", "unknown procurement kind"),
                    t!(
                        "采购类别写作 货物、工程 或 服务",
                        "the kind is 货物, 工程 or 服务"
                    ),
                );
                continue;
            }
            let func = match row.get(Role::Func).filter(|c| !c.text.is_empty()) {
                Some(c) => match self.code(c, "支出功能分类科目编码") {
                    Some((f, _)) => Some(f),
                    None => continue,
                },
                None => None,
            };
            let source = self.source(row.get(Role::Source));
            let Some((amount, at)) = self.row_amount(&row, t) else {
                continue;
            };
            let line = Procurement {
                kind: (one_word(&kc.text), kc.at),
                func,
                source,
                amount,
                at,
            };
            let code = row.get(Role::ProjectCode).filter(|c| !c.text.is_empty());
            match code.and_then(|c| self.project_code(c)) {
                Some(code) => self.project(code).procurement.push(line),
                None => self.basic_procurement.push(line),
            }
        }
    }

    fn three_public_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(code) = self.project_row(&row) else {
                continue;
            };
            let Some(kc) = self.required(&row, Role::ThreePublic, "三公经费种类") else {
                continue;
            };
            let Some(kind) = ThreePublicKind::parse(&one_word(&kc.text)) else {
                self.problem(
                    kc,
                    "E0104",
                    t!("未知的三公经费种类", "unknown 三公 item"),
                    t!(
                        "写作 因公出国（境）费、公务用车购置费、公务用车运行维护费 或 公务接待费",
                        "one of 因公出国（境）费, 公务用车购置费, 公务用车运行维护费, 公务接待费"
                    ),
                );
                continue;
            };
            let source = self.source(row.get(Role::Source));
            let Some((amount, at)) = self.row_amount(&row, t) else {
                continue;
            };
            self.project(code)
                .three_public
                .push((kind, kc.at, source, amount, at));
        }
    }

    fn goals_sheet(&mut self, t: &Table) {
        for row in t.rows() {
            let Some(code) = self.project_row(&row) else {
                continue;
            };
            let goal = row
                .get(Role::Goal)
                .filter(|c| !c.text.is_empty())
                .map(|c| (one_line(&c.text), c.at));
            let l1 = row.get(Role::Level1).filter(|c| !c.text.is_empty());
            let fields = l1.map(|l1| {
                let f = |role| {
                    row.get(role)
                        .map_or((String::new(), l1.at), |c: &Cell| (one_line(&c.text), c.at))
                };
                [
                    (one_word(&l1.text), l1.at),
                    f(Role::Level2),
                    f(Role::Level3),
                    f(Role::Value),
                    f(Role::Criterion),
                ]
            });
            let p = self.project(code);
            if p.goal.is_none() {
                p.goal = goal;
            }
            if let Some(fields) = fields {
                p.indicators.push(Indicator { fields });
            }
        }
    }

    fn basic_sheet(&mut self, t: &Table) {
        self.basic_read = true;
        for row in t.rows() {
            let unit = self.unit(row.get(Role::UnitId).or(row.get(Role::Unit)));
            let Some((func, func_name)) =
                self.coded(&row, Role::Func, Role::FuncName, "支出功能分类科目编码")
            else {
                continue;
            };
            let Some((econ, econ_name)) =
                self.coded(&row, Role::Econ, Role::EconName, "经济分类科目编码")
            else {
                continue;
            };
            let source = self.source(row.get(Role::Source));
            let Some((amount, at)) = self.row_amount(&row, t) else {
                continue;
            };
            let (source, source_at) = match source {
                Some((s, at)) => (s, Some(at)),
                None => (Source::GeneralPublic, None),
            };
            let same = |b: &&mut Basic| {
                b.unit == unit && b.func.0 == func.0 && b.econ.0 == econ.0 && b.source == source
            };
            match self.basic.iter_mut().find(same) {
                Some(b) => b.amount += amount,
                None => self.basic.push(Basic {
                    unit,
                    func,
                    func_name,
                    econ,
                    econ_name,
                    source,
                    source_at,
                    amount,
                    at,
                }),
            }
        }
    }
}

fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

/// The source word of a line, when it is not the default.
fn source_word(s: Source, at: Option<At>, default: Source) -> Word {
    if s == default {
        return word("");
    }
    match at {
        Some(at) => cell(s.keyword(), at),
        None => word(s.keyword()),
    }
}

fn v(x: &V) -> Word {
    cell(x.0.clone(), x.1)
}

fn ov(x: &Option<V>) -> Word {
    x.as_ref().map_or_else(|| word(""), v)
}

impl Records {
    /// The budget's text. With a base, the base's text with its 基本支出 and 项目 blocks
    /// replaced by the workbook's (those the workbook has).
    pub fn write(&mut self, options: &Options) -> Out {
        let mut o = Out::default();
        match options.base.clone() {
            Some(base) => self.write_into(&mut o, &base),
            None => self.write_whole(&mut o, options),
        }
        o
    }

    fn write_whole(&mut self, o: &mut Out, options: &Options) {
        let name = &options.name;
        o.comment(&format!("由 budc import 从 {name} 生成"));
        o.blank();
        let dept = self.department.clone();
        match &dept {
            Some((d, Some(at))) => o.line(0, vec![word("部门"), cell(one_line(d), *at)]),
            Some((d, None)) => o.line(0, vec![word("部门"), word(one_line(d))]),
            None => o.line(0, vec![word("部门"), word("××")]),
        }
        if let Some((y, at)) = &self.year {
            let y = match at {
                Some(at) => cell(one_word(y), *at),
                None => word(one_word(y)),
            };
            o.line(0, vec![word("年度"), y]);
        }
        let unit = self.unit.unwrap_or(MoneyUnit::Yuan);
        o.line(0, vec![word("金额单位"), word(unit.as_str())]);
        for (k, x) in &self.header {
            o.line(0, vec![word(*k), cell(one_word(&x.0), x.1)]);
        }
        self.write_sub_units(o);
        for (part, keyword) in [("主要职责", "主要职责"), ("机构设置", "机构设置")]
        {
            let paragraphs: Vec<&V> = self
                .texts
                .iter()
                .filter(|t| t.0 == part)
                .map(|t| &t.2)
                .collect();
            if !paragraphs.is_empty() {
                o.blank();
                o.line(0, vec![word(keyword)]);
                for p in paragraphs {
                    o.line(1, vec![word(">"), v(p)]);
                }
            }
        }
        let income: Vec<_> = self.stated.iter().filter(|s| s.0 == "收入").collect();
        if !income.is_empty() {
            o.blank();
            for (_, source, amount) in income {
                o.line(0, vec![word("收入"), word(one_word(source)), v(amount)]);
            }
        }
        self.write_basic(o);
        self.write_projects(o);
        self.write_prior(o);
        for part in ["原因", "名词"] {
            let mut last: Option<&str> = None;
            for (p, name, para) in self.texts.iter().filter(|t| t.0 == part) {
                if last != Some(name.as_str()) {
                    o.blank();
                    o.line(0, vec![word(part), word(one_line(name))]);
                    last = Some(name.as_str());
                }
                let _ = p;
                o.line(1, vec![word(">"), v(para)]);
            }
        }
        self.write_assets(o);
        if let [(_, count), (_, amount)] = self.key_evaluation.as_slice() {
            o.blank();
            o.line(0, vec![word("重点评价"), v(count), v(amount)]);
        }
        let assertions: Vec<_> = self.stated.iter().filter(|s| s.0 == "断言").collect();
        if !assertions.is_empty() {
            o.blank();
            for (_, figure, value) in assertions {
                o.line(
                    0,
                    vec![word("断言"), word(figure.clone()), word("="), v(value)],
                );
            }
        }
    }

    fn write_sub_units(&self, o: &mut Out) {
        let new: Vec<&SubUnit> = self.sub_units.iter().filter(|u| u.at.is_some()).collect();
        if new.is_empty() {
            return;
        }
        o.blank();
        for u in new {
            let at = u.at.unwrap_or(At {
                sheet: 0,
                row: 0,
                col: 0,
            });
            o.line(
                0,
                vec![
                    word("二级单位"),
                    cell(u.id.clone(), at),
                    cell(u.name.clone(), at),
                    ov(&u.kind.as_ref().map(|k| (one_word(&k.0), k.1))),
                ],
            );
        }
    }

    fn write_basic(&self, o: &mut Out) {
        // Blocks of consecutive lines of one unit; the 采购 lines end the first.
        let mut blocks: Vec<(Option<&str>, Vec<&Basic>)> = Vec::new();
        for b in &self.basic {
            match blocks.last_mut() {
                Some((u, lines)) if *u == b.unit.as_deref() => lines.push(b),
                _ => blocks.push((b.unit.as_deref(), vec![b])),
            }
        }
        if blocks.is_empty() && !self.basic_procurement.is_empty() {
            blocks.push((None, Vec::new()));
        }
        for (i, (unit, lines)) in blocks.iter().enumerate() {
            o.blank();
            o.line(0, vec![word("基本支出"), word(unit.unwrap_or_default())]);
            for b in lines {
                basic_line(o, b);
            }
            if i == 0 {
                for p in &self.basic_procurement {
                    procurement(o, p, Source::GeneralPublic);
                }
            }
        }
    }
}

fn basic_line(o: &mut Out, b: &Basic) {
    o.line(
        1,
        vec![
            v(&b.func),
            ov(&b.func_name),
            v(&b.econ),
            ov(&b.econ_name),
            source_word(b.source, b.source_at, Source::GeneralPublic),
            cell(money(b.amount), b.at),
        ],
    );
}

impl Records {
    fn write_projects(&self, o: &mut Out) {
        for p in &self.projects {
            let Some(code) = &p.code else { continue };
            o.blank();
            o.line(0, vec![word("项目"), v(code), ov(&p.name)]);
            if let Some((u, at)) = &p.unit {
                o.line(1, vec![word("单位"), cell(u.clone(), *at)]);
            }
            if let Some(k) = &p.kind {
                o.line(1, vec![word("类型"), v(k)]);
            }
            // 资金: as stated, else the source of most of the lines.
            let default = p.source.map(|s| s.0).unwrap_or_else(|| most_common(p));
            match p.source {
                Some((s, at)) => o.line(1, vec![word("资金"), cell(s.keyword(), at)]),
                None => o.line(1, vec![word("资金"), word(default.keyword())]),
            }
            for a in &p.allocations {
                o.line(
                    1,
                    vec![
                        word("支出"),
                        v(&a.func),
                        ov(&a.name),
                        source_word(a.source, a.source_at, default),
                        cell(money(a.amount), a.at),
                    ],
                );
            }
            if let Some((d, at)) = &p.stated {
                o.line(1, vec![word("金额"), cell(money(*d), *at)]);
            }
            for e in &p.economics {
                o.line(
                    1,
                    vec![
                        word("经济"),
                        v(&e.econ),
                        ov(&e.name),
                        cell(money(e.amount), e.at),
                    ],
                );
            }
            for pr in &p.procurement {
                procurement(o, pr, default);
            }
            for (kind, kat, source, amount, at) in &p.three_public {
                let s =
                    source.map_or_else(|| word(""), |(s, sat)| source_word(s, Some(sat), default));
                o.line(
                    1,
                    vec![
                        word("三公"),
                        cell(kind.name(), *kat),
                        s,
                        cell(money(*amount), *at),
                    ],
                );
            }
            if let Some(g) = &p.goal {
                o.line(1, vec![word("目标"), v(g)]);
            }
            for i in &p.indicators {
                let [l1, l2, l3, value, criterion] = &i.fields;
                let mut words = vec![
                    word("指标"),
                    v(l1),
                    v(l2),
                    word("|"),
                    v(l3),
                    word("|"),
                    v(value),
                ];
                if !criterion.0.is_empty() {
                    words.extend([word("|"), v(criterion)]);
                }
                o.line(1, words);
            }
        }
    }

    fn write_prior(&self, o: &mut Out) {
        if self.prior.is_empty() {
            return;
        }
        o.blank();
        o.line(0, vec![word("上年")]);
        for (item, kind, amount, at) in &self.prior {
            let mut words = vec![word(one_word(item))];
            if !kind.is_empty() {
                words.push(word(one_word(kind)));
            }
            words.push(cell(money(*amount), *at));
            o.line(1, words);
        }
    }

    fn write_assets(&self, o: &mut Out) {
        let notes: Vec<&V> = self
            .texts
            .iter()
            .filter(|t| t.0 == "资产")
            .map(|t| &t.2)
            .collect();
        if self.assets.is_empty() && notes.is_empty() {
            return;
        }
        o.blank();
        let date = self.assets.iter().find(|(k, _)| k == "资产截至日期");
        o.line(
            0,
            vec![
                word("资产"),
                date.map_or_else(|| word(""), |(_, d)| v(&(one_word(&d.0), d.1))),
            ],
        );
        for (k, n) in &self.assets {
            match k.strip_prefix("车辆：") {
                Some(kind) => o.line(1, vec![word("车辆"), word(one_word(kind)), v(n)]),
                None if k == "大型设备" || k == "购置大型设备" => {
                    o.line(1, vec![word(k.clone()), v(n)])
                }
                None => {}
            }
        }
        for n in notes {
            o.line(1, vec![word(">"), v(n)]);
        }
    }

    /// The base's text with its 基本支出 and 项目 blocks replaced, where the workbook has them,
    /// and the workbook's new sub-units added after the base's header.
    fn write_into(&self, o: &mut Out, base: &str) {
        let mut dropping = false;
        let mut placed = false;
        let mut facts = Out::default();
        self.write_sub_units(&mut facts);
        if self.basic_read {
            self.write_basic(&mut facts);
        }
        if self.projects_read {
            self.write_projects(&mut facts);
        }
        // Comments and blank lines at the top level wait for the statement they stand before:
        // kept with it, dropped with a dropped block (but for the first, which the facts
        // replace).
        let mut pending: Vec<&str> = Vec::new();
        let flush = |o: &mut Out, pending: &mut Vec<&str>| {
            for l in pending.drain(..) {
                if l.trim().is_empty() && (o.text.ends_with("\n\n") || o.text.is_empty()) {
                    continue;
                }
                o.text.push_str(l);
                o.text.push('\n');
            }
        };
        for line in base.lines() {
            let blank = line.trim().is_empty();
            let indented = line.starts_with([' ', '\t']);
            if blank || (!indented && line.starts_with('#')) {
                pending.push(line);
                continue;
            }
            if !indented {
                let first = line.split_whitespace().next().unwrap_or_default();
                dropping = (first == "基本支出" && self.basic_read)
                    || (first == "项目" && self.projects_read);
                if dropping && !placed {
                    flush(o, &mut pending);
                    append(o, &facts);
                    o.blank();
                    placed = true;
                }
            }
            if dropping {
                pending.clear();
            } else {
                flush(o, &mut pending);
                o.text.push_str(line);
                o.text.push('\n');
            }
        }
        flush(o, &mut pending);
        if !placed {
            o.blank();
            append(o, &facts);
        }
    }
}

/// Appends a text written elsewhere, with its cells.
fn append(o: &mut Out, other: &Out) {
    let shift = o.text.len();
    o.text.push_str(other.text.trim_start_matches('\n'));
    let cut = other.text.len() - other.text.trim_start_matches('\n').len();
    o.parts.extend(other.parts.iter().filter_map(|(r, at)| {
        let start = (r.start + shift).checked_sub(cut)?;
        let end = (r.end + shift).checked_sub(cut)?;
        Some((start..end, *at))
    }));
}

fn procurement(o: &mut Out, p: &Procurement, default: Source) {
    let s = p
        .source
        .map_or_else(|| word(""), |(s, at)| source_word(s, Some(at), default));
    o.line(
        1,
        vec![
            word("采购"),
            v(&p.kind),
            ov(&p.func),
            s,
            cell(money(p.amount), p.at),
        ],
    );
}

/// The source of most of a project's money (一般公共预算 for a project without lines).
fn most_common(p: &Project) -> Source {
    let mut best: Option<(Source, Decimal)> = None;
    for s in Source::ALL {
        let sum: Decimal = p
            .allocations
            .iter()
            .filter(|a| a.source == s)
            .map(|a| a.amount)
            .sum();
        if sum > Decimal::ZERO && best.is_none_or(|(_, b)| sum > b) {
            best = Some((s, sum));
        }
    }
    best.map_or(Source::GeneralPublic, |b| b.0)
}
