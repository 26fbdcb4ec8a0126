//! Templates (`模板`): a Shanghai budget in 元 laid out by the built-in `上海` (nine tables,
//! 1–8 in 元 without decimals, 9 in 万元 with two), a user's template file, and wrong templates.

use budc::source::SourceFile;
use std::io::Read;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/template");

fn compile_file(name: &str) -> budc::Compiled {
    let path = format!("{DIR}/{name}");
    let text = std::fs::read_to_string(&path).unwrap();
    budc::compile(SourceFile::new(path, text), None)
}

fn json(c: &budc::Compiled) -> serde_json::Value {
    let mut out = Vec::new();
    c.write_json(&mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

/// The texts (`w:t`) of the DOCX body, in order.
fn docx_texts(c: &budc::Compiled) -> Vec<String> {
    use quick_xml::events::Event;
    let bytes = c.to_docx().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut out, mut in_text) = (Vec::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Text(t) if in_text => out.push(t.decode().unwrap().into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

const TITLES: [&str; 9] = [
    "2026年部门财务收支预算总表",
    "2026年部门收入预算总表",
    "2026年部门支出预算总表",
    "2026年部门财政拨款收支预算总表",
    "2026年部门一般公共预算支出功能分类预算表",
    "2026年部门政府性基金预算支出功能分类预算表",
    "2026年部门国有资本经营预算支出功能分类预算表",
    "2026年部门一般公共预算基本支出部门预算经济分类预算表",
    "2026年部门“三公”经费和机关运行经费预算表",
];

#[test]
fn the_shanghai_budget_has_no_error_and_its_assertions_hold_in_the_tables_units() {
    let c = compile_file("shanghai.bud");
    let errors: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('E'))
        .map(|d| (d.code, d.message.zh.to_string()))
        .collect();
    assert_eq!(errors, []);
}

#[test]
fn the_shanghai_json_has_nine_tables_in_yuan_and_the_last_in_wan_yuan() {
    let v = json(&compile_file("shanghai.bud"));
    let tables = v["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 9);
    let titles: Vec<&str> = tables
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, TITLES);
    for t in &tables[..8] {
        assert_eq!(
            (t["unit"].as_str(), t["decimals"].as_u64()),
            (Some("元"), Some(0))
        );
        // Integers: no amount of tables 1–8 has a decimal point.
        for r in t["rows"].as_array().unwrap() {
            for (col, val) in r["values"].as_object().unwrap() {
                if let Some(s) = val.as_str().filter(|s| s.parse::<f64>().is_ok()) {
                    assert!(!s.contains('.'), "{col}: {s}");
                }
            }
        }
    }
    let t9 = &tables[8];
    assert_eq!(
        (t9["unit"].as_str(), t9["decimals"].as_u64()),
        (Some("万元"), Some(2))
    );
    assert_eq!(
        t9["rows"][0]["values"],
        serde_json::json!({
            "total": "114.22", "abroad": "0.00", "vehicle_subtotal": "113.76",
            "vehicle_purchase": "75.00", "vehicle_operation": "38.76", "reception": "0.46",
            "operating_cost": "507.25"
        })
    );
    // Table 8, in 元: 人员经费 301 + 303, 公用经费 302 + 310.
    let t8 = &tables[7];
    assert_eq!(t8["rows"][0]["values"]["subtotal"], "36197265");
    assert_eq!(t8["rows"][0]["values"]["personnel"], "31124727");
    assert_eq!(t8["rows"][0]["values"]["public"], "5072538");
    assert_eq!(
        tables[5]["note"],
        "注：本年度无政府性基金预算支出，故本表无数据"
    );
    // The two-sided table lists the 类 with spending only (rules.tables.classes = []).
    let classes: Vec<&str> = tables[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "class")
        .filter_map(|r| r["values"]["expenditure_item"].as_str())
        .collect();
    assert_eq!(
        classes,
        [
            "一、社会保障和就业支出",
            "二、卫生健康支出",
            "三、城乡社区支出",
            "四、住房保障支出"
        ]
    );
}

#[test]
fn the_shanghai_docx_prints_each_table_in_its_unit() {
    let texts = docx_texts(&compile_file("shanghai.bud"));
    let count = |s: &str| texts.iter().filter(|t| *t == s).count();
    assert_eq!(count("单位：元"), 8);
    assert_eq!(count("单位：万元"), 1);
    assert_eq!(count("编制部门：普陀区城市管理行政执法局"), 9);
    for title in TITLES {
        assert!(texts.iter().any(|t| t == title), "{title}");
    }
    // Tables 1–8: integers with separators; table 9: two decimals.
    assert!(texts.iter().any(|t| t == "40,445,265"));
    assert!(texts.iter().any(|t| t == "36,197,265"));
    assert!(!texts.iter().any(|t| t == "40,445,265.00"));
    for v in [
        "114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25",
    ] {
        assert!(texts.iter().any(|t| t == v), "{v}");
    }
}

#[test]
fn the_shanghai_workbook_keeps_every_sum_as_a_formula_and_its_site_prints_the_units() {
    let c = compile_file("shanghai.bud");
    assert_eq!(budc::backend::xlsx::formulas::unmatched(&c.document), []);
    // The workbook: each sheet's unit line, and table 9's amounts in 万元 (exact: the sums hold).
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(c.to_xlsx().unwrap())).unwrap();
    let names = wb.sheet_names().to_vec();
    let mut units = Vec::new();
    let mut last = None;
    for name in names.iter().take(9) {
        let range = wb.worksheet_range(name).unwrap();
        let cells: Vec<String> = range
            .rows()
            .nth(1)
            .unwrap()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(cells[0], "编制部门：普陀区城市管理行政执法局", "{name}");
        units.push(cells.last().unwrap().clone());
        last = Some(range);
    }
    assert_eq!(units.iter().filter(|u| *u == "单位：元").count(), 8);
    assert_eq!(units[8], "单位：万元");
    let t9 = last.unwrap();
    let numbers: Vec<f64> = t9
        .rows()
        .next_back()
        .unwrap()
        .iter()
        .filter_map(|d| match d {
            Data::Float(f) => Some(*f),
            _ => None,
        })
        .collect();
    // In the published order: 公务接待费 before 公务用车.
    assert_eq!(numbers, [114.22, 0.0, 0.46, 113.76, 75.0, 38.76, 507.2538]);
    let entry = budc::site::Entry {
        slug: "sh".into(),
        compiled: &c,
        downloads: Vec::new(),
        notices: Vec::new(),
    };
    let site = budc::site::build(&[entry], budc::site::Region::Summary, None, &[]);
    let html = String::from_utf8(site["sh/index.html"].clone()).unwrap();
    assert_eq!(html.matches("<span>单位：元</span>").count(), 8);
    assert_eq!(html.matches("<span>单位：万元</span>").count(), 1);
    assert!(html.contains("<h3>9. 2026年部门“三公”经费和机关运行经费预算表</h3>"));
    assert!(html.contains(">114.22<"));
    assert!(html.contains(">40,445,265<"));
}

#[test]
fn a_table_cell_assertion_is_compared_in_the_tables_unit_and_reports_both_values() {
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
        .unwrap()
        .replace(
            "断言 three_public 合计 reception = 0.46",
            "断言 three_public 合计 reception = 0.47",
        );
    let c = budc::compile(SourceFile::new(format!("{DIR}/x.bud"), text), None);
    let msgs: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0201")
        .map(|d| d.message.zh.to_string())
        .collect();
    assert_eq!(
        msgs,
        ["断言不成立：three_public 合计 reception 写的是 0.47 万元，由事实算得 0.46 万元（四舍五入到 2 位为 0.46）"]
    );
    // An explicit unit wins: 4600 元 is the same cell.
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
        .unwrap()
        .replace(
            "断言 three_public 合计 reception = 0.46",
            "断言 three_public 合计 reception = 4600 元",
        );
    let c = budc::compile(SourceFile::new(format!("{DIR}/x.bud"), text), None);
    assert!(!c.diagnostics.iter().any(|d| d.code == "E0201"));
}

#[test]
fn the_standard_template_named_gives_the_same_json_as_none() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");
    let text = std::fs::read_to_string(path).unwrap();
    let named = text.replacen("年度 2024\n", "年度 2024\n模板 标准\n", 1);
    assert_ne!(named, text);
    let (ca, cb) = (
        budc::compile(SourceFile::new(path, text), None),
        budc::compile(SourceFile::new(path, named), None),
    );
    // 标准 prints the built-in tables as they are: the document holds them once.
    use budc::document::TableId;
    assert!(std::ptr::eq(
        &ca.document.tables()[6],
        ca.document.table(TableId::ThreePublic)
    ));
    let (a, b) = (json(&ca), json(&cb));
    assert_eq!(a["tables"], b["tables"]);
    assert_eq!(a["tables"].as_array().unwrap().len(), 12);
}

#[test]
fn a_users_template_file_is_read_relative_to_the_budget() {
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
        .unwrap()
        .replace("模板 上海", "模板 shanghai-copy.toml");
    let c = budc::compile(SourceFile::new(format!("{DIR}/copy.bud"), text), None);
    assert!(!c.diagnostics.iter().any(|d| d.code.starts_with('E')));
    let v = json(&c);
    assert_eq!(v["tables"].as_array().unwrap().len(), 9);
    assert_eq!(v["tables"][8]["rows"][0]["values"]["total"], "114.22");
}

#[test]
fn a_wrong_template_file_is_e0702_with_its_place_and_the_document_stays_standard() {
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
        .unwrap()
        .replace("模板 上海", "模板 wrong-unit.toml");
    let c = budc::compile(SourceFile::new(format!("{DIR}/w.bud"), text), None);
    let d: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0702")
        .map(|d| d.message.zh.to_string())
        .collect();
    assert_eq!(
        d,
        ["模板文件有误：wrong-unit.toml:5:8: 未知的金额单位 `千元`（可用：元、万元）"]
    );
    assert_eq!(json(&c)["tables"].as_array().unwrap().len(), 12);
}

#[test]
fn a_column_the_table_has_not_got_is_e0702_at_the_tables_line() {
    let dir = std::env::temp_dir().join(format!("budc-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("t.toml"),
        "[[table]]\nkind = \"overview\"\n\n[[table]]\nkind = \"three_public\"\ncolumns = [\"total\", \"basic\"]\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
        .unwrap()
        .replace("模板 上海", "模板 t.toml");
    let c = budc::compile(
        SourceFile::new(dir.join("b.bud").display().to_string(), text),
        None,
    );
    let d: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0702")
        .map(|d| d.message.en.to_string())
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].starts_with(
            "wrong template file: t.toml:5:1: table three_public has no column `basic`"
        ),
        "{d:?}"
    );
    // The tables that fit are kept.
    assert_eq!(json(&c)["tables"].as_array().unwrap().len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_template_names_the_parts_and_keeps_the_sections_it_lists() {
    let dir = std::env::temp_dir().join(format!("budc-template-parts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("t.toml"),
        "[labels]\nparts = [\"一、部门概况\", \"五、部门预算表\", \"四、部门预算编制说明\", \"三、名词解释\"]\n\n[explanations]\nsections = [\"机关运行经费情况\", \"“三公”经费支出情况\", \"不存在的一节\"]\n\n[[table]]\nkind = \"three_public\"\nnumber = \"9.\"\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
        .unwrap()
        .replace("模板 上海", "模板 t.toml");
    let c = budc::compile(
        SourceFile::new(dir.join("b.bud").display().to_string(), text),
        None,
    );
    // The template is fine (the fixture's assertions on tables it has not got are not).
    assert!(!c.diagnostics.iter().any(|d| d.code.starts_with("E07")));
    let titles: Vec<&str> = c
        .document
        .explanations
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles, ["一、机关运行经费情况", "二、“三公”经费支出情况"]);
    let texts = docx_texts(&c);
    for part in [
        "一、部门概况",
        "五、部门预算表",
        "四、部门预算编制说明",
        "三、名词解释",
    ] {
        assert!(texts.iter().any(|t| t == part), "{part}");
    }
    assert!(!texts.iter().any(|t| t.starts_with("第二部分")));
    assert!(!texts.iter().any(|t| t == "四、政府采购情况"));
    // Without a unit, the table is in the budget's (元), two decimals, as the reference prints.
    assert!(texts.iter().any(|t| t == "1,142,200.00"));
    assert!(texts.iter().any(|t| t == "单位: 元"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_template_name_lists_the_built_in_ones() {
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
        .unwrap()
        .replace("模板 上海", "模板 北京");
    let c = budc::compile(SourceFile::new(format!("{DIR}/u.bud"), text), None);
    let d = c.diagnostics.iter().find(|d| d.code == "E0701").unwrap();
    assert_eq!(d.message.zh, "没有叫“北京”的模板");
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .zh
        .starts_with("内置模板：标准、上海；"));
}

#[test]
fn the_two_sided_tables_print_the_templates_income_lines_and_totals() {
    let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud")).unwrap();
    let c = budc::compile(SourceFile::new(format!("{DIR}/s.bud"), text), None);
    let v = json(&c);
    let side = |t: usize| -> Vec<(String, String)> {
        v["tables"][t]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let s = |k: &str| r["values"][k].as_str().unwrap_or("").to_string();
                (s("income_item"), s("income_amount"))
            })
            .collect()
    };
    let overview = side(0);
    let income = v["figures"]["income_total"].as_str().unwrap().to_string();
    let income = income.trim_end_matches(".00").to_string();
    // The income side as printed: 财政拨款收入 and its three budgets, the other sources, then
    // the one total row.
    let labels: Vec<&str> = overview.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "一、财政拨款收入",
            "1. 一般公共预算",
            "2. 政府性基金预算",
            "3. 国有资本经营预算",
            "二、事业收入",
            "三、事业单位经营收入",
            "四、其他收入",
            "收入总计"
        ]
    );
    let amounts: Vec<&str> = overview.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(amounts, [&*income, &*income, "", "", "", "", "", &*income]);
    let fiscal: Vec<String> = side(3).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        fiscal,
        [
            "一、一般公共预算",
            "二、政府性基金预算",
            "三、国有资本经营预算",
            "",
            "收入总计"
        ]
    );
}

#[test]
fn income_lines_on_a_table_without_an_income_side_or_an_unknown_total_row_is_e0702() {
    let dir = std::env::temp_dir().join(format!("budc-template-sides-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            "[[table]]\nkind = \"income\"\nincome_lines = [{ label = \"一、收入\", sources = [\"一般公共预算\"] }]\n",
            "t.toml:3:16: income_lines is for the two-sided tables (overview, fiscal_overview), not income",
        ),
        (
            "[[table]]\nkind = \"overview\"\nincome_lines = [{ label = \"一、收入\", sources = [\"财政\"] }]\n",
            "t.toml:3:46: unknown source `财政`",
        ),
        (
            "[[table]]\nkind = \"overview\"\ntotals = [{ row = \"合计\", income = \"收入总计\", expenditure = \"支出总计\" }]\n",
            "t.toml:3:19: no total row `合计` (rows: 本年支出合计、使用非财政拨款结余、结转下年、支出总计)",
        ),
    ];
    for (toml, want) in cases {
        std::fs::write(dir.join("t.toml"), toml).unwrap();
        let text = std::fs::read_to_string(format!("{DIR}/shanghai.bud"))
            .unwrap()
            .replace("模板 上海", "模板 t.toml");
        let c = budc::compile(
            SourceFile::new(dir.join("b.bud").display().to_string(), text),
            None,
        );
        let d: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == "E0702")
            .map(|d| d.message.en.to_string())
            .collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains(want), "{d:?} should contain {want}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
