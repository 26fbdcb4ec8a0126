//! The README matches the repository: every path it names (in backticks or as a link target)
//! under one of the repository's folders exists, and it names nothing outside the repository.

const ROOTS: &[&str] = &[
    "src/",
    "tests/",
    "catalog/",
    "examples/",
    "tools/",
    "docs/",
    "editors/",
    "fuzz/",
    "benches/",
    "grammar/",
    ".ci/",
];

/// The paths the README names: `code spans` and `](link targets)`.
fn named_paths(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in readme.split('`').enumerate() {
        if i % 2 == 1 && !part.contains(' ') {
            out.push(part.to_string());
        }
    }
    for part in readme.split("](").skip(1) {
        if let Some(target) = part.split(')').next() {
            out.push(target.to_string());
        }
    }
    out
}

#[test]
fn every_path_the_readme_names_exists() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let mut checked = 0;
    let mut missing = Vec::new();
    for p in named_paths(&readme) {
        if !ROOTS.iter().any(|r| p.starts_with(r)) || p.contains(['<', '*']) {
            continue;
        }
        checked += 1;
        if !std::path::Path::new(root).join(&p).exists() {
            missing.push(p);
        }
    }
    assert!(
        missing.is_empty(),
        "the README names what is not there: {missing:?}"
    );
    assert!(checked >= 30, "only {checked} paths checked");
    // Nothing outside the repository.
    assert!(!readme.contains("../shared"), "the README names ../shared");
}
