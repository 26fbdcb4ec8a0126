//! Any text without errors compiles to JSON that parses back; DOCX is written too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = budc::source::SourceFile::decode("fuzz.bud", data) {
        let c = budc::compile(file, None);
        if !c.has_errors() {
            let json = c.to_json();
            let _: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
            let _ = c.to_docx().expect("DOCX");
        }
    }
});
