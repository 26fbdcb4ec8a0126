//! The language server, one test per feature. Each runs a scripted session (`lsp_client`)
//! through the server in-process and checks the exact answers; the last runs one through the
//! real binary on stdio.

mod lsp_client;

use lsp_client::{Script, Transcript, URI};
use serde_json::{json, Value};

/// A budget with one mistake: the name of 2080110 is 劳动关系和维权 (line 9, UTF-16 columns
/// 13..20).
const DOC: &str = "部门 甲\n年度 2024\n金额单位 万元\n主要职责\n  > 负责有关工作。\n机构设置\n  > 本级。\n二级单位 本级 甲本级\n收入 一般公共预算 310.00\n项目 P1 农民工欠薪应急周转金\n  单位 本级\n  类型 特定目标类\n  支出 2080110 劳动关系的维权 300.00\n  目标 垫付被拖欠的农民工工资。\n  指标 产出指标 数量指标 | 垫付人数 | 约300人 | 发放到位\n  指标 效益指标 社会效益指标 | 维护权益 | 持续保障 | 工作完成情况\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥95% | 满意度情况\n基本支出\n  2013201 行政运行 30101 基本工资 10.00\n";

fn fixed() -> String {
    DOC.replace("劳动关系的维权", "劳动关系和维权")
}

fn pos(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

fn doc_only() -> Value {
    json!({"textDocument": {"uri": URI}})
}

/// A session on `text`: initialize (with `locale`), open `DOC`, change it to `text` unless it is
/// `DOC`, then one request. Returns the transcript and the request's id.
fn ask(locale: Option<&str>, text: &str, method: &str, params: Value) -> (Transcript, i64) {
    let mut s = Script::initialized(locale);
    s.open(DOC);
    if text != DOC {
        s.change(text);
    }
    let id = s.request(method, params);
    s.end();
    let t = s.run();
    assert_eq!(t.code, Some(0), "{t:#?}");
    (t, id)
}

fn labels(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default()
}

const E0304_ZH: &str = "科目名称与编码不符：2080110 是“劳动关系和维权”\n改为“劳动关系和维权”，或删去名称（budc 会自动查出）。";
const E0304_EN: &str = "name does not match the code: 2080110 is “劳动关系和维权”\nwrite “劳动关系和维权”, or leave the name out (budc looks it up).";

fn e0304(message: &str) -> Value {
    json!([{
        "range": range(12, 13, 12, 20),
        "severity": 1,
        "code": "E0304",
        "source": "budc",
        "message": message,
    }])
}

#[test]
fn initialize_announces_the_capabilities() {
    let mut s = Script::initialized(None);
    s.end();
    let t = s.run();
    assert_eq!(
        t.result(1),
        &json!({
            "capabilities": {
                "textDocumentSync": 1,
                "hoverProvider": true,
                "completionProvider": {"triggerCharacters": [" "]},
                "definitionProvider": true,
                "documentSymbolProvider": true,
                "documentFormattingProvider": true,
                "inlayHintProvider": true,
            },
            "serverInfo": {"name": "budc", "version": env!("CARGO_PKG_VERSION")},
        })
    );
    assert_eq!(t.code, Some(0));
}

#[test]
fn diagnostics_on_open() {
    let mut s = Script::initialized(None);
    s.open(DOC);
    s.end();
    let t = s.run();
    assert_eq!(t.published(), [(URI.to_string(), e0304(E0304_ZH))]);
}

#[test]
fn diagnostics_on_every_change() {
    let mut s = Script::initialized(None);
    s.open(DOC).change(&fixed()).change(DOC);
    s.end();
    let t = s.run();
    let published: Vec<Value> = t.published().into_iter().map(|(_, d)| d).collect();
    assert_eq!(published, [e0304(E0304_ZH), json!([]), e0304(E0304_ZH)]);
}

#[test]
fn did_close_clears_the_diagnostics() {
    let mut s = Script::initialized(None);
    s.open(DOC).close();
    // A closed document is forgotten: no hover on it any more.
    let hover = s.request("textDocument/hover", pos(12, 9));
    s.end();
    let t = s.run();
    assert_eq!(
        t.published(),
        [
            (URI.to_string(), e0304(E0304_ZH)),
            (URI.to_string(), json!([]))
        ]
    );
    assert_eq!(t.result(hover), &json!(null));
}

#[test]
fn hover_on_a_functional_code() {
    let (t, id) = ask(None, DOC, "textDocument/hover", pos(12, 9));
    assert_eq!(
        t.result(id),
        &json!({
            "contents": {"kind": "markdown", "value": "**2080110 劳动关系和维权**（支出功能分类 · 项）\n\n本预算：300.00 万元"},
            "range": range(12, 5, 12, 12),
        })
    );
}

#[test]
fn hover_on_an_economic_code() {
    let (t, id) = ask(None, DOC, "textDocument/hover", pos(18, 17));
    assert_eq!(
        t.result(id),
        &json!({
            "contents": {"kind": "markdown", "value": "**30101 基本工资**（部门预算支出经济分类）\n\n政府经济分类（机关）：50101 工资奖金津补贴\n\n政府经济分类（事业）：50501 工资福利支出"},
            "range": range(18, 15, 18, 20),
        })
    );
}

#[test]
fn hover_on_a_word_that_is_not_a_code() {
    let (t, id) = ask(None, DOC, "textDocument/hover", pos(12, 16));
    assert_eq!(t.result(id), &json!(null));
    let (t, id) = ask(None, DOC, "textDocument/hover", pos(103, 0));
    assert_eq!(t.result(id), &json!(null));
}

#[test]
fn completion_by_digits_offers_the_codes_under_them() {
    let text = format!("{DOC}项目 P2 乙\n  支出 20801");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 12));
    let items = t.result(id);
    assert_eq!(
        labels(items),
        [
            "20801", "2080101", "2080102", "2080103", "2080104", "2080105", "2080106", "2080107",
            "2080108", "2080109", "2080110", "2080111", "2080112", "2080113", "2080114", "2080115",
            "2080116", "2080150", "2080199"
        ]
    );
    assert_eq!(
        items[10],
        json!({
            "label": "2080110", "kind": 12, "detail": "劳动关系和维权", "filterText": "2080110",
            "textEdit": {"range": range(20, 5, 20, 10), "newText": "2080110"},
        })
    );
}

#[test]
fn completion_by_digits_offers_economic_codes_after_a_functional_code() {
    let text = format!("{DOC}  2013201 3010");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(19, 14));
    let items = t.result(id);
    assert_eq!(
        labels(items),
        ["30101", "30102", "30103", "30106", "30107", "30108", "30109"]
    );
    assert_eq!(items[0]["detail"], "基本工资");
}

#[test]
fn completion_by_name_replaces_the_word_by_the_code() {
    let text = format!("{DOC}项目 P2 乙\n  支出 劳动关系");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 9));
    assert_eq!(
        t.result(id),
        &json!([{
            "label": "2080110 劳动关系和维权",
            "kind": 12,
            "detail": "劳动关系和维权",
            "filterText": "劳动关系",
            "insertText": "2080110",
            "textEdit": {"range": range(20, 5, 20, 9), "newText": "2080110"},
        }])
    );
}

#[test]
fn completion_by_name_filters_by_the_word_typed_not_the_name() {
    // 维权 stands inside the name: a client that filters by prefix (Neovim's omnifunc) keeps
    // the item only if its filter text is what was typed.
    let text = format!("{DOC}项目 P2 乙\n  支出 维权");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 7));
    assert_eq!(
        t.result(id),
        &json!([{
            "label": "2080110 劳动关系和维权",
            "kind": 12,
            "detail": "劳动关系和维权",
            "filterText": "维权",
            "insertText": "2080110",
            "textEdit": {"range": range(20, 5, 20, 7), "newText": "2080110"},
        }])
    );
}

#[test]
fn completion_of_sub_units() {
    let text = format!("{DOC}项目 P2 乙\n  单位 ");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 5));
    // Nothing typed: the item's edit inserts at the position.
    assert_eq!(
        t.result(id),
        &json!([{
            "label": "本级", "kind": 9, "detail": "甲本级", "filterText": "本级",
            "textEdit": {"range": range(20, 5, 20, 5), "newText": "本级"},
        }])
    );
    // A word typed: the edit replaces it.
    let text = format!("{DOC}项目 P2 乙\n  单位 本");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 6));
    assert_eq!(
        t.result(id),
        &json!([{
            "label": "本级", "kind": 9, "detail": "甲本级", "filterText": "本级",
            "textEdit": {"range": range(20, 5, 20, 6), "newText": "本级"},
        }])
    );
}

#[test]
fn completion_of_templates() {
    let text = format!("{DOC}模板 上");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(19, 4));
    assert_eq!(
        t.result(id),
        &json!([{
            "label": "上海", "kind": 20, "detail": "内置模板：9 张表", "filterText": "上海",
            "textEdit": {"range": range(19, 3, 19, 4), "newText": "上海"},
        }])
    );
}

#[test]
fn hover_on_the_template_lists_its_tables_with_their_units() {
    let text = DOC.replacen("金额单位 万元\n", "金额单位 万元\n模板 上海\n", 1);
    let (t, id) = ask(None, &text, "textDocument/hover", pos(3, 4));
    let value = t.result(id)["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let lines: Vec<&str> = value.split("\n\n").collect();
    assert_eq!(lines.len(), 10);
    assert_eq!(lines[0], "**模板**：9 张表");
    assert_eq!(lines[1], "1. 2024年部门财务收支预算总表（元）");
    assert_eq!(
        lines[9],
        "9. 2024年部门“三公”经费和机关运行经费预算表（万元）"
    );
}

#[test]
fn completion_of_indicator_categories() {
    let text = format!("{DOC}项目 P2 乙\n  指标 ");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 5));
    let items = t.result(id);
    assert_eq!(
        labels(items),
        [
            "成本指标 经济成本指标",
            "成本指标 社会成本指标",
            "成本指标 生态环境成本指标",
            "产出指标 数量指标",
            "产出指标 质量指标",
            "产出指标 时效指标",
            "效益指标 经济效益指标",
            "效益指标 社会效益指标",
            "效益指标 生态效益指标",
            "效益指标 可持续影响指标",
            "效益指标 可持续发展影响指标",
            "满意度指标 服务对象满意度指标",
        ]
    );
    assert_eq!(
        items[0],
        json!({
            "label": "成本指标 经济成本指标", "kind": 20, "detail": "一级指标 二级指标",
            "filterText": "成本指标 经济成本指标",
            "textEdit": {"range": range(20, 5, 20, 5), "newText": "成本指标 经济成本指标"},
        })
    );
}

#[test]
fn formatting_gives_one_edit_of_the_whole_text() {
    let fixed = fixed();
    let messy = fixed.replace("收入 一般公共预算 310.00", "收入   一般公共预算 310.00");
    let params =
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}});
    let (t, id) = ask(None, &messy, "textDocument/formatting", params.clone());
    assert_eq!(
        t.result(id),
        &json!([{"range": range(0, 0, 19, 0), "newText": fixed}])
    );
    // Already formatted: no edit.
    let (t, id) = ask(None, &fixed, "textDocument/formatting", params);
    assert_eq!(t.result(id), &json!([]));
}

#[test]
fn formatting_keeps_the_line_ends() {
    let fixed = fixed();
    let messy = fixed.replace("收入 一般公共预算 310.00", "收入   一般公共预算 310.00");
    let params =
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}});
    // CRLF stays CRLF, with no message.
    let crlf = messy.replace('\n', "\r\n");
    let (t, id) = ask(None, &crlf, "textDocument/formatting", params.clone());
    assert_eq!(
        t.result(id),
        &json!([{"range": range(0, 0, 19, 0), "newText": fixed.replace('\n', "\r\n")}])
    );
    assert_eq!(t.notified("window/showMessage"), Vec::<Value>::new());
    // Mixed (17 CRLF, 2 LF): all CRLF, and a message in the client's language.
    let mixed = messy.replacen('\n', "\r\n", 17);
    let (t, id) = ask(None, &mixed, "textDocument/formatting", params.clone());
    assert_eq!(
        t.result(id),
        &json!([{"range": range(0, 0, 19, 0), "newText": fixed.replace('\n', "\r\n")}])
    );
    assert_eq!(
        t.notified("window/showMessage"),
        [
            json!({"type": 3, "message": "行尾混用（LF 2 行，CRLF 17 行，CR 0 行），已统一为多数的 CRLF"})
        ]
    );
    let (t, _) = ask(Some("en"), &mixed, "textDocument/formatting", params);
    assert_eq!(
        t.notified("window/showMessage"),
        [
            json!({"type": 3, "message": "mixed line ends (LF: 2 lines, CRLF: 17, CR: 0) made CRLF, as most lines are"})
        ]
    );
}

#[test]
fn document_symbols() {
    let (t, id) = ask(None, DOC, "textDocument/documentSymbol", doc_only());
    // The range is the whole block (the header and the indented lines under it), the selection
    // range its header.
    let symbol = |name: &str, kind: u32, block: Value, header: Value| json!({"name": name, "kind": kind, "range": block, "selectionRange": header});
    assert_eq!(
        t.result(id),
        &json!([
            symbol("主要职责", 15, range(3, 0, 4, 11), range(3, 0, 3, 4)),
            symbol("机构设置", 15, range(5, 0, 6, 7), range(5, 0, 5, 4)),
            symbol("二级单位 本级", 2, range(7, 0, 7, 11), range(7, 0, 7, 11)),
            symbol(
                "农民工欠薪应急周转金 P1",
                19,
                range(9, 0, 16, 41),
                range(9, 0, 9, 16)
            ),
            symbol("基本支出", 3, range(17, 0, 18, 31), range(17, 0, 17, 4)),
        ])
    );
    // A block ends at the next top-level line, after blank and comment lines.
    let text = DOC.replace("机构设置\n  > 本级。\n", "机构设置\n  > 本级。\n\n  # 完\n");
    let (t, id) = ask(None, &text, "textDocument/documentSymbol", doc_only());
    assert_eq!(t.result(id)[1]["range"], range(5, 0, 6, 7));
    assert_eq!(t.result(id)[2]["range"], range(9, 0, 9, 11));
}

#[test]
fn definition_of_a_sub_unit() {
    let (t, id) = ask(None, DOC, "textDocument/definition", pos(10, 6));
    assert_eq!(
        t.result(id),
        &json!({"uri": URI, "range": range(7, 5, 7, 7)})
    );
    // Not a sub-unit: no definition.
    let (t, id) = ask(None, DOC, "textDocument/definition", pos(11, 6));
    assert_eq!(t.result(id), &json!(null));
}

#[test]
fn inlay_hints_with_project_and_block_totals() {
    let params = json!({"textDocument": {"uri": URI}, "range": range(0, 0, 24, 0)});
    let (t, id) = ask(None, DOC, "textDocument/inlayHint", params);
    assert_eq!(
        t.result(id),
        &json!([
            {"position": {"line": 9, "character": 16}, "label": "= 300.00 万元", "paddingLeft": true},
            {"position": {"line": 17, "character": 4}, "label": "= 10.00 万元", "paddingLeft": true},
        ])
    );
}

#[test]
fn inlay_hints_only_in_the_range_asked_for() {
    let hints = |r: Value| {
        let params = json!({"textDocument": {"uri": URI}, "range": r});
        let (t, id) = ask(None, DOC, "textDocument/inlayHint", params);
        t.result(id).clone()
    };
    let basic = json!({"position": {"line": 17, "character": 4}, "label": "= 10.00 万元", "paddingLeft": true});
    let project = json!({"position": {"line": 9, "character": 16}, "label": "= 300.00 万元", "paddingLeft": true});
    assert_eq!(hints(range(12, 0, 19, 0)), json!([basic]));
    assert_eq!(hints(range(0, 0, 9, 16)), json!([project]));
    assert_eq!(hints(range(9, 17, 17, 3)), json!([]));
    assert_eq!(hints(range(17, 4, 17, 4)), json!([basic]));
}

#[test]
fn an_english_locale_gives_english_messages() {
    let mut s = Script::initialized(Some("en-US"));
    s.open(DOC);
    let hover = s.request("textDocument/hover", pos(12, 9));
    let economic = s.request("textDocument/hover", pos(18, 17));
    s.change(&format!("{DOC}项目 P2 乙\n  指标 "));
    let categories = s.request("textDocument/completion", pos(20, 5));
    s.end();
    let t = s.run();
    assert_eq!(t.published()[0], (URI.to_string(), e0304(E0304_EN)));
    assert_eq!(
        t.result(hover)["contents"]["value"],
        "**2080110 劳动关系和维权** (functional classification · item)\n\nIn this budget: 300.00 万元"
    );
    assert_eq!(
        t.result(economic)["contents"]["value"],
        "**30101 基本工资** (departmental economic classification)\n\nGovernment economic classification (机关): 50101 工资奖金津补贴\n\nGovernment economic classification (事业): 50501 工资福利支出"
    );
    assert_eq!(
        t.result(categories)[0]["detail"],
        "level-1 and level-2 indicator category"
    );
}

#[test]
fn another_locale_gives_chinese_messages() {
    let mut s = Script::initialized(Some("fr-FR"));
    s.open(DOC);
    s.end();
    let t = s.run();
    assert_eq!(t.published(), [(URI.to_string(), e0304(E0304_ZH))]);
}

fn error_code(t: &Transcript, id: i64) -> &Value {
    &t.response(id)["error"]["code"]
}

#[test]
fn the_session_lifecycle() {
    let mut s = Script::new();
    let early = s.request("textDocument/hover", pos(0, 0));
    s.open(DOC); // dropped: not initialized yet
    s.request("initialize", json!({"capabilities": {}}));
    let again = s.request("initialize", json!({"capabilities": {}}));
    let unknown = s.request("textDocument/rename", pos(0, 0));
    let bad_params = s.request("textDocument/hover", json!({"position": "here"}));
    let shutdown = s.request("shutdown", Value::Null);
    let late = s.request("textDocument/hover", pos(0, 0));
    s.notify("exit", Value::Null);
    let t = s.run();
    assert_eq!(error_code(&t, early), -32002);
    assert_eq!(error_code(&t, again), -32600);
    assert_eq!(error_code(&t, unknown), -32601);
    assert_eq!(
        t.response(unknown)["error"]["message"],
        "未知的方法：textDocument/rename"
    );
    assert_eq!(error_code(&t, bad_params), -32602);
    assert_eq!(t.result(shutdown), &json!(null));
    assert_eq!(error_code(&t, late), -32600);
    assert!(t.published().is_empty());
    assert_eq!(t.code, Some(0));
    assert_eq!(t.stderr, "");
}

#[test]
fn a_session_through_the_binary() {
    let mut s = Script::initialized(None);
    s.open(DOC);
    let hover = s.request("textDocument/hover", pos(12, 9));
    s.end();
    let t = s.run_binary();
    assert_eq!(t.code, Some(0), "{t:#?}");
    assert_eq!(t.stderr, "");
    assert_eq!(t.published(), [(URI.to_string(), e0304(E0304_ZH))]);
    assert_eq!(t.result(hover)["range"], range(12, 5, 12, 12));
}

// Positions as the grammar reads them: its spaces (space, tab, U+3000) and its line breaks
// (`\n`, `\r\n`, a lone `\r`), not `char::is_whitespace`.

const HOVER_2080110: &str =
    "**2080110 劳动关系和维权**（支出功能分类 · 项）\n\n本预算：300.00 万元";

#[test]
fn hover_after_an_ideographic_space_or_a_tab() {
    for space in ["\u{3000}", "\t"] {
        let text = DOC.replace("支出 2080110", &format!("支出{space}2080110"));
        let (t, id) = ask(None, &text, "textDocument/hover", pos(12, 9));
        assert_eq!(
            t.result(id),
            &json!({
                "contents": {"kind": "markdown", "value": HOVER_2080110},
                "range": range(12, 5, 12, 12),
            }),
            "{space:?}"
        );
    }
}

#[test]
fn hover_on_a_code_joined_to_its_keyword_by_a_space_the_grammar_does_not_know() {
    // U+00A0 is whitespace to Rust but part of the word to the grammar: `支出\u{a0}2080110` is
    // one word, not a code.
    let text = DOC.replace("支出 2080110", "支出\u{a0}2080110");
    let (t, id) = ask(None, &text, "textDocument/hover", pos(12, 9));
    assert_eq!(t.result(id), &json!(null));
}

#[test]
fn hover_at_the_start_and_at_the_end_of_a_code() {
    for column in [5, 12] {
        let (t, id) = ask(None, DOC, "textDocument/hover", pos(12, column));
        assert_eq!(t.result(id)["range"], range(12, 5, 12, 12), "{column}");
    }
}

#[test]
fn hover_in_a_file_with_lone_cr_line_breaks() {
    let text = DOC.replace('\n', "\r");
    let (t, id) = ask(None, &text, "textDocument/hover", pos(12, 9));
    assert_eq!(
        t.result(id),
        &json!({
            "contents": {"kind": "markdown", "value": HOVER_2080110},
            "range": range(12, 5, 12, 12),
        })
    );
}

const ECONOMIC_3010: [&str; 7] = [
    "30101", "30102", "30103", "30106", "30107", "30108", "30109",
];

#[test]
fn completion_of_economic_codes_after_a_lone_cr() {
    // The line is `  2013201 3010`, after a `\r`: its first word is a functional code.
    let text = format!("{}  2013201 3010", DOC.replace('\n', "\r"));
    let (t, id) = ask(None, &text, "textDocument/completion", pos(19, 14));
    assert_eq!(labels(t.result(id)), ECONOMIC_3010);
}

#[test]
fn completion_at_the_end_of_a_line_of_a_crlf_file() {
    let text = format!("{}  2013201 3010\r\n", DOC.replace('\n', "\r\n"));
    // At the end of the line, and past it (a client may send either).
    for column in [14, 99] {
        let (t, id) = ask(None, &text, "textDocument/completion", pos(19, column));
        assert_eq!(labels(t.result(id)), ECONOMIC_3010, "{column}");
    }
}

#[test]
fn completion_after_an_ideographic_space_and_a_tab() {
    for space in ["\u{3000}", "\t"] {
        let text = format!("{DOC}项目 P2 乙\n  经济{space}3010");
        let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 9));
        assert_eq!(labels(t.result(id)), ECONOMIC_3010, "{space:?}");
        let text = format!("{DOC}项目 P2 乙\n  单位{space}");
        let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 5));
        assert_eq!(labels(t.result(id)), ["本级"], "{space:?}");
    }
}

#[test]
fn completion_of_sub_units_only_in_a_project() {
    // A top-level 单位 line, and one in 基本支出: not a project's unit, so no sub-units.
    for text in [format!("{DOC}单位 "), format!("{DOC}  单位 ")] {
        let (t, id) = ask(None, &text, "textDocument/completion", pos(19, 5));
        assert_eq!(t.result(id), &json!([]), "{text:?}");
    }
    // In a project, after blank and comment lines.
    let text = format!("{DOC}项目 P2 乙\n\n  # 单位\n  单位 ");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(22, 5));
    assert_eq!(
        t.result(id),
        &json!([{
            "label": "本级", "kind": 9, "detail": "甲本级", "filterText": "本级",
            "textEdit": {"range": range(22, 5, 22, 5), "newText": "本级"},
        }])
    );
}

#[test]
fn completion_of_the_level_2_categories_of_the_level_1_typed() {
    let text = format!("{DOC}项目 P2 乙\n  指标 产出指标 ");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 10));
    assert_eq!(
        t.result(id),
        &json!([
            {"label": "数量指标", "kind": 20, "detail": "二级指标", "filterText": "数量指标",
             "textEdit": {"range": range(20, 10, 20, 10), "newText": "数量指标"}},
            {"label": "质量指标", "kind": 20, "detail": "二级指标", "filterText": "质量指标",
             "textEdit": {"range": range(20, 10, 20, 10), "newText": "质量指标"}},
            {"label": "时效指标", "kind": 20, "detail": "二级指标", "filterText": "时效指标",
             "textEdit": {"range": range(20, 10, 20, 10), "newText": "时效指标"}},
        ])
    );
    // A word typed of the 二级: accepting an item replaces it.
    let text = format!("{DOC}项目 P2 乙\n  指标 产出指标 质");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 11));
    let edit = |label: &str| {
        json!({
            "label": label, "kind": 20, "detail": "二级指标", "filterText": label,
            "textEdit": {"range": range(20, 10, 20, 11), "newText": label},
        })
    };
    assert_eq!(
        t.result(id),
        &json!([edit("数量指标"), edit("质量指标"), edit("时效指标")])
    );
    // Not a 一级: nothing to offer.
    let text = format!("{DOC}项目 P2 乙\n  指标 产出 ");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 8));
    assert_eq!(t.result(id), &json!([]));
}

#[test]
fn completion_of_a_category_pair_replaces_the_word_typed() {
    let text = format!("{DOC}项目 P2 乙\n  指标 满意");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 7));
    let items = t.result(id);
    assert_eq!(labels(items).len(), 12);
    assert_eq!(
        items[11],
        json!({
            "label": "满意度指标 服务对象满意度指标", "kind": 20, "detail": "一级指标 二级指标",
            "filterText": "满意度指标 服务对象满意度指标",
            "textEdit": {"range": range(20, 5, 20, 7), "newText": "满意度指标 服务对象满意度指标"},
        })
    );
    // A whole 一级 typed: accepting a pair replaces it, so the word is not written twice; the
    // filter texts keep the client to that 一级's pairs.
    let text = format!("{DOC}项目 P2 乙\n  指标 产出指标");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 9));
    let items = t.result(id);
    let kept: Vec<&str> = items
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["filterText"].as_str())
                .filter(|f| f.starts_with("产出指标"))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        kept,
        [
            "产出指标 数量指标",
            "产出指标 质量指标",
            "产出指标 时效指标"
        ]
    );
    assert_eq!(
        items[3]["textEdit"],
        json!({"range": range(20, 5, 20, 9), "newText": "产出指标 数量指标"})
    );
}

/// Completion and hover take the catalog of the budget's year (`科目版本`, else `年度`): 2170404
/// is new in 2025 (财预〔2025〕41号).
#[test]
fn completion_and_hover_follow_the_catalog_year() {
    let typed = |text: &str| {
        let text = format!("{text}项目 P2 乙\n  支出 21704");
        let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 12));
        labels(t.result(id))
            .into_iter()
            .map(String::from)
            .collect::<Vec<String>>()
    };
    assert_eq!(typed(DOC), ["21704", "2170401", "2170499"]);
    let in_2025 = DOC.replace("年度 2024\n", "年度 2024\n科目版本 2025\n");
    let (t, id) = {
        let text = format!("{in_2025}项目 P2 乙\n  支出 21704");
        ask(None, &text, "textDocument/completion", pos(21, 12))
    };
    assert_eq!(
        labels(t.result(id)),
        ["21704", "2170401", "2170404", "2170499"]
    );
    let text = format!("{in_2025}项目 P2 乙\n  支出 2170404 1.00");
    let (t, id) = ask(None, &text, "textDocument/hover", pos(21, 6));
    let hover = t.result(id)["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        hover.starts_with("**2170404 中央金融机构注资特别国债支出**（支出功能分类 · 项）"),
        "{hover}"
    );
    let text = format!("{DOC}项目 P2 乙\n  支出 2170404 1.00");
    let (t, id) = ask(None, &text, "textDocument/hover", pos(20, 6));
    assert_eq!(t.result(id), &json!(null));
}

#[test]
fn completion_offers_the_sources_and_the_unit_kinds() {
    // After 资金, and after the code of a project's 支出 line.
    let text = format!("{DOC}项目 P2 乙\n  资金 事业");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 7));
    assert_eq!(labels(t.result(id)), ["事业收入", "事业单位经营收入"]);
    let text = format!("{DOC}项目 P2 乙\n  支出 2080110 ");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(20, 13));
    let items = t.result(id);
    assert_eq!(labels(items).len(), 11);
    assert_eq!(
        items[0],
        json!({
            "label": "一般公共预算", "kind": 20, "detail": "财政拨款", "filterText": "一般公共预算",
            "textEdit": {"range": range(20, 13, 20, 13), "newText": "一般公共预算"},
        })
    );
    // The unit kinds after 单位性质.
    let text = format!("{DOC}单位性质 ");
    let (t, id) = ask(None, &text, "textDocument/completion", pos(19, 5));
    assert_eq!(labels(t.result(id)), ["行政", "参公", "事业"]);
}
