//! Writing HTML: every text from the budget goes through `esc`, attributes through `attr`.

use std::fmt::Write;

/// Text escaped for HTML content and attribute values: `&`, `<`, `>`, `"` and `'`.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A page being written.
#[derive(Default)]
pub struct Html {
    pub out: String,
}

impl Html {
    /// Markup written as is: never budget text (use `text`).
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    /// Budget text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.out.push_str(&esc(s));
        self
    }

    /// An element holding escaped text: `<tag attrs>text</tag>`; `attrs` is markup.
    pub fn el(&mut self, tag: &str, attrs: &str, text: &str) -> &mut Self {
        let _ = write!(self.out, "<{tag}{attrs}>{}</{tag}>", esc(text));
        self
    }

    /// A paragraph of escaped text.
    pub fn p(&mut self, text: &str) -> &mut Self {
        self.el("p", "", text).raw("\n")
    }
}

/// ` name="value"`, the value escaped.
pub fn attr(name: &str, value: &str) -> String {
    format!(" {name}=\"{}\"", esc(value))
}

/// The head and the opening of the body of a page: `root` is the path back to the site's root
/// (`""` or `"../"`), `live` the generation of a live preview (`budc serve`), whose script
/// reloads the page when the budget is saved again.
pub fn open(h: &mut Html, title: &str, root: &str, live: Option<u64>) {
    h.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .raw("<link rel=\"icon\" href=\"data:,\">\n")
        .el("title", "", title)
        .raw("\n")
        .raw(&format!(
            "<link rel=\"stylesheet\" href=\"{root}{}\">\n",
            super::STYLE
        ));
    if let Some(generation) = live {
        h.raw(&format!(
            "<script src=\"/{}\" data-generation=\"{generation}\" defer></script>\n",
            super::LIVE_SCRIPT
        ));
    }
    h.raw("</head>\n<body>\n");
}

/// The end of a page.
pub fn close(h: &mut Html) {
    h.raw("<footer class=\"site\"><p>本页由 budc 根据部门预算文件生成，数据与公开文本一致。</p></footer>\n")
        .raw("</body>\n</html>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_open_markup() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(attr("title", "a\"b"), " title=\"a&quot;b\"");
    }
}
