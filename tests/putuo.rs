//! The second real budget: the published 2026 部门预算 of 上海市普陀区城市管理行政执法局, as a
//! 公开稿 in the 上海 template (`examples/putuo-chengguan-2026-as-published.bud`, its 断言 written
//! by tools/published/putuo_chengguan_2026.py from the published cells). Every published figure
//! holds; what budc says about the document is exactly its two findings; and every assertion is
//! live: changing any one of them is an error on its line.

use budc::source::SourceFile;
use std::collections::BTreeMap;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/putuo-chengguan-2026-as-published.bud"
);

fn text() -> String {
    std::fs::read_to_string(EXAMPLE).expect("the example is in the repository")
}

/// (line, code) of every diagnostic, in order.
fn diagnostics(text: &str) -> Vec<(usize, &'static str)> {
    let file = SourceFile::new("putuo.bud".to_string(), text.to_string());
    let c = budc::compile(file, None);
    let mut out: Vec<(usize, &'static str)> = c
        .diagnostics
        .iter()
        .map(|d| {
            let start = d.labels.first().map_or(0, |l| l.span.start);
            (c.file.position(start).line, d.code)
        })
        .collect();
    out.sort();
    out
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("the line is in the example")
}

#[test]
fn every_published_figure_holds_and_budc_finds_the_two_findings_of_the_document() {
    let text = text();
    let assertions = text.lines().filter(|l| l.starts_with("断言 ")).count();
    assert_eq!(assertions, 323);
    assert_eq!(
        diagnostics(&text),
        vec![
            // Basic spending on 2120104 城管执法: the published tables put the running costs of
            // the 执法大队 there, where a reviewer expects 行政运行.
            (line_of(&text, "  2120104 城管执法      "), "W0307"),
            // The goal table's cost indicator 成本控制合理性 is the word 合理, not a measure.
            (line_of(&text, "| 成本控制合理性 | 合理"), "W0405"),
        ]
    );
}

#[test]
fn changing_any_published_figure_or_name_is_an_error_on_its_line() {
    let text = text();
    let mut expected = BTreeMap::new();
    let mutated: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let Some((left, right)) = l.split_once(" = ").filter(|_| l.starts_with("断言 "))
            else {
                return l.to_string();
            };
            expected.insert(i + 1, "E0201");
            let (value, rest) = right.split_once(' ').unwrap_or((right, ""));
            let changed = match value.chars().last() {
                // The last digit one up (9 becomes 10 in the last place): never the rounded
                // nor the truncated figure.
                Some(c) if c.is_ascii_digit() => {
                    let n: u32 = c.to_digit(10).unwrap_or(0);
                    format!("{}{}", &value[..value.len() - 1], n + 1)
                }
                _ => format!("{value}改"),
            };
            format!("{left} = {changed} {rest}").trim_end().to_string()
        })
        .collect();
    let got: BTreeMap<usize, &str> = diagnostics(&(mutated.join("\n") + "\n"))
        .into_iter()
        .filter(|(_, code)| code.starts_with('E'))
        .collect();
    assert_eq!(expected.len(), 323);
    assert_eq!(got, expected);
}
