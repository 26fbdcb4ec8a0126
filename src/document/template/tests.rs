use super::*;

#[test]
fn every_built_in_template_parses() {
    for (name, text) in BUILT_IN {
        let t = parse(name, text);
        assert!(t.is_ok(), "{name}: {t:?}");
    }
}

#[test]
fn the_standard_template_is_the_twelve_tables_in_their_order() {
    let t = standard();
    let kinds: Vec<TableId> = t.tables.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, TableId::ALL.to_vec());
    assert!(t
        .tables
        .iter()
        .all(|s| s.print.is_none() && s.columns.is_none()));
    assert_eq!(
        t.tables[6].title.as_deref(),
        Some(TableId::ThreePublic.title())
    );
    assert!(t.rules.is_empty());
}

#[test]
fn shanghai_has_nine_tables_in_yuan_and_the_last_in_wan_yuan() {
    let t = built_in("上海").unwrap();
    assert_eq!(t.tables.len(), 9);
    let units: Vec<_> = t.tables.iter().map(|s| s.print.unwrap()).collect();
    assert!(units[..8]
        .iter()
        .all(|p| p.unit == MoneyUnit::Yuan && p.decimals == 0));
    assert_eq!(units[8].unit, MoneyUnit::TenThousandYuan);
    assert_eq!(units[8].decimals, 2);
    assert_eq!(
        t.tables[0].title.as_deref(),
        Some("{year}年部门财务收支预算总表")
    );
    assert_eq!(t.labels.department.as_deref(), Some("编制部门"));
    assert_eq!(
        t.rules.operating_codes,
        Some(vec!["302".into(), "310".into()])
    );
}

fn error(text: &str) -> TemplateError {
    parse("t.toml", text).unwrap_err()
}

#[test]
fn a_wrong_template_is_an_error_with_its_line_and_column() {
    let e = error("[[table]]\nkind = \"overview\"\nunit = \"千元\"\n");
    assert_eq!((e.line, e.column), (3, 8));
    assert_eq!(e.message.zh, "未知的金额单位 `千元`（可用：元、万元）");
    let e = error("[[table]]\nkind = \"budget\"\n");
    assert_eq!((e.line, e.column), (2, 8));
    assert!(e.message.en.starts_with("unknown table kind `budget`"));
    let e = error("[[table]]\nkind = \"income\"\ncolumns = [\"total\", \"sum\"]\n");
    assert_eq!((e.line, e.column), (3, 21));
    let e = error("[[table]]\nkind = \"income\"\ncolor = 1\n");
    assert_eq!(e.line, 3);
    assert!(e.message.zh.starts_with("未知的字段"), "{}", e.message.zh);
    let e = error("name = \"x\"\n");
    assert_eq!(e.line, 0);
    let e = error("[[table]]\nkind = \"income\"\nunit = \"元\"\ndecimals = 7\n");
    assert_eq!((e.line, e.column), (4, 12));
    let e = error("[[table]]\nkind = \"income\"\n[[table]]\nkind = \"income\"\n");
    assert_eq!(e.line, 4);
    let e = error("[rules.operating_cost]\ncodes = [\"30x\"]\n[[table]]\nkind = \"income\"\n");
    assert_eq!((e.line, e.column), (2, 10));
    let e = error("[[table]\n");
    assert_eq!(e.line, 1);
}

#[test]
fn rules_written_replace_the_catalogs_and_the_rest_stays() {
    let t = parse(
        "t.toml",
        "[rules.three_public]\nreception = [\"30299\"]\n[[table]]\nkind = \"income\"\n",
    )
    .unwrap();
    let base = crate::model::Catalog::newest_embedded().rules().clone();
    let r = t.rules.apply(&base);
    use crate::model::ThreePublicKind as K;
    assert_eq!(r.three_public_kind("30299"), Some(K::Reception));
    assert_eq!(r.three_public_kind("30217"), None);
    assert_eq!(r.three_public_kind("30212"), Some(K::Abroad));
    assert_eq!(r.personnel_classes, base.personnel_classes);
}
