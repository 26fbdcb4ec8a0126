//! PDF: the DOCX laid out by LibreOffice (`soffice --headless --convert-to pdf`), the real
//! engine, when it is installed; fonts embedded (LibreOffice's default), PDF/A-2b on request.
//! What LibreOffice writes from the clock is made fixed afterwards (`normalize`), so the same
//! budget gives the same bytes.

mod normalize;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why no PDF could be made.
#[derive(Debug)]
pub enum PdfError {
    /// `soffice` is not on the PATH.
    NoEngine,
    /// LibreOffice ran but gave no PDF (its output, cut short).
    Failed(String),
    /// LibreOffice ran longer than `TIMEOUT`.
    TimedOut,
    Io(std::io::Error),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoEngine => write!(f, "soffice (LibreOffice) is not installed"),
            PdfError::Failed(out) => write!(f, "LibreOffice made no PDF: {out}"),
            PdfError::TimedOut => write!(f, "LibreOffice took longer than {} s", TIMEOUT.as_secs()),
            PdfError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for PdfError {
    fn from(e: std::io::Error) -> Self {
        PdfError::Io(e)
    }
}

/// The longest a conversion may take (the example takes about 10 s on one core).
const TIMEOUT: Duration = Duration::from_secs(300);

/// The LibreOffice program, when it is on the PATH.
pub fn engine() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    // `soffice.exe` on Windows.
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("soffice"), dir.join("soffice.exe")])
        .find(|p| p.is_file())
}

/// The PDF of a DOCX, laid out by LibreOffice. `year` dates the document (as the DOCX is dated);
/// `pdfa` asks for PDF/A-2b, for archiving.
pub fn from_docx(docx: &[u8], year: u16, pdfa: bool) -> Result<Vec<u8>, PdfError> {
    let soffice = engine().ok_or(PdfError::NoEngine)?;
    // A folder of its own: the DOCX, the PDF and a LibreOffice profile (two runs at once must
    // not share one), removed when done.
    let dir = tempfile::Builder::new().prefix(".budc-pdf-").tempdir()?;
    let input = dir.path().join("budget.docx");
    std::fs::write(&input, docx)?;
    let filter = if pdfa {
        r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}"#
    } else {
        "pdf"
    };
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    // Its messages go to a file, not a pipe: a full pipe would stall it.
    let log = dir.path().join("soffice.log");
    let mut child = Command::new(soffice)
        .args([
            "--headless",
            "--norestore",
            "--nologo",
            &profile,
            "--convert-to",
            filter,
        ])
        .arg("--outdir")
        .arg(dir.path())
        .arg(&input)
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log)?)
        .stderr(std::fs::File::create(dir.path().join("soffice.err"))?)
        .spawn()?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PdfError::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let pdf = dir.path().join("budget.pdf");
    let bytes = match std::fs::read(&pdf) {
        Ok(b) if status.success() && !b.is_empty() => b,
        _ => return Err(PdfError::Failed(said(dir.path(), &pdf))),
    };
    Ok(normalize::fixed(bytes, year))
}

/// What LibreOffice said, for the message (at most a few hundred characters).
fn said(dir: &Path, pdf: &Path) -> String {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let out = read("soffice.err") + &read("soffice.log");
    let out = out.trim();
    let cut: String = out.chars().take(300).collect();
    if cut.is_empty() {
        format!("no {}", pdf.display())
    } else {
        cut
    }
}
