//! The statements of a project: its header lines, allocations, economics, procurement, 三公,
//! goal and indicators.

use super::*;

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
            source: None,
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
                name: None,
            },
            // One word after the code: the model tells a source keyword from a name.
            source: Some(wa(s, "职业培训补贴")),
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
            source: None,
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
            source: None,
            amount: amt("5000", 14, 18, 0),
        }
    );
    assert_eq!(
        one("采购 货物 2080102 5000"),
        Stmt::Procurement {
            kind: w("货物", 7, 13),
            func: Some(w("2080102", 14, 21)),
            source: None,
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
            source: None,
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
            source: None,
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
    // 评分标准 may be left out; the 指标值 may not.
    let (file, diags) = parse("指标 产出指标 数量指标 | 人数");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0001"]);
}
