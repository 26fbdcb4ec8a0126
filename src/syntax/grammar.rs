//! The parser generated from `grammar/bud.pest`, and the explanation of a line that is not a
//! statement: where the strict rule stops, and what the keyword's statement looks like.

use super::statements::{by_keyword, keywords};
use crate::diag::t;
use crate::diag::Diagnostic;
use crate::source::Span;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/bud.pest"]
pub(super) struct BudParser;

/// Only the pest pass over a file (for benchmarks): whether it parsed.
#[doc(hidden)]
pub fn pest_only(text: &str) -> bool {
    BudParser::parse(Rule::file, text).is_ok()
}

/// Re-parses a bad line with the strict rule and turns pest's error into a located message.
pub(super) fn explain_bad_line(line: &str, offset: usize, text: &str) -> Diagnostic {
    let first = line.split([' ', '\t', '\u{3000}']).next().unwrap_or("");
    // Control characters (NUL from a binary file) are shown escaped.
    let keyword: String = first.chars().flat_map(char::escape_debug).collect();
    let keyword = if keyword == first {
        first.to_string()
    } else {
        keyword
    };
    let span = match BudParser::parse(Rule::strict_line, line) {
        Err(e) => error_span(&e, offset, text),
        // Valid on its own but not in context (cannot happen with this grammar): point at it all.
        Ok(_) => Span::new(offset, offset + line.len()),
    };
    let found = text.get(span.start..span.end).unwrap_or("");
    let label = if found.is_empty() {
        t!("此处缺少内容", "something is missing here")
    } else {
        t!("此处无法识别“{found}”", "cannot read “{found}” here")
    };
    if let Some(chars) = fullwidth_chars(line) {
        let help = if usage_of(first).is_none() && looks_like_prose(line) {
            // A sentence, not a statement: most likely a paragraph without its `> `.
            let body = line.trim();
            t!(
                "这一行像是一段文字：段落以 “> ” 开头，写在 主要职责、机构设置、原因 等块的下面，例如 “  > {body}”。",
                "this line reads like a paragraph: paragraphs start with “> ” under a block such as 主要职责, 机构设置 or 原因, e.g. “  > {body}”."
            )
        } else {
            t!(
                "金额、编码和分隔符请用半角字符（0-9 , . : -）：把输入法切换到英文或半角后重写这些字符。",
                "use ASCII digits and punctuation (0-9 , . : -) in amounts, codes and separators: switch the input method to English or half-width and retype them."
            )
        };
        return Diagnostic::new(
            "E0004",
            t!(
                "这一行有全角字符：{chars}",
                "full-width characters in this line: {chars}"
            ),
        )
        .at(span, label)
        .with_help(help);
    }
    match usage_of(first) {
        Some(u) => Diagnostic::new(
            "E0001",
            t!(
                "“{keyword}”语句的写法不对",
                "malformed “{keyword}” statement"
            ),
        )
        .at(span, label)
        .with_help(t!("写法：{u}", "form: {u}")),
        None => {
            let all = keywords().map(|(k, _)| k).collect::<Vec<_>>().join("、");
            let all_en = all.replace('、', ", ");
            Diagnostic::new(
                "E0001",
                t!("无法识别的语句“{keyword}”", "unknown statement “{keyword}”"),
            )
            .at(span, label)
            .with_help(t!(
                "每行以关键字开头：{all}。注释以 # 开头。",
                "every line starts with a keyword: {all_en}. Comments start with #."
            ))
        }
    }
}

/// The characters of a line that Chinese input methods produce in place of ASCII.
fn fullwidth_chars(line: &str) -> Option<String> {
    let mut bad: Vec<char> = line
        .chars()
        .filter(|c| matches!(c, '０'..='９' | '，' | '．' | '：' | '－' | '。'))
        .collect();
    bad.dedup();
    (!bad.is_empty()).then(|| bad.iter().take(8).collect())
}

fn usage_of(keyword: &str) -> Option<&'static str> {
    let keyword = if keyword.starts_with('>') || keyword.starts_with('＞') {
        ">"
    } else {
        keyword
    };
    by_keyword(keyword).map(|s| s.form)
}

/// The span of a pest error, shifted into the file, widened to the token it stopped at.
pub(super) fn error_span(e: &pest::error::Error<Rule>, offset: usize, text: &str) -> Span {
    let (start, end) = match e.location {
        pest::error::InputLocation::Pos(p) => (offset + p, offset + p),
        pest::error::InputLocation::Span((a, b)) => (offset + a, offset + b),
    };
    let rest = text.get(start..).unwrap_or("");
    let token_len: usize = rest
        .chars()
        .take_while(|c| !matches!(c, ' ' | '\t' | '\u{3000}' | '\n' | '\r' | '|' | '｜'))
        .map(char::len_utf8)
        .sum();
    Span::new(start, end.max(start + token_len))
}

/// Whether a line reads like a sentence of prose: Chinese text with sentence punctuation.
fn looks_like_prose(line: &str) -> bool {
    let cjk = line
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    cjk >= 4 && line.contains(['。', '，', '；', '、', '：'])
}
