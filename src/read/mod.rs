//! Stage 1: read the inputs into typed records that remember their cells.

pub mod bank;
pub mod completion;
pub mod header;
pub mod ledger;
pub mod survey;
pub mod target_value;
pub mod targets;
pub mod text;
pub mod workbook;
