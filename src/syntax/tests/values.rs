//! Indicator values; assets, evaluation and assertions.

use super::*;

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
fn value_percent_in_parentheses_is_the_unit() {
    // Shanghai's goal tables: `=100.00(%)`.
    assert_eq!(
        kind("=100.00(%)"),
        comparison(Comparator::Equal, "100.00", "%")
    );
    assert_eq!(
        kind("≥90.00（%）"),
        comparison(Comparator::AtLeast, "90.00", "%")
    );
    assert_eq!(kind("=100(%)"), comparison(Comparator::Equal, "100", "%"));
    assert_eq!(kind("95（％）"), quantity("95", Some("%")));
    assert_eq!(
        kind("80-100(%)"),
        ValueKind::range(
            Decimal::from(80),
            Decimal::from(100),
            None,
            Some("%".to_string())
        )
    );
    // After a unit, a parenthesised remark stays a remark.
    assert_eq!(
        kind("5人(%)"),
        ValueKind::Quantity {
            quantity: Quantity {
                note: Some("(%)".to_string()),
                ..q("5", Some("人"))
            }
        }
    );
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
            value: AssertValue::Amount(amt("15018.07", 22, 30, 2), w("15018.07", 22, 30), None),
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
                w("5652.25", at(s, "5652.25"), s.len()),
                None
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

#[test]
fn assertion_with_a_unit_after_the_amount() {
    let s = "断言 机关运行经费 = 507.25 万元";
    assert_eq!(
        one(s),
        Stmt::Assertion {
            figure: vec![wa(s, "机关运行经费")],
            value: AssertValue::Amount(
                amt("507.25", at(s, "507.25"), at(s, " 万元"), 2),
                w("507.25", at(s, "507.25"), at(s, " 万元")),
                Some(w("万元", at(s, "万元"), s.len())),
            ),
        }
    );
    // Any word is read as the unit (checked by the model); a comment is not one.
    let s = "断言 基本支出 = 6,072,538 千元";
    match one(s) {
        Stmt::Assertion {
            value: AssertValue::Amount(a, _, Some(u)),
            ..
        } => assert_eq!((a.scale, u.value.as_str()), (0, "千元")),
        other => panic!("{other:?}"),
    }
    let s = "断言 基本支出 = 6072538 # 元";
    assert!(matches!(
        one(s),
        Stmt::Assertion {
            value: AssertValue::Amount(_, _, None),
            ..
        }
    ));
}

#[test]
fn assertion_with_a_unit_and_more_words_is_a_bad_line() {
    let (file, diags) = parse("断言 基本支出 = 5 万元 整");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0001"]);
}
