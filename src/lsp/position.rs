//! Between byte offsets in the source and LSP positions (lines and UTF-16 columns). What stands
//! at an offset is the syntax layer's answer (`syntax::line_at`), not this module's.

use crate::source::SourceFile;
use lsp_types as lsp;

/// Byte offset of an LSP position (UTF-16 columns). A position past the end of its line is the
/// end of the line (before its break: `\n`, `\r\n` or a lone `\r`); past the last line, the end
/// of the text.
pub fn offset(file: &SourceFile, p: lsp::Position) -> usize {
    let start = file.line_start(p.line as usize);
    let line = file.text.get(start..).unwrap_or("");
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= p.character || c == '\n' || c == '\r' {
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
    fn the_end_of_a_line_is_before_its_break() {
        for text in [
            "部门 甲\r\n年度 2024",
            "部门 甲\r年度 2024",
            "部门 甲\n年度 2024",
        ] {
            let file = SourceFile::new("t.bud", text);
            assert_eq!(offset(&file, lsp::Position::new(0, 99)), "部门 甲".len());
            let year = offset(&file, lsp::Position::new(1, 3));
            assert_eq!(&text[year..], "2024", "{text:?}");
        }
    }
}
