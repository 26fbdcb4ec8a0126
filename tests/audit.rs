//! Auditing a published document (公开稿): the 2026 部门预算 of 上海市普陀区城市管理行政执法局 as
//! published (basic spending by function and by economic class apart, project spending per
//! functional code, no projects), and what budc derives from it; and the per-line override
//! 人员经费 / 公用经费 on a pair line of an ordinary budget.

use budc::document::TableId;
use budc::source::SourceFile;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The published figures, in 元, transcribed as an auditor writes them.
const PUTUO: &str = "\
部门 上海市普陀区城市管理行政执法局
年度 2026
金额单位 元
科目版本 2025
单位性质 行政
公开稿
主要职责
  > 负责本区城市管理行政执法工作。
机构设置
  > 本部门由本级组成。

基本支出
  2080501 2614680
  2080505 2302464
  2080506 1151232
  2080599 34720
  2101101 1439040
  2120104 22783399
  2210201 2649730
  2210203 3222000
  30101 3794196
  30102 16042750
  30108 2302464
  30109 1151232
  30110 1439040
  30112 37415
  30113 2649730
  30199 1628900
  30201 246700
  30202 100000
  30204 2500
  30205 10000
  30206 250000
  30207 40000
  30209 750000
  30211 25000
  30213 40000
  30214 336000
  30215 5000
  30216 2000
  30217 4600
  30218 111000
  30227 429000
  30228 332298
  30231 387600
  30239 629920
  30299 1160920
  30302 2079000
  31002 210000

项目支出 2080801 294000
项目支出 2120104 10992193
三公 公务用车购置费 750000

断言 基本支出 = 36197265
断言 人员支出 = 31124727
断言 日常公用支出 = 5072538
断言 项目支出 = 11286193
断言 支出合计 = 47483458
断言 机关运行经费 = 507.25 万元
断言 三公 = 114.22 万元
断言 general_expenditure 2120104 basic_subtotal = 22783399
断言 general_expenditure 2120104 project = 10992193
断言 general_expenditure 2120104 total = 33775592
断言 general_basic_economic 301 personnel = 29045727
断言 general_basic_economic 30302 personnel = 2079000
断言 general_basic_economic 302 public = 4862538
断言 basic_expenditure 30231 general = 387600
断言 project_expenditure 合计 total = 11286193
断言 project_expenditure 2080801 total = 294000
断言 three_public 合计 vehicle_purchase = 750000
";

#[test]
fn a_published_budget_checks_and_derives_its_tables_and_figures() {
    let c = budc::compile(SourceFile::new("putuo.bud", PUTUO), None);
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
    // 2120104 城管执法 holds basic spending in this district: a warning, nothing else.
    assert_eq!(codes, ["W0307"]);
    let f = &c.document.figures;
    assert_eq!(f.basic, d("36197265"));
    assert_eq!(f.personnel, d("31124727"));
    assert_eq!(f.public, d("5072538"));
    assert_eq!(f.project, d("11286193"));
    assert_eq!(f.expenditure_total, d("47483458"));
    assert_eq!(f.income_total, d("47483458"));
    assert_eq!(f.operating_cost, Some(d("5072538")));
    assert_eq!(f.three_public.current_total(), d("1142200"));
    assert_eq!(f.three_public.vehicle_total(), d("1137600"));
    assert_eq!(f.project_count, 0);
    let general = c.document.table(TableId::GeneralExpenditure);
    let total = &general.rows[0];
    use budc::document::ColumnId;
    assert_eq!(general.amount(total, ColumnId::Total), Some(d("47483458")));
    assert_eq!(
        general.amount(total, ColumnId::Project),
        Some(d("11286193"))
    );
    // By function the document does not split 人员 and 公用: those columns are blank.
    assert_eq!(general.amount(total, ColumnId::Personnel), None);
    let economic = c.document.table(TableId::GeneralBasicEconomic);
    let total = &economic.rows[0];
    assert_eq!(
        economic.amount(total, ColumnId::Subtotal),
        Some(d("36197265"))
    );
    // The JSON says what was published, and no more: no code a line does not have.
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert_eq!(json["published"], true);
    assert_eq!(json["project_totals"][1]["exp_func_code"], "2120104");
    assert_eq!(json["project_totals"][1]["amount"], "10992193.00");
    let lines = json["basic_expenditure"].as_array().unwrap();
    assert_eq!(lines.len(), 8 + 29);
    assert_eq!(lines[0]["exp_func_code"], "2080501");
    assert!(lines[0].get("dep_bgt_eco_code").is_none() && lines[0].get("kind").is_none());
    assert_eq!(lines[8]["dep_bgt_eco_code"], "30101");
    assert_eq!(lines[8]["gov_bgt_eco_code"], "50101");
    assert_eq!(lines[8]["kind"], "personnel");
    assert!(lines[8].get("exp_func_code").is_none());
    assert_eq!(
        economic.amount(total, ColumnId::Personnel),
        Some(d("31124727"))
    );
    assert_eq!(economic.amount(total, ColumnId::Public), Some(d("5072538")));
}

/// Shanghai counts 303 退休费 as 公用 in one district: the line says so.
const OVERRIDE: &str = "\
部门 测试部门
年度 2024
金额单位 万元
科目版本 2024
主要职责
  > 负责本部门的有关工作。
机构设置
  > 本部门由本级组成。
基本支出
  2013101 30101 100.00
  2013101 30201 20.00
  2080501 30302 退休费 公用经费 7.00
";

#[test]
fn the_override_moves_a_pair_line_between_personnel_and_public() {
    let c = budc::compile(SourceFile::new("t.bud", OVERRIDE), None);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let f = &c.document.figures;
    assert_eq!((f.personnel, f.public), (d("100.00"), d("27.00")));
    assert_eq!(f.operating_cost, Some(d("27.00")));
    let economic = c.document.table(TableId::GeneralBasicEconomic);
    let row = economic
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("30302"))
        .unwrap();
    use budc::document::ColumnId;
    assert_eq!(economic.amount(row, ColumnId::Personnel), None);
    assert_eq!(economic.amount(row, ColumnId::Public), Some(d("7.00")));
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    let lines = json["basic_expenditure"].as_array().unwrap();
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["personnel", "public", "public"]);
    assert_eq!(json["figures"]["personnel"], "100.00");
    assert_eq!(json["figures"]["public"], "27.00");
    // Without the word, 303 is 人员.
    let plain = OVERRIDE.replace(" 公用经费", "");
    let c = budc::compile(SourceFile::new("t.bud", plain), None);
    let f = &c.document.figures;
    assert_eq!((f.personnel, f.public), (d("107.00"), d("20.00")));
}

/// In a 公开稿 the unit of a block decides the 政府 economic code of its lines by economic code
/// (机关 50x for 行政, 505/506 for 事业) and whether 机关运行经费 covers them; the two lists are
/// checked unit by unit.
const TWO_UNITS: &str = "\
部门 测试部门
年度 2024
金额单位 万元
科目版本 2024
公开稿
二级单位 本级 测试部门本级 行政
二级单位 中心 测试服务中心 事业
主要职责
  > 负责本部门的有关工作。
机构设置
  > 本部门由本级和一个事业单位组成。
基本支出 本级
  2013101 120.00
  30101 100.00
  30201 20.00
基本支出 中心
  2013150 60.00
  30101 50.00
  30201 10.00
断言 basic_expenditure 301/501 total = 100.00
断言 basic_expenditure 301/505 total = 50.00
断言 basic_expenditure 302/502 total = 20.00
断言 basic_expenditure 302/505 total = 10.00
断言 机关运行经费 = 20.00
断言 基本支出 = 180.00
";

#[test]
fn the_unit_of_a_block_maps_the_economic_lines_and_the_lists_are_checked_per_unit() {
    let c = budc::compile(SourceFile::new("t.bud", TWO_UNITS), None);
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.is_empty(), "{:?}", c.diagnostics);
    // 10 moved from one unit's economic list to the other's: both units differ, by ±10.
    let moved = TWO_UNITS
        .replace("  30101 100.00", "  30101 90.00")
        .replace("  30101 50.00", "  30101 60.00");
    let c = budc::compile(SourceFile::new("t.bud", moved), None);
    let e0216: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0216")
        .map(|d| d.message.zh.to_string())
        .collect();
    assert_eq!(
        e0216,
        [
            "一般公共预算基本支出按功能分类合计 120.00，按经济分类合计 110.00，不等（差 10.00）",
            "一般公共预算基本支出按功能分类合计 60.00，按经济分类合计 70.00，不等（差 -10.00）",
        ]
    );
}
