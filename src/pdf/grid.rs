//! Tables by their drawn grid: the rules a PDF draws round its table cells (stroked segments,
//! or thin filled boxes as Chromium draws borders) give each cell's box, so that a label wrapped
//! over many lines and the figures beside it are one row whatever the cells' vertical alignment.
//!
//! ```text
//! paths ─► rules (horizontal, vertical; collinear pieces joined)
//!       ─► grids: rules that touch, with at least three vertical and two horizontal
//!       ─► bands: between two horizontal rules, top to bottom
//!       ─► cells of a band: between the vertical rules crossing it, each merged upwards while
//!          no rule closes it above (a merged cell's text goes to its first band, the others
//!          get a blank slot, as Word copies a merged cell)
//! ```
//!
//! Where no grid is drawn (or too little of one), [`super::tables`] reads the table from the
//! lines alone, as before.

use super::lines::{Frag, Line};
use super::tables::{Row, Table};
use super::{PageSize, Path};

/// How far apart two rules may be and still be one (points): borders drawn as two thin boxes,
/// or meeting a little short of each other.
const SNAP: f64 = 1.6;
/// A filled box thinner than this (points) is a rule; a thicker one is shading.
const THIN: f64 = 3.0;
/// More pieces of rules than this on a page, or more rules once joined than [`MAX_RULES`], is a
/// drawing, not a table: left to the lines alone (and the work per page bounded: rules are
/// paired horizontal with vertical).
const MAX_PIECES: usize = 20_000;
const MAX_RULES: usize = 1_000;
/// A grid of more bands × vertical rules than this is no table of a report either.
const MAX_CELLS: usize = 20_000;

/// A rule: `at` across (y of a horizontal rule, x of a vertical one), from `a` to `b` along it.
/// Page coordinates with y down (as [`crate::finding::PdfBox`]).
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f64,
    a: f64,
    b: f64,
}

impl Rule {
    /// True when `t` (along the rule) lies on it, with the snap's slack.
    fn spans(&self, t: f64) -> bool {
        self.a - SNAP <= t && t <= self.b + SNAP
    }
}

/// A grid drawn on a page: its rules and the box they cover.
#[derive(Debug)]
pub(super) struct Grid {
    page: u32,
    down: Vec<Rule>,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    /// The horizontal rules' distinct heights, top to bottom: the bands lie between them.
    ys: Vec<f64>,
    /// The horizontal rules at each of those heights (none where a vertical rule's end closes
    /// a band left open).
    edges: Vec<Vec<Rule>>,
}

/// The grids drawn on the pages `tabled` (in order; see [`super::table_pages`]).
pub(super) fn grids(paths: &[Path], pages: &[PageSize], tabled: &[u32]) -> Vec<Grid> {
    let page_height = |p: u32| pages.get(p as usize - 1).map_or(842.0, |s| s.height);
    let mut out = Vec::new();
    let mut i = 0;
    let mut sorted: Vec<&Path> = paths.iter().filter(|p| tabled.binary_search(&p.page).is_ok()).collect();
    crate::sort::merge_sort(&mut sorted, |a, b| a.page < b.page);
    while i < sorted.len() {
        let page = sorted[i].page;
        let j = i + sorted[i..].iter().take_while(|p| p.page == page).count();
        let h = page_height(page);
        let (mut across, mut down) = (Vec::new(), Vec::new());
        for p in &sorted[i..j] {
            classify(p, h, &mut across, &mut down);
        }
        i = j;
        if across.len() + down.len() > MAX_PIECES {
            continue;
        }
        let (across, down) = (join(across), join(down));
        if across.len() + down.len() > MAX_RULES {
            continue;
        }
        out.extend(connected(page, across, down));
    }
    out
}

/// A path as a horizontal or vertical rule, if it is one (y turned down the page).
fn classify(p: &Path, page_height: f64, across: &mut Vec<Rule>, down: &mut Vec<Rule>) {
    let ok = [p.x0, p.y0, p.x1, p.y1, p.width].iter().all(|v| v.is_finite());
    if !ok {
        return;
    }
    let (x0, x1) = (p.x0.min(p.x1), p.x0.max(p.x1));
    let (y0, y1) = (page_height - p.y0.max(p.y1), page_height - p.y0.min(p.y1));
    let (w, h) = (x1 - x0, y1 - y0);
    if p.fill {
        if h <= THIN && w > 2.0 * h.max(0.5) {
            across.push(Rule {
                at: (y0 + y1) / 2.0,
                a: x0,
                b: x1,
            });
        } else if w <= THIN && h > 2.0 * w.max(0.5) {
            down.push(Rule {
                at: (x0 + x1) / 2.0,
                a: y0,
                b: y1,
            });
        }
    } else if h <= 0.5 && w >= 2.0 {
        across.push(Rule {
            at: (y0 + y1) / 2.0,
            a: x0,
            b: x1,
        });
    } else if w <= 0.5 && h >= 2.0 {
        down.push(Rule {
            at: (x0 + x1) / 2.0,
            a: y0,
            b: y1,
        });
    }
}

/// Collinear rules that meet or overlap, joined.
fn join(mut rules: Vec<Rule>) -> Vec<Rule> {
    crate::sort::merge_sort(&mut rules, |r, s| r.at < s.at || (r.at == s.at && r.a < s.a));
    // (rules at nearly one height: grouped, then joined along)
    let mut out: Vec<Rule> = Vec::new();
    let mut i = 0;
    while i < rules.len() {
        let mut j = i + 1;
        while j < rules.len() && rules[j].at - rules[j - 1].at <= SNAP / 2.0 {
            j += 1;
        }
        let mut group = rules[i..j].to_vec();
        crate::sort::merge_sort(&mut group, |r, s| r.a < s.a);
        let at = group.iter().map(|r| r.at).sum::<f64>() / group.len() as f64;
        let mut cur = Rule { at, ..group[0] };
        for r in &group[1..] {
            if r.a <= cur.b + SNAP {
                cur.b = cur.b.max(r.b);
            } else {
                out.push(cur);
                cur = Rule { at, ..*r };
            }
        }
        out.push(cur);
        i = j;
    }
    out
}

/// The page's rules in groups that touch, kept where they draw cells.
fn connected(page: u32, across: Vec<Rule>, down: Vec<Rule>) -> Vec<Grid> {
    let n = across.len();
    let mut parent: Vec<usize> = (0..n + down.len()).collect();
    fn root(parent: &mut [usize], mut k: usize) -> usize {
        while parent[k] != k {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        k
    }
    for (h, r) in across.iter().enumerate() {
        for (v, s) in down.iter().enumerate() {
            if r.spans(s.at) && s.spans(r.at) {
                let (a, b) = (root(&mut parent, h), root(&mut parent, n + v));
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Rule>, Vec<Rule>)> = Vec::new();
    for k in 0..n + down.len() {
        let r = root(&mut parent, k);
        let g = match groups.iter().position(|g| g.0 == r) {
            Some(g) => g,
            None => {
                groups.push((r, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if k < n {
            groups[g].1.push(across[k]);
        } else {
            groups[g].2.push(down[k - n]);
        }
    }
    groups
        .into_iter()
        .filter(|(_, a, d)| a.len() >= 2 && d.len() >= 3)
        .map(|(_, across, down)| {
            let left = down.iter().map(|r| r.at).fold(f64::MAX, f64::min);
            let right = down.iter().map(|r| r.at).fold(f64::MIN, f64::max);
            let mut top = across.iter().map(|r| r.at).fold(f64::MAX, f64::min);
            let mut bottom = across.iter().map(|r| r.at).fold(f64::MIN, f64::max);
            let mut ys: Vec<f64> = Vec::new();
            for r in &across {
                if !ys.iter().any(|&y| (y - r.at).abs() <= SNAP) {
                    ys.push(r.at);
                }
            }
            // Vertical rules running on past the last horizontal one (or before the first) draw
            // a row left open where the page breaks it (Chromium draws no rule under the piece
            // of a row it splits): their ends close that band.
            let (v_top, v_bottom) = down.iter().fold((f64::MAX, f64::MIN), |(t, b), r| (t.min(r.a), b.max(r.b)));
            if v_bottom > bottom + 2.0 * SNAP {
                ys.push(v_bottom);
                bottom = v_bottom;
            }
            if v_top < top - 2.0 * SNAP {
                ys.push(v_top);
                top = v_top;
            }
            crate::sort::merge_sort(&mut ys, crate::sort::f64_less);
            // each height's rules, for the walk up a merged cell
            let edges = ys
                .iter()
                .map(|&y| across.iter().filter(|r| (r.at - y).abs() <= SNAP).copied().collect())
                .collect();
            Grid {
                page,
                down,
                left,
                right,
                top,
                bottom,
                ys,
                edges,
            }
        })
        .filter(|g| g.right - g.left >= 20.0 && g.bottom - g.top >= 8.0 && g.ys.len() * g.down.len() <= MAX_CELLS)
        .collect()
}

impl Grid {
    /// True when a line stands in the grid: on its page, its middle between the top and bottom
    /// rules, and most of its characters between the left and right ones.
    pub(super) fn holds(&self, line: &Line) -> bool {
        if line.page != self.page {
            return false;
        }
        let (mut inside, mut all) = (0, 0);
        for (x, y) in line.cells.iter().flat_map(|c| c.parts.iter().map(|p| middle(p.2))) {
            all += 1;
            if self.left <= x && x <= self.right && self.top <= y && y <= self.bottom {
                inside += 1;
            }
        }
        all > 0 && inside * 2 > all
    }

    /// The band a height falls in (clamped to the first and last).
    fn band(&self, y: f64) -> usize {
        let k = self.ys.partition_point(|&t| t <= y);
        k.saturating_sub(1).min(self.ys.len().saturating_sub(2))
    }

    /// The vertical rules crossing band `k`, left to right (the grid's edges always).
    fn walls(&self, k: usize) -> Vec<f64> {
        let (t, b) = (self.ys[k], self.ys.get(k + 1).copied().unwrap_or(self.bottom));
        let mid = (t + b) / 2.0;
        let mut xs = vec![self.left, self.right];
        for r in &self.down {
            if r.a <= mid && mid <= r.b && !xs.iter().any(|&x| (x - r.at).abs() <= SNAP) {
                xs.push(r.at);
            }
        }
        crate::sort::merge_sort(&mut xs, crate::sort::f64_less);
        xs
    }

    /// The first band of the cell that holds the slot of band `k` whose middle is `mid`:
    /// upwards while no rule closes it above.
    fn first_band(&self, mut k: usize, mid: f64) -> usize {
        while k > 0 && !self.edges[k].iter().any(|r| r.spans(mid)) {
            k -= 1;
        }
        k
    }

    /// The table the grid draws: each band a row, each cell of a band a slot (a blank one for
    /// a cell merged with the band above), each character of the lines in its cell.
    pub(super) fn table(&self, lines: &[Line], first: usize, last: usize) -> Table {
        let bands = self.ys.len().saturating_sub(1).max(1);
        let walls: Vec<Vec<f64>> = (0..bands).map(|k| self.walls(k)).collect();
        // per band, per slot: the fragments of the cell that starts there
        let mut rows: Vec<Row> = walls
            .iter()
            .map(|w| Row {
                cells: vec![Vec::new(); w.len().saturating_sub(1)],
            })
            .collect();
        // each slot of each band → the band and slot of the cell it belongs to
        let cell: Vec<Vec<(usize, usize)>> = walls
            .iter()
            .enumerate()
            .map(|(k, w)| {
                (0..w.len() - 1)
                    .map(|s| {
                        let mid = (w[s] + w[s + 1]) / 2.0;
                        let k0 = self.first_band(k, mid);
                        (k0, slot_of(&walls[k0], mid))
                    })
                    .collect()
            })
            .collect();
        for line in &lines[first..=last] {
            // (cell) → its fragment on this line
            let mut open: Vec<((usize, usize), Frag)> = Vec::new();
            for c in &line.cells {
                for &(a, b, area) in &c.parts {
                    let (x, y) = middle(area);
                    let k = self.band(y);
                    let key = cell[k][slot_of(&walls[k], x)];
                    let (t, x0, w, h) = (&c.text[a..b], area.x as f64, area.width as f64, area.height as f64);
                    match open.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, f)) => f.push(t, x0, w, h, area),
                        None => open.push((key, Frag::of(t, x0, w, h, area))),
                    }
                }
            }
            for ((k, slot), f) in open {
                rows[k].cells[slot].push(f);
            }
        }
        rows.retain(|r| r.cells.iter().any(|c| !c.is_empty()));
        Table { first, last, rows }
    }
}

/// The slot of a band's walls that holds `x` (the first or last one beyond them).
fn slot_of(walls: &[f64], x: f64) -> usize {
    walls.partition_point(|&w| w <= x).clamp(1, walls.len() - 1) - 1
}

/// A box's middle (x, y down).
fn middle(b: crate::finding::PdfBox) -> (f64, f64) {
    ((b.x + b.width / 2.0) as f64, (b.y + b.height / 2.0) as f64)
}

/// The tables drawn as grids, each over the run of lines it holds; the lines put in order so
/// that each grid's lines stand together (a line beside a table goes after it).
pub(super) fn grid_tables(lines: Vec<Line>, grids: &[Grid]) -> (Vec<Line>, Vec<Table>) {
    if grids.is_empty() {
        return (lines, Vec::new());
    }
    let owner: Vec<Option<usize>> = lines.iter().map(|l| grids.iter().position(|g| g.holds(l))).collect();
    let mut order: Vec<usize> = Vec::with_capacity(lines.len());
    let mut spans: Vec<(usize, usize, usize)> = Vec::new(); // grid, first, last (in the new order)
    let mut placed = vec![false; lines.len()];
    for i in 0..lines.len() {
        if placed[i] {
            continue;
        }
        match owner[i] {
            Some(g) => {
                let first = order.len();
                // all the grid's lines here; a line beside it comes after them
                let members: Vec<usize> = (i..lines.len()).filter(|&j| owner[j] == Some(g) && !placed[j]).collect();
                for &j in &members {
                    placed[j] = true;
                    order.push(j);
                }
                spans.push((g, first, order.len() - 1));
            }
            None => {
                placed[i] = true;
                order.push(i);
            }
        }
    }
    let mut slots: Vec<Option<Line>> = lines.into_iter().map(Some).collect();
    let lines: Vec<Line> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let tables = spans
        .into_iter()
        .map(|(g, first, last)| grids[g].table(&lines, first, last))
        .collect();
    (lines, tables)
}
