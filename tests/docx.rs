//! The DOCX, read back: every table with its title, merged headers, published sample cells,
//! repeated header rows, landscape sections, unique ids, deflated entries, dates from the
//! budget, determinism, a snapshot of its text, and a real word processor opening it.

use budc::document::TableId;
use budc::source::SourceFile;
use std::collections::BTreeSet;
use std::io::Read;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

fn docx() -> Vec<u8> {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let c = budc::compile(SourceFile::new("liaocheng-2024.bud", text), None);
    assert!(!c.has_errors());
    c.to_docx().unwrap()
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The document as text: one line per paragraph, tables as rows of cells joined by " | ".
fn outline(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut lines = Vec::new();
    let (mut para, mut row): (String, Vec<String>) = (String::new(), Vec::new());
    let mut depth_tbl = 0;
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => depth_tbl += 1,
                b"w:tr" => row.clear(),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:tbl" => depth_tbl -= 1,
                b"w:t" => in_text = false,
                b"w:p" if depth_tbl > 0 => row.push(std::mem::take(&mut para)),
                b"w:p" => {
                    let p = std::mem::take(&mut para);
                    if !p.is_empty() {
                        lines.push(p);
                    }
                }
                b"w:tr" => lines.push(format!("| {} |", row.join(" | "))),
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.decode().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    lines
}

#[test]
fn the_same_budget_gives_the_same_bytes() {
    let first = docx();
    // Another document built in between, in this process and on another thread, changes
    // nothing.
    let other = std::thread::spawn(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/yunxi-cdc-2024.bud");
        let text = std::fs::read_to_string(path).unwrap();
        budc::compile(SourceFile::new("yunxi-cdc-2024.bud", text), None)
            .to_docx()
            .unwrap()
    })
    .join()
    .unwrap();
    assert_ne!(first, other);
    assert_eq!(first, docx());
    assert_eq!(first, std::thread::spawn(docx).join().unwrap());
}

#[test]
fn entries_are_deflated_and_dates_come_from_the_budget() {
    let bytes = docx();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            f.name()
        );
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains(">2024-01-01T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(core.contains("2024 年聊城经济技术开发区党群工作部部门预算"));
}

#[test]
fn paragraph_ids_are_unique() {
    let xml = part(&docx(), "word/document.xml");
    let ids: Vec<&str> = xml
        .split("w14:paraId=\"")
        .skip(1)
        .map(|s| &s[..8])
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert!(ids.len() > 1000);
    assert_eq!(ids.len(), unique.len());
}

#[test]
fn every_table_is_there_with_its_title_in_order() {
    let lines = outline(&part(&docx(), "word/document.xml"));
    let titles = [
        "收支总体情况表",
        "收入总体情况表",
        "支出总体情况表",
        "财政拨款收支总体情况表",
        "一般公共预算支出情况表",
        "一般公共预算基本支出情况表",
        "一般公共预算“三公”经费支出情况表",
        "政府性基金预算支出情况表",
        "国有资本经营预算支出情况表",
        "基本支出预算情况表",
        "项目支出预算情况表",
        "政府采购预算情况表",
    ];
    let mut at = 0;
    for t in titles {
        let found = lines[at..]
            .iter()
            .position(|l| l == t)
            .unwrap_or_else(|| panic!("{t}"));
        at += found + 1;
        // The empty fund tables use the full-width form of the line, as published.
        let empty_fund = t.starts_with("政府性基金") || t.starts_with("国有资本");
        let (dept, unit) = if empty_fund {
            ("部门（单位）：聊城经济技术开发区党群工作部", "单位：万元")
        } else {
            ("部门(单位): 聊城经济技术开发区党群工作部", "单位: 万元")
        };
        assert!(lines[at].starts_with(dept), "{}", lines[at]);
        assert!(lines[at].ends_with(unit), "{}", lines[at]);
    }
    // The contents list the twelve tables, numbered, with page numbers.
    assert!(lines
        .iter()
        .any(|l| l.starts_with("十二、政府采购预算情况表")));
    // 38 goal tables.
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("| 项目编码 |"))
            .count(),
        38
    );
    // The notes under the empty fund tables.
    assert!(lines.contains(&"注：2024 年没有使用政府性基金预算拨款安排的支出。".to_string()));
}

#[test]
fn sample_cells_carry_the_published_values() {
    let lines = outline(&part(&docx(), "word/document.xml"));
    let has = |row: &str| lines.iter().any(|l| l == row);
    // 收入总体情况表, 合计 and 201.
    assert!(has(
        "| 合计 | 16,028.22 | 16,028.22 | 16,028.22 |  |  |  |  |  |  |  |  |  |  |"
    ));
    assert!(has("| 201 |  |  | 一般公共服务支出 | 7,835.90 | 7,835.90 | 7,835.90 |  |  |  |  |  |  |  |  |  |  |"));
    // 一般公共预算基本支出情况表, 30101.
    assert!(has(
        "| 301 | 01 | 基本工资 | 501 | 01 | 工资奖金津补贴 | 212.61 | 212.61 |  |"
    ));
    // 三公 table, the single row.
    assert!(has(
        "| 3.10 | 0.00 | 1.10 | 0.00 | 1.10 | 2.00 | 2.99 | 0.00 | 0.99 | 0.00 | 0.99 | 2.00 |"
    ));
    // 财政拨款收支总体情况表, the bottom line.
    assert!(has(
        "| 收 入 总 计 | 16,028.22 | 支 出 总 计 | 16,028.22 | 16,028.22 |  |  |"
    ));
    // A goal-table row, and a figure of the explanations.
    assert!(has(
        "| 成本指标 | 经济成本指标 | 职业培训补贴标准 | 300-800元/人 | 补贴标准 |"
    ));
    assert!(lines
        .iter()
        .any(|l| l.contains("比上年减少0.11万元，下降3.55%")));
}

/// The XML with its empty elements written `<a/>` (docx-rs writes `<a />`: the same XML).
fn compact(xml: &str) -> String {
    xml.replace(" />", "/>")
}

#[test]
fn headers_are_merged_and_repeat_on_every_page() {
    let xml = compact(&part(&docx(), "word/document.xml"));
    // 收入总体情况表's first header row: 科目编码 over three columns, 财政拨款收入 over four.
    let income = &xml[xml.find(">收入总体情况表</w:t>").unwrap()..];
    let income = &income[..income.find("</w:tbl>").unwrap()];
    assert!(income.contains("<w:gridSpan w:val=\"3\"/><w:vAlign w:val=\"center\"/></w:tcPr><w:p"));
    assert!(income.contains("<w:gridSpan w:val=\"4\"/>"));
    assert!(income.contains("<w:vMerge w:val=\"restart\"/>"));
    assert_eq!(income.matches("<w:tblHeader/>").count(), 2);
    // Every table has its header rows marked, and every cell an absolute width.
    assert!(xml.matches("<w:tblHeader/>").count() >= 12 * 2 + 38 * 4);
    let cells = xml.matches("<w:tc>").count();
    assert_eq!(cells, xml.matches("<w:tcW w:w=\"").count());
    assert!(xml.contains("<w:tblLayout w:type=\"fixed\"/>"));
}

#[test]
fn wide_tables_are_on_landscape_pages() {
    let xml = part(&docx(), "word/document.xml");
    // A table's page is set by the first section end after its title.
    let orientation = |title: &str| {
        let heading = format!(">{title}</w:t>");
        let after = &xml[xml.find(&heading).unwrap_or_else(|| panic!("{title}"))..];
        let sect = &after[..after.find("</w:sectPr>").unwrap()];
        sect.contains("w:orient=\"landscape\"")
    };
    let landscape: Vec<&str> = TableId::ALL
        .iter()
        .map(|id| id.title())
        .filter(|title| orientation(title))
        .collect();
    // The five wide ones (收入总体情况表 has 17 columns); the last three share one section.
    assert_eq!(
        landscape,
        [
            "收入总体情况表",
            "一般公共预算“三公”经费支出情况表",
            "基本支出预算情况表",
            "项目支出预算情况表",
            "政府采购预算情况表",
        ]
    );
    assert_eq!(xml.matches("w:orient=\"landscape\"").count(), 3);
}

#[test]
fn fonts_are_the_official_families_with_fallbacks() {
    let bytes = docx();
    let fonts = part(&bytes, "word/fontTable.xml");
    for (name, alt) in [
        ("方正小标宋简体", "华文中宋"),
        ("仿宋_GB2312", "仿宋"),
        ("宋体", "SimSun"),
        ("黑体", "SimHei"),
    ] {
        assert!(
            fonts.contains(&format!(
                "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/>"
            )),
            "{name}"
        );
    }
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains("w:eastAsia=\"方正小标宋简体\""));
    assert!(part(&bytes, "word/footer1.xml").contains(" PAGE "));
}

/// 第三部分 and 第四部分 print the prose data, paragraph by paragraph, in order.
#[test]
fn the_explanations_and_glossary_are_the_prose_data() {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let c = budc::compile(SourceFile::new("liaocheng-2024.bud", text), None);
    let mut expected = Vec::new();
    for s in &c.document.explanations {
        expected.push(s.title.clone());
        expected.extend(s.paragraphs.iter().map(|p| p.text()));
        for sub in &s.subsections {
            expected.push(sub.title.clone());
            expected.extend(sub.paragraphs.iter().map(|p| p.text()));
        }
    }
    assert_eq!(expected.len(), 26);
    let lines = outline(&part(&docx(), "word/document.xml"));
    let start = lines
        .iter()
        .rposition(|l| l == "一、预算收支增减变化情况说明")
        .unwrap();
    assert_eq!(lines[start..start + expected.len()], expected[..]);
    let glossary = budc::document::prose::glossary_paragraphs(&c.document.glossary);
    let texts: Vec<String> = glossary.iter().map(|p| p.text()).collect();
    assert_eq!(lines[lines.len() - texts.len()..], texts[..]);
    assert_eq!(lines[lines.len() - texts.len() - 1], "第四部分 名词解释");
}

#[test]
fn document_text_snapshot() {
    let lines = outline(&part(&docx(), "word/document.xml"));
    insta::assert_snapshot!("liaocheng-2024.docx.txt", lines.join("\n"));
}

/// LibreOffice opens the file and lays it out. CI installs it (.ci/run sets
/// BUDC_REQUIRE_SOFFICE=1); elsewhere the test is skipped when `soffice` is missing.
#[test]
fn libreoffice_converts_it_to_pdf() {
    let has_soffice = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok();
    if !has_soffice {
        assert!(
            std::env::var_os("BUDC_REQUIRE_SOFFICE").is_none(),
            "soffice is required here"
        );
        eprintln!("soffice not installed: skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("budc-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("budget.docx");
    std::fs::write(&path, docx()).unwrap();
    let out = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&path)
        .env("HOME", &dir)
        .output()
        .unwrap();
    let pdf = std::fs::read(dir.join("budget.pdf")).unwrap_or_else(|_| panic!("{out:?}"));
    // Count the page objects of the PDF (each `/Type /Page` that is not `/Pages`).
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type/Page").count() + text.matches("/Type /Page").count()
        - text.matches("/Type/Pages").count()
        - text.matches("/Type /Pages").count();
    // Cover, contents, part one, twelve tables (several pages each), the explanations with 38
    // goal tables, the glossary: 45 to 60 pages with the CJK fonts of Debian.
    assert!((45..=60).contains(&pages), "{pages} pages");
    let _ = std::fs::remove_dir_all(&dir);
}
