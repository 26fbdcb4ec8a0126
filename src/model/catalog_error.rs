//! The error of reading a catalog: codes and rules files alike (a file of its own, so that the
//! catalog and its rules, which both report it, need not import each other).

use crate::diag::{t, Lang, Text};

/// An error loading a catalog file: which file, which line (0: the whole file), what, in both
/// languages (a command line says it in one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub file: String,
    pub line: usize,
    pub message: Text,
}

impl CatalogError {
    /// `file:line: message` (`file: message` for the whole file), in both languages, the place
    /// written as the other file errors write it (`FileError::line`).
    pub fn text(&self) -> Text {
        let at = match self.line {
            0 => self.file.clone(),
            line => format!("{}:{line}", self.file),
        };
        let (zh, en) = (&self.message.zh, &self.message.en);
        t!("{at}: {zh}", "{at}: {en}")
    }

    /// `text` in one language.
    pub fn said(&self, lang: Lang) -> String {
        self.text().get(lang).to_string()
    }
}

/// An error of the TOML reader (the syntax, or a field of the wrong name or type), in both
/// languages: the reader's English, and in Chinese what it says when known, else that the file
/// is not valid TOML; names in backquotes are kept.
pub fn toml_message(message: &str) -> Text {
    let m = message.trim();
    Text::new(toml_zh(m), m.to_string())
}

fn toml_zh(m: &str) -> String {
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let names = backquoted(expected);
        return if names.is_empty() {
            format!("未知的字段 {field}")
        } else {
            format!("未知的字段 {field}，应为 {}", names.join("、"))
        };
    }
    if let Some(field) = m.strip_prefix("missing field ") {
        return format!("缺少字段 {field}");
    }
    if let Some(field) = m.strip_prefix("duplicate field ") {
        return format!("字段 {field} 重复");
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        let want = [
            ("bool", "布尔值（true 或 false）"),
            ("sequence", "数组"),
            ("string", "字符串"),
            ("integer", "整数"),
            ("map", "表"),
            ("struct", "表"),
        ]
        .iter()
        .find(|(k, _)| expected.contains(k))
        .map(|(_, zh)| *zh);
        return match want {
            Some(w) => format!("值的类型不对，应为{w}"),
            None => "值的类型不对".to_string(),
        };
    }
    let (what, expected) = m.split_once(", expected ").unwrap_or((m, ""));
    let zh = match what {
        "unclosed table" => "表头没有闭合",
        "unclosed array table" => "数组表头没有闭合",
        "unclosed array" => "数组没有闭合",
        "unclosed inline table" => "内联表没有闭合",
        "key with no value" | "missing value for key" => "键没有值",
        "missing value" => "缺少值",
        "invalid value" => "无效的值",
        "string values must be quoted" => "字符串须加引号",
        "missing comma between array elements" => "数组元素之间缺少逗号",
        "missing comma between key-value pairs" => "键值对之间缺少逗号",
        "extra comma in array" => "数组中多了逗号",
        "extra comma in inline table" => "内联表中多了逗号",
        "extra `=`" => "多了 `=`",
        "invalid unquoted key" => "无效的键",
        "unquoted keys cannot be empty" => "键不能为空",
        "unexpected content" => "多余的内容",
        "unexpected key or value" => "多余的键或值",
        "invalid key-value pair" => "无效的键值对",
        "duplicate key" => "键重复",
        "missing opening quote" => "缺少开头的引号",
        "invalid basic string" | "invalid literal string" => "无效的字符串",
        "invalid multi-line basic string" | "invalid multi-line literal string" => {
            "无效的多行字符串"
        }
        "carriage return must be followed by newline" => "回车符后须有换行符",
        _ => "不是有效的 TOML",
    };
    // What was expected, when it is only literal tokens (`]`, `=`).
    let tokens = backquoted(expected);
    let only_tokens = !tokens.is_empty()
        && tokens
            .iter()
            .fold(expected.to_string(), |rest, t| rest.replacen(t, "", 1))
            .split([',', ' '])
            .all(|w| w.is_empty() || w == "or");
    if only_tokens {
        format!("{zh}，应为 {}", tokens.join(" 或 "))
    } else {
        zh.to_string()
    }
}

/// The `quoted` words of a text, with their backquotes.
fn backquoted(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let Some(after) = rest.get(start + 1..) else {
            break;
        };
        let Some(len) = after.find('`') else {
            break;
        };
        if let Some(word) = rest.get(start..start + len + 2) {
            out.push(word);
        }
        rest = after.get(len + 1..).unwrap_or("");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toml_reader_is_said_in_chinese() {
        let zh = |m: &str| toml_message(m).zh.into_owned();
        assert_eq!(zh("unclosed table, expected `]`"), "表头没有闭合，应为 `]`");
        assert_eq!(
            zh("unknown field `kind`, expected `kinds`"),
            "未知的字段 `kind`，应为 `kinds`"
        );
        assert_eq!(
            zh("unknown field `x`, expected one of `a`, `b`"),
            "未知的字段 `x`，应为 `a`、`b`"
        );
        assert_eq!(zh("missing field `kinds`"), "缺少字段 `kinds`");
        assert_eq!(
            zh("invalid type: string \"yes\", expected a boolean"),
            "值的类型不对，应为布尔值（true 或 false）"
        );
        assert_eq!(zh("invalid key-value pair, expected key"), "无效的键值对");
        assert_eq!(zh("something new"), "不是有效的 TOML");
        assert_eq!(
            toml_message(" unclosed table, expected `]` ").en,
            "unclosed table, expected `]`"
        );
    }
}
