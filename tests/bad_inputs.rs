//! A corpus of bad input (`tests/fixtures/bad/`): each file gets its diagnostics, located, and
//! never a panic or a hang. The expected diagnostics of every file are one reviewed snapshot.

use budc::diag::Lang;
use budc::report as render;
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

/// Everything a user or a tool can do with a file, in one go: compile it, read every
/// diagnostic, write JSON and DOCX (the library renders a budget with errors too; the CLI
/// refuses), and reformat it. Returns what went wrong.
fn use_every_way(file: SourceFile, docx: bool) -> Result<(), String> {
    let c = budc::compile(file, None);
    for d in &c.diagnostics {
        for l in &d.labels {
            let (s, e) = (l.span.start, l.span.end);
            if s > e || e > c.file.text.len() || c.file.text.get(s..e).is_none() {
                return Err(format!("{}: label {s}..{e} is not in the text", d.code));
            }
        }
        render::human(d, &c.file, render::HumanStyle::default());
        render::short(d, &c.file, Lang::En);
    }
    serde_json::from_str::<serde_json::Value>(&c.to_json())
        .map_err(|e| format!("the JSON does not parse: {e}"))?;
    if docx {
        c.to_docx().map_err(|e| format!("no DOCX: {e}"))?;
    }
    let formatted = budc::fmt::format(&c.file);
    if !c.has_errors() {
        formatted.map_err(|d| format!("fmt refuses a file without errors: {d:?}"))?;
    }
    Ok(())
}

#[test]
fn a_file_cut_anywhere_never_panics() {
    // The example cut every 991 bytes. A cut inside a character is a decoding error at the end
    // of the file; the same cut moved back to the character's start is a budget that stops
    // early, which every command must take without panicking.
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/liaocheng-2024.bud"
    ))
    .unwrap();
    let whole = String::from_utf8(text.clone()).unwrap();
    let mut failures = Vec::new();
    let mut mid_character = 0;
    for (i, end) in (0..=text.len()).step_by(991).enumerate() {
        let mut start_of_char = end;
        while !whole.is_char_boundary(start_of_char) {
            start_of_char -= 1;
        }
        if start_of_char != end {
            mid_character += 1;
            match SourceFile::decode("cut.bud", &text[..end]) {
                Ok(_) => failures.push(format!("{end}: a cut character decodes")),
                Err((_, d)) if d.code == "E0002" && d.message.en.contains("cut short") => {}
                Err((_, d)) => failures.push(format!("{end}: not reported as cut: {d:?}")),
            }
        }
        let prefix = &whole[..start_of_char];
        let file = match SourceFile::decode("cut.bud", prefix.as_bytes()) {
            Ok(f) => f,
            Err((_, d)) => {
                failures.push(format!(
                    "{start_of_char}: a valid prefix does not decode: {d:?}"
                ));
                continue;
            }
        };
        assert_eq!(file.text, prefix, "the text is the prefix, unchanged");
        // A DOCX takes long to write in a debug build: every third cut writes one.
        let outcome = std::panic::catch_unwind(|| use_every_way(file, i % 3 == 0))
            .unwrap_or_else(|_| Err("panicked".into()));
        if let Err(e) = outcome {
            failures.push(format!("cut at byte {start_of_char}: {e}"));
        }
    }
    assert!(mid_character > 0, "some cuts fall inside a character");
    assert!(failures.is_empty(), "{failures:#?}");
}
