//! The statements of a 公开稿 (a published document, for audit): basic lines with one code,
//! the 人员经费/公用经费 word, project spending by code.

use super::*;

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
