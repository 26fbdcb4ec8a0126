//! `budc site` as a whole region: the index shows the region's tables (`budc region`'s, exact
//! totals) when the budgets are of one year, the summary otherwise; a rebuild into the same
//! folder removes the files of departments that are gone and nothing else (the manifest), and a
//! folder that is not empty and not a site, or that holds the budgets, is refused.

mod common;
use common::budc_command;

use std::path::{Path, PathBuf};

const EXAMPLES: [&str; 4] = [
    "liaocheng-2024",
    "yunxi-cdc-2024",
    "qinghe-education-2024",
    "songling-sasac-2024",
];

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.bud"))
}

fn site(inputs: &[PathBuf], out: &Path) -> std::process::Output {
    budc_command()
        .arg("site")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under a folder, by its `/`-separated path relative to it.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// The cells of a table of the index, `data-table` = `id`, row by row: (row header, cells).
fn table(html: &str, id: &str) -> Vec<(String, Vec<String>)> {
    let start = html
        .find(&format!("data-table=\"{id}\""))
        .unwrap_or_else(|| panic!("no table {id}"));
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    let text = |s: &str| s[s.find('>').unwrap() + 1..].to_string();
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let th = row.split("<th").nth(1).unwrap();
            let name = text(th.split("</th>").next().unwrap());
            let cells = row
                .split("<td")
                .skip(1)
                .map(|c| text(c.split("</td>").next().unwrap()))
                .collect();
            (name, cells)
        })
        .collect()
}

#[test]
fn the_index_shows_the_region_tables_with_their_totals() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> = EXAMPLES.iter().map(|n| example(n)).collect();
    let out = site(&inputs, dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    // The seven tables of `budc region`, in its order, and no summary by year.
    let ids: Vec<&str> = index
        .match_indices("<table class=\"budget\" data-table=\"")
        .map(|(at, m)| {
            let rest = &index[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        ids,
        [
            "region_departments",
            "region_functional",
            "region_income",
            "region_three_public",
            "region_operating_cost",
            "region_procurement",
            "region_projects"
        ]
    );
    assert!(!index.contains("id=\"summary-table\""));
    // In 元 (云溪县疾控 is in 元), the four departments and their sum.
    assert!(index.contains("<span>部门（单位）：4 个部门</span><span>单位：元</span>"));
    assert_eq!(
        table(&index, "region_departments"),
        [
            (
                "合计",
                ["556,395,163.20", "237,179,060.70", "319,216,102.50"]
            ),
            (
                "聊城经济技术开发区党群工作部",
                ["160,282,200.00", "10,101,500.00", "150,180,700.00"]
            ),
            (
                "云溪县疾病预防控制中心",
                ["13,719,463.20", "10,804,060.70", "2,915,402.50"]
            ),
            (
                "清禾县教育和体育局",
                ["300,563,700.00", "197,513,700.00", "103,050,000.00"]
            ),
            (
                "松岭市人民政府国有资产监督管理委员会",
                ["81,829,800.00", "18,759,800.00", "63,070,000.00"]
            ),
        ]
        .map(|(n, c)| (n.to_string(), c.map(String::from).to_vec()))
    );
    // Every table's 合计 row is the library's consolidation of the same budgets.
    let compiled: Vec<budc::Compiled> = EXAMPLES
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(example(n)).unwrap();
            budc::compile(budc::source::SourceFile::new(*n, text), None)
        })
        .collect();
    let region = budc::region::consolidate(&compiled, None);
    for t in &region.tables {
        let rows = table(&index, t.id.as_str());
        assert_eq!(rows.len(), t.rows.len(), "{}", t.id.as_str());
        let total = &t.rows[0];
        let lead = t.label_span(total);
        let want: Vec<String> = total.cells[lead..]
            .iter()
            .map(|c| match c {
                budc::document::Cell::Empty => String::new(),
                budc::document::Cell::Text(s) => s.clone(),
                budc::document::Cell::Amount(d) => budc::document::prose::thousands(*d),
            })
            .collect();
        assert_eq!(rows[0].0, "合计", "{}", t.id.as_str());
        assert_eq!(rows[0].1, want, "{}", t.id.as_str());
    }
    // 项目汇总表: the projects of the four (38 + 7 + 10 + 9), and their money.
    let projects = table(&index, "region_projects");
    assert_eq!(
        projects[0],
        (
            "合计".to_string(),
            vec!["64".to_string(), "319,216,102.50".to_string()]
        )
    );
}

const OVERVIEW: &str = "主要职责\n  > 负责有关工作。\n机构设置\n  > 本级。\n";

/// A small clean budget of `year` (项目 P<year>).
fn budget(dept: &str, year: u16, basic: &str, project: &str) -> String {
    format!(
        "部门 {dept}\n年度 {year}\n金额单位 万元\n科目版本 2024\n{OVERVIEW}基本支出\n  2013201 30101 {basic}\n  2013201 30201 10.00\n  2013201 30217 2.00\n项目 P{year} 某项目\n  类型 特定目标类\n  支出 2013202 {project}\n  支出 2013202 事业收入 5.00\n  目标 完成工作。\n  指标 产出指标 数量指标 | 场次 | 4场\n  指标 效益指标 社会效益指标 | 效果 | 提升\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90%\n"
    )
}

#[test]
fn budgets_of_two_years_get_the_summary_by_year_instead() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.bud"), dir.path().join("b.bud"));
    std::fs::write(&a, budget("甲局", 2023, "80.00", "40.00")).unwrap();
    std::fs::write(&b, budget("乙局", 2024, "90.00", "50.00")).unwrap();
    let out_dir = dir.path().join("site");
    let out = site(&[a, b], &out_dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(!index.contains("data-table=\"region_"));
    assert!(index.contains("id=\"summary-table\""));
    // 年度, 金额单位, 部门数, 收入合计, 支出合计, 基本支出, 项目支出, 三公: one row a year.
    let summary = &index[index.find("id=\"summary-table\"").unwrap()..];
    assert!(summary.contains("<tr><th scope=\"row\">2023</th><td class=\"code\">万元</td><td class=\"num\">1</td><td class=\"num\">137.00</td><td class=\"num\">137.00</td><td class=\"num\">92.00</td><td class=\"num\">45.00</td>"), "{summary}");
    assert!(summary.contains("<tr><th scope=\"row\">2024</th><td class=\"code\">万元</td><td class=\"num\">1</td><td class=\"num\">157.00</td><td class=\"num\">157.00</td><td class=\"num\">102.00</td><td class=\"num\">55.00</td>"), "{summary}");
}

#[test]
fn a_rebuild_removes_the_pages_of_departments_that_are_gone_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("site");
    let two = [example("yunxi-cdc-2024"), example("songling-sasac-2024")];
    let out = site(&two, &out_dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = listing(&out_dir);
    assert_eq!(
        first,
        [
            ".budc-site",
            "index.html",
            "search.js",
            "songling-sasac-2024/index.html",
            "songling-sasac-2024/songling-sasac-2024.docx",
            "songling-sasac-2024/songling-sasac-2024.json",
            "songling-sasac-2024/songling-sasac-2024.xlsx",
            "style.css",
            "yunxi-cdc-2024/index.html",
            "yunxi-cdc-2024/yunxi-cdc-2024.docx",
            "yunxi-cdc-2024/yunxi-cdc-2024.json",
            "yunxi-cdc-2024/yunxi-cdc-2024.xlsx",
        ]
    );
    // The manifest names every file budc wrote, itself aside.
    let manifest = std::fs::read_to_string(out_dir.join(".budc-site")).unwrap();
    let named: Vec<&str> = manifest.lines().skip(1).collect();
    assert_eq!(
        named,
        first[1..].iter().map(String::as_str).collect::<Vec<_>>()
    );
    // Someone's own files in the site: kept, even inside a department's folder.
    std::fs::write(out_dir.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(out_dir.join("songling-sasac-2024/notes.txt"), "mine").unwrap();
    // A line added to the manifest by hand that leaves the folder is never followed.
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "keep").unwrap();
    std::fs::write(
        out_dir.join(".budc-site"),
        format!("{manifest}../outside.txt\n{}\n", outside.display()),
    )
    .unwrap();
    let out = site(&[example("yunxi-cdc-2024")], &out_dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        listing(&out_dir),
        [
            ".budc-site",
            "index.html",
            "robots.txt",
            "search.js",
            "songling-sasac-2024/notes.txt",
            "style.css",
            "yunxi-cdc-2024/index.html",
            "yunxi-cdc-2024/yunxi-cdc-2024.docx",
            "yunxi-cdc-2024/yunxi-cdc-2024.json",
            "yunxi-cdc-2024/yunxi-cdc-2024.xlsx",
        ]
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(!index.contains("songling-sasac-2024"));
    // Once the folder is empty of budc's files, it goes.
    std::fs::remove_file(out_dir.join("songling-sasac-2024/notes.txt")).unwrap();
    let out = site(&[example("songling-sasac-2024")], &out_dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!out_dir.join("yunxi-cdc-2024").exists());
    assert!(out_dir.join("songling-sasac-2024/index.html").is_file());
    assert!(out_dir.join("robots.txt").is_file());
}

#[test]
fn a_folder_that_is_not_a_site_or_holds_the_budgets_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Not empty, no manifest: nothing written, nothing removed.
    let other = dir.path().join("docs");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("report.docx"), "mine").unwrap();
    let out = site(&[example("yunxi-cdc-2024")], &other);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不是空目录，也不是 budc 写的网站（没有 .budc-site）"),
        "{}",
        stderr(&out)
    );
    assert_eq!(listing(&other), ["report.docx"]);
    let en = budc_command()
        .args(["--lang", "en", "site"])
        .arg(example("yunxi-cdc-2024"))
        .arg("-o")
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(en.status.code(), Some(2));
    assert!(
        stderr(&en).contains("is not empty and is not a site budc wrote (no .budc-site)"),
        "{}",
        stderr(&en)
    );
    // The folder of the budgets themselves, even one with a manifest.
    let budgets = dir.path().join("budgets");
    std::fs::create_dir(&budgets).unwrap();
    let file = budgets.join("yunxi-cdc-2024.bud");
    std::fs::copy(example("yunxi-cdc-2024"), &file).unwrap();
    std::fs::write(
        budgets.join(".budc-site"),
        "# budc site v1: the files budc wrote here; the next build removes those it does not write again\nyunxi-cdc-2024.bud\n",
    )
    .unwrap();
    let out = site(std::slice::from_ref(&budgets), &budgets);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("里有输入的预算") && stderr(&out).contains("yunxi-cdc-2024.bud"),
        "{}",
        stderr(&out)
    );
    assert!(file.is_file());
    assert_eq!(listing(&budgets), [".budc-site", "yunxi-cdc-2024.bud"]);
    // A file where the folder should be.
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "x").unwrap();
    let out = site(&[example("yunxi-cdc-2024")], &plain);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不是目录"), "{}", stderr(&out));
    // An empty folder is fine.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(site(&[example("yunxi-cdc-2024")], &empty).status.success());
}

/// The generator's departments (`examples/generate.rs`): every one gets its page, the index
/// lists them all, and the region's 合计 is the sum of their own totals.
#[test]
fn generated_departments_build_into_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let n = 12;
    for i in 0..n {
        std::fs::write(
            inputs.join(format!("dept-{i:05}.bud")),
            budc::synth::department(i, 10),
        )
        .unwrap();
    }
    let out_dir = dir.path().join("site");
    let out = site(std::slice::from_ref(&inputs), &out_dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{n} 个部门的网页，共 {} 个文件", 4 * n + 3)),
        "{}",
        stderr(&out)
    );
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    let rows = table(&index, "region_departments");
    assert_eq!(rows.len(), n + 1);
    let mut total = rust_decimal::Decimal::ZERO;
    for i in 0..n {
        let slug = format!("dept-{i:05}");
        let page = out_dir.join(&slug).join("index.html");
        assert!(page.is_file(), "{slug}");
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out_dir.join(&slug).join(format!("{slug}.json"))).unwrap(),
        )
        .unwrap();
        let t: rust_decimal::Decimal = json["figures"]["expenditure_total"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        total += t;
    }
    assert_eq!(
        rows[0].1[0].replace(',', ""),
        total.to_string(),
        "the region's 合计"
    );
}
