//! Go to definition: from a sub-unit's id to its `二级单位` declaration.

use super::position::{offset, range};
use crate::syntax::line_at;
use crate::Compiled;
use lsp_types as lsp;

pub fn definition(c: &Compiled, uri: lsp::Uri, at: lsp::Position) -> Option<lsp::Location> {
    let under = line_at(&c.file.text, offset(&c.file, at)).word_under()?;
    let word = c.file.slice(under);
    let unit = c.budget.sub_units.iter().find(|u| u.id.value == word)?;
    Some(lsp::Location::new(
        uri,
        range(&c.file, unit.id.span.start, unit.id.span.end),
    ))
}
