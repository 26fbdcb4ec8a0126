//! The command line: a thin shell over the library. `args` holds the words, `ui` what a
//! command prints, one module per command. Exit codes: 0 clean, 1 errors in a budget, 2 usage
//! or I/O problems.

pub mod args;
pub mod catalog;
mod check;
mod compile;
mod diff;
mod explain;
mod fmt;
mod help;
mod import;
mod inputs;
mod migrate;
mod new;
mod parse_error;
mod region;
mod serve;
mod site;
mod site_folder;
pub mod ui;

use args::{Cli, Command};
use clap::{CommandFactory, FromArgMatches};
use ui::Ui;
pub use ui::{ERRORS, OK, USAGE};

/// Runs the command line with the given arguments; returns the exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    // The language first: the help itself is in it.
    let lang = help::language(&args);
    let parsed = help::localized(Cli::command(), lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind as K;
            return match e.kind() {
                K::DisplayHelp | K::DisplayVersion => {
                    let _ = e.print();
                    OK
                }
                // The help (localized), on standard error, for a command given without its words.
                K::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    USAGE
                }
                // Every other error said again in the language, never clap's English in Chinese.
                _ => {
                    use std::io::Write;
                    let text = parse_error::render(&e, lang);
                    let _ = std::io::stderr().lock().write_all(text.as_bytes());
                    USAGE
                }
            };
        }
    };
    crate::files::install_signal_cleanup();
    let lang = cli.lang.map(Into::into).unwrap_or(lang);
    match cli.command {
        Command::Check {
            paths,
            deny_warnings,
            catalog,
            message_format,
            limits,
        } => check::run(
            &mut Ui::new(lang, Some(limits)),
            &paths,
            deny_warnings,
            catalog.as_deref(),
            message_format,
        ),
        Command::Compile {
            files,
            format,
            pdfa,
            warnings,
            output,
            catalog,
            no_page_numbers,
            limits,
        } => compile::run(
            &mut Ui::new(lang, Some(limits)),
            &files,
            compile::Request {
                format,
                pdfa,
                paginate: !no_page_numbers,
                warnings,
            },
            output.as_deref(),
            catalog.as_deref(),
        ),
        Command::Fmt {
            files,
            check,
            limits,
        } => fmt::run(&mut Ui::new(lang, Some(limits)), &files, check),
        Command::Diff {
            files,
            git,
            git_external,
            format,
            catalog,
            limits,
        } => diff::run(
            &mut Ui::new(lang, Some(limits)),
            &files,
            git.as_deref(),
            git_external,
            format,
            catalog.as_deref(),
        ),
        Command::New {
            file,
            department,
            year,
            kind,
            unit,
            units,
            from,
        } => match from {
            Some(last) => new::from_last_year(&mut Ui::new(lang, None), &file, &last, year),
            None => new::run(
                &mut Ui::new(lang, None),
                &file,
                new::Request {
                    department: department.unwrap_or_default(),
                    year,
                    kind,
                    unit,
                    units,
                },
            ),
        },
        Command::Import {
            workbook,
            output,
            base,
            unit,
            department,
            year,
            force,
            limits,
        } => import::run(
            &mut Ui::new(lang, Some(limits)),
            &workbook,
            &output,
            import::Request {
                base,
                unit,
                department,
                year,
                force,
            },
        ),
        Command::Explain { code, list } => {
            explain::run(&mut Ui::new(lang, None), code.as_deref(), list)
        }
        Command::Catalog { action } => catalog::run(&mut Ui::new(lang, None), action),
        Command::Migrate {
            file,
            to,
            check,
            catalog,
            limits,
        } => migrate::run(
            &mut Ui::new(lang, Some(limits)),
            &file,
            &to,
            check,
            catalog.as_deref(),
        ),
        Command::Site {
            paths,
            output,
            pdf,
            catalog,
            limits,
        } => site::run(
            &mut Ui::new(lang, Some(limits)),
            &paths,
            &output,
            pdf,
            catalog.as_deref(),
        ),
        Command::Serve {
            path,
            port,
            bind,
            catalog,
            limits,
        } => serve::run(
            &mut Ui::new(lang, Some(limits)),
            &path,
            std::net::SocketAddr::new(bind, port),
            catalog.as_deref(),
        ),
        Command::Lsp => crate::lsp::run(),
        Command::Region {
            paths,
            format,
            output,
            control,
            warnings,
            catalog,
            limits,
        } => region::run(
            &mut Ui::new(lang, Some(limits)),
            &region::Request {
                paths,
                format,
                output,
                control,
                catalog,
                warnings,
            },
        ),
        Command::Schema { region } => {
            let mut ui = Ui::new(lang, None);
            let schema = if region {
                crate::region::json::schema()
            } else {
                crate::backend::json::schema()
            };
            match ui.out(schema.as_bytes()) {
                Ok(()) => OK,
                Err(code) => code,
            }
        }
    }
}
