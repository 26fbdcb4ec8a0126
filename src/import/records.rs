//! The facts of a workbook, read row by row from the sheets whose columns say what they hold,
//! then written as the statements of a budget.

mod cells;
mod layout;

use layout::{layout, Layout};
mod write;

use super::out::one_line;
use super::sheet::one_word;
use super::sheet::{self, At, Book, Cell, Role, Row, Table};
use super::{Counts, Options, Problem, Refusal};
use crate::diag::{t, Text};
use crate::model::{MoneyUnit, ProcurementKind, Source, ThreePublicKind};
use rust_decimal::Decimal;

/// A value and the cell it came from.
type V = (String, At);

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
