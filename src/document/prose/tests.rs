use super::*;
use crate::source::SourceFile;
use std::str::FromStr;

const EXAMPLE: &str = include_str!("../../../examples/liaocheng-2024.bud");

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The sections of 第三部分 of a budget text.
fn explained(text: &str) -> Vec<Section> {
    let c = crate::compile(SourceFile::new("test.bud", text), None);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    explanations(&c.budget, &c.document.figures, &c.document.glossary)
}

fn titled<'a>(sections: &'a [Section], title: &str) -> &'a Section {
    sections.iter().find(|s| s.title == title).unwrap()
}

/// The example with the lines of its 上年 block that `keep` rejects removed.
fn prior_lines(keep: impl Fn(&str) -> bool) -> String {
    let mut in_prior = false;
    let mut out = String::new();
    for line in EXAMPLE.lines() {
        if !line.starts_with(' ') {
            in_prior = line == "上年";
        }
        if in_prior && line.starts_with(' ') && !keep(line.trim()) {
            continue;
        }
        if in_prior && line == "上年" && !keep("上年") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn wan(value: &str, spacing: Spacing) -> Part {
    Part::Amount {
        value: d(value),
        unit: MoneyUnit::TenThousandYuan,
        spacing,
    }
}

fn change(value: &str) -> Part {
    Part::Change {
        change: d(value),
        unit: MoneyUnit::TenThousandYuan,
    }
}

#[test]
fn three_public_states_its_numbers_as_typed_parts() {
    let sections = explained(EXAMPLE);
    let s = titled(&sections, "二、“三公”经费支出情况");
    let [intro, abroad, vehicles, reception] = s.paragraphs.as_slice() else {
        panic!("four paragraphs expected: {s:?}");
    };
    assert_eq!(
        intro.sentences[0].parts,
        vec![
            Part::Text("2024年通过一般公共预算财政拨款安排的“三公”经费预算共 ".into()),
            wan("2.99", Spacing::Spaced),
            Part::Text("，比上年".into()),
            change("-0.11"),
            Part::Text("，".into()),
            Part::Percent(d("-3.55")),
            Part::Text("，主要原因是压缩三公经费支出预算".into()),
            Part::Text("。".into()),
        ]
    );
    assert_eq!(
        intro.text(),
        "2024年通过一般公共预算财政拨款安排的“三公”经费预算共 2.99 万元，比上年减少0.11万元，下降3.55%，主要原因是压缩三公经费支出预算。其中："
    );
    assert_eq!(
        abroad.text(),
        "1. 因公出国（境）费 0.00 万元，与上年基本持平。"
    );
    assert_eq!(amounts(vehicles), vec![d("0.99"), d("0.00"), d("0.99")]);
    assert!(vehicles.sentences[0].parts.contains(&change("-0.11")));
    assert!(vehicles.sentences[0]
        .parts
        .contains(&Part::Percent(d("-10.00"))));
    assert_eq!(
        reception.text(),
        "3. 公务接待费 2.00 万元，与上年基本持平。"
    );
}

#[test]
fn the_example_states_the_published_changes() {
    let sections = explained(EXAMPLE);
    let s = titled(&sections, "一、预算收支增减变化情况说明");
    let texts: Vec<String> = s.paragraphs.iter().map(Paragraph::text).collect();
    assert_eq!(
        texts[3],
        "（三）增减变化情况：2024年收支预算16,028.22万元，较上年预算增加2,943.03万元，其中："
    );
    assert_eq!(
        texts[5],
        "2. 支出预算增加2,943.03万元，其中：基本支出减少806.64万元，项目支出增加3,749.67万元，结转下年与上年持平。"
    );
    let cost = titled(&sections, "三、机关运行经费情况");
    assert_eq!(amounts(&cost.paragraphs[0]), vec![d("149.89")]);
    assert!(cost.paragraphs[0].sentences[2]
        .parts
        .contains(&Part::Percent(d("21.68"))));
}

#[test]
fn no_prior_year_means_no_changes() {
    let sections = explained(&prior_lines(|_| false));
    let s = titled(&sections, "一、预算收支增减变化情况说明");
    assert_eq!(s.paragraphs.len(), 3, "no （三） without 上年: {s:?}");
    let all: Vec<&Part> = sections
        .iter()
        .flat_map(|s| {
            s.paragraphs
                .iter()
                .chain(s.subsections.iter().flat_map(|s| &s.paragraphs))
        })
        .flat_map(|p| p.sentences.iter().flat_map(|s| s.parts.iter()))
        .collect();
    assert!(!all
        .iter()
        .any(|p| matches!(p, Part::Change { .. } | Part::Percent(_))));
}

#[test]
fn unstated_prior_income_is_not_counted_as_zero() {
    // Last year's total is stated, its income by source is not: the income changes by source
    // are unknown, so no source "increases by the whole budget".
    let sections = explained(&prior_lines(|l| l == "上年" || l.starts_with("收支")));
    let s = titled(&sections, "一、预算收支增减变化情况说明");
    let texts: Vec<String> = s.paragraphs.iter().map(Paragraph::text).collect();
    assert_eq!(texts[4], "1. 收入预算增加2,943.03万元。");
    assert!(
        !texts.iter().any(|t| t.contains("增加16,028.22")),
        "{texts:#?}"
    );
}

#[test]
fn glossary_from_the_file_else_built_in() {
    let built_in_terms = [GlossaryTerm {
        term: "基本支出".into(),
        text: "指……".into(),
    }];
    let c = crate::compile(SourceFile::new("test.bud", EXAMPLE), None);
    let defs = glossary(&c.budget, &built_in_terms);
    assert_eq!(defs.len(), 17);
    assert_eq!(defs[0].term, "财政拨款收入");
    assert_eq!(defs[16].term, "机关运行经费");
    let paras = glossary_paragraphs(&defs);
    assert!(paras[15]
        .text()
        .starts_with("十六、“三公”经费：指区级部门单位安排的"));
    let mut b = c.budget.clone();
    b.glossary.clear();
    let built_in = glossary_paragraphs(&glossary(&b, &built_in_terms));
    assert_eq!(built_in.len(), 1);
    assert_eq!(built_in[0].text(), "一、基本支出：指……");
}

#[test]
fn thousands_separators() {
    assert_eq!(thousands(d("16028.22")), "16,028.22");
    assert_eq!(thousands(d("0.99")), "0.99");
    assert_eq!(thousands(d("1234567")), "1,234,567.00");
    assert_eq!(thousands(d("-806.64")), "-806.64");
    assert_eq!(thousands(d("999.5")), "999.50");
}

#[test]
fn changes_and_percentages_in_words() {
    assert_eq!(change("12").text(), "增加12.00万元");
    assert_eq!(change("-3").text(), "减少3.00万元");
    assert_eq!(change("0").text(), "与上年持平");
    assert_eq!(Part::Percent(d("21.68")).text(), "增长21.68%");
    assert_eq!(Part::Percent(d("-3.5")).text(), "下降3.50%");
    assert_eq!(wan("2.99", Spacing::Spaced).text(), "2.99 万元");
    assert_eq!(wan("16028.22", Spacing::Tight).text(), "16,028.22万元");
}

#[test]
fn dates_in_words() {
    assert_eq!(date_words("2023-12-31"), "2023 年 12 月 31 日");
    assert_eq!(date_words("2024年01月05日"), "2024 年 1 月 5 日");
}

/// The 机关运行经费 sentence is the published one, with the list of what it covers: the term
/// and its definition from the 名词解释, in full-width punctuation.
#[test]
fn operating_cost_sentence_lists_what_it_covers() {
    let sections = explained(EXAMPLE);
    let cost = titled(&sections, "三、机关运行经费情况");
    let text = cost.paragraphs[0].text();
    assert!(
        text.starts_with("机关运行经费指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。2024 年本部门机关运行经费安排 149.89 万元。"),
        "{text}"
    );
}
