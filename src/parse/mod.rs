//! Stages 2 and 3: from the user's text to a [`Document`]: title, year,
//! sections, and the standard tables with every cell's span.

pub mod sections;
pub mod tables;

use crate::format::TableDef;
use crate::text::{Folded, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// 1 … 6.
    pub number: u8,
    pub heading: Spanned<String>,
    /// From the end of the heading to the next heading.
    pub body: Span,
}

/// What a cell was read as.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A non-negative integer.
    Count(u64),
    /// A non-negative decimal amount, with its text.
    Amount(f64, String),
    /// A change that may be negative (`-2`, `+3`), where the layout allows it.
    Signed(i64),
    /// Written empty on purpose: "", "/", "—", "无".
    Blank(String),
    /// Something that is not a non-negative number (`-1`, `1.5` for a count).
    Invalid(String),
    /// Not found in the text.
    Missing,
}

impl Value {
    /// The value for arithmetic, `None` when the cell cannot take part. An
    /// empty cell counts as 0 (as a reviewer reads it; B004 warns of it);
    /// a written mark ("—", "/", "无") does not.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Count(n) => Some(*n as f64),
            Value::Amount(a, _) => Some(*a),
            Value::Signed(n) => Some(*n as f64),
            Value::Blank(s) if s.is_empty() => Some(0.0),
            _ => None,
        }
    }
    /// An empty cell (`<td></td>`, two tabs with nothing between).
    pub fn is_empty_cell(&self) -> bool {
        matches!(self, Value::Blank(s) if s.is_empty())
    }
    /// The value as a non-negative integer, if it is one.
    pub fn count(&self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(*n),
            Value::Signed(n) => u64::try_from(*n).ok(),
            _ => None,
        }
    }
    /// As written, for messages (`null` when missing).
    pub fn display(&self) -> Option<String> {
        match self {
            Value::Count(n) => Some(n.to_string()),
            Value::Signed(n) => Some(n.to_string()),
            Value::Amount(_, s) | Value::Invalid(s) => Some(s.clone()),
            Value::Blank(s) if s.is_empty() => Some("（空）".to_string()),
            Value::Blank(s) => Some(s.clone()),
            Value::Missing => None,
        }
    }
}

/// How the figures of a table were read from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadMode {
    /// Each row's figures follow its label.
    Rows,
    /// Labels and figures apart (PDF text in reading order): figures taken
    /// in order, and accepted only where the order is proven.
    Stream,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub value: Value,
    pub span: Option<Span>,
    /// True when the figure was split out of digits that ran together, the
    /// only split under which its row adds up.
    pub split: bool,
}

impl Cell {
    pub fn missing() -> Cell {
        Cell {
            value: Value::Missing,
            span: None,
            split: false,
        }
    }
}

/// A standard table as read from the user's text: every cell of its layout
/// with its value and span.
#[derive(Debug, Clone)]
pub struct Table {
    /// The layout it was read by (table A or B in the 2021 or the 2019
    /// format, or table C).
    pub def: &'static TableDef,
    /// `cells[row][column]`, each row as wide as its definition.
    pub cells: Vec<Vec<Cell>>,
    /// How the figures were read: each row's after its label, or labels and
    /// figures apart (PDF text in reading order).
    pub mode: ReadMode,
    /// Where the table was found (the section body).
    pub span: Span,
    /// Why cells could not be read, for S004 (one entry a reason).
    pub problems: Vec<String>,
}

impl Table {
    /// A table as read from `span`, with the reasons for its unread cells.
    pub fn read(def: &'static TableDef, cells: Vec<Vec<Cell>>, mode: ReadMode, span: Span, problems: Vec<String>) -> Table {
        Table {
            def,
            cells,
            mode,
            span,
            problems,
        }
    }
    /// The table's span narrowed from its section to its own figures, when
    /// any were read (prose around a table stays outside it).
    pub fn narrowed(mut self) -> Table {
        if let Some(s) = self.cells.iter().flatten().filter_map(|c| c.span).reduce(Span::cover) {
            self.span = s;
        }
        self
    }
    /// The cell at a row and column (0-based, in the layout's order); `None`
    /// outside the table.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.get(row).and_then(|r| r.get(col))
    }
    /// A cell's value for arithmetic (`None` when it could not be read).
    pub fn number(&self, row: usize, col: usize) -> Option<f64> {
        self.cell(row, col).and_then(|c| c.value.number())
    }
    /// The figures as integers (`None` for unreadable or non-integer cells).
    pub fn counts(&self) -> Vec<Vec<Option<u64>>> {
        self.cells.iter().map(|r| r.iter().map(|c| c.value.count()).collect()).collect()
    }
    /// The cells not found in the text ([`Value::Missing`]), with their row
    /// and column: what S004 lists.
    pub fn unreadable(&self) -> impl Iterator<Item = (usize, usize, &Cell)> {
        self.cells
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, cell)| (r, c, cell)))
            .filter(|(_, _, c)| matches!(c.value, Value::Missing))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub active: Option<Table>,
    pub applications: Option<Table>,
    pub review: Option<Table>,
}

impl Tables {
    pub fn all(&self) -> impl Iterator<Item = &Table> {
        [&self.active, &self.applications, &self.review].into_iter().flatten()
    }
}

/// Everything the rules look at.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The user's text.
    pub text: &'a str,
    /// The report's title, e.g. 利通区审批服务管理局2023年政府信息公开工作年度报告.
    pub title: Option<Spanned<String>>,
    /// The agency, from the title.
    pub agency: Option<Spanned<String>>,
    /// The report year, from the title.
    pub year: Option<Spanned<i32>>,
    /// The year of the statistics period (本报告统计数据从YYYY年1月1日…).
    pub period_year: Option<Spanned<i32>>,
    /// The six sections as found, in text order (some may be missing).
    pub sections: Vec<Section>,
    /// Headings found out of order or repeated (S002).
    pub misplaced_headings: Vec<sections::HeadingHit>,
    /// The three standard tables, each as found in its section.
    pub tables: Tables,
}

impl Document<'_> {
    /// The section with this number (1 … 6), if found.
    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }
    /// The user's text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// How far into the text the title and the statistics period are looked for (bytes).
const PREAMBLE_MAX: usize = 20_000;

/// Stages 1–3: normalise, find the parts, read the tables.
pub fn parse(text: &str) -> Document<'_> {
    let norm = Folded::new(text);
    let mut doc = parts(text, &norm);
    doc.tables = read_tables(&doc);
    doc
}

/// Stage 2: the title, agency, year, statistics period and the six sections
/// of the normalised text (`norm` is `Folded::new(text)`); no tables yet.
pub fn parts<'a>(text: &'a str, norm: &Folded) -> Document<'a> {
    let hits = sections::heading_hits(norm);
    let (secs, misplaced) = sections::choose_sections(&hits, text.len());
    // Title and period are looked for before section 一 (in folded offsets).
    let first = secs
        .first()
        .map_or(norm.text.len(), |s| norm.folded_at(s.heading.span.start))
        .min(PREAMBLE_MAX);
    let title = sections::find_title(norm, first.max(200));
    let period_year = sections::find_period(norm, Span::new(0, floor(&norm.text, first.max(200))));
    Document {
        text,
        title: title.title,
        agency: title.agency,
        year: title.year,
        period_year,
        sections: secs,
        misplaced_headings: misplaced,
        tables: Tables::default(),
    }
}

/// Stage 3: the three tables, each read in its section.
pub fn read_tables(doc: &Document) -> Tables {
    let body = |n: u8| doc.section(n).map(|s| s.body);
    let text = doc.text;
    let mut t = Tables {
        active: body(2).map(|b| tables::read_active(text, b)).map(Table::narrowed),
        applications: body(3).map(|b| tables::read_applications(text, b)).map(Table::narrowed),
        review: body(4).map(|b| tables::read_review(text, b)).map(Table::narrowed),
    };
    tables::same_flow(&mut [&mut t.active, &mut t.applications, &mut t.review]);
    t
}

fn floor(s: &str, i: usize) -> usize {
    sections::floor_char_boundary(s, i.min(s.len()))
}
