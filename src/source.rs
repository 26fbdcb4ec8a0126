//! Source files: decoding (BOM, UTF-8), and byte offset ↔ line/column conversion.

use crate::diag::t;
use crate::diag::Diagnostic;

pub use crate::span::{Span, Spanned};

/// A decoded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (the path as given).
    pub name: String,
    /// The text, without a UTF-8 byte order mark.
    pub text: String,
    /// Where each line starts: computed on the first position asked for (only diagnostics
    /// need positions, so a clean file never pays for them).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// 1-based line and column of a byte offset; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.replace_range(..'\u{feff}'.len_utf8(), "");
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        // Lines break where the grammar breaks them (and LSP clients): `\n`, `\r\n`, a lone `\r`.
        self.line_starts
            .get_or_init(|| lines(&self.text).map(|(start, _)| start).collect())
    }

    /// Decodes the bytes of a file, taking them over (no copy when they are UTF-8); see
    /// `decode`.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, (Self, Diagnostic)> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(e) => SourceFile::decode(name, e.as_bytes()),
        }
    }

    /// Decodes raw bytes: UTF-8 only, with an optional BOM. Anything else gets a diagnostic
    /// that names the encoding the bytes most likely are, located in a lossy decoding of the
    /// file (returned with it, so the diagnostic can show the line).
    pub fn decode(name: impl Into<String>, bytes: &[u8]) -> Result<Self, (Self, Diagnostic)> {
        let name = name.into();
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(err) => {
                let at = err.valid_up_to();
                let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
                let byte = at + 1;
                // The bytes from the first fault on: a UTF-8 start (or a BOM) would mislead.
                let enc = likely_encoding(bytes).or_else(|| gbk_like(&bytes[at..]));
                // A UTF-8 file cut in the middle of a character ends in an incomplete sequence.
                let truncated = err.error_len().is_none();
                // The bytes before the fault are valid UTF-8 and stay where they were, so the
                // first replacement character of the lossy text is the first bad byte.
                let lossy = SourceFile::new(name, String::from_utf8_lossy(bytes).into_owned());
                let bom = if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
                    3
                } else {
                    0
                };
                let at_text = at.saturating_sub(bom);
                let span = Span::new(at_text, at_text + '\u{fffd}'.len_utf8());
                let (message, help) = match enc {
                    _ if truncated => (
                        t!(
                            "文件在一个字符的中间结束（第 {line} 行）：文件可能不完整",
                            "the file ends in the middle of a character (line {line}): it may be cut short"
                        ),
                        t!(
                            "文件多半在复制或下载时被截断：找回完整的文件。",
                            "the file was probably cut short when copied or downloaded: get the whole file."
                        ),
                    ),
                    Some(enc) => (
                        t!(
                            "文件不是 UTF-8 编码，看来是 {enc}（第 {line} 行，第 {byte} 字节起）",
                            "the file is not UTF-8; it looks like {enc} (line {line}, from byte {byte})"
                        ),
                        t!(
                            "budc 只读 UTF-8 文本：在编辑器中把文件“另存为 UTF-8”（WPS、记事本都有此选项），或运行 iconv -f {enc} -t UTF-8。",
                            "budc reads UTF-8 only: save the file as UTF-8 in your editor, or run iconv -f {enc} -t UTF-8."
                        ),
                    ),
                    None => (
                        t!(
                            "文件不是 UTF-8 编码（第 {line} 行，第 {byte} 字节起）",
                            "the file is not UTF-8 (line {line}, from byte {byte})"
                        ),
                        t!(
                            "budc 只读 UTF-8 文本：在编辑器中把文件“另存为 UTF-8”。",
                            "budc reads UTF-8 only: save the file as UTF-8 in your editor."
                        ),
                    ),
                };
                let diag = Diagnostic::new("E0002", message)
                    .at(
                        span,
                        t!(
                            "第一个不是 UTF-8 的字节",
                            "the first byte that is not UTF-8"
                        ),
                    )
                    .with_help(help);
                Err((lossy, diag))
            }
        }
    }

    /// The line and column (both 1-based; the column in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts()[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The byte offset where a 0-based line starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The 1-based column of a byte offset in UTF-16 code units (what LSP counts).
    pub fn utf16_column(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let line = self.position(offset).line;
        let start = self.line_starts().get(line - 1).copied().unwrap_or(0);
        self.text
            .get(start..offset)
            .map(|s| s.encode_utf16().count())
            .unwrap_or(0)
            + 1
    }

    /// The text a span covers ("" if the span is not on character boundaries).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// The byte range of every line, without its line break. Line breaks are those of the grammar
/// (pest's `NEWLINE`) and of LSP clients: `\n`, `\r\n` and a lone `\r`.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = bytes.get(start..).unwrap_or_default();
        match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) => {
                let line = (start, start + i);
                let crlf = rest.get(i) == Some(&b'\r') && rest.get(i + 1) == Some(&b'\n');
                start += i + if crlf { 2 } else { 1 };
                Some(line)
            }
            None => {
                done = true;
                Some((start, bytes.len()))
            }
        }
    })
}

/// The encoding that bytes which are not UTF-8 most likely are: UTF-32 or UTF-16 by a byte
/// order mark (UTF-32's starts like UTF-16's, so it is tried first), or without one by the
/// shape of the text; GB18030/GBK when the high bytes pair up as GBK characters; else unknown.
fn likely_encoding(bytes: &[u8]) -> Option<&'static str> {
    const BOMS: [(&[u8], &str); 4] = [
        (&[0xff, 0xfe, 0x00, 0x00], "UTF-32LE"),
        (&[0x00, 0x00, 0xfe, 0xff], "UTF-32BE"),
        (&[0xff, 0xfe], "UTF-16LE"),
        (&[0xfe, 0xff], "UTF-16BE"),
    ];
    if let Some((_, name)) = BOMS.iter().find(|(bom, _)| bytes.starts_with(bom)) {
        return Some(name);
    }
    utf32_like(bytes)
        .or_else(|| utf16_like(bytes))
        .or_else(|| gbk_like(bytes))
}

/// How much of a file the shape tests look at.
const SAMPLE: usize = 4096;

/// UTF-32 without a byte order mark: every code unit of text is below U+10000, so in each
/// group of four bytes the two high bytes are zero (on one side or the other).
fn utf32_like(bytes: &[u8]) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(SAMPLE) / 4 * 4];
    if sample.len() < 8 {
        return None;
    }
    let units = sample.chunks_exact(4);
    if units
        .clone()
        .all(|u| u[2] == 0 && u[3] == 0 && u != [0, 0, 0, 0])
    {
        return Some("UTF-32LE");
    }
    if units
        .clone()
        .all(|u| u[0] == 0 && u[1] == 0 && u != [0, 0, 0, 0])
    {
        return Some("UTF-32BE");
    }
    None
}

/// UTF-16 without a byte order mark: nearly every code unit is a character a budget is written
/// in (ASCII, CJK, CJK punctuation and full-width forms), read in one byte order.
fn utf16_like(bytes: &[u8]) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(SAMPLE) / 2 * 2];
    if sample.len() < 4 {
        return None;
    }
    let textual = |u: u16| matches!(u, 0x09 | 0x0a | 0x0d | 0x20..=0x7e | 0x3000..=0x303f | 0x4e00..=0x9fff | 0xff00..=0xffef);
    let share = |le: bool| {
        let units = sample.chunks_exact(2).map(|p| {
            let (a, b) = (u16::from(p[0]), u16::from(p[1]));
            if le {
                a | b << 8
            } else {
                b | a << 8
            }
        });
        let n = sample.len() / 2;
        units.filter(|u| textual(*u)).count() * 100 / n
    };
    if share(true) >= 95 {
        Some("UTF-16LE")
    } else if share(false) >= 95 {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// GB18030/GBK when the high bytes pair up as GBK characters.
fn gbk_like(bytes: &[u8]) -> Option<&'static str> {
    let mut i = 0;
    let (mut pairs, mut bad) = (0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0x81..=0xfe).contains(&b) && (0x40..=0xfe).contains(&t) && t != 0x7f => {
                pairs += 1;
                i += 2;
            }
            _ => {
                bad += 1;
                i += 1;
            }
        }
    }
    (pairs > 0 && bad * 10 <= pairs).then_some("GB18030/GBK")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let f = SourceFile::new("t.bud", "部门 甲\n年度 2024\n");
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        // "甲" starts after "部门 " = 7 bytes, column 4.
        assert_eq!(f.position(7), Position { line: 1, column: 4 });
        assert_eq!(f.position(11), Position { line: 2, column: 1 });
    }

    #[test]
    fn lines_break_at_lf_crlf_and_a_lone_cr_as_in_the_grammar() {
        let f = SourceFile::new("t.bud", "a\rb\r\nc\nd");
        let at = |c: char| f.position(f.text.find(c).unwrap());
        assert_eq!(at('b'), Position { line: 2, column: 1 });
        assert_eq!(at('c'), Position { line: 3, column: 1 });
        assert_eq!(at('d'), Position { line: 4, column: 1 });
        assert_eq!(f.line_start(3), 7);
    }

    #[test]
    fn bom_is_stripped_and_gbk_rejected() {
        let f = SourceFile::decode("a", "\u{feff}年度 2024".as_bytes())
            .map_err(|e| e.1)
            .unwrap();
        assert_eq!(f.text, "年度 2024");
        // "部门" in GBK.
        let (_, err) = SourceFile::decode("a", &[0xb2, 0xbf, 0xc3, 0xc5]).unwrap_err();
        assert_eq!(err.code, "E0002");
        assert!(err.message.zh.contains("GB18030/GBK"), "{}", err.message.zh);
        let (_, err) = SourceFile::decode("a", &[0xff, 0xfe, 0x34, 0x00]).unwrap_err();
        assert!(err.message.en.contains("UTF-16LE"), "{}", err.message.en);
    }

    /// The encoding named by a file's first diagnostic, in English.
    fn named(bytes: &[u8]) -> String {
        let (_, err) = SourceFile::decode("a", bytes).unwrap_err();
        err.message.en.into_owned()
    }

    fn encode16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    fn encode32(text: &str, le: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let u = c as u32;
                if le {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf32_and_utf16_are_named_with_or_without_a_bom() {
        let text = "\u{feff}部门 甲\n年度 2024\n金额单位 万元\n";
        let bare = text.trim_start_matches('\u{feff}');
        assert!(named(&encode32(text, true)).contains("looks like UTF-32LE"));
        assert!(named(&encode32(text, false)).contains("looks like UTF-32BE"));
        assert!(named(&encode32(bare, true)).contains("looks like UTF-32LE"));
        assert!(named(&encode32(bare, false)).contains("looks like UTF-32BE"));
        assert!(named(&encode16(text, true)).contains("looks like UTF-16LE"));
        assert!(named(&encode16(text, false)).contains("looks like UTF-16BE"));
        assert!(named(&encode16(bare, true)).contains("looks like UTF-16LE"));
        assert!(named(&encode16(bare, false)).contains("looks like UTF-16BE"));
    }
}
