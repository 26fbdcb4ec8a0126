//! Every derived table of the example against the published document.
//!
//! The published figures come from `tests/fixtures/published/*.tsv`, a transcription of the
//! tables of the reference document (made by `tools/ref2fixture.py` from the published text,
//! never from budc's output). Every cell is compared; the only differences allowed are the
//! places where the published document contradicts itself or the official catalog, listed in
//! `PUBLISHED_CONTRADICTIONS` with the reason.

use budc::document::{Cell, ColumnId, Row, Table, TableId};
use budc::source::SourceFile;
use rust_decimal::Decimal;
use std::str::FromStr;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/published");

/// Cells where the published tables disagree with what the facts derive.
const PUBLISHED_CONTRADICTIONS: &[&str] = &[
    // 一般公共预算支出情况表 misspells 2080110 劳动关系和维权 (the other tables have it right).
    "general_expenditure 2080110 name: published 劳动关系的维权, derived 劳动关系和维权",
    // 一般公共预算支出情况表 prints three 款 codes of 208 in the 类 column.
    "general_expenditure 20810 code cells: published 10//, derived /10/",
    "general_expenditure 20826 code cells: published 26//, derived /26/",
    "general_expenditure 20830 code cells: published 30//, derived /30/",
    // 政府采购预算表: 合计 and 小计 say .64 where 一般公共预算, the table's own 合计 row (253.88)
    // and the prose split (货物 12.89 + 服务 240.99) all need .65.
    "procurement 208 total: published 74.64, derived 74.65",
    "procurement 208 fiscal_subtotal: published 74.64, derived 74.65",
    "procurement 20801 total: published 73.64, derived 73.65",
    "procurement 20801 fiscal_subtotal: published 73.64, derived 73.65",
    "procurement 2080109 total: published 15.64, derived 15.65",
    "procurement 2080109 fiscal_subtotal: published 15.64, derived 15.65",
    // Both economic tables print 503 as 机关资本性支出; the 2024 catalog name is 机关资本性支出（一）.
    "general_basic_economic 310 gov_name: published 机关资本性支出, derived 机关资本性支出（一）",
    "basic_expenditure 310 gov_name: published 机关资本性支出, derived 机关资本性支出（一）",
];

fn compiled() -> budc::Compiled {
    let text = std::fs::read_to_string(EXAMPLE).expect("example exists");
    budc::compile(SourceFile::new("liaocheng-2024.bud", text), None)
}

struct Fixture {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn fixture(id: &str) -> Fixture {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{id}.tsv")).expect("fixture exists");
    let mut lines = text
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect::<Vec<_>>());
    let header = lines.next().expect("header");
    Fixture {
        header,
        rows: lines.collect(),
    }
}

/// Text as compared: no spaces (the PDF breaks names), brackets half-width.
fn norm(s: &str) -> String {
    budc::model::build::normalize_name(s)
}

/// A printed figure: "7,835.90" → 7835.90; blank → None.
fn published_amount(s: &str) -> Option<Decimal> {
    let s = s.replace(',', "");
    (!s.trim().is_empty()).then(|| Decimal::from_str(s.trim()).expect("published figure"))
}

fn cell_text(c: Option<&Cell>) -> String {
    match c {
        Some(Cell::Text(s)) => s.clone(),
        Some(Cell::Amount(d)) => format!("{d:.2}"),
        _ => String::new(),
    }
}

fn cell_amount(c: Option<&Cell>) -> Option<Decimal> {
    match c {
        Some(Cell::Amount(d)) => Some(*d),
        _ => None,
    }
}

/// A table by the id the fixtures name it with (the JSON contract's spelling).
fn table<'a>(c: &'a budc::Compiled, id: &str) -> &'a Table {
    let id: TableId = id.parse().unwrap_or_else(|_| panic!("no table {id}"));
    c.document.table(id)
}

/// A cell by the column id the fixtures name it with (the JSON contract's spelling).
fn cell<'a>(t: &Table, r: &'a Row, col: &str) -> Option<&'a Cell> {
    let id: ColumnId = col.parse().unwrap_or_else(|_| panic!("no column {col}"));
    r.cells.get(
        t.column(id)
            .unwrap_or_else(|| panic!("{} has no column {col}", t.id)),
    )
}

/// Compares figures; a blank published cell must be blank (or zero) in the derived table.
fn compare_amount(out: &mut Vec<String>, what: String, published: &str, derived: Option<&Cell>) {
    let p = published_amount(published);
    let d = cell_amount(derived);
    if p != d {
        let show = |x: Option<Decimal>| {
            x.map(|d| format!("{d:.2}"))
                .unwrap_or_else(|| "blank".into())
        };
        out.push(format!(
            "{what}: published {}, derived {}",
            show(p),
            show(d)
        ));
    }
}

fn compare_text(out: &mut Vec<String>, what: String, published: &str, derived: &str) {
    if norm(published) != norm(derived) {
        out.push(format!("{what}: published {published}, derived {derived}"));
    }
}

fn derived_code_cells(t: &Table, r: &Row) -> String {
    ["class", "section", "item"]
        .iter()
        .map(|c| cell_text(cell(t, r, c)))
        .collect::<Vec<_>>()
        .join("/")
}

/// A table whose rows are functional codes (类/款/项 columns, then the name, then figures).
fn functional(c: &budc::Compiled, id: &str, out: &mut Vec<String>) {
    let t = table(c, id);
    let f = fixture(id);
    let derived_keys: Vec<String> = t
        .rows
        .iter()
        .map(|r| r.code.clone().unwrap_or_default())
        .collect();
    let published_keys: Vec<String> = f.rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(derived_keys, published_keys, "{id}: rows and their order");
    for (p, r) in f.rows.iter().zip(&t.rows) {
        let key = if p[0].is_empty() {
            "合计"
        } else {
            p[0].as_str()
        };
        if !p[0].is_empty() {
            let derived = derived_code_cells(t, r);
            if p[1] != derived {
                out.push(format!(
                    "{id} {key} code cells: published {}, derived {derived}",
                    p[1]
                ));
            }
        }
        compare_text(out, format!("{id} {key} name"), &p[2], &r.name);
        for (i, col) in f.header.iter().enumerate().skip(3) {
            compare_amount(out, format!("{id} {key} {col}"), &p[i], cell(t, r, col));
        }
    }
}

/// A table whose rows are economic codes (部门 类/款, name, 政府 类/款, name, figures).
fn economic(c: &budc::Compiled, id: &str, out: &mut Vec<String>) {
    let t = table(c, id);
    let f = fixture(id);
    let derived_keys: Vec<String> = t
        .rows
        .iter()
        .map(|r| r.code.clone().unwrap_or_default())
        .collect();
    let published_keys: Vec<String> = f.rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(derived_keys, published_keys, "{id}: rows and their order");
    for (p, r) in f.rows.iter().zip(&t.rows) {
        let key = if p[0].is_empty() {
            "合计"
        } else {
            p[0].as_str()
        };
        if !p[0].is_empty() {
            compare_text(out, format!("{id} {key} name"), &p[1], &r.name);
            let gov = cell_text(cell(t, r, "gov_class")) + &cell_text(cell(t, r, "gov_section"));
            compare_text(out, format!("{id} {key} gov_code"), &p[2], &gov);
            compare_text(
                out,
                format!("{id} {key} gov_name"),
                &p[3],
                &cell_text(cell(t, r, "gov_name")),
            );
        }
        for (i, col) in f.header.iter().enumerate().skip(4) {
            compare_amount(out, format!("{id} {key} {col}"), &p[i], cell(t, r, col));
        }
    }
}

fn fiscal_overview(c: &budc::Compiled, out: &mut Vec<String>) {
    let t = table(c, "fiscal_overview");
    let f = fixture("fiscal_overview");
    assert_eq!(t.rows.len(), f.rows.len(), "fiscal_overview rows");
    for (n, (p, r)) in f.rows.iter().zip(&t.rows).enumerate() {
        for (i, col) in f.header.iter().enumerate() {
            let what = format!("fiscal_overview row {} {col}", n + 1);
            if col.ends_with("item") {
                compare_text(out, what, &p[i], &cell_text(cell(t, r, col)));
            } else {
                compare_amount(out, what, &p[i], cell(t, r, col));
            }
        }
    }
}

fn three_public(c: &budc::Compiled, out: &mut Vec<String>) {
    let t = table(c, "three_public");
    let f = fixture("three_public");
    assert_eq!(t.rows.len(), 1);
    for (i, col) in f.header.iter().enumerate() {
        compare_amount(
            out,
            format!("three_public {col}"),
            &f.rows[0][i],
            cell(t, &t.rows[0], col),
        );
    }
}

fn project_expenditure(c: &budc::Compiled, out: &mut Vec<String>) {
    let t = table(c, "project_expenditure");
    let f = fixture("project_expenditure");
    let names: Vec<String> = t.rows.iter().map(|r| norm(&r.name)).collect();
    let published: Vec<String> = f.rows.iter().map(|r| norm(&r[0])).collect();
    assert_eq!(
        names, published,
        "project_expenditure: projects and their order"
    );
    for (p, r) in f.rows.iter().zip(&t.rows) {
        if p[0] != "合计" {
            compare_text(
                out,
                format!("project {} type", p[0]),
                &p[1],
                &cell_text(cell(t, r, "project_type")),
            );
        }
        for (i, col) in f.header.iter().enumerate().skip(2) {
            compare_amount(
                out,
                format!("project {} {col}", p[0]),
                &p[i],
                cell(t, r, col),
            );
        }
    }
}

#[test]
fn every_published_table_cell_is_derived_from_the_facts() {
    let c = compiled();
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    let mut out = Vec::new();
    for id in [
        "income",
        "expenditure",
        "general_expenditure",
        "fund_expenditure",
        "state_capital_expenditure",
        "procurement",
    ] {
        functional(&c, id, &mut out);
    }
    economic(&c, "general_basic_economic", &mut out);
    economic(&c, "basic_expenditure", &mut out);
    fiscal_overview(&c, &mut out);
    three_public(&c, &mut out);
    project_expenditure(&c, &mut out);
    assert_eq!(out, PUBLISHED_CONTRADICTIONS);
}

#[test]
fn empty_fund_tables_carry_the_published_note() {
    let c = compiled();
    for id in ["fund_expenditure", "state_capital_expenditure"] {
        let published = std::fs::read_to_string(format!("{FIXTURES}/{id}.note")).unwrap();
        assert_eq!(
            table(&c, id).note.as_deref(),
            Some(published.trim()),
            "{id}"
        );
    }
}

/// The figures of 第三部分 as the published prose states them.
#[test]
fn prose_figures_match_the_published_explanations() {
    let c = compiled();
    let f = &c.document.figures;
    let d = |s: &str| Decimal::from_str(s).unwrap();
    // 一、预算收支增减变化情况说明
    assert_eq!(f.income_total, d("16028.22"));
    assert_eq!(f.expenditure_total, d("16028.22"));
    assert_eq!(f.basic, d("1010.15"));
    assert_eq!(f.project, d("15018.07"));
    assert_eq!(f.total_change.unwrap().change, d("2943.03"));
    assert_eq!(f.basic_change.unwrap().change, d("-806.64"));
    assert_eq!(f.project_change.unwrap().change, d("3749.67"));
    // 二、“三公”经费: 2.99, 比上年减少 0.11, 下降 3.55%; 运行维护费 0.99, 减少 0.11, 下降 10.00%.
    let t = &f.three_public;
    assert_eq!(t.current_total(), d("2.99"));
    let total = t.total_change().unwrap();
    assert_eq!(
        (total.change, total.percent),
        (d("-0.11"), Some(d("-3.55")))
    );
    use budc::model::ThreePublicKind::*;
    assert_eq!(t.current(Abroad), d("0.00"));
    assert_eq!(
        t.current(VehiclePurchase) + t.current(VehicleOperation),
        d("0.99")
    );
    let op = t.change(VehicleOperation).unwrap();
    assert_eq!(
        (op.current, op.change, op.percent),
        (d("0.99"), d("-0.11"), Some(d("-10.00")))
    );
    assert_eq!(t.current(Reception), d("2.00"));
    assert_eq!(t.change(Reception).unwrap().change, d("0"));
    // 三、机关运行经费 149.89, 较 2023 年增加 26.71, 增长 21.68%.
    let oc = f.operating_cost_change.unwrap();
    assert_eq!(
        (oc.current, oc.change, oc.percent),
        (d("149.89"), d("26.71"), Some(d("21.68")))
    );
    // 四、政府采购 253.88 = 货物 12.89 + 工程 0.00 + 服务 240.99.
    assert_eq!(f.procurement_total(), d("253.88"));
    assert_eq!(
        (
            f.procurement_goods,
            f.procurement_works,
            f.procurement_services
        ),
        (d("12.89"), d("0"), d("240.99"))
    );
    // 六、项目支出 38 个, 15,018.07 万元, 其中财政拨款 15,018.07 万元.
    assert_eq!(f.project_count, 38);
    assert_eq!(f.project_fiscal, d("15018.07"));
    // 五、国有资产: 车辆 1 辆 (其他 1), 大型设备 0.
    let assets = c.budget.assets.as_ref().unwrap();
    assert_eq!(assets.vehicles.iter().map(|(_, n)| n.value).sum::<u32>(), 1);
    assert_eq!(assets.equipment.as_ref().map(|e| e.value), Some(0));
}

#[test]
fn the_example_holds_the_whole_reference() {
    let c = compiled();
    let b = &c.budget;
    assert_eq!(b.sub_units.len(), 8);
    assert_eq!(b.projects.len(), 38);
    assert_eq!(
        b.projects.iter().map(|p| p.indicators.len()).sum::<usize>(),
        578
    );
    assert!(b.projects.iter().all(|p| p.goal.is_some()));
    assert_eq!(b.glossary.len(), 17);
    assert_eq!(b.basic.len(), 21);
    let employment = b
        .projects
        .iter()
        .find(|p| p.name.value == "社保中心-就业创业资金")
        .unwrap();
    assert_eq!(employment.allocations.len(), 8);
    assert_eq!(employment.amount(), Decimal::from_str("559.54").unwrap());
}
