//! Layout columns: in text that kept the page's layout (PDF text extracted
//! with positions), a figure's column is where it stands. The columns'
//! positions are learnt from the rows that hold all their figures; a row with
//! fewer figures has each one placed under the column it stands in, so an
//! empty cell is found in its place rather than guessed from the count.

use super::lines::{width, Group};
use crate::text::tokens::Tok;

/// The centre (display column) of each value column.
#[derive(Debug, Clone)]
pub struct Columns {
    centres: Vec<f64>,
}

/// The most rows that must agree on the columns' places.
const MIN_ROWS: usize = 3;

fn centre(g: &Group, k: usize) -> f64 {
    let len: usize = match &g.values[k].tok {
        Tok::Num(s) | Tok::Blank(s) => s.chars().map(width).sum(),
        _ => 1,
    };
    g.cols[k] as f64 + len as f64 / 2.0
}

/// The columns of `width` figures, when at least three laid-out rows of that
/// many figures agree on them (each centre within two columns of the median).
pub fn learn(groups: &[Group], width: usize) -> Option<Columns> {
    let full: Vec<&Group> = groups.iter().filter(|g| !g.tabbed && g.values.len() == width).collect();
    if full.len() < MIN_ROWS || width < 2 {
        return None;
    }
    let mut centres = Vec::with_capacity(width);
    for k in 0..width {
        let mut xs: Vec<f64> = full.iter().map(|g| centre(g, k)).collect();
        xs.sort_by(f64::total_cmp);
        let median = xs[xs.len() / 2];
        let agree = xs.iter().filter(|x| (**x - median).abs() <= 2.0).count();
        if agree * 3 < xs.len() * 2 {
            return None;
        }
        centres.push(median);
    }
    // The columns must be apart from each other.
    if centres.windows(2).any(|w| w[1] - w[0] < 2.0) {
        return None;
    }
    Some(Columns { centres })
}

impl Columns {
    /// For each column, the index of the figure of `g` standing under it
    /// (`None`: the cell is empty). `None` when a figure stands under no
    /// column or two stand under one.
    pub fn place(&self, g: &Group) -> Option<Vec<Option<usize>>> {
        if g.tabbed {
            return None;
        }
        let mut out: Vec<Option<usize>> = vec![None; self.centres.len()];
        for k in 0..g.values.len() {
            let x = centre(g, k);
            let (best, d) = self
                .centres
                .iter()
                .enumerate()
                .map(|(i, c)| (i, (c - x).abs()))
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            let half_gap = self.gap(best) / 2.0;
            if d >= half_gap || out[best].is_some() {
                return None;
            }
            out[best] = Some(k);
        }
        Some(out)
    }

    /// The distance from column `i` to its nearest neighbour.
    fn gap(&self, i: usize) -> f64 {
        let c = &self.centres;
        let left = if i > 0 { c[i] - c[i - 1] } else { f64::INFINITY };
        let right = if i + 1 < c.len() { c[i + 1] - c[i] } else { f64::INFINITY };
        left.min(right)
    }
}
