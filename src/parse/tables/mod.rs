//! Reads the standard tables out of a section's text.
//!
//! **The structure decides the reading; the arithmetic only checks it.**
//! Structure is everything but the sums: the standard rows in their fixed
//! order with their labels, how many figures each row holds, blank lines
//! between groups, the columns' places in text that kept its layout, tabs and
//! table markup. The reader never adds up a figure: a table that is wrong is
//! read exactly as a table that is right, so the rules can say what is wrong.
//!
//! The parts, one module each:
//!
//! - [`lines`] — the observed table: lines, figure groups, label segments,
//!   each with its display column.
//! - [`align`] — the standard rows aligned to the figure groups as a whole
//!   (dynamic programming over the fixed row order and the labels).
//! - [`columns`] — in layout text, a figure's column is where it stands.
//! - [`stream`] — reading order (PDF text without layout): figures in the
//!   template's order when their number and grouping fit it.
//! - [`digits`] — figures run together, read only where one reading exists.
//!
//! **The acceptance rule.** A cell is read when the structure fixes it: its
//! row is aligned to the same figures in every best alignment and those
//! figures fill the row (one a cell, placed under the layout's columns, or
//! digits with exactly one reading); or, where the alignment leaves rows
//! open, the reading order gives exactly the template's number of figures in
//! whole rows and agrees with every row the alignment fixed; or, failing
//! that, a clump of labels naming rows `i..=j` once each is followed by
//! exactly their cells' number of figures, one a paragraph with nothing
//! between ([`stream::labelled`]), agreeing with every row read. Any other
//! cell is left unread with the reason, which S004 reports.

pub mod align;
pub mod columns;
pub mod digits;
pub mod keys;
pub mod lines;
pub mod stream;

use super::{Cell, ReadMode, Table, Value};
use crate::format::{self, Kind, TableDef};
use crate::text::numbers::{parse_amount, parse_uint};
use crate::text::tokens::{tokenize, Tok, Token};
use crate::text::Span;
use align::{Fit, RowRead};
use lines::Observed;

/// Why a table of figures one a line is unread (S004).
const ONE_CELL_A_LINE: &str =
    "文字中的数字每个单独一行、与表头文字交错（从 PDF 复制或按阅读顺序提取、没有保留版面的文字），无法确定这些数字各属哪一格";
/// What to do instead.
const KEEP_THE_LAYOUT: &str = "请直接打开 PDF 文件核查（按 PDF 的版面读取表格），或复制时保留版面";

/// Where cells are unread in text of figures one a line: one reason that
/// says so (the reader's own where it already names the reading order)
/// and what to do instead, rather than a reason for each row.
fn one_cell_a_line(table: &mut Table, obs: &Observed) {
    if table.unreadable().next().is_none() || !obs.one_cell_a_line() {
        return;
    }
    let why = match table.problems.iter().find(|p| p.contains("阅读顺序")) {
        Some(p) => p.clone(),
        None => ONE_CELL_A_LINE.to_string(),
    };
    table.problems = vec![format!("{why}。{KEEP_THE_LAYOUT}")];
}

/// A report whose tables were extracted from a PDF in reading order is so throughout: where one
/// table says so (its figures one a line), every other table left unread says what to do
/// instead too, after its own reasons (its rows may mix label lines with figures, which alone
/// do not show the flow).
pub fn same_flow(tables: &mut [&mut Option<Table>]) {
    let flowed = tables
        .iter()
        .flat_map(|t| t.iter())
        .any(|t| t.problems.iter().any(|p| p.contains(KEEP_THE_LAYOUT)));
    if !flowed {
        return;
    }
    for t in tables.iter_mut().filter_map(|t| t.as_mut()) {
        if t.unreadable().next().is_some() && !t.problems.iter().any(|p| p.contains(KEEP_THE_LAYOUT)) {
            t.problems.push(format!(
                "本报告的其他表格是按 PDF 阅读顺序提取、没有保留版面的文字。{KEEP_THE_LAYOUT}"
            ));
        }
    }
}

/// Reads table group A, in the 2021 layout or, where its words show it, the 2019 one.
pub fn read_active(text: &str, region: Span) -> Table {
    let body = crate::text::squash(&text[region.start..region.end]);
    let old = format::A_2019_MARKS.iter().any(|m| body.contains(m));
    let mut table = read_rows(text, region, &[if old { &format::TABLE_A_2019 } else { &format::TABLE_A }]);
    if table.unreadable().next().is_some() {
        sub_tables(&mut table, &tokenize(text, region));
    }
    table
}

/// Table A is small tables under headings (第二十条第（五）项 …). In reading
/// order a sub-table's figures may stand apart from its row labels, but a
/// sub-table of one row, or of rows one cell wide, takes its figures in order
/// whatever the flow: when such a sub-table holds exactly as many figures as
/// cells, its rows the alignment left unread are read so; where the alignment
/// read one of its rows otherwise, the sub-table is left unread.
fn sub_tables(table: &mut Table, tokens: &[Token]) {
    let def = table.def;
    // Each row's group heading, and what words naming it hold: the heading less its first
    // character (二十条第（五）项, with or without its 第), squashed once.
    let names: Vec<(&str, Option<String>)> = def
        .rows
        .iter()
        .map(|r| (r.group, crate::text::squash(r.group).get(3..).map(String::from)))
        .collect();
    // (group heading, start token) of each sub-table heading met in the text.
    let mut heads: Vec<(&str, usize)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(first) = t.text() else { continue };
        // 二十条第（五）项, with or without its 第 (W001 tells), starting in this token; a
        // heading in a narrow cell wraps (第二十条 / 第（五） / 项): up to three words joined
        // across line breaks.
        let mut s = first.to_string();
        let mut next = i + 1;
        for _ in 0..3 {
            let named = |(_, h): &&(&str, Option<String>)| {
                h.as_ref()
                    .is_some_and(|h| !h.is_empty() && s.find(h.as_str()).is_some_and(|at| at < first.len()))
            };
            if let Some(&(g, _)) = names.iter().find(named) {
                heads.push((g, i));
                break;
            }
            while tokens.get(next).is_some_and(|t| matches!(t.tok, Tok::Newline { .. })) {
                next += 1;
            }
            let Some(w) = tokens.get(next).and_then(Token::text) else { break };
            s.push_str(w);
            next += 1;
        }
    }
    for (k, &(group, start)) in heads.iter().enumerate() {
        let end = heads.get(k + 1).map_or(tokens.len(), |h| h.1);
        let rows: Vec<usize> = (0..def.rows.len()).filter(|&r| def.rows[r].group == group).collect();
        let simple = rows.len() == 1 || rows.iter().all(|&r| def.rows[r].width == 1);
        let values: Vec<&Token> = tokens[start..end].iter().filter(|t| t.is_value()).collect();
        let cells: usize = rows.iter().map(|&r| def.rows[r].width).sum();
        if !simple || values.len() != cells || heads.iter().filter(|h| h.0 == group).count() != 1 {
            continue;
        }
        let mut it = values.iter().copied();
        let read: Vec<Vec<Cell>> = rows
            .iter()
            .map(|&r| {
                (0..def.rows[r].width)
                    .filter_map(|_| it.next())
                    .map(|t| cell_of(t, def.rows[r].kind))
                    .collect()
            })
            .collect();
        let agrees = rows.iter().zip(&read).all(|(&r, new)| {
            table.cells[r]
                .iter()
                .zip(new)
                .all(|(old, n)| matches!(old.value, Value::Missing) || old.value == n.value)
        });
        if agrees {
            for (&r, new) in rows.iter().zip(read) {
                table.cells[r] = new;
                // what was said of the row no longer holds
                let named = format!("“{}”", def.rows[r].full_label());
                table.problems.retain(|p| !p.contains(&named));
            }
        } else {
            // Read in order, each figure is the next row's whatever the flow: where the
            // alignment put one elsewhere it read the flow wrong (a label after its figure
            // taken for the figure's), and neither reading is shown.
            table.problems.push(format!(
                "{}的 {} 个数字（{}）与各行的标签交错，文字不能确定各属哪一行",
                crate::text::squash(group),
                values.len(),
                digit_text(values.iter().copied())
            ));
            for &r in &rows {
                table.cells[r] = (0..def.rows[r].width).map(|_| Cell::missing()).collect();
            }
        }
    }
    if table.unreadable().next().is_none() {
        table.problems.clear();
    }
}

/// Reads table B in the 2021 or the 2019 layout, whichever the text fits.
pub fn read_applications(text: &str, region: Span) -> Table {
    read_rows(text, region, &[&format::TABLE_B, &format::TABLE_B_2019])
}

/// Reads table C: fifteen figures in three groups of five.
pub fn read_review(text: &str, region: Span) -> Table {
    let def = &format::TABLE_C;
    let mut tokens = tokenize(text, region);
    // The table ends at an outline heading after its figures (五、信息处理费收取情况 in some reports).
    let first_value = tokens.iter().position(Token::is_value).unwrap_or(tokens.len());
    if let Some(p) = tokens[first_value..].iter().position(|t| t.text().is_some_and(is_outline_heading)) {
        tokens.truncate(first_value + p);
    }
    let values: Vec<Token> = tokens.iter().filter(|t| t.is_value()).cloned().collect();
    let n = def.cell_count();
    let mut problems = Vec::new();
    let cells: Option<Vec<Cell>> = if values.len() < n && !values.is_empty() && values.iter().all(Token::is_num) {
        match digits::split(text, &values, n) {
            digits::Split::One(v) => Some(v.into_iter().map(|(x, s)| split_cell(x, s)).collect()),
            digits::Split::Many { readings, more } => {
                problems.push(format!(
                    "十五个数字连在一起（{}），{}",
                    digit_text(&values),
                    list_readings(def, None, &readings, more)
                ));
                None
            }
            digits::Split::None => {
                problems.push(format!("应有 {n} 个数字，读到 {} 个", values.len()));
                None
            }
        }
    } else {
        match stream::review(&tokens) {
            Ok(v) => Some(v.iter().map(|t| cell_of(t, Kind::Count)).collect()),
            Err(why) => {
                problems.push(why);
                None
            }
        }
    };
    let mut it = cells.into_iter().flatten();
    let cells = def
        .rows
        .iter()
        .map(|r| (0..r.width).map(|_| it.next().unwrap_or_else(Cell::missing)).collect())
        .collect();
    let mut table = Table::read(def, cells, ReadMode::Rows, region, problems);
    one_cell_a_line(&mut table, &lines::observe(text, &tokens));
    table
}

/// Reads a table of labelled rows against each of `defs` (its layouts) and
/// keeps the layout the text fits best.
fn read_rows(text: &str, region: Span, defs: &[&'static TableDef]) -> Table {
    let tokens = tokenize(text, region);
    let obs = lines::observe(text, &tokens);
    let first_line = text[..region.start].bytes().filter(|&b| b == b'\n').count() + 1;
    // Lines (from the region's first) where a new page starts: a form feed.
    let page_starts: Vec<usize> = text[region.start..region.end]
        .split('\n')
        .enumerate()
        .filter(|(_, l)| l.contains('\u{c}'))
        .map(|(k, _)| k)
        .collect();
    let mut best: Option<(&'static TableDef, align::Alignment)> = None;
    let learn = |w: usize| columns::learn(&obs.groups, w, &page_starts);
    // The fits of runs of groups to row widths, for the layouts of the same widths.
    let mut fits: Option<align::Fits> = None;
    for &def in defs {
        // A layout that cannot score more than the best so far is not aligned (the 2019
        // table 三 has two rows fewer: a 2021 table read in full leaves it no chance).
        if best.as_ref().is_some_and(|b| b.1.score >= align::best_possible(def.rows)) {
            continue;
        }
        let widths = align::widths_of(def.rows);
        let f = match fits.take() {
            Some(f) if f.widths == widths => f,
            _ => align::Fits::new(text, &obs, widths, &learn),
        };
        let al = align::align(&obs, def.rows, def.columns, &f);
        fits = Some(f);
        if best.as_ref().is_none_or(|b| al.score > b.1.score) {
            best = Some((def, al));
        }
    }
    let Some((def, al)) = best else {
        return Table::read(defs[0], Vec::new(), ReadMode::Rows, region, Vec::new());
    };
    let none = vec![None; def.rows.len()];
    let mut table = from_alignment(def, region, &obs, &al, first_line, &none);
    if table.unreadable().next().is_some() {
        if let Some(s) = read_stream(&tokens, defs, region) {
            if agrees(&table, &s) {
                return s;
            }
        }
        // Rows under their own labels in reading order, where they agree with every row read;
        // only in a table of equal rows (table 三), as for the whole-table reading above.
        let equal = def.rows.iter().all(|r| r.width == def.rows[0].width);
        let found = if equal {
            stream::labelled(&tokens, def.rows)
        } else {
            vec![None; def.rows.len()]
        };
        let extra: Vec<Option<Vec<Cell>>> = found
            .into_iter()
            .zip(def.rows)
            .map(|(v, row)| v.map(|v| v.iter().map(|t| cell_of(t, row.kind)).collect()))
            .collect();
        let agree = table.cells.iter().zip(&extra).all(|(read, new)| match new {
            Some(new) => read
                .iter()
                .zip(new)
                .all(|(a, b)| matches!(a.value, Value::Missing) || a.value == b.value),
            None => true,
        });
        if agree && extra.iter().any(Option::is_some) {
            table = from_alignment(def, region, &obs, &al, first_line, &extra);
        }
    }
    one_cell_a_line(&mut table, &obs);
    table
}

/// The table as the alignment fixed it; rows it did not fix are unread, with the reason.
/// `extra` gives rows read otherwise (in reading order under their labels),
/// taken where the alignment left a row unread.
fn from_alignment(
    def: &'static TableDef,
    region: Span,
    obs: &Observed,
    al: &align::Alignment,
    first_line: usize,
    extra: &[Option<Vec<Cell>>],
) -> Table {
    let mut problems = Vec::new();
    let mut cells = Vec::with_capacity(def.rows.len());
    for (r, row) in def.rows.iter().enumerate() {
        let width = row.width;
        let said = problems.len();
        let missing = || (0..width).map(|_| Cell::missing()).collect::<Vec<_>>();
        match &al.rows[r] {
            RowRead::Fixed(p) => {
                let groups = &obs.groups[p.first..=p.last];
                let values: Vec<&Token> = groups.iter().flat_map(|g| g.values.iter()).collect();
                let row_cells: Vec<Cell> = match &p.fit {
                    Fit::Exact | Fit::Paragraphs => values.iter().map(|t| cell_of(t, row.kind)).collect(),
                    Fit::TrailingBlanks => {
                        let g = &groups[0];
                        let mut v: Vec<Cell> = values.iter().map(|t| cell_of(t, row.kind)).collect();
                        v.extend(g.trailing_empty.iter().take(width - v.len()).map(|s| blank(*s)));
                        v
                    }
                    Fit::Placed(map) => {
                        let g = &groups[0];
                        let cover = g.values.iter().map(|t| t.span).reduce(Span::cover).unwrap_or(region);
                        map.iter()
                            .map(|k| k.map_or_else(|| blank(cover), |k| cell_of(&g.values[k], row.kind)))
                            .collect()
                    }
                    Fit::Digits(v) => v.iter().map(|&(x, s)| split_cell(x, s)).collect(),
                    Fit::Ambiguous { readings, more } => {
                        problems.push(format!(
                            "“{}”一行应有 {} 个数字，读到连在一起的 {}，{}",
                            row.full_label(),
                            width,
                            digit_text(values.iter().copied()),
                            list_readings(def, Some(r), readings, *more)
                        ));
                        missing()
                    }
                };
                cells.push(if row_cells.len() == width { row_cells } else { missing() });
            }
            RowRead::Absent => {
                problems.push(format!("未找到“{}”一行的数字", row.full_label()));
                cells.push(missing());
            }
            RowRead::Unfixed(lines) => {
                let at: Vec<String> = lines.iter().take(6).map(|l| (l + first_line).to_string()).collect();
                problems.push(format!(
                    "“{}”一行的数字可能是第 {} 行的几组之一，文本的结构不能确定是哪一组",
                    row.full_label(),
                    at.join("、")
                ));
                cells.push(missing());
            }
        }
        if let Some(v) = extra[r].as_ref().filter(|v| v.len() == width) {
            if cells[r].iter().all(|c: &Cell| matches!(c.value, Value::Missing)) {
                cells[r] = v.clone();
                problems.truncate(said);
            }
        }
    }
    if !problems.is_empty() && !al.orphans.is_empty() {
        let lines: Vec<String> = al
            .orphans
            .iter()
            .take(6)
            .map(|&g| (obs.groups[g].line + first_line).to_string())
            .collect();
        problems.push(format!(
            "第 {} 行等处有 {} 组数字无法对应到表格的行",
            lines.join("、"),
            al.orphans.len()
        ));
    }
    Table::read(def, cells, ReadMode::Rows, region, problems)
}

/// The reading in order (PDF text without layout), when its runs fit one of `defs` exactly.
fn read_stream(tokens: &[Token], defs: &[&'static TableDef], region: Span) -> Option<Table> {
    for &def in defs {
        // Only a table of equal rows (table 三): the small tables of group A come in
        // reading order column by column under their headers, which the count cannot tell.
        if !def.rows.iter().all(|r| r.width == def.rows[0].width) {
            continue;
        }
        let Some(rows) = stream::rows(tokens, def.rows) else { continue };
        let cells = rows
            .iter()
            .zip(def.rows)
            .map(|(r, d)| r.iter().map(|t| cell_of(t, d.kind)).collect())
            .collect();
        return Some(Table::read(def, cells, ReadMode::Stream, region, Vec::new()));
    }
    None
}

/// True when `b` reads every cell that `a` read, the same (rows matched by
/// their id, as the two may be read in different layouts).
fn agrees(a: &Table, b: &Table) -> bool {
    a.def.rows.iter().zip(&a.cells).all(|(row, cells)| {
        let read = cells.iter().any(|c| !matches!(c.value, Value::Missing));
        if !read {
            return true;
        }
        let Some(j) = b.def.row_index(row.id) else { return false };
        cells
            .iter()
            .zip(&b.cells[j])
            .all(|(x, y)| matches!(x.value, Value::Missing) || x.value == y.value)
    })
}

/// `五、…`, `六、…`: a heading of the outline, not a word of the table.
fn is_outline_heading(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some('五' | '六')) && matches!(c.next(), Some('、' | '.'))
}

fn blank(span: Span) -> Cell {
    Cell {
        value: Value::Blank(String::new()),
        span: Some(span),
        split: false,
    }
}

fn split_cell(x: u64, span: Span) -> Cell {
    Cell {
        value: Value::Count(x),
        span: Some(span),
        split: true,
    }
}

fn digit_text<'a, 't: 'a>(values: impl IntoIterator<Item = &'a Token<'t>>) -> String {
    values
        .into_iter()
        .filter_map(|t| match &t.tok {
            Tok::Num(s) => Some(&**s),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The readings of run-together digits, for S004: how many, the first few,
/// and — as a hint to the reviewer, not a reading — those under which the
/// row's own relation (its 总计) holds.
fn list_readings(def: &TableDef, row: Option<usize>, readings: &[Vec<u64>], more: bool) -> String {
    let show = |r: &Vec<u64>| r.iter().map(u64::to_string).collect::<Vec<_>>().join("|");
    let count = if more {
        format!("{} 种以上", readings.len())
    } else {
        format!("{} 种", readings.len())
    };
    let mut s = format!(
        "可拆分为 {count}（{}{}），文本不能确定是哪一种",
        readings.iter().take(3).map(show).collect::<Vec<_>>().join("、"),
        if readings.len() > 3 { " 等" } else { "" }
    );
    if let Some(r) = row {
        let adding: Vec<&Vec<u64>> = readings
            .iter()
            .filter(|v| crate::arith::row_holds(def, r, v) == Some(true))
            .collect();
        if adding.len() == 1 && !more {
            s.push_str(&format!("（其中只有 {} 能使本行勾稽成立，仅供参考）", show(adding[0])));
        }
    }
    s
}

fn cell_of(t: &Token, kind: Kind) -> Cell {
    let value = match (&t.tok, kind) {
        (Tok::Num(s), Kind::Count) => match parse_uint(s) {
            Some(n) => Value::Count(n),
            None => Value::Invalid(s.to_string()),
        },
        (Tok::Num(s), Kind::Amount) => match parse_uint(s) {
            Some(n) => Value::Amount(n as f64, s.to_string()),
            None => match parse_amount(s) {
                Some(a) => Value::Amount(a, s.to_string()),
                None => Value::Invalid(s.to_string()),
            },
        },
        (Tok::Num(s), Kind::Signed) => match s.trim_start_matches('+').parse::<i64>() {
            Ok(n) => Value::Signed(n),
            Err(_) => Value::Invalid(s.to_string()),
        },
        (Tok::Blank(s), _) => Value::Blank(s.to_string()),
        (Tok::Text(s), _) => Value::Invalid(s.to_string()),
        _ => Value::Missing,
    };
    Cell {
        value,
        span: Some(t.span),
        split: false,
    }
}
