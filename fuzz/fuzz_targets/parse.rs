//! Any bytes: decoding and parsing never panic; every diagnostic points inside the text; the
//! fast parser gives exactly what pest alone gives from the grammar (`parse_reference`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = match budc::source::SourceFile::decode("fuzz.bud", data) {
        Ok(f) => f,
        Err((f, _)) => f,
    };
    let parsed = budc::syntax::parse(&file);
    assert_eq!(parsed, budc::syntax::parse_reference(&file), "the parsers disagree");
    for d in parsed.1 {
        for l in d.labels {
            assert!(l.span.start <= l.span.end && l.span.end <= file.text.len());
        }
    }
});
