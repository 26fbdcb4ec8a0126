//! The command line's words (clap): every command, flag and value, and nothing else.

use crate::diag::Lang;
use crate::files::read::{parse_size, DEFAULT_MAX_INPUT};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "budc",
    version,
    about = "部门预算的语言与编译器 — check and compile .bud budgets"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of the messages (zh: 中文, the default; en: English); without it, LANG decides.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
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
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Compile a budget to JSON, DOCX, XLSX, PDF, or all of them.
    Compile {
        /// The .bud file; or several files and folders, compiled in parallel into the folder -o.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format; without it, from the extension of -o (.docx, .xlsx, .pdf), else JSON.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// The PDF as PDF/A-2b, for archiving.
        #[arg(long)]
        pdfa: bool,
        /// Print every warning (else only their number; `budc check` prints them all).
        #[arg(long)]
        warnings: bool,
        /// Output file (standard output when omitted, JSON only); a folder with --format all.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// A folder holding a classification catalog.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        /// Leave the page numbers out of the DOCX's contents (目录) instead of finding them by
        /// rendering the document with LibreOffice (which runs only when it is installed).
        #[arg(long)]
        no_page_numbers: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Rewrite files in canonical form (in place, atomically); `-` reads stdin, writes stdout.
    Fmt {
        /// .bud files, or `-`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing: list the files that are not in canonical form, exit 1 if any.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        limits: LimitArgs,
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
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Start a budget: write the skeleton of a publishable budget, with Chinese comments.
    New {
        /// The new .bud file (never written over).
        file: PathBuf,
        /// 部门: the department's name (with --from: last year's).
        #[arg(long, required_unless_present = "from")]
        department: Option<String>,
        /// 年度: the budget year.
        #[arg(long)]
        year: u16,
        /// 单位性质: 行政, 参公 or 事业.
        #[arg(long, default_value = "行政")]
        kind: String,
        /// 金额单位: 万元 or 元.
        #[arg(long, default_value = "万元")]
        unit: String,
        /// Sub-units, `简称=全称,简称=全称`.
        #[arg(long)]
        units: Option<String>,
        /// Start from last year's budget: its structure, projects and goals, its figures as the
        /// 上年 figures; codes follow the catalog's crosswalk.
        #[arg(long, value_name = "LAST_YEAR.bud", conflicts_with_all = ["department", "kind", "unit", "units"])]
        from: Option<PathBuf>,
    },
    /// Bring a budget in from a workbook: the one budc writes (--format xlsx), or 预算管理一体化
    /// exports of 基本支出明细, 项目明细 and 绩效目标.
    Import {
        /// The workbook (.xlsx; also .xls and .ods).
        workbook: PathBuf,
        /// The .bud file to write (canonical form).
        #[arg(short, long, value_name = "FILE.bud")]
        output: PathBuf,
        /// Keep this budget's header, texts and other statements, and replace its 基本支出 and
        /// 项目 by the workbook's (e.g. a skeleton made by `budc new`).
        #[arg(long, value_name = "BASE.bud")]
        base: Option<PathBuf>,
        /// 金额单位 of the budget, when the workbook does not say (元 or 万元).
        #[arg(long)]
        unit: Option<String>,
        /// 部门: the department's name, when the workbook does not say.
        #[arg(long)]
        department: Option<String>,
        /// 年度: the budget year, when the workbook does not say.
        #[arg(long)]
        year: Option<u16>,
        /// Write over an existing output file.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Explain a diagnostic code, with a wrong and a right example.
    Explain {
        /// The code, e.g. E0201.
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// Print the table of all codes (Markdown) instead.
        #[arg(long)]
        list: bool,
    },
    /// The classification catalog: show a code, search by name, compare years, check a folder.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Next year's budget from this year's: codes, names and years rewritten for a catalog year.
    Migrate {
        /// The .bud file, rewritten in place (atomically).
        file: PathBuf,
        /// The catalog year to migrate to, e.g. 2025.
        #[arg(long, value_name = "YEAR")]
        to: String,
        /// Change nothing: print what would change, exit 1 if anything would.
        #[arg(long)]
        check: bool,
        /// A folder holding the target catalog (with its from-<year>.tsv crosswalk).
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// The summary of a region: every department (.bud files of the folders) of one year,
    /// checked together, as JSON, XLSX or DOCX.
    Region {
        /// Folders searched for .bud files (one department each), or .bud files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format; without it, from the extension of -o (.xlsx, .docx), else JSON.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Output file (standard output when omitted, JSON only); a folder with --format all.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The control file of approved totals (default: region.ctl in the folder).
        #[arg(long, value_name = "FILE")]
        control: Option<PathBuf>,
        /// Print the departments' warnings (else their number).
        #[arg(long)]
        warnings: bool,
        /// A folder holding a classification catalog.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Write the 预算公开 website: an index of the departments and a page for each, with its
    /// tables, explanations, charts and downloads; static files that work offline.
    Site {
        /// .bud files, or folders searched for .bud files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The folder to write the site into.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Offer each department's PDF too (laid out by LibreOffice, which must be installed).
        #[arg(long)]
        pdf: bool,
        /// A folder holding a classification catalog.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Preview the website while writing: serve the pages on this machine, rebuild them on every
    /// save with the diagnostics on top, and reload the browser.
    Serve {
        /// A .bud file, or a folder of them.
        path: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; only this machine by default.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// A folder holding a classification catalog.
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the JSON Schema of the JSON output.
    Schema {
        /// The schema of `budc region`'s JSON instead of a budget's.
        #[arg(long)]
        region: bool,
    },
    /// The language server, on stdio (for editors).
    Lsp,
}

/// Resource limits: how much is read, how much is printed.
#[derive(Debug, Clone, Copy, Args)]
pub struct LimitArgs {
    /// Refuse inputs larger than this (bytes, or with K/M/G).
    #[arg(long, value_name = "SIZE", default_value_t = DEFAULT_MAX_INPUT, value_parser = parse_size)]
    pub max_input_size: u64,
    /// Print at most this many diagnostics per file; the rest are counted in the summary.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_diagnostics: usize,
    /// Print at most this many diagnostics in the whole run.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub max_total_diagnostics: usize,
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
    /// The tables as a workbook, their sums as formulas.
    Xlsx,
    /// The publishable document as PDF, laid out by LibreOffice (`soffice`).
    Pdf,
    /// All of them, side by side in the folder given with -o (the PDF when LibreOffice is
    /// installed).
    All,
}

/// The actions of `budc catalog`.
#[derive(Debug, Subcommand)]
pub enum CatalogAction {
    /// One code: name, level, parent, children, mapping, source, confidence. Exit 1 if unknown.
    Show {
        /// The code, e.g. 2080110, 30101 or 50101.
        code: String,
        /// The catalog year (default: the newest built in).
        #[arg(long, value_name = "Y")]
        year: Option<String>,
        /// A folder holding a classification catalog instead of a built-in year.
        #[arg(long, value_name = "DIR", conflicts_with = "year")]
        catalog: Option<PathBuf>,
    },
    /// Codes whose name contains a word (functional 项, economic 款). Exit 1 if none.
    Search {
        word: String,
        /// The catalog year (default: the newest built in).
        #[arg(long, value_name = "Y")]
        year: Option<String>,
        /// A folder holding a classification catalog instead of a built-in year.
        #[arg(long, value_name = "DIR", conflicts_with = "year")]
        catalog: Option<PathBuf>,
    },
    /// Codes added, removed and renamed from one catalog to another (years or folders).
    Diff {
        old: String,
        new: String,
        #[arg(long, value_enum, default_value_t = CatalogDiffFormat::Text)]
        format: CatalogDiffFormat,
    },
    /// Check a catalog folder: readable, and of the shape of the built-in ones. Exit 1 on
    /// problems.
    Check { dir: PathBuf },
}

/// How `budc catalog diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogDiffFormat {
    Text,
    Json,
}
