//! The prose as written, read the way a reviewer reads a published document: a word written
//! twice (增加增加), a direction left beside 持平 by a template (增加持平), a year that is
//! neither the budget's nor the one before, an amount with full-width characters in it
//! (1，234.56万元), and a template's instruction left in (请填写……). Found in real published
//! budgets; each finding is a warning on the words themselves.

use crate::diag::{t, Diagnostic, Text};
use crate::model::Budget;
use crate::span::{Span, Spanned};

pub fn run(b: &Budget, out: &mut Vec<Diagnostic>) {
    let texts = b
        .duties
        .iter()
        .chain(&b.organization)
        .chain(b.reasons.iter().flat_map(|r| &r.paragraphs))
        .chain(b.glossary.iter().flat_map(|g| &g.paragraphs))
        .chain(b.explanations.iter().flat_map(|e| &e.paragraphs))
        .chain(b.assets.iter().flat_map(|a| &a.notes))
        .chain(b.projects.iter().flat_map(|p| &p.goal));
    for s in texts {
        doubled(s, out);
        leftover_direction(s, out);
        full_width_amount(s, out);
        instruction(s, out);
    }
    let year = b.year();
    let reasons = b.reasons.iter().flat_map(|r| &r.paragraphs);
    for s in reasons.chain(b.explanations.iter().flat_map(|e| &e.paragraphs)) {
        other_years(s, year, out);
    }
}

fn warn(
    s: &Spanned<String>,
    at: usize,
    len: usize,
    code: &'static str,
    message: Text,
    label: Text,
    help: Text,
) -> Diagnostic {
    let start = s.span.start + at;
    Diagnostic::new(code, message)
        .at(Span::new(start, start + len), label)
        .with_help(help)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Function words that are never written twice in a row.
const SINGLE: [char; 14] = [
    '的', '了', '和', '及', '与', '在', '是', '对', '为', '将', '把', '被', '于', '并',
];

/// W0508: the same word twice in a row: `增加增加`, `的的`. Words of two to four characters are
/// any characters; a single character only a function word (人人、层层 are words).
fn doubled(s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    let chars: Vec<(usize, char)> = s.value.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let mut found = None;
        for len in (1..=4).rev() {
            let (Some(a), Some(b)) = (chars.get(i..i + len), chars.get(i + len..i + 2 * len))
            else {
                continue;
            };
            let same = a.iter().zip(b).all(|(x, y)| x.1 == y.1);
            let cjk = a.iter().all(|(_, c)| is_cjk(*c));
            if same && cjk && (len > 1 || a.first().is_some_and(|(_, c)| SINGLE.contains(c))) {
                found = Some(len);
                break;
            }
        }
        let Some(len) = found else {
            i += 1;
            continue;
        };
        let (Some((at, _)), end) = (
            chars.get(i),
            chars.get(i + 2 * len).map_or(s.value.len(), |c| c.0),
        ) else {
            break;
        };
        let word: String = chars.iter().skip(i).take(len).map(|c| c.1).collect();
        out.push(warn(
            s,
            *at,
            end - at,
            "W0508",
            t!("“{word}”写了两遍", "“{word}” is written twice"),
            t!("重复", "repeated"),
            t!("删去重复的“{word}”。", "delete the repeated “{word}”."),
        ));
        i += 2 * len;
    }
}

const DIRECTIONS: [&str; 6] = ["增加", "减少", "增长", "下降", "上升", "降低"];

/// W0509: a template's choice left unmade: a direction beside 持平 (`增加持平`, `持平增加`), or
/// both directions offered (`增加（减少）`, `增加/减少`).
fn leftover_direction(s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    let text = &s.value;
    let mut hits: Vec<(usize, String)> = Vec::new();
    for d in DIRECTIONS {
        for pattern in [format!("{d}持平"), format!("持平{d}")] {
            hits.extend(
                text.match_indices(&pattern)
                    .map(|(i, m)| (i, m.to_string())),
            );
        }
        for other in DIRECTIONS.iter().filter(|o| **o != d) {
            for pattern in [
                format!("{d}（{other}）"),
                format!("{d}({other})"),
                format!("{d}/{other}"),
                format!("{d}／{other}"),
            ] {
                hits.extend(
                    text.match_indices(&pattern)
                        .map(|(i, m)| (i, m.to_string())),
                );
            }
        }
    }
    hits.sort();
    hits.dedup_by(|a, b| a.0 < b.0 + b.1.len());
    for (at, words) in hits {
        out.push(warn(
            s,
            at,
            words.len(),
            "W0509",
            t!(
                "“{words}”是模板中未选定的写法",
                "“{words}” is a template's choice left unmade"
            ),
            t!("模板遗留", "template leftover"),
            t!(
                "按由上年数算出的变化只写一种：增加、减少或持平。",
                "write the one the change computed from the 上年 figures shows: 增加, 减少 or 持平."
            ),
        ));
    }
}

fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// W0511: an amount with full-width characters: `1，234.56万元` (a full-width comma between
/// thousands), `12．5万元` (a full-width point), `１２万元` (full-width digits).
fn full_width_amount(s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    let chars: Vec<(usize, char)> = s.value.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some((start, c)) = chars.get(i).copied() else {
            break;
        };
        if !digit(c)
            || chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| digit(p.1) || p.1 == '.')
                && i > 0
        {
            i += 1;
            continue;
        }
        // The number: digits, points and commas of either width.
        let mut j = i;
        while chars
            .get(j)
            .is_some_and(|(_, c)| digit(*c) || matches!(c, '.' | ',' | '，' | '．'))
        {
            j += 1;
        }
        // Trailing separators are punctuation, not part of the number.
        while j > i && chars.get(j - 1).is_some_and(|(_, c)| !digit(*c)) {
            j -= 1;
        }
        let number: String = chars
            .get(i..j)
            .unwrap_or_default()
            .iter()
            .map(|c| c.1)
            .collect();
        let end = chars.get(j).map_or(s.value.len(), |c| c.0);
        let money = s
            .value
            .get(end..)
            .is_some_and(|r| r.starts_with("万元") || r.starts_with('元'));
        let wide = number
            .chars()
            .any(|c| matches!(c, '，' | '．') || ('０'..='９').contains(&c));
        // A full-width comma counts only between thousands (1，234): a list (第1，2项) is prose.
        let thousands = number
            .split('，')
            .skip(1)
            .all(|g| g.chars().take_while(|c| digit(*c)).count() == 3);
        if money && wide && thousands {
            out.push(warn(
                s,
                start,
                end - start,
                "W0511",
                t!(
                    "金额“{number}”中有全角字符",
                    "the amount “{number}” has full-width characters"
                ),
                t!("全角", "full-width"),
                t!(
                    "金额用半角数字、半角逗号和小数点书写，例如 1,234.56万元。",
                    "write amounts with half-width digits, commas and point, e.g. 1,234.56万元."
                ),
            ));
        }
        i = j.max(i + 1);
    }
}

const INSTRUCTIONS: [&str; 8] = [
    "请填写",
    "请根据",
    "请在此",
    "此处填写",
    "填报说明",
    "（如有）",
    "根据实际情况填写",
    "【请",
];

/// W0512: a template's instruction left in the text.
fn instruction(s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    for w in INSTRUCTIONS {
        if let Some(at) = s.value.find(w) {
            out.push(warn(
                s,
                at,
                w.len(),
                "W0512",
                t!(
                    "文字中留有模板的填写说明“{w}”",
                    "a template's instruction “{w}” is left in the text"
                ),
                t!("填写说明", "instruction"),
                t!(
                    "删去模板的说明，写上实际内容。",
                    "delete the template's instruction and write the content."
                ),
            ));
            return;
        }
    }
}

/// W0510: a year in a reason (or in the 说明 as published) that is neither the budget's nor the
/// one before: `2025年无公车购置计划` in a 2026 budget, copied from last year's text. A span of
/// years that reaches the budget year or the one before (`2024-2026年`, `（2024年-2026年）`,
/// `2024年1月1日-2026年12月31日`) and a title in 《》 are left alone.
fn other_years(s: &Spanned<String>, year: u16, out: &mut Vec<Diagnostic>) {
    let text = &s.value;
    let mut depth = 0i32;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, (at, c)) in chars.iter().enumerate() {
        match c {
            '《' => depth += 1,
            '》' => depth -= 1,
            _ => {}
        }
        if depth > 0
            || !c.is_ascii_digit()
            || chars.get(k.wrapping_sub(1)).is_some_and(|p| {
                // The second year of a span (2024-2026年, 2024年至2026年); 截至 is a date.
                let after_jie = k > 1 && chars.get(k - 2).is_some_and(|q| q.1 == '截');
                k > 0
                    && (p.1.is_ascii_digit()
                        || matches!(p.1, '-' | '—' | '~')
                        || p.1 == '至' && !after_jie)
            })
        {
            continue;
        }
        let digits: String = chars
            .iter()
            .skip(k)
            .take_while(|c| c.1.is_ascii_digit())
            .map(|c| c.1)
            .collect();
        if digits.len() != 4 {
            continue;
        }
        let after = text.get(at + 4..).unwrap_or_default();
        if !after.starts_with('年') {
            continue;
        }
        let Ok(y) = digits.parse::<u16>() else {
            continue;
        };
        if !(1990..=2100).contains(&y) || y == year || y + 1 == year {
            continue;
        }
        if span_end(after.get('年'.len_utf8()..).unwrap_or_default())
            .is_some_and(|to| y < year && to + 1 >= year)
        {
            continue;
        }
        let prior = year.saturating_sub(1);
        out.push(warn(
            s,
            *at,
            "2026年".len(),
            "W0510",
            t!(
                "说明中的 {y} 年既不是预算年度 {year} 年，也不是上年 {prior} 年",
                "the reason speaks of {y}, neither the budget year {year} nor the year before ({prior})"
            ),
            t!("年度不对", "another year"),
            t!(
                "多半抄自另一年的说明：改为 {year} 年或 {prior} 年，或核对这句话。",
                "probably copied from another year's text: write {year} or {prior}, or check the sentence."
            ),
        ));
    }
}

/// The year a span of years ends in, after its first year and 年: `-2026年`, `1月1日-2026年12月31日`
/// → 2026 (a date's month and day may stand between).
fn span_end(after: &str) -> Option<u16> {
    let mut r = after;
    // The month and day of a date: `1月1日`.
    for unit in ['月', '日'] {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            if let Some(rest) = r.get(digits..).and_then(|x| x.strip_prefix(unit)) {
                r = rest;
            }
        }
    }
    let r = ["-", "—", "–", "－", "~", "～", "至"]
        .iter()
        .find_map(|d| r.strip_prefix(d))?;
    let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    digits.parse().ok()
}
