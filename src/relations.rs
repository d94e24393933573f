//! The one engine that checks every arithmetic relation of `format`, the way
//! an XBRL calculation linkbase drives summation checks: it expands each
//! relation over the rows or columns it applies to, adds up both sides and
//! reports the reported value, the computed one and every contributing cell.

use crate::finding::{CellRef, Finding};
use crate::format::{Each, Op, Relation, Sel, TableDef};
use crate::parse::{Cell, Table};

/// One instance of a relation: a row or column it was checked on.
#[derive(Debug, Clone)]
pub struct Instance {
    pub relation: &'static Relation,
    /// The row (for `Each::Row(s)`) or column (for `Each::Column`).
    pub index: usize,
    pub left: Vec<(bool, usize, usize)>,
    pub right: Vec<(bool, usize, usize)>,
}

/// The outcome of checking one instance.
#[derive(Debug, Clone)]
pub enum Outcome {
    Holds,
    Fails(Box<Finding>),
    /// Cells it needs could not be read: (row, column) of each.
    NotAssessed(Vec<(usize, usize)>),
}

fn expand(sel: Sel, def: &TableDef, row: Option<usize>, col: Option<usize>) -> Vec<(usize, usize)> {
    match sel {
        Sel::Col(c) => row.map(|r| vec![(r, c)]).unwrap_or_default(),
        Sel::Cols(a, b) => row.map(|r| (a..b).map(|c| (r, c)).collect()).unwrap_or_default(),
        Sel::Row(id) => match (def.row_index(id), col) {
            (Some(r), Some(c)) => vec![(r, c)],
            _ => Vec::new(),
        },
        Sel::Rows(a, b) => match (def.row_index(a), def.row_index(b), col) {
            (Some(a), Some(b), Some(c)) => (a..b).map(|r| (r, c)).collect(),
            _ => Vec::new(),
        },
    }
}

/// Every instance of a relation in a table's layout.
pub fn instances(def: &TableDef, relation: &'static Relation) -> Vec<Instance> {
    let mk = |row: Option<usize>, col: Option<usize>, index: usize| {
        let side = |terms: &[crate::format::Term]| -> Vec<(bool, usize, usize)> {
            terms
                .iter()
                .flat_map(|t| expand(t.sel, def, row, col).into_iter().map(move |(r, c)| (t.negative, r, c)))
                .collect()
        };
        Instance {
            relation,
            index,
            left: side(relation.left),
            right: side(relation.right),
        }
    };
    match relation.each {
        Each::Row => (0..def.rows.len()).map(|r| mk(Some(r), None, r)).collect(),
        Each::Rows(ids) => ids
            .iter()
            .filter_map(|id| def.row_index(id))
            .map(|r| mk(Some(r), None, r))
            .collect(),
        Each::Column => (0..def.columns.len()).map(|c| mk(None, Some(c), c)).collect(),
    }
}

/// A cell's value for arithmetic, with some cells' values replaced
/// (`over`: the candidate corrections the locator tries).
fn value_at(table: &Table, over: &[((usize, usize), f64)], r: usize, c: usize) -> Option<f64> {
    match over.iter().find(|(at, _)| *at == (r, c)) {
        Some(&(_, v)) => Some(v),
        None => table.cell(r, c).and_then(|cell| cell.value.number()),
    }
}

fn sum_with(table: &Table, over: &[((usize, usize), f64)], terms: &[(bool, usize, usize)]) -> Result<f64, Vec<(usize, usize)>> {
    let mut missing = Vec::new();
    let mut total = 0.0;
    for &(neg, r, c) in terms {
        match value_at(table, over, r, c) {
            Some(v) => total += if neg { -v } else { v },
            None => missing.push((r, c)),
        }
    }
    if missing.is_empty() {
        Ok(total)
    } else {
        Err(missing)
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{:.6}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A cell reference for a finding.
pub fn cell_ref(table: &Table, r: usize, c: usize) -> CellRef {
    let def = table.def;
    let cell: Option<&Cell> = table.cell(r, c);
    CellRef {
        table: def.id,
        row: r,
        column: c,
        row_label: def.rows.get(r).map(|x| x.full_label()).unwrap_or_default(),
        column_label: def.column_label(r, c).to_string(),
        value: cell.and_then(|x| x.value.display()),
        place: None,
        span: cell.and_then(|x| x.span),
    }
}

/// Both sides of an instance, with some cells' values replaced; the cells
/// that could not be read when a side cannot be added up.
fn sides(table: &Table, inst: &Instance, over: &[((usize, usize), f64)]) -> Result<(f64, f64), Vec<(usize, usize)>> {
    match (sum_with(table, over, &inst.left), sum_with(table, over, &inst.right)) {
        (Ok(l), Ok(r)) => Ok((l, r)),
        (a, b) => {
            let mut m = a.err().unwrap_or_default();
            m.extend(b.err().unwrap_or_default());
            Err(m)
        }
    }
}

fn holds(op: Op, l: f64, r: f64) -> bool {
    match op {
        Op::Eq => (l - r).abs() < 1e-9,
        Op::Ge => l + 1e-9 >= r,
    }
}

/// Checks one instance.
pub fn check(table: &Table, inst: &Instance) -> Outcome {
    match sides(table, inst, &[]) {
        Err(m) => Outcome::NotAssessed(m),
        Ok((l, r)) if holds(inst.relation.op, l, r) => Outcome::Holds,
        Ok((l, r)) => Outcome::Fails(Box::new(finding(table, inst, l, r))),
    }
}

/// Whether an instance holds once the cells in `over` take the given
/// values (`None`: a cell it needs could not be read).
pub fn holds_with(table: &Table, inst: &Instance, over: &[((usize, usize), f64)]) -> Option<bool> {
    sides(table, inst, over).ok().map(|(l, r)| holds(inst.relation.op, l, r))
}

/// How far an instance is from holding: left − right (for `Op::Ge` it holds
/// when this is ≥ 0, for `Op::Eq` when it is 0), with the cells in `over`
/// replaced; `None` when a cell it needs could not be read.
pub fn residual(table: &Table, inst: &Instance, over: &[((usize, usize), f64)]) -> Option<f64> {
    sides(table, inst, over).ok().map(|(l, r)| l - r)
}

/// How left − right of an instance moves when cell (r, c) grows by one
/// (0 when the cell takes no part).
pub fn weight(inst: &Instance, r: usize, c: usize) -> f64 {
    let w = |terms: &[(bool, usize, usize)]| -> f64 {
        terms
            .iter()
            .filter(|&&(_, tr, tc)| (tr, tc) == (r, c))
            .map(|&(neg, _, _)| if neg { -1.0 } else { 1.0 })
            .sum()
    };
    w(&inst.left) - w(&inst.right)
}

/// Every instance of every relation of a table's layout.
pub fn all_instances(def: &TableDef) -> Vec<Instance> {
    def.relations.iter().flat_map(|r| instances(def, r)).collect()
}

fn term_list(table: &Table, terms: &[(bool, usize, usize)], label: &dyn Fn(usize, usize) -> String, skip_zero: bool) -> String {
    let mut parts = Vec::new();
    let mut zeros = 0;
    for (k, &(neg, r, c)) in terms.iter().enumerate() {
        let v = table.cell(r, c).and_then(|x| x.value.number()).unwrap_or(0.0);
        if skip_zero && v == 0.0 {
            zeros += 1;
            continue;
        }
        let sign = match (k, neg) {
            (0, false) => "",
            (0, true) => "−",
            (_, false) => " + ",
            (_, true) => " − ",
        };
        parts.push(format!("{}{} {}", sign, label(r, c), fmt_num(v)));
    }
    let mut s = parts.concat().trim_start_matches(" + ").to_string();
    if zeros > 0 && skip_zero {
        if s.is_empty() {
            s = "各项均为 0".to_string();
        } else {
            s.push_str("，其余各项为 0");
        }
    }
    s
}

fn finding(table: &Table, inst: &Instance, l: f64, r: f64) -> Finding {
    let def = table.def;
    let rel = inst.relation;
    let col_label = |r: usize, c: usize| def.column_label(r, c).to_string();
    let row_label = |r: usize, _c: usize| def.rows[r].full_label();
    // The cell a reviewer looks at first: the single cell of the left side,
    // else the first cell of the right side (B003: the 总计 row).
    let anchor = if inst.left.len() == 1 { inst.left[0] } else { inst.right[0] };
    let (_, ar, ac) = anchor;
    let (message, expected, found) = match rel.each {
        Each::Row | Each::Rows(_) if inst.left.len() == 1 && rel.op == Op::Eq => {
            let row = def.rows[inst.index].full_label();
            let total = col_label(ar, ac);
            let parts = term_list(table, &inst.right, &col_label, false);
            (
                format!("“{row}”一行：{total}应为 {}（{parts}），报告为 {}", fmt_num(r), fmt_num(l)),
                fmt_num(r),
                fmt_num(l),
            )
        }
        Each::Row | Each::Rows(_) => {
            let row = def.rows[inst.index].full_label();
            let left = term_list(table, &inst.left, &col_label, false);
            let right = term_list(table, &inst.right, &col_label, false);
            (
                format!(
                    "“{row}”：{left} 不应少于 {right} = {}（年末现行有效件数不会少于本年制发减本年废止）",
                    fmt_num(r)
                ),
                format!("≥ {}", fmt_num(r)),
                fmt_num(l),
            )
        }
        Each::Column if inst.left.len() == 1 => {
            let col = def.columns[inst.index];
            let total = def.rows[ar].full_label();
            let parts = term_list(table, &inst.right, &row_label, true);
            (
                format!("“{col}”一列：{total}应为 {}（{parts}），报告为 {}", fmt_num(r), fmt_num(l)),
                fmt_num(r),
                fmt_num(l),
            )
        }
        Each::Column => {
            let col = def.columns[inst.index];
            let left = term_list(table, &inst.left, &|r, _| short(def, r), false);
            let right = term_list(table, &inst.right, &|r, _| short(def, r), false);
            (
                format!(
                    "“{col}”一列：{left} = {}，而{right} = {}；按表中注明的勾稽关系两者应相等",
                    fmt_num(l),
                    fmt_num(r)
                ),
                fmt_num(l),
                fmt_num(r),
            )
        }
    };
    let span = table.cell(ar, ac).and_then(|c| c.span).unwrap_or(table.span);
    let mut f = Finding::new(rel.code, message, span)
        .in_section(crate::format::section(def.section).numeral)
        .expected_found(expected, found);
    f.table = Some(def.id);
    f.table_label = Some(def.title);
    f.row = Some(ar);
    f.row_label = Some(def.rows[ar].full_label());
    f.column = Some(ac);
    f.column_label = Some(def.column_label(ar, ac).to_string());
    f.cells = inst
        .left
        .iter()
        .chain(inst.right.iter())
        .map(|&(_, r, c)| cell_ref(table, r, c))
        .collect();
    f
}

/// A short row name for balance messages: 本年新收, 上年结转, （七）总计, 结转下年度.
fn short(def: &TableDef, r: usize) -> String {
    let l = def.rows[r].label;
    match def.rows[r].id {
        "new" => "本年新收".into(),
        "carried" => "上年结转".into(),
        "carry_next" => "结转下年度".into(),
        _ => l.to_string(),
    }
}

/// Checks every instance of the relations with `code` in `table`.
pub fn check_code(table: &Table, code: &str) -> Vec<Outcome> {
    table
        .def
        .relations
        .iter()
        .filter(|r| r.code == code)
        .flat_map(|r| instances(table.def, r))
        .map(|i| check(table, &i))
        .collect()
}

/// The findings of `code` in `table` (instances that could not be assessed
/// are reported once per table by S004).
pub fn findings(table: Option<&Table>, code: &str) -> Vec<Finding> {
    let Some(table) = table else { return Vec::new() };
    check_code(table, code)
        .into_iter()
        .filter_map(|o| match o {
            Outcome::Fails(f) => Some(*f),
            _ => None,
        })
        .collect()
}
