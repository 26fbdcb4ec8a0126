//! The two-sided tables: 收支总体情况表 and 财政拨款收支总体情况表, income on the left and
//! spending by 类 on the right.

use super::header::{amount_col, text_col};
use super::ids::{ColumnId, TableId};
use super::index::{amt, text, Index};
use super::{Cell, Row, RowLevel, Table};
use crate::model::Source;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

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

/// The 类 lines: the catalog's, plus any other class that has spending, in code order.
fn class_lines(ix: &Index) -> Vec<String> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (code, _) in ix.func.keys() {
        if let Some(c) = code.get(..3) {
            used.insert(c.to_string());
        }
    }
    let mut classes: Vec<String> = ix.catalog.rules().table_classes.clone();
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

/// The stated income of the sources `keep` accepts (from the figures' income by source).
fn income_of(ix: &Index, keep: impl Fn(Source) -> bool) -> Decimal {
    ix.figures
        .income
        .iter()
        .filter(|(s, _)| keep(*s))
        .map(|(_, d)| *d)
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
pub(super) fn fiscal_overview(ix: &Index) -> Table {
    let (income, spending, budgeted) = ("收 入", "支 出", "预算数");
    let columns = vec![
        text_col(ColumnId::IncomeItem, &[income, "项目"]),
        amount_col(ColumnId::IncomeAmount, &[income, budgeted]),
        text_col(ColumnId::ExpenditureItem, &[spending, "项 目"]),
        amount_col(ColumnId::Total, &[spending, budgeted, "总计"]),
        amount_col(ColumnId::General, &[spending, budgeted, "一般公共预算"]),
        amount_col(ColumnId::Fund, &[spending, budgeted, "政府性基金预算"]),
        amount_col(
            ColumnId::StateCapital,
            &[spending, budgeted, "国有资本经营预算"],
        ),
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
    Table::new(TableId::FiscalOverview, columns, rows)
}

/// 收支总体情况表: all income by source | all spending by 类 (the standard two-sided layout).
pub(super) fn overview(ix: &Index) -> Table {
    let (income, spending) = ("收 入", "支 出");
    let columns = vec![
        text_col(ColumnId::IncomeItem, &[income, "项目"]),
        amount_col(ColumnId::IncomeAmount, &[income, "预算数"]),
        text_col(ColumnId::ExpenditureItem, &[spending, "项目"]),
        amount_col(ColumnId::ExpenditureAmount, &[spending, "预算数"]),
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
    Table::new(TableId::Overview, columns, rows)
}
