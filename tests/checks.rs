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
