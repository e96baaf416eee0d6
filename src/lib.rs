//! `jixiao` (绩效): performance evaluation (预算绩效评价) of Chinese public special funds.
//!
//! The pipeline, one module a stage, each owning its types:
//!
//! ```text
//! read ─► reconcile ─► check ─► (measure) ─► score ─► render
//! ```
//!
//! [`read`] turns the spreadsheets into typed records that remember their cells;
//! [`reconcile`] sets planned against arrived against spent per budget line; [`check`] runs the
//! audit checks; [`measure`] names every figure an indicator can read; [`score`] applies the
//! indicator system of [`rules`]; [`render`] prints the result.
//!
//! [`batch`] runs the whole pipeline on every fund folder of a directory, in parallel, and
//! [`batch::summary`] writes one row per fund.

pub mod batch;
pub mod chart;
pub mod check;
pub mod cli;
pub mod config;
pub mod date;
pub mod error;
pub mod evaluate;
pub mod file;
pub mod glossary;
pub mod guard;
pub mod label;
pub mod lang;
pub mod location;
pub mod measure;
pub mod money;
pub mod read;
pub mod reconcile;
pub mod render;
pub mod rules;
pub mod rules_file;
pub mod run;
pub mod score;
pub mod sources;
pub mod template;
