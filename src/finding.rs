//! `Finding`, `Severity` and the locations they carry: the one serialised shape
//! shared by the command line (JSON), the WebAssembly binding and the page.

use serde::Serialize;

use crate::format::TableDef;
use crate::parse::Table;
use crate::text::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// `"error"`, 错误: the report breaks the format or its own arithmetic
    /// (a sum that does not add up, a missing section). The command line
    /// exits with 1 when any file has one.
    Error,
    /// `"warning"`, 警告: most likely wrong, for a person to look at (the
    /// prose disagrees with a table, a year contradicts the title).
    Warning,
    /// `"info"`, 提示: a note (a non-standard label, a point the report
    /// leaves out but need not).
    Info,
}

impl Severity {
    /// The Chinese word the page and the text output show.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// A place in the user's text as the outside world sees it: 1-based line,
/// character offsets and UTF-16 offsets (what a browser's text area counts);
/// for a PDF also the page and the box on it (`nianbao::pdf`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Place {
    /// The line the place starts on, 1-based (for a PDF: of the text rebuilt
    /// from it, as `nianbao text` prints it).
    pub line: usize,
    /// Where it starts: characters (Unicode scalar values) from the start of
    /// the text, 0-based.
    pub start: usize,
    /// Where it ends, exclusive, in characters as `start`.
    pub end: usize,
    /// `start` in UTF-16 code units: what a JavaScript string and a
    /// browser's text area count (a character outside the BMP counts 2).
    pub start_utf16: usize,
    /// `end` in UTF-16 code units.
    pub end_utf16: usize,
    /// PDF only: the 1-based page. (Not serialised by the checker's own wasm, which never
    /// sees a PDF: the PDF checker's wasm, `nianbao_pdf`, and the command line do.)
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(nianbao_pdf)), serde(skip))]
    pub page: Option<u32>,
    /// PDF only: the box on that page, points from its top left corner.
    #[serde(rename = "box", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(nianbao_pdf)), serde(skip))]
    pub area: Option<PdfBox>,
}

/// A box on a page: points from the page's top left corner (as a canvas draws), `page` 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct PdfBox {
    /// The page, 1-based.
    pub page: u32,
    /// The box's left edge: points from the page's left edge.
    pub x: f32,
    /// The box's top edge: points down from the page's top edge.
    pub y: f32,
    /// Points.
    pub width: f32,
    /// Points (about the font size for one line of text).
    pub height: f32,
}

impl PdfBox {
    pub(crate) fn cover(self, o: PdfBox) -> PdfBox {
        let (x0, y0) = (self.x.min(o.x), self.y.min(o.y));
        let (x1, y1) = ((self.x + self.width).max(o.x + o.width), (self.y + self.height).max(o.y + o.height));
        PdfBox {
            page: self.page,
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        }
    }
}

/// A cell of a standard table that took part in a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellRef {
    /// `"A"`, `"B"` or `"C"`.
    pub table: &'static str,
    /// The row, 0-based in the standard order of the table's layout (table
    /// B 2021: 0 is 一、本年新收…, 23 （七）总计, 24 四、结转下年度继续办理).
    pub row: usize,
    /// The column, 0-based among the row's values (table B: 0 自然人 … 6
    /// 总计; table C: 0 结果维持 … 4 总计; table A's rows have their own).
    pub column: usize,
    /// The row's standard label with its group, e.g.
    /// `"（三）不予公开·1.属于国家秘密"`.
    pub row_label: String,
    /// The column's standard label, e.g. `"自然人"`, `"本年处理决定数量"`.
    pub column_label: String,
    /// The value as read, `null` when the cell could not be read.
    pub value: Option<String>,
    /// Where the cell is in the user's text, when it was found there.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// The cell's byte range in the user's text (not serialised: `place`
    /// is made from it when the check ends).
    #[serde(skip)]
    pub span: Option<Span>,
}

impl CellRef {
    /// A cell of a parsed table, with its labels, value and span.
    pub fn of(table: &Table, row: usize, column: usize) -> CellRef {
        let def = table.def;
        let cell = table.cell(row, column);
        CellRef {
            table: def.id,
            row,
            column,
            row_label: def.rows.get(row).map(|x| x.full_label()).unwrap_or_default(),
            column_label: def.column_label(row, column).to_string(),
            value: cell.and_then(|x| x.value.display()),
            place: None,
            span: cell.and_then(|x| x.span),
        }
    }
}

/// A change of one cell that, with the others of its explanation, makes
/// every relation of its table hold (L001).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Which explanation it belongs to: 1, 2, … in the order ranked (the
    /// cells of a two-cell explanation share the number).
    pub option: usize,
    /// `"A"`, `"B"` or `"C"`.
    pub table: &'static str,
    /// The cell's row, 0-based (as [`CellRef::row`]).
    pub row: usize,
    /// The cell's column, 0-based (as [`CellRef::column`]).
    pub column: usize,
    /// The row's standard label with its group (as [`CellRef::row_label`]).
    pub row_label: String,
    /// The column's standard label (as [`CellRef::column_label`]).
    pub column_label: String,
    /// The value that makes every relation hold (`≥ 6` for an inequality).
    pub expected: String,
    /// The value reported.
    pub found: String,
    /// Where the cell is in the user's text, when it was found there.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// The cell's byte range in the user's text (not serialised).
    #[serde(skip)]
    pub span: Option<Span>,
}

/// One discrepancy, with everything the page and the command line show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's stable code, e.g. `"B003"` (one of [`RULES`](crate::rules::RULES)).
    pub code: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// What is wrong, in Chinese, quoting the report, e.g. 文中“共收到政府信息公开申请12件”为 12 件，
    /// 表三“一、本年新收政府信息公开申请数量”的“总计”为 11，上年结转为 0：两者不符.
    pub message: String,
    /// Where in the user's text (absent only when the text gives no place,
    /// e.g. a missing section: then it points at the start).
    #[serde(flatten)]
    pub place: Place,
    /// The byte range in the user's text (not serialised: `place` is made
    /// from it when the check ends).
    #[serde(skip)]
    pub span: Span,
    /// `"一"` … `"六"` when the finding is inside a section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'static str>,
    /// `"A"`, `"B"`, `"C"` when a standard table is involved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<&'static str>,
    /// The table's standard title, e.g. `"收到和处理政府信息公开申请情况"`;
    /// with `table`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_label: Option<&'static str>,
    /// The cell's row, 0-based in the layout's standard order (as
    /// [`CellRef::row`]), when the finding is about one cell or row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The row's standard label with its group, e.g. `"（七）总计"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_label: Option<String>,
    /// The cell's column, 0-based (as [`CellRef::column`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The column's standard label, e.g. `"总计"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_label: Option<String>,
    /// 应为: what the report should say, as text for a person: a figure
    /// (`"11"`), a bound (`"≥ 6"`, `"6 或 38"`), a standard label or heading,
    /// `"非负整数"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// 实为: what the report says, as text for a person (`"12"`, `"无"`,
    /// `"未找到"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// The cells that took part (for a sum: the total first, then the parts).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellRef>,
    /// Further places the finding refers to (e.g. the phrase and the cell).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Place>,
    /// The byte ranges `related` is made from (not serialised).
    #[serde(skip)]
    pub related_spans: Vec<Span>,
    /// L001: the codes of the findings of this table that the suggested
    /// change explains (the page groups them under it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explains: Vec<&'static str>,
    /// L001: the cells of the explanation given (one or two).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// L001: when several explanations of the same size exist, each of them
    /// (at most five, ranked; `option` tells them apart).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Change>,
}

impl Finding {
    /// A finding with this code and severity at `span`. Rules make their
    /// findings through their own constant (`rules::Rule::finding`), so a
    /// code is written once and its severity comes with it.
    pub(crate) fn of(code: &'static str, severity: Severity, message: impl Into<String>, span: Span) -> Finding {
        Finding {
            code,
            severity,
            message: message.into(),
            place: Place::default(),
            span,
            section: None,
            table: None,
            table_label: None,
            row: None,
            row_label: None,
            column: None,
            column_label: None,
            expected: None,
            found: None,
            cells: Vec::new(),
            related: Vec::new(),
            related_spans: Vec::new(),
            explains: Vec::new(),
            changes: Vec::new(),
            alternatives: Vec::new(),
        }
    }

    /// In a section: `"一"` … `"六"`.
    pub fn in_section(mut self, section: &'static str) -> Finding {
        self.section = Some(section);
        self
    }

    /// With what the report should say (应为) and what it says (实为).
    pub fn expected_found(mut self, expected: impl ToString, found: impl ToString) -> Finding {
        self.expected = Some(expected.to_string());
        self.found = Some(found.to_string());
        self
    }

    /// About a table as a whole: its id and title, no row or column.
    pub fn with_table(mut self, def: &TableDef) -> Finding {
        self.table = Some(def.id);
        self.table_label = Some(def.title);
        self
    }

    /// At a cell of a table's layout: its section, table, row and column
    /// with their labels (the span is left as it is).
    pub fn at(mut self, def: &TableDef, row: usize, column: usize) -> Finding {
        self.column = Some(column);
        self.column_label = Some(def.column_label(row, column).to_string());
        self.in_row(def, row)
    }

    /// In a row of a table's layout: its section, table and row with its label.
    fn in_row(mut self, def: &TableDef, row: usize) -> Finding {
        self.section = Some(crate::format::section(def.section).numeral);
        self.table = Some(def.id);
        self.table_label = Some(def.title);
        self.row = Some(row);
        self.row_label = def.rows.get(row).map(|r| r.full_label());
        self
    }

    /// At a cell of a parsed table: as [`Finding::at`], pointing at the
    /// cell in the user's text (at the table when the cell has no place).
    pub fn at_cell(mut self, table: &Table, row: usize, column: usize) -> Finding {
        self.span = table.cell(row, column).and_then(|c| c.span).unwrap_or(table.span);
        self.at(table.def, row, column)
    }

    /// At a row of a parsed table (no one column): its section, table and
    /// row with its label, pointing at the row's first cell.
    pub fn at_row(mut self, table: &Table, row: usize) -> Finding {
        self.span = table.cell(row, 0).and_then(|c| c.span).unwrap_or(table.span);
        self.in_row(table.def, row)
    }

    /// The cells that took part, in the order given.
    pub fn with_cells(mut self, table: &Table, cells: impl IntoIterator<Item = (usize, usize)>) -> Finding {
        self.cells = cells.into_iter().map(|(r, c)| CellRef::of(table, r, c)).collect();
        self
    }

    /// With one more place it refers to (e.g. the phrase beside the cell).
    pub fn with_related(mut self, span: Span) -> Finding {
        self.related_spans.push(span);
        self
    }
}

/// Converts byte offsets in `text` to [`Place`]s in one pass over the text.
pub struct PlaceMapper<'a> {
    text: &'a str,
}

impl<'a> PlaceMapper<'a> {
    pub fn new(text: &'a str) -> Self {
        PlaceMapper { text }
    }

    /// Fill every place of every finding from its byte span.
    pub fn fill(&self, findings: &mut [Finding]) {
        let mut offsets: Vec<usize> = Vec::new();
        for f in findings.iter() {
            offsets.push(f.span.start);
            offsets.push(f.span.end);
            for c in &f.cells {
                if let Some(s) = c.span {
                    offsets.push(s.start);
                    offsets.push(s.end);
                }
            }
            for s in &f.related_spans {
                offsets.push(s.start);
                offsets.push(s.end);
            }
            for s in f.changes.iter().chain(&f.alternatives).filter_map(|c| c.span) {
                offsets.push(s.start);
                offsets.push(s.end);
            }
        }
        let table = self.positions(offsets);
        let place = |s: Span| table.place(s);
        for f in findings.iter_mut() {
            f.place = place(f.span);
            for c in f.cells.iter_mut() {
                c.place = c.span.map(place);
            }
            f.related = f.related_spans.iter().map(|s| place(*s)).collect();
            for c in f.changes.iter_mut().chain(f.alternatives.iter_mut()) {
                c.place = c.span.map(place);
            }
        }
    }

    /// Positions (line, char offset, UTF-16 offset) of the given byte offsets.
    pub fn positions(&self, offsets: Vec<usize>) -> PositionTable {
        let bytes = self.text.as_bytes();
        // The offsets marked in a bitmap over the text (its end included): read back in
        // order and once each, with no sort.
        let mut marks = vec![0u64; bytes.len() / 64 + 1];
        for off in offsets {
            let off = off.min(bytes.len());
            marks[off / 64] |= 1 << (off % 64);
        }
        let mut out = Vec::new();
        let mut at = Tally {
            pos: Pos {
                line: 1,
                chars: 0,
                utf16: 0,
            },
            byte: 0,
        };
        for (w, &word) in marks.iter().enumerate() {
            let mut m = word;
            while m != 0 {
                let off = w * 64 + m.trailing_zeros() as usize;
                m &= m - 1;
                at.advance(bytes, off);
                out.push((off, at.pos));
            }
        }
        PositionTable { entries: out }
    }
}

/// The position reached counting forward through the text.
struct Tally {
    pos: Pos,
    byte: usize,
}

impl Tally {
    /// Counts `bytes[self.byte..to]`: a character at its first byte (not 10xxxxxx), one of four
    /// bytes (11110xxx) two UTF-16 units, a line at each `\n`. Eight bytes at a time.
    fn advance(&mut self, bytes: &[u8], to: usize) {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        const NEWLINES: u64 = 0x0A0A_0A0A_0A0A_0A0A;
        let s = bytes.get(self.byte..to).unwrap_or(&[]);
        let mut chunks = s.chunks_exact(8);
        let p = &mut self.pos;
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            let x = u64::from_le_bytes(word);
            // The high bit of each byte: set for a continuation byte (10xxxxxx)...
            let continuation = x & !(x << 1) & HIGH;
            // ... for the first of four bytes (1111xxxx; the shifts stay within each byte's bits)...
            let four = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
            // ... and for a zero byte of x ^ "\n\n…" (exact: no carry leaves a byte).
            let y = x ^ NEWLINES;
            let newline = !(((y & LOW7) + LOW7) | y) & HIGH;
            let first = 8 - continuation.count_ones() as usize;
            p.chars += first;
            p.utf16 += first;
            if four != 0 {
                p.utf16 += four.count_ones() as usize;
            }
            if newline != 0 {
                p.line += newline.count_ones() as usize;
            }
        }
        for &b in chunks.remainder() {
            p.line += usize::from(b == b'\n');
            let first = usize::from(b & 0xC0 != 0x80);
            p.chars += first;
            p.utf16 += first + usize::from(b >= 0xF0);
        }
        self.byte = self.byte.max(to);
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Pos {
    pub line: usize,
    pub chars: usize,
    pub utf16: usize,
}

pub struct PositionTable {
    entries: Vec<(usize, Pos)>,
}

impl PositionTable {
    /// The place of a span whose two ends are in the table.
    pub fn place(&self, s: Span) -> Place {
        let (a, b) = (self.get(&s.start), self.get(&s.end));
        Place {
            line: a.line,
            start: a.chars,
            end: b.chars,
            start_utf16: a.utf16,
            end_utf16: b.utf16,
            page: None,
            area: None,
        }
    }

    pub fn get(&self, offset: &usize) -> Pos {
        match self.entries.binary_search_by_key(offset, |e| e.0) {
            Ok(i) => self.entries[i].1,
            Err(i) => self.entries.get(i.saturating_sub(1)).map(|e| e.1).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_chars_and_utf16_units() {
        let text = "第一行 12\n表格\t二〇二三年 😀 a😀b\n\n最后一行，数字 3,456 与 emoji 😀 在此。\nend";
        // Every offset, out of order and repeated, and past the end.
        let mut offsets: Vec<usize> = (0..=text.len() + 3).rev().collect();
        offsets.extend([0, 5, 5, text.len()]);
        let table = PlaceMapper::new(text).positions(offsets);
        for off in 0..=text.len() {
            if !text.is_char_boundary(off) {
                continue;
            }
            let before = &text[..off];
            let p = table.get(&off);
            assert_eq!(p.line, 1 + before.matches('\n').count(), "line at {off}");
            assert_eq!(p.chars, before.chars().count(), "chars at {off}");
            assert_eq!(p.utf16, before.encode_utf16().count(), "utf16 at {off}");
        }
        assert_eq!(table.get(&(text.len() + 2)).chars, text.chars().count());
    }
}
