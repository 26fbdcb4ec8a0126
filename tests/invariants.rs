//! Random valid budgets (proptest): the views keep their invariants — every 合计 is the sum of
//! its rows, every 类 the sum of its 款, every 款 the sum of its 项; 基本 = 人员 + 公用; 收入 = 支出 —
//! the JSON round-trips, and the budget is clean.

use budc::document::{ColumnId, RowLevel, Table, TableId};
use budc::source::SourceFile;
use proptest::prelude::*;
use rust_decimal::Decimal;

const BASIC: [(&str, &str); 8] = [
    ("2013201", "30101"),
    ("2013201", "30201"),
    ("2013201", "31002"),
    ("2013201", "30231"),
    ("2080505", "30108"),
    ("2101101", "30110"),
    ("2210201", "30113"),
    ("2013201", "30302"),
];
const PROJECT_CODES: [&str; 8] = [
    "2013202", "2080102", "2080109", "2080705", "2101301", "2130805", "2082602", "2012906",
];

fn budget(basic: &[(usize, u32)], projects: &[Vec<(usize, u32)>]) -> String {
    let mut body = String::new();
    let mut total: u64 = 0;
    if !basic.is_empty() {
        body.push_str("基本支出\n");
        for (i, cents) in basic {
            let (f, e) = BASIC[*i % BASIC.len()];
            total += u64::from(*cents);
            body.push_str(&format!("  {f} {e} {}.{:02}\n", cents / 100, cents % 100));
        }
    }
    for (n, allocations) in projects.iter().enumerate() {
        body.push_str(&format!("项目 P{n:04} 项目{n}\n  类型 特定目标类\n"));
        let mut seen = std::collections::BTreeSet::new();
        for (i, cents) in allocations {
            let code = PROJECT_CODES[*i % PROJECT_CODES.len()];
            if !seen.insert(code) {
                continue;
            }
            total += u64::from(*cents);
            body.push_str(&format!(
                "  支出 {code} {}.{:02}\n",
                cents / 100,
                cents % 100
            ));
        }
        body.push_str(&format!("  目标 完成第{n}项任务。\n"));
        body.push_str("  指标 产出指标 数量指标 | 场次 | 2场 | 工作成效\n");
        body.push_str("  指标 效益指标 社会效益指标 | 效果 | 提升 | 工作成效\n");
        body.push_str("  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查\n");
    }
    format!(
        "部门 测试部门\n年度 2024\n金额单位 万元\n科目版本 2024\n收入 一般公共预算 {}.{:02}\n{body}",
        total / 100,
        total % 100
    )
}

fn amount(t: &Table, r: &budc::document::Row, col: ColumnId) -> Decimal {
    t.amount(r, col).unwrap_or_default()
}

/// In a functional table: 合计 = Σ 类, 类 = Σ its 款, 款 = Σ its 项, for each column.
fn rolls_up(t: &Table, columns: &[ColumnId]) -> Result<(), String> {
    for &col in columns {
        let total = t
            .rows
            .iter()
            .find(|r| r.level == RowLevel::Total)
            .map(|r| amount(t, r, col))
            .unwrap_or_default();
        let classes: Decimal = t
            .rows
            .iter()
            .filter(|r| r.level == RowLevel::Class)
            .map(|r| amount(t, r, col))
            .sum();
        if total != classes {
            return Err(format!("{} {col}: 合计 {total} ≠ Σ类 {classes}", t.id));
        }
        for parent in t
            .rows
            .iter()
            .filter(|r| matches!(r.level, RowLevel::Class | RowLevel::Section))
        {
            let code = parent.code.clone().unwrap_or_default();
            let child_level = if parent.level == RowLevel::Class {
                RowLevel::Section
            } else {
                RowLevel::Item
            };
            let children: Decimal = t
                .rows
                .iter()
                .filter(|r| {
                    r.level == child_level
                        && r.code.as_deref().is_some_and(|c| c.starts_with(&code))
                })
                .map(|r| amount(t, r, col))
                .sum();
            if amount(t, parent, col) != children {
                return Err(format!(
                    "{} {col} {code}: {} ≠ Σ {children}",
                    t.id,
                    amount(t, parent, col)
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn views_keep_their_invariants(
        basic in proptest::collection::vec((0usize..8, 1u32..5_000_000), 0..10),
        projects in proptest::collection::vec(proptest::collection::vec((0usize..8, 1u32..5_000_000), 1..4), 0..8),
    ) {
        let text = budget(&basic, &projects);
        let c = budc::compile(SourceFile::new("p.bud", text.clone()), None);
        let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.severity == budc::diag::Severity::Error).map(|d| d.code).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
        let table = |id: TableId| c.document.table(id);
        rolls_up(table(TableId::Expenditure), &[ColumnId::Total, ColumnId::Basic, ColumnId::Project]).map_err(TestCaseError::fail)?;
        rolls_up(table(TableId::GeneralExpenditure), &[ColumnId::Total, ColumnId::BasicSubtotal, ColumnId::Personnel, ColumnId::Public, ColumnId::Project]).map_err(TestCaseError::fail)?;
        rolls_up(table(TableId::Income), &[ColumnId::Total, ColumnId::General]).map_err(TestCaseError::fail)?;
        let g = table(TableId::GeneralExpenditure);
        for r in &g.rows {
            prop_assert_eq!(amount(g, r, ColumnId::BasicSubtotal), amount(g, r, ColumnId::Personnel) + amount(g, r, ColumnId::Public));
            prop_assert_eq!(amount(g, r, ColumnId::Total), amount(g, r, ColumnId::BasicSubtotal) + amount(g, r, ColumnId::Project));
        }
        let f = &c.document.figures;
        prop_assert_eq!(f.income_total, f.expenditure_total);
        prop_assert_eq!(f.basic, f.personnel + f.public);
        // The economic tables: 合计 = Σ 类 rows.
        let e = table(TableId::BasicExpenditure);
        let total = amount(e, &e.rows[0], ColumnId::Total);
        let classes: Decimal = e.rows.iter().filter(|r| r.level == RowLevel::Class).map(|r| amount(e, r, ColumnId::Total)).sum();
        prop_assert_eq!(total, classes);
        prop_assert_eq!(total, f.basic);
        // JSON round trip.
        let json = c.to_json();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(serde_json::to_string_pretty(&v).unwrap() + "\n", json);
    }
}
