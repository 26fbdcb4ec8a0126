//! `budc region`: the summary of the bundled examples, figure by figure against each example's
//! own JSON (added up here, not by budc's region code); every cross-department check on its
//! fixture (tests/fixtures/region/), located; the outputs deterministic; the JSON against its
//! schema; the library's `consolidate` giving the command's tables.

mod common;
use common::budc_command;

use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

const EXAMPLES: [&str; 4] = [
    "liaocheng-2024.bud",
    "qinghe-education-2024.bud",
    "songling-sasac-2024.bud",
    "yunxi-cdc-2024.bud",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

fn fixture(dir: &str) -> PathBuf {
    root().join("tests/fixtures/region").join(dir)
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not an amount: {v}"))).unwrap()
}

/// `budc region ARGS…`: (exit code, stdout, stderr).
fn region(args: &[&Path]) -> (i32, String, String) {
    let out = budc_command().arg("region").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn examples_json() -> Value {
    let paths: Vec<PathBuf> = EXAMPLES.iter().map(|e| example(e)).collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let (code, out, err) = region(&refs);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// One example's JSON, as `budc compile` writes it.
fn budget_json(name: &str) -> Value {
    let out = budc_command()
        .args(["compile", "--format", "json"])
        .arg(example(name))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// 元 per unit of a budget.
fn scale(budget: &Value) -> Decimal {
    match budget["unit"].as_str() {
        Some("万元") => Decimal::from(10_000),
        _ => Decimal::ONE,
    }
}

fn table<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no table {id}"))
}

/// A row of a table by its name (or the 合计 row), its values by column id.
fn row<'a>(t: &'a Value, name: &str) -> &'a serde_json::Map<String, Value> {
    t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row {name} in {}", t["id"]))["values"]
        .as_object()
        .unwrap()
}

fn cell(t: &Value, name: &str, column: &str) -> Option<Decimal> {
    row(t, name).get(column).filter(|v| !v.is_null()).map(dec)
}

#[test]
fn the_region_of_the_examples_adds_up_each_examples_own_figures() {
    let r = examples_json();
    assert_eq!(r["schema"], "budc.region.v1");
    // 云溪县疾病预防控制中心 is written in 元: the region is in 元, no cent lost.
    assert_eq!(r["unit"], "元");
    assert_eq!(r["year"], 2024);
    let list = table(&r, "region_departments");
    let income = table(&r, "region_income");
    let three = table(&r, "region_three_public");
    let operating = table(&r, "region_operating_cost");
    let procurement = table(&r, "region_procurement");
    let projects = table(&r, "region_projects");
    let mut total = Decimal::ZERO;
    let mut functional: BTreeMap<String, [Decimal; 3]> = BTreeMap::new();
    let mut count = 0u64;
    for name in EXAMPLES {
        let b = budget_json(name);
        let k = scale(&b);
        let f = &b["figures"];
        let dept = b["department"].as_str().unwrap();
        let d = r["departments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["department"] == dept)
            .unwrap();
        let yuan = |v: &Value| dec(v) * k;
        assert_eq!(dec(&d["total"]), yuan(&f["expenditure_total"]), "{dept}");
        assert_eq!(
            cell(list, dept, "total"),
            Some(yuan(&f["expenditure_total"]))
        );
        assert_eq!(cell(list, dept, "basic"), Some(yuan(&f["basic"])));
        assert_eq!(cell(list, dept, "project"), Some(yuan(&f["project"])));
        total += yuan(&f["expenditure_total"]);
        // Income by source.
        for i in b["income"].as_array().unwrap() {
            let column = match i["source"].as_str().unwrap() {
                "general_public" => "general",
                "government_fund" => "fund",
                "special_account" => "special_account",
                "business" => "business",
                "carryover" => "carryover",
                "state_capital" => "state_capital",
                other => panic!("a source the examples do not have: {other}"),
            };
            assert_eq!(
                cell(income, dept, column),
                Some(yuan(&i["amount"])),
                "{dept} {column}"
            );
        }
        // 三公, with last year and the change.
        assert_eq!(
            cell(three, dept, "total"),
            Some(yuan(&f["three_public_total"]))
        );
        let change = &f["three_public_change"];
        assert_eq!(
            cell(three, dept, "prior_total"),
            Some(yuan(&change["prior"]))
        );
        assert_eq!(cell(three, dept, "change"), Some(yuan(&change["change"])));
        assert_eq!(
            row(three, dept)["change_percent"],
            format!("{}%", change["percent"].as_str().unwrap())
        );
        // 机关运行经费: null in the budget's JSON is 不涉及 here.
        match f["operating_cost"].as_str() {
            Some(_) => assert_eq!(
                cell(operating, dept, "operating_cost"),
                Some(yuan(&f["operating_cost"]))
            ),
            None => {
                assert_eq!(row(operating, dept)["operating_cost"], "不涉及");
                assert_eq!(d["operating_cost"], Value::Null);
                assert_eq!(d["operating_cost_applicable"], false);
            }
        }
        for (kind, column) in [
            ("procurement_goods", "goods"),
            ("procurement_works", "works"),
            ("procurement_services", "services"),
            ("procurement_total", "total"),
        ] {
            assert_eq!(cell(procurement, dept, column), Some(yuan(&f[kind])));
        }
        let n = f["project_count"].as_u64().unwrap();
        count += n;
        assert_eq!(row(projects, dept)["project_count"], n.to_string());
        // The 类 and 款 rows of the example's 支出总体情况表.
        for row in table(&b, "expenditure")["rows"].as_array().unwrap() {
            let code = row["code"].as_str().unwrap_or_default();
            if code.len() != 3 && code.len() != 5 {
                continue;
            }
            let slot = functional.entry(code.to_string()).or_default();
            for (i, column) in ["total", "basic", "project"].iter().enumerate() {
                let v = &row["values"][column];
                if !v.is_null() {
                    slot[i] += dec(v) * k;
                }
            }
        }
    }
    assert_eq!(cell(list, "合计", "total"), Some(total));
    assert_eq!(dec(&r["totals"]["total"]), total);
    assert_eq!(row(projects, "合计")["project_count"], count.to_string());
    let by_function = table(&r, "region_functional");
    let rows: Vec<&Value> = by_function["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] != "total")
        .collect();
    assert_eq!(rows.len(), functional.len());
    for row in rows {
        let code = row["code"].as_str().unwrap();
        let want = functional[code];
        for (i, column) in ["total", "basic", "project"].iter().enumerate() {
            let got = row["values"][column]
                .as_str()
                .map(|s| Decimal::from_str(s).unwrap())
                .unwrap_or_default();
            assert_eq!(got, want[i], "{code} {column}");
        }
    }
    // The exact figures, worked out once by hand from the four examples' totals:
    // 16,028.22 + 30,056.37 + 8,182.98 万元 and 13,719,463.20 元.
    assert_eq!(r["totals"]["total"], "556395163.20");
    assert_eq!(r["totals"]["project_count"], 64);
    assert_eq!(r["totals"]["three_public"], "491900.00");
    // 机关运行经费 of the three departments it applies to (云溪 is 事业: 不涉及).
    assert_eq!(r["totals"]["operating_cost"], "5369900.00");
    assert_eq!(r["totals"]["operating_cost_not_applicable"], 1);
    assert_eq!(
        table(&r, "region_operating_cost")["note"],
        "注：1 个部门没有行政、参公单位，不涉及机关运行经费，不计入合计。"
    );
}

#[test]
fn a_region_of_wan_yuan_budgets_stays_in_wan_yuan() {
    let (code, out, err) = region(&[
        &example("liaocheng-2024.bud"),
        &example("qinghe-education-2024.bud"),
    ]);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["unit"], "万元");
    // 16,028.22 + 30,056.37
    assert_eq!(r["totals"]["total"], "46084.59");
    assert_eq!(
        cell(table(&r, "region_departments"), "合计", "total"),
        Some(Decimal::new(4608459, 2))
    );
}

/// Whether stderr holds a diagnostic of this code at this place (`file:line:column`).
fn has(stderr: &str, code: &str, at: &str) -> bool {
    let mut lines = stderr.lines();
    while let Some(l) = lines.next() {
        if l.trim() == code {
            // The header of a diagnostic, then its message (one or more lines), then its place.
            if lines
                .by_ref()
                .take(4)
                .any(|l| l.contains(&format!("[{at}]")))
            {
                return true;
            }
        }
    }
    false
}

#[test]
fn a_project_code_or_a_sub_unit_in_two_departments_is_an_error_at_the_second() {
    let dir = fixture("duplicates");
    let (code, out, err) = region(&[&dir]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    let first = dir.join("乙.bud").display().to_string();
    let second = dir.join("甲.bud").display().to_string();
    assert!(has(&err, "E0601", &format!("{second}:11:4")), "{err}");
    // The message names the first department, its file and line (miette wraps long lines).
    let flat: String = err
        .lines()
        .map(|l| l.trim_start_matches([' ', '│', '×']))
        .collect();
    assert!(
        flat.contains(&format!("云溪县乙局（{first} 第 11 行）也有")),
        "{err}"
    );
    assert!(has(&err, "E0602", &format!("{second}:6:9")), "{err}");
    assert!(err.contains("help: 一个预算单位只属于一个部门"), "{err}");
    assert!(err.contains("有 2 个错误，未生成输出"), "{err}");
    // In English, the same, in English only.
    let en = budc_command()
        .args(["region", "--lang", "en"])
        .arg(&dir)
        .output()
        .unwrap();
    let en = String::from_utf8(en.stderr).unwrap();
    assert!(
        en.contains("project code 37159124000101000001 is in two departments"),
        "{en}"
    );
    assert!(!en.contains("项目编码"), "{en}");
}

#[test]
fn a_department_of_another_year_or_catalog_is_an_error_at_its_header() {
    let dir = fixture("mixed");
    let (code, _, err) = region(&[&dir]);
    assert_eq!(code, 1, "{err}");
    let c = dir.join("c.bud").display().to_string();
    let d = dir.join("d.bud").display().to_string();
    assert!(has(&err, "E0603", &format!("{c}:3:4")), "{err}");
    assert!(
        err.contains("松岭县丙局 是 2023 年的预算，区域汇总的是 2024 年"),
        "{err}"
    );
    assert!(has(&err, "E0603", &format!("{d}:5:6")), "{err}");
    assert!(
        err.contains("松岭县丁局 按 2025 年的科目表编制，区域按 2024 年的"),
        "{err}"
    );
    assert_eq!(err.matches("E0603").count(), 2, "{err}");
}

#[test]
fn the_control_file_disagreeing_with_the_budgets_is_located_in_the_control_file() {
    let dir = fixture("control");
    let (code, _, err) = region(&[&dir]);
    assert_eq!(code, 1, "{err}");
    let ctl = dir.join("region.ctl").display().to_string();
    // 乙局 is written in 元: 2,000.50 元 is 0.20005 万元, not the approved 0.20 — to the cent.
    assert!(has(&err, "E0604", &format!("{ctl}:8:10")), "{err}");
    assert!(
        err.contains(
            "清河县乙局 的控制数 0.20 万元 与预算合计 0.20005 万元 不符（预算多 0.00005）"
        ),
        "{err}"
    );
    // The whole: 15.00 + 0.20005 + 1.00 against 16.00.
    assert!(has(&err, "E0604", &format!("{ctl}:6:4")), "{err}");
    assert!(
        err.contains("与 3 个部门的预算合计 16.20005 万元 不符"),
        "{err}"
    );
    assert!(has(&err, "E0605", &format!("{ctl}:9:4")), "{err}");
    let c = dir.join("c.bud").display().to_string();
    assert!(has(&err, "W0606", &format!("{c}:2:4")), "{err}");
    // 甲局 agrees: no diagnostic on its line.
    assert!(!err.contains(&format!("{ctl}:7:")), "{err}");
}

#[test]
fn a_control_file_that_agrees_names_the_region_and_passes() {
    let tmp = tempfile::tempdir().unwrap();
    for e in EXAMPLES {
        std::fs::copy(example(e), tmp.path().join(e)).unwrap();
    }
    std::fs::write(
        tmp.path().join("region.ctl"),
        "区域 示例市\n年度 2024\n科目版本 2024\n金额单位 元\n合计 556,395,163.20\n\
         部门 聊城经济技术开发区党群工作部 160282200\n部门 清禾县教育和体育局 300563700.00\n\
         部门 松岭市人民政府国有资产监督管理委员会 81829800\n部门 云溪县疾病预防控制中心 13719463.20\n",
    )
    .unwrap();
    let (code, out, err) = region(&[tmp.path()]);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["region"], "示例市");
    assert!(
        err.contains("汇总了 4 个部门，合计 556,395,163.20 元：0 个错误"),
        "{err}"
    );
    // A line that does not parse is E0001 at that line of the control file.
    std::fs::write(tmp.path().join("region.ctl"), "金额单位 元\n合计 1.234\n").unwrap();
    let (code, _, err) = region(&[tmp.path()]);
    assert_eq!(code, 1);
    let ctl = tmp.path().join("region.ctl").display().to_string();
    assert!(has(&err, "E0001", &format!("{ctl}:2:1")), "{err}");
}

#[test]
fn every_output_is_the_same_bytes_twice_and_never_over_a_source() {
    let outs: Vec<tempfile::TempDir> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    for out in &outs {
        let status = budc_command()
            .args(["region", "--format", "all", "-o"])
            .arg(out.path())
            .args(EXAMPLES.iter().map(|e| example(e)))
            .output()
            .unwrap();
        assert_eq!(status.status.code(), Some(0));
    }
    for name in ["region.json", "region.xlsx", "region.docx"] {
        let a = std::fs::read(outs[0].path().join(name)).unwrap();
        let b = std::fs::read(outs[1].path().join(name)).unwrap();
        assert!(a.len() > 1000, "{name}");
        assert!(a == b, "{name} differs between two runs");
    }
    // -o naming one of the budgets: refused, the budget untouched.
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("x.json");
    std::fs::copy(example("yunxi-cdc-2024.bud"), tmp.path().join("a.bud")).unwrap();
    std::fs::copy(example("yunxi-cdc-2024.bud"), &copy).unwrap();
    let out = budc_command()
        .args(["region", "-o"])
        .arg(tmp.path().join("a.bud"))
        .arg("--format")
        .arg("json")
        .arg(tmp.path().join("a.bud"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(tmp.path().join("a.bud")).unwrap(),
        std::fs::read(&copy).unwrap()
    );
}

#[test]
fn the_workbook_has_a_sheet_per_table_with_formulas() {
    use calamine::{open_workbook, Reader, Xlsx};
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("r.xlsx");
    let out = budc_command()
        .arg("region")
        .args(EXAMPLES.iter().map(|e| example(e)))
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "部门预算汇总表",
            "支出功能分类汇总表",
            "收入汇总表",
            "“三公”经费汇总表",
            "机关运行经费汇总表",
            "政府采购汇总表",
            "项目汇总表"
        ]
    );
    let formulas = wb.worksheet_formula("部门预算汇总表").unwrap();
    // The 合计 row: each column the sum of the departments' rows.
    assert!(
        formulas.used_cells().any(|(_, _, f)| f.starts_with("SUM(")),
        "no formula"
    );
    let values = wb.worksheet_range("部门预算汇总表").unwrap();
    let total = values
        .rows()
        .find(|r| r.first().map(|c| c.to_string()) == Some("合计".into()))
        .unwrap();
    assert_eq!(
        total.get(1).map(|c| c.to_string()),
        Some("556395163.2".into())
    );
}

#[test]
fn the_json_validates_against_the_region_schema() {
    let out = budc_command()
        .args(["schema", "--region"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let instance = examples_json();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut float = instance.clone();
    float["totals"]["total"] = serde_json::json!(1.5);
    assert!(!validator.is_valid(&float));
}

#[test]
fn the_library_consolidates_compiled_budgets_as_the_command_does() {
    use budc::source::SourceFile;
    let compiled: Vec<budc::Compiled> = EXAMPLES
        .iter()
        .map(|e| {
            let text = std::fs::read_to_string(example(e)).unwrap();
            budc::compile(
                SourceFile::new(example(e).display().to_string(), text),
                None,
            )
        })
        .collect();
    let region = budc::region::consolidate(&compiled, None);
    assert!(region.diagnostics.is_empty(), "{:?}", region.diagnostics);
    assert_eq!(region.tables.len(), budc::document::TableId::REGION.len());
    let lib: Value = serde_json::from_str(&region.to_json()).unwrap();
    assert_eq!(lib, examples_json());
}
