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

pub mod arith;
pub mod convert;
pub mod export;
pub mod facts;
pub mod finding;
pub mod format;
pub mod input;

pub mod parse;
pub mod pdf;
pub mod prose;
pub mod report;
pub mod rules;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use finding::{Finding, Severity};
pub use report::{check_set, CheckResult, FileResult, Status};

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
