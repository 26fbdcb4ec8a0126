//! The pagination pass: the document rendered by LibreOffice (`soffice --convert-to pdf`), its
//! text read back page by page (`pdftotext -layout`), and the page where each heading of the
//! 目录 falls. Page numbers are printed from the first page after the cover and the 目录 (the
//! page whose footer reads `— 1 —`). Without LibreOffice or poppler nothing is found, and the
//! 目录 is written without page numbers.

use super::contents::Entry;
use crate::model::Budget;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long LibreOffice may take to render one budget.
const TIMEOUT: Duration = Duration::from_secs(180);

/// Whether the pass can run here: `soffice` and `pdftotext` on the `PATH`.
pub fn available() -> bool {
    let runs = |cmd: &str, arg: &str| {
        Command::new(cmd)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    runs("soffice", "--version") && runs("pdftotext", "-v")
}

/// The pages of `docx` as LibreOffice lays them out, as text (one string per page).
pub fn render_text(docx: &[u8]) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("budget.docx");
    std::fs::write(&path, docx).ok()?;
    let pdf = to_pdf(dir.path(), &path)?;
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// Converts `docx` to PDF in `dir` with its own LibreOffice profile (so runs in parallel do not
/// share one), within `TIMEOUT`.
fn to_pdf(dir: &Path, docx: &Path) -> Option<std::path::PathBuf> {
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let mut child = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .env("HOME", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        match child.try_wait().ok()? {
            Some(status) if status.success() => break,
            Some(_) => return None,
            None if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    let pdf = dir.join("budget.pdf");
    pdf.exists().then_some(pdf)
}

/// A line without its spaces: pdftotext spaces CJK text its own way.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The index of the page numbered 1: the first whose last line is its footer `— 1 —`.
pub fn first_numbered(pages: &[String]) -> Option<usize> {
    pages.iter().position(|p| {
        p.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| squeeze(l) == "—1—")
    })
}

/// Each heading's printed page: the first page, from the previous heading's on, with a line
/// that is the heading's text. A heading not found gets no number.
pub fn find(pages: &[String], headings: &[Entry]) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    let Some(first) = first_numbered(pages) else {
        return out;
    };
    let mut at = first;
    for h in headings {
        let want = squeeze(&h.heading);
        let found = pages
            .iter()
            .enumerate()
            .skip(at)
            .find(|(_, p)| p.lines().any(|l| squeeze(l) == want));
        if let Some((i, _)) = found {
            at = i;
            out.insert(h.bookmark.clone(), (i - first + 1) as u32);
        }
    }
    out
}

/// For each goal table that runs over several pages (by project code): the indicator rows that
/// open a page after the first. On such a page the table repeats its header; the lines after
/// the header row hold the first row's 三级指标: the indicator (after the previous break) whose
/// name they hold the longest start of (then the longest end of).
pub(super) fn goal_breaks(pages: &[String], b: &Budget) -> BTreeMap<String, Vec<usize>> {
    let mut out = BTreeMap::new();
    for p in &b.projects {
        let key = squeeze(&format!("项目编码{}", p.code.value));
        let names: Vec<String> = p
            .indicators
            .iter()
            .map(|i| squeeze(&i.name.value))
            .collect();
        let on: Vec<&String> = pages
            .iter()
            .filter(|t| t.lines().any(|l| squeeze(l).contains(&key)))
            .collect();
        let mut rows: Vec<usize> = Vec::new();
        for page in on.iter().skip(1) {
            let lines: Vec<String> = page.lines().map(squeeze).collect();
            let Some(h) = lines
                .iter()
                .position(|l| l.contains("一级指标二级指标三级指标"))
            else {
                continue;
            };
            // The first row's lines: a name that wraps, or that sits in the middle of a taller
            // row, is found whole in the first three lines joined.
            let first: String = lines
                .iter()
                .skip(h + 1)
                .filter(|l| !l.is_empty())
                .take(3)
                .map(String::as_str)
                .collect();
            let after = rows.last().map_or(1, |r| r + 1);
            let best = (after..names.len())
                .map(|i| (matched(&first, &names[i]), i))
                .filter(|((start, _), _)| *start >= 2)
                .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)));
            if let Some((_, i)) = best {
                rows.push(i);
            }
        }
        if !rows.is_empty() {
            out.insert(p.code.value.clone(), rows);
        }
    }
    out
}

/// How many leading characters of `name` appear together in `line`, and how many trailing
/// ones (a name that wraps is cut in two by the text of the other columns).
fn matched(line: &str, name: &str) -> (usize, usize) {
    let chars: Vec<char> = name.chars().collect();
    let found = |part: &[char]| line.contains(&part.iter().collect::<String>());
    let start = (1..=chars.len())
        .rev()
        .find(|&k| found(&chars[..k]))
        .unwrap_or(0);
    let end = (1..=chars.len())
        .rev()
        .find(|&k| found(&chars[chars.len() - k..]))
        .unwrap_or(0);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(heading: &str, bookmark: &str) -> Entry {
        Entry {
            level: 1,
            toc: heading.to_string(),
            heading: heading.to_string(),
            bookmark: bookmark.to_string(),
        }
    }

    #[test]
    fn headings_are_found_on_their_pages_counted_from_page_one() {
        let pages: Vec<String> = [
            "2024 年某部门部门预算",
            "目 录\n第一部分 部门概况....1\n一、主要职责....1",
            "    第一部分 部门概况\n一、主要职责\n  正文\n\n   — 1 —\n",
            "正文\n\n — 2 —",
            "  二、机构设置情况\n正文\n — 3 —",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(first_numbered(&pages), Some(2));
        let found = find(
            &pages,
            &[
                entry("第一部分 部门概况", "a"),
                entry("一、主要职责", "b"),
                entry("二、机构设置情况", "c"),
                entry("三、没有的标题", "d"),
            ],
        );
        let want: BTreeMap<String, u32> = [("a", 1), ("b", 1), ("c", 3)]
            .map(|(k, v)| (k.to_string(), v))
            .into_iter()
            .collect();
        assert_eq!(found, want);
    }

    #[test]
    fn a_wrapped_name_is_matched_by_its_start_then_its_end() {
        let lines = "疑似预防接种异常反应报100%未达标不得分告处置率1";
        assert!(
            matched(lines, "疑似预防接种异常反应报告处置率1")
                > matched(lines, "疑似预防接种异常反应报告处置率0")
        );
        assert_eq!(matched(lines, "冷链温度监测合格率").0, 0);
    }
}
