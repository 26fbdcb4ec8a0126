use super::*;

#[test]
fn embedded_catalog_loads_and_maps() {
    let c = Catalog::embedded("2024").expect("embedded 2024 catalog");
    assert_eq!(
        c.name(Classification::Functional, "2080110"),
        Some("劳动关系和维权")
    );
    assert_eq!(
        c.name(Classification::Functional, "201"),
        Some("一般公共服务支出")
    );
    assert_eq!(c.gov_code("30101", Side::Agency), Some("50101"));
    assert_eq!(c.gov_code("31002", Side::Agency), Some("50306"));
    // 事业单位: 505 对事业单位经常性补助, 506 对事业单位资本性补助; 303 goes to 509 on both sides.
    assert_eq!(c.gov_code("30101", Side::Institution), Some("50501"));
    assert_eq!(c.gov_code("30201", Side::Institution), Some("50502"));
    assert_eq!(c.gov_code("31002", Side::Institution), Some("50601"));
    assert_eq!(c.gov_code("30302", Side::Institution), Some("50905"));
    assert_eq!(c.gov_code("30302", Side::Agency), Some("50905"));
    // Only branches whose every code was confirmed in a source are complete (301 is).
    assert!(!c.branch_complete(Classification::Functional, "208"));
    assert!(c.branch_complete(Classification::EconomicDept, "30101"));
    let e = c.entry(Classification::Functional, "2080110").unwrap();
    assert_eq!(e.confidence, Confidence::Confirmed);
    let e = c.entry(Classification::Functional, "2070109").unwrap();
    assert_eq!(e.confidence, Confidence::Recalled);
    assert!(Catalog::embedded("1999").is_none());
}

#[test]
fn every_built_in_year_loads_whole() {
    // `embedded` turns a load error into "no such year": make sure there is none.
    for (year, files) in EMBEDDED {
        assert_eq!(files.map(|(name, _)| name), FILES, "{year}");
        let c = Catalog::from_embedded(year, files).unwrap_or_else(|e| panic!("{year}: {e:?}"));
        assert_eq!(c.year, *year);
        assert!(!c.rules().indicators.is_empty(), "{year}");
    }
    assert_eq!(embedded_years(), ["2024", "2025"]);
    assert_eq!(newest_embedded_year(), "2025");
}

#[test]
fn every_mapping_row_names_known_codes() {
    for year in embedded_years() {
        every_mapping_row_names_known_codes_of(year);
    }
}

fn every_mapping_row_names_known_codes_of(year: &str) {
    let c = Catalog::embedded(year).unwrap();
    for ((dept, side), m) in &c.mapping {
        assert!(c.economic_dept.contains_key(dept), "{dept}");
        assert!(c.economic_gov.contains_key(&m.gov_code), "{}", m.gov_code);
        // The 事业 side never maps to the 机关 classes 501–504, nor the 机关 side to 505/506.
        let class = m.gov_code.get(..3).unwrap_or_default();
        let agency_only = ["501", "502", "503", "504"].contains(&class);
        let institution_only = ["505", "506"].contains(&class);
        match side {
            Side::Agency => assert!(!institution_only, "{dept} → {}", m.gov_code),
            Side::Institution => assert!(!agency_only, "{dept} → {}", m.gov_code),
        }
    }
    // Every 部门经济分类 code is mapped, on both sides.
    for dept in c.economic_dept.keys() {
        for side in Side::ALL {
            assert!(c.gov_code(dept, side).is_some(), "{dept} {side:?} unmapped");
        }
    }
    for (dept, _) in c.mapping.keys() {
        for side in Side::ALL {
            assert!(c.gov_code(dept, side).is_some(), "{dept} {side:?}");
        }
    }
}

#[test]
fn bad_rows_are_reported_with_their_line() {
    let files = vec![(
        "functional.tsv".to_string(),
        "code\tname\tsource\n20x\ta\tb\n".to_string(),
    )];
    let err = Catalog::from_files("x", &files).unwrap_err();
    assert_eq!(err.line, 2);
}

/// The rules of the built-in catalog, for a catalog made of a few files.
fn with_rules(mut files: Vec<(String, String)>) -> Vec<(String, String)> {
    let rules = EMBEDDED[0]
        .1
        .iter()
        .find(|(n, _)| *n == RULES_FILE)
        .unwrap();
    files.push((RULES_FILE.to_string(), rules.1.to_string()));
    files
}

#[test]
fn code_lists_read_the_confidence_column_or_take_rows_as_confirmed() {
    let files = with_rules(vec![
        (
            "functional.tsv".to_string(),
            "code\tname\tconfidence\tsource\n201\t一般公共服务支出\trecalled\tx\n\
             20101\t人大事务\tconfirmed\ty\n"
                .to_string(),
        ),
        (
            "economic_dept.tsv".to_string(),
            "code\tname\tsource\n301\t工资福利支出\tz\n".to_string(),
        ),
    ]);
    let c = Catalog::from_files("x", &files).unwrap();
    let e = c.entry(Classification::Functional, "201").unwrap();
    assert_eq!(
        (e.confidence, e.source.as_str()),
        (Confidence::Recalled, "x")
    );
    let e = c.entry(Classification::Functional, "20101").unwrap();
    assert_eq!(
        (e.confidence, e.source.as_str()),
        (Confidence::Confirmed, "y")
    );
    // Three columns (a user catalog of the older form): the rows are taken as confirmed.
    let e = c.entry(Classification::EconomicDept, "301").unwrap();
    assert_eq!(
        (e.confidence, e.source.as_str()),
        (Confidence::Confirmed, "z")
    );
}

#[test]
fn a_wrong_confidence_or_column_count_is_reported_with_its_line() {
    let bad = |text: &str| {
        let files = with_rules(vec![("functional.tsv".to_string(), text.to_string())]);
        Catalog::from_files("x", &files).unwrap_err()
    };
    let e = bad("code\tname\tconfidence\tsource\n201\t一般公共服务支出\tmaybe\tx\n");
    assert_eq!(e.line, 2);
    assert_eq!(
        e.message,
        Text::new(
            "未知的可信度 `maybe`（应为 `confirmed` 或 `recalled`）",
            "unknown confidence `maybe` (`confirmed` or `recalled`)"
        )
    );
    let e = bad("code\tname\tconfidence\tsource\n\n201\ta\tconfirmed\tx\ty\n");
    assert_eq!(e.line, 3);
    assert_eq!(
        e.message,
        Text::new(
            "应有 3 或 4 列（以制表符分隔），实有 5 列",
            "expected 3 or 4 tab-separated columns, found 5"
        )
    );
    let e = bad("code\tname\tsource\n201\t\tx\n");
    assert_eq!(
        e.message,
        Text::new("编码 `201` 没有名称", "code `201` has no name")
    );
}

#[test]
fn the_2025_crosswalk_is_read_and_a_bad_row_is_reported_with_its_line() {
    let c = Catalog::embedded("2025").unwrap();
    let cw = c.crosswalk_from("2024").expect("2025 has from-2024.tsv");
    assert_eq!(cw.file, "from-2024.tsv");
    assert!(cw.rows.iter().all(|r| r.old_code == "-"), "{cw:?}");
    assert!(c.crosswalk_from("2023").is_none());
    assert!(Catalog::embedded("2024").unwrap().crosswalks.is_empty());
    let bad = |text: &str| {
        let files = with_rules(vec![("from-2024.tsv".to_string(), text.to_string())]);
        Catalog::from_files("2025", &files).unwrap_err()
    };
    let head = "old_code\told_name\tnew_code\tnew_name\tconfidence\tsource\n";
    let e = bad(&format!("{head}-\t-\t-\t-\tconfirmed\tx\n"));
    assert_eq!(
        (e.line, e.message),
        (
            2,
            Text::new(
                "这一行既没有旧编码也没有新编码",
                "a row with neither an old nor a new code"
            )
        )
    );
    let e = bad(&format!("{head}#\n201\t-\t-\t-\tconfirmed\tx\n"));
    assert_eq!(e.line, 3);
    let e = bad(&format!("{head}20x\ta\t-\t-\tconfirmed\tx\n"));
    assert_eq!(
        e.message,
        Text::new(
            "`20x` 不是 3、5 或 7 位的编码，也不是 `-`",
            "`20x` is not a 3-, 5- or 7-digit code nor `-`"
        )
    );
    let e = bad(&format!(
        "{head}201\ta\t-\t-\tconfirmed\tx\n201\ta\t202\tb\trecalled\tx\n"
    ));
    assert_eq!(
        (e.line, e.message),
        (
            3,
            Text::new("旧编码 `201` 出现了两次", "old code `201` appears twice")
        )
    );
}
