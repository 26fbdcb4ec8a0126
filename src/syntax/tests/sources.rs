//! Money lines with a source, the kinds of units, last year's file, and an indicator without
//! its criterion.

use super::*;

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
