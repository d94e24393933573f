//! The arithmetic of [`format`](crate::format), evaluated. Each relation is
//! expanded over the rows or columns it applies to ([`Instance`]) and its two
//! sides are added up over any source of cell values: a lookup
//! `(row, column) → Option<value>`. The module knows nothing of parsed tables
//! or findings, so the table reader (its hint on run-together digits), the
//! rules (their checks) and L001's search all evaluate the same arithmetic.

use crate::format::{Each, Op, Relation, Sel, TableDef, Term};

/// A cell's value for arithmetic, `None` when it could not be read.
pub type Lookup<'a> = &'a dyn Fn(usize, usize) -> Option<f64>;

/// Both sides of an instance added up, or the cells (row, column) that
/// could not be read.
pub type Sides = Result<(f64, f64), Vec<(usize, usize)>>;

/// One term of an instance: (negative, row, column).
pub type Cell = (bool, usize, usize);

/// One instance of a relation: the row or column it is checked on.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The relation, with the code it is reported under (B001, …).
    pub relation: &'static Relation,
    /// The row (for `Each::Row(s)`) or column (for `Each::Column`).
    pub index: usize,
    /// The cells of the left side (for a sum: the total).
    pub left: Vec<Cell>,
    /// The cells of the right side (for a sum: the parts).
    pub right: Vec<Cell>,
}

/// A term with its rows found: the columns (of the row checked) or the rows
/// (of the column checked) `from..to` it takes, added or taken away.
#[derive(Clone, Copy)]
struct Placed {
    negative: bool,
    columns: bool,
    from: usize,
    to: usize,
}

/// The terms of one side of a relation with their rows found (once for all its instances).
fn place(def: &TableDef, terms: &[Term]) -> Vec<Placed> {
    let at = |negative: bool, columns: bool, range: Option<(usize, usize)>| {
        let (from, to) = range.unwrap_or((0, 0));
        Placed {
            negative,
            columns,
            from,
            to,
        }
    };
    terms
        .iter()
        .map(|t| match t.sel {
            Sel::Col(c) => at(t.negative, true, Some((c, c + 1))),
            Sel::Cols(a, b) => at(t.negative, true, Some((a, b))),
            Sel::Row(id) => at(t.negative, false, def.row_index(id).map(|r| (r, r + 1))),
            Sel::Rows(a, b) => at(t.negative, false, def.row_index(a).zip(def.row_index(b))),
        })
        .collect()
}

/// The instance of `relation` (its sides placed: `left`, `right`) on one row
/// (`row`) or column (`col`), `index` being that row or column.
fn instance(
    relation: &'static Relation,
    (left, right): (&[Placed], &[Placed]),
    row: Option<usize>,
    col: Option<usize>,
    index: usize,
) -> Instance {
    let side = |terms: &[Placed]| -> Vec<Cell> {
        let mut cells = Vec::new();
        for t in terms {
            match (t.columns, row, col) {
                (true, Some(r), _) => cells.extend((t.from..t.to).map(|c| (t.negative, r, c))),
                (false, _, Some(c)) => cells.extend((t.from..t.to).map(|r| (t.negative, r, c))),
                _ => {}
            }
        }
        cells
    };
    Instance {
        relation,
        index,
        left: side(left),
        right: side(right),
    }
}

/// Every instance of a relation in a table's layout.
pub fn instances(def: &TableDef, relation: &'static Relation) -> Vec<Instance> {
    let (left, right) = (place(def, relation.left), place(def, relation.right));
    let sides = (&left[..], &right[..]);
    let on_row = |r: usize| instance(relation, sides, Some(r), None, r);
    match relation.each {
        Each::Row => (0..def.rows.len()).map(on_row).collect(),
        Each::Rows(ids) => ids.iter().filter_map(|id| def.row_index(id)).map(on_row).collect(),
        Each::Column => (0..def.columns.len())
            .map(|c| instance(relation, sides, None, Some(c), c))
            .collect(),
    }
}

/// Every instance of every relation of a table's layout.
pub fn all_instances(def: &TableDef) -> Vec<Instance> {
    def.relations.iter().flat_map(|r| instances(def, r)).collect()
}

fn sum(terms: &[Cell], value: Lookup) -> Result<f64, Vec<(usize, usize)>> {
    let mut missing = Vec::new();
    let mut total = 0.0;
    for &(neg, r, c) in terms {
        match value(r, c) {
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

impl Instance {
    /// Both sides added up; the cells that could not be read when a side
    /// cannot be.
    pub fn sides(&self, value: Lookup) -> Sides {
        match (sum(&self.left, value), sum(&self.right, value)) {
            (Ok(l), Ok(r)) => Ok((l, r)),
            (a, b) => {
                let mut m = a.err().unwrap_or_default();
                m.extend(b.err().unwrap_or_default());
                Err(m)
            }
        }
    }

    /// Whether the relation holds for these sides.
    pub fn holds_for(&self, left: f64, right: f64) -> bool {
        match self.relation.op {
            Op::Eq => (left - right).abs() < 1e-9,
            Op::Ge => left + 1e-9 >= right,
        }
    }

    /// Whether it holds (`None`: a cell it needs could not be read).
    pub fn holds(&self, value: Lookup) -> Option<bool> {
        self.sides(value).ok().map(|(l, r)| self.holds_for(l, r))
    }

    /// How far it is from holding: left − right (for `Op::Ge` it holds when
    /// this is ≥ 0, for `Op::Eq` when it is 0); `None` when a cell it needs
    /// could not be read.
    pub fn residual(&self, value: Lookup) -> Option<f64> {
        self.sides(value).ok().map(|(l, r)| l - r)
    }

    /// How left − right moves when cell (r, c) grows by one (0 when the
    /// cell takes no part).
    pub fn weight(&self, r: usize, c: usize) -> f64 {
        let w = |terms: &[Cell]| -> f64 {
            terms
                .iter()
                .filter(|&&(_, tr, tc)| (tr, tc) == (r, c))
                .map(|&(neg, _, _)| if neg { -1.0 } else { 1.0 })
                .sum()
        };
        w(&self.left) - w(&self.right)
    }
}

/// Whether the relations that `def` checks on each row hold for one row's
/// figures (`values[c]` for column `c`): `None` when none applies to the row
/// or a figure it needs is missing. Used only to tell a reviewer which
/// reading of run-together digits adds up — never to choose one.
pub fn row_holds(def: &TableDef, row: usize, values: &[u64]) -> Option<bool> {
    let value = |r: usize, c: usize| if r == row { values.get(c).map(|&v| v as f64) } else { None };
    let mut any = None;
    let applies = |rel: &Relation| match rel.each {
        Each::Row => row < def.rows.len(),
        Each::Rows(ids) => ids.iter().any(|id| def.row_index(id) == Some(row)),
        Each::Column => false,
    };
    for inst in def
        .relations
        .iter()
        .filter(|rel| applies(rel))
        .map(|rel| instance(rel, (&place(def, rel.left), &place(def, rel.right)), Some(row), None, row))
    {
        let holds = inst.holds(&value)?;
        any = Some(any.unwrap_or(true) && holds);
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{TABLE_A, TABLE_B, TABLE_C};

    #[test]
    fn row_sums_of_table_b() {
        let new = TABLE_B.row_index("new").unwrap();
        assert_eq!(row_holds(&TABLE_B, new, &[5, 1, 0, 0, 0, 0, 6]), Some(true));
        assert_eq!(row_holds(&TABLE_B, new, &[5, 1, 0, 0, 0, 0, 7]), Some(false));
        assert_eq!(row_holds(&TABLE_B, new, &[5, 1]), None);
    }

    #[test]
    fn inequality_of_table_a_and_groups_of_table_c() {
        // 规章: 本年制发 3, 本年废止 1, 现行有效 2 holds (2 ≥ 3 − 1); 1 does not.
        assert_eq!(row_holds(&TABLE_A, 0, &[3, 1, 2]), Some(true));
        assert_eq!(row_holds(&TABLE_A, 0, &[3, 1, 1]), Some(false));
        let group: Vec<u64> = vec![1, 2, 0, 0, 3];
        assert_eq!(row_holds(&TABLE_C, 0, &group), Some(true));
    }

    #[test]
    fn residual_and_weight_of_a_column_sum() {
        let def = &TABLE_B;
        let inst = all_instances(def)
            .into_iter()
            .find(|i| i.relation.code == crate::format::B_COLUMN_TOTAL.code && i.index == 0)
            .unwrap();
        let total = def.row_index("total").unwrap();
        let value = |r: usize, _c: usize| Some(if r == total { 10.0 } else { 1.0 });
        let parts = inst.right.len() as f64;
        assert_eq!(inst.residual(&value), Some(10.0 - parts));
        assert_eq!(inst.weight(total, 0), 1.0);
        assert_eq!(inst.weight(total, 1), 0.0);
        let unread = |_: usize, _: usize| None;
        assert_eq!(inst.holds(&unread), None);
    }
}
