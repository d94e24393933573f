//! nianbao (年报核查): checks a Chinese government information-disclosure
//! annual report (政府信息公开工作年度报告) against the standard format
//! (国办公开办函〔2021〕30号).
//!
//! The stages, each using only those before it:
//!
//! ```text
//! text     fold full-width forms, tokens, spans; Folded (folded text mapped back)
//!  ─► format   the standard layout as data: sections, tables, rows, relations
//!  ─► arith    the relations of `format` evaluated over any cell values
//!  ─► parse    title, agency, year, the six sections, the tables read by structure
//!  ─► prose    the prose flattened: sentences, clauses, numbered parts
//!  ─► finding / facts   the serialised shapes: findings with places; the report as read
//!  ─► rules    every rule, one constant each (RULES), over one report or a set
//!  ─► report   CheckResult and FileResult; check_set
//! ```
//!
//! [`check`] checks the text of one report and returns a [`CheckResult`];
//! [`check_set`] adds the rules over several reports (continuity across
//! years, X001 and X002) to the [`FileResult`]s of a set. The command line
//! and the WebAssembly binding call both and serialise the results alike
//! (the JSON contract, README "命令行"). [`decode`] reads a text file's
//! bytes, [`convert`] a .docx or .html file, [`pdf`] a PDF's text items, into
//! the text [`check`] reads; [`export`] writes the results as CSV; [`rules`]
//! lists the rules.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod arith;
pub mod convert;
pub mod export;
mod facts;
mod finding;
mod format;
mod input;
#[cfg(any(target_arch = "wasm32", test))]
mod json;

mod parse;
pub mod pdf;
mod prose;
mod report;
pub mod rules;
mod sort;
#[cfg(not(target_arch = "wasm32"))]
pub mod stages;
mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

// The contract: what a check returns, serialised alike by the command line
// and the WebAssembly binding (README, "JSON").
pub use facts::{ActiveValues, Grid, GridCell, GridRow, ReportFacts, SectionFact, TableValues};
pub use finding::{CellRef, Change, Finding, PdfBox, Place, Severity};
pub use input::decode;
pub use report::{check_set, CheckResult, FileResult, Status, Summary};

// The stages' own entry points, for the tests, the benchmark and the fuzz
// targets (not part of the contract).
pub use arith::{all_instances, Instance};
pub use format::{TableDef, TABLE_A, TABLE_B, TABLE_C};
pub use parse::{parse, Document, Table, Value};
pub use text::{fold, Span};

/// The largest text checked, in bytes (UTF-8). Larger input gets a clear
/// message instead of work: no real report comes near it.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Checks the text of one report.
pub fn check(text: &str) -> CheckResult {
    if let Some(status) = input::refuse(text) {
        return CheckResult::refused(status);
    }
    let doc = parse::parse(text);
    if doc.sections.is_empty() && doc.title.is_none() && doc.tables.all().next().is_none() {
        return CheckResult::refused(Status::NotAReport);
    }
    let mut findings = rules::run(&doc);
    finding::PlaceMapper::new(text).fill(&mut findings);
    CheckResult::new(&doc, findings)
}
