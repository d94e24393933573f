//! The check cut into its stages, for the benchmark (`nianbao-bench`): each
//! stage run alone, many times, on the output of the stages before it, so
//! that a regression names its stage. Not part of the contract.

use std::hint::black_box;
use std::time::Duration;

use crate::finding::PlaceMapper;
use crate::parse;
use crate::prose::Prose;
use crate::report::CheckResult;
use crate::rules;
use crate::text::Folded;

/// A timer: runs the closure (as often as it likes) and gives the time of one run.
pub type Timer<'t> = &'t mut dyn FnMut(&mut dyn FnMut()) -> Duration;

/// The stages of [`crate::check`] in order, each with its time by `time`:
/// normalise, sections, tables, prose, rules (all but L001), L001, places
/// and facts (the findings' places and the report as read).
pub fn stage_times(text: &str, time: Timer) -> Vec<(&'static str, Duration)> {
    let norm = Folded::new(text);
    let mut doc = parse::parts(text, &norm);
    doc.tables = parse::read_tables(&doc);
    let mut out = vec![
        ("normalise", time(&mut || drop(black_box(Folded::new(text))))),
        ("sections", time(&mut || drop(black_box(parse::parts(text, &norm))))),
        ("tables", time(&mut || drop(black_box(parse::read_tables(&doc))))),
        ("prose", time(&mut || drop(black_box(Prose::new(&doc))))),
    ];
    out.extend(rules::stage_times(&doc, time));
    let findings = rules::run(&doc);
    let places = time(&mut || {
        let mut f = findings.clone();
        PlaceMapper::new(text).fill(&mut f);
        drop(black_box(CheckResult::new(&doc, f)));
    });
    out.push(("places+facts", places));
    out
}
