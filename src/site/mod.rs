//! The 预算公开 website: a static site of plain HTML and CSS, inline SVG charts and a few lines
//! of JavaScript for the search, that works offline and from any file server (`budc site`),
//! and the same pages served live while a budget is written (`budc serve`).
//!
//! Pages render the document model, as the DOCX does (`backend::docx`): the twelve tables with
//! their merged headers, the 说明, the goal tables, the figures; the index shows the region's
//! tables (`budc region`'s, `Region::Tables`), or for budgets of several years the departments'
//! own totals added up (`summary`). Nothing but a department's `Listing` is needed for the
//! index, so `budc site` writes each department's files as it goes and drops the budget.
//! Every text from a budget is escaped (`html::esc`). The same budgets give the same bytes.

mod chart;
mod html;
mod index;
mod page;
pub mod summary;
mod table;

pub use summary::{Listing, Totals};

use crate::Compiled;
use html::{esc, Html};
use std::collections::BTreeMap;

/// The site's stylesheet, at its root.
pub const STYLE: &str = "style.css";
/// The index's search, at the root.
pub const SEARCH_SCRIPT: &str = "search.js";
/// The live preview's reload script (`budc serve` only), at the root.
pub const LIVE_SCRIPT: &str = "_budc/live.js";
/// The live preview's event stream (`budc serve` only).
pub const EVENTS: &str = "_budc/events";

/// The files of a site: paths relative to its root, `/`-separated, in order.
pub type Site = BTreeMap<String, Vec<u8>>;

/// A department of the site: its budget, compiled, where its page goes and what it offers.
pub struct Entry<'a> {
    /// The folder of its page: a stable name from the budget's file (`slug`).
    pub slug: String,
    pub compiled: &'a Compiled,
    /// The files offered for download beside the page.
    pub downloads: Vec<Download>,
    /// In a live preview: the diagnostics, each as `budc check` prints it.
    pub notices: Vec<Notice>,
}

/// A diagnostic shown at the top of a live page.
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// A file offered for download.
pub struct Download {
    pub kind: Kind,
    /// The file's name in the department's folder.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The formats offered for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Xlsx,
    Json,
    Pdf,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Json => "json",
            Kind::Pdf => "pdf",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Docx => "部门预算文本（DOCX）",
            Kind::Xlsx => "预算表（XLSX）",
            Kind::Json => "开放数据（JSON）",
            Kind::Pdf => "部门预算文本（PDF）",
        }
    }

    fn mime(self) -> &'static str {
        mime(self.extension())
    }
}

/// The media type of a file of the site, by its extension.
pub fn mime(extension: &str) -> &'static str {
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// What the index shows under the list of departments.
pub enum Region<'a> {
    /// The departments' own totals, added up by year and unit (`summary`): when the budgets
    /// are of several years or catalogs, which `budc region` refuses to add up.
    Summary,
    /// The tables of the region (`budc region`'s consolidation), rendered as the budget
    /// tables are.
    Tables(&'a crate::region::Region),
}

impl<'a> Region<'a> {
    /// The region's tables when its departments are of one year and one catalog (no E0603,
    /// the check `budc region` stops at), else the summary.
    pub fn of(r: &'a crate::region::Region) -> Region<'a> {
        let mixed = r.diagnostics.iter().any(|d| d.diagnostic.code == "E0603");
        if r.departments.is_empty() || mixed {
            Region::Summary
        } else {
            Region::Tables(r)
        }
    }
}

/// Messages for the top of a live index: inputs that could not be read.
pub type Problems = Vec<Notice>;

/// The site of the departments, in `entries`' order on the index, in memory (`budc serve`;
/// `budc site` writes each department's files as it goes, with `statics`, `department` and
/// `index`). `live`: the generation of a live preview, whose pages show their diagnostics and
/// reload themselves.
pub fn build(entries: &[Entry], region: Region, live: Option<u64>, problems: &[Notice]) -> Site {
    let mut site: Site = statics(live).collect();
    let listings: Vec<Listing> = entries.iter().map(Listing::of_entry).collect();
    site.insert(
        INDEX.to_string(),
        index(&listings, &region, live, problems).into_bytes(),
    );
    for e in entries {
        site.extend(department(e, live));
    }
    site
}

/// The index page (`index.html`).
pub const INDEX: &str = "index.html";

/// The files that do not depend on the budgets: the stylesheet, the search, and in a live
/// preview its reload script.
pub fn statics(live: Option<u64>) -> impl Iterator<Item = (String, Vec<u8>)> {
    [
        Some((STYLE, include_str!("style.css"))),
        Some((SEARCH_SCRIPT, include_str!("search.js"))),
        live.map(|_| (LIVE_SCRIPT, include_str!("live.js"))),
    ]
    .into_iter()
    .flatten()
    .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
}

/// The index: every department's line (`Listing`), then the region's tables or the summary.
pub fn index(
    listings: &[Listing],
    region: &Region,
    live: Option<u64>,
    problems: &[Notice],
) -> String {
    index::index(listings, region, live, problems)
}

/// A department's files: its page (`<slug>/index.html`) and its downloads beside it.
pub fn department<'e>(
    e: &'e Entry,
    live: Option<u64>,
) -> impl Iterator<Item = (String, Vec<u8>)> + 'e {
    let page = (
        format!("{}/index.html", e.slug),
        page::page(e, live).into_bytes(),
    );
    std::iter::once(page).chain(
        e.downloads
            .iter()
            .map(|d| (format!("{}/{}", e.slug, d.name), d.bytes.clone())),
    )
}

/// A department's page alone (`<slug>/index.html`), for a writer that takes the downloads'
/// bytes from the entry itself.
pub fn page(e: &Entry, live: Option<u64>) -> String {
    page::page(e, live)
}

/// The folder name of a budget's page, from its file's name (`yunxi-cdc-2024.bud` →
/// `yunxi-cdc-2024`): stable across runs and years of edits. Characters that have a meaning in
/// a URL or a path become `-`.
pub fn slug(file_stem: &str) -> String {
    let s: String = file_stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('.').to_string();
    if s.is_empty() || s == "_budc" {
        "budget".to_string()
    } else {
        s
    }
}

/// The diagnostics at the top of a live page, errors first marked as such.
fn diagnostics(h: &mut Html, notices: &[Notice]) {
    let errors = notices.iter().filter(|n| n.error).count();
    let warnings = notices.len() - errors;
    let class = if errors > 0 { "live errors" } else { "live" };
    h.raw(&format!(
        "<section class=\"{class}\" id=\"diagnostics\" aria-live=\"polite\">\n<h2>检查结果：{errors} 个错误，{warnings} 个警告</h2>\n"
    ));
    for n in notices {
        let class = if n.error { "error" } else { "warning" };
        h.raw(&format!("<pre class=\"{class}\">{}</pre>\n", esc(&n.text)));
    }
    h.raw("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_in_a_url_and_a_path() {
        assert_eq!(slug("yunxi-cdc-2024"), "yunxi-cdc-2024");
        assert_eq!(slug("文化馆 2024"), "文化馆-2024");
        assert_eq!(slug("../x?y#z%"), "-x-y-z-");
        assert_eq!(slug(".."), "budget");
        assert_eq!(slug("_budc"), "budget");
    }
}
