//! Which cell is wrong: when the relations of a table fail, the smallest
//! set of cells (one, then two) whose change makes every relation of the
//! table hold with non-negative integers, and the value each would need —
//! the Fellegi–Holt principle of statistical data editing (Fellegi & Holt,
//! 1976; Statistics Netherlands' `errorlocate`).
//!
//! The arithmetic is [`crate::arith`]'s: each instance of a relation gives
//! its residual (left − right) and how much a cell moves it
//! ([`Instance::weight`]); a candidate is solved from those and then
//! verified by the same arithmetic ([`Instance::holds`]) over every
//! instance of the table. Cells that could not be read are never chosen,
//! and neither is a cell that shares a relation with an unread one (what it
//! would need depends on the figure nobody could read).
//!
//! The search is bounded: one cell takes part in at most a few instances
//! (three in table 三), so a table with more failing instances than two
//! cells can reach is not searched at all, and the pairs tried and the
//! explanations kept are capped.

use crate::arith::{self, Instance};
use crate::format::Kind;
use crate::parse::Table;

/// The most pairs of cells tried in one table.
pub const MAX_PAIRS: usize = 20_000;
/// The most explanations of one size kept (more means the text cannot tell).
pub const MAX_EXPLANATIONS: usize = 64;

/// The values a suggested cell may take so that every relation holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Need {
    /// Exactly this value.
    Exactly(u64),
    /// Any value from `lo` on (the smallest is suggested).
    AtLeast(u64),
    /// Any value from 0 to `hi` (the largest is suggested).
    AtMost(u64),
    /// A whole range; the other cell of the pair decides.
    Between(u64, u64),
}

impl Need {
    /// The value nearest to the reported one that the cell may take.
    pub fn nearest(self, reported: u64) -> u64 {
        match self {
            Need::Exactly(v) | Need::AtLeast(v) | Need::AtMost(v) => v,
            Need::Between(a, b) => reported.clamp(a, b),
        }
    }
    /// As the finding's `expected` shows it: `2`, `≥ 6`, `≤ 3`, `2 至 5`.
    pub fn display(self) -> String {
        match self {
            Need::Exactly(v) => v.to_string(),
            Need::AtLeast(v) => format!("≥ {v}"),
            Need::AtMost(v) => format!("≤ {v}"),
            Need::Between(a, b) => format!("{a} 至 {b}"),
        }
    }
}

/// One cell of an explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The cell's row, 0-based in the layout's order.
    pub row: usize,
    /// The cell's column, 0-based.
    pub column: usize,
    /// The reported value.
    pub found: u64,
    /// The values that, with the other cells of the explanation, make every
    /// relation hold.
    pub need: Need,
}

/// What the search found for one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The codes of the relations that fail (B001, B002, …), each once.
    pub codes: Vec<&'static str>,
    /// How many instances fail.
    pub failing: usize,
    /// How many instances could not be assessed (cells not read).
    pub not_assessed: usize,
    /// The explanations of the smallest size found (1 or 2 cells each), in
    /// table order; at most [`MAX_EXPLANATIONS`].
    pub explanations: Vec<Vec<Fix>>,
    /// True when the search stopped at a cap: there may be more.
    pub capped: bool,
}

impl Located {
    /// The number of cells in each explanation (0 when none was found).
    pub fn size(&self) -> usize {
        self.explanations.first().map_or(0, Vec::len)
    }
    /// True when exactly one explanation was found and the search was complete.
    pub fn unique(&self) -> bool {
        self.explanations.len() == 1 && !self.capped
    }
}

/// An interval of integer changes `lo ..= hi` (either side open).
#[derive(Debug, Clone, Copy)]
struct Range {
    lo: Option<f64>,
    hi: Option<f64>,
}

impl Range {
    const ALL: Range = Range { lo: None, hi: None };
    /// Narrowed by `w · d (op) rhs`: `Some(false)` for ≥, `Some(true)` for =.
    fn narrow(mut self, w: f64, rhs: f64, eq: bool) -> Option<Range> {
        if w == 0.0 {
            // The constraint does not involve the variable: it must hold as is.
            let ok = if eq { rhs.abs() < 1e-9 } else { rhs <= 1e-9 };
            return ok.then_some(self);
        }
        let x = rhs / w;
        if eq {
            self.lo = Some(self.lo.map_or(x, |l| l.max(x)));
            self.hi = Some(self.hi.map_or(x, |h| h.min(x)));
        } else if w > 0.0 {
            self.lo = Some(self.lo.map_or(x, |l| l.max(x)));
        } else {
            self.hi = Some(self.hi.map_or(x, |h| h.min(x)));
        }
        Some(self)
    }
    /// The new values (reported + d) allowed, as a [`Need`]: non-negative
    /// integers, the reported value excluded; `None` when none is left.
    fn need(self, reported: u64) -> Option<Need> {
        let v = reported as f64;
        let lo = (v + self.lo.unwrap_or(f64::NEG_INFINITY)).max(0.0);
        let hi = v + self.hi.unwrap_or(f64::INFINITY);
        let lo = (lo - 1e-9).ceil();
        let hi = (hi + 1e-9).floor();
        if lo > hi || !lo.is_finite() || lo > 1e15 {
            return None;
        }
        if lo == hi {
            return (lo != v).then_some(Need::Exactly(lo as u64));
        }
        // A range that holds the reported value: the cell need not change.
        if lo <= v && v <= hi {
            return None;
        }
        Some(if !hi.is_finite() {
            Need::AtLeast(lo as u64)
        } else if lo == 0.0 && hi < v {
            Need::AtMost(hi as u64)
        } else {
            Need::Between(lo as u64, hi.min(1e15) as u64)
        })
    }
}

/// A cell's value as the engine adds it up, when it is a non-negative
/// integer (a blank the engine counts as 0 is a reported 0).
fn reported(table: &Table, r: usize, c: usize) -> Option<u64> {
    let v = table.cell(r, c)?.value.number()?;
    (v >= 0.0 && v.fract() == 0.0 && v < 1e15).then_some(v as u64)
}

/// One relation on the changes of two cells: w[0]·dx + w[1]·dy (= when the
/// flag is set, else ≥) the right-hand side.
type Constraint = ([f64; 2], f64, bool);

/// A cell that may be suggested: (row, column), its reported value, and the
/// instances it takes part in with its weight in each (in order of instance).
struct Member {
    at: (usize, usize),
    found: u64,
    ws: Vec<(usize, f64)>,
}

/// The table's relations as the engine states them: every instance, its
/// residual (`None`: not assessed) and, for each cell, the instances it takes
/// part in with its weight.
struct System<'t> {
    table: &'t Table,
    insts: Vec<Instance>,
    residual: Vec<Option<f64>>,
    eq: Vec<bool>,
    /// Cells that may be suggested, with (instance, weight) for each.
    cells: Vec<Member>,
}

impl<'t> System<'t> {
    fn new(table: &'t Table, insts: Vec<Instance>) -> System<'t> {
        // (Loops rather than iterator chains: each chain is a new copy of
        // library code in the wasm the page loads.)
        let mut residual: Vec<Option<f64>> = Vec::with_capacity(insts.len());
        let mut eq = Vec::with_capacity(insts.len());
        for i in &insts {
            residual.push(i.residual(&|r, c| table.number(r, c)));
            eq.push(i.relation.op == crate::format::Op::Eq);
        }
        // Every cell some instance uses, in table order, with the instances
        // it is in and its weight there (a grid, not a sort: the page loads
        // this code, and every sort instance weighs kilobytes of wasm).
        let width = table.cells.iter().map(Vec::len).max().unwrap_or(0);
        let mut grid: Vec<Vec<(usize, f64)>> = vec![Vec::new(); table.cells.len() * width];
        for (k, i) in insts.iter().enumerate() {
            for &(_, r, c) in i.left.iter().chain(&i.right) {
                let Some(slot) = grid.get_mut(r * width + c).filter(|_| c < width) else {
                    continue;
                };
                if slot.iter().any(|&(kk, _)| kk == k) {
                    continue;
                }
                let w = i.weight(r, c);
                if w != 0.0 {
                    slot.push((k, w));
                }
            }
        }
        let mut cells: Vec<Member> = Vec::new();
        for (n, ws) in grid.into_iter().enumerate() {
            let (r, c) = (n / width, n % width);
            let counted = table.def.rows.get(r).is_some_and(|d| d.kind == Kind::Count);
            // Not next to an unread cell: every instance it is in was assessed.
            let Some(found) = reported(table, r, c).filter(|_| !ws.is_empty() && counted) else {
                continue;
            };
            if ws.iter().all(|&(k, _)| residual[k].is_some()) {
                cells.push(Member { at: (r, c), found, ws });
            }
        }
        System {
            table,
            insts,
            residual,
            eq,
            cells,
        }
    }

    fn holds(&self, k: usize) -> bool {
        match self.residual[k] {
            Some(r) if self.eq[k] => r.abs() < 1e-9,
            Some(r) => r >= -1e-9,
            None => true,
        }
    }

    /// Verifies a candidate with the engine over every assessed instance.
    fn verified(&self, fixes: &[Fix]) -> bool {
        let mut over: Vec<((usize, usize), f64)> = Vec::with_capacity(fixes.len());
        for f in fixes {
            over.push(((f.row, f.column), f.need.nearest(f.found) as f64));
        }
        for (k, i) in self.insts.iter().enumerate() {
            let value = |r: usize, c: usize| match over.iter().find(|(at, _)| *at == (r, c)) {
                Some(&(_, v)) => Some(v),
                None => self.table.number(r, c),
            };
            if self.residual[k].is_some() && i.holds(&value) != Some(true) {
                return false;
            }
        }
        true
    }

    /// The one-cell explanation through cell `i`, if any.
    fn single(&self, i: usize) -> Option<Vec<Fix>> {
        let Member { at, found, ws } = &self.cells[i];
        let mut range = Range::ALL;
        for &(k, w) in ws {
            // residual + w·d (op) 0  ⇔  w·d (op) −residual
            range = range.narrow(w, -self.residual[k]?, self.eq[k])?;
        }
        let need = range.need(*found)?;
        let fixes = vec![Fix {
            row: at.0,
            column: at.1,
            found: *found,
            need,
        }];
        self.verified(&fixes).then_some(fixes)
    }

    /// The two-cell explanation through cells `i` and `j`, if any.
    /// (`cons`: room for its constraints, reused from pair to pair.)
    fn pair(&self, i: usize, j: usize, cons: &mut Vec<Constraint>) -> Option<Vec<Fix>> {
        let at = [self.cells[i].at, self.cells[j].at];
        let found = [self.cells[i].found, self.cells[j].found];
        // w[0]·dx + w[1]·dy (= or ≥) rhs, one per instance either is in, in order of instance
        // (each cell's instances are listed in that order).
        let (a, b) = (&self.cells[i].ws, &self.cells[j].ws);
        cons.clear();
        let (mut x, mut y) = (0, 0);
        while x < a.len() || y < b.len() {
            let (ka, kb) = (a.get(x).map_or(usize::MAX, |p| p.0), b.get(y).map_or(usize::MAX, |p| p.0));
            let k = ka.min(kb);
            let mut w = [0.0, 0.0];
            if ka == k {
                w[0] = a[x].1;
                x += 1;
            }
            if kb == k {
                w[1] = b[y].1;
                y += 1;
            }
            cons.push((w, -self.residual[k]?, self.eq[k]));
        }
        let cons = &cons[..];
        // Two independent equations fix both changes; else one equation in
        // one change alone fixes that one.
        let mut d: [Option<f64>; 2] = [None, None];
        'both: for (n, a) in cons.iter().enumerate() {
            for b in &cons[n + 1..] {
                let det = a.0[0] * b.0[1] - b.0[0] * a.0[1];
                if a.2 && b.2 && det.abs() > 1e-9 {
                    d = [Some((a.1 * b.0[1] - b.1 * a.0[1]) / det), Some((a.0[0] * b.1 - b.0[0] * a.1) / det)];
                    break 'both;
                }
            }
        }
        if d == [None, None] {
            for c in cons {
                if c.2 && (c.0[0] == 0.0) != (c.0[1] == 0.0) {
                    let v = usize::from(c.0[0] == 0.0);
                    d[v] = Some(c.1 / c.0[v]);
                    break;
                }
            }
            // Only the two changes' sum is fixed: no value to suggest.
            if d == [None, None] && cons.iter().any(|c| c.0[0] != 0.0 && c.0[1] != 0.0) {
                return None;
            }
        }
        // Each change not fixed: its range, the other's change put in.
        let mut fixes = Vec::with_capacity(2);
        for v in 0..2 {
            let mut range = Range { lo: d[v], hi: d[v] };
            if d[v].is_none() {
                for c in cons.iter().filter(|c| c.0[v] != 0.0) {
                    range = range.narrow(c.0[v], c.1 - c.0[1 - v] * d[1 - v].unwrap_or(0.0), c.2)?;
                }
            }
            fixes.push(Fix {
                row: at[v].0,
                column: at[v].1,
                found: found[v],
                need: range.need(found[v])?,
            });
        }
        self.verified(&fixes).then_some(fixes)
    }
}

/// The search over one table, up to `max_size` cells (1 or 2); `None` when
/// every relation holds (or none could be assessed).
pub fn locate_up_to(table: &Table, max_size: usize) -> Option<Located> {
    // Most tables hold: answer that before any further work.
    let insts = arith::all_instances(table.def);
    if insts.iter().all(|i| i.holds(&|r, c| table.number(r, c)) != Some(false)) {
        return None;
    }
    let sys = System::new(table, insts);
    let mut failing: Vec<usize> = Vec::new();
    for k in 0..sys.insts.len() {
        if sys.residual[k].is_some() && !sys.holds(k) {
            failing.push(k);
        }
    }
    if failing.is_empty() {
        return None;
    }
    // In the order of the table's relations (B001, B002, B003), each once.
    let mut codes: Vec<&'static str> = Vec::new();
    for &k in &failing {
        let code = sys.insts[k].relation.code;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let mut out = Located {
        codes,
        failing: failing.len(),
        not_assessed: sys.residual.iter().filter(|r| r.is_none()).count(),
        explanations: Vec::new(),
        capped: false,
    };
    // The most instances one cell takes part in: more failing than two cells
    // reach cannot be explained by two.
    let reach = sys.cells.iter().map(|m| m.ws.len()).max().unwrap_or(0);
    if failing.len() > 2 * reach {
        return Some(out);
    }
    // touch[i * nf + n]: cell i takes part in failing instance failing[n].
    let nf = failing.len();
    let mut touch = vec![false; sys.cells.len() * nf];
    for (i, m) in sys.cells.iter().enumerate() {
        for (n, &k) in failing.iter().enumerate() {
            touch[i * nf + n] = m.ws.iter().any(|&(kk, _)| kk == k);
        }
    }
    let touch = &touch[..];
    // One cell: it must be in every failing instance.
    if failing.len() <= reach {
        for i in 0..sys.cells.len() {
            if !touch[i * nf..(i + 1) * nf].iter().all(|&t| t) {
                continue;
            }
            if let Some(e) = sys.single(i) {
                out.explanations.push(e);
                if out.explanations.len() >= MAX_EXPLANATIONS {
                    out.capped = true;
                    break;
                }
            }
        }
    }
    if !out.explanations.is_empty() || max_size < 2 {
        return Some(out);
    }
    // Two cells: the first in the first failing instance, the second in
    // every failing instance the first is not in.
    let mut tried = 0usize;
    let mut cons = Vec::new();
    'outer: for i in (0..sys.cells.len()).filter(|&i| touch[i * nf]) {
        let rest: Vec<usize> = (0..nf).filter(|&n| !touch[i * nf + n]).collect();
        for j in 0..sys.cells.len() {
            if j == i || !rest.iter().all(|&n| touch[j * nf + n]) {
                continue;
            }
            // A pair with both in the first failing instance is met twice.
            if j < i && touch[j * nf] {
                continue;
            }
            let key = (i.min(j), i.max(j));
            tried += 1;
            if tried > MAX_PAIRS {
                out.capped = true;
                break 'outer;
            }
            if let Some(e) = sys.pair(key.0, key.1, &mut cons) {
                out.explanations.push(e);
                if out.explanations.len() >= MAX_EXPLANATIONS {
                    out.capped = true;
                    break 'outer;
                }
            }
        }
    }
    // At most MAX_EXPLANATIONS: an insertion sort.
    let key = |e: &Vec<Fix>| {
        let at = |k: usize| e.get(k).map_or((0, 0), |f| (f.row, f.column));
        (at(0), at(1))
    };
    crate::sort::insertion_sort(&mut out.explanations, |a, b| key(a) < key(b));
    Some(out)
}

/// [`locate_up_to`] two cells.
pub fn locate(table: &Table) -> Option<Located> {
    locate_up_to(table, 2)
}
