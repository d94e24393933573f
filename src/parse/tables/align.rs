//! Template alignment: the standard rows, in their fixed order, aligned as a
//! whole to the figure groups of the text by dynamic programming (like a
//! sequence alignment), instead of taking the keyword nearest each run of
//! figures.
//!
//! A row takes one group, or a few consecutive ones (a row split over two
//! lines), when their figures fit its cells (see [`Fit`]). Its label is the
//! text of the group's band: the words before the figures (labels that lead)
//! or after them up to the next figures (labels that wrap after their
//! figures, as in a PDF with a narrow label column) — the two conventions are
//! aligned apart and the better one is taken. Where they leave rows unfixed, a
//! third reads labels around their figures (cells aligned to their middle:
//! `（七）总` / figures / `计`). Words are put together column
//! by column, so two label columns wrapped side by side (`三、本  (一) 予` /
//! `年度办  以公开`) read as `三、本年度办理结果` and `(一)予以公开`.
//!
//! A row is *fixed* when every best alignment gives it the same group(s);
//! otherwise its cells are left unread (S004).

use super::columns::Columns;
use super::digits::{self, Split};
use super::keys::Keys;
use super::lines::{Group, Observed, Segment};
use crate::format::RowDef;
use crate::sort::insertion_sort;

/// How a row's figures were found in its group(s).
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    /// One figure a cell.
    Exact,
    /// One figure a cell, the empty tab cells at the end of the line as blank cells.
    TrailingBlanks,
    /// Figures placed under the layout's columns; the others are empty cells.
    Placed(Vec<Option<usize>>),
    /// Figures one a paragraph, the whole run between two labels, under the row's own label.
    Paragraphs,
    /// Digits run together, with exactly one reading.
    Digits(Vec<(u64, crate::text::Span)>),
    /// Digits run together, with several readings: the cells stay unread.
    Ambiguous { readings: Vec<Vec<u64>>, more: bool },
}

/// One row's place in the alignment.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The groups `first..=last`.
    pub first: usize,
    pub last: usize,
    pub fit: Fit,
}

/// The outcome for each template row.
#[derive(Debug, Clone)]
pub enum RowRead {
    /// The structure fixes the row's groups.
    Fixed(Placed),
    /// No group was found for the row.
    Absent,
    /// More than one alignment is as good: the candidate groups' lines.
    Unfixed(Vec<usize>),
}

#[derive(Debug)]
pub struct Alignment {
    pub rows: Vec<RowRead>,
    /// Groups that no row took in the alignment chosen.
    pub orphans: Vec<usize>,
    /// How well the labels name the rows, leading or trailing their figures: the score the
    /// table's layout is chosen by.
    pub score: i64,
}

const READ: i64 = 10;
const LABEL_MATCH: i64 = 4;
const LABEL_CONFLICT: i64 = -4;
const ORPHAN: i64 = -1;
const EXTRA_GROUP: i64 = -1;
const AMBIGUOUS: i64 = -4;
/// The most groups a row may take (a row of figures one a line).
const MAX_SPAN: usize = 7;
/// The most groups aligned; figures beyond them stay outside the table.
pub const MAX_GROUPS: usize = 3000;
/// The most lines of a band that make a label.
const BAND_LINES: usize = 12;

/// The highest score an alignment of `rows` can reach: every row read under
/// its own label, nothing left over (no move scores more than that).
pub fn best_possible(rows: &[RowDef]) -> i64 {
    rows.len() as i64 * (READ + LABEL_MATCH)
}

/// Which way labels sit relative to their figures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Convention {
    Lead,
    Trail,
    /// Around them: a label wrapped over lines above and below its figures (cells aligned to
    /// their middle, copied with the layout kept), its key perhaps split across the figures'
    /// line (`（七）总` / figures / `计`). Aligned only where the other two leave rows unfixed.
    Middle,
}

/// Aligns `rows` to the groups of `obs`, by the ways runs of groups fit
/// their widths (`fits`, made for `rows`' widths: [`Fits::new`]).
/// `headers` are the table's column labels: words that are one of them alone are a header
/// cell, not a row's label, though a row's key (总计) may be one.
pub fn align(obs: &Observed, rows: &[RowDef], headers: &[&str], fits: &Fits) -> Alignment {
    let groups = &obs.groups[..fits.groups];
    let keys = Keys::new(rows);
    let lead = run(obs, groups, rows, headers, fits, &keys, Convention::Lead);
    let trail = run(obs, groups, rows, headers, fits, &keys, Convention::Trail);
    let best = better(lead, trail, groups);
    if best.rows.iter().all(|r| matches!(r, RowRead::Fixed(_))) || !labels_around(obs, groups) {
        return best;
    }
    // Where rows are left unfixed or out: labels around their figures, taken only where they
    // name the rows better and fix as many (else the reading above stands: a label above and
    // below its figures is the rarer layout). The table's layout is still chosen by the score
    // above: labels read around figures name the older layout's merged rows (（六）其他处理) as
    // well as the newer one's.
    let middle = run(obs, groups, rows, headers, fits, &keys, Convention::Middle);
    let fixed = |a: &Alignment| a.rows.iter().filter(|r| matches!(r, RowRead::Fixed(_))).count();
    if middle.score > best.score && fixed(&middle) >= fixed(&best) {
        Alignment {
            score: best.score,
            ..middle
        }
    } else {
        best
    }
}

/// True when some group stands between two lines of label words, right above and right below
/// it: only then can labels around their figures read otherwise than leading or trailing ones.
fn labels_around(obs: &Observed, groups: &[Group]) -> bool {
    let mut worded = vec![false; obs.labels.last().map_or(0, |s| s.line + 1)];
    for s in &obs.labels {
        worded[s.line] = true;
    }
    let at = |line: usize| worded.get(line).copied().unwrap_or(false);
    groups.iter().any(|g| g.line > 0 && at(g.line - 1) && at(g.line + 1))
}

/// The better scoring of two alignments; equally good, a row is fixed only where both agree.
fn better(a: Alignment, b: Alignment, groups: &[Group]) -> Alignment {
    match a.score.cmp(&b.score) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => {
            let mut a = a;
            for (r, other) in a.rows.iter_mut().zip(b.rows) {
                let same = match (&*r, &other) {
                    (RowRead::Fixed(x), RowRead::Fixed(y)) => x.first == y.first && x.last == y.last,
                    (RowRead::Absent, RowRead::Absent) => true,
                    _ => false,
                };
                if !same {
                    let mut lines = lines_of(r, groups);
                    lines.extend(lines_of(&other, groups));
                    insertion_sort(&mut lines, |a, b| a < b);
                    lines.dedup();
                    *r = RowRead::Unfixed(lines);
                }
            }
            a
        }
    }
}

fn lines_of(r: &RowRead, groups: &[Group]) -> Vec<usize> {
    match r {
        RowRead::Fixed(p) => (p.first..=p.last).map(|g| groups[g].line).collect(),
        RowRead::Unfixed(l) => l.clone(),
        RowRead::Absent => Vec::new(),
    }
}

/// The ways each run of groups fits each row width, computed once (for
/// every layout of a table with the same widths).
pub struct Fits {
    /// The groups aligned: the first [`MAX_GROUPS`].
    groups: usize,
    /// The distinct row widths.
    pub widths: Vec<usize>,
    /// `table[(i * MAX_SPAN + k) * widths.len() + w]`: groups `i..=i+k` as a row `widths[w]` wide.
    table: Vec<Option<Fit>>,
    /// `spans[i]`: how many runs from group `i` are looked at (k below it).
    spans: Vec<usize>,
    /// `masks[i * MAX_SPAN + k]`: the widths groups `i..=i+k` fit (bit w: `widths[w]`, the first 64).
    masks: Vec<u64>,
}

impl Fits {
    /// The fits of the groups of `obs` to rows of `widths` (distinct: [`widths_of`]);
    /// `columns(w)` are the layout's columns for rows `w` figures wide, where known.
    pub fn new<'t>(text: &str, obs: &Observed<'t>, widths: Vec<usize>, columns: &dyn Fn(usize) -> Option<Columns<'t>>) -> Fits {
        let groups = &obs.groups[..obs.groups.len().min(MAX_GROUPS)];
        let m = groups.len();
        let nw = widths.len();
        let cols: Vec<Option<Columns>> = widths.iter().map(|&w| columns(w)).collect();
        let max_w = widths.iter().copied().max().unwrap_or(0);
        // `apart[i]`: label words stand between groups `i` and `i + 1`.
        let apart: Vec<bool> = groups.windows(2).map(|p| words_between(obs, &p[0], &p[1])).collect();
        let mut table: Vec<Option<Fit>> = vec![None; m * MAX_SPAN * nw];
        let mut spans = vec![0; m];
        let mut masks = vec![0u64; m * MAX_SPAN];
        for i in 0..m {
            let mut count = 0usize;
            for k in 0..MAX_SPAN.min(m - i) {
                let g = &groups[i + k];
                // A row's figures split over lines run on, with no words between them.
                if k > 0 && (g.line == groups[i + k - 1].line || apart[i + k - 1]) {
                    break;
                }
                count += g.values.len();
                if count > max_w && k > 0 {
                    break;
                }
                spans[i] = k + 1;
                let run = &groups[i..=i + k];
                let at = (i * MAX_SPAN + k) * nw;
                // Figures one a paragraph (reading order) make a row only as a whole run between
                // two labels, and only under the row's own label (see `score`).
                let paragraphs = k > 0 && run.iter().all(|g| g.values.len() == 1);
                let whole = paragraphs && apart.get(i + k).is_none_or(|&a| a) && (i == 0 || apart[i - 1]);
                for (w, &width) in widths.iter().enumerate() {
                    table[at + w] = if paragraphs {
                        (whole && width == k + 1).then_some(Fit::Paragraphs)
                    } else {
                        fit(text, run, width, cols[w].as_ref())
                    };
                    if w < 64 && table[at + w].is_some() {
                        masks[i * MAX_SPAN + k] |= 1 << w;
                    }
                }
            }
        }
        Fits {
            groups: m,
            widths,
            table,
            spans,
            masks,
        }
    }

    fn get(&self, i: usize, k: usize, width: usize) -> Option<&Fit> {
        self.at(i, k, self.width_index(width)?)
    }

    /// The index of a row width in `widths` (for [`Fits::at`]).
    fn width_index(&self, width: usize) -> Option<usize> {
        self.widths.iter().position(|&x| x == width)
    }

    /// [`Fits::get`] by width index.
    fn at(&self, i: usize, k: usize, w: usize) -> Option<&Fit> {
        if k >= self.spans(i) || w >= self.widths.len() {
            return None;
        }
        self.table[(i * MAX_SPAN + k) * self.widths.len() + w].as_ref()
    }

    fn spans(&self, i: usize) -> usize {
        self.spans.get(i).copied().unwrap_or(0)
    }

    /// The widths groups `i..=i+k` fit, for each k (bit w: `widths[w]`, the first 64).
    fn masks(&self, i: usize) -> &[u64] {
        &self.masks[i * MAX_SPAN..i * MAX_SPAN + self.spans(i)]
    }
}

/// True when label words stand between group `a` and the later group `b`.
fn words_between(obs: &Observed, a: &Group, b: &Group) -> bool {
    if !a.suffix.is_empty() || !b.prefix.is_empty() {
        return true;
    }
    let from = obs.labels.partition_point(|s| s.line <= a.line);
    obs.labels.get(from).is_some_and(|s| s.line < b.line)
}

/// The distinct row widths.
pub fn widths_of(rows: &[RowDef]) -> Vec<usize> {
    let mut w: Vec<usize> = Vec::new();
    for r in rows {
        if !w.contains(&r.width) {
            w.push(r.width);
        }
    }
    w
}

/// How `run` (consecutive groups) fits a row of `width` cells, if it does.
fn fit(text: &str, run: &[Group], width: usize, columns: Option<&Columns>) -> Option<Fit> {
    let n: usize = run.iter().map(|g| g.values.len()).sum();
    if n == width {
        return Some(Fit::Exact);
    }
    if run.len() > 1 {
        return None;
    }
    let g = &run[0];
    if n > width {
        return None;
    }
    // One figure short, an empty cell after the last: that is the missing one — unless an
    // empty cell also stands before the first, and either could be.
    if g.tabbed && !g.leading_empty && n + g.trailing_empty.len() >= width && n + 1 == width {
        return Some(Fit::TrailingBlanks);
    }
    if let Some(c) = columns.and_then(|c| c.place(g)) {
        if c.len() == width {
            return Some(Fit::Placed(c));
        }
    }
    if g.all_digits() && digits::digit_count(&g.values).is_some_and(|d| d >= width) {
        return match digits::split(text, &g.values, width) {
            Split::One(v) => Some(Fit::Digits(v)),
            Split::Many { readings, more } => Some(Fit::Ambiguous { readings, more }),
            Split::None => None,
        };
    }
    None
}

/// Puts label segments together column by column: segments that start
/// within two display columns of each other are one column, read down
/// (text that kept its layout; cells of a tabbed table are read in order).
pub fn assemble(segs: &[&Segment]) -> String {
    if segs.iter().any(|s| s.tabbed) {
        // Cells of a tabbed table: read in order.
        return segs.iter().map(|s| s.text.as_str()).collect();
    }
    let mut columns: Vec<(usize, String)> = Vec::new();
    for s in segs {
        match columns.iter_mut().find(|c| c.0.abs_diff(s.col) <= 2) {
            Some(c) => c.1.push_str(&s.text),
            None => columns.push((s.col, s.text.clone())),
        }
    }
    insertion_sort(&mut columns, |a, b| a.0 < b.0);
    columns.into_iter().map(|c| c.1).collect()
}

/// The label of each group under a convention, and its near labels: the
/// words on the figures' own line, else (labels that lead) the paragraph
/// right before them; and the paragraph right after them — what a lone
/// figure must be named by. Only for the groups `needed` (the others: none),
/// the near labels only for those `near_needed` (the others: empty).
fn labels<'o>(
    obs: &'o Observed,
    groups: &'o [Group],
    conv: Convention,
    needed: &[bool],
    near_needed: &[bool],
) -> Vec<Option<(String, String, String)>> {
    // Segments of label-only lines, by the band (between groups) they sit in: band g, before
    // group g, is `obs.labels[starts[g]..starts[g + 1]]` (the segments are in line order).
    let mut starts: Vec<usize> = Vec::with_capacity(groups.len() + 2);
    let mut k = 0usize;
    for g in groups {
        starts.push(k);
        while k < obs.labels.len() && obs.labels[k].line <= g.line {
            k += 1;
        }
    }
    starts.push(k);
    starts.push(obs.labels.len());
    let bands = |g: usize| &obs.labels[starts[g]..starts[g + 1]];
    (0..groups.len())
        .map(|i| {
            if !needed[i] {
                return None;
            }
            let gr = &groups[i];
            let mut segs: Vec<&Segment> = Vec::new();
            let mut near: Vec<&Segment> = gr.prefix.iter().collect();
            // The label lines above the group, and where their last paragraph starts (after an
            // empty line): the words nearest the figures when none stand on their line.
            let above = |near: &mut Vec<&'o Segment>| {
                let band: Vec<&'o Segment> = bands(i).iter().filter(|s| s.line + BAND_LINES >= gr.line).collect();
                let paragraph = band.iter().rposition(|s| s.after_blank).unwrap_or(0);
                if near.is_empty() {
                    near.extend(band[paragraph..].iter().copied());
                }
                (band, paragraph)
            };
            match conv {
                Convention::Lead => {
                    if i > 0 && groups[i - 1].line != gr.line {
                        segs.extend(groups[i - 1].suffix.iter());
                    }
                    let (band, _) = above(&mut near);
                    segs.extend(band);
                    segs.extend(gr.prefix.iter());
                }
                Convention::Middle => {
                    // Above: the band's lines from the last that starts an item or a paragraph
                    // (what is before it is the label of the row above).
                    let (band, paragraph) = above(&mut near);
                    let item = band.iter().rposition(|s| starts_item(&s.text)).map_or(0, |k| {
                        let line = band[k].line;
                        band.iter().position(|s| s.line == line).unwrap_or(k)
                    });
                    segs.extend(band[item.max(paragraph)..].iter().copied());
                    segs.extend(gr.prefix.iter());
                    // Below: its lines up to the next item or paragraph.
                    if groups.get(i + 1).is_none_or(|n| n.line != gr.line) {
                        segs.extend(gr.suffix.iter());
                        let band = bands(i + 1).iter().filter(|s| s.line <= gr.line + BAND_LINES);
                        segs.extend(band.take_while(|s| !starts_item(&s.text) && !s.after_blank));
                    }
                }
                Convention::Trail => {
                    segs.extend(gr.prefix.iter());
                    let next_same_line = groups.get(i + 1).is_some_and(|n| n.line == gr.line);
                    if !next_same_line {
                        segs.extend(gr.suffix.iter());
                        // A label's continuation never starts with an item number: a line that
                        // does (2.申请人…, 3.其他 of rows with no cells of their own) ends it.
                        let band = bands(i + 1).iter().filter(|s| s.line <= gr.line + BAND_LINES);
                        segs.extend(band.take_while(|s| !starts_item(&s.text)));
                    }
                }
            }
            // The words right after the figures, for a lone figure whose label follows it.
            let after: Vec<&Segment> = if groups.get(i + 1).is_some_and(|n| n.line == gr.line) {
                Vec::new()
            } else {
                // Only the first line after it: a header there (第二十条第（五）项) means the
                // label after it is another's.
                gr.suffix.iter().chain(bands(i + 1).first()).take(1).collect()
            };
            if !near_needed[i] {
                return Some((assemble(&segs), String::new(), String::new()));
            }
            Some((assemble(&segs), assemble(&near), assemble(&after)))
        })
        .collect()
}

/// `2.…`, `（三）…`, `四、…`: the start of a numbered item.
fn starts_item(s: &str) -> bool {
    let mut c = s.chars();
    match c.next() {
        Some(d) if d.is_ascii_digit() => matches!(c.next(), Some('.' | '、')),
        Some('(' | '（') => c.next().is_some_and(|n| "一二三四五六七八九十".contains(n)),
        Some(n) if "一二三四五六七八九十".contains(n) => c.next() == Some('、'),
        _ => false,
    }
}

/// Which rows a label names, found once a label (the alignment asks it of
/// every row at every place): the row whose key stands nearest the figures
/// (the end of a leading label, the start of a trailing one; the longer key
/// on a tie, the earlier row after that), and every row with a key anywhere
/// in it.
#[derive(Debug, Clone, Default)]
struct Naming {
    nearest: Option<usize>,
    any: Vec<bool>,
}

impl Naming {
    fn of(label: &str, keys: &Keys, rows: usize, conv: Convention) -> Naming {
        if label.is_empty() {
            return Naming::default();
        }
        // Each occurrence of a key as a candidate: a key's nearest occurrence beats its others,
        // and on a tie the earlier key (met first at the same offset) is kept.
        let mut best: Option<(i64, usize, usize)> = None; // (closeness, key length, row)
        let mut any = vec![false; rows];
        keys.each_match(label, |p, i| {
            let (k, r) = keys.keys[i];
            any[r] = true;
            let c = match conv {
                Convention::Lead | Convention::Middle => (p + k.len()) as i64,
                Convention::Trail => -(p as i64),
            };
            if best.is_none_or(|b| (c, k.len()) > (b.0, b.1)) {
                best = Some((c, k.len(), r));
            }
        });
        Naming {
            nearest: best.map(|b| b.2),
            any,
        }
    }

    /// True when the label names a row before row `j` too.
    fn names_earlier(&self, j: usize) -> bool {
        self.any[..j.min(self.any.len())].iter().any(|&a| a)
    }

    /// How the label names row `j`: 2 when its key stands nearest the
    /// figures, 1 when named further off, −1 when only other rows are named,
    /// 0 when none is.
    fn names(&self, j: usize) -> i64 {
        match self.nearest {
            None => 0,
            Some(r) if r == j => 2,
            Some(_) if self.any.get(j).copied().unwrap_or(false) => 1,
            Some(_) => -1,
        }
    }
}

/// Row `row` taking groups `i..=i + span` (of the `i` it is listed under), and its score.
struct Move {
    row: usize,
    span: usize,
    score: i64,
}

/// A row's places (first, last group) in the best alignments, and whether
/// some best alignment leaves it out.
type RowPlaces = (Vec<(usize, usize)>, bool);

/// The best alignment's score of `n` rows in order to `m` groups in order by
/// `moves` (those from group `i`: `moves[from[i]..from[i + 1]]`, in row order),
/// a group left over costing ORPHAN and a row left out nothing; and for each
/// row, every place (first, last group) it takes in some best alignment, and
/// whether some best alignment leaves it out.
fn best_places(m: usize, n: usize, from: &[usize], moves: &[Move]) -> (i64, Vec<RowPlaces>) {
    let moves_at = |i: usize| &moves[from[i]..from[i + 1]];
    const NEG: i64 = i64::MIN / 4;
    let w = n + 1;
    // Forward: f[i][j] best with i groups and j rows consumed. Row by row: a row's cells
    // are final before it is read (every move leads to a later row).
    let mut f = vec![NEG; (m + 1) * w];
    f[0] = 0;
    for i in 0..=m {
        let (done, ahead) = f.split_at_mut((i + 1) * w);
        let row = &mut done[i * w..];
        // A template row left out: j + 1 rows consumed as well as j.
        for j in 0..n {
            if row[j] != NEG && row[j] > row[j + 1] {
                row[j + 1] = row[j];
            }
        }
        if i == m {
            break;
        }
        let row = &*row;
        // A group left over.
        for (t, &cur) in ahead[..w].iter_mut().zip(row) {
            if cur != NEG {
                *t = (*t).max(cur + ORPHAN);
            }
        }
        // Groups `i..=i + span` taken by `row`.
        for mv in moves_at(i) {
            let cur = row[mv.row];
            if cur != NEG {
                let t = &mut ahead[mv.span * w + mv.row + 1];
                *t = (*t).max(cur + mv.score);
            }
        }
    }
    // Backward: b[i][j] best from i groups and j rows consumed to the end: the best of a
    // group left over and the moves from (i, j), then of a row left out (j + 1, final first).
    let mut b = vec![NEG; (m + 1) * w];
    b[m * w + n] = 0;
    for i in (0..=m).rev() {
        let (upto, below) = b.split_at_mut((i + 1) * w);
        let row = &mut upto[i * w..];
        if i < m {
            for (r, &next) in row.iter_mut().zip(below.iter()) {
                *r = (*r).max(next.saturating_add(ORPHAN));
            }
            for mv in moves_at(i) {
                let next = below[mv.span * w + mv.row + 1];
                if next != NEG {
                    row[mv.row] = row[mv.row].max(next + mv.score);
                }
            }
        }
        for j in (0..n).rev() {
            row[j] = row[j].max(row[j + 1]);
        }
    }
    let best = f[m * w + n];
    // Every place of each row in some best alignment.
    let mut places: Vec<RowPlaces> = vec![(Vec::new(), false); n];
    for i in 0..=m {
        let (frow, brow, below) = (&f[i * w..(i + 1) * w], &b[i * w..(i + 1) * w], &b[(i + 1) * w..]);
        for ((place, &cur), &rest) in places.iter_mut().zip(frow).zip(&brow[1..]) {
            if cur != NEG && rest != NEG && cur + rest == best {
                place.1 = true;
            }
        }
        if i < m {
            for mv in moves_at(i) {
                let cur = frow[mv.row];
                let next = below[mv.span * w + mv.row + 1];
                if cur != NEG && next != NEG && cur + mv.score + next == best {
                    places[mv.row].0.push((i, i + mv.span));
                }
            }
        }
    }
    (best, places)
}

fn run(obs: &Observed, groups: &[Group], rows: &[RowDef], headers: &[&str], fits: &Fits, keys: &Keys, conv: Convention) -> Alignment {
    let m = groups.len();
    let n = rows.len();
    // Each label's naming found once: (its label under `conv`, the words nearest before, after),
    // for the groups whose label some move reads (the first of its groups where labels lead,
    // the last where they trail): most groups fit no row.
    // The words nearest are read only for lone figures (see `score_of`): runs of groups of one
    // figure each.
    let (mut needed, mut near_needed) = (vec![false; m], vec![false; m]);
    for i in 0..m {
        for (k, _) in fits.masks(i).iter().enumerate().filter(|(_, &mask)| mask != 0) {
            let at = if conv == Convention::Trail { i + k } else { i };
            needed[at] = true;
            if groups[i..=i + k].iter().all(|g| g.values.len() == 1) {
                near_needed[at] = true;
            }
        }
    }
    let namings: Vec<Option<(Naming, Naming, Naming)>> = labels(obs, groups, conv, &needed, &near_needed)
        .iter()
        .map(|texts| {
            let (label, near, after) = texts.as_ref()?;
            let named = Naming::of(label, keys, n, conv);
            // Where labels lead, the words nearest are often the whole label.
            let near = if headers.contains(&near.as_str()) {
                Naming::default()
            } else if conv == Convention::Lead && near == label {
                named.clone()
            } else {
                Naming::of(near, keys, n, Convention::Lead)
            };
            Some((named, near, Naming::of(after, keys, n, Convention::Trail)))
        })
        .collect();
    let width_of: Vec<Option<usize>> = rows.iter().map(|r| fits.width_index(r.width)).collect();
    let score_of = |i: usize, k: usize, j: usize| -> Option<i64> {
        let f = fits.at(i, k, width_of[j]?)?;
        let (label, near, after) = namings[if conv == Convention::Trail { i + k } else { i }].as_ref()?;
        let l = match label.names(j) {
            2 => LABEL_MATCH,
            1 => 1,
            -1 => LABEL_CONFLICT,
            _ => 0,
        };
        // A lone figure (a one-cell row) or figures one a paragraph (reading order) take a row
        // only when the words nearest them name it: on their line, or the paragraph right
        // before them — or, when that names no row, the paragraph right after (a label cell
        // the flow put after its figure). A header or another sub-table's words between
        // them and their label leave them unread.
        let lone = (k == 0 && groups[i].values.len() == 1) || *f == Fit::Paragraphs;
        if lone {
            // Words naming an earlier row too (labels clumped: `2.…` / `3.其他` / figures): the
            // figures may be that row's, or those of a label after them. (A later row named
            // before row j's own label is a header's word: 总计.)
            let before = if near.names(j) == 2 && near.names_earlier(j) {
                1
            } else {
                near.names(j)
            };
            let named = before == 2 || (before == 0 && k == 0 && after.names(j) == 2);
            if !named || (conv == Convention::Trail && groups[i].prefix.is_empty() && before == 2) {
                return None;
            }
        }
        let base = if matches!(f, Fit::Ambiguous { .. }) {
            READ + AMBIGUOUS
        } else {
            READ
        };
        Some(base + l + EXTRA_GROUP * k as i64)
    };
    // Every move scored once, kept only where a row can take the groups (most cannot): the
    // moves from group `i` are `moves[from[i]..from[i + 1]]`, in row order.
    let mut moves: Vec<Move> = Vec::new();
    let mut from: Vec<usize> = Vec::with_capacity(m + 1);
    for i in 0..m {
        from.push(moves.len());
        // Rows take only the runs that fit their width: most rows at most groups take none.
        let masks = fits.masks(i);
        let fitting = masks.iter().fold(0, |a, m| a | m);
        if fitting == 0 {
            continue;
        }
        // Lone figures (runs of groups of one figure each) take at most the row the words
        // nearest them name, or when they name none, the words right after (see `score_of`):
        // `only[span]` is that row for such a run.
        let mut only: [Option<Option<usize>>; MAX_SPAN] = [None; MAX_SPAN];
        for (span, o) in only.iter_mut().enumerate().take(masks.len()) {
            if groups[i..=i + span].iter().all(|g| g.values.len() == 1) {
                let at = if conv == Convention::Trail { i + span } else { i };
                *o = Some(namings[at].as_ref().and_then(|(_, near, after)| near.nearest.or(after.nearest)));
            }
        }
        for (row, width) in width_of.iter().enumerate() {
            let Some(w) = width.filter(|&w| w < 64 && fitting >> w & 1 == 1) else {
                continue;
            };
            for (span, &mask) in masks.iter().enumerate() {
                if mask >> w & 1 == 0 || only[span].is_some_and(|r| r != Some(row)) {
                    continue;
                }
                if let Some(score) = score_of(i, span, row) {
                    moves.push(Move { row, span, score });
                }
            }
        }
    }
    from.push(moves.len());
    // A group no move takes is left over in every alignment, a row no move takes left out: the
    // best alignments are found over the others alone (one ORPHAN less for each group left).
    let (mut live_groups, mut live_rows) = (vec![false; m], vec![false; n]);
    let (live_g, live_r) = (&mut live_groups[..], &mut live_rows[..]);
    // Groups before `reach` are taken by some move.
    let mut reach = 0;
    for i in 0..m {
        for mv in &moves[from[i]..from[i + 1]] {
            reach = reach.max(i + mv.span + 1);
            live_r[mv.row] = true;
        }
        live_g[i] = i < reach;
    }
    let group_of: Vec<usize> = (0..m).filter(|&g| live_groups[g]).collect();
    let row_of: Vec<usize> = (0..n).filter(|&r| live_rows[r]).collect();
    if group_of.len() < m || row_of.len() < n {
        let mut index_of_row = vec![0; n];
        for (k, &r) in row_of.iter().enumerate() {
            index_of_row[r] = k;
        }
        moves.iter_mut().for_each(|mv| mv.row = index_of_row[mv.row]);
        from = group_of.iter().map(|&g| from[g]).chain([moves.len()]).collect();
    }
    let (score, places) = best_places(group_of.len(), row_of.len(), &from, &moves);
    let best = score + ORPHAN * (m - group_of.len()) as i64;
    let mut options: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut skippable = vec![false; n];
    for ((opts, skip), &row) in places.into_iter().zip(&row_of) {
        options[row] = opts.into_iter().map(|(a, z)| (group_of[a], group_of[a] + (z - a))).collect();
        skippable[row] = skip;
    }
    let mut used = vec![false; m];
    let rows_read: Vec<RowRead> = (0..n)
        .map(|j| match (options[j].as_slice(), skippable[j]) {
            ([], _) => RowRead::Absent,
            ([(a, z)], false) => {
                let fit = fits.get(*a, z - a, rows[j].width).cloned().unwrap_or(Fit::Exact);
                used[*a..=*z].iter_mut().for_each(|u| *u = true);
                RowRead::Fixed(Placed { first: *a, last: *z, fit })
            }
            (opts, _) => {
                let mut lines: Vec<usize> = opts.iter().flat_map(|&(a, z)| (a..=z).map(|g| groups[g].line)).collect();
                lines.dedup();
                opts.iter().for_each(|&(a, z)| used[a..=z].iter_mut().for_each(|u| *u = true));
                RowRead::Unfixed(lines)
            }
        })
        .collect();
    let orphans = (0..m).filter(|&i| !used[i]).collect();
    Alignment {
        rows: rows_read,
        orphans,
        score: best,
    }
}
