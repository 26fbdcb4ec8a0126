//! Backends: the views (every table, computed once), the figures (every total and change,
//! computed once), the prose of 说明 and 名词解释 as sentences with typed numbers, and the writers
//! that render them (JSON, DOCX).

pub mod docx;
pub mod figures;
pub mod json;
pub mod prose;
pub mod views;

pub use figures::Figures;
pub use views::{Cell, Column, ColumnId, Document, Row, RowLevel, Table, TableId};
