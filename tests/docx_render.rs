//! The DOCX as a real word processor lays it out: LibreOffice renders it to PDF and
//! `pdftotext -layout` reads the pages back. Every amount of every table, and every 一级/二级
//! indicator label, is on one line (never broken over two); the 目录's page numbers are the
//! pages where the headings fall; the page count is the same on every rendering.
//!
//! CI installs LibreOffice and poppler (.ci/run sets BUDC_REQUIRE_SOFFICE=1); elsewhere the
//! test is skipped when they are missing.

use budc::backend::docx::paginate;
use budc::document::prose::thousands;
use budc::document::Cell;
use budc::source::SourceFile;
use std::collections::BTreeSet;

const EXAMPLES: [&str; 2] = ["liaocheng-2024.bud", "yunxi-cdc-2024.bud"];

fn compiled(name: &str) -> budc::Compiled {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let c = budc::compile(SourceFile::new(name, text), None);
    assert!(!c.has_errors());
    c
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 目录's lines: (entry text, page number), from the pages before the first numbered one.
fn contents(pages: &[String], first: usize) -> Vec<(String, u32)> {
    pages[..first]
        .iter()
        .flat_map(|p| p.lines())
        .filter_map(|l| {
            let l = squeeze(l);
            let text = l.trim_end_matches(|c: char| c.is_ascii_digit());
            let number = l[text.len()..].parse().ok()?;
            let text = text.trim_end_matches(['.', '…', '·']);
            (!text.is_empty()).then(|| (text.to_string(), number))
        })
        .collect()
}

/// The page (printed number) of each 目录 entry in the body: the first page, from the previous
/// entry's on, with a line that is the entry's text, or the text without the number the 目录
/// puts before a table's title (一、收支总体情况表 → 收支总体情况表).
fn heading_pages(pages: &[String], first: usize, entries: &[(String, u32)]) -> Vec<Option<u32>> {
    let mut at = first;
    entries
        .iter()
        .map(|(text, _)| {
            let bare = text.split_once('、').map(|(_, t)| t.to_string());
            let found = (at..pages.len()).find(|&i| {
                pages[i].lines().any(|l| {
                    let l = squeeze(l);
                    l == *text
                        || bare
                            .as_deref()
                            .is_some_and(|b| b == l && text.contains("表"))
                })
            })?;
            at = found;
            Some((found - first + 1) as u32)
        })
        .collect()
}

#[test]
fn the_rendered_document_keeps_amounts_whole_and_its_contents_right() {
    if !paginate::available() {
        assert!(
            std::env::var_os("BUDC_REQUIRE_SOFFICE").is_none(),
            "soffice and pdftotext are required here"
        );
        eprintln!("soffice or pdftotext not installed: skipped");
        return;
    }
    for name in EXAMPLES {
        let c = compiled(name);
        let docx = c.to_docx_paginated().unwrap();
        let pages = paginate::render_text(&docx).unwrap();
        let words: BTreeSet<&str> = pages.iter().flat_map(|p| p.split_whitespace()).collect();

        // Every amount of every table, whole on one line.
        for t in c.document.tables() {
            for r in &t.rows {
                for cell in &r.cells {
                    if let Cell::Amount(d) = cell {
                        let s = thousands(*d);
                        assert!(words.contains(s.as_str()), "{name}: {} {s} broken", t.title);
                    }
                }
            }
        }
        // Every indicator label, whole on one line.
        for p in &c.budget.projects {
            for i in &p.indicators {
                for label in [&i.level1.value, &i.level2.value] {
                    assert!(words.contains(label.as_str()), "{name}: {label} broken");
                }
            }
        }

        // The 目录's numbers are the pages where the headings fall.
        let first = paginate::first_numbered(&pages).expect("a page numbered 1");
        assert_eq!(
            first, 2,
            "{name}: the cover and one page of 目录 are not numbered"
        );
        let entries = contents(&pages, first);
        assert!(entries.len() >= 20, "{name}: {entries:?}");
        let found = heading_pages(&pages, first, &entries);
        for ((text, number), page) in entries.iter().zip(&found) {
            assert_eq!(Some(*number), *page, "{name}: {text}");
        }

        // The same layout on another rendering.
        let again = paginate::render_text(&docx).unwrap();
        assert_eq!(pages.len(), again.len(), "{name}: page count");
    }
}

/// A goal table taller than a page (yunxi's first project with every indicator written five
/// times): its header rows repeat on every page, and the 一级 label of the block a page opens
/// in is printed again on that page's first row.
#[test]
fn a_goal_table_over_several_pages_restates_its_labels() {
    if !paginate::available() {
        assert!(std::env::var_os("BUDC_REQUIRE_SOFFICE").is_none());
        return;
    }
    let path = format!("{}/examples/yunxi-cdc-2024.bud", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("指标 "))
        .unwrap();
    let end = start
        + lines[start..]
            .iter()
            .take_while(|l| l.trim_start().starts_with("指标 "))
            .count();
    let mut long = lines[..start].join("\n");
    for l in &lines[start..end] {
        for copy in 0..5 {
            // The 三级指标 (the second field) made distinct: `名称0` … `名称4`.
            let mut fields: Vec<String> = l.split('|').map(str::to_string).collect();
            fields[1] = format!("{}{copy} ", fields[1].trim_end());
            long.push('\n');
            long.push_str(&fields.join("|"));
        }
    }
    long.push('\n');
    long.push_str(&lines[end..].join("\n"));
    let c = budc::compile(SourceFile::new("long.bud", long), None);
    assert!(!c.has_errors());
    let project = &c.budget.projects[0];
    let pages = paginate::render_text(&c.to_docx_paginated().unwrap()).unwrap();
    let key = squeeze(&format!("项目编码{}", project.code.value));
    let on: Vec<&String> = pages
        .iter()
        .filter(|p| p.lines().any(|l| squeeze(l).contains(&key)))
        .collect();
    assert!(
        on.len() >= 2,
        "the table should run over pages: {}",
        on.len()
    );
    let labels: BTreeSet<String> = project
        .indicators
        .iter()
        .map(|i| i.level1.value.clone())
        .collect();
    for page in &on[1..] {
        let rows: Vec<String> = page.lines().map(squeeze).collect();
        let header = rows
            .iter()
            .position(|l| l.contains("一级指标二级指标三级指标"))
            .expect("the repeated header");
        let first: String = rows[header + 1..]
            .iter()
            .filter(|l| !l.is_empty())
            .take(3)
            .map(String::as_str)
            .collect();
        assert!(
            labels.iter().any(|l| first.contains(l.as_str())),
            "no 一级 label restated on a continued page: {first}"
        );
    }
}
