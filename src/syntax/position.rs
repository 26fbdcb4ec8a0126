//! What stands at a position of a source text, as the grammar reads it: the line's statement,
//! the token under the cursor, the block the line belongs to. For the language server (and any
//! editor tool): it asks here instead of guessing with `split_whitespace`.

use super::fast;
use super::lexical::{sep_len, space_len};
use super::statements::{by_keyword, BlockKind, Kind, PRIOR_FIGURES};
use crate::source::{lines, Span};

/// A token of a line: the grammar's spaces and separators cut a line into these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// The spaces a line starts with.
    Indent,
    /// Spaces between tokens (` `, tab, U+3000).
    Space,
    /// `|` or `｜`, between the fields of an indicator row.
    Separator,
    /// A keyword, code, amount, name or word of text.
    Word,
    /// `# …` to the end of the line.
    Comment,
}

/// One token with its place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// What stands at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineAt {
    /// The position asked about (a byte offset).
    pub at: usize,
    /// The line, without its break.
    pub line: Span,
    /// Whether the line starts with spaces (it belongs to the block above).
    pub indented: bool,
    /// The statement of the line: as parsed if it parses, else as its first word says (a line
    /// being typed).
    pub kind: Option<Kind>,
    /// Every token of the line, spaces and comment included: together they cover the line.
    pub tokens: Vec<Token>,
    /// The index in `tokens` of the token the position is in or just after.
    pub token: Option<usize>,
    /// How many words of the line stand before the position's token (0: the keyword itself).
    pub word: usize,
    /// The block the line belongs to (see `block_at`).
    pub block: Option<BlockKind>,
}

impl LineAt {
    /// The statement of the line if it may stand where it stands: unindented at the top level,
    /// or indented in a block it belongs in.
    pub fn placed(&self) -> Option<Kind> {
        let kind = self.kind?;
        let fits = match self.block {
            Some(block) => self.indented && kind.member_of(block),
            None => !self.indented && kind.top_level(),
        };
        fits.then_some(kind)
    }

    /// The part of the word under the position that stands before it: what has been typed of
    /// it (empty, at the position, after a space).
    pub fn typed(&self) -> Span {
        match self.token.and_then(|i| self.tokens.get(i)) {
            Some(t) if t.kind == TokenKind::Word && t.span.end >= self.at => {
                Span::new(t.span.start, self.at)
            }
            _ => Span::new(self.at, self.at),
        }
    }

    /// The word the position is in, at the start of or just after.
    pub fn word_under(&self) -> Option<Span> {
        self.words()
            .find(|w| w.start <= self.at && self.at <= w.end)
    }

    /// The words of the line, in order (keyword, codes, names, amounts, fields of text).
    pub fn words(&self) -> impl Iterator<Item = Span> + '_ {
        self.tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.span)
    }
}

/// The statement at a byte offset (the kind of its line).
pub fn keyword_at(text: &str, offset: usize) -> Option<Kind> {
    line_at(text, offset).kind
}

/// The line, statement and token at a byte offset.
pub fn line_at(text: &str, offset: usize) -> LineAt {
    let (start, end) = line_around(text, offset);
    let tokens = tokens(text, start, end);
    let indented = tokens.first().is_some_and(|t| t.kind == TokenKind::Indent);
    let kind = match fast::line(text, start, end) {
        fast::Outcome::Line(l) => l.stmt.kind(),
        _ => first_word(text, &tokens).and_then(kind_of_word),
    };
    let token = tokens
        .iter()
        .rposition(|t| t.span.start < offset || (t.span.start == offset && offset == start));
    let word = token.map_or(0, |i| {
        tokens
            .iter()
            .take(i)
            .filter(|t| t.kind == TokenKind::Word)
            .count()
    });
    LineAt {
        at: offset,
        line: Span::new(start, end),
        indented,
        kind,
        tokens,
        token,
        word,
        block: block_at(text, offset),
    }
}

/// The block the line at a byte offset belongs to: the block opened by the nearest line above
/// that is not indented, if the line is indented (blank and comment lines do not count).
pub fn block_at(text: &str, offset: usize) -> Option<BlockKind> {
    let (start, end) = line_around(text, offset);
    let bytes = text.as_bytes();
    if space_len(bytes, start) == 0 || spaces(bytes, start, end) == end {
        return None;
    }
    let above = text.get(..start).unwrap_or_default();
    // The last line above that starts with neither a space nor a comment, and is not blank.
    let opener = lines(above)
        .filter(|&(s, e)| {
            let first = spaces(bytes, s, e);
            s == first && first < e && bytes.get(first) != Some(&b'#')
        })
        .last()?;
    match fast::line(above, opener.0, opener.1) {
        fast::Outcome::Line(l) => l.stmt.kind().and_then(Kind::opens),
        _ => None,
    }
}

/// The tokens of `text[start..end]` (one line), covering it without gaps.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token> {
    let s = text.as_bytes();
    let mut out = Vec::new();
    let mut p = start;
    let span_of = |kind, a, b| Token {
        kind,
        span: Span::new(a, b),
    };
    while p < end {
        let space = spaces(s, p, end);
        if space > p {
            let kind = if p == start {
                TokenKind::Indent
            } else {
                TokenKind::Space
            };
            out.push(span_of(kind, p, space));
            p = space;
            continue;
        }
        let sep = sep_len(s, p);
        if sep > 0 {
            out.push(span_of(TokenKind::Separator, p, p + sep));
            p += sep;
            continue;
        }
        // A `#` that starts a token starts a comment, unless the statement's text runs on
        // (a project name or a paragraph may hold `#`): then it is part of a word.
        if s.get(p) == Some(&b'#') && !inside_statement(text, start, end, p) {
            out.push(span_of(TokenKind::Comment, p, end));
            break;
        }
        let mut e = p;
        while e < end && space_len(s, e) == 0 && sep_len(s, e) == 0 {
            e += 1;
        }
        out.push(span_of(TokenKind::Word, p, e));
        p = e;
    }
    out
}

/// Whether offset `p` of the line lies inside the statement the line parses to.
fn inside_statement(text: &str, start: usize, end: usize, p: usize) -> bool {
    match fast::line(text, start, end) {
        fast::Outcome::Line(l) => p < l.span.end,
        _ => false,
    }
}

fn spaces(s: &[u8], mut p: usize, end: usize) -> usize {
    while p < end {
        match space_len(s, p) {
            0 => break,
            n => p += n,
        }
    }
    p.min(end)
}

/// The line that holds `offset` (a line break belongs to the line it ends).
fn line_around(text: &str, offset: usize) -> (usize, usize) {
    lines(text)
        .find(|&(_, e)| offset <= e)
        .unwrap_or((text.len(), text.len()))
}

fn first_word<'t>(text: &'t str, tokens: &[Token]) -> Option<&'t str> {
    let t = tokens.iter().find(|t| t.kind != TokenKind::Indent)?;
    (t.kind == TokenKind::Word).then(|| text.get(t.span.start..t.span.end))?
}

/// The statement a line's first word starts: a keyword, a code (a 基本支出 line) or the name of a
/// 上年 figure.
fn kind_of_word(word: &str) -> Option<Kind> {
    if word.starts_with('>') || word.starts_with('＞') {
        return Some(Kind::Paragraph);
    }
    if let Some(s) = by_keyword(word) {
        return Some(s.kind);
    }
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Kind::BasicLine);
    }
    PRIOR_FIGURES.contains(&word).then_some(Kind::PriorFigure)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "部门 甲\n项目 P1 某项目\n  # 注释\n\n  指标 产出指标 数量指标 | 人数 | ≥10人 | 工作成效\n  经济 30201\n基本支出\n  2013201 30101 5 # 工资\n";

    fn at(needle: &str) -> usize {
        TEXT.find(needle).unwrap()
    }

    #[test]
    fn the_statement_at_a_position_is_parsed_or_read_from_its_keyword() {
        assert_eq!(keyword_at(TEXT, at("甲")), Some(Kind::Department));
        assert_eq!(keyword_at(TEXT, at("人数")), Some(Kind::Indicator));
        // Not a whole statement yet: the keyword says what it will be.
        assert_eq!(keyword_at(TEXT, at("30201")), Some(Kind::Economic));
        assert_eq!(keyword_at(TEXT, at("30101")), Some(Kind::BasicLine));
        assert_eq!(keyword_at(TEXT, at("# 注释")), None);
    }

    #[test]
    fn the_token_and_word_under_the_cursor() {
        let l = line_at(TEXT, at("数量指标") + 3);
        let t = l.tokens[l.token.unwrap()];
        assert_eq!(t.kind, TokenKind::Word);
        assert_eq!(&TEXT[t.span.start..t.span.end], "数量指标");
        assert_eq!(l.word, 2);
        let l = line_at(TEXT, at("工资"));
        assert_eq!(l.tokens.last().unwrap().kind, TokenKind::Comment);
        // The tokens cover the line.
        let joined: String = l
            .tokens
            .iter()
            .map(|t| &TEXT[t.span.start..t.span.end])
            .collect();
        assert_eq!(joined, &TEXT[l.line.start..l.line.end]);
    }

    #[test]
    fn the_block_of_an_indented_line() {
        assert_eq!(block_at(TEXT, at("人数")), Some(BlockKind::Project));
        assert_eq!(block_at(TEXT, at("30201")), Some(BlockKind::Project));
        assert_eq!(block_at(TEXT, at("30101")), Some(BlockKind::Basic));
        assert_eq!(block_at(TEXT, at("甲")), None);
    }

    #[test]
    fn the_grammars_spaces_and_line_breaks_cut_words_and_lines() {
        // U+3000 and a tab are spaces; U+00A0 is part of a word. `\r` alone breaks a line.
        let text = "项目 P1 甲\r  单位\u{3000}本级\r\n  经济\t302\u{a0}01 5\n";
        let l = line_at(text, text.find("本级").unwrap() + "本".len());
        assert_eq!(&text[l.line.start..l.line.end], "  单位\u{3000}本级");
        assert_eq!(l.kind, Some(Kind::ProjectUnit));
        assert_eq!(l.word, 1);
        assert_eq!(&text[l.typed().start..l.typed().end], "本");
        let under = l.word_under().unwrap();
        assert_eq!(&text[under.start..under.end], "本级");
        assert_eq!(l.block, Some(BlockKind::Project));
        assert_eq!(l.placed(), Some(Kind::ProjectUnit));
        let at = text.find("01 5").unwrap();
        let l = line_at(text, at);
        let under = l.word_under().unwrap();
        assert_eq!(&text[under.start..under.end], "302\u{a0}01");
        assert_eq!(l.word, 1);
        assert_eq!(l.block, Some(BlockKind::Project));
    }

    #[test]
    fn at_the_end_of_a_line_and_after_a_space() {
        let text = "项目 P1 甲\r\n  指标 产出指标 \r\n";
        // After the space that ends the line: the next word, nothing typed yet.
        let end = text.rfind('\r').unwrap();
        let l = line_at(text, end);
        assert_eq!(l.word, 2);
        assert_eq!(l.typed(), Span::new(end, end));
        assert_eq!(l.word_under(), None);
        let words: Vec<&str> = l.words().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(words, ["指标", "产出指标"]);
        // Just after a word: that word, typed whole.
        let after = text.find("产出指标").unwrap() + "产出指标".len();
        let l = line_at(text, after);
        assert_eq!(l.word, 1);
        assert_eq!(&text[l.typed().start..l.typed().end], "产出指标");
        // At the end of the first line (before its `\r\n`).
        let l = line_at(text, "项目 P1 甲".len());
        assert_eq!(l.kind, Some(Kind::Project));
        assert_eq!(l.word, 2);
        assert_eq!(l.block, None);
        assert_eq!(l.placed(), Some(Kind::Project));
    }

    #[test]
    fn a_statement_out_of_its_block_is_not_placed() {
        let text = "单位 本级\n基本支出\n  单位 本级\n";
        let l = line_at(text, 0);
        assert_eq!((l.kind, l.placed()), (Some(Kind::ProjectUnit), None));
        let l = line_at(text, text.rfind("本级").unwrap());
        assert_eq!(l.block, Some(BlockKind::Basic));
        assert_eq!((l.kind, l.placed()), (Some(Kind::ProjectUnit), None));
    }
}
