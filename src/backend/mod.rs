//! Backends: the views (every table and prose figure, computed once) and the writers that
//! render them (JSON now; DOCX builds on the same views).

pub mod docx;
pub mod figures;
pub mod json;
pub mod views;

pub use figures::Figures;
pub use views::{Cell, Column, ColumnId, Document, Row, RowLevel, Table, TableId};
