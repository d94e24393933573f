//! Stage 4: the rules. Each rule is a [`Rule`]: a stable code, a name, a
//! severity, what it finds, why it matters, an example, and the function that
//! finds it. Codes are never reused. [`RULES`] lists them all, in the order
//! the documentation shows them.

mod active;
mod applications;
mod arithmetic;
mod content;
pub mod continuity;
mod identity;
pub mod locate;
mod narrative;
pub(crate) use narrative::ReviewClauses;
mod review;
mod structure;
mod wording;
mod years;

use crate::facts::ReportFacts;
use crate::finding::{Finding, Severity};
use crate::parse::Document;
use crate::prose::Prose;
use crate::text::Span;

/// A rule and its documentation.
pub struct Rule {
    /// The stable code: a letter for the family (S structure, A B C the
    /// tables, L the cell most likely wrong, N prose, Y years, I identity,
    /// W wording, R content, X across years) and a number, e.g. `"B003"`.
    pub code: &'static str,
    /// A short name in English, kebab-case (as Ruff names rules).
    pub name: &'static str,
    /// The severity of every finding of the rule.
    pub severity: Severity,
    /// What it finds (Chinese, as the page shows it).
    pub summary: &'static str,
    /// Why it matters (Chinese).
    pub why: &'static str,
    /// A line of a report that breaks it (Chinese).
    pub example: &'static str,
    /// The function that finds it.
    check: Check,
}

/// What a rule looks at: one report, or a set of reports.
#[derive(Clone, Copy)]
enum Check {
    /// A rule over one report.
    Report(fn(&Context) -> Vec<Finding>),
    /// A rule over a set of reports (continuity across years): each finding
    /// with the index of the report it belongs to.
    Reports(fn(&[Member]) -> Vec<(usize, Finding)>),
}

/// What a rule over one report looks at: the parsed document and its
/// prose, built once for all the rules.
struct Context<'a> {
    doc: &'a Document<'a>,
    prose: Prose<'a>,
    /// How many findings each rule checked through [`Context::check`] raised
    /// (L001 ranks by the prose rules' counts, and need not ask them again).
    raised: std::cell::RefCell<Vec<(&'static str, usize)>>,
}

impl<'a> Context<'a> {
    fn new(doc: &'a Document<'a>) -> Context<'a> {
        Context::over(doc, Prose::new(doc))
    }

    fn over(doc: &'a Document<'a>, prose: Prose<'a>) -> Context<'a> {
        Context {
            doc,
            prose,
            raised: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// A rule's findings here, their number kept.
    fn check(&self, rule: &'static Rule, check: fn(&Context) -> Vec<Finding>) -> Vec<Finding> {
        let found = check(self);
        let mut raised = self.raised.borrow_mut();
        raised.retain(|(code, _)| *code != rule.code);
        raised.push((rule.code, found.len()));
        found
    }

    /// How many findings `rule` raised here, if it was checked.
    fn raised(&self, rule: &Rule) -> Option<usize> {
        self.raised.borrow().iter().find(|(code, _)| *code == rule.code).map(|(_, n)| *n)
    }
}

/// The rules over one report in the order they run: L001 last, after the
/// rules whose counts it ranks by.
fn in_running_order() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().copied().filter(|r| r.code != locate::L001.code).chain([&locate::L001])
}

/// One report of a set, as the rules over several reports see it.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// The file's name, for messages.
    pub name: &'a str,
    /// The report as read; `None` when it was not checked.
    pub facts: Option<&'a ReportFacts>,
}

impl Rule {
    /// A finding of this rule at `span`, with the rule's code and severity.
    pub fn finding(&'static self, message: impl Into<String>, span: Span) -> Finding {
        Finding::of(self.code, self.severity, message, span)
    }
}

/// Every rule, in documentation order.
pub const RULES: &[&Rule] = &[
    &structure::S001,
    &structure::S002,
    &structure::S003,
    &structure::S004,
    &structure::S005,
    &active::A001,
    &active::A002,
    &applications::B001,
    &applications::B002,
    &applications::B003,
    &applications::B004,
    &review::C001,
    &review::C002,
    &locate::L001,
    &narrative::N001,
    &narrative::N002,
    &narrative::N003,
    &narrative::N004,
    &narrative::N005,
    &narrative::N006,
    &years::Y001,
    &years::Y002,
    &identity::I001,
    &wording::W001,
    &content::R001,
    &content::R002,
    &content::R003,
    &continuity::X001,
    &continuity::X002,
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Runs every rule over a document; findings in text order, except that
/// each L001 (the cell most likely wrong) comes just before the first
/// finding it explains.
pub fn run(doc: &Document) -> Vec<Finding> {
    let cx = Context::new(doc);
    let mut out: Vec<Finding> = Vec::new();
    for r in in_running_order() {
        if let Check::Report(check) = r.check {
            out.extend(cap(r, cx.check(r, check)));
        }
    }
    in_reading_order(out, |f| f.span.start)
}

/// The rules over one report timed by `time` (see [`crate::stages`]), on a
/// context built once: every rule but L001, then L001.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn stage_times(doc: &Document, time: crate::stages::Timer) -> [(&'static str, std::time::Duration); 2] {
    let cx = Context::new(doc);
    let mut some = |l001: bool| {
        let cx = &cx;
        time(&mut || {
            for r in in_running_order().filter(|r| (r.code == locate::L001.code) == l001) {
                if let Check::Report(check) = r.check {
                    std::hint::black_box(cx.check(r, check));
                }
            }
        })
    };
    [("rules", some(false)), ("L001", some(true))]
}

/// The findings in the order people read them: in text order (by `start`,
/// then code), except that each L001 (the cell most likely wrong) comes
/// first for its table, just before the first finding it explains. Every
/// result is in this order: [`run`] and the set check (`check_set`) alike.
pub(crate) fn in_reading_order(mut findings: Vec<Finding>, start: fn(&Finding) -> usize) -> Vec<Finding> {
    crate::sort::merge_sort(&mut findings, |a, b| (start(a), a.code) < (start(b), b.code));
    let order = reading_order_indices(&findings);
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    order.into_iter().filter_map(|k| slots.get_mut(k).and_then(Option::take)).collect()
}

/// The reading order as indices into findings in text order.
fn reading_order_indices(findings: &[Finding]) -> Vec<usize> {
    let l001 = locate::L001.code;
    let explains = |l: &Finding, f: &Finding| l.code == l001 && f.code != l001 && f.table == l.table && l.explains.contains(&f.code);
    let mut out: Vec<usize> = Vec::with_capacity(findings.len());
    for (k, f) in findings.iter().enumerate() {
        match out.iter().position(|&g| explains(f, &findings[g])) {
            Some(at) => out.insert(at, k),
            None => out.push(k),
        }
    }
    out
}

/// Runs the rules over a set of reports: their findings, each with the
/// index of the report it belongs to.
pub fn run_set(reports: &[Member]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for r in RULES {
        if let Check::Reports(check) = r.check {
            out.extend(check(reports));
        }
    }
    out
}

/// The most findings listed for one rule; the rest are counted in one more
/// finding. A real report has a handful; thousands mean text that is not a
/// report (every repeated heading is an S002), and listing them all would
/// only drown the page.
pub const MAX_PER_RULE: usize = 100;

fn cap(rule: &'static Rule, mut found: Vec<Finding>) -> Vec<Finding> {
    if found.len() <= MAX_PER_RULE {
        return found;
    }
    let rest = found.len() - MAX_PER_RULE;
    let first_left_out = found[MAX_PER_RULE].span;
    found.truncate(MAX_PER_RULE);
    let code = rule.code;
    found.push(rule.finding(
        format!("另有 {rest} 处同类问题（{code}）未逐一列出，只列出了前 {MAX_PER_RULE} 处"),
        first_left_out,
    ));
    found
}

/// Findings for the cells of a table that are not non-negative numbers
/// (A001, B004, C002 share this shape): an error for each cell holding a
/// mark or text ("—", "/", "无", "-1"); one warning for the table's empty
/// cells together, which the sums count as 0.
pub(crate) fn value_findings(table: Option<&crate::parse::Table>, rule: &'static Rule) -> Vec<Finding> {
    use crate::parse::Value;
    let Some(t) = table else { return Vec::new() };
    let mut out = Vec::new();
    let mut empty: Vec<(usize, usize)> = Vec::new();
    for (r, row) in t.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let what = match &cell.value {
                v if v.is_empty_cell() => {
                    empty.push((r, c));
                    continue;
                }
                Value::Blank(s) | Value::Invalid(s) => format!("填的是“{s}”"),
                _ => continue,
            };
            let kind = if t.def.rows[r].kind == crate::format::Kind::Amount {
                "非负金额"
            } else {
                "非负整数"
            };
            let rl = t.def.rows[r].full_label();
            let cl = t.def.column_label(r, c);
            let zero = if kind == "非负整数" { "；没有的应填 0" } else { "" };
            let msg = format!("“{rl}”一行“{cl}”{what}，不是{kind}{zero}。涉及此格的核对未能进行");
            let f = rule
                .finding(msg, t.span)
                .at_cell(t, r, c)
                .expected_found(kind, cell.value.display().unwrap_or_default())
                .with_cells(t, [(r, c)]);
            out.push(f);
        }
    }
    if let Some(&(r0, c0)) = empty.first() {
        let names: Vec<String> = empty
            .iter()
            .take(8)
            .map(|&(r, c)| format!("“{}”·{}", t.def.rows[r].full_label(), t.def.column_label(r, c)))
            .collect();
        let more = if empty.len() > 8 {
            format!("等 {} 格", empty.len())
        } else {
            String::new()
        };
        let msg = format!(
            "表格“{}”有 {} 个单元格为空：{}{}。没有的应填 0；核对时已按 0 计算",
            t.def.title,
            empty.len(),
            names.join("、"),
            more
        );
        let mut f = rule
            .finding(msg, t.span)
            .at_cell(t, r0, c0)
            .expected_found("0", "（空）")
            .with_cells(t, empty.iter().copied());
        f.severity = Severity::Warning;
        out.push(f);
    }
    out
}
