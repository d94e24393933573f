//! The prose against the tables (N001–N006): section 一 restates the figures
//! of tables A, B and C; where a sentence's meaning is clear, they must agree.
//!
//! Every rule reads only phrases whose meaning is plain (a keyword and a count
//! of 件 in the same clause), quotes the phrase, and points at both places: the
//! phrase (the finding's span) and the cells (`cells`, `related_spans`).
//! Where a phrase could mean two things it accepts either reading (受理/收到:
//! new requests, or new plus carried over) or declines to compare (a part of
//! the body named as the subject: 区政府办代表区政府受理…).
//!
//! One file per rule (`n001_requests_received.rs` …), each with its constant
//! and its check; [`shared`] holds what they share. The words they read by are
//! data in `crate::format::phrases`.

mod n001_requests_received;
mod n002_carried_over;
mod n003_results;
mod n004_review_litigation;
mod n005_normative_documents;
mod n006_all_finished;
mod shared;
pub(crate) use n004_review_litigation::ReviewClauses;

pub(crate) use n001_requests_received::N001;
pub(crate) use n002_carried_over::{carry_kind, N002};
pub(crate) use n003_results::N003;
pub(crate) use n004_review_litigation::N004;
pub(crate) use n005_normative_documents::N005;
pub(crate) use n006_all_finished::N006;
