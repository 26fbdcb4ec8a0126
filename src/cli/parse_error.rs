//! clap's parse errors in the language of the messages. clap writes its errors in English; here
//! each is said again from its kind and its context (the argument, the value, the valid values,
//! the suggestion, the usage), in Chinese or English, never the two mixed. A kind not known here
//! still gets a message in the language, naming the argument at fault.

use crate::diag::{t, Lang, Text};
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The whole error, ready for standard error: the message, a tip if clap has one, the usage
/// line, and where to find more; each line in `lang`.
pub fn render(e: &clap::Error, lang: Lang) -> String {
    let (message, tips) = message(e);
    let mut lines = vec![{
        let (zh, en) = (&message.zh, &message.en);
        t!("错误：{zh}", "error: {en}")
    }];
    // A tip clap wrote in free text that is not known here is said only in English.
    for tip in tips.iter().filter(|t| !t.get(lang).is_empty()) {
        let (zh, en) = (&tip.zh, &tip.en);
        lines.push(t!("提示：{zh}", "tip: {en}"));
    }
    if let Some(usage) = usage(e) {
        lines.push(t!("用法：{usage}", "Usage: {usage}"));
    }
    lines.push(Text::fixed(
        "更多信息请用 --help",
        "For more information, try '--help'.",
    ));
    let mut out = String::new();
    for l in &lines {
        out.push_str(l.get(lang));
        out.push('\n');
    }
    out
}

/// The message of an error and its tips.
fn message(e: &clap::Error) -> (Text, Vec<Text>) {
    let arg = string(e, ContextKind::InvalidArg).map(|a| name(&a).to_string());
    let value = string(e, ContextKind::InvalidValue);
    let a = arg.clone().unwrap_or_default();
    let v = value.clone().unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument if a.starts_with('-') => {
            t!("未知选项 {a}", "unknown option '{a}'")
        }
        ErrorKind::UnknownArgument => t!("多余的参数 {a}", "unexpected argument '{a}'"),
        ErrorKind::InvalidValue => {
            let valid = strings(e, ContextKind::ValidValue);
            let said = if v.is_empty() {
                t!(
                    "{a} 缺少值",
                    "a value is required for '{a}' but none was supplied"
                )
            } else {
                t!("{a} 的值 {v} 无效", "invalid value '{v}' for '{a}'")
            };
            if valid.is_empty() {
                said
            } else {
                let (zh, en) = (&said.zh, &said.en);
                let (zh_list, en_list) = (valid.join("、"), valid.join(", "));
                t!("{zh}，可选：{zh_list}", "{en}; possible values: {en_list}")
            }
        }
        ErrorKind::ValueValidation => {
            let said = t!("{a} 的值 {v} 无效", "invalid value '{v}' for '{a}'");
            match std::error::Error::source(e).map(reason) {
                Some(why) => {
                    let (zh, en) = (&said.zh, &said.en);
                    match why {
                        (Some(zh_why), en_why) => {
                            t!("{zh}：{zh_why}", "{en}: {en_why}")
                        }
                        (None, en_why) => Text::new(zh.to_string(), format!("{en}: {en_why}")),
                    }
                }
                None => said,
            }
        }
        ErrorKind::InvalidSubcommand => {
            let s = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            t!("未知命令 {s}", "unrecognized subcommand '{s}'")
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(e, ContextKind::InvalidArg);
            if missing.is_empty() {
                Text::fixed("缺少必需的参数", "a required argument was not provided")
            } else {
                let (zh, en) = (missing.join("、"), missing.join(", "));
                t!(
                    "缺少参数 {zh}",
                    "the following required arguments were not provided: {en}"
                )
            }
        }
        ErrorKind::MissingSubcommand => {
            let s = string(e, ContextKind::InvalidSubcommand).unwrap_or_else(|| "budc".into());
            let valid = strings(e, ContextKind::ValidSubcommand);
            let (zh, en) = (valid.join("、"), valid.join(", "));
            if valid.is_empty() {
                t!("{s} 需要一个子命令", "'{s}' requires a subcommand")
            } else {
                t!(
                    "{s} 需要一个子命令，可选：{zh}",
                    "'{s}' requires a subcommand; subcommands: {en}"
                )
            }
        }
        ErrorKind::ArgumentConflict => {
            let who = arg
                .clone()
                .or_else(|| string(e, ContextKind::InvalidSubcommand))
                .unwrap_or_default();
            let prior: Vec<String> = strings(e, ContextKind::PriorArg)
                .iter()
                .map(|p| name(p).to_string())
                .collect();
            if prior.is_empty() {
                t!(
                    "{who} 不能与其他参数同时使用",
                    "'{who}' cannot be used with one or more of the other specified arguments"
                )
            } else if prior == [who.clone()] {
                t!("{who} 只能用一次", "'{who}' cannot be used multiple times")
            } else {
                let (zh, en) = (prior.join("、"), prior.join("', '"));
                t!(
                    "{who} 不能与 {zh} 同时使用",
                    "'{who}' cannot be used with '{en}'"
                )
            }
        }
        ErrorKind::NoEquals => t!(
            "{a} 的值须用等号给出（{a}=值）",
            "equal sign is needed when assigning values to '{a}'"
        ),
        ErrorKind::TooManyValues => t!(
            "{a} 多了一个值 {v}",
            "unexpected value '{v}' for '{a}' found; no more were expected"
        ),
        ErrorKind::TooFewValues => {
            let (min, got) = (
                number(e, ContextKind::MinValues),
                number(e, ContextKind::ActualNumValues),
            );
            t!(
                "{a} 至少需要 {min} 个值，只给了 {got} 个",
                "{min} values required by '{a}'; only {got} provided"
            )
        }
        ErrorKind::WrongNumberOfValues => {
            let (want, got) = (
                number(e, ContextKind::ExpectedNumValues),
                number(e, ContextKind::ActualNumValues),
            );
            t!(
                "{a} 需要 {want} 个值，给了 {got} 个",
                "{want} values required for '{a}' but {got} provided"
            )
        }
        ErrorKind::InvalidUtf8 => Text::fixed(
            "参数中有无效的 UTF-8 文本",
            "invalid UTF-8 was detected in one or more arguments",
        ),
        // Any other kind: said in the language, with the argument at fault when clap names it.
        _ => match arg
            .or(value)
            .or_else(|| string(e, ContextKind::InvalidSubcommand))
        {
            Some(x) => t!("命令行参数 {x} 有误", "invalid argument '{x}'"),
            None => Text::fixed("命令行有误", "invalid command line"),
        },
    };
    (message, tips(e, &a))
}

/// What clap suggests: a similar option, command or value, or how to pass a value that looks
/// like an option.
fn tips(e: &clap::Error, arg: &str) -> Vec<Text> {
    let mut out = Vec::new();
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        // clap lists them least alike first.
        let s: Vec<String> = strings(e, kind).into_iter().rev().collect();
        if !s.is_empty() {
            let (zh, en) = (s.join(" 或 "), s.join("' or '"));
            out.push(t!("是否想用 {zh}？", "did you mean '{en}'?"));
        }
    }
    // clap's own free-text suggestions: the ones known are said again, others only in English.
    for s in strings(e, ContextKind::Suggested) {
        if s.starts_with("to pass '") {
            out.push(t!(
                "要把 {arg} 作为值，请写成 -- {arg}",
                "to pass '{arg}' as a value, use '-- {arg}'"
            ));
        } else if let Some(cmd) = s
            .strip_prefix('\'')
            .and_then(|r| r.strip_suffix("' exists"))
        {
            out.push(t!("可用 {cmd}", "'{cmd}' exists"));
        } else if let Some(sub) = s
            .strip_prefix("subcommand '")
            .and_then(|r| r.split('\'').next())
        {
            out.push(t!(
                "有命令 {sub}；要用它，去掉前面的 --",
                "subcommand '{sub}' exists; to use it, remove the '--' before it"
            ));
        } else {
            out.push(Text::new(String::new(), s));
        }
    }
    out
}

/// The usage line of the command at fault, without clap's English title (the localized command
/// already has its placeholders in the language).
fn usage(e: &clap::Error) -> Option<String> {
    let u = string(e, ContextKind::Usage)?;
    let u = u.trim();
    let u = u.strip_prefix("Usage:").unwrap_or(u).trim();
    (!u.is_empty()).then(|| u.to_string())
}

/// The reason a value was refused, in Chinese when known and in English.
fn reason(source: &(dyn std::error::Error + 'static)) -> (Option<String>, String) {
    if source.is::<crate::files::read::NotASize>() {
        return (
            Some("不是大小（例如 512M、1G）".to_string()),
            "not a size (e.g. 512M, 1G)".to_string(),
        );
    }
    if let Some(p) = source.downcast_ref::<std::num::ParseIntError>() {
        use std::num::IntErrorKind as K;
        let zh = match p.kind() {
            K::Empty => Some("值为空"),
            K::InvalidDigit => Some("不是整数"),
            K::PosOverflow => Some("太大"),
            K::NegOverflow => Some("太小"),
            K::Zero => Some("不能为零"),
            _ => None,
        };
        return (zh.map(str::to_string), p.to_string());
    }
    (None, source.to_string())
}

/// An option without its value's placeholder: `--format <FORMAT>` → `--format`; a positional
/// argument (`<FILE>`) as it is.
fn name(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split_whitespace().next().unwrap_or(arg)
    } else {
        arg
    }
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        _ => Vec::new(),
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> isize {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => *n,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of parse error, even with clap's own English message and a free-text tip, is
    /// said in Chinese with no English word but the argument's own.
    #[test]
    fn no_kind_falls_back_to_clap_english() {
        use ErrorKind as K;
        let kinds = [
            K::InvalidValue,
            K::UnknownArgument,
            K::InvalidSubcommand,
            K::NoEquals,
            K::ValueValidation,
            K::TooManyValues,
            K::TooFewValues,
            K::WrongNumberOfValues,
            K::ArgumentConflict,
            K::MissingRequiredArgument,
            K::MissingSubcommand,
            K::InvalidUtf8,
            K::Io,
            K::Format,
        ];
        for kind in kinds {
            let mut e = clap::Error::raw(kind, "something went wrong in English\n");
            e.insert(ContextKind::InvalidArg, ContextValue::String("--x".into()));
            e.insert(ContextKind::InvalidValue, ContextValue::String("v".into()));
            e.insert(
                ContextKind::Suggested,
                ContextValue::StyledStrs(vec!["an English tip".into()]),
            );
            let zh = render(&e, Lang::Zh);
            assert!(zh.starts_with("错误："), "{kind:?}: {zh}");
            let english: Vec<&str> = zh
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                .filter(|w| !matches!(*w, "--x" | "v" | "--help" | "UTF-8" | "budc"))
                .collect();
            assert!(english.is_empty(), "{kind:?}: {zh}");
            let en = render(&e, Lang::En);
            assert!(en.starts_with("error: "), "{kind:?}: {en}");
            assert!(en.contains("tip: an English tip"), "{kind:?}: {en}");
        }
        let bare = render(&clap::Error::new(ErrorKind::Io), Lang::Zh);
        assert_eq!(bare, "错误：命令行有误\n更多信息请用 --help\n");
    }
}
