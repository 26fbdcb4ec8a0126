//! Any bytes: decoding and parsing never panic; every diagnostic points inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = match budc::source::SourceFile::decode("fuzz.bud", data) {
        Ok(f) => f,
        Err((f, _)) => f,
    };
    let (_, diags) = budc::syntax::parse(&file);
    for d in diags {
        for l in d.labels {
            assert!(l.span.start <= l.span.end && l.span.end <= file.text.len());
        }
    }
});
