//! `budc diff`: a semantic diff of two budgets, through the built binary.

mod common;
use common::budc_command;

use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

fn budc(dir: &Path, args: &[&str]) -> std::process::Output {
    budc_command()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("budc-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The example with 120.00 more for 精神文明, a project moved to another code, and an
/// indicator changed (the control totals asserted accordingly).
fn edited() -> String {
    let s = std::fs::read_to_string(EXAMPLE).unwrap();
    let s = s.replacen(
        "  支出 2013302 一般行政管理事务 161.57\n",
        "  支出 2013302 一般行政管理事务 281.57\n",
        1,
    );
    s.replace("收入 一般公共预算 16028.22", "收入 一般公共预算 16148.22")
        .replace("断言 收入合计 = 16028.22", "断言 收入合计 = 16148.22")
        .replace("断言 项目支出 = 15018.07", "断言 项目支出 = 15138.07")
        .replace("断言 支出合计 = 16028.22", "断言 支出合计 = 16148.22")
        .replace(
            "  支出 2080110 劳动关系和维权 300.00",
            "  支出 2080199 300.00",
        )
        .replace("| 村干部人数 | 502人 |", "| 村干部人数 | 510人 |")
}

#[test]
fn changes_in_budget_terms() {
    let dir = scratch("text");
    std::fs::write(dir.join("new.bud"), edited()).unwrap();
    let o = budc(&dir, &["diff", EXAMPLE, "new.bud"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "项目 宣传办-精神文明：161.57 → 281.57（+120.00，+74.27%） 万元\n\
         项目 组织科-村级组织运转经费 指标 产出指标/数量指标/村干部人数：502人 → 510人\n\
         项目 社保中心-农民工欠薪应急周转金：300.00 万元 从 2080110 移到 2080199\n\
         支出合计：16028.22 → 16148.22（+120.00，+0.75%） 万元\n\
         项目支出：15018.07 → 15138.07（+120.00，+0.80%） 万元\n\
         201 一般公共服务支出：7835.90 → 7955.90（+120.00，+1.53%） 万元\n"
    );
}

#[test]
fn projects_added_removed_renamed() {
    let dir = scratch("projects");
    let old = "部门 甲\n年度 2024\n金额单位 万元\n收入 一般公共预算 3.00\n项目 P1 甲项目\n  支出 2013202 1.00\n项目 P2 乙项目\n  支出 2013202 2.00\n";
    let new = "部门 甲\n年度 2024\n金额单位 万元\n收入 一般公共预算 5.00\n项目 P1 甲项目（改名）\n  支出 2013202 1.00\n项目 P3 丙项目\n  支出 2080102 4.00\n";
    std::fs::write(dir.join("old.bud"), old).unwrap();
    std::fs::write(dir.join("new.bud"), new).unwrap();
    let o = budc(&dir, &["diff", "--format", "json", "old.bud", "new.bud"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "budc.diff.v1");
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "project_removed",
            "project_added",
            "project_renamed",
            "total",
            "total",
            "total",
            "total"
        ]
    );
    assert_eq!(v["changes"][0]["name"], "乙项目");
    assert_eq!(v["changes"][1]["amount"], "4.00");
    assert_eq!(v["changes"][2]["new_name"], "甲项目（改名）");
    let md = budc(
        &dir,
        &["diff", "--format", "markdown", "old.bud", "new.bud"],
    );
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("| 208 社会保障和就业支出 | 0.00 | 4.00 | +4.00 |  |"),
        "{md}"
    );
}

#[test]
fn equal_budgets_exit_0_and_errors_exit_2() {
    let dir = scratch("equal");
    let o = budc(&dir, &["diff", EXAMPLE, EXAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "两个预算没有差别。\n");
    std::fs::write(dir.join("bad.bud"), "部门 甲\n乱写\n").unwrap();
    assert_eq!(
        budc(&dir, &["diff", EXAMPLE, "bad.bud"]).status.code(),
        Some(2)
    );
    assert_eq!(
        budc(&dir, &["diff", EXAMPLE, "missing.bud"]).status.code(),
        Some(2)
    );
}

#[test]
fn against_a_git_revision_and_as_a_git_diff_driver() {
    let dir = scratch("git");
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "t@example.org"]);
    git(&["config", "user.name", "t"]);
    std::fs::copy(EXAMPLE, dir.join("b.bud")).unwrap();
    git(&["add", "b.bud"]);
    git(&["commit", "-qm", "budget"]);
    std::fs::write(dir.join("b.bud"), edited()).unwrap();
    let o = budc(&dir, &["diff", "--git", "HEAD", "b.bud"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .starts_with("项目 宣传办-精神文明：161.57 → 281.57"));
    // git diff with the driver of the README.
    std::fs::write(dir.join(".gitattributes"), "*.bud diff=bud\n").unwrap();
    git(&[
        "config",
        "diff.bud.command",
        &format!("{} diff --git-external", env!("CARGO_BIN_EXE_budc")),
    ]);
    let o = Command::new("git")
        .args(["diff", "b.bud"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("从 2080110 移到 2080199"), "{out}");
    // Each changed file's block is named, as git names them.
    assert!(out.starts_with("diff --budc a/b.bud b/b.bud\n"), "{out}");
}

#[test]
fn in_english_on_request() {
    let dir = scratch("english");
    std::fs::write(dir.join("new.bud"), edited()).unwrap();
    let o = budc(&dir, &["diff", "--lang", "en", EXAMPLE, "new.bud"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "project 宣传办-精神文明: 161.57 → 281.57 (+120.00, +74.27%) × 10,000 yuan\n\
         project 组织科-村级组织运转经费 indicator 产出指标/数量指标/村干部人数: 502人 → 510人\n\
         project 社保中心-农民工欠薪应急周转金: 300.00 × 10,000 yuan moved from 2080110 to 2080199\n\
         total spending: 16028.22 → 16148.22 (+120.00, +0.75%) × 10,000 yuan\n\
         project spending: 15018.07 → 15138.07 (+120.00, +0.80%) × 10,000 yuan\n\
         201 一般公共服务支出: 7835.90 → 7955.90 (+120.00, +1.53%) × 10,000 yuan\n"
    );
    let md = budc(
        &dir,
        &[
            "diff", "--lang", "en", "--format", "markdown", EXAMPLE, "new.bud",
        ],
    );
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("| figure | old | new | change | % |"), "{md}");
    assert!(
        md.contains("| total spending | 16028.22 | 16148.22 | +120.00 | +0.75 |"),
        "{md}"
    );
}
