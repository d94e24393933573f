//! Lays a document out as the text the core reads, whatever it came from:
//! paragraphs one a line; each table row one line with its cells separated
//! by tabs, as a browser or Word copy gives it. A merged cell is kept once,
//! with empty cells for the columns (colspan) and rows (rowspan) it covers.
//!
//! Tables are buffered until they close, because only then is it known
//! whether a table holds data (rows of cells) or only lays out a page (a
//! table inside a cell, or a cell with a whole article in it): a layout
//! table's cells are written as ordinary paragraphs.

use super::ConvertError;

/// Tables nested deeper than this are read as plain paragraphs.
pub const MAX_TABLE_DEPTH: usize = 32;
/// The widest span honoured (HTML caps colspan at 1000 too).
const MAX_SPAN: usize = 1000;
/// The widest table laid out; cells past it are dropped.
const MAX_COLUMNS: usize = 256;
/// The most grid positions (rows × columns, spans included) laid out in one
/// table; a table needing more is refused as too large.
const MAX_GRID: usize = 20_000_000;
/// The most cells buffered in open tables at once.
const MAX_CELLS: usize = 500_000;
/// A cell with more text than this makes its table a layout table.
const LAYOUT_CELL_CHARS: usize = 400;

#[derive(Debug, Default)]
struct CellBuf {
    items: Vec<Item>,
    colspan: usize,
    rowspan: usize,
}

#[derive(Debug)]
enum Item {
    Text(String),
    Break,
    Table(TableBuf),
}

#[derive(Debug, Default)]
struct RowBuf {
    cells: Vec<CellBuf>,
}

#[derive(Debug, Default)]
struct TableBuf {
    rows: Vec<RowBuf>,
}

/// Receives the structure of a document and writes its text.
pub struct Sink {
    out: String,
    line: String,
    tables: Vec<TableBuf>,
    /// `<table>`s opened beyond [`MAX_TABLE_DEPTH`], not yet closed.
    ignored: usize,
    limit: usize,
    too_large: bool,
    /// Cells buffered in open tables.
    cells: usize,
}

impl Sink {
    /// A sink that refuses to produce more than `limit` bytes.
    pub fn new(limit: usize) -> Sink {
        Sink {
            out: String::new(),
            line: String::new(),
            tables: Vec::new(),
            ignored: 0,
            limit,
            too_large: false,
            cells: 0,
        }
    }

    fn cell(&mut self) -> Option<&mut CellBuf> {
        let t = self.tables.last_mut()?;
        if t.rows.is_empty() {
            t.rows.push(RowBuf::default());
        }
        let row = t.rows.last_mut()?;
        if row.cells.is_empty() {
            row.cells.push(CellBuf {
                colspan: 1,
                rowspan: 1,
                ..Default::default()
            });
        }
        row.cells.last_mut()
    }

    fn in_table(&self) -> bool {
        !self.tables.is_empty()
    }

    /// Text of the current paragraph or cell.
    pub fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.in_table() {
            if s.trim().is_empty() && self.tables.last().is_some_and(|t| t.rows.last().is_none_or(|r| r.cells.is_empty())) {
                return; // whitespace between a table's tags
            }
            if let Some(c) = self.cell() {
                match c.items.last_mut() {
                    Some(Item::Text(t)) => t.push_str(s),
                    _ => c.items.push(Item::Text(s.to_string())),
                }
            }
        } else {
            self.line.push_str(s);
            if self.line.len() > self.limit {
                self.too_large = true;
                self.line.clear();
            }
        }
    }

    /// A tab in running text: a cell boundary outside tables, a space inside.
    pub fn tab(&mut self) {
        if self.in_table() {
            self.text(" ");
        } else {
            self.line.push('\t');
        }
    }

    /// The end of a paragraph or a line break.
    pub fn brk(&mut self) {
        if self.in_table() {
            if let Some(c) = self.cell() {
                if !matches!(c.items.last(), None | Some(Item::Break)) {
                    c.items.push(Item::Break);
                }
            }
        } else {
            let line = std::mem::take(&mut self.line);
            self.emit_line(&line);
        }
    }

    fn emit_line(&mut self, line: &str) {
        if !push_line(&mut self.out, line, self.limit) {
            self.too_large = true;
        }
    }

    pub fn start_table(&mut self) {
        if self.tables.len() >= MAX_TABLE_DEPTH {
            self.ignored += 1;
            self.brk();
            return;
        }
        if !self.in_table() {
            self.brk();
        }
        self.tables.push(TableBuf::default());
    }

    pub fn end_table(&mut self) {
        if self.ignored > 0 {
            self.ignored -= 1;
            self.brk();
            return;
        }
        let Some(t) = self.tables.pop() else { return };
        if self.in_table() {
            if let Some(c) = self.cell() {
                c.items.push(Item::Table(t));
            }
        } else {
            self.cells = 0;
            if !render(&t, &mut self.out, self.limit, 0) {
                self.too_large = true;
            }
        }
    }

    pub fn start_row(&mut self) {
        if self.ignored > 0 {
            self.brk();
            return;
        }
        if let Some(t) = self.tables.last_mut() {
            t.rows.push(RowBuf::default());
        }
    }

    /// A new cell in the current row, spanning `colspan` columns and `rowspan` rows.
    pub fn start_cell(&mut self, colspan: usize, rowspan: usize) {
        if self.ignored > 0 {
            self.text(" ");
            return;
        }
        if self.tables.is_empty() {
            return;
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            self.too_large = true;
            return;
        }
        let Some(t) = self.tables.last_mut() else { return };
        if t.rows.is_empty() {
            t.rows.push(RowBuf::default());
        }
        if let Some(r) = t.rows.last_mut() {
            r.cells.push(CellBuf {
                items: Vec::new(),
                colspan: colspan.clamp(1, MAX_SPAN),
                rowspan: rowspan.clamp(1, MAX_SPAN),
            });
        }
    }

    /// Sets the column span of the current cell (Word's `gridSpan` comes after the cell starts).
    pub fn set_colspan(&mut self, n: usize) {
        if self.ignored > 0 {
            return;
        }
        if let Some(c) = self
            .tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.cells.last_mut())
        {
            c.colspan = n.clamp(1, MAX_SPAN);
        }
    }

    /// Empty cells before the first cell of the current row (Word's `gridBefore`).
    pub fn skip_cells(&mut self, n: usize) {
        for _ in 0..n.min(MAX_SPAN) {
            self.start_cell(1, 1);
        }
    }

    /// The text written, or an error when it grew past the limit.
    pub fn finish(mut self) -> Result<String, ConvertError> {
        while !self.tables.is_empty() {
            self.end_table();
        }
        self.brk();
        if self.too_large || self.out.len() > self.limit {
            return Err(ConvertError::TooLarge);
        }
        Ok(self.out)
    }
}

fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| c == ' ' || c == '\u{3000}' || c == '\u{A0}' || c == '\r' || c == '\n')
}

/// The text of a cell on one line: breaks and tabs become spaces, runs of spaces one.
fn cell_text(c: &CellBuf) -> String {
    let mut s = String::new();
    for it in &c.items {
        match it {
            Item::Text(t) => s.push_str(t),
            Item::Break => s.push(' '),
            Item::Table(_) => {}
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{A0}') {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        }
    }
    out.trim_matches('\u{3000}').to_string()
}

fn is_layout(t: &TableBuf) -> bool {
    t.rows.iter().flat_map(|r| &r.cells).any(|c| {
        c.items.iter().any(|i| matches!(i, Item::Table(_)))
            || c.items
                .iter()
                .map(|i| if let Item::Text(s) = i { s.chars().count() } else { 0 })
                .sum::<usize>()
                > LAYOUT_CELL_CHARS
    })
}

/// Appends a line (trimmed; nothing when empty) unless `out` would pass
/// `limit`; false when it would.
fn push_line(out: &mut String, line: &str, limit: usize) -> bool {
    let line = trim_line(line);
    if line.is_empty() {
        return true;
    }
    if out.len() + line.len() + 1 > limit {
        return false;
    }
    out.push_str(line);
    out.push('\n');
    true
}

/// Writes a table's lines to `out`; false when they would pass `limit`
/// (then it stops). Recursion is bounded by [`MAX_TABLE_DEPTH`].
fn render(t: &TableBuf, out: &mut String, limit: usize, depth: usize) -> bool {
    if is_layout(t) && depth < MAX_TABLE_DEPTH {
        for row in &t.rows {
            for c in &row.cells {
                let mut line = String::new();
                for it in &c.items {
                    match it {
                        Item::Text(s) => line.push_str(s),
                        Item::Break => {
                            if !push_line(out, &std::mem::take(&mut line), limit) {
                                return false;
                            }
                        }
                        Item::Table(inner) => {
                            if !push_line(out, &std::mem::take(&mut line), limit) || !render(inner, out, limit, depth + 1) {
                                return false;
                            }
                        }
                    }
                }
                if !push_line(out, &line, limit) {
                    return false;
                }
            }
        }
        return true;
    }
    // A data table: lay the cells on a grid so that spans leave empty cells.
    let mut covered: Vec<usize> = Vec::new(); // rows still covered, per column
    let mut line = String::new();
    let mut work = 0usize;
    for row in &t.rows {
        line.clear();
        work += covered.len().max(row.cells.len());
        if work > MAX_GRID {
            return false;
        }
        let mut col = 0usize;
        let mut take = row.cells.iter();
        let mut next = take.next();
        // The last column written with text: empty cells are written only
        // before a cell with text, so a row never ends in tabs.
        let mut last: Option<usize> = None;
        while col < MAX_COLUMNS {
            if covered.get(col).copied().unwrap_or(0) > 0 {
                covered[col] -= 1;
                col += 1;
                continue;
            }
            let Some(c) = next else { break };
            let text = cell_text(c);
            if !text.is_empty() {
                let tabs = last.map_or(col, |m| col - m);
                if out.len() + line.len() + tabs + text.len() >= limit {
                    return false;
                }
                line.extend(std::iter::repeat_n('\t', tabs));
                line.push_str(&text);
                last = Some(col);
            }
            let span = c.colspan.min(MAX_COLUMNS - col);
            if c.rowspan > 1 {
                if covered.len() < col + span {
                    covered.resize(col + span, 0);
                }
                covered[col..col + span].fill(c.rowspan - 1);
            }
            col += span;
            next = take.next();
        }
        // Columns covered past the row's last cell still count down.
        for k in covered.iter_mut().skip(col) {
            *k = k.saturating_sub(1);
        }
        if !push_line(out, &line, limit) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_leave_empty_cells() {
        let mut s = Sink::new(1 << 20);
        s.text("标题");
        s.brk();
        s.start_table();
        s.start_row();
        s.start_cell(1, 2);
        s.text("三、本年度办理结果");
        s.start_cell(1, 1);
        s.text("（一）予以公开");
        s.start_cell(2, 1);
        s.text("5");
        s.start_row();
        s.start_cell(1, 1);
        s.text("（二）部分公开");
        s.start_cell(1, 1);
        s.text("1");
        s.end_table();
        s.text("后文");
        assert_eq!(
            s.finish().unwrap(),
            "标题\n三、本年度办理结果\t（一）予以公开\t5\n\t（二）部分公开\t1\n后文\n"
        );
    }

    #[test]
    fn layout_tables_become_paragraphs() {
        let mut s = Sink::new(1 << 20);
        s.start_table();
        s.start_row();
        s.start_cell(1, 1);
        s.text("一、总体情况");
        s.brk();
        s.start_table();
        s.start_row();
        s.start_cell(1, 1);
        s.text("规章");
        s.start_cell(1, 1);
        s.text("0");
        s.end_table();
        s.text("二、主动公开");
        s.end_table();
        assert_eq!(s.finish().unwrap(), "一、总体情况\n规章\t0\n二、主动公开\n");
    }
}
