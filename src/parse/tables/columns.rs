//! Layout columns: in text that kept the page's layout (PDF text extracted
//! with positions), a figure's column is where it stands. An extractor does
//! not keep absolute places exactly (a wide label shifts its line), but it
//! keeps the distances between the figures of a row: the columns are learnt
//! as offsets from a row's first figure, from the rows that hold all their
//! figures, and a row with fewer figures is placed where its distances fit
//! exactly one choice of columns — so an empty cell is found in its place
//! rather than guessed from the count.
//!
//! The extractor lays out each page on its own (the same column stands 7
//! display columns after the first on one page and 4 on the next), so the
//! columns are learnt page by page where a page has enough full rows, and
//! from the whole table otherwise.

use super::lines::{width, Group};
use crate::text::tokens::Tok;

/// Each value column's offset (display columns) from the first: the whole
/// table's, and each page's own where its rows agree on them.
#[derive(Debug, Clone)]
pub struct Columns {
    offsets: Option<Vec<f64>>,
    /// The line each page starts at (pages after the first), and each page's offsets.
    page_starts: Vec<usize>,
    pages: Vec<Option<Vec<f64>>>,
}

/// How many full rows must agree on the columns.
const MIN_ROWS: usize = 3;
/// How far a figure may stand from its column's place.
const TOLERANCE: f64 = 1.5;

fn centre(g: &Group, k: usize) -> f64 {
    let len: usize = match &g.values[k].tok {
        Tok::Num(s) | Tok::Blank(s) => s.chars().map(width).sum(),
        _ => 1,
    };
    g.cols[k] as f64 + len as f64 / 2.0
}

/// The columns of rows `width` figures wide, when at least three laid-out
/// rows of that many figures agree on them: on the whole, and on each page
/// (`page_starts`: the lines where a new page starts, form feeds).
pub fn learn(groups: &[Group], width: usize, page_starts: &[usize]) -> Option<Columns> {
    let full: Vec<&Group> = groups.iter().filter(|g| !g.tabbed && g.values.len() == width).collect();
    let page = |line: usize| page_starts.iter().take_while(|&&s| s <= line).count();
    let pages: Vec<Option<Vec<f64>>> = (0..=page_starts.len())
        .map(|p| offsets(&full.iter().copied().filter(|g| page(g.line) == p).collect::<Vec<_>>(), width))
        .collect();
    let offsets = offsets(&full, width);
    if offsets.is_none() && pages.iter().all(Option::is_none) {
        return None;
    }
    Some(Columns {
        offsets,
        page_starts: page_starts.to_vec(),
        pages,
    })
}

/// The offsets `full` rows agree on.
fn offsets(full: &[&Group], width: usize) -> Option<Vec<f64>> {
    if full.len() < MIN_ROWS || width < 2 {
        return None;
    }
    let mut offsets = Vec::with_capacity(width);
    for k in 0..width {
        let mut xs: Vec<f64> = full.iter().map(|g| centre(g, k) - centre(g, 0)).collect();
        super::align::insertion_sort(&mut xs, |a, b| a < b);
        let median = xs[xs.len() / 2];
        let agree = xs.iter().filter(|x| (**x - median).abs() <= TOLERANCE).count();
        if agree * 3 < xs.len() * 2 {
            return None;
        }
        offsets.push(median);
    }
    // The columns must stand apart, more than the tolerance on either side.
    if offsets.windows(2).any(|w| w[1] - w[0] <= 2.0 * TOLERANCE) {
        return None;
    }
    Some(offsets)
}

impl Columns {
    /// For each column, the index of the figure of `g` standing in it
    /// (`None`: the cell is empty), when exactly one choice of columns fits
    /// the figures' distances.
    pub fn place(&self, g: &Group) -> Option<Vec<Option<usize>>> {
        let page = self.page_starts.iter().take_while(|&&s| s <= g.line).count();
        let offsets = self.pages.get(page).and_then(Option::as_ref).or(self.offsets.as_ref())?;
        let n = g.values.len();
        let w = offsets.len();
        if g.tabbed || n == 0 || n >= w {
            return None;
        }
        let xs: Vec<f64> = (0..n).map(|k| centre(g, k)).collect();
        let mut fits: Vec<Vec<usize>> = Vec::new();
        let mut pick: Vec<usize> = Vec::with_capacity(n);
        choose(offsets, &xs, 0, &mut pick, &mut fits);
        if fits.len() != 1 {
            return None;
        }
        let mut out = vec![None; w];
        for (k, &c) in fits[0].iter().enumerate() {
            out[c] = Some(k);
        }
        Some(out)
    }
}

/// Every increasing choice of columns under which each figure stands
/// within the tolerance of its column (the row shifted as a whole).
fn choose(offsets: &[f64], xs: &[f64], from: usize, pick: &mut Vec<usize>, fits: &mut Vec<Vec<usize>>) {
    if fits.len() > 1 {
        return;
    }
    if pick.len() == xs.len() {
        let shift = xs[0] - offsets[pick[0]];
        if pick.iter().zip(xs).all(|(&c, x)| (x - shift - offsets[c]).abs() <= TOLERANCE) {
            fits.push(pick.clone());
        }
        return;
    }
    let left = xs.len() - pick.len();
    for c in from..=offsets.len() - left {
        pick.push(c);
        choose(offsets, xs, c + 1, pick, fits);
        pick.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;
    use crate::text::Span;

    /// Three full rows around `third` (laid out with spaces, as PDF text keeps them).
    fn rows(third: &str) -> String {
        format!(
            "一、本年新收   2    0    0    0    0    0    2\n二、上年结转   0    0    0    0    0    0    0\n{third}\n（二）部分公开 3    1    0    0    0    0    4\n"
        )
    }

    fn groups(text: &str) -> Vec<Group> {
        let toks = tokenize(text, Span::new(0, text.len()));
        super::super::lines::observe(text, &toks).groups
    }

    #[test]
    fn an_empty_cell_is_found_in_its_place() {
        let g = groups(&rows("（一）予以公开 1    0         0    0    0    1"));
        let c = learn(&g, 7, &[]).expect("three full rows agree");
        assert_eq!(
            c.place(&g[2]),
            Some(vec![Some(0), Some(1), None, Some(2), Some(3), Some(4), Some(5)])
        );
    }

    #[test]
    fn distances_that_fit_no_place_are_not_guessed() {
        let g = groups(&rows("（一）予以公开 1  0    0    0    0    1"));
        let c = learn(&g, 7, &[]).expect("three full rows agree");
        assert_eq!(c.place(&g[2]), None);
    }

    #[test]
    fn each_page_keeps_its_own_columns() {
        // Page 1 spaced 5 apart, page 2 (after a form feed) 4 apart: learnt as one, the
        // rows disagree; page by page, the empty cell of page 2 is found in its place.
        let page1 = "一、本年新收 2    0    0    0    0    0    2\n二、上年结转 0    0    0    0    0    0    0\n（一）予以公开 1    0    0    0    0    0    1\n";
        let page2 = "\u{c}1.属于国家秘密 0   0   0   0   0   0   0\n2.其他法律 0   0   0   0   0   0   0\n3.危及 0   0   0   0   0   0   0\n4.保护第三方 0   0       0   0   0   0\n";
        let text = format!("{page1}{page2}");
        let g = groups(&text);
        assert!(learn(&g, 7, &[]).is_none_or(|c| c.place(&g[6]).is_none()));
        let c = learn(&g, 7, &[3]).expect("each page's rows agree");
        assert_eq!(
            c.place(&g[6]),
            Some(vec![Some(0), Some(1), None, Some(2), Some(3), Some(4), Some(5)])
        );
    }
}
