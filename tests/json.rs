//! The JSON contract, read as a specification:
//! - every table of the example as compact text, one snapshot per table (`tables@<id>`), one
//!   line per row with its non-blank cells by column id;
//! - a round trip: the JSON's tables, projected the same way, are exactly those tables, in the
//!   same order, with the same columns;
//! - three projects in full, and the rest of the document without its tables and projects;
//! - validation against the published JSON Schema.
//!
//! Together these pin every byte of the JSON output of the example, in pieces small enough to
//! review: a renamed column changes one table's header line, not 6,000 lines.

use budc::document::{Cell, Table, TableId};
use budc::source::SourceFile;
use serde_json::Value;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

fn example() -> budc::Compiled {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let c = budc::compile(SourceFile::new("liaocheng-2024.bud", text), None);
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    c
}

fn example_json() -> String {
    example().to_json()
}

/// A table as text: its title and id, its note, one line naming the columns (id, group/label),
/// then one line per row: level, code, name, and each non-blank cell as `column=value`.
/// Amounts have two decimals, as in the JSON.
struct Projection<'a> {
    id: &'a str,
    title: &'a str,
    note: Option<&'a str>,
    /// (id, group, label)
    columns: Vec<(&'a str, Option<&'a str>, &'a str)>,
    rows: Vec<ProjectedRow<'a>>,
}

/// A row: level, code, name, and the cells by column (None when blank).
type ProjectedRow<'a> = (String, Option<&'a str>, &'a str, Vec<Option<String>>);

impl Projection<'_> {
    fn text(&self) -> String {
        let mut out = format!("{} ({})\n", self.title, self.id);
        if let Some(note) = self.note {
            out.push_str(&format!("{note}\n"));
        }
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|(id, group, label)| match group {
                Some(g) => format!("{id}={g}/{label}"),
                None => format!("{id}={label}"),
            })
            .collect();
        out.push_str(&format!("columns: {}\n", columns.join("  ")));
        for (level, code, name, cells) in &self.rows {
            let values: Vec<String> = self
                .columns
                .iter()
                .zip(cells)
                .filter_map(|((id, _, _), v)| v.as_ref().map(|v| format!("{id}={v}")))
                .collect();
            out.push_str(&format!(
                "{level:<7} {:<21} {name} | {}\n",
                code.unwrap_or("-"),
                values.join("  ")
            ));
        }
        out
    }
}

/// The projection of a table of the views.
fn from_views(t: &Table) -> Projection<'_> {
    Projection {
        id: t.id.as_str(),
        title: &t.title,
        note: t.note.as_deref(),
        columns: t
            .columns
            .iter()
            .map(|c| (c.id.as_str(), c.group.as_deref(), c.label()))
            .collect(),
        rows: t
            .rows
            .iter()
            .map(|r| {
                let level = serde_json::to_value(r.level).unwrap();
                let cells = r
                    .cells
                    .iter()
                    .map(|c| match c {
                        Cell::Empty => None,
                        Cell::Text(s) => Some(s.clone()),
                        Cell::Amount(d) => Some(format!("{d:.2}")),
                    })
                    .collect();
                (
                    level.as_str().unwrap().to_string(),
                    r.code.as_deref(),
                    r.name.as_str(),
                    cells,
                )
            })
            .collect(),
    }
}

/// The projection of a table of the JSON output.
fn from_json(t: &Value) -> Projection<'_> {
    let columns: Vec<(&str, Option<&str>, &str)> = t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(keys(c), ["id", "label", "group"]);
            (
                str_of(&c["id"]),
                string_or_null(&c["group"]),
                str_of(&c["label"]),
            )
        })
        .collect();
    let rows = t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(keys(r), ["code", "name", "level", "values"]);
            let values = r["values"].as_object().unwrap();
            let keys: Vec<&str> = values.keys().map(String::as_str).collect();
            let ids: Vec<&str> = columns.iter().map(|(id, _, _)| *id).collect();
            assert_eq!(
                keys, ids,
                "a row's values are keyed by the columns, in order"
            );
            let cells = values
                .values()
                .map(|v| string_or_null(v).map(str::to_string))
                .collect();
            (
                str_of(&r["level"]).to_string(),
                string_or_null(&r["code"]),
                str_of(&r["name"]),
                cells,
            )
        })
        .collect();
    Projection {
        id: str_of(&t["id"]),
        title: str_of(&t["title"]),
        note: string_or_null(&t["note"]),
        columns,
        rows,
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// A cell, a group, a code or a note: a string or null, nothing else.
fn string_or_null(v: &Value) -> Option<&str> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.as_str()),
        other => panic!("neither a string nor null: {other}"),
    }
}

/// The keys of a JSON object, in order.
fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn every_table_as_text() {
    let c = example();
    for t in c.document.tables() {
        insta::assert_snapshot!(format!("tables@{}", t.id), from_views(t).text());
    }
}

#[test]
fn the_json_tables_are_the_views_tables() {
    let c = example();
    let json: Value = serde_json::from_str(&c.to_json()).unwrap();
    let tables = json["tables"].as_array().unwrap();
    let ids: Vec<&str> = tables.iter().map(|t| t["id"].as_str().unwrap()).collect();
    let expected: Vec<&str> = TableId::ALL.iter().map(|id| id.as_str()).collect();
    assert_eq!(ids, expected);
    for (t, j) in c.document.tables().iter().zip(tables) {
        assert_eq!(keys(j), ["id", "title", "columns", "rows", "note"]);
        assert_eq!(from_json(j).text(), from_views(t).text(), "{}", t.id);
    }
}

#[test]
fn three_projects_in_full() {
    let v: Value = serde_json::from_str(&example_json()).unwrap();
    let projects = v["projects"].as_array().unwrap();
    // The first project (with procurement), one with two allocations, one with 三公 money.
    for code in [
        "37159124020201030011K",
        "37159124520501030002D",
        "371591249301010300028",
    ] {
        let p = projects.iter().find(|p| p["code"] == code).unwrap();
        insta::assert_snapshot!(
            format!("project@{code}"),
            serde_json::to_string_pretty(p).unwrap()
        );
    }
}

/// Every project in one line: code, source, amount, type, sub-unit, then its allocations,
/// economic lines, procurement and 三公 money, and how many indicators it has.
#[test]
fn every_project_in_one_line() {
    let v: Value = serde_json::from_str(&example_json()).unwrap();
    let lines: Vec<String> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let list = |key: &str, code: &str| -> String {
                let items: Vec<String> = p[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| {
                        format!(
                            "{}={}",
                            x[code].as_str().unwrap_or("-"),
                            x["amount"].as_str().unwrap()
                        )
                    })
                    .collect();
                items.join(",")
            };
            format!(
                "{} {} {} {} {} {} | 支出 {} | 经济 {} | 采购 {} | 三公 {} | 指标 {} | 目标 {}",
                p["code"].as_str().unwrap(),
                p["name"].as_str().unwrap(),
                p["source"].as_str().unwrap(),
                p["amount"].as_str().unwrap(),
                p["project_type"].as_str().unwrap_or("-"),
                p["sub_unit"].as_str().unwrap_or("-"),
                list("allocations", "exp_func_code"),
                list("economics", "dep_bgt_eco_code"),
                list("procurement", "kind"),
                list("three_public", "kind"),
                p["indicators"].as_array().unwrap().len(),
                p["goal"].as_str().map_or(0, |g| g.chars().count()),
            )
        })
        .collect();
    insta::assert_snapshot!("projects", lines.join("\n"));
}

#[test]
fn the_document_without_its_tables_and_projects() {
    let text = example_json();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    // The text is the value pretty-printed: pinning the value pins the bytes.
    assert_eq!(serde_json::to_string_pretty(&v).unwrap() + "\n", text);
    assert_eq!(
        keys(&v),
        [
            "schema",
            "department",
            "year",
            "unit",
            "catalog",
            "unit_kind",
            "sub_units",
            "duties",
            "organization",
            "income",
            "basic_expenditure",
            "projects",
            "figures",
            "assets",
            "reasons",
            "glossary",
            "explanations",
            "tables"
        ]
    );
    let top = v.as_object_mut().unwrap();
    let tables = top.remove("tables").unwrap();
    let projects = top.remove("projects").unwrap();
    assert_eq!(tables.as_array().unwrap().len(), TableId::COUNT);
    assert_eq!(projects.as_array().unwrap().len(), 38);
    insta::assert_snapshot!("document", serde_json::to_string_pretty(&v).unwrap());
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
    assert_eq!(v["schema"], "budc.budget.v2");
    // Every unit is 行政 (the department states no kind): 机关运行经费 applies.
    assert_eq!(v["unit_kind"], "administrative");
    assert_eq!(v["sub_units"][6]["kind"], "administrative");
    assert_eq!(v["sub_units"][6]["kind_stated"], false);
    assert_eq!(v["figures"]["operating_cost"], "149.89");
    assert_eq!(v["figures"]["operating_cost_applicable"], true);
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
