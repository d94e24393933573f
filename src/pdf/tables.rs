//! Tables found from the lines alone, where no rules are drawn: runs of lines whose cells stand
//! in the columns of rows that hold figures; a cell's wrapped lines joined.

use super::lines::{Frag, Line};

/// A column of a table: the extent its cells cover.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub(super) x0: f64,
    pub(super) x1: f64,
}

/// The columns of rows holding figures: cells that overlap (within 0.2 em) are one column.
pub(super) fn columns_of<'a>(rows: impl Iterator<Item = &'a Line>) -> Vec<Column> {
    let mut cols: Vec<Column> = Vec::new();
    for l in rows {
        add_columns(&mut cols, l);
    }
    crate::sort::merge_sort(&mut cols, by_left);
    cols
}

/// The columns with a line's cells added: each cell joins the columns it overlaps (the result
/// is the same whatever the columns' order, so a table's columns grow line by line).
fn add_columns(cols: &mut Vec<Column>, l: &Line) {
    for c in &l.cells {
        let tol = 0.2 * c.em;
        let hits: Vec<usize> = (0..cols.len())
            .filter(|&k| c.x0 < cols[k].x1 + tol && c.x1 > cols[k].x0 - tol)
            .collect();
        let mut col = Column { x0: c.x0, x1: c.x1 };
        for &k in hits.iter().rev() {
            col.x0 = col.x0.min(cols[k].x0);
            col.x1 = col.x1.max(cols[k].x1);
            cols.remove(k);
        }
        cols.push(col);
    }
}

/// Columns left to right.
fn by_left(a: &Column, b: &Column) -> bool {
    a.x0.total_cmp(&b.x0).is_lt()
}

/// The column a cell stands in: the one it overlaps most, else the nearest.
pub(super) fn column_of(cols: &[Column], c: &Frag) -> usize {
    let mut best = (f64::MIN, 0usize);
    for (k, col) in cols.iter().enumerate() {
        let overlap = c.x1.min(col.x1) - c.x0.max(col.x0);
        if overlap > best.0 {
            best = (overlap, k);
        }
    }
    best.1
}

/// True when every cell of a non-figure line stands within one or two columns of the table
/// (a paragraph line runs across many).
pub(super) fn fits(cols: &[Column], l: &Line) -> bool {
    let (Some(first), Some(last)) = (cols.first(), cols.last()) else {
        return false;
    };
    l.cells.iter().all(|c| {
        let tol = c.em;
        // (a header's words may run on past the figures under them)
        if c.x0 < first.x0 - tol || c.x1 > last.x1 + 10.0 * tol {
            return false;
        }
        cols.iter().filter(|k| c.x1.min(k.x1) - c.x0.max(k.x0) > 0.2 * c.em).count() <= 2
    })
}

/// One row of a table being assembled: per column, the fragments in reading order.
pub(super) struct Row {
    pub(super) cells: Vec<Vec<Frag>>,
}

/// A table: runs of lines (by index) and their rows.
pub(super) struct Table {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) rows: Vec<Row>,
}

/// The tables: those drawn as grids (`drawn`, in order), and those found among the lines
/// between them.
pub(super) fn tables(lines: &[Line], drawn: Vec<Table>) -> Vec<Table> {
    let mut out = Vec::new();
    let mut from = 0;
    for t in drawn {
        out.extend(found(&lines[from..t.first]).into_iter().map(|f| f.shifted(from)));
        from = t.last + 1;
        out.push(t);
    }
    out.extend(found(&lines[from..]).into_iter().map(|f| f.shifted(from)));
    out
}

impl Table {
    fn shifted(self, by: usize) -> Table {
        Table {
            first: self.first + by,
            last: self.last + by,
            ..self
        }
    }
}

/// Finds the tables among the lines and assembles their rows.
fn found(lines: &[Line]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].has_value() {
            i += 1;
            continue;
        }
        // Extend over lines that fit, as long as rows with figures keep coming.
        let start_anchor = i;
        let mut last_anchor = i;
        let mut cols = columns_of(std::iter::once(&lines[i]));
        let mut j = i + 1;
        while j < lines.len() {
            if lines[j].has_value() {
                // (the columns of the figure lines from the first to this one)
                let mut with = cols.clone();
                add_columns(&mut with, &lines[j]);
                crate::sort::merge_sort(&mut with, by_left);
                // A row of figures in quite other columns is another table.
                if with.len() > cols.len() + 3 && cols.len() >= 3 {
                    break;
                }
                std::mem::swap(&mut cols, &mut with);
                last_anchor = j;
            } else if !fits(&cols, &lines[j]) {
                break;
            }
            j += 1;
        }
        // Lines after the last row of figures that fit belong to it (wrapped labels, blank rows)
        // only until a line that does not fit; lines before the first (the header) likewise.
        let mut last = last_anchor;
        while last + 1 < j && fits(&cols, &lines[last + 1]) {
            last += 1;
        }
        let mut first = start_anchor;
        let floor = out.last().map_or(0, |t: &Table| t.last + 1);
        while first > floor && !lines[first - 1].has_value() && fits(&cols, &lines[first - 1]) {
            first -= 1;
        }
        let cols = columns_of(lines[first..=last].iter().filter(|l| l.has_value()));
        out.push(Table {
            first,
            last,
            rows: rows(&lines[first..=last], &cols),
        });
        i = last + 1;
    }
    out
}

/// The rows of a table's lines: a line with figures starts a row; a line each of whose cells
/// continues a cell of the row above that was filled to its column's right edge (a wrapped
/// label) joins that row; any other line is a row of its own.
pub(super) fn rows(lines: &[Line], cols: &[Column]) -> Vec<Row> {
    // How far right each column's text reaches: a cell that ends near it was wrapped.
    let mut right = vec![f64::MIN; cols.len()];
    for l in lines {
        for c in &l.cells {
            let k = column_of(cols, c);
            right[k] = right[k].max(c.x1);
        }
    }
    let mut out: Vec<Row> = Vec::new();
    for l in lines {
        let continues = !l.has_value()
            && out.last().is_some_and(|row: &Row| {
                l.cells.iter().all(|c| {
                    let k = column_of(cols, c);
                    row.cells[k]
                        .last()
                        .is_some_and(|above| above.x1 >= right[k] - 1.5 * above.em && (c.x0 - above.x0).abs() <= 1.5 * c.em)
                })
            });
        if !continues {
            out.push(Row {
                cells: vec![Vec::new(); cols.len()],
            });
        }
        let row = out.last_mut().expect("a row was pushed");
        for c in &l.cells {
            row.cells[column_of(cols, c)].push(c.clone());
        }
    }
    out
}
