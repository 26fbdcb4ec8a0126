//! The JSON backend: a public, versioned contract (see README “JSON output”). Amounts are
//! decimal strings with two decimals, never floats. Field names follow the 预算管理一体化
//! vocabulary where one exists (`exp_func_code`, `dep_bgt_eco_code`, `gov_bgt_eco_code`).

//!
//! The output is written by streaming: the per-project parts (the projects, the rows of the
//! tables) are serialised one at a time straight into the writer, so a budget of a million
//! projects never holds its JSON, or a tree of it, in memory.

use crate::document::{
    Cell, Change, Column, ColumnId, Document, Figures, Row, RowLevel, Table, TableId,
};
use crate::model::{Budget, Catalog, ProcurementKind, Project, Source, ThreePublicKind};
use crate::value::ValueKind;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

/// The version of the JSON contract. Bump on any incompatible change.
pub const SCHEMA_VERSION: &str = "budc.budget.v1";

/// An amount as a decimal string with two decimals: "16028.22".
pub type AmountString = String;

fn money(d: Decimal) -> AmountString {
    format!("{d:.2}")
}

/// The whole budget as open data.
#[derive(Debug, Serialize, JsonSchema)]
pub struct BudgetJson<'a> {
    /// Format version of this document: `budc.budget.v1`.
    pub schema: String,
    /// 部门
    pub department: String,
    /// 预算年度 (fiscal_year)
    pub year: u16,
    /// 金额单位: `万元` or `元`.
    pub unit: String,
    /// Year of the classification catalog the codes were checked against.
    pub catalog: String,
    /// 二级预算单位
    pub sub_units: Vec<SubUnitJson>,
    /// 主要职责, one string per paragraph.
    pub duties: Vec<String>,
    /// 机构设置, one string per paragraph.
    pub organization: Vec<String>,
    /// 收入 by source.
    pub income: Vec<SourceAmount>,
    /// 基本支出 lines.
    pub basic_expenditure: Vec<BasicLineJson>,
    /// 项目支出, in source order.
    #[schemars(with = "Vec<ProjectJson>")]
    pub projects: Projects<'a>,
    /// The figures of the explanations (第三部分).
    pub figures: FiguresJson,
    /// 国有资产占有使用情况.
    pub assets: Option<AssetsJson>,
    /// Reasons for changes against last year.
    pub reasons: Vec<TextBlock>,
    /// 名词解释 written in the source.
    pub glossary: Vec<TextBlock>,
    /// The twelve tables.
    #[schemars(with = "Vec<TableJson>")]
    pub tables: Vec<TableJson<'a>>,
}

/// The projects, each turned into its `ProjectJson` only when it is written.
#[derive(Debug)]
pub struct Projects<'a> {
    projects: &'a [Project],
    catalog: &'a Catalog,
}

impl Serialize for Projects<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.projects.iter().map(|p| project(p, self.catalog)))
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SubUnitJson {
    pub id: String,
    pub name: String,
    /// 行政 / 参公 / 事业, when stated.
    pub kind: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceAmount {
    /// Funding source: general_public, government_fund, state_capital, special_account,
    /// business, operating, superior, affiliated, other, non_fiscal_balance, carryover.
    pub source: Source,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BasicLineJson {
    /// 支出功能分类 项 code.
    pub exp_func_code: String,
    /// 部门预算支出经济分类 款 code.
    pub dep_bgt_eco_code: String,
    /// 政府预算支出经济分类 款 code, through the catalog mapping.
    pub gov_bgt_eco_code: Option<String>,
    pub source: Source,
    /// `personnel` (人员支出) or `public` (日常公用支出).
    pub kind: crate::model::BasicKind,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ProjectJson<'a> {
    /// 项目编码 (pro_code).
    pub code: &'a str,
    /// 项目名称
    pub name: &'a str,
    /// Sub-unit id.
    pub sub_unit: Option<&'a str>,
    /// 项目类型
    pub project_type: Option<&'a str>,
    pub source: Source,
    /// Sum of the allocations.
    pub amount: AmountString,
    pub allocations: Vec<AllocationJson>,
    pub economics: Vec<EconomicJson>,
    pub procurement: Vec<ProcurementJson>,
    pub three_public: Vec<ThreePublicJson>,
    /// 绩效目标
    pub goal: Option<&'a str>,
    pub indicators: Vec<IndicatorJson<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AllocationJson {
    pub exp_func_code: String,
    pub name: String,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct EconomicJson {
    pub dep_bgt_eco_code: String,
    pub name: String,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ProcurementJson {
    pub kind: ProcurementKind,
    pub exp_func_code: Option<String>,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreePublicJson {
    pub kind: ThreePublicKind,
    pub amount: AmountString,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct IndicatorJson<'a> {
    /// 一级指标
    pub level1: &'a str,
    /// 二级指标
    pub level2: &'a str,
    /// 三级指标
    pub name: &'a str,
    /// 指标值 exactly as written.
    pub value: &'a str,
    /// What the value was recognised as.
    pub parsed: &'a ValueKind,
    /// 评分标准
    pub criterion: &'a str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeJson {
    pub current: AmountString,
    pub prior: AmountString,
    pub change: AmountString,
    /// Percentage change, two decimals, rounded half away from zero; null when last year was 0.
    pub percent: Option<String>,
}

fn change(c: Option<Change>) -> Option<ChangeJson> {
    c.map(|c| ChangeJson {
        current: money(c.current),
        prior: money(c.prior),
        change: money(c.change),
        percent: c.percent.map(money),
    })
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ThreePublicItemJson {
    pub kind: ThreePublicKind,
    pub current: AmountString,
    pub prior: Option<AmountString>,
    pub change: Option<ChangeJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FiguresJson {
    pub income_total: AmountString,
    pub expenditure_total: AmountString,
    pub basic: AmountString,
    pub project: AmountString,
    pub personnel: AmountString,
    pub public: AmountString,
    pub total_change: Option<ChangeJson>,
    pub basic_change: Option<ChangeJson>,
    pub project_change: Option<ChangeJson>,
    pub prior_income: Vec<SourceAmount>,
    pub three_public_total: AmountString,
    pub three_public_change: Option<ChangeJson>,
    pub three_public: Vec<ThreePublicItemJson>,
    /// 机关运行经费
    pub operating_cost: AmountString,
    pub operating_cost_change: Option<ChangeJson>,
    pub procurement_total: AmountString,
    pub procurement_goods: AmountString,
    pub procurement_works: AmountString,
    pub procurement_services: AmountString,
    pub project_count: usize,
    pub project_fiscal: AmountString,
    /// 部门重点绩效评价: projects and their funds.
    pub key_evaluation_count: Option<u32>,
    pub key_evaluation_amount: Option<AmountString>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AssetsJson {
    /// 截至日期 as written.
    pub as_of: Option<String>,
    pub vehicles: Vec<VehicleJson>,
    pub vehicles_total: u32,
    /// Equipment of 100万元 or more.
    pub equipment: Option<u32>,
    /// Such equipment budgeted for purchase this year.
    pub equipment_purchase: Option<u32>,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct VehicleJson {
    pub kind: String,
    pub count: u32,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TextBlock {
    pub key: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TableJson<'a> {
    /// Stable id: overview, income, expenditure, fiscal_overview, general_expenditure,
    /// general_basic_economic, three_public, fund_expenditure, state_capital_expenditure,
    /// basic_expenditure, project_expenditure, procurement.
    #[schemars(with = "String")]
    pub id: TableId,
    pub title: &'a str,
    pub columns: Vec<ColumnJson<'a>>,
    #[schemars(with = "Vec<RowJson>")]
    pub rows: Rows<'a>,
    /// 注 line under the table, if any.
    pub note: Option<&'a str>,
}

/// The rows of a table, each turned into its `RowJson` only when it is written (the table of
/// project spending has a row per project).
#[derive(Debug)]
pub struct Rows<'a>(&'a Table);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let columns = &self.0.columns;
        s.collect_seq(self.0.rows.iter().map(|r| row(columns, r)))
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ColumnJson<'a> {
    #[schemars(with = "String")]
    pub id: ColumnId,
    pub label: &'a str,
    /// The merged header above the column, if any.
    pub group: Option<&'a str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RowJson<'a> {
    /// Classification code (functional or economic), project code, or null for total rows.
    pub code: Option<&'a str>,
    pub name: &'a str,
    pub level: RowLevel,
    /// Column id → cell: amounts as decimal strings, text as is, null when blank.
    #[schemars(with = "BTreeMap<String, Option<String>>")]
    pub values: Values<'a>,
}

/// A row's cells by column id, in column order (the ids of a table's columns are unique).
#[derive(Debug)]
pub struct Values<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let pairs = self.columns.iter().zip(self.cells);
        s.collect_map(pairs.map(|(c, cell)| (c.id.as_str(), value(cell))))
    }
}

fn value(cell: &Cell) -> Option<Cow<'_, str>> {
    match cell {
        Cell::Empty => None,
        Cell::Text(s) => Some(Cow::Borrowed(s)),
        Cell::Amount(d) => Some(Cow::Owned(money(*d))),
    }
}

fn texts(v: &[crate::source::Spanned<String>]) -> Vec<String> {
    v.iter().map(|s| s.value.clone()).collect()
}

/// The JSON document of a budget, borrowing from it: its projects and table rows are built
/// as they are written.
pub fn to_json<'a>(b: &'a Budget, catalog: &'a Catalog, doc: &'a Document) -> BudgetJson<'a> {
    BudgetJson {
        schema: SCHEMA_VERSION.into(),
        department: b.department().to_string(),
        year: b.year(),
        unit: b.unit().as_str().into(),
        catalog: catalog.year.clone(),
        sub_units: b
            .sub_units
            .iter()
            .map(|u| SubUnitJson {
                id: u.id.value.clone(),
                name: u.name.value.clone(),
                kind: u.kind.as_ref().map(|k| k.value.clone()),
            })
            .collect(),
        duties: texts(&b.duties),
        organization: texts(&b.organization),
        income: doc
            .figures
            .income
            .iter()
            .map(|(s, d)| SourceAmount {
                source: *s,
                amount: money(*d),
            })
            .collect(),
        basic_expenditure: b
            .basic
            .iter()
            .map(|l| BasicLineJson {
                exp_func_code: l.func.code.clone(),
                dep_bgt_eco_code: l.econ.code.clone(),
                gov_bgt_eco_code: catalog.gov_code(&l.econ.code).map(str::to_string),
                source: l.source,
                kind: catalog.rules().basic_kind(&l.econ.code),
                amount: money(l.amount.value),
            })
            .collect(),
        projects: Projects {
            projects: &b.projects,
            catalog,
        },
        figures: figures(b, &doc.figures),
        assets: b.assets.as_ref().map(|a| AssetsJson {
            as_of: a.as_of.as_ref().map(|d| d.value.clone()),
            vehicles: a
                .vehicles
                .iter()
                .map(|(k, c)| VehicleJson {
                    kind: k.value.clone(),
                    count: c.value,
                })
                .collect(),
            vehicles_total: doc.figures.vehicles,
            equipment: a.equipment.as_ref().map(|e| e.value),
            equipment_purchase: a.equipment_purchase.as_ref().map(|e| e.value),
            notes: texts(&a.notes),
        }),
        reasons: b
            .reasons
            .iter()
            .map(|r| TextBlock {
                key: r.figure.value.clone(),
                paragraphs: texts(&r.paragraphs),
            })
            .collect(),
        glossary: b
            .glossary
            .iter()
            .map(|g| TextBlock {
                key: g.term.value.clone(),
                paragraphs: texts(&g.paragraphs),
            })
            .collect(),
        tables: doc.tables().iter().map(table).collect(),
    }
}

fn func_name(catalog: &Catalog, c: &crate::model::Code) -> String {
    catalog
        .name(crate::model::catalog::Classification::Functional, &c.code)
        .map(str::to_string)
        .or_else(|| c.written_name.as_ref().map(|n| n.value.clone()))
        .unwrap_or_default()
}

fn project<'a>(p: &'a Project, catalog: &Catalog) -> ProjectJson<'a> {
    ProjectJson {
        code: &p.code.value,
        name: &p.name.value,
        sub_unit: p.unit.as_ref().map(|u| u.value.as_str()),
        project_type: p.kind.as_ref().map(|k| k.value.as_str()),
        source: p.source,
        amount: money(p.amount()),
        allocations: p
            .allocations
            .iter()
            .map(|a| AllocationJson {
                exp_func_code: a.code.code.clone(),
                name: func_name(catalog, &a.code),
                amount: money(a.amount.value),
            })
            .collect(),
        economics: p
            .economics
            .iter()
            .map(|a| EconomicJson {
                dep_bgt_eco_code: a.code.code.clone(),
                name: catalog
                    .name(
                        crate::model::catalog::Classification::EconomicDept,
                        &a.code.code,
                    )
                    .map(str::to_string)
                    .unwrap_or_default(),
                amount: money(a.amount.value),
            })
            .collect(),
        procurement: p
            .procurement
            .iter()
            .map(|x| ProcurementJson {
                kind: x.kind,
                exp_func_code: x
                    .func
                    .as_ref()
                    .map(|c| c.code.clone())
                    .or_else(|| p.allocations.first().map(|a| a.code.code.clone())),
                amount: money(x.amount.value),
            })
            .collect(),
        three_public: p
            .three_public
            .iter()
            .map(|(k, m)| ThreePublicJson {
                kind: *k,
                amount: money(m.value),
            })
            .collect(),
        goal: p.goal.as_ref().map(|g| g.value.as_str()),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                level1: &i.level1.value,
                level2: &i.level2.value,
                name: &i.name.value,
                value: &i.value.text.value,
                parsed: &i.value.kind,
                criterion: &i.criterion.value,
            })
            .collect(),
    }
}

fn figures(b: &Budget, f: &Figures) -> FiguresJson {
    let t = &f.three_public;
    FiguresJson {
        income_total: money(f.income_total),
        expenditure_total: money(f.expenditure_total),
        basic: money(f.basic),
        project: money(f.project),
        personnel: money(f.personnel),
        public: money(f.public),
        total_change: change(f.total_change),
        basic_change: change(f.basic_change),
        project_change: change(f.project_change),
        prior_income: f
            .prior_income
            .iter()
            .map(|(s, d)| SourceAmount {
                source: *s,
                amount: money(*d),
            })
            .collect(),
        three_public_total: money(t.current_total()),
        three_public_change: change(t.total_change()),
        three_public: ThreePublicKind::ALL
            .iter()
            .map(|k| ThreePublicItemJson {
                kind: *k,
                current: money(t.current(*k)),
                prior: t.prior(*k).map(money),
                change: change(t.change(*k)),
            })
            .collect(),
        operating_cost: money(f.operating_cost),
        operating_cost_change: change(f.operating_cost_change),
        procurement_total: money(f.procurement_total()),
        procurement_goods: money(f.procurement_goods),
        procurement_works: money(f.procurement_works),
        procurement_services: money(f.procurement_services),
        project_count: f.project_count,
        project_fiscal: money(f.project_fiscal),
        key_evaluation_count: b.key_evaluation.as_ref().map(|(c, _)| c.value),
        key_evaluation_amount: b.key_evaluation.as_ref().map(|(_, a)| money(a.value)),
    }
}

fn table(t: &Table) -> TableJson<'_> {
    TableJson {
        id: t.id,
        title: &t.title,
        columns: t
            .columns
            .iter()
            .map(|c| ColumnJson {
                id: c.id,
                label: c.label(),
                group: c.group.as_deref(),
            })
            .collect(),
        rows: Rows(t),
        note: t.note.as_deref(),
    }
}

fn row<'a>(columns: &'a [Column], r: &'a Row) -> RowJson<'a> {
    RowJson {
        code: r.code.as_deref(),
        name: &r.name,
        level: r.level,
        values: Values {
            columns,
            cells: &r.cells,
        },
    }
}

/// Writes the JSON text of a budget into `w`: pretty-printed, with a final newline. It is
/// written in many small pieces: give it a buffered writer.
pub fn write(
    b: &Budget,
    catalog: &Catalog,
    doc: &Document,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_json(b, catalog, doc))?;
    w.write_all(b"\n")
}

/// The JSON text of a budget: pretty-printed, with a final newline.
pub fn render(b: &Budget, catalog: &Catalog, doc: &Document) -> String {
    let mut out = Vec::new();
    // Writing plain structs of strings and numbers into memory cannot fail, and serde_json
    // writes only valid UTF-8.
    let _ = write(b, catalog, doc, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The JSON Schema of the output.
pub fn schema() -> String {
    let schema = schemars::schema_for!(BudgetJson<'static>);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;
    use std::io::{ErrorKind, Write};

    /// A writer that takes `room` bytes, then fails as a closed pipe does.
    struct ClosedAfter {
        room: usize,
    }

    impl Write for ClosedAfter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn compiled() -> crate::Compiled {
        let text = crate::synth::department(0, 3);
        let c = crate::compile(SourceFile::new("t.bud", text), None);
        assert!(!c.has_errors(), "{:#?}", c.diagnostics);
        c
    }

    #[test]
    fn the_streamed_json_is_the_json_text() {
        let c = compiled();
        let mut streamed = Vec::new();
        c.write_json(&mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), c.to_json());
        assert!(c.to_json().ends_with("}\n"));
    }

    #[test]
    fn a_failing_writer_stops_the_json_with_its_own_error() {
        let c = compiled();
        let err = c.write_json(&mut ClosedAfter { room: 100 }).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    }
}
