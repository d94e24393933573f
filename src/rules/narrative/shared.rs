//! What the prose rules share: reading the counts near a keyword, the cells of
//! table B they compare with, and the finding that points at both.

use std::ops::Range;

use crate::finding::{CellRef, Finding};
use crate::format::phrases::{COUNT_UNITS, OTHER_YEAR};
use crate::parse::Table;
use crate::prose::{self, find_any, Num, Prose};
use crate::rules::{Context, Rule};

/// The column of table B that holds the totals.
pub(super) const TOTAL: usize = 6;

/// The sum of some cells' counts, `None` when one cannot be read.
pub(super) fn sum(t: &Table, cells: &[(usize, usize)]) -> Option<u64> {
    cells.iter().map(|&(r, c)| t.cell(r, c).and_then(|x| x.value.count())).sum()
}

/// A phrase of the prose and the cells of one table it speaks of: where a
/// finding points. The phrase is the finding's span; the cells are listed
/// (`cells`, `related_spans`), the first giving the row and column, unless
/// the claim is about a group of rows (no one row) or several columns (no
/// one column: the column label names them all).
pub(super) struct Claim<'t> {
    /// The phrase (flat byte offsets).
    pub phrase: Range<usize>,
    pub table: &'t Table,
    pub cells: Vec<(usize, usize)>,
    /// The name of the rows the claim compares with as one figure (a sum
    /// over several rows: （四）无法提供（1—3 项之和）), when it is one. The
    /// finding then names no single row: its row label is this name.
    pub group: Option<String>,
}

impl Claim<'_> {
    /// The finding: `expected` is what the table says, `found` what the prose says.
    pub fn finding(&self, p: &Prose, rule: &'static Rule, message: String, expected: impl ToString, found: impl ToString) -> Finding {
        let t = self.table;
        let mut f = rule
            .finding(message, p.span(self.phrase.clone()))
            .with_table(t.def)
            .expected_found(expected, found);
        if let Some(sec) = p.section_at(self.phrase.start) {
            f = f.in_section(sec);
        }
        if let Some(&(r, c)) = self.cells.first() {
            match &self.group {
                Some(name) => f.row_label = Some(name.clone()),
                None => {
                    f.row = Some(r);
                    f.row_label = Some(t.def.rows[r].full_label());
                }
            }
            // A claim over several columns (有案件的各栏) names them all and no one column.
            let mut columns: Vec<usize> = Vec::new();
            for &(_, col) in &self.cells {
                if !columns.contains(&col) {
                    columns.push(col);
                }
            }
            crate::sort::insertion_sort(&mut columns, |a, b| a < b);
            if columns.len() == 1 {
                f.column = Some(c);
            }
            let labels: Vec<&str> = columns.iter().map(|&col| t.def.column_label(r, col)).collect();
            f.column_label = Some(labels.join("、"));
        }
        f.cells = self.cells.iter().map(|&(r, c)| CellRef::of(t, r, c)).collect();
        let spans: Vec<_> = f.cells.iter().filter_map(|c| c.span).collect();
        for s in spans {
            f = f.with_related(s);
        }
        f
    }
}

/// True for a count of requests, results or documents: N 件, N 项, N 宗.
pub(super) fn is_count(n: &Num) -> bool {
    n.unit.is_some_and(|u| COUNT_UNITS.contains(&u))
}

/// The first count after flat offset `from` in the clause (`None` when it
/// is approximate: 20余件).
pub(super) fn count_after(nums: &[Num], from: usize) -> Option<&Num> {
    nums.iter().find(|n| n.range.start >= from && is_count(n)).filter(|n| !n.approx)
}

/// The last count ending at most `gap` bytes before `to`.
pub(super) fn count_before(t: &str, nums: &[Num], to: usize, gap: usize) -> Option<Num> {
    nums.iter()
        .rev()
        .find(|n| n.end <= to && is_count(n))
        .filter(|n| !n.approx && to - n.end <= gap && !t[n.end..to].contains(COUNT_UNITS) && !t[n.end..to].contains(','))
        .cloned()
}

/// The count a keyword at `at..kw_end` speaks of: the first after it, else
/// the one just before it (at most `gap` bytes before).
pub(super) fn count_near(t: &str, nums: &[Num], at: usize, kw_end: usize, gap: usize) -> Option<Num> {
    count_after(nums, kw_end).cloned().or_else(|| count_before(t, nums, at, gap))
}

/// The rows of table B with these ids.
pub(super) fn b_rows(t: &Table, ids: &[&str]) -> Vec<usize> {
    ids.iter().filter_map(|id| t.def.row_index(id)).collect()
}

/// Rows `from .. to_excl` of table B (a group such as （三）不予公开).
pub(super) fn b_range(t: &Table, from: &str, to_excl: &str) -> Vec<usize> {
    match (t.def.row_index(from), t.def.row_index(to_excl)) {
        (Some(a), Some(b)) => (a..b).collect(),
        _ => Vec::new(),
    }
}

/// Every cell of these rows in these columns.
pub(super) fn cells_of(rows: &[usize], cols: &[usize]) -> Vec<(usize, usize)> {
    rows.iter().flat_map(|&r| cols.iter().map(move |&c| (r, c))).collect()
}

/// True when the clause names a year other than the report's (2022年收到申请
/// 10件 in a 2023 report) or speaks of last year.
pub(super) fn other_year(p: &Prose, cl: Range<usize>) -> bool {
    let t = p.text();
    find_any(&t[cl.clone()], OTHER_YEAR).is_some()
        || p.year()
            .is_some_and(|y| prose::numbers(t, cl).iter().any(|n| n.is_year() && n.value as i32 != y))
}

/// What N001 and N002 read: table 三 and the clauses on requests
/// ([`Prose::request_clauses`]; `None` without the table).
pub(super) fn request_reading<'c>(cx: &'c Context) -> Option<(&'c Table, &'c Prose<'c>, &'c [Range<usize>])> {
    let t = cx.doc.tables.applications.as_ref()?;
    Some((t, &cx.prose, cx.prose.request_clauses()))
}
