//! Stage 4: the rules. Each rule is a [`Rule`]: a stable code, a name, a
//! severity, what it finds, why it matters, an example, and the function that
//! finds it. Codes are never reused. [`RULES`] lists them all, in the order
//! the documentation shows them.

mod active;
mod applications;
mod content;
mod continuity;
mod identity;
pub mod locate;
mod narrative;
mod review;
mod structure;
mod wording;
mod years;

use crate::finding::{Finding, Severity};
use crate::parse::Document;

/// A rule and its documentation.
pub struct Rule {
    pub code: &'static str,
    /// A short name in English, kebab-case (as Ruff names rules).
    pub name: &'static str,
    pub severity: Severity,
    /// What it finds (Chinese, as the page shows it).
    pub summary: &'static str,
    /// Why it matters (Chinese).
    pub why: &'static str,
    /// A line of a report that breaks it (Chinese).
    pub example: &'static str,
    pub check: fn(&Document) -> Vec<Finding>,
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

/// The severity of a rule code (`Info` for an unknown code).
pub fn severity_of(code: &str) -> Severity {
    rule(code).map_or(Severity::Info, |r| r.severity)
}

/// Runs every rule over a document; findings in text order, except that
/// each L001 (the cell most likely wrong) comes just before the first
/// finding it explains.
pub fn run(doc: &Document) -> Vec<Finding> {
    let mut out: Vec<Finding> = RULES.iter().flat_map(|r| cap((r.check)(doc))).collect();
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    let order = crate::export::reading_order_indices(&out);
    let mut slots: Vec<Option<Finding>> = out.into_iter().map(Some).collect();
    order.into_iter().filter_map(|k| slots.get_mut(k).and_then(Option::take)).collect()
}

/// The most findings listed for one rule; the rest are counted in one more
/// finding. A real report has a handful; thousands mean text that is not a
/// report (every repeated heading is an S002), and listing them all would
/// only drown the page.
pub const MAX_PER_RULE: usize = 100;

fn cap(mut found: Vec<Finding>) -> Vec<Finding> {
    if found.len() <= MAX_PER_RULE {
        return found;
    }
    let rest = found.len() - MAX_PER_RULE;
    let first_left_out = found[MAX_PER_RULE].span;
    found.truncate(MAX_PER_RULE);
    let code = found[0].code;
    found.push(Finding::new(
        code,
        format!("另有 {rest} 处同类问题（{code}）未逐一列出，只列出了前 {MAX_PER_RULE} 处"),
        first_left_out,
    ));
    found
}

/// Findings for the cells of a table that are not non-negative numbers
/// (A001, B004, C002 share this shape): an error for each cell holding a
/// mark or text ("—", "/", "无", "-1"); one warning for the table's empty
/// cells together, which the sums count as 0.
pub(crate) fn value_findings(table: Option<&crate::parse::Table>, code: &'static str) -> Vec<Finding> {
    use crate::parse::Value;
    let Some(t) = table else { return Vec::new() };
    let mut out = Vec::new();
    let mut empty: Vec<(usize, usize)> = Vec::new();
    let numeral = crate::format::section(t.def.section).numeral;
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
            let mut f = Finding::new(code, msg, cell.span.unwrap_or(t.span))
                .in_section(numeral)
                .expected_found(kind, cell.value.display().unwrap_or_default());
            f.table = Some(t.def.id);
            f.table_label = Some(t.def.title);
            f.row = Some(r);
            f.row_label = Some(rl);
            f.column = Some(c);
            f.column_label = Some(cl.to_string());
            f.cells = vec![crate::relations::cell_ref(t, r, c)];
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
        let span = t.cell(r0, c0).and_then(|c| c.span).unwrap_or(t.span);
        let mut f = Finding::new(code, msg, span).in_section(numeral).expected_found("0", "（空）");
        f.severity = Severity::Warning;
        f.table = Some(t.def.id);
        f.table_label = Some(t.def.title);
        f.row = Some(r0);
        f.row_label = Some(t.def.rows[r0].full_label());
        f.column = Some(c0);
        f.column_label = Some(t.def.column_label(r0, c0).to_string());
        f.cells = empty.iter().map(|&(r, c)| crate::relations::cell_ref(t, r, c)).collect();
        out.push(f);
    }
    out
}
