//! The views (the twelve tables and the prose figures) on small hand-written budgets, and the
//! checks that run on them. Every test states a budget inline and asserts exact amounts.

use budc::diag::Diagnostic;
use budc::document::{Cell, ColumnId, Row, RowLevel, Table, TableId};
use budc::model::ThreePublicKind;
use budc::source::SourceFile;
use budc::Compiled;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::str::FromStr;

const HEADER: &str = "主要职责\n  > 负责有关工作。\n机构设置\n  > 本级。\n部门 测试部门\n年度 2024\n金额单位 万元\n科目版本 2024\n";

/// Compiles a small budget. Its projects have no performance goals on purpose (these tests are
/// about the tables), so the goal checks (E04xx/W04xx, tested in tests/checks.rs) are left out.
fn compile(body: &str) -> Compiled {
    let mut c = budc::compile(SourceFile::new("t.bud", format!("{HEADER}{body}")), None);
    c.diagnostics.retain(|d| !d.code[1..].starts_with("04"));
    c
}

/// Compiles a budget that must have no diagnostic at all.
fn clean(body: &str) -> Compiled {
    clean_except(body, &[])
}

/// Like `clean`, for budgets that break a check on purpose: the fund tests put 政府性基金 money
/// on general codes to exercise the fund columns, which E0309 (tested on its own) reports.
fn clean_except(body: &str, expected: &[&str]) -> Compiled {
    let mut c = compile(body);
    c.diagnostics.retain(|d| !expected.contains(&d.code));
    let c = c;
    assert!(
        c.diagnostics.is_empty(),
        "unexpected diagnostics: {:#?}",
        c.diagnostics
    );
    c
}

fn codes(c: &Compiled) -> Vec<&'static str> {
    c.diagnostics.iter().map(|d| d.code).collect()
}

/// The source text under a diagnostic's primary label.
fn primary_text<'a>(c: &'a Compiled, d: &Diagnostic) -> &'a str {
    let label = d.labels.iter().find(|l| l.primary).expect("primary label");
    c.file.slice(label.span)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn some(s: &str) -> Option<Decimal> {
    Some(d(s))
}

fn table(c: &Compiled, id: TableId) -> &Table {
    c.document.table(id)
}

fn row<'a>(t: &'a Table, code: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{}: no row {code}", t.id))
}

/// The first total row (合计 / 合 计) of a table.
fn total(t: &Table) -> &Row {
    t.rows
        .iter()
        .find(|r| r.level == RowLevel::Total)
        .unwrap_or_else(|| panic!("{}: no total row", t.id))
}

fn named<'a>(t: &'a Table, name: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{}: no row named {name}", t.id))
}

/// The amounts of a row in the given columns (`None` where blank).
fn amounts(t: &Table, r: &Row, columns: &[ColumnId]) -> Vec<Option<Decimal>> {
    columns.iter().map(|c| t.amount(r, *c)).collect()
}

/// Amounts as written: "" means blank.
fn expect(values: &[&str]) -> Vec<Option<Decimal>> {
    values
        .iter()
        .map(|v| (!v.is_empty()).then(|| d(v)))
        .collect()
}

fn text<'a>(t: &Table, r: &'a Row, column: ColumnId) -> Option<&'a str> {
    let i = t
        .column(column)
        .unwrap_or_else(|| panic!("{}: no column {column}", t.id));
    match &r.cells[i] {
        Cell::Text(s) => Some(s.as_str()),
        Cell::Empty => None,
        Cell::Amount(a) => panic!("{}: {column} holds the amount {a}", t.id),
    }
}

fn row_codes(t: &Table) -> Vec<Option<&str>> {
    t.rows.iter().map(|r| r.code.as_deref()).collect()
}

// ---------------------------------------------------------------------------------------------
// Functional roll-up
// ---------------------------------------------------------------------------------------------

const ROLLUP: &str = "\
收入 一般公共预算 10.00
基本支出
  2013201 30101 3.00
  2013201 30201 1.00
项目 P1 组织工作经费
  支出 2013202 4.00
项目 P2 就业工作经费
  支出 2080102 2.00
";

#[test]
fn functional_rows_roll_up_in_code_order() {
    let c = clean(ROLLUP);
    let t = table(&c, TableId::Expenditure);
    assert_eq!(
        row_codes(t),
        [
            None,
            Some("201"),
            Some("20132"),
            Some("2013201"),
            Some("2013202"),
            Some("208"),
            Some("20801"),
            Some("2080102"),
        ]
    );
    assert_eq!(
        t.rows.iter().map(|r| r.level).collect::<Vec<_>>(),
        [
            RowLevel::Total,
            RowLevel::Class,
            RowLevel::Section,
            RowLevel::Item,
            RowLevel::Item,
            RowLevel::Class,
            RowLevel::Section,
            RowLevel::Item,
        ]
    );
}

#[test]
fn expenditure_splits_basic_and_project_at_every_level() {
    let c = clean(ROLLUP);
    let t = table(&c, TableId::Expenditure);
    let cols = [
        ColumnId::Total,
        ColumnId::Basic,
        ColumnId::Project,
        ColumnId::CarryForward,
    ];
    assert_eq!(t.rows[0].name, "合计");
    assert_eq!(
        amounts(t, &t.rows[0], &cols),
        expect(&["10.00", "4.00", "6.00", ""])
    );
    for (code, want) in [
        ("201", ["8.00", "4.00", "4.00", ""]),
        ("20132", ["8.00", "4.00", "4.00", ""]),
        ("2013201", ["4.00", "4.00", "", ""]),
        ("2013202", ["4.00", "", "4.00", ""]),
        ("208", ["2.00", "", "2.00", ""]),
        ("20801", ["2.00", "", "2.00", ""]),
        ("2080102", ["2.00", "", "2.00", ""]),
    ] {
        assert_eq!(amounts(t, row(t, code), &cols), expect(&want), "{code}");
    }
}

#[test]
fn functional_rows_print_code_parts_and_catalog_names() {
    let c = clean(ROLLUP);
    let t = table(&c, TableId::Expenditure);
    let parts = |code: &str| {
        let r = row(t, code);
        (
            text(t, r, ColumnId::Class),
            text(t, r, ColumnId::Section),
            text(t, r, ColumnId::Item),
            text(t, r, ColumnId::Name),
        )
    };
    assert_eq!(
        parts("201"),
        (Some("201"), None, None, Some("一般公共服务支出"))
    );
    assert_eq!(parts("20132"), (None, Some("32"), None, Some("组织事务")));
    assert_eq!(
        parts("2013202"),
        (None, None, Some("02"), Some("一般行政管理事务"))
    );
    assert_eq!(
        parts("20801"),
        (None, Some("01"), None, Some("人力资源和社会保障管理事务"))
    );
}

#[test]
fn general_expenditure_rolls_up_personnel_public_and_project() {
    let c = clean(ROLLUP);
    let t = table(&c, TableId::GeneralExpenditure);
    let cols = [
        ColumnId::Total,
        ColumnId::BasicSubtotal,
        ColumnId::Personnel,
        ColumnId::Public,
        ColumnId::Project,
    ];
    assert_eq!(total(t).name, "合 计");
    assert_eq!(
        amounts(t, total(t), &cols),
        expect(&["10.00", "4.00", "3.00", "1.00", "6.00"])
    );
    for (code, want) in [
        ("201", ["8.00", "4.00", "3.00", "1.00", "4.00"]),
        ("20132", ["8.00", "4.00", "3.00", "1.00", "4.00"]),
        ("2013201", ["4.00", "4.00", "3.00", "1.00", ""]),
        ("2013202", ["4.00", "", "", "", "4.00"]),
        ("208", ["2.00", "", "", "", "2.00"]),
        ("20801", ["2.00", "", "", "", "2.00"]),
        ("2080102", ["2.00", "", "", "", "2.00"]),
    ] {
        assert_eq!(amounts(t, row(t, code), &cols), expect(&want), "{code}");
    }
    assert_eq!(t.rows.len(), 8);
    assert_eq!(t.note, None);
}

// ---------------------------------------------------------------------------------------------
// 人员 / 公用
// ---------------------------------------------------------------------------------------------

const SPLIT: &str = "\
收入 一般公共预算 10.00
基本支出
  2013201 30101 4.00
  2013201 30201 3.00
  2013201 31002 2.00
  2080501 30302 1.00
";

#[test]
fn wages_and_family_support_are_personnel_the_rest_public() {
    let c = clean(SPLIT);
    let t = table(&c, TableId::GeneralExpenditure);
    let cols = [
        ColumnId::Total,
        ColumnId::BasicSubtotal,
        ColumnId::Personnel,
        ColumnId::Public,
        ColumnId::Project,
    ];
    assert_eq!(
        amounts(t, total(t), &cols),
        expect(&["10.00", "10.00", "5.00", "5.00", ""])
    );
    assert_eq!(
        amounts(t, row(t, "2013201"), &cols),
        expect(&["9.00", "9.00", "4.00", "5.00", ""])
    );
    assert_eq!(
        amounts(t, row(t, "2080501"), &cols),
        expect(&["1.00", "1.00", "1.00", "", ""])
    );
}

#[test]
fn capital_spending_counts_as_public() {
    let c = clean(SPLIT);
    let t = table(&c, TableId::GeneralBasicEconomic);
    let cols = [ColumnId::Subtotal, ColumnId::Personnel, ColumnId::Public];
    assert_eq!(
        amounts(t, row(t, "310"), &cols),
        expect(&["2.00", "", "2.00"])
    );
    assert_eq!(
        amounts(t, row(t, "31002"), &cols),
        expect(&["2.00", "", "2.00"])
    );
    assert_eq!(c.document.figures.public, d("5.00"));
    assert_eq!(c.document.figures.operating_cost, Some(d("5.00")));
}

#[test]
fn general_basic_economic_lists_classes_and_sections_in_code_order() {
    let c = clean(SPLIT);
    let t = table(&c, TableId::GeneralBasicEconomic);
    assert_eq!(
        row_codes(t),
        [
            None,
            Some("301"),
            Some("30101"),
            Some("302"),
            Some("30201"),
            Some("303"),
            Some("30302"),
            Some("310"),
            Some("31002"),
        ]
    );
    let cols = [ColumnId::Subtotal, ColumnId::Personnel, ColumnId::Public];
    assert_eq!(total(t).name, "合 计");
    assert_eq!(
        amounts(t, total(t), &cols),
        expect(&["10.00", "5.00", "5.00"])
    );
    for (code, want) in [
        ("301", ["4.00", "4.00", ""]),
        ("30101", ["4.00", "4.00", ""]),
        ("302", ["3.00", "", "3.00"]),
        ("30201", ["3.00", "", "3.00"]),
        ("303", ["1.00", "1.00", ""]),
        ("30302", ["1.00", "1.00", ""]),
    ] {
        assert_eq!(amounts(t, row(t, code), &cols), expect(&want), "{code}");
    }
    assert_eq!(c.document.figures.personnel, d("5.00"));
    assert_eq!(c.document.figures.basic, d("10.00"));
}

// ---------------------------------------------------------------------------------------------
// 部门 → 政府 economic classification
// ---------------------------------------------------------------------------------------------

const MAPPING: &str = "\
收入 一般公共预算 6.00
基本支出
  2013201 30101 3.00
  2013201 30213 2.00
  2013201 31002 1.00
";

#[test]
fn department_codes_map_to_government_codes() {
    let c = clean(MAPPING);
    for id in [TableId::GeneralBasicEconomic, TableId::BasicExpenditure] {
        let t = table(&c, id);
        let cells = |code: &str| {
            let r = row(t, code);
            [
                ColumnId::DeptClass,
                ColumnId::DeptSection,
                ColumnId::DeptName,
                ColumnId::GovClass,
                ColumnId::GovSection,
                ColumnId::GovName,
            ]
            .map(|col| text(t, r, col))
        };
        assert_eq!(
            cells("30101"),
            [
                Some("301"),
                Some("01"),
                Some("基本工资"),
                Some("501"),
                Some("01"),
                Some("工资奖金津补贴")
            ],
            "{id}"
        );
        assert_eq!(
            cells("30213"),
            [
                Some("302"),
                Some("13"),
                Some("维修（护）费"),
                Some("502"),
                Some("09"),
                Some("维修（护）费")
            ],
            "{id}"
        );
        assert_eq!(
            cells("31002"),
            [
                Some("310"),
                Some("02"),
                Some("办公设备购置"),
                Some("503"),
                Some("06"),
                Some("设备购置")
            ],
            "{id}"
        );
        assert_eq!(
            cells("301"),
            [
                Some("301"),
                None,
                Some("工资福利支出"),
                Some("501"),
                None,
                Some("机关工资福利支出")
            ],
            "{id}"
        );
    }
}

#[test]
fn basic_expenditure_totals_by_source() {
    let c = clean(MAPPING);
    let t = table(&c, TableId::BasicExpenditure);
    let cols = [
        ColumnId::Total,
        ColumnId::FiscalSubtotal,
        ColumnId::General,
        ColumnId::Fund,
        ColumnId::StateCapital,
    ];
    assert_eq!(total(t).name, "合计");
    assert_eq!(
        amounts(t, total(t), &cols),
        expect(&["6.00", "6.00", "6.00", "", ""])
    );
    assert_eq!(
        amounts(t, row(t, "302"), &cols),
        expect(&["2.00", "2.00", "2.00", "", ""])
    );
}

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

const FUND: &str = "\
收入 一般公共预算 5.00
收入 政府性基金 3.00
基本支出
  2013201 30101 5.00
项目 F1 基金项目
  类型 特定目标类
  资金 政府性基金
  支出 2080110 3.00
";

#[test]
fn fund_project_lands_in_the_fund_table_and_removes_its_note() {
    let c = clean_except(FUND, &["E0309"]);
    let t = table(&c, TableId::FundExpenditure);
    assert_eq!(t.title, "政府性基金预算支出情况表");
    assert_eq!(t.note, None);
    assert_eq!(
        row_codes(t),
        [None, Some("208"), Some("20801"), Some("2080110")]
    );
    let cols = [
        ColumnId::Total,
        ColumnId::BasicSubtotal,
        ColumnId::Personnel,
        ColumnId::Public,
        ColumnId::Project,
    ];
    assert_eq!(
        amounts(t, total(t), &cols),
        expect(&["3.00", "", "", "", "3.00"])
    );
    assert_eq!(
        amounts(t, row(t, "2080110"), &cols),
        expect(&["3.00", "", "", "", "3.00"])
    );
}

#[test]
fn fund_project_stays_out_of_general_expenditure() {
    let c = clean_except(FUND, &["E0309"]);
    let t = table(&c, TableId::GeneralExpenditure);
    assert_eq!(
        row_codes(t),
        [None, Some("201"), Some("20132"), Some("2013201")]
    );
    assert_eq!(t.amount(total(t), ColumnId::Total), some("5.00"));
    assert_eq!(t.amount(total(t), ColumnId::Project), None);
}

#[test]
fn fund_table_without_fund_spending_has_a_note() {
    let c = clean(ROLLUP);
    let t = table(&c, TableId::FundExpenditure);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.amount(&t.rows[0], ColumnId::Total), None);
    assert_eq!(
        t.note.as_deref(),
        Some("注：2024 年没有使用政府性基金预算拨款安排的支出。")
    );
}

#[test]
fn state_capital_table_stays_empty_with_its_note() {
    let c = clean_except(FUND, &["E0309"]);
    let t = table(&c, TableId::StateCapitalExpenditure);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].level, RowLevel::Total);
    assert_eq!(t.amount(&t.rows[0], ColumnId::Total), None);
    assert_eq!(
        t.note.as_deref(),
        Some("注：2024 年没有使用国有资本经营预算拨款安排的支出。")
    );
}

#[test]
fn income_table_has_fund_columns() {
    let c = clean_except(FUND, &["E0309"]);
    let t = table(&c, TableId::Income);
    let cols = [
        ColumnId::Total,
        ColumnId::FiscalSubtotal,
        ColumnId::General,
        ColumnId::Fund,
        ColumnId::StateCapital,
    ];
    assert_eq!(total(t).name, "合计");
    assert_eq!(
        amounts(t, total(t), &cols),
        expect(&["8.00", "8.00", "5.00", "3.00", ""])
    );
    assert_eq!(
        amounts(t, row(t, "208"), &cols),
        expect(&["3.00", "3.00", "", "3.00", ""])
    );
    assert_eq!(
        amounts(t, row(t, "2013201"), &cols),
        expect(&["5.00", "5.00", "5.00", "", ""])
    );
}

#[test]
fn fiscal_overview_has_fund_income_and_spending() {
    let c = clean_except(FUND, &["E0309"]);
    let t = table(&c, TableId::FiscalOverview);
    // Income side: one line per fiscal source, numbered.
    assert_eq!(
        text(t, &t.rows[0], ColumnId::IncomeItem),
        Some("一、一般公共预算收入")
    );
    assert_eq!(t.amount(&t.rows[0], ColumnId::IncomeAmount), some("5.00"));
    assert_eq!(
        text(t, &t.rows[1], ColumnId::IncomeItem),
        Some("二、政府性基金预算收入")
    );
    assert_eq!(t.amount(&t.rows[1], ColumnId::IncomeAmount), some("3.00"));
    assert_eq!(
        text(t, &t.rows[2], ColumnId::IncomeItem),
        Some("三、国有资本经营预算收入")
    );
    assert_eq!(t.amount(&t.rows[2], ColumnId::IncomeAmount), None);
    // Spending side, by 类.
    let cols = [
        ColumnId::Total,
        ColumnId::General,
        ColumnId::Fund,
        ColumnId::StateCapital,
    ];
    assert_eq!(
        amounts(t, row(t, "201"), &cols),
        expect(&["5.00", "5.00", "", ""])
    );
    assert_eq!(
        amounts(t, row(t, "208"), &cols),
        expect(&["3.00", "", "3.00", ""])
    );
    assert_eq!(amounts(t, row(t, "213"), &cols), expect(&["", "", "", ""]));
    for name in ["本年支出合计", "支出总计"] {
        let r = named(t, name);
        assert_eq!(t.amount(r, ColumnId::IncomeAmount), some("8.00"), "{name}");
        assert_eq!(
            amounts(t, r, &cols),
            expect(&["8.00", "5.00", "3.00", ""]),
            "{name}"
        );
    }
}

#[test]
fn project_expenditure_has_fund_columns() {
    let c = clean_except(FUND, &["E0309"]);
    let t = table(&c, TableId::ProjectExpenditure);
    let cols = [
        ColumnId::Total,
        ColumnId::FiscalSubtotal,
        ColumnId::General,
        ColumnId::Fund,
        ColumnId::UnitFunds,
    ];
    let p = row(t, "F1");
    assert_eq!(p.name, "基金项目");
    assert_eq!(text(t, p, ColumnId::ProjectType), Some("特定目标类"));
    assert_eq!(
        amounts(t, p, &cols),
        expect(&["3.00", "3.00", "", "3.00", ""])
    );
    assert_eq!(total(t).name, "合 计");
    assert_eq!(
        amounts(t, total(t), &cols),
        expect(&["3.00", "3.00", "", "3.00", ""])
    );
}

#[test]
fn overview_lists_income_by_source_and_spending_by_class() {
    let c = clean_except(FUND, &["E0309"]);
    let t = table(&c, TableId::Overview);
    assert_eq!(
        text(t, &t.rows[1], ColumnId::IncomeItem),
        Some("二、政府性基金预算拨款收入")
    );
    assert_eq!(t.amount(&t.rows[1], ColumnId::IncomeAmount), some("3.00"));
    assert_eq!(
        t.amount(row(t, "208"), ColumnId::ExpenditureAmount),
        some("3.00")
    );
    let r = named(t, "本年支出合计");
    assert_eq!(t.amount(r, ColumnId::IncomeAmount), some("8.00"));
    assert_eq!(t.amount(r, ColumnId::ExpenditureAmount), some("8.00"));
}

#[test]
fn basic_line_source_keyword_moves_the_money() {
    let c = clean_except(
        "\
收入 一般公共预算 2.00
收入 政府性基金 1.00
基本支出
  2013201 30101 2.00
  2013201 30101 政府性基金 1.00
",
        &["E0309"],
    );
    let t = table(&c, TableId::BasicExpenditure);
    let cols = [
        ColumnId::Total,
        ColumnId::FiscalSubtotal,
        ColumnId::General,
        ColumnId::Fund,
    ];
    assert_eq!(
        amounts(t, row(t, "30101"), &cols),
        expect(&["3.00", "3.00", "2.00", "1.00"])
    );
    let g = table(&c, TableId::GeneralBasicEconomic);
    assert_eq!(g.amount(row(g, "30101"), ColumnId::Personnel), some("2.00"));
    let f = table(&c, TableId::FundExpenditure);
    assert_eq!(
        f.amount(row(f, "2013201"), ColumnId::Personnel),
        some("1.00")
    );
}

// ---------------------------------------------------------------------------------------------
// Procurement
// ---------------------------------------------------------------------------------------------

const PROCUREMENT: &str = "\
收入 一般公共预算 10.00
基本支出
  2013201 30201 2.00
  2013201 31002 3.00
  采购 货物 2013201 3.00
  采购 服务 2013201 1.00
项目 P1 就业服务
  支出 2080102 5.00
  采购 服务 4.00
";

#[test]
fn project_procurement_without_code_goes_to_its_only_allocation() {
    let c = clean(PROCUREMENT);
    let t = table(&c, TableId::Procurement);
    assert_eq!(
        row_codes(t),
        [
            None,
            Some("201"),
            Some("20132"),
            Some("2013201"),
            Some("208"),
            Some("20801"),
            Some("2080102"),
        ]
    );
    let cols = [
        ColumnId::Total,
        ColumnId::FiscalSubtotal,
        ColumnId::General,
        ColumnId::Fund,
    ];
    assert_eq!(
        amounts(t, row(t, "2080102"), &cols),
        expect(&["4.00", "4.00", "4.00", ""])
    );
    assert_eq!(
        amounts(t, row(t, "208"), &cols),
        expect(&["4.00", "4.00", "4.00", ""])
    );
}

#[test]
fn basic_procurement_lines_sum_on_their_code() {
    let c = clean(PROCUREMENT);
    assert_eq!(c.budget.basic_procurement.len(), 2);
    let t = table(&c, TableId::Procurement);
    assert_eq!(t.amount(row(t, "2013201"), ColumnId::Total), some("4.00"));
    assert_eq!(t.amount(row(t, "201"), ColumnId::General), some("4.00"));
}

#[test]
fn procurement_total_and_figures() {
    let c = clean(PROCUREMENT);
    let t = table(&c, TableId::Procurement);
    assert_eq!(total(t).name, "合 计");
    assert_eq!(
        amounts(
            t,
            total(t),
            &[
                ColumnId::Total,
                ColumnId::FiscalSubtotal,
                ColumnId::General,
                ColumnId::Fund
            ]
        ),
        expect(&["8.00", "8.00", "8.00", ""])
    );
    let f = &c.document.figures;
    assert_eq!(f.procurement_goods, d("3.00"));
    assert_eq!(f.procurement_works, d("0"));
    assert_eq!(f.procurement_services, d("5.00"));
    assert_eq!(f.procurement_total(), d("8.00"));
}

#[test]
fn project_procurement_with_code_goes_to_that_code() {
    let c = clean(
        "\
收入 一般公共预算 3.00
项目 P1 两个科目
  支出 2080102 1.00
  支出 2013202 2.00
  采购 货物 2013202 1.50
",
    );
    let t = table(&c, TableId::Procurement);
    assert_eq!(
        row_codes(t),
        [None, Some("201"), Some("20132"), Some("2013202")]
    );
    assert_eq!(t.amount(row(t, "2013202"), ColumnId::General), some("1.50"));
    assert_eq!(c.document.figures.procurement_goods, d("1.50"));
}

#[test]
fn project_procurement_without_code_needs_a_single_allocation() {
    let c = compile(
        "\
收入 一般公共预算 3.00
项目 P1 两个科目
  支出 2080102 1.00
  支出 2013202 2.00
  采购 货物 1.50
",
    );
    assert_eq!(codes(&c), ["E0208"]);
}

// ---------------------------------------------------------------------------------------------
// 三公
// ---------------------------------------------------------------------------------------------

const THREE_PUBLIC: &str = "\
收入 一般公共预算 12.00
基本支出
  2013201 30231 7.99
  2013201 30101 2.01
项目 P1 接待工作
  支出 2013202 2.00
  三公 公务接待费 2.00
上年
  三公 因公出国（境）费 0.00
  三公 公务用车购置费 0.00
  三公 公务用车运行维护费 8.00
  三公 公务接待费 2.50
原因 三公
  > 压缩公务用车和公务接待支出。
";

#[test]
fn three_public_table_has_prior_and_current_cells() {
    let c = clean(THREE_PUBLIC);
    let t = table(&c, TableId::ThreePublic);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].name, "合计");
    let cols = [
        ColumnId::PriorTotal,
        ColumnId::PriorAbroad,
        ColumnId::PriorVehicleSubtotal,
        ColumnId::PriorVehiclePurchase,
        ColumnId::PriorVehicleOperation,
        ColumnId::PriorReception,
        ColumnId::Total,
        ColumnId::Abroad,
        ColumnId::VehicleSubtotal,
        ColumnId::VehiclePurchase,
        ColumnId::VehicleOperation,
        ColumnId::Reception,
    ];
    assert_eq!(
        amounts(t, &t.rows[0], &cols),
        expect(&[
            "10.50", "0.00", "8.00", "0.00", "8.00", "2.50", //
            "9.99", "0.00", "7.99", "0.00", "7.99", "2.00",
        ])
    );
}

#[test]
fn three_public_changes_round_half_away_from_zero() {
    let c = clean(THREE_PUBLIC);
    let t = &c.document.figures.three_public;
    let op = t.change(ThreePublicKind::VehicleOperation).unwrap();
    assert_eq!((op.current, op.prior), (d("7.99"), d("8.00")));
    assert_eq!(op.change, d("-0.01"));
    // −0.01 ÷ 8.00 = −0.125 %: half away from zero gives −0.13 (banker's rounding −0.12).
    assert_eq!(op.percent, some("-0.13"));
    let rec = t.change(ThreePublicKind::Reception).unwrap();
    assert_eq!((rec.change, rec.percent), (d("-0.50"), some("-20.00")));
    let abroad = t.change(ThreePublicKind::Abroad).unwrap();
    assert_eq!((abroad.change, abroad.percent), (d("0"), None));
    let all = t.total_change().unwrap();
    // −0.51 ÷ 10.50 = −4.857… %
    assert_eq!(
        (all.current, all.prior, all.change, all.percent),
        (d("9.99"), d("10.50"), d("-0.51"), some("-4.86"))
    );
}

#[test]
fn three_public_without_prior_figures() {
    let c = clean(
        "\
收入 一般公共预算 1.00
基本支出
  2013201 30217 1.00
",
    );
    let f = &c.document.figures.three_public;
    assert!(!f.has_prior);
    assert_eq!(f.current(ThreePublicKind::Reception), d("1.00"));
    assert_eq!(f.total_change(), None);
    let t = table(&c, TableId::ThreePublic);
    // Last year's figures are not given: blank, not 0.00 (a missing prior year is unknown).
    assert_eq!(t.amount(&t.rows[0], ColumnId::PriorTotal), None);
    assert_eq!(t.amount(&t.rows[0], ColumnId::Reception), some("1.00"));
}

#[test]
fn three_public_counts_only_general_public_money() {
    let c = clean_except(
        "\
收入 一般公共预算 1.00
收入 政府性基金 2.00
基本支出
  2013201 30231 1.00
  2013201 30231 政府性基金 2.00
",
        &["E0309"],
    );
    let f = &c.document.figures.three_public;
    assert_eq!(f.current(ThreePublicKind::VehicleOperation), d("1.00"));
    assert_eq!(f.current_total(), d("1.00"));
}

// ---------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------

const FIGURES: &str = "\
收入 一般公共预算 12.50
收入 政府性基金 1.00
基本支出
  2013201 30101 8.00
  2013201 30201 1.50
  2013201 31002 0.50
  2013201 30201 政府性基金 1.00
项目 P1 甲
  支出 2013202 2.50
上年
  收支 10.80
  基本支出 8.00
  项目支出 2.40
  机关运行经费 1.60
";

#[test]
fn changes_against_last_year() {
    let c = clean_except(FIGURES, &["E0309"]);
    let f = &c.document.figures;
    assert_eq!(f.income_total, d("13.50"));
    assert_eq!(f.expenditure_total, d("13.50"));
    let total = f.total_change.unwrap();
    // 13.50 − 10.80 = 2.70; 2.70 ÷ 10.80 = 25 %
    assert_eq!(
        (total.current, total.prior, total.change, total.percent),
        (d("13.50"), d("10.80"), d("2.70"), some("25.00"))
    );
    let basic = f.basic_change.unwrap();
    assert_eq!(
        (basic.current, basic.change, basic.percent),
        (d("11.00"), d("3.00"), some("37.50"))
    );
    let project = f.project_change.unwrap();
    // 0.10 ÷ 2.40 = 4.1666… %
    assert_eq!(
        (project.current, project.change, project.percent),
        (d("2.50"), d("0.10"), some("4.17"))
    );
}

#[test]
fn operating_cost_is_general_public_basic_public_spending() {
    let c = clean_except(FIGURES, &["E0309"]);
    let f = &c.document.figures;
    // 30201 1.50 + 31002 0.50 of 一般公共预算; the 政府性基金 30201 line does not count.
    assert_eq!(f.public, d("3.00"));
    assert_eq!(f.operating_cost, Some(d("2.00")));
    let change = f.operating_cost_change.unwrap();
    assert_eq!(
        (change.prior, change.change, change.percent),
        (d("1.60"), d("0.40"), some("25.00"))
    );
}

#[test]
fn no_prior_block_means_no_changes() {
    let c = clean(ROLLUP);
    let f = &c.document.figures;
    assert_eq!(f.total_change, None);
    assert_eq!(f.basic_change, None);
    assert_eq!(f.project_change, None);
    assert_eq!(f.operating_cost_change, None);
    assert_eq!(f.project_count, 2);
    assert_eq!(f.project, d("6.00"));
    assert_eq!(f.project_fiscal, d("6.00"));
}

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

const ASSERTED: &str = "\
收入 一般公共预算 10.00
基本支出
  2013201 30101 6.00
  2013201 30201 1.00
项目 P1 甲项目
  支出 2013202 3.00
";

fn asserted(assertions: &str) -> Compiled {
    compile(&format!("{ASSERTED}{assertions}"))
}

#[test]
fn true_named_figure_assertions_pass() {
    let c = asserted(
        "\
断言 收入合计 = 10.00
断言 支出合计 = 10.00
断言 基本支出 = 7.00
断言 项目支出 = 3.00
断言 人员支出 = 6.00
断言 日常公用支出 = 1.00
断言 三公经费 = 0
断言 机关运行经费 = 1.00
断言 政府采购 = 0.00
断言 项目数 = 1
",
    );
    assert_eq!(codes(&c), Vec::<&str>::new());
}

#[test]
fn false_assertion_points_at_the_asserted_amount() {
    let c = asserted("断言 项目支出 = 3.50\n");
    assert_eq!(codes(&c), ["E0201"]);
    let diag = &c.diagnostics[0];
    assert_eq!(primary_text(&c, diag), "3.50");
    assert_eq!(
        diag.message.zh,
        "断言不成立：项目支出 写的是 3.50，由事实算得 3.00（差 0.50）"
    );
}

#[test]
fn table_cell_assertion_by_ids() {
    let c = asserted(
        "\
断言 general_expenditure 2013201 personnel = 6.00
断言 general_expenditure 2013201 public = 1.00
断言 general_expenditure 201 total = 10.00
断言 general_expenditure 合计 project = 3.00
断言 general_expenditure 2013202 personnel = 0
",
    );
    assert_eq!(codes(&c), Vec::<&str>::new());
}

#[test]
fn table_cell_assertion_by_title_and_labels() {
    let c = asserted(
        "\
断言 一般公共预算支出情况表 2013201 人员支出 = 6.00
断言 一般公共预算支出表 20132 项目支出 = 3.00
断言 一般公共预算支出情况表 2013201 基本支出人员支出 = 6.00
断言 项目支出预算情况表 P1 合计 = 3.00
断言 项目支出预算情况表 甲项目 一般公共预算 = 3.00
",
    );
    assert_eq!(codes(&c), Vec::<&str>::new());
}

#[test]
fn false_table_cell_assertion() {
    let c = asserted("断言 general_expenditure 2013201 personnel = 6.10\n");
    assert_eq!(codes(&c), ["E0201"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "6.10");
}

#[test]
fn unknown_table_row_or_column() {
    for (line, at) in [
        (
            "断言 no_such_table 2013201 personnel = 1\n",
            "no_such_table",
        ),
        (
            "断言 general_expenditure 2089999 personnel = 1\n",
            "2089999",
        ),
        (
            "断言 general_expenditure 2013201 salaries = 1\n",
            "salaries",
        ),
        ("断言 收入总额 = 1\n", "收入总额"),
    ] {
        let c = asserted(line);
        assert_eq!(codes(&c), ["E0206"], "{line}");
        assert_eq!(primary_text(&c, &c.diagnostics[0]), at, "{line}");
    }
}

#[test]
fn ambiguous_column_label() {
    let c = asserted("断言 three_public 合计 合计 = 1\n");
    assert_eq!(codes(&c), ["E0206"]);
    let diag = &c.diagnostics[0];
    assert_eq!(
        diag.message.zh,
        "“合计”在一般公共预算“三公”经费支出情况表中指多列"
    );
    assert_eq!(
        diag.help.as_ref().map(|h| &*h.zh),
        Some("用列编号区分：prior_total、total")
    );
}

#[test]
fn ambiguous_row_name() {
    let c = compile(
        "\
收入 一般公共预算 3.00
基本支出
  2013201 30101 1.00
项目 P1 甲
  支出 2010101 2.00
断言 general_expenditure 行政运行 total = 1.00
",
    );
    // W0308: the project sits on 2010101 行政运行 (so that two rows share the name).
    assert_eq!(codes(&c), ["W0308", "E0206"]);
    assert_eq!(primary_text(&c, &c.diagnostics[1]), "行政运行");
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

#[test]
fn project_amount_must_equal_its_allocations() {
    let c = compile(
        "\
收入 一般公共预算 3.00
项目 P1 甲
  支出 2080102 1.00
  支出 2013202 2.00
  金额 3.10
",
    );
    assert_eq!(codes(&c), ["E0202"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "3.10");
    assert_eq!(
        c.diagnostics[0].message.zh,
        "项目金额 3.10 与各支出行之和 3.00 不等（差 0.10）"
    );
}

#[test]
fn project_amount_equal_to_its_allocations_passes() {
    clean(
        "\
收入 一般公共预算 3.00
项目 P1 甲
  支出 2080102 1.00
  支出 2013202 2.00
  金额 3.00
",
    );
}

#[test]
fn income_must_equal_spending() {
    let c = compile(
        "\
收入 一般公共预算 10.00
基本支出
  2013201 30101 9.00
",
    );
    assert_eq!(codes(&c), ["E0203"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "10.00");
    assert_eq!(
        c.diagnostics[0].message.zh,
        "一般公共预算收入 10.00 与用这一来源安排的支出 9.00 不等（差 1.00）"
    );
}

#[test]
fn amount_with_three_decimals() {
    let c = compile(
        "\
收入 一般公共预算 3.00
项目 P1 甲
  支出 2080102 3.00
  金额 3.000
",
    );
    assert_eq!(codes(&c), ["E0204"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "3.000");
}

#[test]
fn allocation_on_a_section_code() {
    let c = compile(
        "\
收入 一般公共预算 1.00
项目 P1 甲
  支出 20801 1.00
",
    );
    assert_eq!(codes(&c), ["E0303"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "20801");
}

#[test]
fn unknown_code_in_a_complete_branch() {
    let c = compile(
        "\
收入 一般公共预算 1.00
基本支出
  2013201 30115 1.00
",
    );
    // 301 is a complete branch (every 款 confirmed in a source): 30115 is certainly wrong.
    assert_eq!(codes(&c), ["E0301"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "30115");
}

#[test]
fn name_that_does_not_match_the_code() {
    let c = compile(
        "\
收入 一般公共预算 1.00
项目 P1 甲
  支出 2080110 劳动关系的维权 1.00
",
    );
    assert_eq!(codes(&c), ["E0304"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "劳动关系的维权");
    assert_eq!(
        c.diagnostics[0].message.zh,
        "科目名称与编码不符：2080110 是“劳动关系和维权”"
    );
}

#[test]
fn half_width_brackets_match_the_catalog_name() {
    let c = clean(
        "\
收入 一般公共预算 1.00
基本支出
  2013201 行政运行 30213 维修(护)费 1.00
",
    );
    let line = &c.budget.basic[0];
    assert_eq!(
        line.econ
            .as_ref()
            .and_then(|e| e.written_name.as_ref())
            .map(|w| w.value.as_str()),
        Some("维修(护)费")
    );
    assert_eq!(line.source, budc::model::Source::GeneralPublic);
}

#[test]
fn unindented_member_line() {
    let c = compile(
        "\
收入 一般公共预算 3.00
项目 P1 甲
  支出 2013202 3.00
支出 2080102 1.00
",
    );
    assert_eq!(codes(&c), ["E0101"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "支出 2080102 1.00");
    assert_eq!(c.budget.projects[0].allocations.len(), 1);
}

#[test]
fn duplicate_year() {
    let c = compile("年度 2025\n");
    assert_eq!(codes(&c), ["E0102"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "2025");
    // The first statement stands (the catalog was chosen by it); the second is reported.
    assert_eq!(c.budget.year(), 2024);
}

#[test]
fn unknown_code_in_an_incomplete_branch_is_a_warning_and_keeps_its_written_name() {
    let c = compile(
        "\
收入 政府性基金 1.00
项目 F1 征地补偿
  资金 政府性基金
  支出 2120898 征地和拆迁补偿支出 1.00
",
    );
    assert_eq!(codes(&c), ["W0302"]);
    assert!(!c.has_errors());
    let t = table(&c, TableId::FundExpenditure);
    assert_eq!(
        row_codes(t),
        [None, Some("212"), Some("21208"), Some("2120898")]
    );
    assert_eq!(row(t, "212").name, "城乡社区支出");
    assert_eq!(row(t, "2120898").name, "征地和拆迁补偿支出");
    assert_eq!(t.amount(row(t, "21208"), ColumnId::Project), some("1.00"));
}

#[test]
fn negative_amount() {
    let c = asserted("断言 项目支出 = -3.00\n");
    assert_eq!(codes(&c), ["E0205", "E0201"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "-3.00");
}

#[test]
fn unknown_source_keyword() {
    let c = compile(
        "\
收入 财政拨款 1.00
",
    );
    assert_eq!(codes(&c), ["E0104"]);
    assert_eq!(primary_text(&c, &c.diagnostics[0]), "财政拨款");
}

#[test]
fn indented_top_level_line() {
    let c = compile("  收入 一般公共预算 0.00\n");
    assert_eq!(codes(&c), ["E0101"]);
    assert_eq!(
        c.diagnostics[0].message.zh,
        "这一行缩进了，但不属于上面的“顶层”块"
    );
}

#[test]
fn missing_header_lines() {
    let c = budc::compile(SourceFile::new("t.bud", "科目版本 2024\n"), None);
    assert_eq!(codes(&c), ["E0103", "E0103", "E0103"]);
    assert_eq!(
        c.diagnostics
            .iter()
            .map(|d| &*d.message.zh)
            .collect::<Vec<_>>(),
        ["缺少“部门”", "缺少“年度”", "缺少“金额单位”"]
    );
}

#[test]
fn lines_under_a_bad_project_line_do_not_join_the_project_above() {
    let c = compile(
        "收入 一般公共预算 3.00\n项目 P1 甲\n  支出 2013202 2.00\n项目P2 乙\n  支出 2080102 1.00\n  金额 1.00\n",
    );
    // One message for the bad line; no E0202 about P1 from the lines under it.
    assert_eq!(codes(&c), ["E0203", "E0001"]);
    assert_eq!(c.budget.projects.len(), 1);
    assert_eq!(c.budget.projects[0].amount(), d("2.00"));
}

#[test]
fn an_empty_department_name_is_an_error() {
    let c = budc::compile(
        SourceFile::new("t.bud", "部门 \n年度 2024\n金额单位 万元\n"),
        None,
    );
    assert!(codes(&c).contains(&"E0001"), "{:?}", codes(&c));
    assert!(codes(&c).contains(&"E0103"), "{:?}", codes(&c));
}

// ---------------------------------------------------------------------------------------------
// Headers, derived from the columns
// ---------------------------------------------------------------------------------------------

/// Lays a table's header rows on its grid: every grid cell is covered by exactly one header
/// cell. Returns, for each header row, how many grid cells the row's own and the taller cells
/// from above cover.
fn header_coverage(t: &Table) -> Vec<usize> {
    let header = t.header();
    let mut grid = vec![vec![0u32; t.columns.len()]; header.len()];
    for (r, row) in header.iter().enumerate() {
        // The cells of a row start, left to right, at the first grid cells not yet covered.
        let mut col = 0;
        for cell in row {
            while grid[r][col] > 0 {
                col += 1;
            }
            for line in grid.iter_mut().skip(r).take(cell.row_span) {
                for g in line.iter_mut().skip(col).take(cell.col_span) {
                    *g += 1;
                }
            }
            col += cell.col_span;
        }
    }
    for (r, line) in grid.iter().enumerate() {
        assert!(
            line.iter().all(|n| *n <= 1),
            "{}: header row {r} has overlapping cells: {line:?}",
            t.id
        );
    }
    grid.iter()
        .map(|line| line.iter().filter(|n| **n == 1).count())
        .collect()
}

#[test]
fn every_header_row_spans_all_the_columns() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/liaocheng-2024.bud"
    ))
    .unwrap();
    let c = budc::compile(SourceFile::new("liaocheng-2024.bud", text), None);
    for t in c.document.tables() {
        let header = t.header();
        assert!(!header.is_empty(), "{}", t.id);
        assert_eq!(
            header_coverage(t),
            vec![t.columns.len(); header.len()],
            "{}",
            t.id
        );
        for r in &t.rows {
            assert_eq!(r.cells.len(), t.columns.len(), "{} {}", t.id, r.name);
        }
        // Columns are told apart by id, and neighbours by what is printed above them (the
        // same texts side by side would be one merged cell).
        let ids: BTreeSet<ColumnId> = t.columns.iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), t.columns.len(), "{}", t.id);
        for pair in t.columns.windows(2) {
            assert_ne!(pair[0].header, pair[1].header, "{}", t.id);
        }
    }
}

#[test]
fn a_header_merges_the_texts_the_columns_share() {
    let c = clean(ROLLUP);
    let header = |id: TableId| -> Vec<Vec<(String, usize, usize)>> {
        table(&c, id)
            .header()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|h| (h.text, h.col_span, h.row_span))
                    .collect()
            })
            .collect()
    };
    let cells = |row: &[(&str, usize, usize)]| -> Vec<(String, usize, usize)> {
        row.iter()
            .map(|(t, c, r)| (t.to_string(), *c, *r))
            .collect()
    };
    // 科目编码 over 类/款/项; the single-text columns stretch down both rows.
    assert_eq!(
        header(TableId::GeneralExpenditure),
        [
            cells(&[
                ("科目编码", 3, 1),
                ("科目名称", 1, 2),
                ("合计", 1, 2),
                ("基本支出", 3, 1),
                ("项目支出", 1, 2),
            ]),
            cells(&[
                ("类", 1, 1),
                ("款", 1, 1),
                ("项", 1, 1),
                ("小计", 1, 1),
                ("人员支出", 1, 1),
                ("日常公用支出", 1, 1),
            ]),
        ]
    );
    // 科目编码 printed over two rows, and a band over the sources.
    assert_eq!(
        header(TableId::BasicExpenditure)[0][0],
        ("科目编码".into(), 2, 2)
    );
    assert_eq!(
        header(TableId::Procurement)[0][2],
        ("资金来源".into(), 8, 1)
    );
    // The years of the 三公 table come from the budget.
    assert_eq!(
        header(TableId::ThreePublic)[0],
        cells(&[("2023 年预算数", 6, 1), ("2024 年预算数", 6, 1)])
    );
}
