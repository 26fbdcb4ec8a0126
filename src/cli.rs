//! The command line: a thin shell over the library. Exit codes: 0 clean, 1 errors in a budget,
//! 2 usage or I/O problems.

use crate::diag::render::{self, HumanStyle, Summary};
use crate::diag::{Diagnostic, Lang, Severity};
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
        /// How diagnostics are printed.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Compile a budget to JSON, DOCX, or both.
    Compile {
        /// The .bud file; or several files and folders, compiled in parallel into the folder -o.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Output file (standard output when omitted, JSON only); a folder with --format all.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// A folder holding a classification catalog.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Rewrite files in canonical form (in place, atomically); `-` reads stdin, writes stdout.
    Fmt {
        /// .bud files, or `-`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing: list the files that are not in canonical form, exit 1 if any.
        #[arg(long)]
        check: bool,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Compare two budgets in budget terms. Exit 0 equal, 1 different, 2 error.
    Diff {
        /// OLD and NEW; with --git, the FILE to compare with its version at REV; with
        /// --git-external, the seven arguments git gives a diff driver.
        #[arg(required = true, num_args = 1..)]
        files: Vec<String>,
        /// Compare FILE with its version at this git revision.
        #[arg(long, value_name = "REV")]
        git: Option<String>,
        /// Act as git's external diff driver (see README): always exit 0 unless an error.
        #[arg(long, hide = true)]
        git_external: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// A folder holding a classification catalog.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// Explain a diagnostic code, with a wrong and a right example.
    Explain {
        /// The code, e.g. E0201.
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// Print the table of all codes (Markdown) instead.
        #[arg(long)]
        list: bool,
        /// Language of the explanation.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Print the JSON Schema of the JSON output.
    Schema,
    /// The language server, on stdio (for editors).
    Lsp,
}

/// How `budc diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}

/// How `budc check` prints diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people: the source line, the fault underlined, a fix.
    Human,
    /// One JSON document (`budc.diagnostics.v1`).
    Json,
    /// SARIF 2.1.0, for code-review tools.
    Sarif,
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Open data: the JSON contract (README).
    Json,
    /// The publishable document.
    Docx,
    /// Both, side by side in the folder given with -o.
    All,
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
            message_format,
            lang,
        } => check(
            &paths,
            deny_warnings,
            catalog.as_deref(),
            message_format,
            lang.into(),
        ),
        Command::Compile {
            files,
            format,
            output,
            catalog,
            lang,
        } => match files.as_slice() {
            [file] if !file.is_dir() => compile(
                file,
                format,
                output.as_deref(),
                catalog.as_deref(),
                lang.into(),
            ),
            _ => compile_many(
                &files,
                format,
                output.as_deref(),
                catalog.as_deref(),
                lang.into(),
            ),
        },
        Command::Explain { code, list, lang } => explain(code.as_deref(), list, lang.into()),
        Command::Fmt { files, check, lang } => fmt(&files, check, lang.into()),
        Command::Diff {
            files,
            git,
            git_external,
            format,
            catalog,
        } => diff(
            &files,
            git.as_deref(),
            git_external,
            format,
            catalog.as_deref(),
        ),
        Command::Lsp => crate::lsp::run(),
        Command::Schema => {
            print!("{}", crate::backend::json::schema());
            OK
        }
    }
}

fn style(lang: Lang) -> HumanStyle {
    HumanStyle {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
        lang,
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
    Ok(SourceFile::from_bytes(name, bytes))
}

fn print_diagnostics(diags: &[Diagnostic], file: &SourceFile, lang: Lang) {
    let style = style(lang);
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = write!(err, "{}", render::human(d, file, style));
    }
}

/// What a command over many budgets starts from: the catalog and the .bud files to read.
fn inputs(
    paths: &[PathBuf],
    catalog: Option<&Path>,
) -> Result<(Option<Catalog>, Vec<PathBuf>), i32> {
    Ok((load_catalog(catalog)?, expand(paths)?))
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

/// One checked file: its source, its diagnostics and its total spending.
type Checked = (SourceFile, Vec<Diagnostic>, rust_decimal::Decimal);

fn check(
    paths: &[PathBuf],
    deny_warnings: bool,
    catalog: Option<&Path>,
    format: MessageFormat,
    lang: Lang,
) -> i32 {
    use rayon::prelude::*;
    let (catalog, files) = match inputs(paths, catalog) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Every file is read and checked in parallel; reports come out in the order given.
    let results: Vec<Result<Checked, i32>> = files
        .par_iter()
        .map(|path| match read_source(path) {
            Err(code) => Err(code),
            Ok(Err((file, d))) => Ok((file, vec![d], rust_decimal::Decimal::ZERO)),
            Ok(Ok(file)) => {
                let c = crate::compile(file, catalog.as_ref());
                let total = c.document.figures.expenditure_total;
                Ok((c.file, c.diagnostics, total))
            }
        })
        .collect();
    let mut worst = OK;
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    let mut total = rust_decimal::Decimal::ZERO;
    let mut reports: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
    for r in results {
        let (file, diags, amount) = match r {
            Err(code) => {
                worst = worst.max(code);
                continue;
            }
            Ok(x) => x,
        };
        total += amount;
        let e = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let w = diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        summary.errors += e;
        summary.warnings += w;
        if e > 0 || (deny_warnings && w > 0) {
            worst = worst.max(ERRORS);
        }
        if format == MessageFormat::Human {
            print_diagnostics(&diags, &file, lang);
        } else {
            reports.push((file, diags));
        }
    }
    let refs: Vec<(&SourceFile, &[Diagnostic])> =
        reports.iter().map(|(f, d)| (f, d.as_slice())).collect();
    match format {
        MessageFormat::Human => {
            if files.len() > 1 || summary.errors + summary.warnings > 0 {
                let (n, e, w) = (summary.files, summary.errors, summary.warnings);
                let line = match lang {
                    Lang::Zh => {
                        format!("检查了 {n} 个文件：{e} 个错误，{w} 个警告；支出合计 {total:.2}")
                    }
                    Lang::En => format!(
                        "checked {n} files: {e} errors, {w} warnings; spending in all {total:.2}"
                    ),
                };
                eprintln!("{line}");
            }
        }
        MessageFormat::Json => print!("{}", render::json(&refs, lang, summary)),
        MessageFormat::Sarif => print!("{}", render::sarif(&refs, lang)),
    }
    worst
}

fn compile(
    file: &Path,
    format: Format,
    output: Option<&Path>,
    catalog: Option<&Path>,
    lang: Lang,
) -> i32 {
    let catalog = match load_catalog(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let zh_en = |zh: String, en: String| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    // Where each output goes.
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "budget".into());
    let targets: Vec<(Format, Option<PathBuf>)> = match (format, output) {
        (Format::Json, o) => vec![(Format::Json, o.map(Path::to_path_buf))],
        (Format::Docx, Some(o)) => vec![(Format::Docx, Some(o.to_path_buf()))],
        (Format::Docx, None) => {
            return usage_error(zh_en(
                "DOCX 须用 -o 指定输出文件".into(),
                "DOCX needs an output file: -o OUT.docx".into(),
            ))
        }
        (Format::All, Some(dir)) => vec![
            (Format::Json, Some(dir.join(format!("{stem}.json")))),
            (Format::Docx, Some(dir.join(format!("{stem}.docx")))),
        ],
        (Format::All, None) => {
            return usage_error(zh_en(
                "--format all 须用 -o 指定输出目录".into(),
                "--format all needs an output folder: -o DIR".into(),
            ))
        }
    };
    for (_, out) in &targets {
        if let Some(out) = out {
            if same_file(file, out) {
                let o = out.display();
                return usage_error(zh_en(
                    format!("输出文件 {o} 就是源文件：budc 不会覆盖源文件"),
                    format!("the output {o} is the source file: budc never overwrites a source"),
                ));
            }
        }
    }
    let compiled = match read_source(file) {
        Err(code) => return code,
        Ok(Err((f, d))) => {
            print_diagnostics(std::slice::from_ref(&d), &f, lang);
            return ERRORS;
        }
        Ok(Ok(f)) => crate::compile(f, catalog.as_ref()),
    };
    print_diagnostics(&compiled.diagnostics, &compiled.file, lang);
    if compiled.has_errors() {
        eprintln!(
            "{}",
            zh_en(
                "有错误，未生成输出。".into(),
                "errors: nothing written.".into()
            )
        );
        return ERRORS;
    }
    for (format, out) in targets {
        let bytes = match format {
            Format::Docx => match compiled.to_docx() {
                Ok(b) => b,
                Err(e) => return usage_error(format_args!("DOCX: {e}")),
            },
            _ => compiled.to_json().into_bytes(),
        };
        let written = match &out {
            None => {
                let mut o = std::io::stdout().lock();
                o.write_all(&bytes).and_then(|_| o.flush())
            }
            Some(path) => write_atomically(path, &bytes),
        };
        if let Err(e) = written {
            let path = out
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "stdout".into());
            return usage_error(format_args!("{path}: {e}"));
        }
    }
    OK
}

/// One compiled file of many: its source, its diagnostics, whether its outputs were written.
type Compiled = (SourceFile, Vec<Diagnostic>, bool);

/// Many budgets at once (a 财政局 compiles all its departments): in parallel, each into
/// `DIR/<name>.json` and/or `DIR/<name>.docx`, reports in order, one summary.
fn compile_many(
    paths: &[PathBuf],
    format: Format,
    output: Option<&Path>,
    catalog: Option<&Path>,
    lang: Lang,
) -> i32 {
    use rayon::prelude::*;
    let Some(dir) = output else {
        return usage_error(match lang {
            Lang::Zh => "编译多个文件时须用 -o 指定输出目录",
            Lang::En => "several files need an output folder: -o DIR",
        });
    };
    let (catalog, files) = match inputs(paths, catalog) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut stems = std::collections::BTreeSet::new();
    for f in &files {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !stems.insert(stem.clone()) {
            return usage_error(format_args!(
                "{stem}: two budgets with this name would write the same output"
            ));
        }
    }
    let results: Vec<Result<Compiled, i32>> = files
        .par_iter()
        .map(|path| {
            let file = match read_source(path)? {
                Ok(f) => f,
                Err((f, d)) => return Ok((f, vec![d], false)),
            };
            let c = crate::compile(file, catalog.as_ref());
            if c.has_errors() {
                return Ok((c.file, c.diagnostics, false));
            }
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if matches!(format, Format::Json | Format::All) {
                write_atomically(&dir.join(format!("{stem}.json")), c.to_json().as_bytes())
                    .map_err(|e| usage_error(format_args!("{}: {e}", dir.display())))?;
            }
            if matches!(format, Format::Docx | Format::All) {
                let bytes = c
                    .to_docx()
                    .map_err(|e| usage_error(format_args!("DOCX: {e}")))?;
                write_atomically(&dir.join(format!("{stem}.docx")), &bytes)
                    .map_err(|e| usage_error(format_args!("{}: {e}", dir.display())))?;
            }
            Ok((c.file, c.diagnostics, true))
        })
        .collect();
    let mut worst = OK;
    let (mut written, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    for r in results {
        match r {
            Err(code) => worst = worst.max(code),
            Ok((file, diags, ok)) => {
                print_diagnostics(&diags, &file, lang);
                errors += diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                warnings += diags
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .count();
                if ok {
                    written += 1;
                } else {
                    worst = worst.max(ERRORS);
                }
            }
        }
    }
    let n = files.len();
    eprintln!(
        "{}",
        match lang {
            Lang::Zh =>
                format!("编译了 {n} 个文件：{written} 个已输出，{errors} 个错误，{warnings} 个警告"),
            Lang::En => format!(
                "compiled {n} files: {written} written, {errors} errors, {warnings} warnings"
            ),
        }
    );
    worst
}

fn fmt(files: &[PathBuf], check: bool, lang: Lang) -> i32 {
    let mut worst = OK;
    for path in files {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            if std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).is_err() {
                return usage_error("stdin");
            }
            let file = match SourceFile::decode("<stdin>", &bytes) {
                Ok(f) => f,
                Err((f, d)) => {
                    print_diagnostics(std::slice::from_ref(&d), &f, lang);
                    return ERRORS;
                }
            };
            match crate::fmt::format(&file) {
                Ok(s) => print!("{s}"),
                Err(diags) => {
                    print_diagnostics(&diags, &file, lang);
                    // An editor that pipes through fmt gets its text back unchanged.
                    print!("{}", file.text);
                    worst = worst.max(ERRORS);
                }
            }
            continue;
        }
        let file = match read_source(path) {
            Err(code) => {
                worst = worst.max(code);
                continue;
            }
            Ok(Err((f, d))) => {
                print_diagnostics(std::slice::from_ref(&d), &f, lang);
                worst = worst.max(ERRORS);
                continue;
            }
            Ok(Ok(f)) => f,
        };
        let formatted = match crate::fmt::format(&file) {
            Ok(s) => s,
            Err(diags) => {
                print_diagnostics(&diags, &file, lang);
                worst = worst.max(ERRORS);
                continue;
            }
        };
        let original = std::fs::read(path).unwrap_or_default();
        if formatted.as_bytes() == original.as_slice() {
            continue;
        }
        if check {
            println!("{}", path.display());
            worst = worst.max(ERRORS);
        } else if let Err(e) = write_atomically(path, formatted.as_bytes()) {
            worst = worst.max(usage_error(format_args!("{}: {e}", path.display())));
        }
    }
    worst
}

/// Compiles one side of a diff; syntax errors make it incomparable.
fn diff_side(
    name: String,
    bytes: &[u8],
    catalog: Option<&Catalog>,
) -> Result<crate::Compiled, i32> {
    let file = match SourceFile::decode(name, bytes) {
        Ok(f) => f,
        Err((f, d)) => {
            print_diagnostics(std::slice::from_ref(&d), &f, Lang::Zh);
            return Err(USAGE);
        }
    };
    let c = crate::compile(file, catalog);
    let syntax: Vec<Diagnostic> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("E00"))
        .cloned()
        .collect();
    if !syntax.is_empty() {
        print_diagnostics(&syntax, &c.file, Lang::Zh);
        return Err(USAGE);
    }
    Ok(c)
}

fn diff(
    files: &[String],
    git: Option<&str>,
    git_external: bool,
    format: DiffFormat,
    catalog: Option<&Path>,
) -> i32 {
    let catalog = match load_catalog(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let read =
        |p: &str| std::fs::read(p).map_err(|e| usage_error(format_args!("无法读取 {p}：{e}")));
    let (old_name, old_bytes, new_name, new_bytes) = match (git, git_external, files) {
        (Some(rev), _, [file]) => {
            let out = std::process::Command::new("git")
                .args(["show", &format!("{rev}:./{file}")])
                .output();
            let old = match out {
                Ok(o) if o.status.success() => o.stdout,
                Ok(o) => return usage_error(String::from_utf8_lossy(&o.stderr).trim()),
                Err(e) => return usage_error(format_args!("git: {e}")),
            };
            let new = match read(file) {
                Ok(b) => b,
                Err(c) => return c,
            };
            (format!("{rev}:{file}"), old, file.clone(), new)
        }
        // git gives: path old-file old-hex old-mode new-file new-hex new-mode.
        (None, true, [path, old, _, _, new, _, _]) => match (read(old), read(new)) {
            (Ok(a), Ok(b)) => (format!("a/{path}"), a, format!("b/{path}"), b),
            (Err(c), _) | (_, Err(c)) => return c,
        },
        (None, false, [old, new]) => match (read(old), read(new)) {
            (Ok(a), Ok(b)) => (old.clone(), a, new.clone(), b),
            (Err(c), _) | (_, Err(c)) => return c,
        },
        _ => return usage_error("用法：budc diff OLD NEW，或 budc diff --git REV FILE"),
    };
    let old = match diff_side(old_name, &old_bytes, catalog.as_ref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let new = match diff_side(new_name, &new_bytes, catalog.as_ref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let d = crate::diff::diff(&old, &new);
    let format = match format {
        DiffFormat::Text => crate::diff::Format::Text,
        DiffFormat::Markdown => crate::diff::Format::Markdown,
        DiffFormat::Json => crate::diff::Format::Json,
    };
    print!(
        "{}",
        crate::diff::render(&d, format, new.budget.unit().as_str())
    );
    if git_external || d.is_empty() {
        OK
    } else {
        ERRORS
    }
}

fn explain(code: Option<&str>, list: bool, lang: Lang) -> i32 {
    if list {
        print!("{}", crate::diag::codes::markdown_table());
        return OK;
    }
    let code = code.unwrap_or("");
    match crate::diag::codes::explain(code, lang) {
        Some(text) => {
            print!("{text}");
            OK
        }
        None => usage_error(match lang {
            Lang::Zh => format!("没有代码 {code}；budc explain --list 列出所有代码"),
            Lang::En => format!("no code {code}; budc explain --list lists them all"),
        }),
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
