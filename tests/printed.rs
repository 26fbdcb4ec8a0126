//! Assertions as printed (`断言 <figure> = 507.25 万元`): the derived figure converted to the
//! stated unit and rounded half away from zero to the decimals written; the messages, `fmt`.

use budc::source::SourceFile;

/// A budget in `unit` with these basic lines and assertions.
fn budget(unit: &str, basic: &[&str], assertions: &[&str]) -> String {
    let mut s = format!(
        "部门 测试部门\n年度 2024\n金额单位 {unit}\n科目版本 2024\n主要职责\n  > 负责本部门的有关工作。\n机构设置\n  > 本部门由本级组成。\n基本支出\n"
    );
    for l in basic {
        s.push_str(&format!("  {l}\n"));
    }
    for a in assertions {
        s.push_str(&format!("{a}\n"));
    }
    s
}

/// (code, zh message, en message) of each diagnostic.
fn diags(text: &str) -> Vec<(String, String, String)> {
    let c = budc::compile(SourceFile::new("t.bud", text), None);
    c.diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.message.zh.to_string(),
                d.message.en.to_string(),
            )
        })
        .collect()
}

/// 机关运行经费 of 5,072,538 元 (a 元 budget).
const SHANGHAI: &[&str] = &["2013101 30101 1000000", "2013101 30201 5072538"];

#[test]
fn an_operating_cost_of_5072538_yuan_is_printed_507_25_wan() {
    let text = budget("元", SHANGHAI, &["断言 机关运行经费 = 507.25 万元"]);
    assert_eq!(diags(&text), []);
}

#[test]
fn a_wrong_printed_figure_gives_the_exact_and_the_rounded_value() {
    let text = budget("元", SHANGHAI, &["断言 机关运行经费 = 507.26 万元"]);
    assert_eq!(
        diags(&text),
        [(
            "E0201".to_string(),
            "断言不成立：机关运行经费 写的是 507.26 万元，由事实算得 507.2538 万元（四舍五入到 2 位为 507.25）".to_string(),
            "assertion fails: 机关运行经费 is stated as 507.26 万元, the facts give 507.2538 万元 (507.25 rounded to 2 decimals)".to_string(),
        )]
    );
    let c = budc::compile(SourceFile::new("t.bud", &*text), None);
    let d = &c.diagnostics[0];
    let labels: Vec<(&str, &str)> = d
        .labels
        .iter()
        .map(|l| (&text[l.span.start..l.span.end], &*l.message.zh))
        .collect();
    assert_eq!(
        labels,
        [
            ("507.26", "印出应为 507.25"),
            ("机关运行经费", "断言的对象")
        ]
    );
}

#[test]
fn half_away_from_zero_to_the_decimals_written() {
    // 93,750 元 = 9.375 万元 → 9.38; 93,650 元 = 9.365 万元 → 9.37 (half to even: 9.36).
    let basic = &["2013101 30101 93750", "2013101 30201 93650"];
    let holds = [
        "断言 人员支出 = 9.38 万元",
        "断言 人员支出 = 9.4 万元",
        "断言 人员支出 = 9 万元",
        "断言 日常公用支出 = 9.37 万元",
        "断言 general_basic_economic 30101 personnel = 9.38 万元",
        "断言 一般公共预算基本支出情况表 30201 public = 9.37 万元",
    ];
    assert_eq!(diags(&budget("元", basic, &holds)), []);
    let fails = budget(
        "元",
        basic,
        &[
            "断言 人员支出 = 9.37 万元",
            "断言 日常公用支出 = 9.36 万元",
            "断言 人员支出 = 9.3 万元",
            "断言 人员支出 = 9.39 万元",
        ],
    );
    let got: Vec<(String, String)> = diags(&fails).into_iter().map(|d| (d.0, d.1)).collect();
    // The digits cut off instead of rounded: E0226, which says so; another wrong figure: E0201.
    let e = |code: &str, m: &str| (code.to_string(), m.to_string());
    assert_eq!(
        got,
        [
            e("E0226", "9.37万元 是把 9.375万元 截断得来的，四舍五入到 2 位小数应为 9.38万元"),
            e("E0226", "9.36万元 是把 9.365万元 截断得来的，四舍五入到 2 位小数应为 9.37万元"),
            e("E0226", "9.3万元 是把 9.375万元 截断得来的，四舍五入到 1 位小数应为 9.4万元"),
            e("E0201", "断言不成立：人员支出 写的是 9.39 万元，由事实算得 9.375 万元（四舍五入到 2 位为 9.38）"),
        ]
    );
}

#[test]
fn without_a_unit_an_assertion_is_exact_in_the_budget_unit() {
    let basic = &["2013101 30101 15018.07"];
    assert_eq!(
        diags(&budget("万元", basic, &["断言 基本支出 = 15018.07"])),
        []
    );
    // Not rounded: 15018.1 is not 15018.07.
    let got = diags(&budget("万元", basic, &["断言 基本支出 = 15018.1"]));
    assert_eq!(
        got.iter().map(|d| (&*d.0, &*d.1)).collect::<Vec<_>>(),
        [(
            "E0201",
            "断言不成立：基本支出 写的是 15018.10，由事实算得 15018.07（差 0.03）"
        )]
    );
}

#[test]
fn a_unit_converts_either_way() {
    let basic = &["2013101 30101 15018.07"];
    let holds = [
        "断言 基本支出 = 15018.07 万元",
        "断言 基本支出 = 15018.1 万元",
        "断言 基本支出 = 15018 万元",
        "断言 基本支出 = 150180700 元",
        "断言 基本支出 = 150,180,700.00 元",
    ];
    assert_eq!(diags(&budget("万元", basic, &holds)), []);
    let got = diags(&budget("万元", basic, &["断言 基本支出 = 150180000 元"]));
    assert_eq!(
        got.iter().map(|d| &*d.1).collect::<Vec<_>>(),
        ["断言不成立：基本支出 写的是 150180000 元，由事实算得 150180700 元（四舍五入到 0 位为 150180700）"]
    );
}

#[test]
fn a_word_that_is_no_money_unit_is_e0104() {
    let got = diags(&budget(
        "元",
        SHANGHAI,
        &["断言 机关运行经费 = 507.25 千元"],
    ));
    assert_eq!(
        got,
        [(
            "E0104".to_string(),
            "未知的金额单位“千元”".to_string(),
            "unknown money unit “千元”".to_string()
        )]
    );
}

#[test]
fn a_unit_on_a_text_cell_or_a_count_is_e0206() {
    let got = diags(&budget(
        "元",
        SHANGHAI,
        &[
            "断言 项目数 = 0 万元",
            "断言 general_basic_economic 30101 dept_section = 01 元",
        ],
    ));
    assert_eq!(
        got.iter().map(|d| (&*d.0, &*d.1)).collect::<Vec<_>>(),
        [
            ("E0206", "项目数是个数，不带金额单位“万元”"),
            (
                "E0206",
                "“general_basic_economic 30101 dept_section”是文字，不带金额单位“元”"
            ),
        ]
    );
}

#[test]
fn a_comment_after_the_amount_is_not_a_unit() {
    let text = budget("元", SHANGHAI, &["断言 机关运行经费 = 5072538 # 元"]);
    assert_eq!(diags(&text), []);
}

#[test]
fn fmt_keeps_the_unit() {
    let text = budget(
        "元",
        SHANGHAI,
        &[
            "断言 机关运行经费=507.25   万元",
            "断言 基本支出 ＝ 6,072,538 元  # 合计",
        ],
    );
    let out = budc::fmt::format(&SourceFile::new("t.bud", &*text)).unwrap();
    assert!(
        out.ends_with("断言 机关运行经费 = 507.25 万元\n断言 基本支出 = 6072538 元 # 合计\n"),
        "{out}"
    );
    let again = budc::fmt::format(&SourceFile::new("t.bud", &*out)).unwrap();
    assert_eq!(again, out);
}
