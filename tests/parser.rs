//! The fast parser against the reference: on every bundled file and on generated lines, the
//! hand-written parser (`budc::syntax::parse`) must give exactly the syntax tree and diagnostics
//! that pest alone gives from `grammar/bud.pest` (`parse_reference`).

use budc::source::SourceFile;
use budc::syntax::{parse, parse_reference, paths, Path as ParsedBy};
use proptest::prelude::*;
use std::path::Path;

fn agree(name: &str, text: &str) {
    let file = SourceFile::new(name, text);
    let fast = parse(&file);
    let reference = parse_reference(&file);
    if fast != reference {
        // Find the first line where they differ, for a readable failure.
        for (i, line) in text.split_inclusive(['\n', '\r']).enumerate() {
            let one = SourceFile::new(name, line);
            let (f, r) = (parse(&one), parse_reference(&one));
            assert_eq!(f, r, "{name}: line {} {line:?}", i + 1);
        }
        assert_eq!(fast, reference, "{name}");
    }
}

fn bud_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            bud_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "bud") {
            out.push(p);
        }
    }
}

#[test]
fn every_bundled_file_parses_the_same_with_both_parsers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    bud_files(&root.join("examples"), &mut files);
    bud_files(&root.join("tests/fixtures"), &mut files);
    assert!(files.len() > 20, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        // Files that are not UTF-8 (encoding fixtures) never reach the parser.
        if let Ok(text) = String::from_utf8(bytes) {
            agree(&path.display().to_string(), &text);
        }
    }
}

/// The fast parser takes every valid line: pest sees only the lines that are not statements
/// (and numbers out of range), never a line the fast parser should have taken.
fn fast_takes_every_valid_line(name: &str, text: &str) {
    for ((start, end), path) in paths(text) {
        assert_ne!(
            path,
            ParsedBy::Pest { valid: true },
            "{name}: the fast parser left a valid line to pest: {:?}",
            &text[start..end]
        );
    }
}

#[test]
fn the_fast_parser_takes_every_valid_line_of_the_bundled_and_generated_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    bud_files(&root.join("examples"), &mut files);
    bud_files(&root.join("tests/fixtures"), &mut files);
    let mut fast_lines = 0;
    for path in files {
        if let Ok(text) = std::fs::read_to_string(&path) {
            fast_takes_every_valid_line(&path.display().to_string(), &text);
            fast_lines += paths(&text)
                .iter()
                .filter(|(_, p)| *p == ParsedBy::Fast)
                .count();
        }
    }
    assert!(fast_lines > 1000, "{fast_lines}");
    for n in 0..5 {
        let text = budc::synth::department(n, 20);
        fast_takes_every_valid_line("synth", &text);
        assert!(paths(&text)
            .iter()
            .all(|(_, p)| *p != ParsedBy::Pest { valid: false }));
    }
}

/// Pieces that lines are made of: every keyword, codes, amounts in every form the grammar
/// knows (and near misses), names, indicator values, separators, comments, odd characters.
const PIECES: &[&str] = &[
    "部门",
    "年度",
    "金额单位",
    "科目版本",
    "二级单位",
    "主要职责",
    "机构设置",
    "原因",
    "名词",
    ">",
    "＞",
    "收入",
    "基本支出",
    "采购",
    "上年",
    "收支",
    "项目支出",
    "机关运行经费",
    "项目",
    "单位",
    "类型",
    "资金",
    "支出",
    "金额",
    "经济",
    "三公",
    "目标",
    "指标",
    "资产",
    "车辆",
    "大型设备",
    "购置大型设备",
    "重点评价",
    "断言",
    "2024",
    "20245",
    "208",
    "20801",
    "2080109",
    "301",
    "30101",
    "1.00",
    "16028.22",
    "-5",
    "5",
    "0",
    "1,234.50",
    "1,23",
    "1,2345",
    "12.",
    "123456789012345678901234567890.5",
    "4294967296",
    "行政运行",
    "一般公共预算",
    "万元",
    "产出指标",
    "数量指标",
    "满意度",
    "≥98%",
    "约1.1万册",
    "300-800元/人",
    "1000元-30000元",
    "年底前",
    "2024年12月底前",
    "提升",
    "17.5万元（党群工作部）",
    "1210人左右",
    "不低于35000人",
    "满意度≥98%",
    "2023-12-31",
    "2023年12月31日",
    "2023-1-311",
    "P001",
    "37159124980801030002L",
    "|",
    "｜",
    "#",
    "# 注释",
    "=",
    "＝",
    "a",
    "Ａ",
    "１２",
    "\u{a0}",
    "\u{0}",
    "合计",
    "一般公共预算支出情况表",
    "货物",
    "服务",
    "公务接待费",
    "机要通信用车",
    // The pieces of unit kinds and sources on money lines.
    "事业收入",
    "上年结转",
    "单位性质",
    "上年文件",
    "事业",
    "基本支出",
    "采购",
    "支出",
    "三公",
    "2100401",
    "45600.00",
    // A 公开稿: its header, the split words of basic lines, project spending by code.
    "公开稿",
    "人员经费",
    "公用经费",
    "30302",
    // Assertions as printed, and percent units in parentheses.
    "元",
    "507.25",
    "=100.00(%)",
    "≥90.00（%）",
    "(%)",
];

/// What goes between pieces: mostly one space, sometimes none, several, tabs or U+3000.
const GAPS: &[&str] = &[" ", " ", " ", "", "  ", "\t", "\u{3000}", " | ", "|"];

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(PIECES).prop_map(str::to_string)
}

fn line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["", "", "  ", "\t", "\u{3000}"][..]),
        prop::collection::vec((prop::sample::select(GAPS), piece()), 0..10),
        prop::sample::select(&["", "", " ", "  # c"][..]),
    )
        .prop_map(|(indent, parts, tail)| {
            let mut s = indent.to_string();
            for (i, (gap, p)) in parts.iter().enumerate() {
                if i > 0 {
                    s.push_str(gap);
                }
                s.push_str(p);
            }
            s.push_str(tail);
            s
        })
}

/// An indicator row with generated fields, the most intricate statement.
fn indicator_line() -> impl Strategy<Value = String> {
    (piece(), piece(), piece(), piece(), piece(), piece())
        .prop_map(|(a, b, c, v1, v2, e)| format!("  指标 {a} {b} | {c} | {v1}{v2} | {e}"))
}

/// The lines of the bundled files, the statements as people write them, grouped by their first
/// word (so that rare statements are drawn as often as indicator rows).
fn example_lines() -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    bud_files(&root.join("examples"), &mut files);
    bud_files(&root.join("tests/fixtures/checks"), &mut files);
    let mut groups = std::collections::BTreeMap::<String, Vec<String>>::new();
    for path in files {
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let first = line.split_whitespace().next().unwrap_or("").to_string();
            let first = if first.starts_with(|c: char| c.is_ascii_digit()) {
                "0".into()
            } else {
                first
            };
            groups.entry(first).or_default().push(line.to_string());
        }
    }
    groups
        .into_values()
        .map(|mut g| {
            g.sort();
            g.dedup();
            g
        })
        .collect()
}

/// A line of the example with a few of its words replaced by pieces and its gaps changed: near
/// misses of every statement.
fn mutated_line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(example_lines()),
        any::<prop::sample::Index>(),
        prop::collection::vec((any::<prop::sample::Index>(), piece(), 0..3u8), 0..3),
    )
        .prop_map(|(group, pick, edits)| {
            let line = pick.get(&group);
            let mut words: Vec<String> = line.split(' ').map(str::to_string).collect();
            for (at, p, how) in edits {
                let i = at.index(words.len());
                match how {
                    0 => words[i] = p,
                    1 => words.insert(i, p),
                    _ => words[i].push_str(&p),
                }
            }
            words.join(" ")
        })
}

/// Pieces of indicator values: numbers, units, comparators, qualifiers, periods, notes, and
/// the characters that end or split them.
const VALUE_PIECES: &[&str] = &[
    "98",
    "1.1",
    "1.",
    "0.5",
    "2024",
    "12",
    "31",
    "123456789012345678901234567890",
    "%",
    "人",
    "万元",
    "元/人/月",
    "个",
    "年",
    "月",
    "日",
    "≥",
    ">=",
    "＞=",
    ">",
    "=",
    "＝",
    "≤",
    "不低于",
    "不超过",
    "达到",
    "少于",
    "约",
    "预计",
    "近",
    "余",
    "多",
    "左右",
    "以上",
    "以内",
    "以下",
    "（",
    "）",
    "(",
    ")",
    "（党群工作部）",
    "-",
    "－",
    "~",
    "～",
    "至",
    "—",
    "上半年",
    "全年",
    "半年",
    "年底",
    "每季度",
    "底前",
    "底之前",
    "前",
    "初",
    "中旬",
    "末",
    "内",
    "完成",
    "满意度",
    "提升",
    "增加",
    " ",
    "\u{3000}",
    "\t",
    "是否",
    "\u{a0}",
];

fn value() -> impl Strategy<Value = String> {
    let any = || prop::sample::select(VALUE_PIECES);
    let slot = |options: &'static [&'static str]| prop_oneof![2 => Just(""), 2 => prop::sample::select(options), 1 => prop::sample::select(VALUE_PIECES)];
    prop_oneof![
        // Random pieces.
        prop::collection::vec(any(), 1..7).prop_map(|v| v.concat()),
        // The shape of a quantity, a comparison or a range, each part present or not, right or
        // a near miss.
        (
            slot(&["满意度", "提升", "增加"]),
            slot(&["≥", "不低于", ">="]),
            slot(&["约", "预计"]),
            slot(&["98", "1.1", "2024"]),
            slot(&["余", "多", "年", "-", "至"]),
            slot(&["人", "%", "万元", "12", "月"]),
            slot(&["左右", "以上", "以内", "底前", "月"]),
            slot(&["（注）", "(注)", "完成", " ", "(%)", "（％）"]),
        )
            .prop_map(|(a, b, c, d, e, f, g, h)| [a, b, c, d, e, f, g, h].concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_indicator_values_parse_the_same_with_both_parsers(v in value(), tail in value()) {
        agree("value.bud", &format!("  指标 产出指标 数量指标 | 人数 | {v} | 按比例扣分\n  指标 a b|c|{v}{tail}|d"));
    }

    #[test]
    fn generated_files_parse_the_same_with_both_parsers(
        lines in prop::collection::vec(prop_oneof![3 => line(), 1 => indicator_line(), 4 => mutated_line()], 1..8),
        breaks in prop::collection::vec(prop::sample::select(&["\n", "\r\n", "\r"][..]), 8),
    ) {
        let mut text = String::new();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                text.push_str(breaks[i % breaks.len()]);
            }
            text.push_str(l);
        }
        agree("generated.bud", &text);
    }

    #[test]
    fn the_fast_parser_takes_every_valid_generated_line(
        lines in prop::collection::vec(prop_oneof![3 => line(), 1 => indicator_line(), 4 => mutated_line()], 1..8),
    ) {
        fast_takes_every_valid_line("generated.bud", &lines.join("\n"));
    }
}
