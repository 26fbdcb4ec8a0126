//! Formatting: the whole document through `budc fmt`, as one edit (none when already formatted,
//! no answer when it does not parse).

use super::position::range;
use crate::Compiled;
use lsp_types as lsp;

pub fn formatting(c: &Compiled) -> Option<Vec<lsp::TextEdit>> {
    let text = crate::fmt::format(&c.file).ok()?;
    if text == c.file.text {
        return Some(Vec::new());
    }
    Some(vec![lsp::TextEdit {
        range: range(&c.file, 0, c.file.text.len()),
        new_text: text,
    }])
}
