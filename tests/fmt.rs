//! `budc fmt`: the examples are in canonical form; formatting keeps the model; any re-spacing of
//! a canonical file formats back to it (property tests); the command line.

mod common;
use common::budc_command;

use budc::source::SourceFile;
use proptest::prelude::*;

const EXAMPLES: [&str; 2] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud"),
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/liaocheng-2024-as-published.bud"
    ),
];

fn fmt(text: &str) -> String {
    let file = SourceFile::new("t.bud", text);
    match budc::fmt::format(&file) {
        Ok(s) => s,
        Err(d) => {
            let at = file.position(d[0].offset()).line;
            panic!(
                "{:?} on line {at}: {:?}",
                d[0].message.zh,
                text.lines().nth(at - 1)
            )
        }
    }
}

fn json(text: &str) -> String {
    budc::compile(SourceFile::new("t.bud", text), None).to_json()
}

fn example() -> String {
    std::fs::read_to_string(EXAMPLES[0]).unwrap()
}

#[test]
fn the_examples_are_in_canonical_form() {
    for path in EXAMPLES {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            fmt(&text) == text,
            "{path} is not in canonical form: run budc fmt"
        );
    }
}

/// Re-spaces one line of a canonical file without changing what it says: indentation, the
/// spaces before a line's final amount, the separators of indicator rows, thousands separators.
fn respace(line: &str, choice: u8) -> String {
    let indented = line.starts_with("  ");
    let body = line.trim_start();
    let indent = match (indented, choice % 3) {
        (false, _) => "",
        (true, 0) => "    ",
        (true, 1) => "\t",
        (true, _) => "\u{3000}",
    };
    let mut body = body.to_string();
    if body.starts_with("指标 ") {
        body = match choice % 4 {
            0 => body.replace(" | ", "|"),
            1 => body.replace(" | ", " ｜ "),
            2 => body.replace(" | ", "  |\t"),
            _ => body,
        };
    } else if let Some((head, last)) = body.rsplit_once(' ') {
        // Statements that end in an amount (not a count or a year).
        let keyword = body.split(' ').next().unwrap_or("");
        let amount_keyword = [
            "收入",
            "支出",
            "金额",
            "经济",
            "采购",
            "三公",
            "收支",
            "基本支出",
            "项目支出",
            "机关运行经费",
        ]
        .contains(&keyword)
            || keyword.chars().all(|c| c.is_ascii_digit());
        let amount_line = amount_keyword && last.parse::<f64>().is_ok();
        if amount_line {
            let head = head.trim_end();
            let amount = if choice.is_multiple_of(2) {
                thousands(last)
            } else {
                last.to_string()
            };
            let gap = [" ", "   ", "\t", "\u{3000}"][usize::from(choice / 4 % 4)];
            body = format!("{head}{gap}{amount}");
        }
    }
    format!("{indent}{body}")
}

fn thousands(amount: &str) -> String {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    if int.len() <= 3 || int.starts_with('-') {
        return amount.to_string();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac.is_empty() {
        out
    } else {
        format!("{out}.{frac}")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// fmt(respaced(x)) = x for the canonical example, so fmt is idempotent on it and undoes
    /// any re-spacing; and the re-spaced file says the same (same JSON).
    #[test]
    fn respacing_formats_back_and_keeps_the_model(choices in proptest::collection::vec(any::<u8>(), 1000)) {
        let canonical = example();
        let respaced: String = canonical
            .lines()
            .zip(choices.iter().cycle())
            .map(|(l, c)| respace(l, *c) + "\n")
            .collect();
        let formatted = fmt(&respaced);
        if let Some((a, b)) = formatted.lines().zip(canonical.lines()).find(|(a, b)| a != b) {
            prop_assert!(false, "formatted {a:?}, canonical {b:?}");
        }
        prop_assert_eq!(formatted, canonical.clone());
        prop_assert_eq!(json(&respaced), json(&canonical));
    }

    /// fmt(fmt(x)) = fmt(x) and parse(fmt(x)) has the model of parse(x), for small random
    /// budgets with arbitrary spacing.
    #[test]
    fn formatting_is_idempotent_and_keeps_small_budgets(
        amounts in proptest::collection::vec(1u32..10_000_000, 1..8),
        gaps in proptest::collection::vec(prop_oneof![Just(" "), Just("  "), Just("\t"), Just("\u{3000}")], 8),
    ) {
        let codes = ["2013202", "2080102", "2080109", "2101301"];
        let mut text = String::from("部门 甲\n年度 2024\n金额单位 万元\n");
        let total: u64 = amounts.iter().map(|a| u64::from(*a)).sum();
        text.push_str(&format!("收入{}一般公共预算{}{}.{:02}\n", gaps[0], gaps[1], total / 100, total % 100));
        for (i, a) in amounts.iter().enumerate() {
            text.push_str(&format!(
                "项目 P{i} 项目{i}\n{}支出{}{}{}{}.{:02}\n",
                gaps[(i + 2) % 8],
                gaps[(i + 3) % 8],
                codes[i % codes.len()],
                gaps[(i + 4) % 8],
                a / 100,
                a % 100
            ));
        }
        let once = fmt(&text);
        prop_assert_eq!(fmt(&once), once.clone());
        prop_assert_eq!(json(&once), json(&text));
    }
}

fn budc(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut child = budc_command()
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[test]
fn fmt_in_place_check_and_stdin() {
    let dir = std::env::temp_dir().join(format!("budc-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let messy = "部门   甲\n年度 2024\n金额单位 万元\n收入 一般公共预算   5.00\n项目 P1 某项目\n    支出 2013202 5.00\n";
    let canonical = "部门 甲\n年度 2024\n金额单位 万元\n收入 一般公共预算 5.00\n项目 P1 某项目\n  支出 2013202 5.00\n";
    let f = dir.join("a.bud");
    std::fs::write(&f, messy).unwrap();
    let p = f.to_str().unwrap();
    // --check lists the file and changes nothing.
    let o = budc(&["fmt", "--check", p], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), p);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), messy);
    // fmt rewrites it; then --check is clean.
    assert_eq!(budc(&["fmt", p], None).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), canonical);
    assert_eq!(budc(&["fmt", "--check", p], None).status.code(), Some(0));
    // `-`: stdin to stdout.
    let o = budc(&["fmt", "-"], Some(messy));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout), canonical);
    // A file with a syntax error is left alone, with its diagnostic.
    let bad = dir.join("b.bud");
    std::fs::write(&bad, "部门 甲\n乱写一行\n").unwrap();
    let o = budc(&["fmt", bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("E0001"));
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "部门 甲\n乱写一行\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Found by the `fmt` fuzz target: a lone `\r` ends a line for the parser, and fmt once split
/// lines at `\n` only, so the statements after it fell out of step with their lines and were
/// copied verbatim (`指标 　效益指标` kept its U+3000) — not canonical, not idempotent.
#[test]
fn a_lone_carriage_return_ends_a_line_for_fmt_too() {
    let text = "项目 P1 甲\n  采购 服务 100.00\r  目标 完成。\n  指标 \u{3000}效益指标 社会效益指标 | a | 提升 | b\n";
    let once = fmt(text);
    assert_eq!(
        once,
        "项目 P1 甲\n  采购 服务 100.00\n  目标 完成。\n  指标 效益指标 社会效益指标 | a | 提升 | b\n"
    );
    assert_eq!(fmt(&once), once);
    assert_eq!(json(&once), json(text));
}

/// Found by the `fmt` fuzz target: a form feed between a basic line's name and its amount is a
/// word (the grammar's spaces are space, tab and U+3000), read as the funding source; it was
/// then trimmed away as whitespace, so fmt dropped it and changed the model.
#[test]
fn whitespace_that_is_not_a_grammar_space_stays_in_its_word() {
    let text = "部门 x\n年度 2024\n金额单位 万元\n科目版本 2024\n收入 一般公共预算 4.50\n基本支出\n  2013201 行政运行 30216 培训费 \u{c} 4.50\n";
    let once = fmt(text);
    assert!(once.contains("培训费 \u{c} 4.50"), "{once:?}");
    assert_eq!(fmt(&once), once);
    assert_eq!(json(&once), json(text));
    // The same at the end of a paragraph (a vertical tab; the fuzzer's third finding).
    let text = "原因 机关运行经费\n  > 增加相关预算支出。\u{b}\n";
    let once = fmt(text);
    assert_eq!(once, text);
    assert_eq!(json(&once), json(text));
}

/// Found by the `fmt` fuzz target: an amount with 29 decimals panicked inside rust_decimal when
/// fmt printed it with its written precision. Amounts are now printed from their text.
#[test]
fn amounts_are_printed_as_written_whatever_their_decimals() {
    let text = "项目 P1 甲\n  支出 2080109 12012.44444444444444444444444444444\n  金额 0,012.50\n";
    let once = fmt(text);
    assert_eq!(
        once,
        "项目 P1 甲\n  支出 2080109 12012.44444444444444444444444444444\n  金额 12.50\n"
    );
    assert_eq!(fmt(&once), once);
}

const MESSY: &str = "部门   甲\n年度 2024\n金额单位 万元\n收入 一般公共预算   5.00\n项目 P1 某项目\n    支出 2013202 5.00\n";
const CANONICAL: &str = "部门 甲\n年度 2024\n金额单位 万元\n收入 一般公共预算 5.00\n项目 P1 某项目\n  支出 2013202 5.00\n";

/// A CRLF file stays CRLF, a file of lone CRs stays so; formatting it again changes nothing.
#[test]
fn fmt_keeps_the_line_ends_of_the_file() {
    for end in ["\r\n", "\r"] {
        let once = fmt(&MESSY.replace('\n', end));
        assert_eq!(once, CANONICAL.replace('\n', end));
        assert_eq!(fmt(&once), once);
    }
    assert_eq!(fmt(MESSY), CANONICAL);
    // No line end at the end of the file: the one of its other lines.
    let last = MESSY.replace('\n', "\r\n");
    assert_eq!(
        fmt(last.trim_end_matches("\r\n")),
        CANONICAL.replace('\n', "\r\n")
    );
}

/// A file that mixes line ends gets the one most of its lines have (LF on a tie), and a note.
#[test]
fn fmt_makes_mixed_line_ends_the_majority() {
    use budc::fmt::{LineEnd, LineEnds};
    // Four CRLF, two LF.
    let mixed = MESSY.replacen('\n', "\r\n", 4);
    let ends = LineEnds::of(&mixed);
    assert_eq!(
        ends,
        LineEnds {
            lf: 2,
            crlf: 4,
            cr: 0
        }
    );
    assert_eq!(ends.majority(), LineEnd::Crlf);
    assert_eq!(fmt(&mixed), CANONICAL.replace('\n', "\r\n"));
    let note = ends.note().unwrap();
    assert_eq!(
        note.zh,
        "行尾混用（LF 2 行，CRLF 4 行，CR 0 行），已统一为多数的 CRLF"
    );
    assert_eq!(
        note.en,
        "mixed line ends (LF: 2 lines, CRLF: 4, CR: 0) made CRLF, as most lines are"
    );
    // Three and three: LF.
    let tie = MESSY.replacen('\n', "\r\n", 3);
    assert_eq!(fmt(&tie), CANONICAL);
    // Not mixed: no note.
    assert_eq!(LineEnds::of(&MESSY.replace('\n', "\r\n")).note(), None);
    assert_eq!(LineEnds::of(MESSY).note(), None);
}

#[test]
fn fmt_command_keeps_crlf_and_notes_mixed_line_ends() {
    let dir = std::env::temp_dir().join(format!("budc-fmt-eol-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("crlf.bud");
    std::fs::write(&f, MESSY.replace('\n', "\r\n")).unwrap();
    let p = f.to_str().unwrap();
    let o = budc(&["fmt", p], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        CANONICAL.replace('\n', "\r\n")
    );
    assert_eq!(budc(&["fmt", "--check", p], None).status.code(), Some(0));
    // Mixed: the majority, and a note in the language of the messages.
    let m = dir.join("mixed.bud");
    let mp = m.to_str().unwrap();
    std::fs::write(&m, MESSY.replacen('\n', "\r\n", 4)).unwrap();
    let o = budc(&["fmt", mp], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("注意：{mp}：行尾混用（LF 2 行，CRLF 4 行，CR 0 行），已统一为多数的 CRLF\n")
    );
    assert_eq!(
        std::fs::read_to_string(&m).unwrap(),
        CANONICAL.replace('\n', "\r\n")
    );
    std::fs::write(&m, MESSY.replacen('\n', "\r\n", 4)).unwrap();
    let o = budc(&["--lang", "en", "fmt", mp], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("note: {mp}: mixed line ends (LF: 2 lines, CRLF: 4, CR: 0) made CRLF, as most lines are\n")
    );
    // `-`: the same on standard input.
    let o = budc(&["fmt", "-"], Some(&MESSY.replace('\n', "\r\n")));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        CANONICAL.replace('\n', "\r\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
