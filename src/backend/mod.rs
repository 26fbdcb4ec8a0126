//! Backends: the writers that render the document model (`crate::document`) and the budget —
//! JSON, DOCX and XLSX. None computes a sum of its own.

pub mod docx;
pub mod json;
pub mod pdf;
pub mod xlsx;
