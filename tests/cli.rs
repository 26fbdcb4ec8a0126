//! The command line, through the built binary: exit codes, outputs, determinism, atomicity.

mod common;
use common::budc_command;

use std::path::{Path, PathBuf};
use std::process::Output;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");
const MISTAKES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/errors/mistakes.bud"
);

fn budc(args: &[&str]) -> Output {
    budc_command()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run budc")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budc-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn check_passes_the_example_with_warnings_on_its_published_flaws() {
    let o = budc(&["check", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = budc(&["check", "--message-format", "json", EXAMPLE]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let list: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            format!(
                "{}:{} {} {}",
                d["line"],
                d["column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!("example-warnings", list.join("\n"));
    assert_eq!(
        budc(&["check", "--deny-warnings", EXAMPLE]).status.code(),
        Some(1)
    );
}

#[test]
fn check_accepts_a_folder_and_searches_it() {
    let dir = scratch("folder");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(EXAMPLE, dir.join("a.bud")).unwrap();
    std::fs::copy(EXAMPLE, dir.join("sub/b.bud")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a budget").unwrap();
    let o = budc(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("检查了 2 个文件"), "{}", stderr(&o));
    std::fs::copy(MISTAKES, dir.join("sub/c.bud")).unwrap();
    assert_eq!(budc(&["check", s(&dir)]).status.code(), Some(1));
}

#[test]
fn check_reports_every_mistake_at_its_line() {
    let o = budc(&["check", MISTAKES]);
    assert_eq!(o.status.code(), Some(1));
    let report = stderr(&o).replace(MISTAKES, "mistakes.bud");
    insta::assert_snapshot!("mistakes", report);
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let dir = scratch("warn");
    let f = dir.join("w.bud");
    // 2019998 is not in the built-in catalog, and 20199 is not a complete branch: a warning.
    std::fs::write(
        &f,
        "部门 甲\n年度 2024\n金额单位 万元\n收入 一般公共预算 1.00\n项目 P1 某项目\n  支出 2019998 1.00\n  目标 完成工作。\n  指标 产出指标 数量指标 | 场次 | 2场 | 工作成效\n  指标 效益指标 社会效益指标 | 效果 | 提升 | 工作成效\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查\n",
    )
    .unwrap();
    assert_eq!(budc(&["check", s(&f)]).status.code(), Some(0));
    assert_eq!(
        budc(&["check", "--deny-warnings", s(&f)]).status.code(),
        Some(1)
    );
}

#[test]
fn usage_and_io_problems_exit_2() {
    assert_eq!(budc(&[]).status.code(), Some(2));
    assert_eq!(budc(&["check"]).status.code(), Some(2));
    assert_eq!(budc(&["frobnicate"]).status.code(), Some(2));
    let o = budc(&["check", "/nonexistent/budget.bud"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/budget.bud"));
    assert_eq!(
        budc(&["compile", EXAMPLE, "--format", "pdf"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_gbk_file_is_reported_as_not_utf8() {
    let dir = scratch("gbk");
    let f = dir.join("gbk.bud");
    // "部门 甲" in GBK.
    std::fs::write(&f, [0xb2, 0xbf, 0xc3, 0xc5, 0x20, 0xbc, 0xd7, 0x0a]).unwrap();
    let o = budc(&["check", s(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E0002"), "{}", stderr(&o));
    assert!(stderr(&o).contains("GBK"), "{}", stderr(&o));
}

#[test]
fn old_mac_line_breaks_are_lines_in_the_report_too() {
    // A lone CR ends a line for the parser; the report must number and draw lines the same way.
    let dir = scratch("cr");
    let f = dir.join("cr.bud");
    std::fs::write(
        &f,
        "部门 x\r年度 2024\r金额单位 万元\r科目版本 2024\r收入 一般公共预算 abc\r",
    )
    .unwrap();
    let o = budc(&["check", s(&f)]);
    let err = stderr(&o);
    assert!(err.contains("cr.bud:5:11]"), "{err}");
    assert!(err.contains(" 5 │ 收入 一般公共预算 abc\n"), "{err}");
    assert!(!err.contains('\r'), "{err:?}");
}

#[test]
fn binary_junk_gets_diagnostics_not_a_crash() {
    let dir = scratch("junk");
    let f = dir.join("junk.bud");
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 & 0x7f)
        .collect();
    std::fs::write(&f, junk).unwrap();
    let o = budc(&["check", s(&f)]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn compile_to_stdout_and_file_agree_and_are_deterministic() {
    let dir = scratch("compile");
    let out = dir.join("nested/budget.json");
    let a = budc(&["compile", EXAMPLE, "--format", "json"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    let b = budc(&["compile", EXAMPLE, "--format", "json"]);
    assert_eq!(a.stdout, b.stdout, "two runs differ");
    let c = budc(&["compile", EXAMPLE, "--format", "json", "-o", s(&out)]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));
    assert!(c.stdout.is_empty());
    assert_eq!(std::fs::read(&out).unwrap(), a.stdout);
    // Written atomically: nothing but the output is left in the folder.
    let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("budget.json")]);
    let json: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(json["projects"].as_array().unwrap().len(), 38);
}

/// The JSON is streamed to standard output: a pipe closed by its reader (`| head -c1`) ends the
/// output quietly, with the diagnostics and exit code of the run (a full device: `attack.rs`).
#[test]
fn compile_to_a_closed_pipe_ends_quietly() {
    use std::process::Stdio;
    let mut child = budc_command()
        .args(["--lang", "en", "compile", EXAMPLE])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // No error message (the summary line says "0 errors").
    assert!(!stderr(&o).contains("error:"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("compiled 1 file: 0 errors"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn compile_refuses_to_overwrite_its_source() {
    let dir = scratch("overwrite");
    let f = dir.join("b.bud");
    std::fs::copy(EXAMPLE, &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    let o = budc(&["compile", s(&f), "-o", s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn compile_with_errors_writes_nothing() {
    let dir = scratch("errors");
    let out = dir.join("out.json");
    let o = budc(&["compile", MISTAKES, "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn schema_is_json() {
    let o = budc(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "BudgetJson");
}

#[test]
fn json_diagnostics_carry_positions_in_characters_utf16_and_bytes() {
    let o = budc(&["check", "--message-format", "json", MISTAKES]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["schema"], "budc.diagnostics.v1");
    assert_eq!(v["summary"]["files"], 1);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "E0304")
        .expect("the name mismatch");
    // `  支出 2080110 劳动关系的维权 30.00` on line 17: the name starts at character 14.
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(17), Some(14))
    );
    assert_eq!(d["column_utf16"], 14);
    assert_eq!(d["end_column"], 21);
    let (a, b) = (
        d["byte_start"].as_u64().unwrap(),
        d["byte_end"].as_u64().unwrap(),
    );
    let text = std::fs::read(MISTAKES).unwrap();
    assert_eq!(
        std::str::from_utf8(&text[a as usize..b as usize]).unwrap(),
        "劳动关系的维权"
    );
    assert_eq!(d["severity"], "error");
    assert!(d["help"].as_str().unwrap().contains("劳动关系和维权"));
}

#[test]
fn english_messages_on_request() {
    let o = budc(&["check", "--lang", "en", MISTAKES]);
    let report = stderr(&o);
    assert!(
        report.contains("name does not match the code: 2080110 is “劳动关系和维权”"),
        "{report}"
    );
    assert!(report.contains("checked 1 file: "), "{report}");
    assert!(!report.contains("科目名称与编码不符"), "{report}");
}

#[test]
fn sarif_is_a_valid_2_1_0_log() {
    let o = budc(&["check", "--message-format", "sarif", MISTAKES]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "budc");
    let results = run["results"].as_array().unwrap();
    let json = budc(&["check", "--message-format", "json", MISTAKES]);
    let j: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(results.len(), j["diagnostics"].as_array().unwrap().len());
    let r = results.iter().find(|r| r["ruleId"] == "E0304").unwrap();
    assert_eq!(r["level"], "error");
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(17), Some(14))
    );
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"E0304") && rules.contains(&"E0201"));
    // Checked against serde-sarif's types: it parses back.
    let _: serde_sarif::sarif::Sarif = serde_json::from_value(v).expect("SARIF types");
}

#[test]
fn json_stays_valid_whatever_a_message_contains() {
    let dir = scratch("controls");
    let f = dir.join("c.bud");
    // A control character, quotes and a backslash inside a project name (in the messages).
    std::fs::write(
        &f,
        "部门 甲\n年度 2024\n金额单位 万元\n项目 P1 \"坏\\\u{7}名\"\n",
    )
    .unwrap();
    let o = budc(&["check", "--message-format", "json", s(&f)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    // The project without allocations and goal, after the missing overview (W0507).
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["W0507", "E0207", "E0401"]);
    assert!(v["diagnostics"][1]["message"]
        .as_str()
        .unwrap()
        .contains('\u{7}'));
}

#[test]
fn several_files_in_one_call_with_a_summary() {
    let o = budc(&["check", EXAMPLE, MISTAKES]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("检查了 2 个文件"), "{}", stderr(&o));
}

#[test]
fn compile_to_docx_and_to_both() {
    let dir = scratch("docx");
    let docx = dir.join("b.docx");
    let o = budc(&["compile", EXAMPLE, "--format", "docx", "-o", s(&docx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&docx).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let again = budc(&["compile", EXAMPLE, "--format", "docx", "-o", s(&docx)]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read(&docx).unwrap(), bytes, "two runs differ");
    let all = dir.join("all");
    let o = budc(&["compile", EXAMPLE, "--format", "all", "-o", s(&all)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(all.join("liaocheng-2024.docx")).unwrap(),
        bytes
    );
    let json = budc(&["compile", EXAMPLE]);
    assert_eq!(
        std::fs::read(all.join("liaocheng-2024.json")).unwrap(),
        json.stdout
    );
    // A DOCX needs a file to go to; `all` a folder.
    assert_eq!(
        budc(&["compile", EXAMPLE, "--format", "docx"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        budc(&["compile", EXAMPLE, "--format", "all"]).status.code(),
        Some(2)
    );
}

#[test]
fn compile_to_xlsx_by_flag_by_extension_and_with_all() {
    let dir = scratch("xlsx");
    let by_flag = dir.join("flag.out");
    let o = budc(&["compile", EXAMPLE, "--format", "xlsx", "-o", s(&by_flag)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&by_flag).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    // `-o *.xlsx` is enough; the same bytes every time.
    let by_name = dir.join("b.XLSX");
    let o = budc(&["compile", EXAMPLE, "-o", s(&by_name)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&by_name).unwrap(), bytes);
    let all = dir.join("all");
    let o = budc(&["compile", EXAMPLE, "--format", "all", "-o", s(&all)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(all.join("liaocheng-2024.xlsx")).unwrap(),
        bytes
    );
    // A workbook needs a file to go to, and says so in the chosen language.
    let o = budc(&["compile", EXAMPLE, "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("XLSX 须用 -o 指定输出文件"),
        "{}",
        stderr(&o)
    );
    let o = budc(&["--lang", "en", "compile", EXAMPLE, "--format", "xlsx"]);
    assert!(
        stderr(&o).contains("XLSX needs an output file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn compile_many_files_into_a_folder() {
    let dir = scratch("many");
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::copy(EXAMPLE, src.join("a.bud")).unwrap();
    std::fs::copy(EXAMPLE, src.join("sub/b.bud")).unwrap();
    std::fs::copy(MISTAKES, src.join("sub/c.bud")).unwrap();
    let out = dir.join("out");
    let o = budc(&["compile", s(&src), "--format", "all", "-o", s(&out)]);
    // c.bud has errors: exit 1, nothing written for it; the others are written.
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("编译了 3 个文件：2 个已输出"),
        "{}",
        stderr(&o)
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // With LibreOffice installed, --format all writes the PDF too.
    if budc::backend::pdf::engine().is_some() {
        assert_eq!(
            names,
            ["a.docx", "a.json", "a.pdf", "a.xlsx", "b.docx", "b.json", "b.pdf", "b.xlsx"]
        );
    } else {
        assert_eq!(
            names,
            ["a.docx", "a.json", "a.xlsx", "b.docx", "b.json", "b.xlsx"]
        );
    }
    // Several files need a folder.
    assert_eq!(budc(&["compile", EXAMPLE, MISTAKES]).status.code(), Some(2));
}

#[test]
fn new_writes_a_skeleton_that_checks_without_errors_and_never_overwrites() {
    let dir = scratch("new");
    let f = dir.join("文化馆-2024.bud");
    let o = budc(&[
        "new",
        s(&f),
        "--department",
        "云溪县文化馆",
        "--year",
        "2024",
        "--kind",
        "事业",
        "--unit",
        "元",
        "--units",
        "本级=云溪县文化馆本级,分馆=云溪县文化馆城东分馆",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("已写入"), "{}", stderr(&o));
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("单位性质 事业\n"));
    assert!(text.contains("二级单位 分馆 云溪县文化馆城东分馆\n"));
    assert!(text.contains("基本支出 本级\n"));
    // Every section checks; only the placeholders (××) are pointed at.
    let o = budc(&["check", "--message-format", "json", s(&f)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["W0505"].into());
    // Never over an existing file.
    let before = std::fs::read(&f).unwrap();
    let o = budc(&["new", s(&f), "--department", "甲", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&f).unwrap(), before);
    // A kind that is none.
    let o = budc(&[
        "new",
        s(&dir.join("b.bud")),
        "--department",
        "甲",
        "--year",
        "2024",
        "--kind",
        "企业",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("单位性质为 行政、参公 或 事业"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("b.bud").exists());
}

#[test]
fn a_file_that_cannot_be_read_is_a_diagnostic_of_the_machine_reports() {
    let dir = scratch("unreadable");
    let missing = dir.join("没有这个文件.bud");
    for format in ["json", "sarif"] {
        let o = budc(&["check", "--message-format", format, s(&missing)]);
        assert_eq!(o.status.code(), Some(2));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let text = v.to_string();
        assert!(text.contains("E0005"), "{format}: {text}");
        assert!(text.contains("文件或目录不存在"), "{format}: {text}");
        if format == "json" {
            assert_eq!(v["summary"]["errors"], 1);
            assert_eq!(v["summary"]["files"], 1);
        }
    }
    // The operating system's reason in the message's language, never its English in Chinese.
    let o = budc(&["check", s(&missing)]);
    assert!(
        stderr(&o).contains("无法读取：文件或目录不存在"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("No such file"), "{}", stderr(&o));
    let o = budc(&["check", "--lang", "en", s(&missing)]);
    assert!(stderr(&o).contains("cannot read it: no such file or directory"));
}

#[test]
fn new_from_last_year_carries_the_budget_and_its_figures_become_the_prior_year() {
    let dir = scratch("new-from");
    let last = format!(
        "{}/examples/songling-sasac-2024.bud",
        env!("CARGO_MANIFEST_DIR")
    );
    let f = dir.join("songling-2025.bud");
    let o = budc(&["new", s(&f), "--from", &last, "--year", "2025"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("年度 2025\n") && text.contains("科目版本 2025\n"));
    // Last year's assertions and reasons are gone; its figures are the 上年 block.
    assert!(!text.contains("断言 "));
    assert!(!text.contains("\n原因 "));
    // (Lines compared with their spaces collapsed: the amounts are aligned.)
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let has = |l: &str| lines.iter().any(|x| x == l);
    assert!(has("上年") && has("收支 8182.98"), "{text}");
    assert!(has("收入 国有资本经营 5900.00"));
    assert!(has("机关运行经费 266.90"));
    // It checks; what may be left to do is the new year's project codes (E0504).
    let o = budc(&["check", "--message-format", "json", s(&f)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.iter().all(|c| *c == "E0504"), "{codes:?}");
}

#[test]
fn compile_says_what_it_wrote_and_counts_the_warnings() {
    let dir = scratch("says");
    let out = dir.join("l.xlsx");
    // The format from the extension; the warnings as a number; the file written, with its size.
    let o = budc(&["compile", EXAMPLE, "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("37 个警告未显示"), "{err}");
    assert!(!err.contains("W0211"), "{err}");
    assert!(
        err.contains(&format!("已写入 {}（", out.display())),
        "{err}"
    );
    assert!(
        err.contains("编译了 1 个文件：0 个错误，37 个警告"),
        "{err}"
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    // --warnings prints them all.
    let o = budc(&["compile", EXAMPLE, "--warnings", "-o", s(&out)]);
    assert_eq!(stderr(&o).matches("W0211").count(), 9);
    // A format that contradicts the extension is refused, and nothing is written.
    let json = dir.join("x.json");
    let o = budc(&["compile", EXAMPLE, "--format", "docx", "-o", s(&json)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--format docx 与输出文件"),
        "{}",
        stderr(&o)
    );
    assert!(!json.exists());
}

#[test]
fn help_and_messages_follow_lang_then_the_locale() {
    // Chinese by default, --help included.
    let o = budc(&["compile", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        help.contains("用法：budc compile") && help.contains("显示帮助"),
        "{help}"
    );
    assert!(
        !help.contains("Usage") && !help.contains("Print help"),
        "{help}"
    );
    // An English locale gives English, and --lang wins over the locale.
    let en = |args: &[&str]| {
        budc_command()
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap()
    };
    let o = en(&["compile", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Usage: budc compile"));
    let o = en(&["check", EXAMPLE]);
    assert!(stderr(&o).contains("checked 1 file"), "{}", stderr(&o));
    let o = en(&["check", EXAMPLE, "--lang", "zh"]);
    assert!(stderr(&o).contains("检查了 1 个文件"), "{}", stderr(&o));
}

/// The words of a Chinese message that are in Latin letters: only the names and values of the
/// command line may be (options, placeholders, commands, values), never clap's English.
fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| {
        !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '<' || c == '>')
    })
    .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
    .map(str::to_string)
    .collect()
}

#[test]
fn parse_errors_are_in_the_language_of_the_messages() {
    // (arguments, the Chinese stderr, the English stderr)
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["check", "--frobnicate", "x.bud"],
            "错误：未知选项 --frobnicate\n\
             提示：要把 --frobnicate 作为值，请写成 -- --frobnicate\n\
             用法：budc check [选项] <PATHS>...\n\
             更多信息请用 --help\n",
            "error: unknown option '--frobnicate'\n\
             tip: to pass '--frobnicate' as a value, use '-- --frobnicate'\n\
             Usage: budc check [OPTIONS] <PATHS>...\n\
             For more information, try '--help'.\n",
        ),
        (
            &["compile", "--format", "docz", "x.bud"],
            "错误：--format 的值 docz 无效，可选：json、docx、xlsx、pdf、all\n\
             提示：是否想用 docx？\n\
             更多信息请用 --help\n",
            "error: invalid value 'docz' for '--format'; possible values: json, docx, xlsx, pdf, all\n\
             tip: did you mean 'docx'?\n\
             For more information, try '--help'.\n",
        ),
        (
            &["compile"],
            "错误：缺少参数 <FILES>...\n\
             用法：budc compile [选项] <FILES>...\n\
             更多信息请用 --help\n",
            "error: the following required arguments were not provided: <FILES>...\n\
             Usage: budc compile <FILES>...\n\
             For more information, try '--help'.\n",
        ),
        (
            &["chek"],
            "错误：未知命令 chek\n\
             提示：是否想用 check 或 schema？\n\
             用法：budc [选项] <命令>\n\
             更多信息请用 --help\n",
            "error: unrecognized subcommand 'chek'\n\
             tip: did you mean 'check' or 'schema'?\n\
             Usage: budc [OPTIONS] <COMMAND>\n\
             For more information, try '--help'.\n",
        ),
        (
            &["check", "--deny-warning", "x.bud"],
            "错误：未知选项 --deny-warning\n\
             提示：是否想用 --deny-warnings？\n\
             用法：budc check [选项] <PATHS>...\n\
             更多信息请用 --help\n",
            "error: unknown option '--deny-warning'\n\
             tip: did you mean '--deny-warnings'?\n\
             Usage: budc check --deny-warnings <PATHS>...\n\
             For more information, try '--help'.\n",
        ),
    ];
    let allowed = [
        "--frobnicate",
        "budc",
        "check",
        "compile",
        "schema",
        "chek",
        "<PATHS>",
        "<FILES>",
        "--format",
        "docz",
        "json",
        "docx",
        "xlsx",
        "pdf",
        "all",
        "--help",
        "--deny-warning",
        "--deny-warnings",
    ];
    for (args, zh, en) in cases {
        let o = budc(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), zh, "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        for w in latin_words(&stderr(&o)) {
            assert!(allowed.contains(&w.as_str()), "{w} in {}", stderr(&o));
        }
        for english in ["error", "Usage", "For more information", "tip"] {
            assert!(!stderr(&o).contains(english), "{}", stderr(&o));
        }
        let mut with_en = vec!["--lang", "en"];
        with_en.extend_from_slice(args);
        let o = budc(&with_en);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), en, "{args:?}");
        // The locale, without --lang, says English too.
        let o = budc_command()
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        assert_eq!(stderr(&o), en, "{args:?}");
    }
}

#[test]
fn every_kind_of_parse_error_is_said_in_chinese_by_default() {
    let zh = |args: &[&str]| {
        let o = budc(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        stderr(&o)
    };
    assert_eq!(
        zh(&[
            "new",
            "x.bud",
            "--year",
            "2024",
            "--department",
            "a",
            "--from",
            "b"
        ]),
        "错误：--department 不能与 --from 同时使用\n\
         用法：budc new [选项] --year <YEAR> <FILE>\n\
         更多信息请用 --help\n"
    );
    assert_eq!(
        zh(&["new", "x.bud", "--department", "a"]),
        "错误：缺少参数 --year <YEAR>\n\
         用法：budc new [选项] --year <YEAR> <FILE>\n\
         更多信息请用 --help\n"
    );
    assert_eq!(
        zh(&["check", "--max-input-size", "lots", "x.bud"]),
        "错误：--max-input-size 的值 lots 无效：不是大小（例如 512M、1G）\n\
         更多信息请用 --help\n"
    );
    assert_eq!(
        zh(&["explain", "E0201", "E0202"]),
        "错误：多余的参数 E0202\n\
         用法：budc explain [选项] [CODE]\n\
         更多信息请用 --help\n"
    );
    assert_eq!(
        zh(&["compile", "--format"]),
        "错误：--format 缺少值，可选：json、docx、xlsx、pdf、all\n\
         更多信息请用 --help\n"
    );
    assert_eq!(
        zh(&["--lang", "fr", "check", "x.bud"]),
        "错误：--lang 的值 fr 无效，可选：zh、en\n\
         更多信息请用 --help\n"
    );
    // Help and version still print and exit 0; a bare command prints its help and exits 2.
    let o = budc(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "budc 0.1.0\n");
    let o = budc(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("用法：budc check"));
    let o = budc(&["catalog"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("用法：budc catalog"), "{}", stderr(&o));
}
