//! Between byte offsets in the source and LSP positions (lines and UTF-16 columns), and the
//! word or line fragment at a position.

use crate::source::SourceFile;
use lsp_types as lsp;

/// Byte offset of an LSP position (UTF-16 columns). A position past the end of its line is the
/// end of the line; past the last line, the end of the text.
pub fn offset(file: &SourceFile, p: lsp::Position) -> usize {
    let start = file.line_start(p.line as usize);
    let line = file.text.get(start..).unwrap_or("");
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= p.character || c == '\n' {
            return start + i;
        }
        units = units.saturating_add(c.len_utf16() as u32);
    }
    file.text.len()
}

pub fn position(file: &SourceFile, at: usize) -> lsp::Position {
    let p = file.position(at);
    lsp::Position::new(
        p.line.saturating_sub(1) as u32,
        file.utf16_column(at).saturating_sub(1) as u32,
    )
}

pub fn range(file: &SourceFile, start: usize, end: usize) -> lsp::Range {
    lsp::Range::new(position(file, start), position(file, end))
}

/// The word under a byte offset: a run of non-space, non-separator characters, and its start.
pub fn word_at(text: &str, at: usize) -> (usize, &str) {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '|' | '｜');
    let before = text.get(..at).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_sep(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = text.get(at..).unwrap_or("");
    let end = at + after.find(is_sep).unwrap_or(after.len());
    (start, text.get(start..end).unwrap_or(""))
}

/// The text of the line before a byte offset.
pub fn line_before(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or("");
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    before.get(start..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_round_trip() {
        // 𝄞 is outside the BMP: two UTF-16 units, four bytes.
        let file = SourceFile::new("t.bud", "部门 甲\n𝄞 x\n".to_string());
        let at = offset(&file, lsp::Position::new(1, 3));
        assert_eq!(&file.text[at..at + 1], "x");
        assert_eq!(position(&file, at), lsp::Position::new(1, 3));
        // Past the line's end: the end of the line; past the last line: the end of the text.
        assert_eq!(offset(&file, lsp::Position::new(0, 99)), "部门 甲".len());
        assert_eq!(offset(&file, lsp::Position::new(99, 0)), file.text.len());
    }

    #[test]
    fn words_and_lines() {
        let text = "  支出 2080110｜劳动 300";
        let at = text.find("080").unwrap_or(0);
        assert_eq!(
            word_at(text, at),
            (text.find("2080110").unwrap_or(0), "2080110")
        );
        assert_eq!(
            word_at(text, text.len()),
            (text.find("劳动 ").unwrap_or(0) + "劳动 ".len(), "300")
        );
        // Not on a character boundary: nothing.
        assert_eq!(word_at(text, 4).1, "");
        assert_eq!(
            line_before("a\n  支出 208", "a\n  支出 208".len()),
            "  支出 208"
        );
    }
}
