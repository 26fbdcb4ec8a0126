//! Formatting is idempotent and keeps the model, on any text that parses.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = budc::source::SourceFile::decode("fuzz.bud", data) else {
        return;
    };
    let Ok(once) = budc::fmt::format(&file) else {
        return;
    };
    let again = budc::fmt::format(&budc::source::SourceFile::new("fuzz.bud", once.clone()))
        .expect("formatted text parses");
    assert_eq!(again, once, "fmt is not idempotent");
    let before = budc::compile(file, None).to_json();
    let after = budc::compile(budc::source::SourceFile::new("fuzz.bud", once), None).to_json();
    assert_eq!(before, after, "fmt changed the model");
});
