//! `budc catalog` and `budc migrate`, through the built binary: exact outputs on real codes,
//! exit codes, a user catalog checked for its shape, a budget migrated byte for byte.

mod common;
use common::budc_command;

use std::path::{Path, PathBuf};
use std::process::Output;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn budc(args: &[&str]) -> Output {
    budc_command()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run budc")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budc-catcli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A copy of a built-in catalog folder, as `<scratch>/<name>`.
fn copy_catalog(test: &str, year: &str, name: &str) -> PathBuf {
    let dir = scratch(test).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(format!("{ROOT}/catalog/{year}")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Edits one file of a catalog folder: drops the lines starting with `drop`, appends `add`.
fn edit(dir: &Path, file: &str, drop: &[&str], add: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut kept: Vec<&str> = text
        .lines()
        .filter(|l| !drop.iter().any(|d| l.starts_with(d)))
        .collect();
    assert_eq!(
        kept.len() + drop.len(),
        text.lines().count(),
        "{file}: {drop:?}"
    );
    kept.push(add);
    let joined = kept.join("\n");
    std::fs::write(&path, joined.trim_end().to_string() + "\n").unwrap();
}

#[test]
fn show_prints_a_functional_item_of_the_newest_year() {
    let o = budc(&["catalog", "show", "2080110"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "2080110 劳动关系和维权\n科目表：2025\n分类：支出功能分类\n级次：项\n\
         上级：20801 人力资源和社会保障管理事务\n下级：无\n\
         可信度：confirmed（编码和名称已在来源中核实）\n\
         来源：聊城经济技术开发区党群工作部2024年部门预算（公开版，tests/fixtures/published/）\n"
    );
}

#[test]
fn show_prints_both_sides_of_an_economic_code_and_the_children_of_a_class() {
    let o = budc(&["catalog", "show", "30101", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "30101 基本工资\n科目表：2024\n分类：部门预算支出经济分类\n级次：款\n\
             上级：301 工资福利支出\n下级：无\n对应政府经济分类：\n  \
             机关 50101 工资奖金津补贴（confirmed）\n  事业 50501 工资福利支出（recalled）\n\
             可信度：confirmed（编码和名称已在来源中核实）\n来源："
        ),
        "{out}"
    );
    let o = budc(&["catalog", "show", "220", "--year", "2025"]);
    let out = stdout(&o);
    assert!(out.contains("\n级次：类\n上级：无\n下级：4 个\n  22001 自然资源事务\n  22005 气象事务\n  22006 耕地保护考核奖惩基金支出\n  22099 其他自然资源海洋气象等支出\n"), "{out}");
}

#[test]
fn show_speaks_english_with_lang_en() {
    let o = budc(&["--lang", "en", "catalog", "show", "22911"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "22911 中央金融机构注资特别国债财务基金支出\ncatalog: 2025\n\
         classification: functional classification\nlevel: 款 (section)\n\
         parent: 229 其他支出\nchildren: none\nbudget: 政府性基金预算 (government funds)\n\
         confidence: confirmed (code and name seen in a source)\n\
         source: https://www.zgcznet.com/zt/202507/20250701/j_2025070115553800017513566712341718.html\
         （财政部关于修订2025年政府收支分类科目的通知，财预〔2025〕41号，2025-05-23）\n"
    );
    // 22911 is new in 2025: not in the 2024 catalog.
    let o = budc(&["--lang", "en", "catalog", "show", "22911", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "22911 is not in the 2024 catalog\nnearby codes: 22902 年初预留; \
         22904 其他政府性基金及对应专项债务收入安排的支出; 22908 彩票发行销售机构业务费安排的支出\n"
    );
}

#[test]
fn show_of_an_unknown_code_or_year() {
    let o = budc(&["catalog", "show", "2080119"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "2025 年科目表中没有 2080119\n相近的科目：2080109 社会保险经办机构；2080110 劳动关系和维权；\
         2080111 公共就业服务和职业技能鉴定机构\n"
    );
    let o = budc(&["catalog", "show", "2080110", "--year", "2019"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "错误：没有内置 2019 年的科目表（内置：2024、2025）\n"
    );
}

#[test]
fn search_finds_codes_by_name_as_completion_does() {
    let o = budc(&["catalog", "search", "劳动关系"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "2080110 劳动关系和维权\n");
    let o = budc(&["catalog", "search", "基本工资", "--year", "2024"]);
    assert_eq!(stdout(&o), "30101 基本工资\n");
    let o = budc(&["catalog", "search", "注资特别国债", "--year", "2025"]);
    assert_eq!(stdout(&o), "2170404 中央金融机构注资特别国债支出\n");
    let o = budc(&["catalog", "search", "注资特别国债", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "2024 年科目表中没有名称含“注资特别国债”的科目\n"
    );
}

#[test]
fn diff_lists_the_changes_between_the_built_in_years() {
    let o = budc(&["catalog", "diff", "2024", "2025"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "科目表 2024 → 2025：新增 3，删除 0，更名 0，改码 0\n\
         + 2170404 中央金融机构注资特别国债支出\n\
         + 22911 中央金融机构注资特别国债财务基金支出\n\
         + 23107 中央金融机构注资特别国债还本支出\n"
    );
    let o = budc(&["catalog", "diff", "2024", "2025", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["from"], "2024");
    assert_eq!(v["to"], "2025");
    assert_eq!(v["added"][1]["code"], "22911");
    assert_eq!(v["added"].as_array().unwrap().len(), 3);
    assert_eq!(v["removed"], serde_json::json!([]));
    assert_eq!(v["renamed"], serde_json::json!([]));
    assert_eq!(v["recoded"], serde_json::json!([]));
    let o = budc(&["catalog", "diff", "2024", "1999"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_accepts_the_built_in_folders() {
    for year in ["2024", "2025"] {
        let dir = format!("{ROOT}/catalog/{year}");
        let o = budc(&["catalog", "check", &dir]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stderr(&o), format!("{dir}：科目表没有问题\n"));
    }
}

/// The line of a file of a catalog folder that starts with `prefix`.
fn line_of(dir: &Path, file: &str, prefix: &str) -> usize {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    text.lines().position(|l| l.starts_with(prefix)).unwrap() + 1
}

#[test]
fn check_reports_each_shape_problem_with_its_file_and_line() {
    let dir = copy_catalog("shape", "2024", "region");
    // A 项 whose 款 is gone, a name twice under one parent, a recalled and unmapped row in a
    // complete branch, a fund 款 named otherwise than in functional.tsv.
    edit(
        &dir,
        "functional.tsv",
        &["22099\t"],
        "2013298\t行政运行\trecalled\tx",
    );
    edit(
        &dir,
        "economic_dept.tsv",
        &[],
        "30198\t其他工资福利支出甲\trecalled\tx",
    );
    edit(
        &dir,
        "government_fund.tsv",
        &[],
        "21999\t不存在的款\trecalled\tx",
    );
    let o = budc(&["catalog", "check", s(&dir)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let d = s(&dir);
    let at = |file: &str, prefix: &str| format!("{d}/{file}:{}", line_of(&dir, file, prefix));
    let dept = at("economic_dept.tsv", "30198\t");
    assert_eq!(
        stderr(&o),
        format!(
            "{dept}: 30198: 上级 301 列为完整，这一行却是推定的（recalled）\n\
             {dept}: 30198: 机关一侧没有对应的政府经济分类（economic_mapping.tsv）\n\
             {dept}: 30198: 事业一侧没有对应的政府经济分类（economic_mapping.tsv）\n\
             {}: 2209999: 上级科目 22099 不在表中\n\
             {}: 2013298: 名称“行政运行”在同一上级下已用于 2013201\n\
             {}: 21999: 名称与 functional.tsv 不同（那里是“其他支出”）\n\
             {d}：6 个问题\n",
            at("functional.tsv", "2209999\t"),
            at("functional.tsv", "2013298\t"),
            at("government_fund.tsv", "21999\t"),
        )
    );
    let o = budc(&["--lang", "en", "catalog", "check", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(&format!(
        "{dept}: 30198: its branch 301 is listed complete but this row is recalled\n"
    )));
    assert!(stderr(&o).ends_with(&format!("{d}: 6 problems\n")));
}

#[test]
fn check_refuses_an_unreadable_folder_with_the_line_at_fault() {
    let dir = copy_catalog("unreadable", "2024", "region");
    edit(
        &dir,
        "economic_dept.tsv",
        &[],
        "30101\t基本工资\tconfirmed\tx",
    );
    let o = budc(&["catalog", "check", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    let d = s(&dir);
    let line = std::fs::read_to_string(dir.join("economic_dept.tsv"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(
        stderr(&o),
        format!("{d}/economic_dept.tsv:{line}: 编码 `30101` 出现了两次\n{d}：无法读取科目表\n")
    );
    let o = budc(&["--lang", "en", "catalog", "check", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{d}/economic_dept.tsv:{line}: code `30101` appears twice\n\
             {d}: the catalog cannot be read\n"
        )
    );
    let o = budc(&["catalog", "check", &format!("{d}/nothing")]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_catalog_that_cannot_be_read_is_said_in_the_language_of_the_messages() {
    // A row of five columns in a code list.
    let dir = copy_catalog("l10n-columns", "2024", "region");
    edit(&dir, "functional.tsv", &[], "201\tx\ty\tz\tw");
    let d = s(&dir);
    let line = line_of(&dir, "functional.tsv", "201\tx\t");
    let o = budc(&["check", "--catalog", d, EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!("错误：无法读取科目表：{d}/functional.tsv:{line}: 应有 3 或 4 列（以制表符分隔），实有 5 列\n")
    );
    let o = budc(&["--lang", "en", "check", "--catalog", d, EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: cannot read the catalog: {d}/functional.tsv:{line}: \
             expected 3 or 4 tab-separated columns, found 5\n"
        )
    );
    let o = budc(&["catalog", "check", d]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{d}/functional.tsv:{line}: 应有 3 或 4 列（以制表符分隔），实有 5 列\n\
             {d}：无法读取科目表\n"
        )
    );

    // No rules file.
    let dir = copy_catalog("l10n-no-rules", "2024", "region");
    std::fs::remove_file(dir.join("rules.toml")).unwrap();
    let d = s(&dir);
    let files = "functional.tsv、economic_dept.tsv、economic_gov.tsv、economic_mapping.tsv、\
                 complete.tsv、rules.toml";
    let o = budc(&["check", "--catalog", d, EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "错误：无法读取科目表：{d}/rules.toml: 缺少此文件：科目表目录应有 {files}，\
             可另有 government_fund.tsv（见 catalog/README.md）\n"
        )
    );
    let o = budc(&["catalog", "check", d]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{d}/rules.toml: 缺少此文件：科目表目录应有 {files}，\
             可另有 government_fund.tsv（见 catalog/README.md）\n\
             {d}：无法读取科目表\n"
        )
    );
    let o = budc(&["--lang", "en", "catalog", "check", d]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{d}/rules.toml: missing: a catalog folder holds functional.tsv, economic_dept.tsv, \
             economic_gov.tsv, economic_mapping.tsv, complete.tsv, rules.toml and, optionally, \
             government_fund.tsv (catalog/README.md)\n\
             {d}: the catalog cannot be read\n"
        )
    );

    // A rules file that does not parse, and a wrong value in it.
    let dir = copy_catalog("l10n-rules", "2024", "region");
    let rules = std::fs::read_to_string(dir.join("rules.toml")).unwrap();
    std::fs::write(
        dir.join("rules.toml"),
        rules.replacen("[projects]\nkinds", "[projects]\nkind", 1),
    )
    .unwrap();
    let d = s(&dir);
    let line = line_of(&dir, "rules.toml", "kind = ");
    let o = budc(&["catalog", "check", d]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("{d}/rules.toml:{line}: 未知的字段 `kind`，应为 `kinds`\n{d}：无法读取科目表\n")
    );
    let o = budc(&["--lang", "en", "catalog", "check", d]);
    assert_eq!(
        stderr(&o),
        format!(
            "{d}/rules.toml:{line}: unknown field `kind`, expected `kinds`\n\
             {d}: the catalog cannot be read\n"
        )
    );
}

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

#[test]
fn migrate_a_copy_of_the_example_changes_its_year_lines_only() {
    let dir = scratch("migrate-example");
    let file = dir.join("liaocheng.bud");
    let original = std::fs::read(EXAMPLE).unwrap();
    std::fs::write(&file, &original).unwrap();
    let name = s(&file);
    let listing = format!("{name}:19: 2024 → 2025\n{name}:21: 2024 → 2025\n");
    // --check: the changes listed, nothing written, exit 1.
    let o = budc(&["migrate", name, "--to", "2025", "--check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), listing);
    assert_eq!(stderr(&o), format!("{name}：2024 → 2025 需要修改 2 处\n"));
    assert_eq!(std::fs::read(&file).unwrap(), original);
    // The migration: the same changes, made; every other byte kept.
    let o = budc(&["migrate", name, "--to", "2025"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), listing);
    assert_eq!(stderr(&o), format!("{name}：2024 → 2025，修改 2 处\n"));
    let text = String::from_utf8(original).unwrap();
    let expected = text.replacen("\n年度 2024\n", "\n年度 2025\n", 1).replacen(
        "\n科目版本 2024\n",
        "\n科目版本 2025\n",
        1,
    );
    assert_ne!(expected, text);
    assert_eq!(
        String::from_utf8(std::fs::read(&file).unwrap()).unwrap(),
        expected
    );
    // Done: nothing left to change.
    let o = budc(&["--lang", "en", "migrate", name, "--to", "2025", "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        format!("{name}: 2025 → 2025 would make 0 changes\n")
    );
}

/// A 2025 catalog in which 2080110 became 2080180 under a new name and 2013202 was removed,
/// both written in its crosswalk.
fn catalog_with_changes(test: &str) -> PathBuf {
    let dir = copy_catalog(test, "2025", "2025");
    edit(
        &dir,
        "functional.tsv",
        &["2080110\t", "2013202\t"],
        "2080180\t劳动关系和维权保障\tconfirmed\tx",
    );
    edit(
        &dir,
        "from-2024.tsv",
        &[],
        "2080110\t劳动关系和维权\t2080180\t劳动关系和维权保障\tconfirmed\tx\n\
         2013202\t一般行政管理事务\t-\t-\tconfirmed\tx",
    );
    dir
}

const BUDGET: &str = "# 测试预算：注释、空行和对齐都保留
部门 测试部门
年度 2024   # 行尾注释
金额单位 万元
科目版本  2024

收入 一般公共预算 15.00
基本支出
  2013201 30101 5.00
  2013201   30201 2.00   # 对齐
项目 P1 某项目
  类型 特定目标类
  支出 2080110 劳动关系和维权 3.00
  支出 2013202 5.00
";

#[test]
fn migrate_follows_the_crosswalk_and_reports_a_removed_code() {
    let cat = catalog_with_changes("migrate-crosswalk");
    // The catalog with its crosswalk is of the right shape, and diff shows the move.
    let o = budc(&["catalog", "check", s(&cat)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = budc(&["catalog", "diff", "2024", s(&cat)]);
    assert_eq!(
        stdout(&o),
        "科目表 2024 → 2025：新增 4，删除 2，更名 0，改码 1\n\
         + 2080180 劳动关系和维权保障\n\
         + 2170404 中央金融机构注资特别国债支出\n\
         + 22911 中央金融机构注资特别国债财务基金支出\n\
         + 23107 中央金融机构注资特别国债还本支出\n\
         - 2013202 一般行政管理事务\n\
         - 2080110 劳动关系和维权\n\
         > 2080110 劳动关系和维权 → 2080180 劳动关系和维权保障\n"
    );
    let dir = scratch("migrate-crosswalk-budget");
    let file = dir.join("b.bud");
    std::fs::write(&file, BUDGET).unwrap();
    let name = s(&file);
    let o = budc(&["migrate", name, "--to", "2025", "--catalog", s(&cat)]);
    assert_eq!(
        stdout(&o),
        format!(
            "{name}:3: 2024 → 2025\n{name}:5: 2024 → 2025\n\
             {name}:13: 2080110 → 2080180\n{name}:13: 劳动关系和维权 → 劳动关系和维权保障\n"
        )
    );
    // The removed code: a warning where it stands, the code kept; exit 1.
    let err = stderr(&o);
    assert!(err.contains("W0302"), "{err}");
    assert!(
        err.contains("科目 2013202 在 2025 年的科目表中已删除，没有接续的科目；原样保留"),
        "{err}"
    );
    assert!(err.contains(&format!("{name}:14:")), "{err}");
    assert!(
        err.ends_with(&format!("{name}：2024 → 2025，修改 4 处\n")),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        BUDGET
            .replace("年度 2024", "年度 2025")
            .replace("科目版本  2024", "科目版本  2025")
            .replace("2080110 劳动关系和维权 ", "2080180 劳动关系和维权保障 ")
    );
    // --check afterwards: nothing to change, but the removed code is still reported.
    let o = budc(&[
        "migrate",
        name,
        "--to",
        "2025",
        "--catalog",
        s(&cat),
        "--check",
    ]);
    assert_eq!(stdout(&o), "");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn migrate_needs_a_year_and_a_crosswalk() {
    let dir = scratch("migrate-refused");
    let file = dir.join("b.bud");
    let no_year = BUDGET
        .replace("年度 2024   # 行尾注释\n", "")
        .replace("科目版本  2024\n", "");
    std::fs::write(&file, &no_year).unwrap();
    let o = budc(&["migrate", s(&file), "--to", "2025"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("预算没有写“科目版本”或“年度”"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&file, BUDGET.replace("2024", "2023")).unwrap();
    let o = budc(&["--lang", "en", "migrate", s(&file), "--to", "2025"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: the 2025 catalog has no crosswalk from 2023 (from-2023.tsv)\n",
            s(&file)
        )
    );
    let o = budc(&["migrate", s(&file), "--to", "2031"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        BUDGET.replace("2024", "2023")
    );
}
