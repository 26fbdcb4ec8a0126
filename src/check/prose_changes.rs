//! Stated changes against last year in the 说明 as published: a total with its change
//! (`“三公”经费预算数为114.22万元，比2025年预算增加27万元。其中：`) followed by its parts, each with
//! its own change (`（一）因公出国（境）费0万元，与2025年预算持平。（二）……比2025年预算增加27万
//! 元……`), must add up: Σ the parts' signed changes = the total's (E0227). The prior figures are
//! not published, so the changes are checked against each other only.
//!
//! Read conservatively: the parts are the direct ones, numbered (一)(二)(三) or 1. 2. 3. in order;
//! a part's change is its first, before a 其中 of its own (whose parts, separated by ；, are
//! checked against the part the same way). When a total has no single change, or a part none,
//! nothing is said.

use super::prose_figures::amounts;
use crate::diag::{t, Diagnostic};
use crate::document::tables::convert;
use crate::model::{Budget, MoneyUnit};
use crate::span::{Span, Spanned};
use rust_decimal::Decimal;

/// A section's paragraphs as one text (joined by line breaks), with the way back to the source.
struct Joined {
    text: String,
    /// (offset in `text`, offset in the source) of each paragraph.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn new(paragraphs: &[Spanned<String>]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::new();
        for p in paragraphs {
            starts.push((text.len(), p.span.start));
            text.push_str(&p.value);
            text.push('\n');
        }
        Joined { text, starts }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let (at, source) = self
            .starts
            .iter()
            .rev()
            .find(|(at, _)| *at <= start)
            .copied()
            .unwrap_or_default();
        Span::new(source + start - at, source + end - at)
    }
}

/// A change against last year as written: `比2025年预算增加27万元`, `与2025年预算持平`.
#[derive(Debug, Clone, Copy)]
struct Stated {
    /// Signed, in 元.
    change: Decimal,
    /// The unit written (持平: 万元).
    unit: MoneyUnit,
    /// Where the amount (or 持平) stands, in the joined text.
    start: usize,
    end: usize,
}

const UP: [&str; 3] = ["增加", "增长", "上升"];
const DOWN: [&str; 3] = ["减少", "下降", "降低"];

/// Every change of a text, in order.
fn changes(text: &str, from: usize) -> Vec<Stated> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(['比', '与']) {
        if let Some(c) = change_at(text, i) {
            out.push(Stated {
                start: c.start + from,
                end: c.end + from,
                ..c
            });
        }
    }
    out
}

/// The change that starts at byte `i` (at 比 or 与), if one does.
fn change_at(text: &str, i: usize) -> Option<Stated> {
    let rest = text.get(i..)?;
    let against = rest.starts_with('比');
    let mut r = rest.get(3..)?;
    // The year: 2025年, 2025年度, 上年, 上年度.
    if let Some(after) = r.strip_prefix("上年") {
        r = after;
    } else {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 4 {
            return None;
        }
        r = r.get(4..)?.strip_prefix('年')?;
    }
    r = r.strip_prefix('度').unwrap_or(r);
    r = r
        .strip_prefix("预算数")
        .or_else(|| r.strip_prefix("预算"))
        .unwrap_or(r);
    let at = text.len() - r.len();
    if !against {
        r.strip_prefix("持平")?;
        return Some(Stated {
            change: Decimal::ZERO,
            unit: MoneyUnit::TenThousandYuan,
            start: at,
            end: at + "持平".len(),
        });
    }
    let sign = if UP.iter().any(|w| r.starts_with(w)) {
        Decimal::ONE
    } else if DOWN.iter().any(|w| r.starts_with(w)) {
        -Decimal::ONE
    } else {
        return None;
    };
    let amount_at = at + "增加".len();
    let a = amounts(text.get(amount_at..)?)
        .into_iter()
        .next()
        .filter(|a| a.start == 0)?;
    let yuan = convert(a.value, a.unit, MoneyUnit::Yuan)?;
    Some(Stated {
        change: sign * yuan,
        unit: a.unit,
        start: amount_at,
        end: amount_at + a.end,
    })
}

/// The markers of numbered parts: `（一）`, `(一)`, `1.`, `1、`, `1．`.
fn marker(style: usize, i: usize) -> Vec<String> {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match style {
        0 => NUMERALS
            .get(i)
            .map(|n| vec![format!("（{n}）"), format!("({n})")])
            .unwrap_or_default(),
        _ => ['.', '、', '．']
            .iter()
            .map(|p| format!("{}{p}", i + 1))
            .collect(),
    }
}

/// Whether a part may start at byte `at`: the start of a paragraph or after 。；：.
fn part_boundary(text: &str, at: usize) -> bool {
    let before = text
        .get(..at)
        .unwrap_or_default()
        .trim_end_matches([' ', '\u{3000}']);
    before.is_empty() || before.ends_with(['\n', '。', '；', '：', ':', ';'])
}

/// The parts after `from` (right after 其中：), numbered from the first, up to `limit`: the byte
/// range of each part's text (after its marker).
fn numbered_parts(text: &str, from: usize, limit: usize) -> Vec<(usize, usize)> {
    let region = text.get(from..limit).unwrap_or_default();
    let lead = region.len() - region.trim_start().len();
    let start = from + lead;
    let Some((style, first)) = (0..2).find_map(|style| {
        marker(style, 0)
            .into_iter()
            .find(|m| text.get(start..).is_some_and(|t| t.starts_with(m.as_str())))
            .map(|m| (style, m))
    }) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    let mut at = start + first.len();
    for i in 1.. {
        let next = marker(style, i).into_iter().find_map(|m| {
            text.get(at..limit)?
                .match_indices(m.as_str())
                .map(|(k, _)| (at + k, m.len()))
                .find(|(k, _)| part_boundary(text, *k))
        });
        match next {
            Some((k, len)) => {
                parts.push((at, k));
                at = k + len;
            }
            None => {
                // The last part ends with its paragraph.
                let end = text
                    .get(at..limit)
                    .and_then(|t| t.find('\n'))
                    .map_or(limit, |e| at + e);
                parts.push((at, end));
                break;
            }
        }
    }
    parts
}

/// `（二）……其中：A；B。`: the sub-parts of a part, separated by ；, after its own 其中.
fn listed_parts(text: &str, from: usize, limit: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut at = from;
    for piece in text
        .get(from..limit)
        .unwrap_or_default()
        .split_inclusive('；')
    {
        parts.push((at, at + piece.len()));
        at += piece.len();
    }
    parts
}

/// `其中：` or `其中:` at or after `from`, before `limit`: the byte after it.
fn among(text: &str, from: usize, limit: usize) -> Vec<(usize, usize)> {
    let region = text.get(from..limit).unwrap_or_default();
    ["其中：", "其中:"]
        .iter()
        .flat_map(|w| {
            region
                .match_indices(w)
                .map(|(k, m)| (from + k, from + k + m.len()))
        })
        .collect()
}

pub fn run(b: &Budget, out: &mut Vec<Diagnostic>) {
    for section in &b.explanations {
        let j = Joined::new(&section.paragraphs);
        let text = j.text.as_str();
        let mut found = among(text, 0, text.len());
        found.sort();
        for (k, after) in found {
            // The total: the sentence that ends right before 其中.
            let head = text.get(..k).unwrap_or_default();
            let trimmed = head.trim_end_matches(['。', ' ', '，', '\n']);
            let sentence_start = trimmed.rfind(['。', '\n', '；']).map_or(0, |i| {
                i + trimmed
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8)
            });
            let total = changes(
                trimmed.get(sentence_start..).unwrap_or_default(),
                sentence_start,
            );
            let [total] = total.as_slice() else { continue };
            let parts = numbered_parts(text, after, text.len());
            check(&j, *total, &parts, out);
            // A part's own 其中, its sub-parts separated by ；.
            for (s, e) in &parts {
                let own = changes(text.get(*s..*e).unwrap_or_default(), *s);
                let Some(first) = own.first() else { continue };
                if let Some((_, sub)) = among(text, first.end, *e).first() {
                    check(&j, *first, &listed_parts(text, *sub, *e), out);
                }
            }
        }
    }
}

/// E0227: the parts' changes (each its first, before a 其中 of its own) against the total's.
fn check(j: &Joined, total: Stated, parts: &[(usize, usize)], out: &mut Vec<Diagnostic>) {
    if parts.len() < 2 {
        return;
    }
    let text = j.text.as_str();
    let mut stated = Vec::new();
    for (s, e) in parts {
        let end = among(text, *s, *e).first().map_or(*e, |(k, _)| *k);
        let Some(first) = changes(text.get(*s..end).unwrap_or_default(), *s)
            .first()
            .copied()
        else {
            return;
        };
        stated.push(first);
    }
    let sum: Decimal = stated.iter().map(|c| c.change).sum();
    if sum == total.change {
        return;
    }
    let show = |yuan: Decimal| {
        let v = convert(yuan, MoneyUnit::Yuan, total.unit)
            .unwrap_or(yuan)
            .normalize();
        let u = total.unit.as_str();
        if v > Decimal::ZERO {
            (format!("增加{v}{u}"), format!("+{v}{u}"))
        } else if v < Decimal::ZERO {
            (format!("减少{}{u}", -v), format!("-{}{u}", -v))
        } else {
            ("持平".to_string(), "0 (持平)".to_string())
        }
    };
    let ((tz, te), (sz, se)) = (show(total.change), show(sum));
    let gap = convert(total.change - sum, MoneyUnit::Yuan, total.unit)
        .unwrap_or_default()
        .abs()
        .normalize();
    let u = total.unit.as_str();
    let n = stated.len();
    let mut d = Diagnostic::new(
        "E0227",
        t!(
            "总数比上年{tz}，其下 {n} 个部分的增减额之和却是{sz}（差 {gap}{u}）",
            "the total's change against last year is {te}, its {n} parts' changes add up to {se} (a gap of {gap}{u})"
        ),
    )
    .at(j.span(total.start, total.end), t!("总数的增减", "the total's change"));
    for c in &stated {
        d = d.also(j.span(c.start, c.end), t!("部分的增减", "a part's change"));
    }
    out.push(d.with_help(t!(
        "总数的增减额应等于各部分增减额之和（持平算 0）：核对上年数，改正总数或某个部分的增减额。",
        "the total's change must be the sum of its parts' changes (持平 is 0): check last year's figures and correct the total's change or a part's."
    )));
}
