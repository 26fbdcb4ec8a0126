//! The JSON backend: a public, versioned contract (see README “JSON output”). Amounts are
//! decimal strings with two decimals, never floats. Field names follow the 预算管理一体化
//! vocabulary where one exists (`exp_func_code`, `dep_bgt_eco_code`, `gov_bgt_eco_code`).
//!
//! The output is written by streaming: the per-project parts (the projects, the rows of the
//! tables) are serialised one at a time straight into the writer, so a budget of a million
//! projects never holds its JSON, or a tree of it, in memory.
//!
//! `budget` holds the document's top level, `projects`, `figures` and `tables` its parts,
//! `amount` the amounts they share; the JSON Schema is derived from these types.

mod amount;
mod budget;
mod figures;
mod projects;
mod tables;

pub use amount::{money, AmountString, SourceAmount};
pub use budget::{
    to_json, AssetsJson, BasicLineJson, BudgetJson, ProjectTotalJson, SubUnitJson, TextBlock,
    VehicleJson, SCHEMA_VERSION,
};
pub use figures::{ChangeJson, FiguresJson, ThreePublicItemJson};
pub use projects::{
    AllocationJson, EconomicJson, IndicatorJson, ProcurementJson, ProjectJson, Projects,
    ThreePublicJson,
};
pub use tables::{table, ColumnJson, RowJson, Rows, TableJson, Values};

use crate::document::Document;
use crate::model::{Budget, Catalog};
use std::io::Write;

/// Writes the JSON text of a budget into `w`: pretty-printed, with a final newline. It is
/// written in many small pieces: give it a buffered writer.
pub fn write(
    b: &Budget,
    catalog: &Catalog,
    doc: &Document,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_json(b, catalog, doc))?;
    w.write_all(b"\n")
}

/// The JSON text of a budget: pretty-printed, with a final newline.
pub fn render(b: &Budget, catalog: &Catalog, doc: &Document) -> String {
    let mut out = Vec::new();
    // Writing plain structs of strings and numbers into memory cannot fail, and serde_json
    // writes only valid UTF-8.
    let _ = write(b, catalog, doc, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The JSON Schema of the output.
pub fn schema() -> String {
    let schema = schemars::schema_for!(BudgetJson<'static>);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;
    use std::io::{ErrorKind, Write};

    /// A writer that takes `room` bytes, then fails as a closed pipe does.
    struct ClosedAfter {
        room: usize,
    }

    impl Write for ClosedAfter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn compiled() -> crate::Compiled {
        let text = crate::synth::department(0, 3);
        let c = crate::compile(SourceFile::new("t.bud", text), None);
        assert!(!c.has_errors(), "{:#?}", c.diagnostics);
        c
    }

    #[test]
    fn the_streamed_json_is_the_json_text() {
        let c = compiled();
        let mut streamed = Vec::new();
        c.write_json(&mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), c.to_json());
        assert!(c.to_json().ends_with("}\n"));
    }

    #[test]
    fn a_failing_writer_stops_the_json_with_its_own_error() {
        let c = compiled();
        let err = c.write_json(&mut ClosedAfter { room: 100 }).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    }
}
