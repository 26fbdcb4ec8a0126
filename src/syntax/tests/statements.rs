//! The statements, one by one: header, prose, money, projects.

use super::*;

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
fn explanation_block() {
    // The title is text to the end of the line: spaces and a # are part of it.
    assert_eq!(
        one("说明 部门预算编制说明"),
        Stmt::ExplanationBlock(w("部门预算编制说明", 7, 31))
    );
    assert_eq!(
        one("说明 其他相关情况 说明#1"),
        Stmt::ExplanationBlock(w("其他相关情况 说明#1", 7, 34))
    );
    let (file, diags) = parse("说明");
    assert!(file.lines.is_empty());
    assert_eq!(codes(&diags), ["E0001"]);
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
    assert_eq!(one("基本支出"), Stmt::BasicBlock(None));
    assert_eq!(
        one("基本支出 社保中心"),
        Stmt::BasicBlock(Some(w("社保中心", 13, 25)))
    );
    // A number after it is a 上年 figure, not a sub-unit.
    assert_eq!(
        one("基本支出 1816.79"),
        Stmt::PriorFigure {
            name: w("基本支出", 0, 12),
            amount: amt("1816.79", 13, 20, 2),
        }
    );
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
            econ: Some(CodeRef {
                code: w("30101", 8, 13),
                name: None,
            }),
            source: None,
            split: None,
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
            econ: Some(CodeRef {
                code: w("30102", 21, 26),
                name: None,
            }),
            source: Some(w("津贴补贴", 27, 39)),
            split: None,
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
            econ: Some(CodeRef {
                code: w("30108", 8, 13),
                name: None,
            }),
            source: Some(w("一般公共预算", 14, 32)),
            split: None,
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
            econ: Some(CodeRef {
                code: wa(s, "30101"),
                name: Some(wa(s, "基本工资")),
            }),
            source: Some(wa(s, "政府性基金")),
            split: None,
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
            econ: Some(CodeRef {
                code: wa(s, "30101"),
                name: None,
            }),
            source: None,
            split: None,
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
            source: None,
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

#[test]
fn money_lines_with_a_source() {
    let s = "支出 2080702 职业培训补贴 事业收入 51.70";
    assert_eq!(
        one(s),
        Stmt::Allocation {
            func: CodeRef {
                code: w("2080702", 7, 14),
                name: Some(wa(s, "职业培训补贴")),
            },
            source: Some(wa(s, "事业收入")),
            amount: amt("51.70", at(s, "51.70"), s.len(), 2),
        }
    );
    let s = "采购 货物 2100401 事业收入 45600.00 # 冷链设备";
    assert_eq!(
        one(s),
        Stmt::Procurement {
            kind: wa(s, "货物"),
            func: Some(wa(s, "2100401")),
            source: Some(wa(s, "事业收入")),
            amount: amt("45600.00", at(s, "45600.00"), at(s, "45600.00") + 8, 2),
        }
    );
    // A trailing comment does not turn the code into a source (it once did).
    let s = "采购 货物 2100401 45600.00 # 办公设备";
    assert_eq!(
        one(s),
        Stmt::Procurement {
            kind: wa(s, "货物"),
            func: Some(wa(s, "2100401")),
            source: None,
            amount: amt("45600.00", at(s, "45600.00"), at(s, "45600.00") + 8, 2),
        }
    );
    let s = "三公 公务接待费 事业收入 2000.00";
    assert_eq!(
        one(s),
        Stmt::ThreePublic {
            kind: wa(s, "公务接待费"),
            source: Some(wa(s, "事业收入")),
            amount: amt("2000.00", at(s, "2000.00"), s.len(), 2),
        }
    );
}

#[test]
fn unit_kind_and_prior_file() {
    assert_eq!(one("单位性质 事业"), Stmt::UnitKind(w("事业", 13, 19)));
    let s = "上年文件 yunxi-2023.bud";
    assert_eq!(one(s), Stmt::PriorFile(wa(s, "yunxi-2023.bud")));
}

#[test]
fn an_indicator_without_its_criterion() {
    let s = "指标 产出指标 数量指标 | 监测点 | ≥12个";
    let Stmt::Indicator(i) = one(s) else {
        panic!("not an indicator")
    };
    assert_eq!(i.value.text.value, "≥12个");
    assert_eq!(i.criterion.value, "");
}

#[test]
fn basic_lines_of_a_published_document_have_one_code() {
    // By function: the name, then the source.
    let s = "2120104 城管执法 一般公共预算 22783399";
    let Stmt::BasicLine {
        func,
        econ,
        source,
        split,
        ..
    } = one(s)
    else {
        panic!("{s}")
    };
    assert_eq!(func.code, wa(s, "2120104"));
    assert_eq!(func.name, Some(wa(s, "城管执法")));
    assert_eq!((econ, split), (None, None));
    assert_eq!(source, Some(wa(s, "一般公共预算")));
    // By economic class: one word is the source slot (a name, `model::build` decides).
    let s = "30101 基本工资 3794196";
    let Stmt::BasicLine {
        func, econ, source, ..
    } = one(s)
    else {
        panic!("{s}")
    };
    assert_eq!((func.code, func.name, econ), (wa(s, "30101"), None, None));
    assert_eq!(source, Some(wa(s, "基本工资")));
    // The amount alone.
    let s = "2080505 2302464";
    let Stmt::BasicLine {
        func, econ, amount, ..
    } = one(s)
    else {
        panic!("{s}")
    };
    assert_eq!((func.code, econ), (wa(s, "2080505"), None));
    assert_eq!(amount.value, d("2302464"));
}

#[test]
fn the_split_word_stands_anywhere_before_the_amount() {
    for s in [
        "30302 退休费 公用经费 一般公共预算 2079000",
        "30302 退休费 一般公共预算 公用经费 2079000",
        "2080501 30302 退休费 公用经费 一般公共预算 2079000",
        "2080501 30302 退休费 一般公共预算 公用经费 2079000",
    ] {
        let Stmt::BasicLine {
            func,
            econ,
            source,
            split,
            ..
        } = one(s)
        else {
            panic!("{s}")
        };
        let named = econ.unwrap_or(func);
        assert_eq!(named.code, wa(s, "30302"), "{s}");
        assert_eq!(named.name, Some(wa(s, "退休费")), "{s}");
        assert_eq!(source, Some(wa(s, "一般公共预算")), "{s}");
        assert_eq!(split, Some(wa(s, "公用经费")), "{s}");
    }
    // On a pair without names: the split word alone.
    let s = "2080501 30302 人员经费 7.00";
    let Stmt::BasicLine {
        econ,
        source,
        split,
        ..
    } = one(s)
    else {
        panic!("{s}")
    };
    assert_eq!(econ.map(|e| e.name), Some(None));
    assert_eq!((source, split), (None, Some(wa(s, "人员经费"))));
}

#[test]
fn too_many_words_before_a_basic_amount_are_a_syntax_error() {
    let (_, diags) = parse("基本支出\n  30302 退休费 公用经费 人员经费 1.00\n");
    assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0001"]);
    let (_, diags) = parse("基本支出\n  2080501 30302 退休费 一般公共预算 其他 1.00\n");
    assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0001"]);
}

#[test]
fn project_spending_by_code_and_the_prior_figure() {
    let s = "项目支出 2120104 城管执法 一般公共预算 10992193";
    assert_eq!(
        one(s),
        Stmt::ProjectTotal {
            func: CodeRef {
                code: wa(s, "2120104"),
                name: Some(wa(s, "城管执法")),
            },
            source: Some(wa(s, "一般公共预算")),
            amount: amt("10992193", at(s, "10992193"), s.len(), 0),
        }
    );
    // Without a code it is last year's figure (in the 上年 block).
    let s = "项目支出 1816.79";
    assert!(matches!(one(s), Stmt::PriorFigure { .. }), "{s}");
    assert_eq!(one("公开稿"), Stmt::Published);
}
