//! The 说明 as published (`说明 <标题>`): a real 说明, transcribed verbatim, against a budget
//! whose figures add up to the published tables (上海市普陀区城市管理行政执法局 2026): no prose
//! diagnostic; the same text with errors put in: the exact messages and where they point; the
//! written sections in the outputs in place of the generated 说明.

use budc::source::SourceFile;
use std::io::Read;

const PUTUO: &str = include_str!("fixtures/written/putuo-2026.bud");

fn compile(text: &str) -> budc::Compiled {
    budc::compile(SourceFile::new("putuo-2026.bud", text), None)
}

/// (code, zh message, the text under the primary label) of each diagnostic but W0307.
fn diags(text: &str) -> Vec<(String, String, String)> {
    let c = compile(text);
    c.diagnostics
        .iter()
        .filter(|d| d.code != "W0307")
        .map(|d| {
            let at = d
                .labels
                .first()
                .map(|l| text[l.span.start..l.span.end].to_string())
                .unwrap_or_default();
            (d.code.to_string(), d.message.zh.to_string(), at)
        })
        .collect()
}

#[test]
fn the_published_putuo_explanations_agree_with_the_figures() {
    let c = compile(PUTUO);
    // The only diagnostics: the basic spending the published budget lists on 2120104 城管执法
    // (usually a project code), one per line.
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["W0307"; 24]);
    // The figures the sentences state, derived.
    let f = &c.document.figures;
    assert_eq!(f.expenditure_total.to_string(), "47483458");
    assert_eq!(f.basic.to_string(), "36197265");
    assert_eq!(
        (f.personnel.to_string(), f.public.to_string()),
        ("31124727".into(), "5072538".into())
    );
    assert_eq!(f.project.to_string(), "11286193");
    assert_eq!(f.three_public.current_total().to_string(), "1142200");
    assert_eq!(
        f.operating_cost.map(|d| d.to_string()),
        Some("5072538".into())
    );
    assert_eq!(f.procurement_total().to_string(), "5952800");
}

/// The published text with one replacement.
fn with(from: &str, to: &str) -> String {
    assert!(PUTUO.contains(from), "{from}");
    PUTUO.replacen(from, to, 1)
}

#[test]
fn a_wrong_figure_gives_the_written_the_exact_and_the_rounded_value() {
    let text = with(
        "机关运行经费预算为507.25万元",
        "机关运行经费预算为507.26万元",
    );
    assert_eq!(
        diags(&text),
        [(
            "E0225".into(),
            "说明中的“机关运行经费预算”写的是 507.26万元，由事实算得 507.2538万元（按所写的 2 位小数四舍五入为 507.25）".into(),
            "507.26".into()
        )]
    );
    // A functional 项: its 财政拨款 spending (2,614,680 元).
    let text = with(
        "行政单位离退休（项）”261.47万元",
        "行政单位离退休（项）”216.47万元",
    );
    assert_eq!(
        diags(&text),
        [(
            "E0225".into(),
            "说明中的“2080501 行政单位离退休”写的是 216.47万元，由事实算得 261.468万元（按所写的 2 位小数四舍五入为 261.47）".into(),
            "216.47".into()
        )]
    );
}

#[test]
fn a_truncated_figure_is_said_to_be_truncated() {
    let text = with(
        "行政单位离退休（项）”261.47万元",
        "行政单位离退休（项）”261.46万元",
    );
    assert_eq!(
        diags(&text),
        [(
            "E0226".into(),
            "261.46万元 是把 261.468万元 截断得来的，四舍五入到 2 位小数应为 261.47万元".into(),
            "261.46".into()
        )]
    );
}

#[test]
fn a_stated_change_that_is_not_the_sum_of_its_parts() {
    // 三公: 27 = 0 (因公出国) + 27 (公务用车) + 0 (公务接待); written 2,027 the gap is 2,000.
    let text = with(
        "114.22万元，比2025年预算增加27万元。其中：",
        "114.22万元，比2025年预算增加2027万元。其中：",
    );
    let c = compile(&text);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code == "E0227")
        .expect("E0227");
    assert_eq!(
        d.message.zh,
        "总数比上年增加2027万元，其下 3 个部分的增减额之和却是增加27万元（差 2000万元）"
    );
    let labelled: Vec<&str> = d
        .labels
        .iter()
        .map(|l| &text[l.span.start..l.span.end])
        .collect();
    assert_eq!(labelled, ["2027", "持平", "27", "持平"]);
    assert_eq!(diags(&text).len(), 1);
    // Within 公务用车购置及运行费: 购置 +27 and 运行 持平 make its +27; +25 does not.
    let text = with(
        "公务用车购置费75万元，比2025年预算增加27万元",
        "公务用车购置费75万元，比2025年预算增加25万元",
    );
    assert_eq!(
        diags(&text),
        [(
            "E0227".into(),
            "总数比上年增加27万元，其下 2 个部分的增减额之和却是增加25万元（差 2万元）".into(),
            "27".into()
        )]
    );
    // A part whose change is not written: the structure is not recognised, nothing is said.
    let text = with(
        "（一）因公出国（境）费0万元，与2025年预算持平。",
        "（一）因公出国（境）费0万元。",
    );
    let text = text.replacen("增加27万元。其中：", "增加29万元。其中：", 1);
    assert_eq!(diags(&text), []);
}

#[test]
fn the_written_explanations_replace_the_generated_ones() {
    let c = compile(PUTUO);
    let titles: Vec<&str> = c
        .document
        .explanations
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles, ["2026年部门预算编制说明", "其他相关情况说明"]);
    let first = &c.document.explanations[0].paragraphs[0];
    assert!(first
        .text()
        .starts_with("2026年，普陀区城市管理行政执法局收入预算4748.35万元"));
    assert_eq!(c.document.explanations[1].paragraphs.len(), 15);

    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    let written = json["explanations"].as_array().unwrap();
    assert_eq!(written.len(), 2);
    assert_eq!(written[1]["key"], "其他相关情况说明");
    assert_eq!(
        written[1]["paragraphs"][1],
        "2026年“三公”经费预算数为114.22万元，比2025年预算增加27万元。其中："
    );

    let bytes = c.to_docx().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("其他相关情况说明"));
    assert!(xml.contains("政府采购服务预算518.18万元"));
    // The generated 说明's first section is gone.
    assert!(!xml.contains("预算收支增减变化情况说明"));
}

#[test]
fn the_written_explanations_go_through_the_workbook_and_back() {
    let c = compile(PUTUO);
    let book = c.to_xlsx().unwrap();
    let options = budc::import::Options::default();
    let imported = budc::import::import(&book, &options).unwrap();
    let back = compile(&imported.out.text);
    assert_eq!(back.budget.explanations.len(), 2);
    for (a, b) in c.budget.explanations.iter().zip(&back.budget.explanations) {
        assert_eq!(a.title.value, b.title.value);
        let (pa, pb): (Vec<&str>, Vec<&str>) = (
            a.paragraphs.iter().map(|p| p.value.as_str()).collect(),
            b.paragraphs.iter().map(|p| p.value.as_str()).collect(),
        );
        assert_eq!(pa, pb);
    }
}
