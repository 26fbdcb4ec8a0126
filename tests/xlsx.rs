//! The XLSX, read back with calamine: every cell of every table is the document's figure (and
//! the JSON's), the sums are formulas (with the figure cached), the lists hold the facts, the
//! bytes are the same twice; and LibreOffice, made to recalculate every formula, gets budc's
//! figure for each.

use budc::backend::xlsx::{formulas, sheets};
use budc::document::{Cell, ColumnKind, RowLevel, Table, TableId};
use budc::source::SourceFile;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use rust_decimal::Decimal;
use std::io::{Cursor, Read, Write};
use std::path::Path;

const EXAMPLES: [&str; 3] = ["liaocheng-2024", "yunxi-cdc-2024", "qinghe-education-2024"];

fn compiled(name: &str) -> budc::Compiled {
    let path = format!("{}/examples/{name}.bud", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let c = budc::compile(SourceFile::new(path, text), None);
    assert!(!c.has_errors(), "{name}: {:#?}", c.diagnostics);
    c
}

fn workbook(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

/// The sheet row of a table's first data row: title, unit line, header.
fn first_row(t: &Table) -> u32 {
    2 + t.header().len() as u32
}

/// How many leading cells of a total row its label spans (the blank code and name columns).
fn label_span(t: &Table, cells: &[Cell], level: RowLevel) -> usize {
    if level != RowLevel::Total {
        return 0;
    }
    let labels = t
        .columns
        .iter()
        .take_while(|c| c.kind != ColumnKind::Amount)
        .count();
    cells
        .iter()
        .take_while(|c| **c == Cell::Empty)
        .count()
        .min(labels)
}

fn f64_of(d: Decimal) -> f64 {
    d.to_string().parse().unwrap()
}

#[test]
fn every_cell_is_the_documents_and_the_sums_are_formulas() {
    for name in EXAMPLES {
        let c = compiled(name);
        let bytes = c.to_xlsx().unwrap();
        let mut wb = workbook(&bytes);
        let names = sheets(&c.document);
        assert_eq!(wb.sheet_names(), names, "{name}");
        let plan = formulas::plan(&c.document);
        // The JSON views of the same tables: the XLSX shows what the open data says.
        let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
        let mut formula_count = 0;
        for (i, t) in c.document.tables().iter().enumerate() {
            let sheet = &names[i];
            assert!(sheet.chars().count() <= 31);
            let values = wb.worksheet_range(sheet).unwrap();
            let formulas = wb.worksheet_formula(sheet).unwrap();
            assert_eq!(
                values.get_value((0, 0)),
                Some(&Data::String(t.title.clone()))
            );
            let unit = format!("单位：{}", c.budget.unit().as_str());
            let last = t.columns.len() as u32 - 1;
            assert_eq!(values.get_value((1, last)), Some(&Data::String(unit)));
            let top = first_row(t);
            for (r, row) in t.rows.iter().enumerate() {
                let y = top + r as u32;
                let lead = label_span(t, &row.cells, row.level);
                if lead > 0 {
                    assert_eq!(
                        values.get_value((y, 0)),
                        Some(&Data::String(row.name.clone()))
                    );
                }
                for (x, cell) in row.cells.iter().enumerate().skip(lead) {
                    let pos = (y, x as u32);
                    let got = values.get_value(pos).cloned().unwrap_or(Data::Empty);
                    let want = match cell {
                        Cell::Empty => Data::Empty,
                        Cell::Text(s) => Data::String(s.clone()),
                        Cell::Amount(d) => Data::Float(f64_of(*d)),
                    };
                    assert_eq!(got, want, "{name} {sheet} row {r} col {x}");
                    let column = &t.columns[x];
                    let in_json = &json["tables"][i]["rows"][r]["values"][column.id.as_str()];
                    let from_json = match in_json.as_str() {
                        None => Data::Empty,
                        Some(v) if column.kind == ColumnKind::Amount => {
                            Data::Float(v.parse().unwrap())
                        }
                        Some(v) => Data::String(v.to_string()),
                    };
                    assert_eq!(got, from_json, "{name} {sheet} row {r} col {x} (JSON)");
                    let formula = formulas.get_value(pos).filter(|f| !f.is_empty()).cloned();
                    assert_eq!(
                        formula.is_some(),
                        plan[i].contains_key(&(r, x)),
                        "{name} {sheet} row {r} col {x}: {formula:?}"
                    );
                    formula_count += usize::from(formula.is_some());
                }
            }
            // A table of several rows adds its rows up: every amount of its 合计 row is a sum.
            let tree = !matches!(t.id, TableId::Overview | TableId::FiscalOverview);
            if tree && t.rows.len() > 1 {
                for (r, row) in t.rows.iter().enumerate() {
                    if row.level != RowLevel::Total {
                        continue;
                    }
                    for (x, cell) in row.cells.iter().enumerate() {
                        if matches!(cell, Cell::Amount(_)) {
                            assert!(
                                plan[i].contains_key(&(r, x)),
                                "{name} {sheet}: 合计 row, column {x} is not a formula"
                            );
                        }
                    }
                }
            }
            if let Some(note) = &t.note {
                let y = top + t.rows.len() as u32;
                assert_eq!(values.get_value((y, 0)), Some(&Data::String(note.clone())));
            }
        }
        assert!(formula_count > 50, "{name}: {formula_count} formulas");
        // The two overview tables take their lines from the other tables.
        let overview = &plan[TableId::Overview as usize];
        assert!(overview
            .values()
            .any(|refs| refs[0].table == TableId::Income as usize));
        assert!(overview
            .values()
            .any(|refs| refs[0].table == TableId::Expenditure as usize));
        lists_hold_the_facts(name, &c, &mut wb, &names);
    }
}

/// The list sheets: one line per fact, the 合计 their sum.
fn lists_hold_the_facts(
    name: &str,
    c: &budc::Compiled,
    wb: &mut Xlsx<Cursor<Vec<u8>>>,
    names: &[String],
) {
    let b = &c.budget;
    let goals = wb.worksheet_range(&names[12]).unwrap();
    let indicators: usize = b.projects.iter().map(|p| p.indicators.len().max(1)).sum();
    assert_eq!(goals.end().unwrap().0 as usize, 2 + indicators, "{name}");
    let basic = wb.worksheet_range(&names[13]).unwrap();
    assert_eq!(basic.end().unwrap().0 as usize, 3 + b.basic.len(), "{name}");
    let total: Decimal = b.basic.iter().map(|l| l.amount.value).sum();
    assert_eq!(basic.get_value((3, 6)), Some(&Data::Float(f64_of(total))));
    for (i, l) in b.basic.iter().enumerate() {
        let y = 4 + i as u32;
        assert_eq!(
            basic.get_value((y, 1)),
            Some(&Data::String(l.func.as_ref().unwrap().code.clone()))
        );
        assert_eq!(
            basic.get_value((y, 6)),
            Some(&Data::Float(f64_of(l.amount.value)))
        );
    }
    let projects = wb.worksheet_range(&names[14]).unwrap();
    let lines: Vec<_> = b.projects.iter().flat_map(|p| &p.allocations).collect();
    assert_eq!(
        projects.end().unwrap().0 as usize,
        3 + lines.len(),
        "{name}"
    );
    let total: Decimal = lines.iter().map(|a| a.amount.value).sum();
    assert_eq!(
        projects.get_value((3, 7)),
        Some(&Data::Float(f64_of(total)))
    );
    let formulas = wb.worksheet_formula(&names[14]).unwrap();
    assert!(formulas
        .get_value((3, 7))
        .is_some_and(|f| f.starts_with("SUM(H5:H")));
}

#[test]
fn the_same_budget_gives_the_same_bytes() {
    let c = compiled("liaocheng-2024");
    let (a, b) = (c.to_xlsx().unwrap(), c.to_xlsx().unwrap());
    assert!(a == b, "two renderings differ");
    // The workbook's date is the budget's, not the clock's.
    let mut zip = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut core)
        .unwrap();
    assert!(core.contains("2024-01-01T00:00:00Z"), "{core}");
}

/// The workbook with every formula's cached result replaced by 0, so that a reader that does
/// not recalculate shows 0, never budc's figure.
fn without_cached_results(bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut blanked = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let entry_name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if entry_name.starts_with("xl/worksheets/sheet") {
            let xml = String::from_utf8(data).unwrap();
            let mut rest = xml.as_str();
            let mut new = String::new();
            while let Some(at) = rest.find("</f><v>") {
                let (head, tail) = rest.split_at(at + "</f><v>".len());
                new.push_str(head);
                let end = tail.find("</v>").unwrap();
                new.push('0');
                rest = &tail[end..];
                blanked += 1;
            }
            new.push_str(rest);
            data = new.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default();
        out.start_file(entry_name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    (out.finish().unwrap().into_inner(), blanked)
}

/// A LibreOffice profile that recalculates every formula of a file it loads (its default for
/// XLSX is to trust the cached results).
fn recalculating_profile(dir: &Path) -> String {
    let user = dir.join("profile/user");
    std::fs::create_dir_all(&user).unwrap();
    let item = |name: &str| {
        format!(
            "<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\"><prop oor:name=\"{name}\" oor:op=\"fuse\"><value>0</value></prop></item>"
        )
    };
    let xcu = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{}{}</oor:items>\n",
        item("OOXMLRecalcMode"),
        item("ODFRecalcMode")
    );
    std::fs::write(user.join("registrymodifications.xcu"), xcu).unwrap();
    format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    )
}

/// The fields of one CSV line (LibreOffice's: comma-separated, text in double quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            ch => fields.last_mut().unwrap().push(ch),
        }
    }
    fields
}

fn soffice_missing() -> bool {
    let missing = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_err();
    if missing {
        assert!(
            std::env::var_os("BUDC_REQUIRE_SOFFICE").is_none(),
            "soffice is required here"
        );
        eprintln!("soffice not installed: skipped");
    }
    missing
}

/// LibreOffice recalculates every formula (the cached results blanked first) and exports every
/// sheet: each formula gives budc's figure, exactly.
#[test]
fn libreoffice_recalculates_every_formula_to_budcs_figure() {
    if soffice_missing() {
        return;
    }
    let mut checked = 0;
    for name in ["liaocheng-2024", "yunxi-cdc-2024", "qinghe-education-2024"] {
        let c = compiled(name);
        let (bytes, blanked) = without_cached_results(&c.to_xlsx().unwrap());
        let plan = formulas::plan(&c.document);
        let planned: usize = plan.iter().map(|p| p.len()).sum();
        // The plan's formulas and the 合计 of each list of amounts that has lines: 基本支出明细,
        // 项目支出明细, 项目经济分类, 政府采购明细, 项目三公经费.
        let b = &c.budget;
        let lists = [
            !b.basic.is_empty(),
            b.projects.iter().any(|p| !p.allocations.is_empty()),
            b.projects.iter().any(|p| !p.economics.is_empty()),
            !b.basic_procurement.is_empty() || b.projects.iter().any(|p| !p.procurement.is_empty()),
            b.projects.iter().any(|p| !p.three_public.is_empty()),
        ];
        let sums = lists.iter().filter(|l| **l).count();
        assert_eq!(blanked, planned + sums, "{name}");
        let dir = std::env::temp_dir().join(format!("budc-xlsx-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.xlsx"));
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("soffice")
            .arg(recalculating_profile(&dir))
            .args([
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir",
            ])
            .arg(&dir)
            .arg(&path)
            .env("HOME", &dir)
            .output()
            .unwrap();
        let names = sheets(&c.document);
        if !dir.join(format!("{name}-{}.csv", names[0])).exists()
            && std::env::var_os("BUDC_REQUIRE_SOFFICE").is_none()
        {
            // LibreOffice without its spreadsheet (libreoffice-calc) converts nothing.
            eprintln!("soffice cannot convert spreadsheets here: skipped ({out:?})");
            return;
        }
        let read = |sheet: &str| -> Vec<Vec<String>> {
            let file = dir.join(format!("{name}-{sheet}.csv"));
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}; {out:?}", file.display()));
            text.lines().map(csv_fields).collect()
        };
        for (i, t) in c.document.tables().iter().enumerate() {
            let rows = read(&names[i]);
            let top = first_row(t) as usize;
            for (r, x) in plan[i].keys() {
                let Cell::Amount(want) = t.rows[*r].cells[*x] else {
                    panic!("a formula on a cell without an amount");
                };
                let got = &rows[top + r][*x];
                let got: Decimal = got
                    .parse()
                    .unwrap_or_else(|_| panic!("{name} {}: row {r} col {x}: {got:?}", names[i]));
                assert_eq!(got, want, "{name} {}: row {r} col {x}", names[i]);
                checked += 1;
            }
        }
        for (sheet, col) in [(&names[13], 6), (&names[14], 7)] {
            let rows = read(sheet);
            let sum: Decimal = rows[4..]
                .iter()
                .map(|r| r[col].parse::<Decimal>().unwrap())
                .sum();
            assert_eq!(
                rows[3][col].parse::<Decimal>().unwrap(),
                sum,
                "{name} {sheet}"
            );
            checked += 1;
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!("LibreOffice recalculated {checked} formulas: all equal budc's figures");
    assert!(checked > 300, "{checked}");
}

/// Every roll-up of the examples (and of generated departments) adds up, so every one is a
/// formula (none falls back to the number).
#[test]
fn every_roll_up_of_the_examples_is_a_formula() {
    let mut all: Vec<(String, budc::Compiled)> = EXAMPLES
        .iter()
        .chain(&["songling-sasac-2024"])
        .map(|n| (n.to_string(), compiled(n)))
        .collect();
    for n in 0..20 {
        let c = budc::compile(
            SourceFile::new("synth.bud", budc::synth::department(n, 12)),
            None,
        );
        all.push((format!("synth {n}"), c));
    }
    for (name, c) in all {
        let missed = formulas::unmatched(&c.document);
        let tables = c.document.tables();
        let described: Vec<String> = missed
            .iter()
            .map(|m| {
                let t = &tables[m.table];
                format!(
                    "{} {} {:?}",
                    t.title, t.rows[m.row].name, t.columns[m.col].id
                )
            })
            .collect();
        assert!(missed.is_empty(), "{name}: {described:#?}");
    }
}

/// A text longer than Excel takes in a cell is an error in words, in either language.
#[test]
fn a_text_too_long_for_excel_is_a_clear_error() {
    let mut c = compiled("liaocheng-2024");
    let goal = c.budget.projects[0].goal.as_mut().unwrap();
    goal.value = "长".repeat(40_000);
    let e = c.to_xlsx().unwrap_err();
    let text = budc::backend::xlsx::error_text(&e);
    assert!(text.zh.contains("32,767 个字符"), "{}", text.zh);
    assert!(text.en.contains("32,767 characters"), "{}", text.en);
}
