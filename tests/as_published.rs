//! The reference budget as published (`examples/liaocheng-2024-as-published.bud`, written by
//! tools/ref2published.py): every published cell asserted. budc must fail it exactly on the
//! inconsistencies of the published document, at their lines, and nowhere else.

mod common;
use common::budc_command;

use std::process::Output;

const REL: &str = "examples/liaocheng-2024-as-published.bud";
const AS_PUBLISHED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/liaocheng-2024-as-published.bud"
);
const CLEAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

/// The errors of the published document: (line, code, the assertion on that line).
const EXPECTED_ERRORS: &[(u64, &str, &str)] = &[
    // 一般公共预算支出情况表 names 2080110 劳动关系的维权 (catalog: 劳动关系和维权).
    (
        1531,
        "E0201",
        "断言 general_expenditure 2080110 name = 劳动关系的维权",
    ),
    // 一般公共预算支出情况表 prints the 款 10, 26, 30 of 208 in the 类 column.
    (1583, "E0201", "断言 general_expenditure 20810 class = 10"),
    (1591, "E0201", "断言 general_expenditure 20826 class = 26"),
    (1603, "E0201", "断言 general_expenditure 20830 class = 30"),
    // Both economic tables name 政府经济分类 503 机关资本性支出 (2024: 机关资本性支出（一）).
    (
        1814,
        "E0201",
        "断言 general_basic_economic 310 gov_name = 机关资本性支出",
    ),
    (
        2003,
        "E0201",
        "断言 basic_expenditure 310 gov_name = 机关资本性支出",
    ),
    // 政府采购预算表: 合计 and 小计 of 208 / 20801 / 2080109 print .64, the facts give .65.
    (2223, "E0201", "断言 procurement 208 total = 74.64"),
    (
        2224,
        "E0201",
        "断言 procurement 208 fiscal_subtotal = 74.64",
    ),
    (2228, "E0201", "断言 procurement 20801 total = 73.64"),
    (
        2229,
        "E0201",
        "断言 procurement 20801 fiscal_subtotal = 73.64",
    ),
    (2238, "E0201", "断言 procurement 2080109 total = 15.64"),
    (
        2239,
        "E0201",
        "断言 procurement 2080109 fiscal_subtotal = 15.64",
    ),
];

fn budc(args: &[&str]) -> Output {
    budc_command()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run budc")
}

fn diagnostics(path: &str) -> Vec<serde_json::Value> {
    let o = budc(&["check", "--message-format", "json", path]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    v["diagnostics"].as_array().expect("diagnostics").clone()
}

#[test]
fn the_published_document_fails_where_it_contradicts_itself() {
    let o = budc(&["check", AS_PUBLISHED]);
    let report = String::from_utf8_lossy(&o.stderr).replace(AS_PUBLISHED, REL);
    assert_eq!(o.status.code(), Some(1), "{report}");
    insta::assert_snapshot!("as-published-report", report);
}

#[test]
fn the_errors_are_exactly_the_published_inconsistencies_at_their_lines() {
    let source = std::fs::read_to_string(AS_PUBLISHED).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let all = diagnostics(AS_PUBLISHED);
    let mut errors: Vec<(u64, String, String)> = all
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let line = d["line"].as_u64().unwrap();
            let text = lines.get(line as usize - 1).copied().unwrap_or_default();
            (
                line,
                d["code"].as_str().unwrap().to_string(),
                text.to_string(),
            )
        })
        .collect();
    errors.sort();
    let expected: Vec<(u64, String, String)> = EXPECTED_ERRORS
        .iter()
        .map(|(l, c, t)| (*l, c.to_string(), t.to_string()))
        .collect();
    assert_eq!(errors, expected);

    // The warnings are the clean example's (the flaws of the goal tables), nothing more.
    let warnings = |ds: &[serde_json::Value]| {
        let mut w: Vec<(String, String)> = ds
            .iter()
            .filter(|d| d["severity"] != "error")
            .map(|d| {
                let code = d["code"].as_str().unwrap().to_string();
                (code, d["message"].as_str().unwrap().to_string())
            })
            .collect();
        w.sort();
        w
    };
    assert_eq!(warnings(&all), warnings(&diagnostics(CLEAN)));
}
