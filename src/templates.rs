//! `模板 <名称|路径>`: the template a budget follows. A built-in one by name, or a user's
//! template file (`.toml`), its path relative to the budget's folder, read through
//! `crate::files` with its size limits. Without the statement: 标准. A name that is neither,
//! a file that cannot be read or a wrong file is a diagnostic (E0701, E0702), and the
//! document falls back to 标准.

use crate::diag::t;
use crate::diag::Diagnostic;
use crate::document::template::{self, Template, TemplateError};
use crate::files::read::read_input;
use crate::files::Limits;
use crate::model::Budget;
use crate::prior::resolve;
use crate::source::{SourceFile, Span};

/// The template of a budget: its `模板`, or 标准 (then also after an error, in `diags`).
pub fn of(budget: &Budget, file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Template {
    let Some(name) = budget.template.as_ref() else {
        return template::standard();
    };
    let value = name.value.trim();
    if let Some(t) = template::built_in(value) {
        return t;
    }
    let names = template::built_in_names().join("、");
    if !value.ends_with(".toml") {
        diags.push(
            Diagnostic::new(
                "E0701",
                t!("没有叫“{value}”的模板", "no template is called “{value}”"),
            )
            .at(name.span, t!("未知的模板", "unknown template"))
            .with_help(t!(
                "内置模板：{names}；或写模板文件（.toml）的路径，相对于本文件所在的目录。",
                "built-in templates: {names}; or the path of a template file (.toml), relative to this file's folder."
            )),
        );
        return template::standard();
    }
    let full = resolve(&file.name, value);
    let bytes = match read_input(&full, Limits::default()) {
        Ok(b) => b,
        Err(e) => {
            let (zh, en) = (e.line(crate::diag::Lang::Zh), e.line(crate::diag::Lang::En));
            diags.push(
                Diagnostic::new(
                    "E0701",
                    t!(
                        "读不到模板文件“{value}”",
                        "cannot read the template file “{value}”"
                    ),
                )
                .at(name.span, t!("{zh}", "{en}"))
                .with_help(t!(
                    "路径相对于本文件所在的目录；内置模板：{names}。",
                    "the path is relative to this file's folder; built-in templates: {names}."
                )),
            );
            return template::standard();
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        diags.push(
            Diagnostic::new(
                "E0701",
                t!(
                    "模板文件“{value}”不是 UTF-8 编码",
                    "the template file “{value}” is not UTF-8"
                ),
            )
            .at(name.span, t!("不是 UTF-8", "not UTF-8"))
            .with_help(t!(
                "把模板文件另存为 UTF-8 编码。",
                "save the template file as UTF-8."
            )),
        );
        return template::standard();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match template::parse(value, text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(wrong(&e, name.span));
            template::standard()
        }
    }
}

/// A wrong template file (E0702), shown on the `模板` line with the place in the file.
pub fn wrong(e: &TemplateError, span: Span) -> Diagnostic {
    let place = e.place();
    let (zh, en) = (&e.message.zh, &e.message.en);
    Diagnostic::new(
        "E0702",
        t!(
            "模板文件有误：{place}: {zh}",
            "wrong template file: {place}: {en}"
        ),
    )
    .at(span, t!("模板有误", "wrong template"))
    .with_help(t!(
        "改正模板文件（格式见 README 的“模板”一节，内置的 templates/上海.toml 可作样例）。",
        "correct the template file (its format: README, “模板”; templates/上海.toml is an example)."
    ))
}
