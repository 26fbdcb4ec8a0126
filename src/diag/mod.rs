//! Diagnostics as plain data.
//!
//! Every phase reports `Diagnostic` values; none stops at the first problem. Messages carry both
//! Chinese and English (`Text`); the renderers of `crate::report` (above `source`, whose
//! positions they need) choose one. Every code is registered with its family, severity and long
//! explanation in `codes`.

pub mod codes;

use crate::span::Span;
use std::borrow::Cow;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Words in Chinese and English: the one way budc writes bilingual text. Messages are made
/// with `t!` (formatted), fixed words in tables with `Text::fixed` (a `const`); a renderer picks
/// one language with `get`, never mixing the two.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: Cow::Owned(zh.into()),
            en: Cow::Owned(en.into()),
        }
    }

    /// Fixed words, usable in a `const` table.
    pub const fn fixed(zh: &'static str, en: &'static str) -> Self {
        Text {
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
        }
    }

    /// The same words in both languages (a name, a code, a figure).
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Text {
            zh: Cow::Owned(s.clone()),
            en: Cow::Owned(s),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }
}

/// `t!("中文 {x}", "English {x}")`: a `Text`, both strings formatted with the variables in scope.
#[macro_export]
macro_rules! t {
    ($zh:literal, $en:literal) => {
        $crate::diag::Text::new(format!($zh), format!($en))
    };
}
/// The macro by its home, `diag::t` (`#[macro_export]` puts it at the crate root as well).
pub use t;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A span with a short message. The primary label marks the fault itself; secondary labels
/// point at the facts it disagrees with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Text,
    pub primary: bool,
}

impl Label {
    pub fn primary(span: Span, message: Text) -> Self {
        Label {
            span,
            message,
            primary: true,
        }
    }

    pub fn secondary(span: Span, message: Text) -> Self {
        Label {
            span,
            message,
            primary: false,
        }
    }
}

/// One problem found in a budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `E0201`; see `codes::ALL`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
    pub labels: Vec<Label>,
    pub help: Option<Text>,
}

impl Diagnostic {
    /// A diagnostic with the severity its code is registered with.
    pub fn new(code: &'static str, message: Text) -> Self {
        Diagnostic {
            code,
            severity: codes::severity(code),
            message,
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    /// Adds the primary label.
    pub fn at(self, span: Span, message: Text) -> Self {
        self.with_label(Label::primary(span, message))
    }

    /// Adds a secondary label.
    pub fn also(self, span: Span, message: Text) -> Self {
        self.with_label(Label::secondary(span, message))
    }

    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// Where the diagnostic points first (for sorting into source order).
    pub fn offset(&self) -> usize {
        self.primary_span().map(|s| s.start).unwrap_or(0)
    }

    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
            .map(|l| l.span)
    }
}

/// Sorts diagnostics into source order (stable: equal offsets keep their order).
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.offset());
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}
