//! Any department: the three invented budgets of `examples/` (a 事业单位 in 元, an education
//! bureau with 事业 schools, a department with 国有资本经营预算 spending) check clean and compile
//! to JSON and DOCX, with control totals worked out outside budc (tools/controls/); and a budget
//! whose 上年 is last year's whole `.bud` file.

use budc::document::{Cell, ColumnId, TableId};
use budc::model::Source;
use budc::source::SourceFile;
use budc::Compiled;
use rust_decimal::Decimal;
use std::io::Read;
use std::str::FromStr;

fn example(name: &str) -> Compiled {
    let path = format!("{}/examples/{name}.bud", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    budc::compile(SourceFile::new(path, text), None)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// No diagnostic at all, not even a warning; JSON valid against the schema; a DOCX whose
/// bytes are the same twice.
fn compiles_clean(c: &Compiled) {
    let all: Vec<String> = c
        .diagnostics
        .iter()
        .map(|x| format!("{} {}", x.code, x.message.zh))
        .collect();
    assert!(all.is_empty(), "{all:#?}");
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&budc::backend::json::schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let docx = c.to_docx().unwrap();
    assert_eq!(docx, c.to_docx().unwrap());
    assert!(docx.len() > 20_000);
}

/// The text of the DOCX body (all `w:t` runs, joined).
fn docx_text(c: &Compiled) -> String {
    let bytes = c.to_docx().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    for part in xml.split("<w:t").skip(1) {
        let body = part.split_once('>').map(|(_, b)| b).unwrap_or_default();
        text.push_str(body.split("</w:t>").next().unwrap_or_default());
    }
    text
}

fn cell(c: &Compiled, table: TableId, row: &str, column: ColumnId) -> Decimal {
    let t = c.document.table(table);
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some(row) || r.name.replace(' ', "") == row)
        .unwrap_or_else(|| panic!("{}: no row {row}", t.id));
    match t.column(column).and_then(|i| r.cells.get(i)) {
        Some(Cell::Amount(x)) => *x,
        _ => Decimal::ZERO,
    }
}

/// (a) 云溪县疾病预防控制中心: a 事业单位 in 元 with 事业收入 and 上年结转 beside 一般公共预算.
/// The totals are those of tools/controls/yunxi-cdc-2024.py.
#[test]
fn a_public_institution_in_yuan() {
    let c = example("yunxi-cdc-2024");
    compiles_clean(&c);
    let f = &c.document.figures;
    assert_eq!(f.income_total, d("13719463.20"));
    assert_eq!(f.income_of(Source::GeneralPublic), d("12017440.70"));
    assert_eq!(f.income_of(Source::Business), d("1456720.00"));
    assert_eq!(f.income_of(Source::Carryover), d("245302.50"));
    assert_eq!((f.basic, f.project), (d("10804060.70"), d("2915402.50")));
    assert_eq!((f.personnel, f.public), (d("9863869.98"), d("940190.72")));
    assert_eq!(f.three_public.current_total(), d("94000.00"));
    assert_eq!(f.procurement_total(), d("1281000.00"));
    // A 事业单位 has no 机关运行经费: not applicable, not zero, in the figures and the JSON.
    assert_eq!(f.operating_cost, None);
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert_eq!(json["figures"]["operating_cost"], serde_json::Value::Null);
    assert_eq!(json["figures"]["operating_cost_applicable"], false);
    // Its basic spending maps to 505 / 506 / 509, never to the 机关 classes.
    let t = c.document.table(TableId::BasicExpenditure);
    let gov = t.column(ColumnId::GovClass).unwrap();
    let classes: std::collections::BTreeSet<String> = t
        .rows
        .iter()
        .filter_map(|r| match r.cells.get(gov) {
            Some(Cell::Text(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(classes, ["505", "506", "509"].map(String::from).into());
    // A project paid from two sources lands in both columns of 项目支出预算情况表.
    let row = "522399241000000000101";
    assert_eq!(
        cell(&c, TableId::ProjectExpenditure, row, ColumnId::General),
        d("385600.00")
    );
    assert_eq!(
        cell(&c, TableId::ProjectExpenditure, row, ColumnId::UnitFunds),
        d("468000.00")
    );
    let text = docx_text(&c);
    assert!(
        text.contains("本部门为事业单位，不涉及机关运行经费"),
        "{text}"
    );
    assert!(text.contains("没有下属二级预算单位"));
}

/// (b) 清禾县教育和体育局: a 行政 本级 with 事业 schools, 财政专户管理资金, 政府性基金 and 工程.
#[test]
fn an_education_bureau_with_schools() {
    let c = example("qinghe-education-2024");
    compiles_clean(&c);
    let f = &c.document.figures;
    assert_eq!(f.income_total, d("30056.37"));
    assert_eq!(f.income_of(Source::GeneralPublic), d("28938.37"));
    assert_eq!(f.income_of(Source::GovernmentFund), d("270.00"));
    assert_eq!(f.income_of(Source::SpecialAccount), d("848.00"));
    assert_eq!((f.basic, f.project), (d("19751.37"), d("10305.00")));
    // 机关运行经费: the 本级's 公用 basic spending only, not the schools'.
    assert_eq!(f.operating_cost, Some(d("120.20")));
    assert_eq!(f.procurement_works, d("830.00"));
    assert_eq!(f.procurement_total(), d("3978.00"));
    // Both sides of the mapping, 301 → 501 for the 本级 and → 505 for the schools.
    let t = TableId::GeneralBasicEconomic;
    let table = c.document.table(t);
    let rows: Vec<(String, String)> = table
        .rows
        .iter()
        .filter(|r| r.code.as_deref() == Some("301"))
        .map(|r| {
            let g = table.column(ColumnId::GovClass).unwrap();
            let gov = match r.cells.get(g) {
                Some(Cell::Text(s)) => s.clone(),
                _ => String::new(),
            };
            (
                gov,
                format!(
                    "{:?}",
                    r.cells.get(table.column(ColumnId::Subtotal).unwrap())
                ),
            )
        })
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].0, "501");
    assert_eq!(rows[1].0, "505");
    assert_eq!(
        cell(&c, TableId::FundExpenditure, "合计", ColumnId::Total),
        d("270.00")
    );
}

/// (c) 松岭市国资委: 国有资本经营预算 beside 一般公共预算, 行政 and 参公 sub-units.
#[test]
fn a_department_with_state_capital_spending() {
    let c = example("songling-sasac-2024");
    compiles_clean(&c);
    let f = &c.document.figures;
    assert_eq!(f.income_total, d("8182.98"));
    assert_eq!(f.income_of(Source::StateCapital), d("5900.00"));
    assert_eq!(f.income_of(Source::Carryover), d("45.00"));
    assert_eq!(f.operating_cost, Some(d("266.90")));
    assert_eq!(f.three_public.current_total(), d("22.80"));
    assert_eq!(
        cell(
            &c,
            TableId::StateCapitalExpenditure,
            "合计",
            ColumnId::Total
        ),
        d("5900.00")
    );
    // 财政拨款 = 一般公共预算 + 国有资本经营: the 上年结转 is not 财政拨款.
    assert_eq!(
        cell(&c, TableId::Income, "合计", ColumnId::FiscalSubtotal),
        d("8137.98")
    );
    assert!(c
        .document
        .table(TableId::StateCapitalExpenditure)
        .note
        .is_none());
}

/// A scratch folder for the prior-file tests.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("budc-dept-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const OVERVIEW: &str = "主要职责\n  > 负责有关工作。\n机构设置\n  > 本级。\n";

fn budget(year: u16, basic: &str, project: &str) -> String {
    format!(
        "部门 测试局\n年度 {year}\n金额单位 万元\n科目版本 2024\n{OVERVIEW}基本支出\n  2013201 30101 {basic}\n  2013201 30201 10.00\n  2013201 30217 2.00\n项目 P{year} 某项目\n  类型 特定目标类\n  支出 2013202 {project}\n  支出 2013202 事业收入 5.00\n  目标 完成工作。\n  指标 产出指标 数量指标 | 场次 | 4场\n  指标 效益指标 社会效益指标 | 效果 | 提升\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90%\n"
    )
}

fn compile_at(path: &std::path::Path) -> Compiled {
    let text = std::fs::read_to_string(path).unwrap();
    budc::compile(SourceFile::new(path.display().to_string(), text), None)
}

#[test]
fn last_year_from_its_own_budget_file() {
    let dir = scratch("prior");
    std::fs::write(dir.join("t-2023.bud"), budget(2023, "80.00", "40.00")).unwrap();
    let this = format!("{}上年文件 t-2023.bud\n", budget(2024, "90.00", "50.00"));
    std::fs::write(dir.join("t-2024.bud"), this).unwrap();
    let c = compile_at(&dir.join("t-2024.bud"));
    let codes: Vec<&str> = c.diagnostics.iter().map(|x| x.code).collect();
    assert_eq!(codes, Vec::<&str>::new());
    let p = &c.budget.prior;
    // 2023: basic 80 + 10 + 2 = 92, projects 40 + 5 = 45, income by source.
    assert_eq!(p.total.as_ref().map(|m| m.value), Some(d("137.00")));
    assert_eq!(p.basic.as_ref().map(|m| m.value), Some(d("92.00")));
    assert_eq!(p.project.as_ref().map(|m| m.value), Some(d("45.00")));
    assert_eq!(p.operating_cost.as_ref().map(|m| m.value), Some(d("12.00")));
    let income: Vec<(Source, Decimal)> = p
        .income
        .iter()
        .map(|i| (i.source, i.amount.value))
        .collect();
    assert_eq!(
        income,
        [
            (Source::GeneralPublic, d("132.00")),
            (Source::Business, d("5.00"))
        ]
    );
    let f = &c.document.figures;
    assert_eq!(f.total_change.map(|x| x.change), Some(d("20.00")));
    assert_eq!(f.basic_change.map(|x| x.change), Some(d("10.00")));
    // Every source's change is known: the 2023 income is the whole of its 收支.
    let changes = f.income_changes.as_ref().unwrap();
    assert_eq!(changes.len(), Source::ALL.len());
    assert_eq!(
        f.three_public.total_change().map(|x| (x.prior, x.change)),
        Some((d("2.00"), d("0.00")))
    );
    // The 三公 table's 上年 columns come from it too.
    assert_eq!(
        cell(&c, TableId::ThreePublic, "合计", ColumnId::PriorReception),
        d("2.00")
    );
}

#[test]
fn a_prior_file_that_cannot_serve_is_e0107() {
    let dir = scratch("prior-bad");
    // The wrong year.
    std::fs::write(dir.join("old.bud"), budget(2022, "80.00", "40.00")).unwrap();
    let this = format!("{}上年文件 old.bud\n", budget(2024, "90.00", "50.00"));
    std::fs::write(dir.join("a.bud"), &this).unwrap();
    let c = compile_at(&dir.join("a.bud"));
    let e: Vec<&str> = c.diagnostics.iter().map(|x| x.code).collect();
    assert_eq!(e, ["E0107"]);
    assert!(c.diagnostics[0].message.zh.contains("2022"));
    assert_eq!(c.budget.prior.total, None);
    // With errors of its own.
    std::fs::write(
        dir.join("bad-2023.bud"),
        "部门 测试局\n年度 2023\n金额单位 万元\n收入 财政 1\n",
    )
    .unwrap();
    let this = format!("{}上年文件 bad-2023.bud\n", budget(2024, "90.00", "50.00"));
    std::fs::write(dir.join("b.bud"), &this).unwrap();
    let c = compile_at(&dir.join("b.bud"));
    let e: Vec<&str> = c.diagnostics.iter().map(|x| x.code).collect();
    assert_eq!(e, ["E0107"]);
    // Both a file and a 上年 block: E0102, the block is kept.
    std::fs::write(dir.join("t-2023.bud"), budget(2023, "80.00", "40.00")).unwrap();
    let this = format!(
        "{}上年文件 t-2023.bud\n上年\n  收支 100.00\n",
        budget(2024, "90.00", "50.00")
    );
    std::fs::write(dir.join("c.bud"), &this).unwrap();
    let c = compile_at(&dir.join("c.bud"));
    let e: Vec<&str> = c.diagnostics.iter().map(|x| x.code).collect();
    assert_eq!(e, ["E0102"]);
    assert_eq!(
        c.budget.prior.total.as_ref().map(|m| m.value),
        Some(d("100.00"))
    );
    // A file naming itself does not loop: the prior file's own 上年文件 is not followed.
    let this = format!("{}上年文件 self-2023.bud\n", budget(2023, "80.00", "40.00"));
    std::fs::write(dir.join("self-2023.bud"), &this).unwrap();
    let c = compile_at(&dir.join("self-2023.bud"));
    let e: Vec<&str> = c.diagnostics.iter().map(|x| x.code).collect();
    assert_eq!(e, ["E0107"], "the 2023 file is not the 2022 budget");
}
