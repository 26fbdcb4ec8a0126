//! The grammar's smallest pieces, shared by the hand-written recognisers (`fast`, `value`) and
//! the pest lowering: spaces, separators, words without their spaces, amounts.

use super::ast::{Spanned, Word};
use crate::source::Span;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The length of the grammar's `space` at `p`: ASCII space, tab, U+3000 (E3 80 80).
pub(crate) fn space_len(s: &[u8], p: usize) -> usize {
    match s.get(p) {
        Some(b' ' | b'\t') => 1,
        Some(0xE3) if s.get(p + 1..p + 3) == Some(&[0x80, 0x80]) => 3,
        _ => 0,
    }
}

/// The end of `space*` from `p`.
pub(crate) fn spaces_end(s: &[u8], mut p: usize) -> usize {
    loop {
        match space_len(s, p) {
            0 => return p,
            n => p += n,
        }
    }
}

/// The length of the grammar's `sep` at `p`: `|` or `｜` (EF BD 9C).
pub(crate) fn sep_len(s: &[u8], p: usize) -> usize {
    match s.get(p) {
        Some(b'|') => 1,
        Some(0xEF) if s.get(p + 1..p + 3) == Some(&[0xBD, 0x9C]) => 3,
        _ => 0,
    }
}

/// A word or text without its surrounding spaces; `start` is the offset of `raw` in the file.
/// Only the grammar's spaces are trimmed: other whitespace (a form feed, U+00A0) is part of the
/// word, as the grammar reads it, so what is printed back parses back the same.
pub(crate) fn trimmed_word(raw: &str, start: usize) -> Word {
    const SPACES: [char; 3] = [' ', '\t', '\u{3000}'];
    let value = raw.trim_matches(SPACES);
    let lead = raw.len() - raw.trim_start_matches(SPACES).len();
    let trail = raw.len() - raw.trim_end_matches(SPACES).len();
    let span = Span::new(start + lead, (start + raw.len() - trail).max(start + lead));
    Spanned::new(value.to_string(), span)
}

/// The most digits an amount may have before the decimal point: 10^15 元 is 25 times China's
/// whole national budget, and every sum of such amounts stays far inside `Decimal`'s range (no
/// total, difference or percentage can overflow).
pub const AMOUNT_DIGITS: usize = 15;

/// The value and the number of decimals of an amount as the grammar accepts it (`16,028.22`);
/// `None` when it is out of range: more than `AMOUNT_DIGITS` digits before the point.
pub(crate) fn amount_value(raw: &str) -> Option<(Decimal, u32)> {
    let whole = raw.split('.').next().unwrap_or_default();
    if whole.bytes().filter(u8::is_ascii_digit).count() > AMOUNT_DIGITS {
        return None;
    }
    let scale = raw.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let value = if raw.contains(',') {
        let digits: String = raw.chars().filter(|c| *c != ',').collect();
        Decimal::from_str(&digits)
    } else {
        Decimal::from_str(raw)
    };
    value.ok().map(|v| (v, scale))
}

/// The words that put a basic line on one side whatever its economic class: 人员经费, 公用经费.
pub const SPLIT_WORDS: [&str; 2] = ["人员经费", "公用经费"];

/// The words before the amount of a basic line (`basic_line`'s words, and, on a line with one
/// code, the word the grammar took for its name), sorted out as both parsers do: a
/// `人员经费`/`公用经费` word (at most one) wherever it stands, then of the others the first is
/// the last code's name when two are left, and the one left is the source slot (a source keyword,
/// or else the name: `model::build` decides, as the catalog of sources is the model's).
/// `None` when two split words or three other words are written.
pub(crate) fn basic_tail(words: Vec<Word>) -> Option<BasicTail> {
    let (mut split, mut rest): (Vec<Word>, Vec<Word>) = words
        .into_iter()
        .partition(|w| SPLIT_WORDS.contains(&w.value.as_str()));
    if split.len() > 1 || rest.len() > 2 {
        return None;
    }
    let source = rest.pop();
    Some(BasicTail {
        name: rest.pop(),
        source,
        split: split.pop(),
    })
}

/// The words before the amount of a basic line, sorted out (`basic_tail`).
pub(crate) struct BasicTail {
    pub name: Option<Word>,
    pub source: Option<Word>,
    pub split: Option<Word>,
}
