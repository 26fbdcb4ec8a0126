//! Where a template's errors are: byte spans of the file turned into a file, line and column.

use super::TemplateError;
use crate::diag::Text;
use std::ops::Range;
use toml::Spanned;

/// Turns byte spans of the file into located errors.
pub(super) struct Locator<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
}

impl Locator<'_> {
    pub(super) fn error(&self, span: Range<usize>, message: Text) -> TemplateError {
        let before = self.text.get(..span.start).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map_or(1, |l| l.chars().count() + 1);
        TemplateError {
            file: self.file.to_string(),
            line,
            column,
            message,
        }
    }

    /// An error of the whole file (line 0).
    pub(super) fn whole_file(&self, message: Text) -> TemplateError {
        TemplateError {
            file: self.file.to_string(),
            line: 0,
            column: 0,
            message,
        }
    }

    /// A non-empty text, trimmed.
    pub(super) fn text(&self, w: &Spanned<String>) -> Result<String, TemplateError> {
        let s = w.get_ref().trim();
        if s.is_empty() {
            return Err(self.error(w.span(), Text::fixed("值为空", "empty value")));
        }
        Ok(s.to_string())
    }
}
