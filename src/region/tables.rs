//! The summary tables of a region, as document `Table`s (the JSON, XLSX and DOCX writers
//! render them as they render a budget's): a 合计 row first, then one row per department (or
//! per 类 and 款), amounts in the region's unit.

use super::{in_unit, Department, THREE_PUBLIC};
use crate::document::{round2, Cell, Column, ColumnId, ColumnKind, Row, RowLevel, Table, TableId};
use crate::model::{MoneyUnit, ProcurementKind, Source, ThreePublicKind};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn column(id: ColumnId, kind: ColumnKind, header: &[&str]) -> Column {
    Column {
        id,
        kind,
        header: header.iter().map(|s| s.to_string()).collect(),
        group: header
            .first()
            .filter(|_| header.len() > 1)
            .map(|s| s.to_string()),
    }
}

fn amount(id: ColumnId, header: &[&str]) -> Column {
    column(id, ColumnKind::Amount, header)
}

fn department_column() -> Column {
    column(ColumnId::Department, ColumnKind::Text, &["部门"])
}

fn table(id: TableId, columns: Vec<Column>, rows: Vec<Row>, note: Option<String>) -> Table {
    Table {
        id,
        title: id.title().to_string(),
        columns,
        rows,
        note,
        number: None,
        unit: None,
    }
}

/// The amounts, in the region's unit, of one row.
struct Amounts {
    unit: MoneyUnit,
}

impl Amounts {
    /// An amount, printed even when zero.
    fn cell(&self, yuan: Decimal) -> Cell {
        Cell::Amount(in_unit(yuan, self.unit))
    }

    /// An amount, blank when zero (as the tables of a budget print the sources).
    fn or_blank(&self, yuan: Decimal) -> Cell {
        if yuan.is_zero() {
            Cell::Empty
        } else {
            self.cell(yuan)
        }
    }

    fn maybe(&self, yuan: Option<Decimal>) -> Cell {
        yuan.map_or(Cell::Empty, |d| self.cell(d))
    }

    /// The change and its percentage (of last year, rounded half away from zero).
    fn change(&self, current: Decimal, prior: Option<Decimal>) -> [Cell; 2] {
        let Some(prior) = prior else {
            return [Cell::Empty, Cell::Empty];
        };
        let change = current - prior;
        let percent = change
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|c| c.checked_div(prior))
            .map(round2);
        [
            self.cell(change),
            percent.map_or(Cell::Empty, |p| Cell::Text(format!("{p:.2}%"))),
        ]
    }
}

/// A 合计 row: blank under the leading text columns, the name in the first.
fn total_row(lead: usize, cells: Vec<Cell>) -> Row {
    let mut all = vec![Cell::Empty; lead];
    all.extend(cells);
    Row {
        code: None,
        name: "合计".to_string(),
        level: RowLevel::Total,
        cells: all,
    }
}

/// A department's row: its name, then the cells.
fn department_row(d: &Department, cells: Vec<Cell>) -> Row {
    let mut all = vec![Cell::Text(d.name.clone())];
    all.extend(cells);
    Row {
        code: None,
        name: d.name.clone(),
        level: RowLevel::Line,
        cells: all,
    }
}

/// Every table, in the order of `TableId::REGION`.
pub(super) fn all(
    departments: &[Department],
    functional: &BTreeMap<String, (String, Decimal, Decimal)>,
    unit: MoneyUnit,
    year: u16,
) -> Vec<Table> {
    let a = Amounts { unit };
    TableId::REGION
        .iter()
        .map(|id| match id {
            TableId::RegionFunctional => by_function(functional, &a),
            TableId::RegionIncome => income(departments, &a),
            TableId::RegionThreePublic => three_public(departments, &a),
            TableId::RegionOperatingCost => operating_cost(departments, &a, year),
            TableId::RegionProcurement => procurement(departments, &a),
            TableId::RegionProjects => projects(departments, &a),
            _ => list(departments, &a),
        })
        .collect()
}

/// 部门预算汇总表: each department's 合计, 基本支出 and 项目支出.
fn list(departments: &[Department], a: &Amounts) -> Table {
    let columns = vec![
        department_column(),
        amount(ColumnId::Total, &["合计"]),
        amount(ColumnId::Basic, &["基本支出"]),
        amount(ColumnId::Project, &["项目支出"]),
    ];
    let values = |total: Decimal, basic: Decimal, project: Decimal| {
        vec![a.cell(total), a.cell(basic), a.cell(project)]
    };
    let sum = |f: fn(&Department) -> Decimal| departments.iter().map(f).sum::<Decimal>();
    let mut rows = vec![total_row(
        1,
        values(sum(|d| d.total), sum(|d| d.basic), sum(|d| d.project)),
    )];
    rows.extend(
        departments
            .iter()
            .map(|d| department_row(d, values(d.total, d.basic, d.project))),
    );
    table(TableId::RegionDepartments, columns, rows, None)
}

/// 支出功能分类汇总表: every 类 and 款 of the departments' spending, 基本 / 项目.
fn by_function(functional: &BTreeMap<String, (String, Decimal, Decimal)>, a: &Amounts) -> Table {
    let columns = vec![
        column(ColumnId::Class, ColumnKind::Code, &["科目编码", "类"]),
        column(ColumnId::Section, ColumnKind::Code, &["科目编码", "款"]),
        column(ColumnId::Name, ColumnKind::Text, &["科目名称"]),
        amount(ColumnId::Total, &["合计"]),
        amount(ColumnId::Basic, &["基本支出"]),
        amount(ColumnId::Project, &["项目支出"]),
    ];
    let values = |basic: Decimal, project: Decimal| {
        vec![
            a.or_blank(basic + project),
            a.or_blank(basic),
            a.or_blank(project),
        ]
    };
    let classes = functional.iter().filter(|(code, _)| code.len() == 3);
    let (basic, project) = classes.fold((Decimal::ZERO, Decimal::ZERO), |(b, p), (_, v)| {
        (b + v.1, p + v.2)
    });
    let mut rows = vec![total_row(3, values(basic, project))];
    for (code, (name, basic, project)) in functional {
        let (class, section, level) = match code.len() {
            3 => (Cell::Text(code.clone()), Cell::Empty, RowLevel::Class),
            _ => (
                Cell::Empty,
                code.get(3..5)
                    .map_or(Cell::Empty, |s| Cell::Text(s.to_string())),
                RowLevel::Section,
            ),
        };
        let mut cells = vec![class, section, Cell::Text(name.clone())];
        cells.extend(values(*basic, *project));
        rows.push(Row {
            code: Some(code.clone()),
            name: name.clone(),
            level,
            cells,
        });
    }
    table(TableId::RegionFunctional, columns, rows, None)
}

/// The income columns: 合计, 财政拨款 by fund, then the other sources, as 收入总体情况表.
const INCOME: [(ColumnId, Option<Source>, &str); 13] = [
    (ColumnId::Total, None, "合计"),
    (ColumnId::FiscalSubtotal, None, "小计"),
    (
        ColumnId::General,
        Some(Source::GeneralPublic),
        "一般公共预算收入",
    ),
    (
        ColumnId::Fund,
        Some(Source::GovernmentFund),
        "政府性基金预算收入",
    ),
    (
        ColumnId::StateCapital,
        Some(Source::StateCapital),
        "国有资本经营预算收入",
    ),
    (
        ColumnId::SpecialAccount,
        Some(Source::SpecialAccount),
        "财政专户管理资金收入",
    ),
    (ColumnId::Business, Some(Source::Business), "事业收入"),
    (
        ColumnId::Operating,
        Some(Source::Operating),
        "事业单位经营收入",
    ),
    (ColumnId::Other, Some(Source::Other), "其他收入"),
    (ColumnId::Superior, Some(Source::Superior), "上级补助收入"),
    (
        ColumnId::Affiliated,
        Some(Source::Affiliated),
        "附属单位上缴收入",
    ),
    (
        ColumnId::NonFiscalBalance,
        Some(Source::NonFiscalBalance),
        "使用非财政拨款结余",
    ),
    (ColumnId::Carryover, Some(Source::Carryover), "上年结转"),
];

/// 收入汇总表: each department's income by source.
fn income(departments: &[Department], a: &Amounts) -> Table {
    let mut columns = vec![department_column()];
    columns.extend(INCOME.iter().map(|(id, source, label)| {
        let fiscal =
            matches!(id, ColumnId::FiscalSubtotal) || source.is_some_and(|s| s.is_fiscal());
        if fiscal {
            amount(*id, &["财政拨款", label])
        } else {
            amount(*id, &[label])
        }
    }));
    let values = |m: &BTreeMap<Source, Decimal>| {
        let of = |s: Source| m.get(&s).copied().unwrap_or_default();
        INCOME
            .iter()
            .map(|(id, source, _)| match (id, source) {
                (_, Some(s)) => a.or_blank(of(*s)),
                (ColumnId::FiscalSubtotal, None) => a.or_blank(
                    Source::ALL
                        .iter()
                        .filter(|s| s.is_fiscal())
                        .map(|s| of(*s))
                        .sum(),
                ),
                _ => a.cell(m.values().copied().sum()),
            })
            .collect::<Vec<Cell>>()
    };
    let mut sum: BTreeMap<Source, Decimal> = BTreeMap::new();
    for d in departments {
        for (s, v) in &d.income {
            *sum.entry(*s).or_default() += *v;
        }
    }
    let mut rows = vec![total_row(1, values(&sum))];
    rows.extend(
        departments
            .iter()
            .map(|d| department_row(d, values(&d.income))),
    );
    table(TableId::RegionIncome, columns, rows, None)
}

/// “三公”经费汇总表: each department's 三公 by item, last year's total and the change.
fn three_public(departments: &[Department], a: &Amounts) -> Table {
    let vehicles = "公务用车购置及运行维护费";
    let columns = vec![
        department_column(),
        amount(ColumnId::Total, &["合计"]),
        amount(ColumnId::Abroad, &["因公出国（境）经费"]),
        amount(ColumnId::VehicleSubtotal, &[vehicles, "小计"]),
        amount(ColumnId::VehiclePurchase, &[vehicles, "公务用车购置经费"]),
        amount(
            ColumnId::VehicleOperation,
            &[vehicles, "公务用车运行维护费"],
        ),
        amount(ColumnId::Reception, &["公务接待费"]),
        amount(ColumnId::PriorTotal, &["上年合计"]),
        amount(ColumnId::Change, &["增减额"]),
        column(ColumnId::ChangePercent, ColumnKind::Text, &["增减率"]),
    ];
    let values = |m: &BTreeMap<ThreePublicKind, Decimal>, prior: Option<Decimal>| {
        let of = |k: ThreePublicKind| m.get(&k).copied().unwrap_or_default();
        let total: Decimal = THREE_PUBLIC.iter().map(|k| of(*k)).sum();
        let mut v = vec![
            a.cell(total),
            a.cell(of(ThreePublicKind::Abroad)),
            a.cell(of(ThreePublicKind::VehiclePurchase) + of(ThreePublicKind::VehicleOperation)),
            a.cell(of(ThreePublicKind::VehiclePurchase)),
            a.cell(of(ThreePublicKind::VehicleOperation)),
            a.cell(of(ThreePublicKind::Reception)),
            a.maybe(prior),
        ];
        v.extend(a.change(total, prior));
        v
    };
    let mut sum: BTreeMap<ThreePublicKind, Decimal> = BTreeMap::new();
    for d in departments {
        for (k, v) in &d.three_public {
            *sum.entry(*k).or_default() += *v;
        }
    }
    let without: Vec<&Department> = departments
        .iter()
        .filter(|d| d.three_public_prior.is_none())
        .collect();
    // Last year's total of the region only when every department states its own.
    let prior_sum = without.is_empty().then(|| {
        departments
            .iter()
            .filter_map(Department::three_public_prior_total)
            .sum::<Decimal>()
    });
    let mut rows = vec![total_row(1, values(&sum, prior_sum))];
    rows.extend(
        departments
            .iter()
            .map(|d| department_row(d, values(&d.three_public, d.three_public_prior_total()))),
    );
    let note = (!without.is_empty()).then(|| {
        format!(
            "注：{} 个部门未列上年“三公”经费，合计行不计上年数和增减。",
            without.len()
        )
    });
    table(TableId::RegionThreePublic, columns, rows, note)
}

/// 机关运行经费汇总表: each department's 机关运行经费 against last year; a department without
/// 行政 or 参公 units has none (不涉及), which is not zero.
fn operating_cost(departments: &[Department], a: &Amounts, year: u16) -> Table {
    let columns = vec![
        department_column(),
        amount(ColumnId::OperatingCost, &[&format!("{year} 年预算数")]),
        amount(ColumnId::PriorOperatingCost, &["上年预算数"]),
        amount(ColumnId::Change, &["增减额"]),
        column(ColumnId::ChangePercent, ColumnKind::Text, &["增减率"]),
    ];
    let applicable: Vec<&Department> = departments
        .iter()
        .filter(|d| d.operating_cost.is_some())
        .collect();
    let current: Decimal = applicable.iter().filter_map(|d| d.operating_cost).sum();
    let all_prior = applicable.iter().all(|d| d.operating_cost_prior.is_some());
    let prior = all_prior.then(|| {
        applicable
            .iter()
            .filter_map(|d| d.operating_cost_prior)
            .sum::<Decimal>()
    });
    let values = |current: Decimal, prior: Option<Decimal>| {
        let mut v = vec![a.cell(current), a.maybe(prior)];
        v.extend(a.change(current, prior));
        v
    };
    let mut rows = vec![total_row(1, values(current, prior))];
    for d in departments {
        let cells = match d.operating_cost {
            Some(c) => values(c, d.operating_cost_prior),
            None => vec![
                Cell::Text("不涉及".to_string()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
        };
        rows.push(department_row(d, cells));
    }
    let without = departments.len() - applicable.len();
    let note = (without > 0).then(|| {
        format!("注：{without} 个部门没有行政、参公单位，不涉及机关运行经费，不计入合计。")
    });
    table(TableId::RegionOperatingCost, columns, rows, note)
}

/// 政府采购汇总表: each department's procurement by 货物, 工程 and 服务.
fn procurement(departments: &[Department], a: &Amounts) -> Table {
    const KINDS: [ProcurementKind; 3] = [
        ProcurementKind::Goods,
        ProcurementKind::Works,
        ProcurementKind::Services,
    ];
    let columns = vec![
        department_column(),
        amount(ColumnId::Total, &["合计"]),
        amount(ColumnId::Goods, &["货物"]),
        amount(ColumnId::Works, &["工程"]),
        amount(ColumnId::Services, &["服务"]),
    ];
    let values = |m: &BTreeMap<ProcurementKind, Decimal>| {
        let of = |k: ProcurementKind| m.get(&k).copied().unwrap_or_default();
        let mut v = vec![a.cell(KINDS.iter().map(|k| of(*k)).sum())];
        v.extend(KINDS.iter().map(|k| a.cell(of(*k))));
        v
    };
    let mut sum: BTreeMap<ProcurementKind, Decimal> = BTreeMap::new();
    for d in departments {
        for (k, v) in &d.procurement {
            *sum.entry(*k).or_default() += *v;
        }
    }
    let mut rows = vec![total_row(1, values(&sum))];
    rows.extend(
        departments
            .iter()
            .map(|d| department_row(d, values(&d.procurement))),
    );
    table(TableId::RegionProcurement, columns, rows, None)
}

/// 项目汇总表: each department's number of projects and their money.
fn projects(departments: &[Department], a: &Amounts) -> Table {
    let columns = vec![
        department_column(),
        column(ColumnId::ProjectCount, ColumnKind::Text, &["项目个数"]),
        amount(ColumnId::Project, &["项目支出"]),
    ];
    let values = |count: usize, money: Decimal| vec![Cell::Text(count.to_string()), a.cell(money)];
    let count: usize = departments.iter().map(|d| d.project_count).sum();
    let money: Decimal = departments.iter().map(|d| d.project).sum();
    let mut rows = vec![total_row(1, values(count, money))];
    rows.extend(
        departments
            .iter()
            .map(|d| department_row(d, values(d.project_count, d.project))),
    );
    table(TableId::RegionProjects, columns, rows, None)
}
