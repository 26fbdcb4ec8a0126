//! `budc explain`: the long explanation of a diagnostic code.

use super::ui::{Ui, OK};
use crate::diag::t;

pub fn run(ui: &mut Ui, code: Option<&str>, list: bool) -> i32 {
    let text = if list {
        crate::diag::codes::markdown_table()
    } else {
        let code = code.unwrap_or("");
        match crate::diag::codes::explain(code, ui.lang) {
            Some(text) => text,
            None => {
                return ui.fail(t!(
                    "没有代码 {code}；budc explain --list 列出所有代码",
                    "no code {code}; budc explain --list lists them all"
                ))
            }
        }
    };
    match ui.out(text.as_bytes()) {
        Ok(()) => OK,
        Err(code) => code,
    }
}
