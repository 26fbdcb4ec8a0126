//! The check catalogue, one fixture file per family under `tests/fixtures/checks/`, with the
//! expectations inline: a comment line `#^ CODE …` says that the line above it (the nearest line
//! that is not an expectation) gets exactly these diagnostics. Every other line gets none.
//! The test reads like the budget it checks.

use budc::source::SourceFile;
use std::collections::BTreeMap;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/checks");

/// (line, code) pairs, sorted.
type Expect = Vec<(usize, String)>;

fn expectations(text: &str) -> Expect {
    let mut out = Vec::new();
    let mut last = 0;
    for (i, line) in text.lines().enumerate() {
        match line.trim_start().strip_prefix("#^") {
            Some(codes) => out.extend(codes.split_whitespace().map(|c| (last, c.to_string()))),
            None => last = i + 1,
        }
    }
    out.sort();
    out
}

fn actual(name: &str, text: &str) -> Expect {
    let c = budc::compile(SourceFile::new(name, text), None);
    let mut out: Expect = c
        .diagnostics
        .iter()
        .map(|d| (c.file.position(d.offset()).line, d.code.to_string()))
        .collect();
    out.sort();
    out
}

#[test]
fn every_fixture_gets_exactly_its_inline_expectations() {
    let mut files: Vec<_> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bud"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let (want, got) = (expectations(&text), actual(&name, &text));
        if want != got {
            let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
            let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
            failures.insert(name, format!("missing {missing:?}, unexpected {extra:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Codes a fixture cannot show: E0002 is about bytes, E0005 about a file that cannot be read
/// (tests/cli.rs has both); E0305 needs a
/// catalog without a mapping row, and the built-in one maps every 款 on both sides
/// (tests/catalog.rs, `an_economic_code_without_a_mapping_on_its_side_is_e0305`).
const NOT_A_FIXTURE: &[&str] = &["E0002", "E0005", "E0305"];

/// Every registered code but those has a fixture.
#[test]
fn every_code_has_a_fixture() {
    let mut seen = std::collections::BTreeSet::new();
    for e in std::fs::read_dir(DIR).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        seen.extend(expectations(&text).into_iter().map(|(_, c)| c));
    }
    // The codes of a region need several files: their fixtures are the folders of
    // tests/fixtures/region/, each checked, located, by a test of tests/region.rs.
    let region_tests =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/region.rs")).unwrap();
    for c in budc::diag::codes::ALL {
        if c.family == budc::diag::codes::Family::Region
            && region_tests.contains(&format!("has(&err, \"{}\"", c.code))
        {
            seen.insert(c.code.to_string());
        }
    }
    let missing: Vec<&str> = budc::diag::codes::ALL
        .iter()
        .map(|c| c.code)
        .filter(|c| !NOT_A_FIXTURE.contains(c) && !seen.contains(*c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

/// A project on `code` (a line of its own), with its goal.
fn project(n: usize, code: &str) -> String {
    format!(
        "项目 P{n} 项目{n}\n  类型 特定目标类\n  支出 {code} 5.00\n  目标 完成工作。\n  指标 产出指标 数量指标 | 场次 | 4场 | 工作成效\n  指标 效益指标 社会效益指标 | 服务水平 | 提升 | 工作成效\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查\n"
    )
}

/// W0302 is reported once per code, with a label on every line that uses it: the primary on
/// the first, "又用于此处" on the others; far ones are listed in the help, together.
#[test]
fn an_unlisted_code_on_three_lines_is_one_w0302_with_three_labels() {
    let mut text = "部门 测试部门\n年度 2024\n金额单位 万元\n科目版本 2024\n主要职责\n  > 负责本部门的有关工作。\n机构设置\n  > 本部门由本级组成。\n".to_string();
    // 2080119: plausible (20801 is not complete), not in the catalog.
    for n in 1..=3 {
        text.push_str(&project(n, "2080119"));
        text.push_str(&project(n + 10, "2080199"));
    }
    let file = SourceFile::new("t.bud", &*text);
    let c = budc::compile(file.clone(), None);
    let w: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "W0302").collect();
    assert_eq!(w.len(), 1, "{:?}", c.diagnostics);
    let lines: Vec<(usize, bool, &str)> = w[0]
        .labels
        .iter()
        .map(|l| (file.position(l.span.start).line, l.primary, &*l.message.zh))
        .collect();
    assert_eq!(
        lines,
        [
            (11, true, "科目表中没有"),
            (25, false, "又用于此处"),
            (39, false, "又用于此处"),
        ]
    );
    assert_eq!(w[0].labels[1].message.en, "also used here");
    // Drawn: the far labels go into the help, in one list.
    let wide = budc::report::HumanStyle {
        width: 1000,
        ..Default::default()
    };
    let zh = budc::report::human(w[0], &file, wide);
    assert!(zh.contains("（又用于此处：第 25、39 行）"), "{zh}");
    let en = budc::report::human(
        w[0],
        &file,
        budc::report::HumanStyle {
            lang: budc::diag::Lang::En,
            ..wide
        },
    );
    assert!(en.contains("(also used here: lines 25, 39)"), "{en}");
}
