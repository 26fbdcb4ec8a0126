use super::*;

const EMBEDDED: &str = include_str!("../../../catalog/2024/rules.toml");

#[test]
fn the_2024_rules_read_as_before() {
    let r = Rules::parse(RULES_FILE, EMBEDDED).expect("2024 rules");
    assert_eq!(r.basic_kind("30101"), BasicKind::Personnel);
    assert_eq!(r.basic_kind("30305"), BasicKind::Personnel);
    assert_eq!(r.basic_kind("30201"), BasicKind::Public);
    assert_eq!(r.basic_kind("310"), BasicKind::Public);
    assert_eq!(
        r.three_public_kind("31013"),
        Some(ThreePublicKind::VehiclePurchase)
    );
    assert_eq!(r.three_public_kind("30212"), Some(ThreePublicKind::Abroad));
    assert_eq!(r.three_public_kind("30201"), None);
    assert_eq!(r.three_public.len(), 5);
    assert_eq!(r.operating_cost_sources, vec![Source::GeneralPublic]);
    assert_eq!(
        r.source_codes(Source::StateCapital),
        Some(&["223".to_string()][..])
    );
    assert_eq!(r.source_codes(Source::GeneralPublic), None);
    assert!(r.holds_basic_spending("2013201", "行政运行"));
    assert!(r.holds_basic_spending("2080505", "机关事业单位基本养老保险缴费支出"));
    assert!(!r.holds_basic_spending("2013202", "一般行政管理事务"));
    assert!(r.basic_only("行政运行"));
    assert!(!r.basic_only("机关服务"));
    assert_eq!(r.table_classes.len(), 21);
    assert_eq!(
        r.project_kinds,
        ["人员类", "公用经费类", "其他运转类", "特定目标类"]
    );
    let framework: Vec<(&str, usize)> = r.framework().map(|(l1, l2)| (l1, l2.len())).collect();
    assert_eq!(
        framework,
        [
            ("成本指标", 3),
            ("产出指标", 3),
            ("效益指标", 5),
            ("满意度指标", 1)
        ]
    );
    let required: Vec<&str> = r
        .indicators
        .iter()
        .filter(|c| c.required)
        .map(|c| c.level1.as_str())
        .collect();
    assert_eq!(required, ["产出指标", "效益指标", "满意度指标"]);
    let roles = &r.indicator_roles;
    assert!(roles.measured.covers("成本指标", "社会成本指标"));
    assert!(roles.measured.covers("产出指标", "数量指标"));
    assert!(!roles.measured.covers("产出指标", "质量指标"));
    assert!(!roles.measured.covers("产出指标", "成本指标"));
    assert_eq!(roles.lower_bound.level1, ["满意度指标"]);
    assert_eq!(roles.lower_bound.level2, ["数量指标", "质量指标"]);
    assert_eq!(roles.money.level1, ["成本指标", "产出指标"]);
    assert!(roles.money.level2.is_empty());
    assert_eq!(roles.cost.level1, ["成本指标"]);
    assert_eq!(roles.count.level2, ["数量指标"]);
    assert_eq!(r.glossary.len(), 9);
    assert_eq!(
        r.glossary.first().map(|g| g.term.as_str()),
        Some("财政拨款收入")
    );
}

fn error_of(find: &str, replace: &str) -> CatalogError {
    assert!(EMBEDDED.contains(find), "{find}");
    let text = EMBEDDED.replacen(find, replace, 1);
    Rules::parse(RULES_FILE, &text).expect_err("a wrong rules file")
}

fn line_of(needle: &str) -> usize {
    EMBEDDED
        .lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

#[test]
fn a_wrong_value_is_reported_with_its_line() {
    let e = error_of("reception = [\"30217\"]", "reception = [\"3021\"]");
    assert_eq!(e.file, "rules.toml");
    assert_eq!(e.line, line_of("reception = "));
    assert_eq!(
        e.message,
        Text::new("`3021` 不是 5 位的编码", "`3021` is not a code of 5 digits")
    );

    let e = error_of("source = \"国有资本经营\"", "source = \"国有资本\"");
    assert_eq!(e.line, line_of("source = \"国有资本经营\""));
    assert!(
        e.message.en.starts_with("unknown source `国有资本`"),
        "{e:?}"
    );
    assert!(
        e.message
            .zh
            .starts_with("未知的资金来源 `国有资本`（可用："),
        "{e:?}"
    );

    let e = error_of(
        "vehicle_operation = [\"30231\"]",
        "vehicle_operation = [\"30212\"]",
    );
    assert_eq!(e.line, line_of("vehicle_operation = "));
    assert_eq!(
        e.message,
        Text::new(
            "编码 `30212` 列在两项三公经费下",
            "code `30212` pays for two items"
        )
    );

    let e = error_of("cost = [\"成本指标\"]", "cost = [\"费用指标\"]");
    assert_eq!(e.line, line_of("cost = "));
    assert_eq!(
        e.message,
        Text::new(
            "`费用指标` 既不是 [[indicators]] 的一级指标，也不是二级指标",
            "`费用指标` is neither a 一级 nor a 二级 indicator of [[indicators]]"
        )
    );

    let e = error_of("required = true", "required = \"yes\"");
    assert_eq!(e.line, line_of("required = true"));

    let e = error_of(
        "\"其他运转类\", \"特定目标类\"",
        "\"其他运转类\", \"人员类\"",
    );
    assert_eq!(e.line, line_of("kinds = "));
    assert_eq!(
        e.message,
        Text::new("`人员类` 出现了两次", "`人员类` appears twice")
    );

    let e = error_of("text = \"指除上述收入以外的各项收入。\"", "text = \" \"");
    assert_eq!(e.line, line_of("指除上述收入以外的各项收入"));
    assert_eq!(e.message, Text::new("值为空", "empty value"));
}

#[test]
fn a_file_that_does_not_parse_is_reported_with_its_line() {
    let e = error_of("[tables]", "[tables");
    assert_eq!(e.line, line_of("[tables]"));
    let e = error_of("[projects]\nkinds", "[projects]\nkind");
    assert_eq!(e.line, line_of("kinds = "));
    assert!(e.message.en.contains("unknown field `kind`"), "{e:?}");
    assert!(
        e.message.zh.starts_with("未知的字段 `kind`，应为 "),
        "{e:?}"
    );
}

#[test]
fn operating_cost_codes_narrow_the_public_spending_it_counts() {
    let r = Rules::parse(RULES_FILE, EMBEDDED).expect("2024 rules");
    assert!(r.operating_cost_codes.is_empty());
    assert!(r.operating_cost_code("30399"));
    let text = EMBEDDED.replace(
        "sources = [\"一般公共预算\"]",
        "sources = [\"一般公共预算\"]\ncodes = [\"302\", \"310\"]",
    );
    assert_ne!(text, EMBEDDED);
    let r = Rules::parse(RULES_FILE, &text).expect("rules with codes");
    assert_eq!(r.operating_cost_codes, ["302", "310"]);
    assert!(r.operating_cost_code("30201"));
    assert!(r.operating_cost_code("31002"));
    assert!(!r.operating_cost_code("39999"));
    let bad = EMBEDDED.replace(
        "sources = [\"一般公共预算\"]",
        "sources = [\"一般公共预算\"]\ncodes = [\"3x2\"]",
    );
    assert!(Rules::parse(RULES_FILE, &bad).is_err());
}
