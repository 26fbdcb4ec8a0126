//! A corpus of bad input (`tests/fixtures/bad/`): each file gets its diagnostics, located, and
//! never a panic or a hang. The expected diagnostics of every file are one reviewed snapshot.

use budc::diag::{render, Lang};
use budc::source::SourceFile;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");

fn report(name: &str) -> String {
    let bytes = std::fs::read(format!("{DIR}/{name}")).unwrap();
    let (file, diags) = match SourceFile::decode(name, &bytes) {
        Ok(f) => {
            let c = budc::compile(f, None);
            (c.file, c.diagnostics)
        }
        Err((f, d)) => (f, vec![d]),
    };
    let mut lines: Vec<String> = diags
        .iter()
        .map(|d| render::short(d, &file, Lang::Zh))
        .collect();
    // Long reports: the count and the first few are what matters.
    if lines.len() > 12 {
        let n = lines.len();
        lines.truncate(12);
        lines.push(format!("… {n} diagnostics in all"));
    }
    lines.join("\n")
}

#[test]
fn every_bad_input_gets_located_diagnostics() {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let all: Vec<String> = names
        .iter()
        .map(|n| format!("== {n}\n{}", report(n)))
        .collect();
    insta::assert_snapshot!("bad-inputs", all.join("\n"));
}

#[test]
fn a_file_cut_anywhere_never_panics() {
    // Every prefix of the example (at every 991st byte, on and off character boundaries).
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/liaocheng-2024.bud"
    ))
    .unwrap();
    for end in (0..text.len()).step_by(991) {
        let (file, _) = match SourceFile::decode("cut.bud", &text[..end]) {
            Ok(f) => (budc::compile(f, None).file, ()),
            Err((f, _)) => (f, ()),
        };
        assert!(file.text.len() <= end + 3);
    }
}
