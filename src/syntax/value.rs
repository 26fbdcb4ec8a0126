//! The typed forms of an indicator value (指标值), hand-written from `grammar/bud.pest`
//! (`indicator_value` and the rules under it), with the same PEG meaning. Works on the value's
//! text alone: it always ends where the grammar's value ends (at `|` or the end of the line).

use crate::value::{is_percent_note, Comparator, Quantity, ValueKind};
use rust_decimal::Decimal;
use std::str::FromStr;

/// What `indicator_value` recognises in `v` (the value's text, not empty).
pub(super) fn kind(v: &str) -> ValueKind {
    let p = V { s: v.as_bytes(), v };
    // (typed_value ~ osp ~ &(sep | eol)) | value_text
    match p.typed(0) {
        Some((kind, end)) if p.spaces_end(end) == p.s.len() => kind.unwrap_or(ValueKind::Text),
        _ => ValueKind::Text,
    }
}

const RANGE_SEPS: [&str; 6] = ["-", "－", "~", "～", "至", "—"];
const COMPARATORS: [&str; 29] = [
    ">=",
    "<=",
    "≥",
    "≤",
    "≧",
    "≦",
    "＞=",
    "＜=",
    ">",
    "<",
    "＞",
    "＜",
    "=",
    "＝",
    "不低于",
    "不少于",
    "不小于",
    "不高于",
    "不超过",
    "不多于",
    "不大于",
    "大于",
    "小于",
    "高于",
    "低于",
    "超过",
    "达到",
    "多于",
    "少于",
];
const APPROX: [&str; 3] = ["约", "预计", "近"];
const MORE: [&str; 2] = ["余", "多"];
const APPROX_SUFFIXES: [&str; 4] = ["左右", "以上", "以内", "以下"];
const PERIOD_WORDS: [&str; 13] = [
    "上半年",
    "下半年",
    "全年",
    "半年",
    "年底",
    "年初",
    "年中",
    "年内",
    "春节",
    "季度末",
    "每季度",
    "每月",
    "每年",
];
const PERIOD_QUALIFIERS: [&str; 12] = [
    "底之前",
    "底前",
    "之前",
    "以前",
    "前",
    "底",
    "初",
    "中旬",
    "上旬",
    "下旬",
    "末",
    "内",
];

/// A typed value: `None` where the grammar matched but the lowering gives up (a number out of
/// range), which reads as text.
type Typed = Option<ValueKind>;

struct V<'a> {
    s: &'a [u8],
    v: &'a str,
}

impl V<'_> {
    fn lit(&self, p: usize, k: &str) -> Option<usize> {
        (self.s.get(p..p + k.len()) == Some(k.as_bytes())).then_some(p + k.len())
    }

    /// The first of `words` at `p` (ordered choice), with its end.
    fn one_of<'w>(&self, p: usize, words: &[&'w str]) -> Option<(&'w str, usize)> {
        words.iter().find_map(|w| self.lit(p, w).map(|e| (*w, e)))
    }

    fn space_len(&self, p: usize) -> usize {
        super::lexical::space_len(self.s, p)
    }

    fn spaces_end(&self, p: usize) -> usize {
        super::lexical::spaces_end(self.s, p)
    }

    fn char_len(&self, p: usize) -> usize {
        self.v
            .get(p..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8)
    }

    fn digit(&self, p: usize) -> bool {
        self.s.get(p).is_some_and(u8::is_ascii_digit)
    }

    /// `number = ASCII_DIGIT+ ~ ("." ~ ASCII_DIGIT+)?`
    fn number(&self, p: usize) -> Option<usize> {
        let mut e = p;
        while self.digit(e) {
            e += 1;
        }
        if e == p {
            return None;
        }
        if self.s.get(e) == Some(&b'.') && self.digit(e + 1) {
            e += 2;
            while self.digit(e) {
                e += 1;
            }
        }
        Some(e)
    }

    fn decimal(&self, a: usize, b: usize) -> Option<Decimal> {
        Decimal::from_str(self.v.get(a..b)?).ok()
    }

    /// `note = ("(" | "（") ~ (!(")" | "）" | sep | eol) ~ ANY)* ~ (")" | "）")`
    fn note(&self, p: usize) -> Option<usize> {
        let mut e = self.lit(p, "(").or_else(|| self.lit(p, "（"))?;
        loop {
            if let Some(end) = self.lit(e, ")").or_else(|| self.lit(e, "）")) {
                return Some(end);
            }
            if e >= self.s.len() {
                return None;
            }
            e += self.char_len(e);
        }
    }

    /// `unit = (!(ASCII_DIGIT | space | sep | eol | range_sep | "(" | "（"
    ///          | approx_suffix ~ (note | osp ~ (sep | eol))) ~ ANY)+`
    fn unit(&self, p: usize) -> Option<usize> {
        let mut e = p;
        while e < self.s.len()
            && !self.digit(e)
            && self.space_len(e) == 0
            && self.one_of(e, &RANGE_SEPS).is_none()
            && self.one_of(e, &["(", "（"]).is_none()
            && !self.one_of(e, &APPROX_SUFFIXES).is_some_and(|(_, after)| {
                self.note(after).is_some() || self.spaces_end(after) == self.s.len()
            })
        {
            e += self.char_len(e);
        }
        (e > p).then_some(e)
    }

    /// `typed_value = range | comparison | period | quantity | labelled`, with the end.
    fn typed(&self, p: usize) -> Option<(Typed, usize)> {
        self.range(p)
            .or_else(|| self.comparison(p, None))
            .or_else(|| self.period(p).map(|e| (Some(ValueKind::Period), e)))
            .or_else(|| {
                self.quantity(p, None)
                    .map(|(q, e)| (q.map(|quantity| ValueKind::Quantity { quantity }), e))
            })
            .or_else(|| self.labelled(p))
    }

    /// `range = number ~ unit? ~ range_sep ~ number ~ unit? ~ note?`
    fn range(&self, p: usize) -> Option<(Typed, usize)> {
        let n1 = self.number(p)?;
        let u1 = self.unit(n1);
        let (_, s) = self.one_of(u1.unwrap_or(n1), &RANGE_SEPS)?;
        let n2 = self.number(s)?;
        let u2 = self.unit(n2);
        let mut e = u2.unwrap_or(n2);
        let mut percent = false;
        if let Some(n) = self.note(e) {
            percent = self.v.get(e..n).is_some_and(is_percent_note);
            e = n;
        }
        let text = |a: usize, b: usize| self.v.get(a..b).map(str::to_string);
        let low_unit = u1.and_then(|u| text(n1, u));
        // `80-100(%)`: the unit % in parentheses.
        let unit = match u2.and_then(|u| text(n2, u)) {
            None if percent => Some("%".to_string()),
            unit => unit,
        };
        let kind = match (self.decimal(p, n1), self.decimal(s, n2)) {
            (Some(low), Some(high)) => Some(ValueKind::range(low, high, low_unit, unit)),
            _ => None,
        };
        Some((kind, e))
    }

    /// `comparison = comparator ~ osp ~ quantity`
    fn comparison(&self, p: usize, label: Option<String>) -> Option<(Typed, usize)> {
        let (word, e) = self.one_of(p, &COMPARATORS)?;
        let (q, e) = self.quantity(self.spaces_end(e), label)?;
        let comparator = Comparator::from_text(word);
        Some((
            q.map(|quantity| ValueKind::Comparison {
                comparator,
                quantity,
            }),
            e,
        ))
    }

    /// `quantity = approx? ~ number ~ more? ~ unit? ~ approx_suffix? ~ note?`
    fn quantity(&self, p: usize, label: Option<String>) -> Option<(Option<Quantity>, usize)> {
        let mut q = Quantity::new(label);
        let mut e = p;
        if let Some((_, a)) = self.one_of(e, &APPROX) {
            q.approximate = true;
            e = a;
        }
        let n = self.number(e)?;
        let number = self.decimal(e, n);
        e = n;
        if let Some((_, m)) = self.one_of(e, &MORE) {
            q.at_least = true;
            e = m;
        }
        if let Some(u) = self.unit(e) {
            q.unit = self.v.get(e..u).map(str::to_string);
            e = u;
        }
        if let Some((word, a)) = self.one_of(e, &APPROX_SUFFIXES) {
            q.qualify(word);
            e = a;
        }
        if let Some(n) = self.note(e) {
            if let Some(note) = self.v.get(e..n) {
                q.remark(note);
            }
            e = n;
        }
        Some((number.map(|number| Quantity { number, ..q }), e))
    }

    /// `period = period_core ~ period_qualifier? ~ "完成"?`
    fn period(&self, p: usize) -> Option<usize> {
        let mut e = self.period_core(p)?;
        if let Some((_, q)) = self.one_of(e, &PERIOD_QUALIFIERS) {
            e = q;
        }
        Some(self.lit(e, "完成").unwrap_or(e))
    }

    /// The alternatives of `period_core`, in order.
    fn period_core(&self, p: usize) -> Option<usize> {
        let seq = |steps: &[&dyn Fn(usize) -> Option<usize>]| {
            steps.iter().try_fold(p, |at, step| step(at))
        };
        let num = |at: usize| self.number(at);
        let year = |at: usize| self.lit(at, "年");
        let month = |at: usize| self.lit(at, "月");
        let range_sep = |at: usize| self.one_of(at, &RANGE_SEPS).map(|(_, e)| e);
        let day = |at: usize| {
            // (number ~ "日")?
            Some(
                self.number(at)
                    .and_then(|n| self.lit(n, "日"))
                    .unwrap_or(at),
            )
        };
        seq(&[&num, &year, &num, &month, &range_sep, &num, &month])
            .or_else(|| seq(&[&num, &year, &num, &range_sep, &num, &month]))
            .or_else(|| seq(&[&num, &year, &num, &month, &day]))
            .or_else(|| seq(&[&num, &month, &day]))
            .or_else(|| self.one_of(p, &PERIOD_WORDS).map(|(_, e)| e))
    }

    /// `labelled = label ~ (comparison | quantity)`, with
    /// `label = (!(ASCII_DIGIT | space | sep | eol | comparator) ~ ANY)+`
    fn labelled(&self, p: usize) -> Option<(Typed, usize)> {
        let mut e = p;
        while e < self.s.len()
            && !self.digit(e)
            && self.space_len(e) == 0
            && self.one_of(e, &COMPARATORS).is_none()
        {
            e += self.char_len(e);
        }
        if e == p {
            return None;
        }
        let label = self.v.get(p..e).map(str::to_string);
        self.comparison(e, label.clone()).or_else(|| {
            self.quantity(e, label)
                .map(|(q, e)| (q.map(|quantity| ValueKind::Quantity { quantity }), e))
        })
    }
}
