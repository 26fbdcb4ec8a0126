//! The `.bud` text an import writes, line by line, with the cell each word came from, so that
//! a diagnostic on the text can point at the workbook's cell.

use super::sheet::At;
use std::ops::Range;

/// The text being written and where its words came from.
#[derive(Default)]
pub struct Out {
    pub text: String,
    pub parts: Vec<(Range<usize>, At)>,
}

/// A word of a line, with its cell when it came from one.
pub struct Word {
    pub text: String,
    pub at: Option<At>,
}

pub fn word(text: impl Into<String>) -> Word {
    Word {
        text: text.into(),
        at: None,
    }
}

pub fn cell(text: impl Into<String>, at: At) -> Word {
    Word {
        text: text.into(),
        at: Some(at),
    }
}

impl Out {
    /// A line of words separated by one space, indented by `indent` levels; empty words left out.
    pub fn line(&mut self, indent: usize, words: Vec<Word>) {
        self.text.push_str(&"  ".repeat(indent));
        let mut first = true;
        for w in words {
            if w.text.is_empty() {
                continue;
            }
            if !first {
                self.text.push(' ');
            }
            first = false;
            let start = self.text.len();
            self.text.push_str(&w.text);
            if let Some(at) = w.at {
                self.parts.push((start..self.text.len(), at));
            }
        }
        self.text.push('\n');
    }

    /// An empty line, unless the text already ends with one (or is empty).
    pub fn blank(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// A comment line.
    pub fn comment(&mut self, text: &str) {
        self.text.push_str("# ");
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// The cell a byte offset of the text came from.
    pub fn cell_at(&self, offset: usize) -> Option<At> {
        self.parts
            .iter()
            .find(|(r, _)| r.start <= offset && offset < r.end.max(r.start + 1))
            .map(|(_, at)| *at)
    }
}

/// A text made fit for one `.bud` line: line breaks removed, `|` (the indicator's separator)
/// made full-width.
pub fn one_line(s: &str) -> String {
    s.replace("\r\n", "")
        .replace(['\n', '\r'], "")
        .replace('|', "｜")
        .trim()
        .to_string()
}
