//! A catalog folder (`--catalog DIR`) brings its rules with its codes. Each test copies
//! catalog/2024 into a scratch folder, changes one rule in its rules.toml, and shows the checker
//! or the outputs following the change; a wrong rules file is an error with its file and line.

mod common;
use common::budc_command;

use budc::diag::Text;
use budc::document::TableId;
use budc::model::catalog::CatalogError;
use budc::model::{BasicKind, Catalog, ThreePublicKind};
use budc::source::SourceFile;
use budc::Compiled;
use rust_decimal::Decimal;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::str::FromStr;

const CATALOG_2024: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/2024");

/// A small budget touching every rule: 人员 and 公用 lines, a 三公 code, a project with a
/// 项目类型 and indicators of three 一级.
const BUDGET: &str = "部门 测试部门
年度 2024
金额单位 万元
科目版本 2024
收入 一般公共预算 15.00
基本支出
  2013201 30101 5.00
  2013201 30201 2.00
  2013201 30217 1.00
项目 P1 某项目
  类型 专项类
  支出 2013202 7.00
  目标 完成年度工作任务。
  指标 产出指标 数量指标 | 场次 | 2场 | 工作成效
  指标 效益指标 社会效益指标 | 效果 | 提升 | 工作成效
主要职责
  > 负责本部门的有关工作。
机构设置
  > 本部门由本级组成。
";

/// A copy of catalog/2024 in a fresh folder named 2024, with `find` (found exactly once)
/// replaced by `replace` in its rules.toml.
fn catalog_with(test: &str, find: &str, replace: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("budc-catalog-{}-{test}", std::process::id()))
        .join("2024");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(CATALOG_2024).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let rules = std::fs::read_to_string(dir.join("rules.toml")).unwrap();
    assert_eq!(rules.matches(find).count(), 1, "`{find}` in rules.toml");
    std::fs::write(dir.join("rules.toml"), rules.replacen(find, replace, 1)).unwrap();
    dir
}

fn load(dir: &Path) -> Catalog {
    Catalog::from_dir(dir).unwrap_or_else(|e| panic!("{e:?}"))
}

fn compile(text: &str, catalog: Option<&Catalog>) -> Compiled {
    budc::compile(SourceFile::new("t.bud", text), catalog)
}

/// The diagnostics as `line code`, in order.
fn diagnostics(c: &Compiled) -> Vec<String> {
    c.diagnostics
        .iter()
        .map(|d| {
            let line = c.file.position(d.offset()).line;
            format!("{line} {}", d.code)
        })
        .collect()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn the_built_in_rules_judge_the_small_budget() {
    // Against these the tests below read: 专项类 is no 项目类型 (E0311, line 11), and the goal
    // lacks a 满意度指标 (W0402, line 13).
    let c = compile(BUDGET, None);
    assert_eq!(diagnostics(&c), ["11 E0311", "13 W0402"]);
    assert_eq!(c.document.figures.personnel, d("5.00"));
    assert_eq!(c.document.figures.operating_cost, Some(d("3.00")));
    assert_eq!(
        c.document
            .figures
            .three_public
            .current(ThreePublicKind::Reception),
        d("1.00")
    );
}

#[test]
fn a_project_kind_added_to_the_rules_is_accepted() {
    let dir = catalog_with(
        "kinds",
        "kinds = [\"人员类\",",
        "kinds = [\"专项类\", \"人员类\",",
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    assert_eq!(diagnostics(&c), ["13 W0402"]);
    // Still unknown elsewhere: the help lists the catalog's kinds.
    let c = compile(&BUDGET.replace("专项类", "其他类"), Some(&load(&dir)));
    let e0311 = c.diagnostics.iter().find(|d| d.code == "E0311").unwrap();
    assert_eq!(
        e0311.help.as_ref().unwrap().zh,
        "项目类型为 专项类、人员类、公用经费类、其他运转类、特定目标类。"
    );
}

#[test]
fn the_required_indicators_come_from_the_rules() {
    let find = "level1 = \"满意度指标\"\nlevel2 = [\"服务对象满意度指标\"]\nrequired = true";
    let dir = catalog_with(
        "required",
        find,
        &find.replace("required = true", "required = false"),
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    assert_eq!(diagnostics(&c), ["11 E0311"]);
}

#[test]
fn the_indicator_framework_comes_from_the_rules() {
    let text = BUDGET.replace("数量指标 | 场次", "覆盖指标 | 场次");
    let c = compile(&text, None);
    assert_eq!(diagnostics(&c), ["11 E0311", "13 W0402", "14 E0310"]);
    let dir = catalog_with(
        "framework",
        "[\"数量指标\", \"质量指标\", \"时效指标\"]",
        "[\"数量指标\", \"质量指标\", \"时效指标\", \"覆盖指标\"]",
    );
    let catalog = load(&dir);
    let c = compile(&text, Some(&catalog));
    assert_eq!(diagnostics(&c), ["11 E0311", "13 W0402"]);
    let level2: Vec<&String> = catalog
        .rules()
        .framework()
        .filter(|(l1, _)| *l1 == "产出指标")
        .flat_map(|(_, l2)| l2)
        .collect();
    assert_eq!(level2, ["数量指标", "质量指标", "时效指标", "覆盖指标"]);
}

#[test]
fn the_indicator_roles_come_from_the_rules() {
    // A 数量指标 is measured: a value in words is W0405.
    let text = BUDGET.replace("| 场次 | 2场 |", "| 场次 | 多场 |");
    let c = compile(&text, None);
    assert_eq!(diagnostics(&c), ["11 E0311", "13 W0402", "14 W0405"]);
    let dir = catalog_with(
        "roles",
        "measured = [\"成本指标\", \"数量指标\"]",
        "measured = [\"成本指标\"]",
    );
    let c = compile(&text, Some(&load(&dir)));
    assert_eq!(diagnostics(&c), ["11 E0311", "13 W0402"]);
}

#[test]
fn personnel_classes_split_basic_spending_in_the_tables_and_the_json() {
    let dir = catalog_with(
        "personnel",
        "personnel = [\"301\", \"303\"]",
        "personnel = [\"301\", \"302\"]",
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    let f = &c.document.figures;
    assert_eq!((f.personnel, f.public), (d("8.00"), d("0")));
    // 机关运行经费 is the 公用 part: nothing is left of it.
    assert_eq!(f.operating_cost, Some(d("0")));
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    let kinds: Vec<&str> = json["basic_expenditure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["personnel", "personnel", "personnel"]);
    assert_eq!(load(&dir).rules().basic_kind("30201"), BasicKind::Personnel);
}

/// A region that counts some personnel codes as 公用 (retirement pay, say): `public` under
/// `[basic_spending]`; the longer prefix decides.
#[test]
fn public_codes_inside_a_personnel_class_come_from_the_rules() {
    let dir = catalog_with(
        "public-codes",
        "personnel = [\"301\", \"303\"]",
        "personnel = [\"301\", \"303\"]\npublic = [\"30101\"]",
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    let f = &c.document.figures;
    // 30101 (5.00) moves to 公用, beside 30201 (2.00) and 30217 (1.00).
    assert_eq!((f.personnel, f.public), (d("0"), d("8.00")));
    assert_eq!(f.operating_cost, Some(d("8.00")));
    let rules = load(&dir);
    assert_eq!(rules.rules().basic_kind("30101"), BasicKind::Public);
    assert_eq!(rules.rules().basic_kind("30102"), BasicKind::Personnel);
    assert_eq!(rules.rules().basic_kind("30302"), BasicKind::Personnel);
}

/// The unit kinds 机关运行经费 covers: a region that counts 事业 units in has the figure for a
/// 事业 department; one that leaves 参公 out has none for a 参公 department.
#[test]
fn the_operating_cost_unit_kinds_come_from_the_rules() {
    let institution = BUDGET.replace("科目版本 2024\n", "科目版本 2024\n单位性质 事业\n");
    let c = compile(&institution, None);
    assert_eq!(c.document.figures.operating_cost, None);
    let dir = catalog_with(
        "operating-kinds",
        "sources = [\"一般公共预算\"]",
        "sources = [\"一般公共预算\"]\nunit_kinds = [\"行政\", \"参公\", \"事业\"]",
    );
    let c = compile(&institution, Some(&load(&dir)));
    assert_eq!(c.document.figures.operating_cost, Some(d("3.00")));
    let dir = catalog_with(
        "operating-kinds-2",
        "sources = [\"一般公共预算\"]",
        "sources = [\"一般公共预算\"]\nunit_kinds = [\"行政\"]",
    );
    let managed = BUDGET.replace("科目版本 2024\n", "科目版本 2024\n单位性质 参公\n");
    let c = compile(&managed, Some(&load(&dir)));
    assert_eq!(c.document.figures.operating_cost, None);
    // A word that is not a unit kind is an error at its line.
    let dir = catalog_with(
        "operating-kinds-3",
        "sources = [\"一般公共预算\"]",
        "sources = [\"一般公共预算\"]\nunit_kinds = [\"机关\"]",
    );
    let e = Catalog::from_dir(&dir).unwrap_err();
    assert_eq!(
        e.message,
        Text::new(
            "未知的单位性质 `机关`（可用：行政、参公、事业）",
            "unknown unit kind `机关` (kinds: 行政, 参公, 事业)"
        )
    );
}

#[test]
fn the_three_public_codes_come_from_the_rules() {
    let dir = catalog_with(
        "three-public",
        "reception = [\"30217\"]",
        "reception = [\"30216\"]",
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    let t = &c.document.figures.three_public;
    assert_eq!(t.current(ThreePublicKind::Reception), d("0"));
    assert_eq!(t.current_total(), d("0"));
}

#[test]
fn the_operating_cost_sources_come_from_the_rules() {
    let dir = catalog_with(
        "operating-cost",
        "sources = [\"一般公共预算\"]",
        "sources = [\"事业收入\"]",
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    assert_eq!(c.document.figures.operating_cost, Some(d("0")));
}

#[test]
fn where_basic_and_project_money_sits_comes_from_the_rules() {
    // 2013202 一般行政管理事务 made a basic-only 项: the project on it is warned (W0308).
    let dir = catalog_with(
        "not-on",
        "not_on = [\"行政运行\"]",
        "not_on = [\"一般行政管理事务\"]",
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    assert_eq!(diagnostics(&c), ["11 E0311", "12 W0308", "13 W0402"]);
    let w0308 = c.diagnostics.iter().find(|d| d.code == "W0308").unwrap();
    assert_eq!(
        w0308.message.zh,
        "项目“某项目”列在 2013202 一般行政管理事务"
    );
    // 行政运行 no longer a basic-spending name: each basic line on it is warned (W0307).
    let dir = catalog_with(
        "basic-names",
        "names = [\"行政运行\", \"机关服务\", \"事业运行\"]",
        "names = [\"机关服务\", \"事业运行\"]",
    );
    let c = compile(BUDGET, Some(&load(&dir)));
    assert_eq!(
        diagnostics(&c),
        ["7 W0307", "8 W0307", "9 W0307", "11 E0311", "13 W0402"]
    );
}

#[test]
fn the_source_codes_come_from_the_rules() {
    let text = BUDGET
        .replace(
            "收入 一般公共预算 15.00",
            "收入 一般公共预算 8.00\n收入 国有资本经营 7.00",
        )
        .replace(
            "  类型 专项类\n",
            "  类型 特定目标类\n  资金 国有资本经营\n",
        );
    let c = compile(&text, None);
    assert_eq!(diagnostics(&c), ["14 E0309", "15 W0402"]);
    let e0309 = c.diagnostics.iter().find(|d| d.code == "E0309").unwrap();
    assert_eq!(
        e0309.message.zh,
        "国有资本经营预算的钱须列在 223 类：2013202"
    );
    let dir = catalog_with(
        "source-codes",
        "codes = [\"223\"]",
        "codes = [\"223\", \"201\"]",
    );
    let c = compile(&text, Some(&load(&dir)));
    assert_eq!(diagnostics(&c), ["15 W0402"]);
}

#[test]
fn the_overview_classes_come_from_the_rules() {
    let classes = |c: &Compiled| -> Vec<String> {
        c.document
            .table(TableId::Overview)
            .rows
            .iter()
            .filter_map(|r| r.code.clone())
            .collect()
    };
    let all = classes(&compile(BUDGET, None));
    assert_eq!(all.len(), 21);
    assert_eq!(all.last().map(String::as_str), Some("229"));
    let dir = catalog_with("classes", "\"224\", \"229\",\n]", "\"224\",\n]");
    let fewer = classes(&compile(BUDGET, Some(&load(&dir))));
    assert_eq!(fewer, all[..20]);
}

/// The text of word/document.xml in a DOCX.
fn document_xml(docx: &Path) -> String {
    let bytes = std::fs::read(docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_glossary_of_the_rules_is_printed_through_the_command_line() {
    let built_in = "指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。";
    let changed = "指以前年度结转到本年的资金（测试用的解释）。";
    let dir = catalog_with("glossary", built_in, changed);
    let budget = dir.parent().unwrap().join("b.bud");
    std::fs::write(&budget, BUDGET.replace("专项类", "特定目标类")).unwrap();
    let run = |catalog: Option<&Path>, out: &Path| {
        let mut cmd = budc_command();
        cmd.args(["compile", "--format", "docx", "-o"]).arg(out);
        if let Some(c) = catalog {
            cmd.arg("--catalog").arg(c);
        }
        let o = cmd.arg(&budget).output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        document_xml(out)
    };
    let before = run(None, &dir.parent().unwrap().join("before.docx"));
    let after = run(Some(&dir), &dir.parent().unwrap().join("after.docx"));
    assert!(before.contains(&format!("五、上年结转：{built_in}")));
    assert!(!before.contains(changed));
    assert!(after.contains(&format!("五、上年结转：{changed}")));
    assert!(!after.contains(built_in));
}

fn line_of(dir: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(dir.join("rules.toml")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_malformed_rules_file_is_an_error_with_its_file_and_line() {
    let dir = catalog_with("malformed", "[projects]\n", "[projects\n");
    let e = Catalog::from_dir(&dir).unwrap_err();
    let file = dir.join("rules.toml").display().to_string();
    let line = line_of(&dir, "[projects");
    assert_eq!(
        e,
        CatalogError {
            file: file.clone(),
            line,
            message: Text::new("表头没有闭合，应为 `]`", "unclosed table, expected `]`"),
        }
    );
    // Through the command line: a usage error (exit 2) naming the place, in the language of the
    // messages.
    let run = |lang: &[&str]| {
        budc_command()
            .args(lang)
            .args(["check", "--catalog"])
            .arg(&dir)
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/liaocheng-2024.bud"
            ))
            .output()
            .unwrap()
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("错误：无法读取科目表：{file}:{line}: 表头没有闭合，应为 `]`\n")
    );
    let o = run(&["--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("error: cannot read the catalog: {file}:{line}: unclosed table, expected `]`\n")
    );
}

#[test]
fn a_wrong_value_in_the_rules_is_an_error_with_its_line() {
    let dir = catalog_with("wrong-code", "abroad = [\"30212\"]", "abroad = [\"302x2\"]");
    let e = Catalog::from_dir(&dir).unwrap_err();
    assert_eq!(e.line, line_of(&dir, "abroad = "));
    assert_eq!(
        e.message,
        Text::new(
            "`302x2` 不是 5 位的编码",
            "`302x2` is not a code of 5 digits"
        )
    );
    let dir = catalog_with(
        "wrong-source",
        "sources = [\"一般公共预算\"]",
        "sources = [\"财政\"]",
    );
    let e = Catalog::from_dir(&dir).unwrap_err();
    assert_eq!(e.line, line_of(&dir, "sources = "));
    let list = budc::model::Source::ALL
        .map(budc::model::Source::keyword)
        .join("、");
    assert_eq!(
        e.message,
        Text::new(
            format!("未知的资金来源 `财政`（可用：{list}）"),
            format!("unknown source `财政` (sources: {list})")
        ),
        "{e:?}"
    );
}

#[test]
fn a_catalog_folder_without_rules_is_refused() {
    let dir = catalog_with("no-rules", "[tables]", "[tables]");
    std::fs::remove_file(dir.join("rules.toml")).unwrap();
    let e = Catalog::from_dir(&dir).unwrap_err();
    assert_eq!(e.file, dir.join("rules.toml").display().to_string());
    assert_eq!(e.line, 0);
    assert!(
        e.message.en.starts_with("missing: a catalog folder holds"),
        "{e:?}"
    );
    assert!(
        e.message.zh.starts_with("缺少此文件：科目表目录应有 "),
        "{e:?}"
    );
}

#[test]
fn a_year_without_a_built_in_catalog_lists_the_built_in_years() {
    let c = compile(&BUDGET.replace("科目版本 2024", "科目版本 2019"), None);
    let e0105 = c.diagnostics.iter().find(|d| d.code == "E0105").unwrap();
    let help = e0105.help.as_ref().unwrap();
    assert_eq!(
        help.zh,
        "内置科目表：2024、2025。其他年度或地区请用 --catalog <目录> 指定科目表（格式见 catalog/2025/）。"
    );
    assert_eq!(
        help.en,
        "built in: 2024, 2025. For other years or regions pass --catalog <dir> (format of catalog/2025/)."
    );
    // The checks that need no codes still follow the newest built-in rules.
    assert!(c.diagnostics.iter().any(|d| d.code == "E0311"));
    assert_eq!(c.catalog.year, "2019");
}

#[test]
fn a_budget_without_a_year_gets_the_newest_built_in_catalog() {
    let c = compile(
        &BUDGET
            .replace("科目版本 2024\n", "")
            .replace("年度 2024\n", ""),
        None,
    );
    assert_eq!(c.catalog.year, "2025");
    assert_eq!(budc::model::catalog::newest_embedded_year(), "2025");
    assert_eq!(budc::model::catalog::embedded_years(), ["2024", "2025"]);
}

// The shape of every built-in catalog: codes well-formed under an existing parent, names unique
// among siblings, every 类 with its 款, complete branches confirmed, the counts in the README,
// and a budget using one 项 of every 类 checking clean.

use budc::model::catalog::{embedded_years, Confidence, Entry};
use std::collections::BTreeMap;

fn built_in(year: &str) -> Catalog {
    Catalog::embedded(year).unwrap_or_else(|| panic!("built-in catalog {year}"))
}

/// The shape rules (`budc::model::catalog_shape`, which `budc catalog check` applies to a user
/// catalog): codes well-formed under an existing parent, names unique among siblings, every 类
/// with its 款, fund 款 named as in functional.tsv, complete branches confirmed, every 部门 款
/// mapped on both sides, and each crosswalk listing exactly the differences from the year before.
#[test]
fn every_built_in_catalog_keeps_the_shape_rules() {
    for year in embedded_years() {
        let c = built_in(year);
        let previous = c.crosswalks.first().map(|cw| built_in(&cw.from));
        let problems = budc::model::catalog_shape::check(&c, previous.as_ref());
        assert_eq!(problems, vec![], "{year}");
    }
    // Every year after the first says how it came from the one before.
    for pair in embedded_years().windows(2) {
        let c = built_in(pair[1]);
        assert!(c.crosswalk_from(pair[0]).is_some(), "{pair:?}");
    }
}

/// The README's table of catalog sizes, as the catalogs are.
fn counts_table() -> String {
    let mut out = String::from(
        "| year | classification | 类 | 款 | 项 | confirmed |\n|---|---|---:|---:|---:|---:|\n",
    );
    for year in embedded_years() {
        let c = built_in(year);
        let mut rows: Vec<(&str, &BTreeMap<String, Entry>)> = vec![
            ("支出功能分类", &c.functional),
            ("部门预算支出经济分类", &c.economic_dept),
            ("政府预算支出经济分类", &c.economic_gov),
        ];
        rows.push(("政府性基金预算支出（款）", &c.fund_sections));
        for (name, t) in rows {
            let n = |len: usize| t.keys().filter(|k| k.len() == len).count();
            let item = if name == "支出功能分类" {
                n(7).to_string()
            } else {
                "—".to_string()
            };
            let class = if name.ends_with("（款）") {
                "—".to_string()
            } else {
                n(3).to_string()
            };
            let confirmed = t
                .values()
                .filter(|e| e.confidence == Confidence::Confirmed)
                .count();
            out.push_str(&format!(
                "| {year} | {name} | {class} | {} | {item} | {confirmed} of {} |\n",
                n(5),
                t.len()
            ));
        }
    }
    out
}

#[test]
fn the_readme_prints_each_years_counts_per_level() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = "<!-- catalog-counts:start (a test keeps it in sync) -->\n";
    let table = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once("<!-- catalog-counts:end -->"))
        .map(|(t, _)| t)
        .expect("README has the catalog counts between their markers");
    assert_eq!(table, counts_table(), "README catalog counts are stale");
}

#[test]
fn a_budget_using_one_item_of_every_class_checks_clean() {
    for year in embedded_years() {
        let c = built_in(year);
        let rules = c.rules();
        let not_on = &rules.basic_only_names;
        let mut general = 0u32;
        let mut fund = 0u32;
        let mut state = 0u32;
        let mut projects = String::new();
        let mut without_items = Vec::new();
        for class in c.functional.keys().filter(|k| k.len() == 3) {
            // A 项 of the 类 that a project may sit on: not a basic-only one such as 行政运行.
            let item = c
                .functional
                .iter()
                .filter(|(k, e)| {
                    k.len() == 7 && k.starts_with(class.as_str()) && !not_on.contains(&e.name)
                })
                .map(|(k, _)| k.clone())
                .next();
            let Some(item) = item else {
                without_items.push(class.clone());
                continue;
            };
            let n = general + fund + state + 1;
            let source = if class == "223" {
                state += 1;
                "  资金 国有资本经营\n"
            } else if c.is_fund_code(&item) {
                fund += 1;
                "  资金 政府性基金\n"
            } else {
                general += 1;
                ""
            };
            projects.push_str(&format!(
                "项目 P{n} 项目{n}\n  类型 特定目标类\n{source}  支出 {item} 1.00\n  目标 完成第{n}项年度工作任务。\n  \
                 指标 产出指标 数量指标 | 场次{n} | 2场 | 工作成效\n  \
                 指标 效益指标 社会效益指标 | 效果{n} | 提升 | 工作成效\n  \
                 指标 满意度指标 服务对象满意度指标 | 满意度{n} | ≥90% | 调查\n"
            ));
        }
        let mut text = format!(
            "部门 测试部门\n年度 {year}\n金额单位 万元\n科目版本 {year}\n主要职责\n  > 负责有关工作。\n机构设置\n  > 本级。\n"
        );
        text.push_str(&format!("收入 一般公共预算 {general}.00\n"));
        if fund > 0 {
            text.push_str(&format!("收入 政府性基金 {fund}.00\n"));
        }
        if state > 0 {
            text.push_str(&format!("收入 国有资本经营 {state}.00\n"));
        }
        text.push_str(&projects);
        let compiled = compile(&text, Some(&c));
        assert_eq!(
            diagnostics(&compiled),
            Vec::<String>::new(),
            "{year}:\n{text}"
        );
        // The 类 without any 项: 社会保险基金, 援助其他地区, 预备费, 转移性支出, the debt classes
        // whose 款 are the lowest level, 抗疫特别国债.
        assert!(without_items.len() <= 8, "{year}: {without_items:?}");
    }
}

/// E0305 needs a catalog without a mapping row: every 款 of the built-in one is mapped on both
/// sides. A user catalog that lacks the 事业 side of 30201 is reported for a 事业单位's line,
/// not for a 行政 unit's.
#[test]
fn an_economic_code_without_a_mapping_on_its_side_is_e0305() {
    let dir = catalog_with("unmapped", "count = [", "count = [");
    let mapping = std::fs::read_to_string(dir.join("economic_mapping.tsv")).unwrap();
    let kept: Vec<&str> = mapping
        .lines()
        .filter(|l| !l.starts_with("30201\t事业\t"))
        .collect();
    assert_eq!(kept.len() + 1, mapping.lines().count());
    std::fs::write(dir.join("economic_mapping.tsv"), kept.join("\n") + "\n").unwrap();
    let catalog = load(&dir);
    let budget = |kind: &str| {
        format!(
            "部门 测试部门\n年度 2024\n金额单位 万元\n单位性质 {kind}\n主要职责\n  > 职责。\n机构设置\n  > 本级。\n基本支出\n  2013201 30201 2.00\n"
        )
    };
    assert_eq!(
        diagnostics(&compile(&budget("事业"), Some(&catalog))),
        ["10 E0305"].map(String::from).to_vec()
    );
    assert_eq!(
        diagnostics(&compile(&budget("行政"), Some(&catalog))),
        Vec::<String>::new()
    );
}

/// The checker takes the catalog of the budget's `科目版本`: 2170404 (new in 2025, 财预〔2025〕41号)
/// is unknown to 2024's.
#[test]
fn the_checker_follows_the_catalog_year() {
    let budget = |year: &str| {
        BUDGET
            .replace("科目版本 2024", &format!("科目版本 {year}"))
            .replace("支出 2013202 7.00", "支出 2170404 7.00")
    };
    let codes = |year: &str| -> Vec<String> {
        let c = compile(&budget(year), None);
        assert_eq!(c.catalog.year, year);
        c.diagnostics.iter().map(|d| d.code.to_string()).collect()
    };
    assert!(codes("2024").contains(&"W0302".to_string()));
    assert!(!codes("2025").contains(&"W0302".to_string()));
}

/// 政府性基金 spending on 212 08 (国有土地使用权出让收入安排的支出).
const FUND_BUDGET: &str = "部门 测试部门
年度 2024
金额单位 万元
科目版本 2024
主要职责
  > 负责本部门的有关工作。
机构设置
  > 本部门由本级组成。
基本支出
  2120101 30101 100.00
项目 P1 征地补偿
  类型 特定目标类
  资金 政府性基金预算
  支出 2120801 50.00
  目标 完成征地补偿。
  指标 产出指标 数量指标 | 补偿户数 | ≥10户 | 工作成效
  指标 效益指标 社会效益指标 | 社会稳定 | 提升 | 工作成效
  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查
";

/// The (code, name) of every row of a table.
fn rows(c: &Compiled, id: TableId) -> Vec<(String, String)> {
    let t = c.document.tables().iter().find(|t| t.id == id).unwrap();
    t.rows
        .iter()
        .map(|r| (r.code.clone().unwrap_or_default(), r.name.clone()))
        .collect()
}

#[test]
fn a_fund_section_is_named_in_the_fund_table() {
    let want = [
        ("", "合 计"),
        ("212", "城乡社区支出"),
        ("21208", "国有土地使用权出让收入安排的支出"),
        ("2120801", "征地和拆迁补偿支出"),
    ]
    .map(|(c, n)| (c.to_string(), n.to_string()));
    let c = compile(FUND_BUDGET, None);
    assert!(!c.has_errors(), "{:?}", diagnostics(&c));
    assert_eq!(rows(&c, TableId::FundExpenditure), want);
    // A region's catalog that lists its fund 款 in government_fund.tsv only: named from there,
    // in the fund table and in the tables of all spending.
    let dir = catalog_with("fund-names", "[projects]\n", "[projects]\n");
    let functional = std::fs::read_to_string(dir.join("functional.tsv")).unwrap();
    let line = functional
        .lines()
        .find(|l| l.starts_with("21208\t"))
        .unwrap()
        .to_string();
    std::fs::write(
        dir.join("functional.tsv"),
        functional.replacen(&format!("{line}\n"), "", 1),
    )
    .unwrap();
    let catalog = load(&dir);
    assert_eq!(
        catalog.entry(budc::model::catalog::Classification::Functional, "21208"),
        None
    );
    let c = compile(FUND_BUDGET, Some(&catalog));
    assert_eq!(rows(&c, TableId::FundExpenditure), want);
    let expenditure = rows(&c, TableId::Expenditure);
    assert!(
        expenditure.contains(&("21208".into(), "国有土地使用权出让收入安排的支出".into())),
        "{expenditure:?}"
    );
}

/// W0308 and W0307 judge a code by its name in the catalog of the budget's year (`科目版本`,
/// else `年度`), and by the name written on the line where that catalog lacks the code.
#[test]
fn projects_on_administrative_running_are_judged_in_the_budget_year() {
    let text = "部门 测试部门
年度 2025
金额单位 万元
主要职责
  > 负责本部门的有关工作。
机构设置
  > 本部门由本级组成。
基本支出
  2013201 30101 100.00
项目 P1 某项目
  类型 特定目标类
  支出 2170404 5.00
  支出 2013201 5.00
  支出 2080119 行政运行 5.00
  目标 完成年度工作任务。
  指标 产出指标 数量指标 | 场次 | 2场 | 工作成效
  指标 效益指标 社会效益指标 | 效果 | 提升 | 工作成效
  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查
";
    let c = compile(text, None);
    assert_eq!(c.catalog.year, "2025");
    // 2170404 is a 2025 code (no W0302); 2013201 is 行政运行 (W0308); 2080119 is in no catalog
    // (W0302) but written 行政运行 (W0308).
    assert_eq!(
        diagnostics(&c),
        ["13 W0308", "14 W0302", "14 W0308"],
        "{:?}",
        c.diagnostics
    );
    let w = c
        .diagnostics
        .iter()
        .filter(|d| d.code == "W0308")
        .map(|d| d.message.zh.to_string())
        .collect::<Vec<_>>();
    assert_eq!(
        w,
        [
            "项目“某项目”列在 2013201 行政运行",
            "项目“某项目”列在 2080119 行政运行"
        ]
    );
}
