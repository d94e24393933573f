//! Reads the standard tables out of a section's tokens.
//!
//! Two readings, tried in turn:
//!
//! 1. **Rows**: each row's figures come right after its label, which is
//!    recognised by the row's keywords (`format`), however the label is
//!    wrapped, spaced or split across cells. The keyword nearest to the
//!    figures wins.
//! 2. **Stream**: PDF text in reading order puts labels and figures apart, and
//!    sometimes a block of rows column by column (one figure a line, a column
//!    a run). The figures are taken in order — a run structure of seven equal
//!    runs is read as such a block — and the reading is accepted only when
//!    every row then adds up, so the checker never reports an error that comes
//!    from its own reading.
//!
//! Figures whose digits ran together (a crawler removed the cell boundaries:
//! `801000081`) are split only when exactly one split makes the row add up;
//! otherwise the cells are reported unreadable.

use super::{Cell, ReadMode, Table, Value};
use crate::finding::Span;
use crate::format::{self, Kind, RowDef, TableDef};
use crate::text::numbers::{parse_amount, parse_uint};
use crate::text::tokens::{tokenize, Tok, Token};

/// Reads table group A, in the 2021 layout or, where its words show it, the 2019 one.
pub fn read_active(text: &str, region: Span) -> Table {
    let body = crate::text::squash(&text[region.start..region.end]);
    let old = format::A_2019_MARKS.iter().any(|m| body.contains(m));
    read_table(text, if old { &format::TABLE_A_2019 } else { &format::TABLE_A }, region)
}

/// Reads table A or C from a section body.
pub fn read_table(text: &str, def: &'static TableDef, region: Span) -> Table {
    let tokens = tokenize(text, region);
    if def.id == "C" {
        return read_review(def, region, &tokens);
    }
    let anchored = anchor(&tokens, def.rows);
    if let Some(t) = anchored.complete_table(def, region) {
        return t;
    }
    // Stream: exactly as many figures as the table has cells, in order.
    let values: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
    if values.len() == def.cell_count() {
        let mut it = values.into_iter();
        let cells = def
            .rows
            .iter()
            .map(|r| (0..r.width).map(|_| cell_of(it.next(), r.kind)).collect())
            .collect();
        return Table {
            def,
            cells,
            mode: ReadMode::Stream,
            span: region,
            problems: Vec::new(),
        };
    }
    anchored.partial_table(def, region, &tokens)
}

/// Reads table B, deciding between the 2021 and the 2019 layout.
pub fn read_applications(text: &str, region: Span) -> Table {
    let tokens = tokenize(text, region);
    // Anchor against the 2021 rows plus the 2019 single （六）其他处理 row.
    let mut rows: Vec<RowDef> = format::TABLE_B.rows.to_vec();
    let single_other = format::TABLE_B_2019.rows[format::TABLE_B_2019.row_index("other").unwrap_or(20)];
    rows.push(RowDef {
        id: "other_single",
        ..single_other
    });
    let rows: &'static [RowDef] = leak_rows(rows);
    let anchored = anchor(&tokens, rows);
    let n21 = format::TABLE_B.rows.len();
    let has = |i: usize| anchored.groups[i].as_ref().is_some_and(|g| !g.values.is_empty());
    let old_layout = has(n21) && !has(n21 - 5) && !has(n21 - 4) && !has(n21 - 3);
    let def: &'static TableDef = if old_layout { &format::TABLE_B_2019 } else { &format::TABLE_B };
    let remapped = anchored.remap(rows, def.rows);
    if let Some(t) = remapped.complete_table(def, region) {
        return t;
    }
    if let Some(t) = remapped.columns_decide(def, region) {
        return t;
    }
    if let Some(t) = stream_applications(&tokens, region) {
        return t;
    }
    remapped.partial_table(def, region, &tokens)
}

fn leak_rows(rows: Vec<RowDef>) -> &'static [RowDef] {
    // The combined list is the same every time: build it once.
    use std::sync::OnceLock;
    static ROWS: OnceLock<Vec<RowDef>> = OnceLock::new();
    ROWS.get_or_init(|| rows).as_slice()
}

#[derive(Debug, Clone, Default)]
struct Group {
    values: Vec<Token>,
}

#[derive(Debug)]
struct Anchored {
    /// One entry per row of the list anchored against.
    groups: Vec<Option<Group>>,
    /// Figures that followed no recognisable label, or overflowed a row.
    /// (Only their number is used: counted, not kept — a long run of figures
    /// cloned one token each.)
    orphans: usize,
}

/// Reading 1: figures after labels.
/// The most label text (bytes) kept in front of a row's figures.
const PENDING_MAX: usize = 2048;

fn anchor(tokens: &[Token], rows: &[RowDef]) -> Anchored {
    let mut groups: Vec<Option<Group>> = vec![None; rows.len()];
    let mut orphans = 0usize;
    let mut pending = String::new();
    // The row whose figures are being read, while it is short of figures.
    let mut open: Option<usize> = None;
    // The tab just seen, if nothing came after it yet: two tabs in a row
    // inside a row's figures enclose an empty cell.
    let mut last_tab: Option<Span> = None;
    let short = |groups: &[Option<Group>], open: Option<usize>| -> Option<usize> {
        let r = open?;
        let g = groups[r].as_ref()?;
        (!g.values.is_empty() && g.values.len() < rows[r].width).then_some(r)
    };
    for t in tokens {
        match &t.tok {
            Tok::Text(s) => {
                if short(&groups, open).is_some() {
                    open = None;
                }
                pending.push_str(s);
                // Only the words nearest the figures name the row.
                if pending.len() > PENDING_MAX {
                    let mut cut = pending.len() - PENDING_MAX / 2;
                    while !pending.is_char_boundary(cut) {
                        cut += 1;
                    }
                    pending.drain(..cut);
                }
            }
            Tok::Num(_) | Tok::Blank(_) => {
                if open.is_none() {
                    match best_row(&pending, rows) {
                        Some(r) if groups[r].is_none() => {
                            groups[r] = Some(Group { values: Vec::new() });
                            open = Some(r);
                        }
                        _ => orphans += 1,
                    }
                    pending.clear();
                }
                if let Some(r) = open {
                    push_value(&mut groups, rows, &mut open, r, t.clone());
                }
            }
            Tok::Tab => {
                if let (Some(prev), Some(r)) = (last_tab, short(&groups, open)) {
                    let blank = Token {
                        tok: Tok::Blank(String::new()),
                        span: Span::new(prev.end, t.span.start),
                    };
                    push_value(&mut groups, rows, &mut open, r, blank);
                }
            }
            Tok::Newline { .. } => {
                // A row one figure short that ends in a tab: its last cell is empty.
                if let (Some(prev), Some(r)) = (last_tab, short(&groups, open)) {
                    if groups[r].as_ref().is_some_and(|g| g.values.len() + 1 == rows[r].width) {
                        let blank = Token {
                            tok: Tok::Blank(String::new()),
                            span: Span::new(prev.end, t.span.start),
                        };
                        push_value(&mut groups, rows, &mut open, r, blank);
                    }
                }
            }
        }
        last_tab = matches!(t.tok, Tok::Tab).then_some(t.span);
    }
    Anchored { groups, orphans }
}

fn push_value(groups: &mut [Option<Group>], rows: &[RowDef], open: &mut Option<usize>, r: usize, t: Token) {
    if let Some(g) = groups[r].as_mut() {
        g.values.push(t);
        if g.values.len() >= rows[r].width {
            *open = None;
        }
    }
}

/// `label.rfind(key)` for short keys, without building a two-way searcher per
/// call (which cost more than the search on these short labels). A match of a
/// whole UTF-8 key always starts on a char boundary.
fn rfind_short(label: &str, key: &str) -> Option<usize> {
    let (l, k) = (label.as_bytes(), key.as_bytes());
    let n = k.len();
    if n == 0 || n > l.len() {
        return (n == 0).then_some(l.len());
    }
    let (first, last) = (k[0], k[n - 1]);
    (0..=l.len() - n)
        .rev()
        .find(|&i| l[i] == first && l[i + n - 1] == last && &l[i..i + n] == k)
}

/// The row whose keyword ends nearest the end of `label` (ties: the longer keyword).
fn best_row(label: &str, rows: &[RowDef]) -> Option<usize> {
    let mut best: Option<(usize, usize, usize)> = None; // (end, key len, row)
    for (i, r) in rows.iter().enumerate() {
        for k in r.keys {
            // A key longer than the label cannot occur in it; skipping it saves
            // building a searcher per key for every orphan figure (empty label).
            if k.len() > label.len() {
                continue;
            }
            if let Some(p) = rfind_short(label, k) {
                let cand = (p + k.len(), k.len(), i);
                if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                    best = Some(cand);
                }
            }
        }
    }
    best.map(|b| b.2)
}

impl Anchored {
    /// The groups re-indexed from the combined row list to a layout's rows:
    /// the 2019 layout keeps the single （六）其他处理 row, the 2021 layout its
    /// three sub-rows.
    fn remap(&self, from: &[RowDef], to: &[RowDef]) -> Anchored {
        let old = to.len() != format::TABLE_B.rows.len();
        let mut groups = vec![None; to.len()];
        for (i, g) in self.groups.iter().enumerate() {
            let Some(g) = g else { continue };
            let id = match (from[i].id, old) {
                ("other_single", true) => "other",
                ("other_single", false) | ("other" | "overdue" | "unpaid", true) => continue,
                (id, _) => id,
            };
            if let Some(j) = to.iter().position(|r| r.id == id) {
                groups[j] = Some(g.clone());
            }
        }
        Anchored {
            groups,
            orphans: self.orphans,
        }
    }

    /// The table, when every row got exactly its figures and nothing is left over.
    fn complete_table(&self, def: &'static TableDef, region: Span) -> Option<Table> {
        if self.orphans > 0 {
            return None;
        }
        let mut cells = Vec::with_capacity(def.rows.len());
        for (r, row) in def.rows.iter().enumerate() {
            let g = self.groups.get(r)?.as_ref()?;
            cells.push(group_cells(g, row, def)?);
        }
        Some(Table {
            def,
            cells,
            mode: ReadMode::Rows,
            span: region,
            problems: Vec::new(),
        })
    }

    /// Rows whose run-together digits split more than one way are decided by
    /// the table's column relations: accepted only when exactly one
    /// combination of the rows' splits makes every relation of the table hold.
    fn columns_decide(&self, def: &'static TableDef, region: Span) -> Option<Table> {
        if self.orphans > 0 {
            return None;
        }
        let mut options: Vec<Vec<Vec<Cell>>> = Vec::with_capacity(def.rows.len());
        let mut combos: usize = 1;
        for (r, row) in def.rows.iter().enumerate() {
            let g = self.groups.get(r)?.as_ref()?;
            let opts = match group_cells(g, row, def) {
                Some(c) => vec![c],
                None if g.values.len() < row.width => split_all(&g.values, row.width, &row_check(def, row))?,
                None => return None,
            };
            combos = combos.saturating_mul(opts.len());
            options.push(opts);
        }
        if combos <= 1 || combos > 4096 {
            return None;
        }
        let mut found: Option<Table> = None;
        for k in 0..combos {
            let mut rest = k;
            let cells: Vec<Vec<Cell>> = options
                .iter()
                .map(|o| {
                    let pick = rest % o.len();
                    rest /= o.len();
                    o[pick].clone()
                })
                .collect();
            let t = Table {
                def,
                cells,
                mode: ReadMode::Rows,
                span: region,
                problems: Vec::new(),
            };
            let holds = def
                .relations
                .iter()
                .flat_map(|rel| crate::relations::instances(def, rel))
                .all(|i| matches!(crate::relations::check(&t, &i), crate::relations::Outcome::Holds));
            if holds {
                if found.is_some() {
                    return None;
                }
                found = Some(t);
            }
        }
        found
    }

    /// What could be read, with the rest missing and the reasons.
    fn partial_table(&self, def: &'static TableDef, region: Span, tokens: &[Token]) -> Table {
        let mut problems = Vec::new();
        let mut cells = Vec::with_capacity(def.rows.len());
        for (r, row) in def.rows.iter().enumerate() {
            let g = self.groups.get(r).and_then(|g| g.as_ref());
            match g.and_then(|g| group_cells(g, row, def)) {
                Some(c) => cells.push(c),
                None => {
                    let why = match g {
                        None => format!("未找到“{}”一行的数字", row.full_label()),
                        Some(g) if g.values.iter().all(|t| t.is_num()) && g.values.len() < row.width => {
                            let digits: Vec<String> = g
                                .values
                                .iter()
                                .filter_map(|t| match &t.tok {
                                    Tok::Num(s) => Some(s.clone()),
                                    _ => None,
                                })
                                .collect();
                            format!(
                                "“{}”一行应有 {} 个数字，只读到 {} 个（{}），数字连在一起、无法唯一拆分",
                                row.full_label(),
                                row.width,
                                g.values.len(),
                                digits.join(" ")
                            )
                        }
                        Some(g) => format!("“{}”一行应有 {} 个数字，读到 {} 个", row.full_label(), row.width, g.values.len()),
                    };
                    problems.push(why);
                    cells.push((0..row.width).map(|_| Cell::missing()).collect());
                }
            }
        }
        if self.orphans > 0 {
            problems.push(format!("{} 个数字无法对应到表格的行（标签与数字分离）", self.orphans));
        }
        let _ = tokens;
        Table {
            def,
            cells,
            mode: ReadMode::Rows,
            span: region,
            problems,
        }
    }
}

/// A group's cells: its figures one to a column, or — when fewer digit runs
/// than columns — the only split of the digits under which the row holds.
fn group_cells(g: &Group, row: &RowDef, def: &TableDef) -> Option<Vec<Cell>> {
    if g.values.len() == row.width {
        return Some(g.values.iter().map(|t| cell_of(Some(t), row.kind)).collect());
    }
    if g.values.len() > row.width || !g.values.iter().all(|t| t.is_num()) {
        return None;
    }
    let check = row_check(def, row);
    split_unique(&g.values, row.width, &check)
}

/// The check a glued row must pass: the row's own sum where the table has one.
fn row_check(def: &TableDef, row: &RowDef) -> impl Fn(&[u64]) -> bool {
    let id = def.id;
    let width = row.width;
    move |v: &[u64]| match (id, width) {
        ("B", 7) => v[..6].iter().sum::<u64>() == v[6],
        ("C", 5) => v[..4].iter().sum::<u64>() == v[4],
        ("A", 3) => v[2] + v[1] >= v[0],
        _ => true,
    }
}

fn cell_of(t: Option<&Token>, kind: Kind) -> Cell {
    let Some(t) = t else { return Cell::missing() };
    let value = match (&t.tok, kind) {
        (Tok::Num(s), Kind::Count) => match parse_uint(s) {
            Some(n) => Value::Count(n),
            None => Value::Invalid(s.clone()),
        },
        (Tok::Num(s), Kind::Amount) => match parse_uint(s) {
            Some(n) => Value::Amount(n as f64, s.clone()),
            None => match parse_amount(s) {
                Some(a) => Value::Amount(a, s.clone()),
                None => Value::Invalid(s.clone()),
            },
        },
        (Tok::Num(s), Kind::Signed) => match s.trim_start_matches('+').parse::<i64>() {
            Ok(n) => Value::Signed(n),
            Err(_) => Value::Invalid(s.clone()),
        },
        (Tok::Blank(s), _) => Value::Blank(s.clone()),
        (Tok::Text(s), _) => Value::Invalid(s.clone()),
        _ => Value::Missing,
    };
    Cell {
        value,
        span: Some(t.span),
        split: false,
    }
}

/// The most candidate splits of one row kept for the whole-table check.
const MAX_SPLITS: usize = 8;

/// The cells when exactly one split of the digits passes `check`.
fn split_unique(tokens: &[Token], width: usize, check: &dyn Fn(&[u64]) -> bool) -> Option<Vec<Cell>> {
    let mut all = split_all(tokens, width, check)?;
    (all.len() == 1).then(|| all.remove(0))
}

/// Every way (at most [`MAX_SPLITS`]) to cut the digit runs of `tokens` into
/// `width` integers (no leading zeros, every run cut at least once) that
/// passes `check`. `None` when there are more, or the search was too long.
fn split_all(tokens: &[Token], width: usize, check: &dyn Fn(&[u64]) -> bool) -> Option<Vec<Vec<Cell>>> {
    let runs: Vec<(&str, Span)> = tokens
        .iter()
        .filter_map(|t| match &t.tok {
            Tok::Num(s) if s.bytes().all(|b| b.is_ascii_digit()) => Some((s.as_str(), t.span)),
            _ => None,
        })
        .collect();
    if runs.len() != tokens.len() {
        return None;
    }
    let total: usize = runs.iter().map(|r| r.0.len()).sum();
    if total < width || total > 64 {
        return None;
    }
    let mut search = Splits {
        runs: &runs,
        width,
        check,
        pieces: Vec::new(),
        found: Vec::new(),
        budget: 200_000,
    };
    search.run(0, 0);
    let Splits { found, budget, .. } = search;
    if found.is_empty() || found.len() > MAX_SPLITS || budget == 0 {
        return None;
    }
    let cells = |pieces: &Vec<(usize, usize, usize)>| -> Vec<Cell> {
        pieces
            .iter()
            .map(|&(r, a, b)| {
                let (s, span) = runs[r];
                Cell {
                    value: Value::Count(s[a..b].parse().unwrap_or(0)),
                    span: Some(sub_span(span, s, a, b)),
                    split: true,
                }
            })
            .collect()
    };
    Some(found.iter().map(cells).collect())
}

/// A depth-first search over the ways to cut digit runs into figures.
struct Splits<'a> {
    runs: &'a [(&'a str, Span)],
    width: usize,
    check: &'a dyn Fn(&[u64]) -> bool,
    /// Pieces cut so far: (run index, byte start, byte end).
    pieces: Vec<(usize, usize, usize)>,
    found: Vec<Vec<(usize, usize, usize)>>,
    /// Steps left; the search gives up (and the cells stay unreadable) at 0.
    budget: u32,
}

impl Splits<'_> {
    fn run(&mut self, run: usize, pos: usize) {
        if self.found.len() > MAX_SPLITS || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        if run == self.runs.len() {
            if self.pieces.len() == self.width {
                let vals: Vec<u64> = self
                    .pieces
                    .iter()
                    .map(|&(r, a, b)| self.runs[r].0[a..b].parse().unwrap_or(u64::MAX))
                    .collect();
                if (self.check)(&vals) {
                    self.found.push(self.pieces.clone());
                }
            }
            return;
        }
        // Every run still to come needs at least one piece.
        if self.pieces.len() + (self.runs.len() - run) > self.width {
            return;
        }
        let s = self.runs[run].0;
        let max_len = if s.as_bytes()[pos] == b'0' { 1 } else { (s.len() - pos).min(18) };
        for len in 1..=max_len {
            let end = pos + len;
            self.pieces.push((run, pos, end));
            if end == s.len() {
                self.run(run + 1, 0);
            } else {
                self.run(run, end);
            }
            self.pieces.pop();
        }
    }
}

/// The span of folded digits `a..b` of a token whose user text is `span`
/// (one user character for each folded character).
fn sub_span(span: Span, folded: &str, a: usize, b: usize) -> Span {
    // Folded digits are ASCII: byte index = char index.
    let _ = folded;
    let len = span.end - span.start;
    let n = folded.len().max(1);
    let w = len / n; // 1 for ASCII digits, 3 for full-width ones
    Span::new(span.start + a * w, span.start + b * w)
}

/// Reading 2 for table B: the figures in order, column-major blocks
/// recognised by their runs; accepted only when every row adds up.
fn stream_applications(tokens: &[Token], region: Span) -> Option<Table> {
    let runs = value_runs(tokens);
    let mut rows: Vec<Vec<&Token>> = Vec::new();
    let mut buffer: Vec<&Token> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let k = runs[i].len();
        if k >= 2 && buffer.is_empty() && i + 7 <= runs.len() && runs[i..i + 7].iter().all(|r| r.len() == k) {
            let block = &runs[i..i + 7];
            rows.extend((0..k).map(|row| block.iter().map(|col| col[row]).collect::<Vec<_>>()));
            i += 7;
            continue;
        }
        buffer.extend(runs[i].iter().copied());
        // Whole rows out of the buffer at once (draining 7 at a time from the
        // front was quadratic in a long run of figures).
        let whole = buffer.len() / 7 * 7;
        rows.extend(buffer[..whole].chunks_exact(7).map(<[&Token]>::to_vec));
        buffer.drain(..whole);
        i += 1;
        if rows.len() > 25 {
            return None; // no layout has more rows
        }
    }
    if !buffer.is_empty() {
        return None;
    }
    let def: &'static TableDef = match rows.len() {
        25 => &format::TABLE_B,
        23 => &format::TABLE_B_2019,
        _ => return None,
    };
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| r.iter().map(|t| cell_of(Some(t), Kind::Count)).collect())
        .collect();
    let adds_up = cells.iter().all(|r| {
        let v: Option<Vec<u64>> = r.iter().map(|c| c.value.count()).collect();
        v.is_some_and(|v| v[..6].iter().sum::<u64>() == v[6])
    });
    if !adds_up {
        return None;
    }
    Some(Table {
        def,
        cells,
        mode: ReadMode::Stream,
        span: region,
        problems: Vec::new(),
    })
}

/// Figures grouped into runs: figures one a line with no blank line or label
/// between them form one run; figures on one line form one run.
fn value_runs(tokens: &[Token]) -> Vec<Vec<&Token>> {
    let mut runs: Vec<Vec<&Token>> = Vec::new();
    let mut cur: Vec<&Token> = Vec::new();
    let mut broken = false;
    for t in tokens {
        match &t.tok {
            Tok::Num(_) | Tok::Blank(_) => {
                if broken && !cur.is_empty() {
                    runs.push(std::mem::take(&mut cur));
                }
                broken = false;
                cur.push(t);
            }
            Tok::Newline { blank: true } | Tok::Text(_) => broken = true,
            Tok::Newline { blank: false } | Tok::Tab => {}
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// Table C: fifteen figures in one row under a header of many lines, read in
/// order. Accepted as is when nothing but 总计 stands between them or when
/// every group adds up; digits that ran together are split only uniquely.
fn read_review(def: &'static TableDef, region: Span, tokens: &[Token]) -> Table {
    let n = def.cell_count();
    let values: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
    let first = tokens.iter().position(|t| t.is_value());
    let last = tokens.iter().rposition(|t| t.is_value());
    let between: String = match (first, last) {
        (Some(a), Some(b)) => tokens[a..=b].iter().filter_map(|t| t.text()).collect(),
        _ => String::new(),
    };
    let clean_run = between.replace("总计", "").is_empty();
    let shape = |cells: Vec<Cell>| -> Vec<Vec<Cell>> {
        let mut it = cells.into_iter();
        def.rows
            .iter()
            .map(|r| (0..r.width).map(|_| it.next().unwrap_or_else(Cell::missing)).collect())
            .collect()
    };
    let groups_hold = |cells: &[Vec<Cell>]| {
        cells.iter().all(|r| {
            let v: Option<Vec<u64>> = r.iter().map(|c| c.value.count()).collect();
            v.is_some_and(|v| v[..4].iter().sum::<u64>() == v[4])
        })
    };
    let mut problems = Vec::new();
    if values.len() == n {
        let cells = shape(values.iter().map(|t| cell_of(Some(t), Kind::Count)).collect());
        if clean_run || groups_hold(&cells) {
            return Table {
                def,
                cells,
                mode: ReadMode::Rows,
                span: region,
                problems,
            };
        }
        problems.push("十五个数字之间夹有表头文字（PDF 按阅读顺序提取），无法确定每个数字所在的列，且按顺序读时各组不平衡".to_string());
    } else if !values.is_empty() && values.len() < n && values.iter().all(|t| t.is_num()) {
        let owned: Vec<Token> = values.iter().map(|t| (*t).clone()).collect();
        let check = |v: &[u64]| v.chunks(5).all(|g| g[..4].iter().sum::<u64>() == g[4]);
        if let Some(cells) = split_unique(&owned, n, &check) {
            return Table {
                def,
                cells: shape(cells),
                mode: ReadMode::Rows,
                span: region,
                problems,
            };
        }
        problems.push(format!(
            "应有 {} 个数字，读到 {} 段连在一起的数字（{}），无法唯一拆分",
            n,
            values.len(),
            values
                .iter()
                .filter_map(|t| match &t.tok {
                    Tok::Num(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ")
        ));
    } else {
        problems.push(format!("应有 {} 个数字，读到 {} 个", n, values.len()));
    }
    let cells = def.rows.iter().map(|r| (0..r.width).map(|_| Cell::missing()).collect()).collect();
    Table {
        def,
        cells,
        mode: ReadMode::Rows,
        span: region,
        problems,
    }
}
