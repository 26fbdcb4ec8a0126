//! The PDF, laid out by LibreOffice: the same budget gives the same bytes (the clock and the
//! random ID LibreOffice writes are fixed), the fonts are embedded, PDF/A-2b on request. CI
//! installs LibreOffice (.ci/run sets BUDC_REQUIRE_SOFFICE=1); elsewhere the tests are skipped
//! when `soffice` is missing.

mod common;
use common::budc_command;

use budc::source::SourceFile;

fn compiled(name: &str) -> budc::Compiled {
    let path = format!("{}/examples/{name}.bud", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let c = budc::compile(SourceFile::new(path, text), None);
    assert!(!c.has_errors());
    c
}

fn soffice() -> bool {
    if budc::backend::pdf::engine().is_some() {
        return true;
    }
    assert!(
        std::env::var_os("BUDC_REQUIRE_SOFFICE").is_none(),
        "soffice is required here"
    );
    eprintln!("soffice not installed: skipped");
    false
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn the_pdf_is_the_same_twice_with_its_fonts_embedded() {
    if !soffice() {
        return;
    }
    let c = compiled("yunxi-cdc-2024");
    let a = c.to_pdf(false).unwrap();
    let b = c.to_pdf(false).unwrap();
    assert!(a.starts_with(b"%PDF-"));
    assert!(a == b, "two conversions differ");
    // Every font is embedded (a FontFile stream per font).
    let fonts = count(&a, b"/Type/Font") + count(&a, b"/Type /Font");
    let embedded = count(&a, b"/FontFile");
    assert!(
        fonts > 0 && embedded > 0,
        "{fonts} fonts, {embedded} embedded"
    );
    // Dated 1 January of the budget year, as the DOCX is.
    assert!(count(&a, b"/CreationDate(D:20240101000000") == 1);
}

#[test]
fn pdfa_for_archiving_is_the_same_twice() {
    if !soffice() {
        return;
    }
    let c = compiled("songling-sasac-2024");
    let a = c.to_pdf(true).unwrap();
    let b = c.to_pdf(true).unwrap();
    assert!(count(&a, b"<pdfaid:part>2</pdfaid:part>") == 1);
    assert!(count(&a, b"<xmp:CreateDate>2024-01-01T00:00:00") == 1);
    assert!(a == b, "two PDF/A conversions differ");
}

fn budc(args: &[&str], path_env: Option<&str>) -> std::process::Output {
    let mut cmd = budc_command();
    cmd.args(args);
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    cmd.output().unwrap()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("budc-pdf-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/yunxi-cdc-2024.bud");

#[test]
fn without_libreoffice_a_pdf_is_exit_2_with_what_to_install() {
    let dir = scratch("no-engine");
    let out = dir.join("x.pdf");
    let o = budc(&["compile", EXAMPLE, "-o", out.to_str().unwrap()], Some(""));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("apt install libreoffice-writer-nogui"),
        "{err}"
    );
    assert!(!out.exists());
    // --format all writes what it can and says there is no PDF.
    let o = budc(
        &[
            "compile",
            EXAMPLE,
            "--format",
            "all",
            "-o",
            dir.to_str().unwrap(),
        ],
        Some(""),
    );
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("不生成 PDF"), "{err}");
    assert!(dir.join("yunxi-cdc-2024.json").exists());
    assert!(dir.join("yunxi-cdc-2024.docx").exists());
    assert!(!dir.join("yunxi-cdc-2024.pdf").exists());
}

#[test]
fn compile_writes_a_pdf_that_poppler_reads_without_complaint() {
    if !soffice() {
        return;
    }
    let dir = scratch("with-engine");
    let out = dir.join("budget.pdf");
    let o = budc(
        &["compile", EXAMPLE, "--pdfa", "-o", out.to_str().unwrap()],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // pdftotext (poppler) parses every object after the PDF/A rewrite: no syntax error, and the
    // text holds the budget's total.
    let Ok(t) = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&out)
        .arg("-")
        .output()
    else {
        return;
    };
    let err = String::from_utf8_lossy(&t.stderr);
    assert!(!err.contains("Error"), "{err}");
    assert!(String::from_utf8_lossy(&t.stdout).contains("13,719,463.20"));
}
