//! What the tests that run the binary share.

/// The `budc` binary, in a locale that names no language: its messages and help are then in
/// Chinese, the default, whatever the machine's `LANG` says (`LANG=en_US…` would make them
/// English). A test that wants English says `--lang en`.
#[allow(dead_code)]
pub fn budc_command() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_budc"));
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    c
}
