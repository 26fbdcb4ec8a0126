//! `budc import`: budgets brought in from workbooks, through the built binary. The workbook
//! budc writes comes back as the same budget (every example); 一体化 exports fill a skeleton
//! made by `budc new`; bad cells are diagnostics at their cells.

mod common;
use common::budc_command;

use rust_xlsxwriter::{Workbook, Worksheet};
use std::path::{Path, PathBuf};
use std::process::Output;

fn budc(args: &[&str]) -> Output {
    budc_command()
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("run budc")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budc-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The examples that compile (the as-published one states its document's errors).
fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bud"))
        .filter(|p| !p.to_string_lossy().contains("as-published"))
        .collect();
    v.sort();
    v
}

/// Compile to XLSX, import, compile both to JSON: the same facts and the same tables, byte for
/// byte; the imported text is in canonical form (fmt leaves it as it is).
#[test]
fn every_example_comes_back_from_its_workbook() {
    let dir = scratch("roundtrip");
    let examples = examples();
    assert_eq!(examples.len(), 4);
    for ex in examples {
        let name = ex.file_stem().unwrap().to_str().unwrap();
        let book = dir.join(format!("{name}.xlsx"));
        let bud = dir.join(format!("{name}.bud"));
        let (a, b) = (
            dir.join(format!("{name}.a.json")),
            dir.join(format!("{name}.b.json")),
        );
        let o = budc(&["compile", s(&ex), "-o", s(&book)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let o = budc(&["import", s(&book), "-o", s(&bud)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("0 个错误"), "{name}: {}", stderr(&o));
        for (src, out) in [(&ex, &a), (&bud, &b)] {
            let o = budc(&["compile", s(src), "-o", s(out)]);
            assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        }
        let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        assert!(a == b, "{name}: the imported budget's JSON differs");
        let o = budc(&["fmt", "--check", s(&bud)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    }
}

/// A sheet of an 一体化 export: a title, a unit line, the header, the rows.
fn sheet(ws: &mut Worksheet, name: &str, unit: Option<&str>, header: &[&str], rows: &[Vec<Cell>]) {
    ws.set_name(name).unwrap();
    ws.write_string(0, 0, format!("{name}（一体化导出）"))
        .unwrap();
    if let Some(u) = unit {
        ws.write_string(1, 5, format!("单位：{u}")).unwrap();
    }
    for (x, h) in (0u16..).zip(header) {
        ws.write_string(3, x, *h).unwrap();
    }
    for (y, row) in (4u32..).zip(rows) {
        for (x, c) in (0u16..).zip(row) {
            match c {
                Cell::T(t) => ws.write_string(y, x, *t).unwrap(),
                Cell::N(n) => ws.write_number(y, x, *n).unwrap(),
            };
        }
    }
}

enum Cell {
    T(&'static str),
    N(f64),
}
use Cell::{N, T};

/// Basic lines with codes stored as numbers and a 合计 row; project lines with function and
/// economic codes in one cell with their names, two sources, in 万元 while the budget is in
/// 元; goals by project code.
fn yitihua(path: &Path, bad: bool) {
    let mut wb = Workbook::new();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 1).unwrap();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&date));
    sheet(
        wb.add_worksheet(),
        "基本支出明细",
        Some("元"),
        &[
            "单位名称",
            "功能科目编码",
            "功能科目名称",
            "经济科目编码",
            "经济科目名称",
            "资金来源",
            "金额",
        ],
        &[
            vec![T("合计"), T(""), T(""), T(""), T(""), T(""), N(1_235_000.5)],
            vec![
                T("云岭县文化馆"),
                N(2070109.0),
                T("群众文化"),
                N(30101.0),
                T("基本工资"),
                T("一般公共预算"),
                N(600_000.0),
            ],
            vec![
                T("云岭县文化馆"),
                N(2070109.0),
                T("群众文化"),
                N(30101.0),
                T("基本工资"),
                T("一般公共预算"),
                N(300_000.0),
            ],
            vec![
                T("云岭县文化馆"),
                N(2070109.0),
                T("群众文化"),
                N(30201.0),
                T("办公费"),
                T("事业收入"),
                N(35_000.5),
            ],
            vec![
                T("云岭县文化馆"),
                N(2080505.0),
                T("机关事业单位基本养老保险缴费支出"),
                N(30108.0),
                T("机关事业单位基本养老保险缴费"),
                if bad {
                    T("财政拨款")
                } else {
                    T("一般公共预算")
                },
                if bad { T("三十万") } else { N(300_000.0) },
            ],
        ],
    );
    sheet(
        wb.add_worksheet(),
        "项目明细",
        Some("万元"),
        &[
            "项目编码",
            "项目名称",
            "单位",
            "项目类型",
            "功能科目",
            "经济科目",
            "资金来源",
            "金额",
        ],
        &[
            vec![
                T("53250024100000000001"),
                T("群众文化活动"),
                T("云岭县文化馆"),
                T("特定目标类"),
                T("2070109 群众文化"),
                T("30227 委托业务费"),
                T("一般公共预算"),
                N(12.0),
            ],
            vec![
                T("53250024100000000001"),
                T("群众文化活动"),
                T("云岭县文化馆"),
                T("特定目标类"),
                T("2070109 群众文化"),
                T("30202 印刷费"),
                T("一般公共预算"),
                N(3.5),
            ],
            vec![
                if bad {
                    N(53250024100000000002.0)
                } else {
                    T("53250024100000000002")
                },
                T("非遗保护传承"),
                T("云岭县文化馆"),
                T("特定目标类"),
                if bad {
                    T("群众文化")
                } else {
                    T("2070199 其他文化和旅游支出")
                },
                T("30227 委托业务费"),
                T("事业收入"),
                N(4.0),
            ],
        ],
    );
    sheet(
        wb.add_worksheet(),
        "绩效目标",
        None,
        &[
            "项目编码",
            "年度绩效目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "评分标准",
        ],
        &[
            vec![
                T("53250024100000000001"),
                T("全年举办群众文化活动不少于40场，惠及群众2万人次。"),
                T("产出指标"),
                T("数量指标"),
                T("举办群众文化活动"),
                T("≥40场"),
                T("按完成比例计分"),
            ],
            vec![
                T("53250024100000000001"),
                T(""),
                T("效益指标"),
                T("社会效益指标"),
                T("惠及群众"),
                T("≥2万人次"),
                T("按完成比例计分"),
            ],
            vec![
                T("53250024100000000001"),
                T(""),
                T("满意度指标"),
                T("服务对象满意度指标"),
                T("群众满意度"),
                T("≥90%"),
                T("每低1个百分点扣1分"),
            ],
            vec![
                T("53250024100000000001"),
                T(""),
                T("成本指标"),
                T("经济成本指标"),
                T("活动经费"),
                T("≤15.5万元"),
                T("按实际支出占预算比例计分"),
            ],
            vec![
                T("53250024100000000002"),
                T("完成3项县级非遗项目的记录整理。"),
                T("产出指标"),
                T("数量指标"),
                T("记录整理非遗项目"),
                T("3项"),
                T("按完成比例计分"),
            ],
            vec![
                T("53250024100000000002"),
                T(""),
                T("成本指标"),
                T("经济成本指标"),
                T("记录整理经费"),
                T("≤4万元"),
                T("按实际支出占预算比例计分"),
            ],
            vec![
                T("53250024100000000002"),
                T(""),
                T("满意度指标"),
                T("服务对象满意度指标"),
                T("传承人满意度"),
                T("≥90%"),
                T("每低1个百分点扣1分"),
            ],
        ],
    );
    wb.save(path).unwrap();
}

/// The imported lines, as written into the skeleton (in 元: the projects' 万元 multiplied out;
/// basic rows on the same codes and source added up; codes stored as numbers restored).
const IMPORTED: &str = "基本支出
  2070109 群众文化 30101 基本工资                                             900000.00
  2070109 群众文化 30201 办公费 事业收入                                       35000.50
  2080505 机关事业单位基本养老保险缴费支出 30108 机关事业单位基本养老保险缴费 300000.00

项目 53250024100000000001 群众文化活动
  类型 特定目标类
  资金 一般公共预算
  支出 2070109 群众文化 155000.00
  经济 30227 委托业务费 120000.00
  经济 30202 印刷费      35000.00
  目标 全年举办群众文化活动不少于40场，惠及群众2万人次。
  指标 产出指标 数量指标 | 举办群众文化活动 | ≥40场 | 按完成比例计分
  指标 效益指标 社会效益指标 | 惠及群众 | ≥2万人次 | 按完成比例计分
  指标 满意度指标 服务对象满意度指标 | 群众满意度 | ≥90% | 每低1个百分点扣1分
  指标 成本指标 经济成本指标 | 活动经费 | ≤15.5万元 | 按实际支出占预算比例计分

项目 53250024100000000002 非遗保护传承
  类型 特定目标类
  资金 事业收入
  支出 2070199 其他文化和旅游支出 40000.00
  经济 30227 委托业务费 40000.00
  目标 完成3项县级非遗项目的记录整理。
  指标 产出指标 数量指标 | 记录整理非遗项目 | 3项 | 按完成比例计分
  指标 成本指标 经济成本指标 | 记录整理经费 | ≤4万元 | 按实际支出占预算比例计分
  指标 满意度指标 服务对象满意度指标 | 传承人满意度 | ≥90% | 每低1个百分点扣1分

# 六、上年数";

/// `budc new`, then the export imported into it: the skeleton's header, texts and other
/// statements kept, its 基本支出 and 项目 replaced; with the approved totals stated, it checks
/// without errors and compiles.
/// The sample export in `examples/import/`, the workbook of `an_export_fills_a_new_budget`:
/// `cargo test --test import the_sample_export_is_the_tests -- --ignored` writes it again.
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/import/云岭县文化馆-一体化导出.xlsx"
);

#[test]
#[ignore = "writes the sample workbook into examples/import/"]
fn the_sample_export_is_the_tests() {
    yitihua(Path::new(SAMPLE), false);
}

#[test]
fn an_export_fills_a_new_budget() {
    let dir = scratch("yitihua");
    let (book, bud) = (PathBuf::from(SAMPLE), dir.join("wenhuaguan.bud"));
    let o = budc(&[
        "new",
        s(&bud),
        "--department",
        "云岭县文化馆",
        "--year",
        "2025",
        "--kind",
        "事业",
        "--unit",
        "元",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let skeleton = std::fs::read_to_string(&bud).unwrap();
    // Never over an existing file without --force.
    let o = budc(&["import", s(&book), "--base", s(&bud), "-o", s(&bud)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("已存在：用 --force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&bud).unwrap(), skeleton);

    let o = budc(&[
        "import",
        s(&book),
        "--base",
        s(&bud),
        "-o",
        s(&bud),
        "--force",
    ]);
    let err = stderr(&o);
    // The skeleton's placeholder 断言 do not hold: errors, and the file is written all the same.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("读取了 3 张工作表：基本支出明细、项目明细（项目支出明细）、绩效目标\n"),
        "{err}"
    );
    assert!(
        err.contains("：基本支出 3 行，项目 2 个，绩效指标 7 条；3 个错误，"),
        "{err}"
    );
    let text = std::fs::read_to_string(&bud).unwrap();
    let start = text.find("基本支出\n").unwrap();
    let end = text.find("# 六、上年数").unwrap() + "# 六、上年数".len();
    assert_eq!(&text[start..end], IMPORTED);
    // Everything else is the skeleton's.
    let head = &skeleton[..skeleton.find("基本支出\n").unwrap()];
    assert!(text.starts_with(head));
    let tail = &skeleton[skeleton.find("# 六、上年数").unwrap()..];
    assert!(text.ends_with(tail));

    // The officer states the approved totals; the budget checks and compiles.
    let fixed = text
        .replace("断言 收入合计 = 3970000.00", "断言 收入合计 = 1430000.50")
        .replace("断言 基本支出 = 3470000.00", "断言 基本支出 = 1235000.50")
        .replace("断言 项目支出 = 500000.00", "断言 项目支出 = 195000.00");
    std::fs::write(&bud, fixed).unwrap();
    let o = budc(&["check", s(&bud)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = dir.join("wenhuaguan.json");
    let o = budc(&["compile", s(&bud), "-o", s(&json)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["figures"]["basic"], "1235000.50");
    assert_eq!(v["figures"]["project"], "195000.00");
    assert_eq!(v["income"][1]["source"], "business");
    assert_eq!(v["income"][1]["amount"], "75000.50");
}

/// Bad cells are diagnostics at their cells; nothing is written.
#[test]
fn bad_cells_are_located() {
    let dir = scratch("bad");
    let (book, bud) = (dir.join("bad.xlsx"), dir.join("bad.bud"));
    yitihua(&book, true);
    let o = budc(&[
        "import",
        s(&book),
        "--year",
        "2025",
        "--department",
        "云岭县文化馆",
        "-o",
        s(&bud),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!bud.exists());
    let located: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim().strip_prefix("╭─["))
        .collect();
    let b = s(&book);
    assert_eq!(
        located,
        [
            format!("{b}:基本支出明细!F9:1:1]"),
            format!("{b}:基本支出明细!G9:1:1]"),
            format!("{b}:项目明细!A7:1:1]"),
        ]
    );
    assert!(
        err.contains("E0104\n\n  × 未知的资金来源“财政拨款”"),
        "{err}"
    );
    assert!(err.contains("E0006\n\n  × 金额“三十万”不是数"), "{err}");
    assert!(
        err.contains("E0006\n\n  × 项目编码以数字保存，位数太多，已丢失精度"),
        "{err}"
    );
    assert!(err.ends_with("工作簿有 3 个单元格无法读取\n"), "{err}");
    // In English, all of it.
    let o = budc(&[
        "import",
        s(&book),
        "--year",
        "2025",
        "-o",
        s(&bud),
        "--lang",
        "en",
    ]);
    let err = stderr(&o);
    assert!(err.contains("unknown funding source “财政拨款”"), "{err}");
    assert!(
        err.ends_with("not written: 3 cells of the workbook cannot be read\n"),
        "{err}"
    );
}

/// A diagnostic of the checker on an imported word points at the word's cell.
#[test]
fn check_diagnostics_point_at_cells() {
    let dir = scratch("cells");
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/liaocheng-2024.bud");
    let (book, bud) = (dir.join("lc.xlsx"), dir.join("lc.bud"));
    let o = budc(&["compile", s(&ex), "-o", s(&book)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = budc(&["import", s(&book), "-o", s(&bud)]);
    let err = stderr(&o);
    // The example's W0406 on an indicator value “≤30”: at the value's cell.
    let b = s(&book);
    assert!(
        err.contains(&format!(
            "W0406\n\n  ⚠ 指标值“≤30”没有单位\n   ╭─[{b}:绩效目标!G45:1:1]\n 1 │ ≤30\n"
        )),
        "{err}"
    );
    // As many warnings as `budc check` of the example gives.
    let check = stderr(&budc(&["check", s(&ex)]));
    assert!(check.contains("0 个错误，37 个警告"), "{check}");
    assert!(err.contains("；0 个错误，37 个警告\n"), "{err}");
}

/// The unit: stated on a sheet, else given; 元 amounts that do not fit 万元 are refused.
#[test]
fn units() {
    let dir = scratch("units");
    let book = dir.join("b.xlsx");
    let mut wb = Workbook::new();
    sheet(
        wb.add_worksheet(),
        "基本支出",
        None,
        &[
            "单位",
            "功能分类科目编码",
            "经济分类科目编码",
            "资金来源",
            "金额（元）",
        ],
        &[vec![
            T("云岭县文化馆"),
            T("2070109"),
            T("30101"),
            T(""),
            N(1234.56),
        ]],
    );
    wb.save(&book).unwrap();
    let bud = dir.join("b.bud");
    // No year: a usage error.
    let o = budc(&["import", s(&book), "-o", s(&bud)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("请用 --year 指明"), "{}", stderr(&o));
    // In 万元, 1234.56 元 is 0.123456 万元: more decimals than the unit allows.
    let o = budc(&[
        "import",
        s(&book),
        "--year",
        "2025",
        "--unit",
        "万元",
        "-o",
        s(&bud),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("E0204\n\n  × 金额换算成万元后超过两位小数：0.123456"),
        "{}",
        stderr(&o)
    );
    // The header's （元） is the unit.
    let o = budc(&[
        "import",
        s(&book),
        "--year",
        "2025",
        "--department",
        "云岭县文化馆",
        "-o",
        s(&bud),
    ]);
    assert!(stderr(&o).contains("已写入"), "{}", stderr(&o));
    let text = std::fs::read_to_string(&bud).unwrap();
    assert!(text.contains("金额单位 元\n"), "{text}");
    assert!(
        text.contains("\n基本支出\n  2070109 30101 1234.56\n"),
        "{text}"
    );
    // Not a workbook: said in the message's language only.
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yunxi-cdc-2024.bud");
    let o = budc(&["import", s(&ex), "--year", "2025", "-o", s(&bud), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "错误：无法读取工作簿：不是 Excel 或 OpenDocument 工作簿（.xlsx、.xls、.ods），或文件已损坏\n"
    );
    // Never over the workbook.
    let o = budc(&[
        "import",
        s(&book),
        "--year",
        "2025",
        "-o",
        s(&book),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("输出文件就是工作簿本身"),
        "{}",
        stderr(&o)
    );
}

/// A damaged workbook is an error, never a crash: a shared-string index past the table made
/// calamine 0.30.1 panic (found by mutating the examples' workbooks).
#[test]
fn a_damaged_workbook_is_an_error() {
    use std::io::{Read, Write};
    let dir = scratch("damaged");
    let (good, bad) = (dir.join("good.xlsx"), dir.join("bad.xlsx"));
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "项目编码").unwrap();
    wb.save(&good).unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut text = Vec::new();
        f.read_to_end(&mut text).unwrap();
        if f.name() == "xl/worksheets/sheet1.xml" {
            let s = String::from_utf8(text).unwrap();
            assert!(s.contains("<v>0</v>"), "{s}");
            text = s.replace("<v>0</v>", "<v>999999</v>").into_bytes();
        }
        out.start_file(f.name(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap();
    let bud = dir.join("x.bud");
    let o = budc(&[
        "import",
        s(&bad),
        "--year",
        "2025",
        "--unit",
        "元",
        "-o",
        s(&bud),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "错误：无法读取工作簿：工作簿已损坏（读取时出错）\n"
    );
    assert!(!bud.exists());
}

/// An assertion as printed keeps its unit through the workbook's 核对数 sheet.
#[test]
fn a_printed_assertion_comes_back_with_its_unit() {
    let dir = scratch("printed");
    let src = dir.join("p.bud");
    std::fs::write(
        &src,
        "部门 测试部门\n年度 2024\n金额单位 元\n科目版本 2024\n主要职责\n  > 负责本部门的有关工作。\n机构设置\n  > 本部门由本级组成。\n\n基本支出\n  2013101 30101 1000000\n  2013101 30201 5072538\n\n断言 机关运行经费 = 507.25 万元\n断言 基本支出 = 6072538\n",
    )
    .unwrap();
    let (book, bud) = (dir.join("p.xlsx"), dir.join("back.bud"));
    let o = budc(&["compile", s(&src), "-o", s(&book)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = budc(&["import", s(&book), "-o", s(&bud)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&bud).unwrap();
    assert!(
        text.ends_with("断言 机关运行经费 = 507.25 万元\n断言 基本支出 = 6072538\n"),
        "{text}"
    );
}
