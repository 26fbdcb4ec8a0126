//! The prose of 第三部分 (说明, the explanations) and 第四部分 (名词解释, the glossary) as data:
//! sections of paragraphs, each paragraph a list of sentences, each sentence a sequence of parts
//! — text and typed numbers (amounts with their unit, changes, percentages, counts). Every
//! backend renders the same sentences; `Paragraph::text` is their plain-text form, which the DOCX
//! prints. The numbers come from `Figures`; nothing is summed here.

mod explanations;
#[cfg(test)]
mod tests;

pub use explanations::explanations;

use crate::model::rules::GlossaryTerm;
use crate::model::{Budget, MoneyUnit};
use rust_decimal::Decimal;

/// A numbered section (`一、预算收支增减变化情况说明`), its paragraphs, then its subsections
/// (`（一）预算绩效管理情况`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    pub subsections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub sentences: Vec<Sentence>,
}

/// A sentence with its closing punctuation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub parts: Vec<Part>,
}

/// A piece of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// An amount and its unit: `16,028.22万元` (tight) or `2.99 万元` (spaced).
    Amount {
        value: Decimal,
        unit: MoneyUnit,
        spacing: Spacing,
    },
    /// A change against last year: `增加2,943.03万元`, `减少0.11万元` or `与上年持平`.
    Change {
        change: Decimal,
        unit: MoneyUnit,
    },
    /// A percentage change against last year, never zero: `增长21.68%`, `下降3.55%`.
    Percent(Decimal),
    /// A count and its measure word: `1 辆`, `38 个`.
    Count {
        value: u64,
        unit: &'static str,
    },
}

/// Whether a space separates an amount from its unit (the template writes both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    Tight,
    Spaced,
}

/// One 名词解释 entry: the term and its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub term: String,
    pub text: String,
}

impl Part {
    /// The part as plain text.
    pub fn text(&self) -> String {
        match self {
            Part::Text(s) => s.clone(),
            Part::Amount {
                value,
                unit,
                spacing: Spacing::Tight,
            } => format!("{}{}", thousands(*value), unit.as_str()),
            Part::Amount {
                value,
                unit,
                spacing: Spacing::Spaced,
            } => format!("{} {}", thousands(*value), unit.as_str()),
            Part::Change { change, unit } if *change > Decimal::ZERO => {
                format!("增加{}{}", thousands(*change), unit.as_str())
            }
            Part::Change { change, unit } if *change < Decimal::ZERO => {
                format!("减少{}{}", thousands(-*change), unit.as_str())
            }
            Part::Change { .. } => "与上年持平".to_string(),
            Part::Percent(p) if *p < Decimal::ZERO => format!("下降{:.2}%", -*p),
            Part::Percent(p) => format!("增长{:.2}%", p),
            Part::Count { value, unit } => format!("{value} {unit}"),
        }
    }
}

impl Sentence {
    pub fn text(&self) -> String {
        self.parts.iter().map(Part::text).collect()
    }
}

impl Paragraph {
    pub fn text(&self) -> String {
        self.sentences.iter().map(Sentence::text).collect()
    }
}

/// `16028.22` → `16,028.22`.
pub fn thousands(d: Decimal) -> String {
    let s = format!("{:.2}", d);
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// The Chinese ordinal of a 0-based index (一, 二, …), digits beyond 二十.
pub fn numeral(i: usize) -> String {
    NUMERALS
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| (i + 1).to_string())
}

/// `2023-12-31` → `2023 年 12 月 31 日`.
pub fn date_words(d: &str) -> String {
    let parts: Vec<&str> = d
        .split(['-', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, day] => format!(
            "{y} 年 {} 月 {} 日",
            m.trim_start_matches('0'),
            day.trim_start_matches('0')
        ),
        _ => d.to_string(),
    }
}

/// The 名词解释: the file's own entries, else `built_in`.
pub fn glossary(b: &Budget, built_in: &[GlossaryTerm]) -> Vec<Definition> {
    if b.glossary.is_empty() {
        return built_in
            .iter()
            .map(|g| Definition {
                term: g.term.clone(),
                text: g.text.clone(),
            })
            .collect();
    }
    b.glossary
        .iter()
        .map(|g| Definition {
            term: g.term.value.clone(),
            text: g.paragraphs.iter().map(|p| p.value.as_str()).collect(),
        })
        .collect()
}

/// The 说明 as written in the file (`说明 <标题>` blocks), one section each, its paragraphs as
/// written; `None` when the file writes none (the generated 说明 stands). Written sections
/// replace the generated ones whole: a published document's 说明 is transcribed as it stands,
/// and its figures are checked against the derived ones (`check::prose_figures`) instead.
pub fn written(b: &Budget) -> Option<Vec<Section>> {
    (!b.explanations.is_empty()).then(|| {
        b.explanations
            .iter()
            .map(|e| {
                section(
                    &e.title.value,
                    e.paragraphs
                        .iter()
                        .map(|p| plain(p.value.as_str()))
                        .collect(),
                )
            })
            .collect()
    })
}

/// The paragraphs of 部门概况 after 机构设置情况 that name the department's 二级预算单位 (or say
/// there are none). None in a 公开稿: its 机构设置 is printed as the document wrote it.
pub fn sub_unit_paragraphs(b: &Budget) -> Vec<String> {
    if b.published.is_some() {
        return Vec::new();
    }
    let (dept, year) = (b.department(), b.year());
    match b.sub_units.as_slice() {
        // A single-unit department: its own budget is the whole, no 二级预算单位 to list.
        [] => vec![format!(
            "{dept} {year} 年部门预算仅包括本级预算，没有下属二级预算单位。"
        )],
        [only] => vec![format!(
            "{dept} {year} 年部门预算仅包括{}一个预算单位的预算，没有下属二级预算单位。",
            only.name.value
        )],
        units => std::iter::once(format!(
            "纳入{dept} {year} 年部门预算编制范围的二级预算单位包括："
        ))
        .chain(
            units
                .iter()
                .enumerate()
                .map(|(i, u)| format!("（{}）{}", numeral(i), u.name.value)),
        )
        .collect(),
    }
}

/// The numbered paragraphs of the 名词解释: `一、财政拨款收入：指……`.
pub fn glossary_paragraphs(definitions: &[Definition]) -> Vec<Paragraph> {
    definitions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            paragraph(vec![sentence(vec![
                text(format!("{}、", numeral(i))),
                text(d.term.as_str()),
                text("："),
                text(d.text.as_str()),
            ])])
        })
        .collect()
}

fn text(s: impl Into<String>) -> Part {
    Part::Text(s.into())
}

fn sentence(parts: Vec<Part>) -> Sentence {
    Sentence { parts }
}

fn paragraph(sentences: Vec<Sentence>) -> Paragraph {
    Paragraph { sentences }
}

/// A paragraph of one sentence of plain text.
fn plain(s: impl Into<String>) -> Paragraph {
    paragraph(vec![sentence(vec![text(s)])])
}

fn section(title: &str, paragraphs: Vec<Paragraph>) -> Section {
    Section {
        title: title.to_string(),
        paragraphs,
        subsections: Vec::new(),
    }
}

/// Every amount of a paragraph, in order (for tests and for backends that style numbers).
pub fn amounts(p: &Paragraph) -> Vec<Decimal> {
    p.sentences
        .iter()
        .flat_map(|s| s.parts.iter())
        .filter_map(|part| match part {
            Part::Amount { value, .. } => Some(*value),
            _ => None,
        })
        .collect()
}
