//! The renderers: miette for people (`human`), JSON and SARIF 2.1.0 for tools (`machine`).
//! One diagnostic model, three drawings; nothing else in budc formats a diagnostic.

mod human;
mod machine;

pub use human::{human, short, HumanStyle};
pub use machine::{
    json, json_diagnostic, sarif, JsonDiagnostic, JsonLabel, JsonReport, Summary, JSON_SCHEMA,
};
