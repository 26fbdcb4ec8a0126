//! The cursor of the fast parser: the grammar's tokens and combinators over one line, with the
//! same PEG meaning (greedy, no backtracking but where `optional` puts the cursor back).

use super::ast::*;
use super::lexical::{amount_value, sep_len, space_len, spaces_end, trimmed_word};
use crate::source::Span;

/// A cursor over one line.
#[derive(Clone)]
pub(super) struct Cur<'a> {
    pub(super) line: &'a str,
    pub(super) s: &'a [u8],
    /// Offset of the line in the file.
    pub(super) base: usize,
    pub(super) pos: usize,
}

impl Cur<'_> {
    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    pub(super) fn space_len(&self, p: usize) -> usize {
        space_len(self.s, p)
    }

    /// The length of the grammar's `sep` at `p`: `|` or `｜` (EF BD 9C).
    pub(super) fn sep_len(&self, p: usize) -> usize {
        sep_len(self.s, p)
    }

    /// `boundary = &(space | eol)`
    pub(super) fn boundary(&self, p: usize) -> bool {
        p >= self.s.len() || self.space_len(p) > 0
    }

    pub(super) fn spaces_end(&self, p: usize) -> usize {
        spaces_end(self.s, p)
    }

    /// `sp = space+`
    pub(super) fn sp(&mut self) -> bool {
        let end = self.spaces_end(self.pos);
        let any = end > self.pos;
        self.pos = end;
        any
    }

    pub(super) fn req_sp(&mut self) -> Option<()> {
        self.sp().then_some(())
    }

    /// `osp = space*`
    pub(super) fn osp(&mut self) {
        self.pos = self.spaces_end(self.pos);
    }

    /// `space?`
    pub(super) fn space(&mut self) {
        self.pos += self.space_len(self.pos);
    }

    /// `&(osp ~ eol)`, consuming nothing.
    pub(super) fn blank_ahead(&self) -> bool {
        self.spaces_end(self.pos) >= self.s.len()
    }

    /// `stmt_end = osp ~ ("#" | eol)`, as a lookahead.
    pub(super) fn stmt_end(&self) -> bool {
        let p = self.spaces_end(self.pos);
        p >= self.s.len() || self.s[p] == b'#'
    }

    pub(super) fn lit(&mut self, k: &str) -> Option<()> {
        let k = k.as_bytes();
        if self.s.get(self.pos..self.pos + k.len()) == Some(k) {
            self.pos += k.len();
            Some(())
        } else {
            None
        }
    }

    pub(super) fn sep(&mut self) -> Option<()> {
        match self.sep_len(self.pos) {
            0 => None,
            n => {
                self.pos += n;
                Some(())
            }
        }
    }

    /// Runs `f`; where it fails, puts the cursor back (`e?` in the grammar).
    pub(super) fn optional<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.pos;
        let r = f(self);
        if r.is_none() {
            self.pos = start;
        }
        r
    }

    pub(super) fn word_between(&self, a: usize, b: usize) -> Word {
        trimmed_word(self.line.get(a..b).unwrap_or_default(), self.base + a)
    }

    /// The end of `(!(space | eol) ~ ANY)*` from `p`.
    pub(super) fn until_space(&self, mut p: usize) -> usize {
        while p < self.s.len() && self.space_len(p) == 0 {
            p += 1;
        }
        p
    }

    /// The end of a `word` (`(!(space | eol | sep) ~ ANY)+`) from `p`.
    pub(super) fn word_end(&self, mut p: usize) -> Option<usize> {
        let start = p;
        while p < self.s.len() && self.space_len(p) == 0 && self.sep_len(p) == 0 {
            p += 1;
        }
        (p > start).then_some(p)
    }

    pub(super) fn word(&mut self) -> Option<Word> {
        let start = self.pos;
        self.pos = self.word_end(start)?;
        Some(self.word_between(start, self.pos))
    }

    /// `name = !(amount) ~ (!(space | eol | sep) ~ ANY)+`
    pub(super) fn name(&mut self) -> Option<Word> {
        if self.amount_end(self.pos).is_some() {
            return None;
        }
        self.word()
    }

    /// `ref_word = (!(space | eol | "=" | "＝") ~ ANY)+`
    pub(super) fn ref_word(&mut self) -> Option<Word> {
        let start = self.pos;
        let mut p = start;
        while p < self.s.len()
            && self.space_len(p) == 0
            && self.s[p] != b'='
            && self.s.get(p..p + 3) != Some("＝".as_bytes())
        {
            p += 1;
        }
        if p == start {
            return None;
        }
        self.pos = p;
        Some(self.word_between(start, p))
    }

    /// `field = (!(sep | eol) ~ ANY)*`: the end of the field from `p`.
    pub(super) fn field_end(&self, mut p: usize) -> usize {
        while p < self.s.len() && self.sep_len(p) == 0 {
            p += 1;
        }
        p
    }

    pub(super) fn field(&mut self) -> Word {
        let start = self.pos;
        self.pos = self.field_end(start);
        self.word_between(start, self.pos)
    }

    /// `text = (!eol ~ ANY)*`
    pub(super) fn text_to_end(&mut self) -> Word {
        let start = self.pos;
        self.pos = self.s.len();
        self.word_between(start, self.pos)
    }

    /// `nonempty_text = !(space* ~ eol) ~ (!eol ~ ANY)+`
    pub(super) fn nonempty_text(&mut self) -> Option<Word> {
        if self.blank_ahead() {
            return None;
        }
        Some(self.text_to_end())
    }

    pub(super) fn digits_end(&self, mut p: usize) -> usize {
        while self.s.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
        p
    }

    /// The end of `amount = "-"? ~ ASCII_DIGIT+ ~ ("," ~ ASCII_DIGIT{3})* ~ ("." ~
    /// ASCII_DIGIT+)? ~ boundary` from `p`.
    pub(super) fn amount_end(&self, mut p: usize) -> Option<usize> {
        if self.s.get(p) == Some(&b'-') {
            p += 1;
        }
        let d = self.digits_end(p);
        if d == p {
            return None;
        }
        p = d;
        while self.s.get(p) == Some(&b',')
            && self
                .s
                .get(p + 1..p + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        {
            p += 4;
        }
        if self.s.get(p) == Some(&b'.') {
            let d = self.digits_end(p + 1);
            if d > p + 1 {
                p = d;
            }
        }
        self.boundary(p).then_some(p)
    }

    pub(super) fn amount(&mut self) -> Option<Amount> {
        let start = self.pos;
        let end = self.amount_end(start)?;
        // Out of range: pest's path reports it.
        let (value, scale) = amount_value(self.line.get(start..end)?)?;
        self.pos = end;
        Some(Amount {
            value,
            span: Span::new(self.base + start, self.base + end),
            scale,
        })
    }

    /// `code = ASCII_DIGIT+ ~ boundary` (also `integer`).
    pub(super) fn code_end(&self, p: usize) -> Option<usize> {
        let d = self.digits_end(p);
        (d > p && self.boundary(d)).then_some(d)
    }

    pub(super) fn code(&mut self) -> Option<Word> {
        let start = self.pos;
        self.pos = self.code_end(start)?;
        Some(self.word_between(start, self.pos))
    }

    pub(super) fn integer(&mut self) -> Option<Spanned<u32>> {
        let start = self.pos;
        let end = self.code_end(start)?;
        // Too large: pest's path reports it.
        let value = self.line.get(start..end)?.parse::<u32>().ok()?;
        self.pos = end;
        Some(Spanned::new(
            value,
            Span::new(self.base + start, self.base + end),
        ))
    }

    /// `year_number = ASCII_DIGIT{4} ~ boundary`
    pub(super) fn year_number(&mut self) -> Option<Word> {
        let start = self.pos;
        let all_digits = self
            .s
            .get(start..start + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if !(all_digits && self.boundary(start + 4)) {
            return None;
        }
        self.pos = start + 4;
        Some(self.word_between(start, self.pos))
    }

    /// `ASCII_DIGIT{lo,hi}` from `p`, greedy.
    pub(super) fn digits_between(&self, p: usize, lo: usize, hi: usize) -> Option<usize> {
        let mut e = p;
        while e - p < hi && self.s.get(e).is_some_and(u8::is_ascii_digit) {
            e += 1;
        }
        (e - p >= lo).then_some(e)
    }

    /// The end of `date` from `p`: `2023-12-31` or `2023年12月31日`.
    pub(super) fn date_end(&self, p: usize) -> Option<usize> {
        let lit = |p: usize, k: &str| {
            (self.s.get(p..p + k.len()) == Some(k.as_bytes())).then_some(p + k.len())
        };
        let y = self.digits_between(p, 4, 4)?;
        let dashed = || {
            let m = self.digits_between(lit(y, "-")?, 1, 2)?;
            self.digits_between(lit(m, "-")?, 1, 2)
        };
        let chinese = || {
            let m = self.digits_between(lit(y, "年")?, 1, 2)?;
            let d = self.digits_between(lit(m, "月")?, 1, 2)?;
            lit(d, "日")
        };
        dashed().or_else(chinese)
    }

    /// `keyword ~ sp ~ <part>`
    pub(super) fn keyword_then<T>(
        &mut self,
        k: &str,
        part: fn(&mut Self) -> Option<T>,
    ) -> Option<T> {
        self.lit(k)?;
        self.req_sp()?;
        part(self)
    }

    /// `(sp ~ name ~ &(sp ~ word ~ sp ~ amount ~ stmt_end))?`: a code's name, when a word and
    /// the amount that ends the statement follow it.
    pub(super) fn name_before_word_amount(&mut self) -> Option<Word> {
        self.optional(|c| {
            c.req_sp()?;
            let name = c.name()?;
            let mut ahead = c.clone();
            ahead.req_sp()?;
            ahead.pos = ahead.word_end(ahead.pos)?;
            ahead.req_sp()?;
            ahead.pos = ahead.amount_end(ahead.pos)?;
            ahead.stmt_end().then_some(name)
        })
    }

    /// `&(amount ~ stmt_end)`: an amount that ends the statement starts here.
    pub(super) fn amount_ends_statement(&self) -> bool {
        self.amount_end(self.pos).is_some_and(|end| {
            let mut ahead = self.clone();
            ahead.pos = end;
            ahead.stmt_end()
        })
    }

    /// `(sp ~ !(amount ~ stmt_end) ~ word)?`: a word before the amount that ends the statement
    /// (a source, or a name).
    pub(super) fn word_before_amount(&mut self) -> Option<Word> {
        self.optional(|c| {
            c.req_sp()?;
            if c.amount_ends_statement() {
                return None;
            }
            c.word()
        })
    }

    /// `keyword ~ sp ~ word ~ sp ~ amount`
    pub(super) fn keyword_word_amount(&mut self, k: &str) -> Option<(Word, Amount)> {
        let w = self.keyword_then(k, Self::word)?;
        self.req_sp()?;
        Some((w, self.amount()?))
    }

    /// `keyword ~ sp ~ code ~ (sp ~ name)? ~ sp ~ amount`
    pub(super) fn keyword_code_name_amount(&mut self, k: &str) -> Option<(CodeRef, Amount)> {
        let code = self.keyword_then(k, Self::code)?;
        let name = self.optional(|c| {
            c.req_sp()?;
            c.name()
        });
        self.req_sp()?;
        let amount = self.amount()?;
        Some((CodeRef { code, name }, amount))
    }
}
