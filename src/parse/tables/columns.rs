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
//!
//! Where those columns place a short row nowhere (a page whose rows are laid
//! out two ways: the rows with an item number, `1.属于…`, apart from those
//! above them), the row's own nearest full rows decide: the nearest full row
//! above and below it on its page whose label has the same shape (an item
//! number or none), or the two nearest on one side where the other has none.
//! They must agree on the columns, and the row must fit them in exactly one
//! way, or it is not placed.

use super::lines::{display_width, Group};
use crate::text::tokens::Tok;

/// Each value column's offset (display columns) from the first: the whole
/// table's, and each page's own where its rows agree on them.
#[derive(Debug, Clone)]
pub struct Columns<'t> {
    offsets: Option<Vec<f64>>,
    /// The line each page starts at (pages after the first), and each page's offsets.
    page_starts: Vec<usize>,
    pages: Vec<Option<Vec<f64>>>,
    /// The full rows laid out with spaces, in order.
    full: Vec<Group<'t>>,
    width: usize,
}

/// How many full rows must agree on the columns (a page's, the whole table's).
const MIN_ROWS: usize = 3;
/// How many nearest full rows must agree on a short row's columns.
const NEIGHBOURS: usize = 2;
/// How far a figure may stand from its column's place.
const TOLERANCE: f64 = 1.5;

fn centre(g: &Group, k: usize) -> f64 {
    let len: usize = match &g.values[k].tok {
        Tok::Num(s) | Tok::Blank(s) => display_width(s),
        _ => 1,
    };
    g.cols[k] as f64 + len as f64 / 2.0
}

/// The columns of rows `width` figures wide, where laid-out rows of that
/// many figures show them: at least three agreeing on the whole, or on each
/// page (`page_starts`: the lines where a new page starts, form feeds), or
/// two nearest a short row (see [`Columns::place`]).
pub fn learn<'t>(groups: &[Group<'t>], width: usize, page_starts: &[usize]) -> Option<Columns<'t>> {
    let full: Vec<&Group> = groups.iter().filter(|g| !g.tabbed && g.values.len() == width).collect();
    if full.len() < NEIGHBOURS || width < 2 {
        return None;
    }
    let page = |line: usize| page_of(page_starts, line);
    let pages: Vec<Option<Vec<f64>>> = (0..=page_starts.len())
        .map(|p| {
            offsets(
                &full.iter().copied().filter(|g| page(g.line) == p).collect::<Vec<_>>(),
                width,
                MIN_ROWS,
            )
        })
        .collect();
    Some(Columns {
        offsets: offsets(&full, width, MIN_ROWS),
        page_starts: page_starts.to_vec(),
        pages,
        full: full.into_iter().cloned().collect(),
        width,
    })
}

fn page_of(page_starts: &[usize], line: usize) -> usize {
    page_starts.iter().take_while(|&&s| s <= line).count()
}

/// Whether the row's label starts with an item number (`1.属于…`, `2. 其他…`).
fn item_numbered(g: &Group) -> bool {
    g.prefix.iter().any(|s| {
        let t = s.text.trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && t[digits..].starts_with(['.', '．', '、'])
    })
}

/// The offsets at least `min` `full` rows agree on.
fn offsets(full: &[&Group], width: usize, min: usize) -> Option<Vec<f64>> {
    if full.len() < min || width < 2 {
        return None;
    }
    let mut offsets = Vec::with_capacity(width);
    for k in 0..width {
        let mut xs: Vec<f64> = full.iter().map(|g| centre(g, k) - centre(g, 0)).collect();
        crate::sort::insertion_sort(&mut xs, |a, b| a < b);
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

impl Columns<'_> {
    /// For each column, the index of the figure of `g` standing in it
    /// (`None`: the cell is empty), when exactly one choice of columns fits
    /// the figures' distances: under the page's (or the table's) columns,
    /// or, where those fit none or are unknown, under its nearest full rows'.
    pub fn place(&self, g: &Group) -> Option<Vec<Option<usize>>> {
        if g.tabbed || g.values.is_empty() || g.values.len() >= self.width {
            return None;
        }
        let page = page_of(&self.page_starts, g.line);
        let learnt = self.pages.get(page).and_then(Option::as_ref).or(self.offsets.as_ref());
        match learnt.map(|o| fit_one(o, g)) {
            Some(Fit::One(c)) => Some(c),
            Some(Fit::Many) => None,
            Some(Fit::None) | None => match fit_one(&self.neighbours(g)?, g) {
                Fit::One(c) => Some(c),
                Fit::Many | Fit::None => None,
            },
        }
    }

    /// The columns `g`'s nearest full rows agree on: on its page, with a
    /// label of the same shape, the nearest above and below it, or the two
    /// nearest on one side where the other has none.
    fn neighbours(&self, g: &Group) -> Option<Vec<f64>> {
        let page = page_of(&self.page_starts, g.line);
        let item = item_numbered(g);
        let like: Vec<&Group> = self
            .full
            .iter()
            .filter(|f| page_of(&self.page_starts, f.line) == page && item_numbered(f) == item)
            .collect();
        let (above, below) = like.split_at(like.partition_point(|f| f.line < g.line));
        let near: Vec<&Group> = match (above.last(), below.first()) {
            (Some(&a), Some(&b)) => vec![a, b],
            (Some(_), None) => above.iter().rev().take(NEIGHBOURS).copied().collect(),
            (None, _) => below.iter().take(NEIGHBOURS).copied().collect(),
        };
        offsets(&near, self.width, NEIGHBOURS)
    }
}

/// How a short row fits a set of columns.
enum Fit {
    One(Vec<Option<usize>>),
    Many,
    None,
}

/// The one choice of columns under `offsets` that fits `g`'s figures' distances, if one.
fn fit_one(offsets: &[f64], g: &Group) -> Fit {
    let n = g.values.len();
    let xs: Vec<f64> = (0..n).map(|k| centre(g, k)).collect();
    let mut fits: Vec<Vec<usize>> = Vec::new();
    let mut pick: Vec<usize> = Vec::with_capacity(n);
    choose(offsets, &xs, 0, &mut pick, &mut fits);
    match fits.as_slice() {
        [] => Fit::None,
        [one] => {
            let mut out = vec![None; offsets.len()];
            for (k, &c) in one.iter().enumerate() {
                out[c] = Some(k);
            }
            Fit::One(out)
        }
        _ => Fit::Many,
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

    fn groups(text: &str) -> Vec<Group<'_>> {
        let toks = tokenize(text, Span::new(0, text.len()));
        super::super::lines::observe(text, &toks).groups
    }

    #[test]
    fn an_empty_cell_is_found_in_its_place() {
        let text = rows("（一）予以公开 1    0         0    0    0    1");
        let g = groups(&text);
        let c = learn(&g, 7, &[]).expect("three full rows agree");
        assert_eq!(
            c.place(&g[2]),
            Some(vec![Some(0), Some(1), None, Some(2), Some(3), Some(4), Some(5)])
        );
    }

    #[test]
    fn distances_that_fit_no_place_are_not_guessed() {
        let text = rows("（一）予以公开 1  0    0    0    0    1");
        let g = groups(&text);
        let c = learn(&g, 7, &[]).expect("three full rows agree");
        assert_eq!(c.place(&g[2]), None);
    }

    #[test]
    fn each_page_keeps_its_own_columns() {
        // Page 1 spaced 5 apart, page 2 (after a form feed) 4 apart: learnt as one, the
        // rows disagree (the short row's nearest full rows still place it, as below);
        // page by page, the empty cell of page 2 is found in its place.
        let page1 = "一、本年新收 2    0    0    0    0    0    2\n二、上年结转 0    0    0    0    0    0    0\n（一）予以公开 1    0    0    0    0    0    1\n";
        let page2 = "\u{c}1.属于国家秘密 0   0   0   0   0   0   0\n2.其他法律 0   0   0   0   0   0   0\n3.危及 0   0   0   0   0   0   0\n4.保护第三方 0   0       0   0   0   0\n";
        let text = format!("{page1}{page2}");
        let g = groups(&text);
        let whole = learn(&g, 7, &[]).expect("full rows");
        assert!(whole.offsets.is_none() && whole.pages.iter().all(Option::is_none));
        assert_eq!(whole.place(&g[6]), empty_third());
        let c = learn(&g, 7, &[3]).expect("each page's rows agree");
        assert_eq!(
            c.place(&g[6]),
            Some(vec![Some(0), Some(1), None, Some(2), Some(3), Some(4), Some(5)])
        );
    }

    /// Table 三 of a shapes fixture (`pdftotext -layout`), its groups, the lines where pages
    /// start, and where the columns place its `（二）部分公开` row, one cell emptied.
    fn blank_row(text: &str) -> Option<Vec<Option<usize>>> {
        let s = text.find("三、收到和处理").expect("table 三");
        let t = &text[s..s + text[s..].find("四、政府信息公开行政复议").expect("table 四")];
        let starts: Vec<usize> = t
            .split('\n')
            .enumerate()
            .filter(|(_, l)| l.contains('\u{c}'))
            .map(|(k, _)| k)
            .collect();
        let g = groups(t);
        let row = g
            .iter()
            .find(|g| g.values.len() == 6 && g.prefix.iter().any(|s| s.text.contains("二)") || s.text.contains("二）")))
            .expect("the short row");
        learn(&g, 7, &starts)?.place(row)
    }

    fn empty_third() -> Option<Vec<Option<usize>>> {
        Some(vec![Some(0), Some(1), None, Some(2), Some(3), Some(4), Some(5)])
    }

    #[test]
    fn a_short_row_takes_its_nearest_full_rows_columns() {
        // 001: the page's full rows are laid out two ways (two rows above the short one 7, 4, 4…
        // apart, the item rows below 4 apart): its nearest rows without an item number decide.
        let t = include_str!("../../../tests/fixtures/shapes/001_43e3c9ba6b70e239/blank.layout.txt");
        assert_eq!(blank_row(t), empty_third());
        // 003: the rows above 7, 6, 6…, the item rows 6, 6, … 5, 4: no page columns at all.
        let t = include_str!("../../../tests/fixtures/shapes/003_ea91102f3cc3d767/blank.layout.txt");
        assert_eq!(blank_row(t), empty_third());
    }

    #[test]
    fn nearest_full_rows_that_disagree_place_nothing() {
        // 102: the two rows above the short one stand 54 and 48 columns wide: not placed.
        let t = include_str!("../../../tests/fixtures/shapes/102_pingtan2024/blank.layout.txt");
        assert_eq!(blank_row(t), None);
    }

    #[test]
    fn one_nearest_full_row_is_not_enough() {
        // Rows without an item number: only one above the short row on its page.
        let text = "一、本年新收   2      0   0   0   0   0   2\n（一）予以公开 1      0       0   0   0   1\n1.属于国家秘密 0   0   0   0   0   0   0\n2.其他法律 0   0   0   0   0   0   0\n";
        let g = groups(text);
        assert_eq!(learn(&g, 7, &[]).and_then(|c| c.place(&g[1])), None);
        // With a second such row below, the two agree and the row is placed.
        let text = format!("{text}二、上年结转   0      0   0   0   0   0   0\n");
        let g = groups(&text);
        assert_eq!(learn(&g, 7, &[]).and_then(|c| c.place(&g[1])), empty_third());
    }
}
