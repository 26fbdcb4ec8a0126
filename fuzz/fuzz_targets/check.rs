//! Any text: the model, the views and every check run without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = budc::source::SourceFile::decode("fuzz.bud", data) {
        let c = budc::compile(file, None);
        for d in &c.diagnostics {
            let _ = budc::report::short(d, &c.file, budc::diag::Lang::Zh);
        }
    }
});
