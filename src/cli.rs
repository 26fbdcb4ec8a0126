//! The command line: a thin shell over the library. Exit codes: 0 clean, 1 errors in a budget,
//! 2 usage or I/O problems.

use crate::diag::{self, Diagnostic, HumanStyle, Severity};
use crate::model::Catalog;
use crate::source::SourceFile;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "budc",
    version,
    about = "部门预算的语言与编译器 — check and compile .bud budgets"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check budgets: parse errors, classification, arithmetic and assertions.
    Check {
        /// .bud files, or folders searched for .bud files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// A folder holding a classification catalog (the files of catalog/2024/).
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// Compile a budget to JSON.
    Compile {
        /// The .bud file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Output file (standard output when omitted).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// A folder holding a classification catalog.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// Print the JSON Schema of the JSON output.
    Schema,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
}

/// Exit codes.
pub const OK: i32 = 0;
pub const ERRORS: i32 = 1;
pub const USAGE: i32 = 2;

/// Runs the command line with the given arguments; returns the exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => OK,
                _ => USAGE,
            };
        }
    };
    match cli.command {
        Command::Check {
            paths,
            deny_warnings,
            catalog,
        } => check(&paths, deny_warnings, catalog.as_deref()),
        Command::Compile {
            file,
            format: Format::Json,
            output,
            catalog,
        } => compile(&file, output.as_deref(), catalog.as_deref()),
        Command::Schema => {
            print!("{}", crate::backend::json::schema());
            OK
        }
    }
}

fn style() -> HumanStyle {
    HumanStyle {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    }
}

fn usage_error(message: impl std::fmt::Display) -> i32 {
    eprintln!("错误：{message}");
    USAGE
}

fn load_catalog(dir: Option<&Path>) -> Result<Option<Catalog>, i32> {
    match dir {
        None => Ok(None),
        Some(d) => Catalog::from_dir(d)
            .map(Some)
            .map_err(|e| usage_error(format_args!("无法读取科目表：{e}"))),
    }
}

/// Reads and decodes a source file; an encoding problem is a diagnostic, I/O a usage error.
fn read_source(path: &Path) -> Result<Result<SourceFile, (SourceFile, Diagnostic)>, i32> {
    let bytes = std::fs::read(path)
        .map_err(|e| usage_error(format_args!("无法读取 {}：{e}", path.display())))?;
    let name = path.display().to_string();
    Ok(SourceFile::decode(name.clone(), &bytes).map_err(|d| (SourceFile::new(name, ""), d)))
}

fn print_diagnostics(diags: &[Diagnostic], file: &SourceFile) {
    let style = style();
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = write!(err, "{}", diag::render_human(d, file, style));
    }
}

/// Expands folders into the .bud files under them, sorted.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, i32> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)
                .map_err(|e| usage_error(format_args!("无法读取目录 {}：{e}", p.display())))?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "bud") {
            out.push(path);
        }
    }
    Ok(())
}

fn check(paths: &[PathBuf], deny_warnings: bool, catalog: Option<&Path>) -> i32 {
    let catalog = match load_catalog(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let files = match expand(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let mut worst = OK;
    let (mut errors, mut warnings) = (0usize, 0usize);
    for path in &files {
        let compiled = match read_source(path) {
            Err(code) => {
                worst = worst.max(code);
                continue;
            }
            Ok(Err((file, d))) => {
                print_diagnostics(std::slice::from_ref(&d), &file);
                errors += 1;
                worst = worst.max(ERRORS);
                continue;
            }
            Ok(Ok(file)) => crate::compile(file, catalog.as_ref()),
        };
        print_diagnostics(&compiled.diagnostics, &compiled.file);
        let e = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let w = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        errors += e;
        warnings += w;
        if e > 0 || (deny_warnings && w > 0) {
            worst = worst.max(ERRORS);
        }
    }
    if files.len() > 1 || errors + warnings > 0 {
        eprintln!(
            "检查了 {} 个文件：{} 个错误，{} 个警告",
            files.len(),
            errors,
            warnings
        );
    }
    worst
}

fn compile(file: &Path, output: Option<&Path>, catalog: Option<&Path>) -> i32 {
    let catalog = match load_catalog(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(out) = output {
        if same_file(file, out) {
            return usage_error(format_args!(
                "输出文件 {} 就是源文件：budc 不会覆盖源文件",
                out.display()
            ));
        }
    }
    let compiled = match read_source(file) {
        Err(code) => return code,
        Ok(Err((f, d))) => {
            print_diagnostics(std::slice::from_ref(&d), &f);
            return ERRORS;
        }
        Ok(Ok(f)) => crate::compile(f, catalog.as_ref()),
    };
    print_diagnostics(&compiled.diagnostics, &compiled.file);
    if compiled.has_errors() {
        eprintln!("有错误，未生成输出。");
        return ERRORS;
    }
    let json = compiled.to_json();
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(json.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return USAGE;
            }
            OK
        }
        Some(path) => match write_atomically(path, json.as_bytes()) {
            Ok(()) => OK,
            Err(e) => usage_error(format_args!("无法写入 {}：{e}", path.display())),
        },
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes a file so that readers see either the old or the new content, never a part:
/// a temporary file in the same folder, flushed, then renamed over the target.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.budc-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
