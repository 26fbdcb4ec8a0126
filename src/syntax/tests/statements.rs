//! The statements, one by one: header, prose, money (projects: `projects.rs`).

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
