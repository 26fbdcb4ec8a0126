//! Parse tests: one per construct of `grammar/bud.pest`, asserting the exact syntax tree.

use super::ast::*;
use crate::diag::Diagnostic;
use crate::source::{SourceFile, Span};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Parses; the `Invalid` placeholders of bad lines are left out (see `bad_lines_leave_a_placeholder`).
/// Every input is parsed twice, by the fast parser and by pest alone, which must agree.
fn parse(s: &str) -> (File, Vec<Diagnostic>) {
    let source = SourceFile::new("t.bud", s);
    let (mut file, diags) = super::parse(&source);
    assert_eq!(
        (&file, &diags),
        (
            &super::parse_reference(&source).0,
            &super::parse_reference(&source).1
        ),
        "{s:?}: the fast parser and pest disagree"
    );
    file.lines.retain(|l| l.stmt != Stmt::Invalid);
    (file, diags)
}

#[test]
fn bad_lines_leave_a_placeholder() {
    // A bad line still ends the block above it, so its indented lines are not taken for
    // members of an earlier block.
    let (file, diags) = super::parse(&SourceFile::new(
        "t.bud",
        "项目P2 乙\n  支出 2080102 1.00\n",
    ));
    assert_eq!(codes(&diags), ["E0001"]);
    assert_eq!(file.lines[0].stmt, Stmt::Invalid);
    assert!(!file.lines[0].indented);
    assert!(file.lines[1].indented);
}

/// The one statement of a one-line input, which must parse without diagnostics.
fn one(s: &str) -> Stmt {
    let (file, diags) = parse(s);
    assert!(diags.is_empty(), "{s:?}: unexpected diagnostics {diags:?}");
    assert_eq!(file.lines.len(), 1, "{s:?}: {file:?}");
    file.lines.into_iter().next().unwrap().stmt
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn w(value: &str, start: usize, end: usize) -> Word {
    Spanned::new(value.to_string(), Span::new(start, end))
}

fn amt(value: &str, start: usize, end: usize, scale: u32) -> Amount {
    Amount {
        value: d(value),
        span: Span::new(start, end),
        scale,
    }
}

/// The byte offset of the first occurrence of `needle` in `hay` (for spans).
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {hay:?}"))
}

/// The span of the first occurrence of `needle` in `hay`.
fn span_of(hay: &str, needle: &str) -> Span {
    let s = at(hay, needle);
    Span::new(s, s + needle.len())
}

/// Word `needle` with the span of its first occurrence in `hay`.
fn wa(hay: &str, needle: &str) -> Word {
    Spanned::new(needle.to_string(), span_of(hay, needle))
}

fn values(stmt: Stmt) -> Vec<String> {
    match stmt {
        Stmt::Assertion { figure, .. } => figure.into_iter().map(|w| w.value).collect(),
        other => panic!("not an assertion: {other:?}"),
    }
}

/// The indicator value of `指标 产出指标 数量指标 | 名称 | <value> | 标准`.
fn indicator_value(value: &str) -> IndicatorValue {
    match one(&format!("指标 产出指标 数量指标 | 名称 | {value} | 标准")) {
        Stmt::Indicator(i) => i.value,
        other => panic!("not an indicator: {other:?}"),
    }
}

fn kind(value: &str) -> ValueKind {
    let v = indicator_value(value);
    assert_eq!(v.text.value, value, "the text is kept as written");
    v.kind
}

fn q(number: &str, unit: Option<&str>) -> Quantity {
    Quantity {
        label: None,
        number: d(number),
        unit: unit.map(str::to_string),
        approximate: false,
        at_least: false,
        note: None,
    }
}

fn quantity(number: &str, unit: Option<&str>) -> ValueKind {
    ValueKind::Quantity {
        quantity: q(number, unit),
    }
}

fn comparison(comparator: Comparator, number: &str, unit: &str) -> ValueKind {
    ValueKind::Comparison {
        comparator,
        quantity: q(number, Some(unit)),
    }
}

// ---------------------------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------------------------

#[test]
fn department_word_span_excludes_keyword() {
    let (file, diags) = parse("部门 聊城");
    assert!(diags.is_empty());
    assert_eq!(
        file.lines,
        vec![Line {
            indented: false,
            stmt: Stmt::Department(w("聊城", 7, 13)),
            span: Span::new(0, 13),
        }]
    );
}

#[test]
fn department_name_is_the_rest_of_the_line() {
    let s = "部门 聊城经济技术开发区 党群工作部";
    assert_eq!(
        one(s),
        Stmt::Department(w("聊城经济技术开发区 党群工作部", 7, s.len()))
    );
}

#[test]
fn year() {
    assert_eq!(one("年度 2024"), Stmt::Year(w("2024", 7, 11)));
}

#[test]
fn year_must_have_four_digits() {
    let (file, diags) = parse("年度 24");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0001"]);
}

#[test]
fn money_unit() {
    assert_eq!(one("金额单位 万元"), Stmt::MoneyUnit(w("万元", 13, 19)));
}

#[test]
fn catalog_year() {
    assert_eq!(one("科目版本 2024"), Stmt::CatalogYear(w("2024", 13, 17)));
}

#[test]
fn sub_unit_with_kind() {
    let s = "二级单位 社保中心 聊城经济技术开发区社会保障服务中心 事业";
    assert_eq!(
        one(s),
        Stmt::SubUnit {
            id: wa(s, "社保中心"),
            name: wa(s, "聊城经济技术开发区社会保障服务中心"),
            kind: Some(wa(s, "事业")),
        }
    );
}

#[test]
fn sub_unit_without_kind() {
    let s = "二级单位 本级 聊城经济技术开发区党群工作部本级";
    assert_eq!(
        one(s),
        Stmt::SubUnit {
            id: w("本级", 13, 19),
            name: wa(s, "聊城经济技术开发区党群工作部本级"),
            kind: None,
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Prose
// ---------------------------------------------------------------------------------------------

#[test]
fn duties_block() {
    assert_eq!(one("主要职责"), Stmt::DutiesBlock);
}

#[test]
fn organization_block() {
    assert_eq!(one("机构设置"), Stmt::OrganizationBlock);
}

#[test]
fn block_keyword_followed_by_text_is_a_bad_line() {
    let (file, diags) = parse("主要职责 负责");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0001"]);
}

#[test]
fn reason_block() {
    assert_eq!(one("原因 收支"), Stmt::ReasonBlock(w("收支", 7, 13)));
}

#[test]
fn glossary_block() {
    assert_eq!(
        one("名词 机关运行经费"),
        Stmt::GlossaryBlock(w("机关运行经费", 7, 25))
    );
}

#[test]
fn paragraph_text_without_marker() {
    let (file, diags) = parse("主要职责\n  > 负责党的建设。\n");
    assert!(diags.is_empty());
    assert_eq!(file.lines.len(), 2);
    // "主要职责\n" is 13 bytes, the indentation 2, "> " 2.
    assert_eq!(
        file.lines[1],
        Line {
            indented: true,
            stmt: Stmt::Paragraph(w("负责党的建设。", 17, 38)),
            span: Span::new(15, 38),
        }
    );
}

#[test]
fn paragraph_with_fullwidth_marker() {
    assert_eq!(one("＞ 一段"), Stmt::Paragraph(w("一段", 4, 10)));
}

#[test]
fn lone_marker_is_an_empty_paragraph() {
    assert_eq!(one(">"), Stmt::Paragraph(w("", 1, 1)));
}

// ---------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------

#[test]
fn income() {
    let s = "收入 一般公共预算 16028.22";
    assert_eq!(
        one(s),
        Stmt::Income {
            source: w("一般公共预算", 7, 25),
            amount: amt("16028.22", 26, 34, 2),
        }
    );
}

#[test]
fn amount_with_thousands_separator() {
    let s = "收入 一般公共预算 16,028.22";
    assert_eq!(
        one(s),
        Stmt::Income {
            source: w("一般公共预算", 7, 25),
            amount: amt("16028.22", 26, 35, 2),
        }
    );
}

#[test]
fn amount_scale_is_counted_as_written() {
    let scale = |s: &str| match one(&format!("金额 {s}")) {
        Stmt::ProjectAmount(a) => (a.value, a.scale),
        other => panic!("{other:?}"),
    };
    assert_eq!(scale("5"), (d("5"), 0));
    assert_eq!(scale("5.0"), (d("5.0"), 1));
    assert_eq!(scale("5.001"), (d("5.001"), 3));
    assert_eq!(scale("1,000,000.10"), (d("1000000.10"), 2));
    assert_eq!(scale("-5.50"), (d("-5.50"), 2));
}

#[test]
fn misplaced_thousands_separator_is_a_bad_line() {
    let (file, diags) = parse("金额 16,02.22");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0001"]);
}

#[test]
fn basic_block() {
    assert_eq!(one("基本支出"), Stmt::BasicBlock);
}

#[test]
fn basic_line_codes_only() {
    let s = "2013201 30101 212.61";
    assert_eq!(
        one(s),
        Stmt::BasicLine {
            func: CodeRef {
                code: w("2013201", 0, 7),
                name: None,
            },
            econ: CodeRef {
                code: w("30101", 8, 13),
                name: None,
            },
            source: None,
            amount: amt("212.61", 14, 20, 2),
        }
    );
}

#[test]
fn basic_line_with_both_names() {
    // A single word after the economic code is kept as the `source` slot: whether it is a
    // source keyword or the code's name is decided in `model::build`.
    let s = "2013201 行政运行 30102 津贴补贴 160.32";
    assert_eq!(
        one(s),
        Stmt::BasicLine {
            func: CodeRef {
                code: w("2013201", 0, 7),
                name: Some(w("行政运行", 8, 20)),
            },
            econ: CodeRef {
                code: w("30102", 21, 26),
                name: None,
            },
            source: Some(w("津贴补贴", 27, 39)),
            amount: amt("160.32", 40, 46, 2),
        }
    );
}

#[test]
fn basic_line_with_source() {
    let s = "2080505 30108 一般公共预算 79.84";
    assert_eq!(
        one(s),
        Stmt::BasicLine {
            func: CodeRef {
                code: w("2080505", 0, 7),
                name: None,
            },
            econ: CodeRef {
                code: w("30108", 8, 13),
                name: None,
            },
            source: Some(w("一般公共预算", 14, 32)),
            amount: amt("79.84", 33, 38, 2),
        }
    );
}

#[test]
fn basic_line_with_names_and_source() {
    let s = "2013201 行政运行 30101 基本工资 政府性基金 212.61";
    assert_eq!(
        one(s),
        Stmt::BasicLine {
            func: CodeRef {
                code: wa(s, "2013201"),
                name: Some(wa(s, "行政运行")),
            },
            econ: CodeRef {
                code: wa(s, "30101"),
                name: Some(wa(s, "基本工资")),
            },
            source: Some(wa(s, "政府性基金")),
            amount: amt("212.61", at(s, "212.61"), s.len(), 2),
        }
    );
}

#[test]
fn basic_line_with_func_name_only() {
    let s = "2013201 行政运行 30101 212.61";
    assert_eq!(
        one(s),
        Stmt::BasicLine {
            func: CodeRef {
                code: wa(s, "2013201"),
                name: Some(wa(s, "行政运行")),
            },
            econ: CodeRef {
                code: wa(s, "30101"),
                name: None,
            },
            source: None,
            amount: amt("212.61", at(s, "212.61"), s.len(), 2),
        }
    );
}

#[test]
fn procurement_with_code() {
    let s = "采购 货物 2013201 10.24";
    assert_eq!(
        one(s),
        Stmt::Procurement {
            kind: w("货物", 7, 13),
            func: Some(w("2013201", 14, 21)),
            amount: amt("10.24", 22, 27, 2),
        }
    );
}

#[test]
fn prior_block() {
    assert_eq!(one("上年"), Stmt::PriorBlock);
}

#[test]
fn prior_figures() {
    for name in ["收支", "基本支出", "项目支出", "机关运行经费"] {
        let s = format!("{name} 13085.19");
        assert_eq!(
            one(&s),
            Stmt::PriorFigure {
                name: w(name, 0, name.len()),
                amount: amt("13085.19", name.len() + 1, s.len(), 2),
            },
            "{s}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------

#[test]
fn project() {
    let s = "项目 37159124520B010300020 社保中心-就业创业资金";
    assert_eq!(
        one(s),
        Stmt::Project {
            code: w("37159124520B010300020", 7, 28),
            name: wa(s, "社保中心-就业创业资金"),
        }
    );
}

#[test]
fn project_name_may_contain_spaces() {
    let s = "项目 P1 就业 创业 资金";
    assert_eq!(
        one(s),
        Stmt::Project {
            code: w("P1", 7, 9),
            name: w("就业 创业 资金", 10, s.len()),
        }
    );
}

#[test]
fn project_unit() {
    assert_eq!(
        one("单位 社保中心"),
        Stmt::ProjectUnit(w("社保中心", 7, 19))
    );
}

#[test]
fn project_kind() {
    assert_eq!(
        one("类型 特定目标类"),
        Stmt::ProjectKind(w("特定目标类", 7, 22))
    );
}

#[test]
fn project_source() {
    assert_eq!(
        one("资金 政府性基金"),
        Stmt::ProjectSource(w("政府性基金", 7, 22))
    );
}

#[test]
fn allocation_without_name() {
    assert_eq!(
        one("支出 2080102 14.00"),
        Stmt::Allocation {
            func: CodeRef {
                code: w("2080102", 7, 14),
                name: None,
            },
            amount: amt("14.00", 15, 20, 2),
        }
    );
}

#[test]
fn allocation_with_name() {
    let s = "支出 2080702 职业培训补贴 51.70";
    assert_eq!(
        one(s),
        Stmt::Allocation {
            func: CodeRef {
                code: w("2080702", 7, 14),
                name: Some(wa(s, "职业培训补贴")),
            },
            amount: amt("51.70", at(s, "51.70"), s.len(), 2),
        }
    );
}

#[test]
fn project_amount() {
    assert_eq!(
        one("金额 559.54"),
        Stmt::ProjectAmount(amt("559.54", 7, 13, 2))
    );
}

#[test]
fn economic_with_and_without_name() {
    let s = "经济 30201 办公费 5.00";
    assert_eq!(
        one(s),
        Stmt::Economic {
            econ: CodeRef {
                code: w("30201", 7, 12),
                name: Some(wa(s, "办公费")),
            },
            amount: amt("5.00", at(s, "5.00"), s.len(), 2),
        }
    );
    assert_eq!(
        one("经济 30201 5.00"),
        Stmt::Economic {
            econ: CodeRef {
                code: w("30201", 7, 12),
                name: None,
            },
            amount: amt("5.00", 13, 17, 2),
        }
    );
}

#[test]
fn procurement_without_code() {
    assert_eq!(
        one("采购 服务 35.00"),
        Stmt::Procurement {
            kind: w("服务", 7, 13),
            func: None,
            amount: amt("35.00", 14, 19, 2),
        }
    );
}

#[test]
fn procurement_whole_amount_without_code() {
    // In 元 amounts have no decimals: the number is the amount, not a code (a grammar bug once
    // made this a syntax error).
    assert_eq!(
        one("采购 货物 5000"),
        Stmt::Procurement {
            kind: w("货物", 7, 13),
            func: None,
            amount: amt("5000", 14, 18, 0),
        }
    );
    assert_eq!(
        one("采购 货物 2080102 5000"),
        Stmt::Procurement {
            kind: w("货物", 7, 13),
            func: Some(w("2080102", 14, 21)),
            amount: amt("5000", 22, 26, 0),
        }
    );
}

#[test]
fn indented_procurement_with_code() {
    assert_eq!(
        one("  采购 货物 2080102 1.00"),
        Stmt::Procurement {
            kind: w("货物", 9, 15),
            func: Some(w("2080102", 16, 23)),
            amount: amt("1.00", 24, 28, 2),
        }
    );
}

#[test]
fn three_public() {
    let s = "三公 因公出国（境）费 0.00";
    assert_eq!(
        one(s),
        Stmt::ThreePublic {
            kind: wa(s, "因公出国（境）费"),
            amount: amt("0.00", at(s, "0.00"), s.len(), 2),
        }
    );
}

#[test]
fn goal() {
    let s = "目标 提高公共就业服务，完成年度就业任务目标。";
    assert_eq!(
        one(s),
        Stmt::Goal(w("提高公共就业服务，完成年度就业任务目标。", 7, s.len()))
    );
}

#[test]
fn indicator_fields_and_spans() {
    let s = "指标 成本指标 经济成本指标 | 职业培训补贴标准 | 300-800元/人 | 补贴标准";
    assert_eq!(
        one(s),
        Stmt::Indicator(Indicator {
            level1: w("成本指标", 7, 19),
            level2: wa(s, "经济成本指标"),
            name: wa(s, "职业培训补贴标准"),
            value: IndicatorValue {
                text: wa(s, "300-800元/人"),
                kind: ValueKind::Range {
                    low: d("300"),
                    high: d("800"),
                    low_unit: None,
                    unit: Some("元/人".into()),
                },
            },
            criterion: w("补贴标准", s.len() - "补贴标准".len(), s.len()),
        })
    );
}

#[test]
fn indicator_with_fullwidth_separators() {
    let s = "指标 产出指标 数量指标｜公益宣传数量｜≥450个｜工作实际完成情况";
    assert_eq!(
        one(s),
        Stmt::Indicator(Indicator {
            level1: wa(s, "产出指标"),
            level2: wa(s, "数量指标"),
            name: wa(s, "公益宣传数量"),
            value: IndicatorValue {
                text: wa(s, "≥450个"),
                kind: comparison(Comparator::AtLeast, "450", "个"),
            },
            criterion: wa(s, "工作实际完成情况"),
        })
    );
}

#[test]
fn indicator_without_spaces_around_separators() {
    let s = "指标 产出指标 数量指标|人数|3个|完成";
    match one(s) {
        Stmt::Indicator(i) => {
            assert_eq!(i.name, wa(s, "人数"));
            assert_eq!(i.value.text, wa(s, "3个"));
            assert_eq!(i.value.kind, quantity("3", Some("个")));
            assert_eq!(i.criterion, wa(s, "完成"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn indicator_with_a_missing_field_is_a_bad_line() {
    let (file, diags) = parse("指标 产出指标 数量指标 | 人数 | 3个");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0001"]);
}

// ---------------------------------------------------------------------------------------------
// Indicator values
// ---------------------------------------------------------------------------------------------

#[test]
fn value_comparison_symbol() {
    assert_eq!(kind("≥98%"), comparison(Comparator::AtLeast, "98", "%"));
    assert_eq!(kind(">=85%"), comparison(Comparator::AtLeast, "85", "%"));
    assert_eq!(
        kind("≤2000元/人/年"),
        comparison(Comparator::AtMost, "2000", "元/人/年")
    );
    assert_eq!(kind("<=2天"), comparison(Comparator::AtMost, "2", "天"));
    assert_eq!(kind(">0"), {
        ValueKind::Comparison {
            comparator: Comparator::Above,
            quantity: q("0", None),
        }
    });
    assert_eq!(kind("＜5%"), comparison(Comparator::Below, "5", "%"));
    assert_eq!(kind("=100%"), comparison(Comparator::Equal, "100", "%"));
}

#[test]
fn value_comparison_words() {
    assert_eq!(
        kind("不低于35000人"),
        comparison(Comparator::AtLeast, "35000", "人")
    );
    assert_eq!(
        kind("不超过10万元"),
        comparison(Comparator::AtMost, "10", "万元")
    );
    assert_eq!(
        kind("达到100%"),
        comparison(Comparator::AtLeast, "100", "%")
    );
    assert_eq!(kind("高于90%"), comparison(Comparator::Above, "90", "%"));
}

#[test]
fn value_quantity() {
    assert_eq!(kind("3个"), quantity("3", Some("个")));
    assert_eq!(kind("0.1万元/人"), quantity("0.1", Some("万元/人")));
    assert_eq!(kind("365"), quantity("365", None));
}

#[test]
fn value_quantity_approximate_prefix() {
    assert_eq!(
        kind("约1.1万册"),
        ValueKind::Quantity {
            quantity: Quantity {
                approximate: true,
                ..q("1.1", Some("万册"))
            }
        }
    );
}

#[test]
fn value_quantity_approximate_suffix() {
    assert_eq!(
        kind("1210人左右"),
        ValueKind::Quantity {
            quantity: Quantity {
                approximate: true,
                ..q("1210", Some("人"))
            }
        }
    );
}

#[test]
fn value_quantity_more_than() {
    assert_eq!(
        kind("约2000余人"),
        ValueKind::Quantity {
            quantity: Quantity {
                approximate: true,
                at_least: true,
                ..q("2000", Some("人"))
            }
        }
    );
    assert_eq!(
        kind("100人以上"),
        ValueKind::Quantity {
            quantity: Quantity {
                at_least: true,
                ..q("100", Some("人"))
            }
        }
    );
}

#[test]
fn value_quantity_with_note() {
    assert_eq!(
        kind("17.5万元（党群工作部）"),
        ValueKind::Quantity {
            quantity: Quantity {
                note: Some("（党群工作部）".into()),
                ..q("17.5", Some("万元"))
            }
        }
    );
}

#[test]
fn value_range_unit_at_the_end() {
    assert_eq!(
        kind("300-800元/人"),
        ValueKind::Range {
            low: d("300"),
            high: d("800"),
            low_unit: None,
            unit: Some("元/人".into()),
        }
    );
}

#[test]
fn value_range_unit_on_both_ends() {
    assert_eq!(
        kind("1000元-30000元"),
        ValueKind::Range {
            low: d("1000"),
            high: d("30000"),
            low_unit: None,
            unit: Some("元".into()),
        }
    );
}

#[test]
fn value_range_different_units_keeps_low_unit() {
    assert_eq!(
        kind("5千元～1万元"),
        ValueKind::Range {
            low: d("5"),
            high: d("1"),
            low_unit: Some("千元".into()),
            unit: Some("万元".into()),
        }
    );
}

#[test]
fn value_periods() {
    for v in [
        "2024年12月底前",
        "1月初",
        "全年",
        "2024年10-12月",
        "2024年1月-12月",
        "2024年6月30日",
        "年底前",
        "12月底前完成",
    ] {
        assert_eq!(kind(v), ValueKind::Period, "{v}");
    }
}

#[test]
fn value_months_count_is_a_quantity() {
    // docs/language.md lists `12个月` among the periods; the grammar reads it as a quantity.
    assert_eq!(kind("12个月"), quantity("12", Some("个月")));
}

#[test]
fn value_labelled_comparison() {
    assert_eq!(
        kind("满意度≥98%"),
        ValueKind::Comparison {
            comparator: Comparator::AtLeast,
            quantity: Quantity {
                label: Some("满意度".into()),
                ..q("98", Some("%"))
            },
        }
    );
}

#[test]
fn value_labelled_quantity() {
    assert_eq!(
        kind("提升50%"),
        ValueKind::Quantity {
            quantity: Quantity {
                label: Some("提升".into()),
                ..q("50", Some("%"))
            }
        }
    );
    assert_eq!(
        kind("增加1300人左右"),
        ValueKind::Quantity {
            quantity: Quantity {
                label: Some("增加".into()),
                approximate: true,
                ..q("1300", Some("人"))
            }
        }
    );
}

#[test]
fn value_text() {
    assert_eq!(kind("是否完成"), ValueKind::Text);
    assert_eq!(kind("提升"), ValueKind::Text);
    assert_eq!(kind("有效提升"), ValueKind::Text);
}

#[test]
fn value_empty() {
    let v = indicator_value("");
    assert_eq!(v.text.value, "");
    assert_eq!(v.kind, ValueKind::Empty);
    let s = "指标 产出指标 数量指标 | 名称 |   | 标准";
    match one(s) {
        Stmt::Indicator(i) => {
            assert_eq!(i.value.text.value, "");
            assert_eq!(i.value.kind, ValueKind::Empty);
            assert_eq!(i.criterion, wa(s, "标准"));
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Assets, evaluation, assertions
// ---------------------------------------------------------------------------------------------

#[test]
fn assets_block_with_and_without_date() {
    assert_eq!(
        one("资产 2023-12-31"),
        Stmt::AssetsBlock(Some(w("2023-12-31", 7, 17)))
    );
    let s = "资产 2023年12月31日";
    assert_eq!(
        one(s),
        Stmt::AssetsBlock(Some(w("2023年12月31日", 7, s.len())))
    );
    assert_eq!(one("资产"), Stmt::AssetsBlock(None));
}

#[test]
fn vehicles() {
    let s = "车辆 机要通信用车 12";
    assert_eq!(
        one(s),
        Stmt::Vehicles {
            kind: wa(s, "机要通信用车"),
            count: Spanned::new(12, span_of(s, "12")),
        }
    );
}

#[test]
fn equipment() {
    assert_eq!(
        one("大型设备 3"),
        Stmt::Equipment(Spanned::new(3, Span::new(13, 14)))
    );
}

#[test]
fn equipment_purchase() {
    assert_eq!(
        one("购置大型设备 2"),
        Stmt::EquipmentPurchase(Spanned::new(2, Span::new(19, 20)))
    );
}

#[test]
fn key_evaluation() {
    assert_eq!(
        one("重点评价 3 120.50"),
        Stmt::KeyEvaluation {
            count: Spanned::new(3, Span::new(13, 14)),
            amount: amt("120.50", 15, 21, 2),
        }
    );
}

#[test]
fn count_too_large_is_e0003() {
    let (file, diags) = parse("大型设备 99999999999");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0003"]);
}

#[test]
fn assertion_on_a_named_figure() {
    let s = "断言 项目支出 = 15018.07";
    assert_eq!(
        one(s),
        Stmt::Assertion {
            figure: vec![w("项目支出", 7, 19)],
            value: AssertValue::Amount(amt("15018.07", 22, 30, 2), w("15018.07", 22, 30)),
        }
    );
}

#[test]
fn assertion_on_a_table_cell() {
    let s = "断言 一般公共预算支出情况表 208 项目支出 = 5652.25";
    assert_eq!(
        one(s),
        Stmt::Assertion {
            figure: vec![
                wa(s, "一般公共预算支出情况表"),
                wa(s, "208"),
                wa(s, "项目支出"),
            ],
            value: AssertValue::Amount(
                amt("5652.25", at(s, "5652.25"), s.len(), 2),
                w("5652.25", at(s, "5652.25"), s.len())
            ),
        }
    );
}

#[test]
fn assertion_with_fullwidth_equals_and_no_spaces() {
    assert_eq!(
        values(one("断言 general_expenditure 2013201 personnel＝613.25")),
        ["general_expenditure", "2013201", "personnel"]
    );
    assert_eq!(values(one("断言 基本支出=1010.15")), ["基本支出"]);
}

// ---------------------------------------------------------------------------------------------
// Layout: indentation, comments, blank lines, line ends, separators
// ---------------------------------------------------------------------------------------------

#[test]
fn indentation_flag_and_line_span() {
    let (file, diags) = parse("基本支出\n  2013201 30101 212.61\n");
    assert!(diags.is_empty());
    assert_eq!(file.lines.len(), 2);
    assert!(!file.lines[0].indented);
    assert_eq!(file.lines[0].span, Span::new(0, 12));
    assert!(file.lines[1].indented);
    // "基本支出\n" is 13 bytes; the span starts after the two spaces.
    assert_eq!(file.lines[1].span, Span::new(15, 35));
}

#[test]
fn tab_and_ideographic_space_indent() {
    let (file, diags) = parse("项目 P 名\n\t支出 2080102 1.00\n\u{3000}金额 1.00\n");
    assert!(diags.is_empty());
    assert_eq!(
        file.lines.iter().map(|l| l.indented).collect::<Vec<_>>(),
        [false, true, true]
    );
}

#[test]
fn comments_and_blank_lines_are_ignored() {
    let src = "# 注释\n\n部门 甲\n   \n  # 缩进的注释\n#\n年度 2024\n\n";
    let (file, diags) = parse(src);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        file.lines
            .iter()
            .map(|l| l.stmt.clone())
            .collect::<Vec<_>>(),
        vec![Stmt::Department(wa(src, "甲")), Stmt::Year(wa(src, "2024")),]
    );
}

#[test]
fn empty_file() {
    let (file, diags) = parse("");
    assert!(file.lines.is_empty());
    assert!(diags.is_empty());
}

#[test]
fn trailing_spaces_are_allowed() {
    assert_eq!(one("年度 2024   "), Stmt::Year(w("2024", 7, 11)));
    assert_eq!(
        one("金额 1.00 \t"),
        Stmt::ProjectAmount(amt("1.00", 7, 11, 2))
    );
}

#[test]
fn crlf_line_ends_are_accepted() {
    let src = "部门 聊城\r\n年度 2024\r\n基本支出\r\n  2013201 30101 212.61\r\n";
    let (file, diags) = parse(src);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(file.lines.len(), 4);
    assert_eq!(file.lines[0].stmt, Stmt::Department(w("聊城", 7, 13)));
    assert_eq!(file.lines[0].span, Span::new(0, 13));
    assert_eq!(file.lines[1].stmt, Stmt::Year(w("2024", 22, 26)));
    match &file.lines[3].stmt {
        Stmt::BasicLine { amount, .. } => {
            assert_eq!(amount.value, d("212.61"));
            assert_eq!(&src[amount.span.start..amount.span.end], "212.61");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn ideographic_space_separates_tokens() {
    assert_eq!(one("年度\u{3000}2024"), Stmt::Year(w("2024", 9, 13)));
    let s = "收入\u{3000}一般公共预算\u{3000}\u{3000}100.00";
    assert_eq!(
        one(s),
        Stmt::Income {
            source: w("一般公共预算", 9, 27),
            amount: amt("100.00", 33, 39, 2),
        }
    );
    match one("2013201\u{3000}30101\u{3000}212.61") {
        Stmt::BasicLine {
            func, econ, amount, ..
        } => {
            assert_eq!(func.code.value, "2013201");
            assert_eq!(econ.code.value, "30101");
            assert_eq!(amount.value, d("212.61"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn byte_order_mark_is_stripped() {
    assert_eq!(one("\u{feff}年度 2024"), Stmt::Year(w("2024", 7, 11)));
}

// ---------------------------------------------------------------------------------------------
// Bad lines
// ---------------------------------------------------------------------------------------------

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

/// The 1-based line of each diagnostic's primary label.
fn diag_lines(src: &str, diags: &[Diagnostic]) -> Vec<usize> {
    let f = SourceFile::new("t.bud", src);
    diags
        .iter()
        .map(|d| {
            let label = d.labels.iter().find(|l| l.primary).expect("primary label");
            let start = f.position(label.span.start).line;
            let end = f.position(label.span.end).line;
            assert_eq!(start, end, "{d:?} spans lines");
            start
        })
        .collect()
}

#[test]
fn each_bad_line_gets_one_diagnostic_and_the_rest_parse() {
    let src = "部门 测试\n收入 一般公共预算 abc\n年度 2024\n乱写一行\n金额单位 万元\n支出 2080102\n科目版本 2024\n";
    let (file, diags) = parse(src);
    assert_eq!(codes(&diags), ["E0001", "E0001", "E0001"]);
    assert_eq!(diag_lines(src, &diags), [2, 4, 6]);
    assert_eq!(
        file.lines
            .iter()
            .map(|l| l.stmt.clone())
            .collect::<Vec<_>>(),
        vec![
            Stmt::Department(wa(src, "测试")),
            Stmt::Year(wa(src, "2024")),
            Stmt::MoneyUnit(wa(src, "万元")),
            Stmt::CatalogYear(w("2024", src.rfind("2024").unwrap(), src.len() - 1)),
        ]
    );
}

#[test]
fn bad_line_points_at_the_offending_token() {
    let src = "年度 2024\n收入 一般公共预算 abc\n";
    let (_, diags) = parse(src);
    assert_eq!(diags.len(), 1);
    let label = &diags[0].labels[0];
    assert_eq!(&src[label.span.start..label.span.end], "abc");
}

#[test]
fn bad_lines_with_crlf_stay_on_their_line() {
    let src = "部门 测试\r\n乱写\r\n年度 2024\r\n金额 x\r\n";
    let (file, diags) = parse(src);
    assert_eq!(codes(&diags), ["E0001", "E0001"]);
    assert_eq!(diag_lines(src, &diags), [2, 4]);
    assert_eq!(file.lines.len(), 2);
}

#[test]
fn unknown_keyword_message_names_the_keyword() {
    let (_, diags) = parse("预算 100\n");
    assert_eq!(codes(&diags), ["E0001"]);
    assert_eq!(diags[0].message.zh, "无法识别的语句“预算”");
}

#[test]
fn known_keyword_with_bad_form_gets_usage_help() {
    let (_, diags) = parse("收入 一般公共预算\n");
    assert_eq!(codes(&diags), ["E0001"]);
    assert_eq!(diags[0].message.zh, "“收入”语句的写法不对");
    assert_eq!(
        diags[0].help.as_ref().map(|h| &*h.zh),
        Some("写法：收入 <来源> <金额>，例如 收入 一般公共预算 16028.22")
    );
}

#[test]
fn fullwidth_digits_get_a_hint() {
    let (_, diags) = parse("金额 １２.00\n");
    assert_eq!(codes(&diags), ["E0004"]);
    assert_eq!(diags[0].message.zh, "这一行有全角字符：１２");
    assert_eq!(
        diags[0].message.en,
        "full-width characters in this line: １２"
    );
    assert!(diags[0]
        .help
        .as_ref()
        .is_some_and(|h| h.zh.contains("半角")));
}

#[test]
fn trailing_comment_after_a_statement_is_ignored() {
    assert_eq!(one("年度 2024  # 预算年度"), Stmt::Year(w("2024", 7, 11)));
    assert_eq!(
        one("  支出 2080102 14.00 # 就业"),
        Stmt::Allocation {
            func: CodeRef {
                code: w("2080102", 9, 16),
                name: None,
            },
            amount: amt("14.00", 17, 22, 2),
        }
    );
}

#[test]
fn hash_inside_free_text_is_text() {
    assert_eq!(one("部门 甲 #1"), Stmt::Department(w("甲 #1", 7, 13)));
}
