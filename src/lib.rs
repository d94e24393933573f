//! nianbao (年报核查): checks a Chinese government information-disclosure
//! annual report (政府信息公开工作年度报告) against the standard format.
//!
//! The stages, each a plain function from one value to the next:
//!
//! ```text
//! user's text ─► text (fold, tokens, spans) ─► parse (title, sections, tables)
//!             ─► rules (one engine for the arithmetic in `format`) ─► findings
//! ```
//!
//! [`check`] is the whole public API: the command line, the WebAssembly
//! binding and the tests all call it and serialise its [`CheckResult`].

#![forbid(unsafe_code)]

mod arith;
pub mod convert;
pub mod export;
mod facts;
mod finding;
mod format;
mod input;

mod parse;
pub mod pdf;
mod prose;
mod report;
pub mod rules;
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
