//! The JSON contract: a reviewed snapshot of the example's output, and validation against the
//! published JSON Schema.

use budc::source::SourceFile;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

fn example_json() -> String {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let c = budc::compile(SourceFile::new("liaocheng-2024.bud", text), None);
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    c.to_json()
}

#[test]
fn example_json_snapshot() {
    insta::assert_snapshot!("liaocheng-2024.json", example_json());
}

#[test]
fn example_json_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&budc::backend::json::schema()).unwrap();
    let instance: serde_json::Value = serde_json::from_str(&example_json()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn schema_rejects_a_float_amount() {
    let schema: serde_json::Value = serde_json::from_str(&budc::backend::json::schema()).unwrap();
    let mut instance: serde_json::Value = serde_json::from_str(&example_json()).unwrap();
    instance["projects"][0]["amount"] = serde_json::json!(161.57);
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!validator.is_valid(&instance));
}

#[test]
fn json_contract_top_level() {
    let v: serde_json::Value = serde_json::from_str(&example_json()).unwrap();
    assert_eq!(v["schema"], "budc.budget.v1");
    assert_eq!(v["department"], "聊城经济技术开发区党群工作部");
    assert_eq!(v["year"], 2024);
    assert_eq!(v["unit"], "万元");
    assert_eq!(v["sub_units"].as_array().unwrap().len(), 8);
    let projects = v["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 38);
    assert_eq!(projects[0]["code"], "37159124020201030011K");
    assert_eq!(projects[0]["amount"], "161.57");
    let ids: Vec<&str> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "overview",
            "income",
            "expenditure",
            "fiscal_overview",
            "general_expenditure",
            "general_basic_economic",
            "three_public",
            "fund_expenditure",
            "state_capital_expenditure",
            "basic_expenditure",
            "project_expenditure",
            "procurement"
        ]
    );
    let general = &v["tables"][4];
    let total = &general["rows"][0];
    assert_eq!(total["values"]["total"], "16028.22");
    assert_eq!(total["values"]["personnel"], "860.26");
    assert_eq!(general["rows"][1]["code"], "201");
}
