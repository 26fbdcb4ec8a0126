//! The pagination pass: the document rendered by LibreOffice (`soffice --convert-to pdf`), its
//! text read back page by page (`pdftotext -layout`), and the page where each heading of the
//! 目录 falls. Page numbers are printed from the first page after the cover and the 目录 (the
//! page whose footer reads `— 1 —`). Without LibreOffice or poppler nothing is found, and the
//! 目录 is written without page numbers.

use super::contents::Entry;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long LibreOffice may take to render one budget.
const TIMEOUT: Duration = Duration::from_secs(180);

/// Whether the pass can run here: `soffice` and `pdftotext` on the `PATH`.
pub fn available() -> bool {
    let runs = |cmd: &str, arg: &str| {
        Command::new(cmd)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    runs("soffice", "--version") && runs("pdftotext", "-v")
}

/// The printed page of each heading (by bookmark) in the rendering of `docx`; empty when
/// LibreOffice or pdftotext is missing or fails.
pub(super) fn heading_pages(docx: &[u8], headings: &[Entry]) -> BTreeMap<String, u32> {
    if !available() {
        return BTreeMap::new();
    }
    render_text(docx)
        .map(|pages| find(&pages, headings))
        .unwrap_or_default()
}

/// The pages of `docx` as LibreOffice lays them out, as text (one string per page).
pub fn render_text(docx: &[u8]) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("budget.docx");
    std::fs::write(&path, docx).ok()?;
    let pdf = to_pdf(dir.path(), &path)?;
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// Converts `docx` to PDF in `dir` with its own LibreOffice profile (so runs in parallel do not
/// share one), within `TIMEOUT`.
fn to_pdf(dir: &Path, docx: &Path) -> Option<std::path::PathBuf> {
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let mut child = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .env("HOME", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        match child.try_wait().ok()? {
            Some(status) if status.success() => break,
            Some(_) => return None,
            None if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    let pdf = dir.join("budget.pdf");
    pdf.exists().then_some(pdf)
}

/// A line without its spaces: pdftotext spaces CJK text its own way.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The index of the page numbered 1: the first whose last line is its footer `— 1 —`.
pub fn first_numbered(pages: &[String]) -> Option<usize> {
    pages.iter().position(|p| {
        p.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| squeeze(l) == "—1—")
    })
}

/// Each heading's printed page: the first page, from the previous heading's on, with a line
/// that is the heading's text. A heading not found gets no number.
pub fn find(pages: &[String], headings: &[Entry]) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    let Some(first) = first_numbered(pages) else {
        return out;
    };
    let mut at = first;
    for h in headings {
        let want = squeeze(&h.heading);
        let found = pages
            .iter()
            .enumerate()
            .skip(at)
            .find(|(_, p)| p.lines().any(|l| squeeze(l) == want));
        if let Some((i, _)) = found {
            at = i;
            out.insert(h.bookmark.clone(), (i - first + 1) as u32);
        }
    }
    out
}
