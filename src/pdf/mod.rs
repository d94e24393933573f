//! PDF: text items placed on pages (what pdf.js in the page, or the native reader on the
//! command line, reads) → the text shape the parser reads best, with a map from that text
//! back to the page and the box each piece came from.
//!
//! ```text
//! items (string, x, y, width, height, page)
//!   ─► fold (Kangxi radicals, compatibility ideographs) ─► lines (baselines within 0.35 em)
//!   ─► cells (x gaps over 1 em) ─► tables: runs of lines whose cells stand in the columns
//!      of rows that hold figures; a cell's wrapped lines joined; figures and blanks in
//!      their column's slot (empty between tabs)
//!   ─► text (paragraphs a line, table rows tab-separated) + pieces (text range → page, box)
//!   ─► check(text) ─► every place of the result given its page and box
//! ```
//!
//! No dependency on the reader: the page hands pdf.js's items through wasm, the command
//! line the native reader's ([`read`], behind the `pdf` feature), and both come here.

mod fold;
#[cfg(all(feature = "pdf", not(target_arch = "wasm32")))]
pub mod read;

use crate::finding::{PdfBox, Place};
use crate::report::CheckResult;

/// One run of text on a page: `x`, `y` its baseline's left end in the page's user space
/// (origin at the bottom left, y up), `width` its advance, `height` the font size.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The characters of the run (pdf.js's `str`; one character from the native reader).
    pub text: String,
    /// The baseline's left end: points from the page's left edge.
    pub x: f64,
    /// The baseline: points up from the page's bottom edge.
    pub y: f64,
    /// The run's advance, points.
    pub width: f64,
    /// The font size, points.
    pub height: f64,
    /// 1-based.
    pub page: u32,
}

/// A page's size in points (its view box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    /// Points.
    pub width: f64,
    /// Points.
    pub height: f64,
}

/// A range of the rebuilt text (byte offsets) and where it stands in the PDF.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    start: usize,
    end: usize,
    area: PdfBox,
}

/// The rebuilt text and its map back to the pages.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The rebuilt text: paragraphs a line, table rows tab-separated; what
    /// [`crate::check`] reads and `nianbao text` prints.
    pub text: String,
    /// In text order, not overlapping.
    pieces: Vec<Piece>,
    /// How many pages the PDF has (the page sizes given).
    pub pages: usize,
}

/// Why a PDF gives no report text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No text layer at all (a scan, or pictures of pages).
    Scanned,
    /// Text whose characters cannot be decoded (a font without a usable ToUnicode map).
    Undecodable,
    /// Protected with a password needed to open it.
    Encrypted,
    /// Not a readable PDF (truncated, corrupted).
    Damaged,
}

impl Problem {
    /// The message a user sees (Chinese).
    pub fn message(self) -> &'static str {
        match self {
            Problem::Scanned => "这是扫描件，没有文字层：请使用原始 Word/网页版本，或先做文字识别（OCR）后再核查",
            Problem::Undecodable => {
                "这个 PDF 的字体无法解码成文字（读出的多是乱码或空白字符）：请使用原始 Word/网页版本，或在 PDF 阅读器中另存为文字后核查"
            }
            Problem::Encrypted => "这个 PDF 设有打开密码，无法读取：请取消密码后另存，或使用原始 Word/网页版本",
            Problem::Damaged => "PDF 文件已损坏或不完整（可能下载或复制未完成），无法读取：请重新获取文件，或使用原始 Word/网页版本",
        }
    }

    /// A stable key for machines (as [`crate::convert::ConvertError::code`]).
    pub fn code(self) -> &'static str {
        match self {
            Problem::Scanned => "pdf_scanned",
            Problem::Undecodable => "pdf_undecodable",
            Problem::Encrypted => "pdf_encrypted",
            Problem::Damaged => "pdf_damaged",
        }
    }

    /// The problem a code names (the page hands pdf.js's failures over by code).
    pub fn from_code(code: &str) -> Option<Problem> {
        [Problem::Scanned, Problem::Undecodable, Problem::Encrypted, Problem::Damaged]
            .into_iter()
            .find(|p| p.code() == code)
    }
}

/// A PDF checked: the text it was read as (what the page shows) and the result, every
/// place of which carries its page and box.
#[derive(Debug, Clone)]
pub struct PdfCheck {
    /// The text the PDF was read as ([`Layout::text`]): the offsets of every
    /// place count in it.
    pub text: String,
    /// The check of that text, every place with its `page` and `box`.
    pub result: CheckResult,
}

/// Checks a PDF from its text items: geometry, then [`crate::check`], then boxes.
pub fn check_items(items: &[Item], pages: &[PageSize]) -> Result<PdfCheck, Problem> {
    let layout = layout(items, pages)?;
    let mut result = crate::check(&layout.text);
    locate(&mut result, &layout);
    Ok(PdfCheck { text: layout.text, result })
}

/// Checks a PDF file's bytes with the native reader ([`read`]).
#[cfg(all(feature = "pdf", not(target_arch = "wasm32")))]
pub fn check_bytes(bytes: &[u8]) -> Result<PdfCheck, Problem> {
    let (items, pages) = read::items(bytes)?;
    check_items(&items, &pages)
}

/// A PDF file, by its first bytes (or its name when they are not there: a damaged file).
pub fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF") || name.to_ascii_lowercase().ends_with(".pdf")
}

/// Fewer printable characters than this: no text layer worth the name.
const MIN_CHARS: usize = 20;

/// The text shape and its map, or why there is none.
pub fn layout(items: &[Item], pages: &[PageSize]) -> Result<Layout, Problem> {
    let (mut good, mut bad) = (0usize, 0usize);
    for c in items.iter().flat_map(|i| i.text.chars()).filter(|c| !c.is_whitespace()) {
        if c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            bad += 1;
        } else {
            good += 1;
        }
    }
    if good + bad < MIN_CHARS {
        return Err(Problem::Scanned);
    }
    if bad * 3 > good + bad || good < MIN_CHARS {
        return Err(Problem::Undecodable);
    }
    let lines = lines(items, pages);
    Ok(emit(&lines, pages.len()))
}

// ------------------------------------------------------------------------------------------
// Geometry

/// A cell of a line: the text of adjacent items, and its extent.
#[derive(Debug, Clone)]
struct Frag {
    text: String,
    x0: f64,
    x1: f64,
    em: f64,
    area: PdfBox,
    /// Pieces of `text` (byte ranges) and their boxes: one per item.
    parts: Vec<(usize, usize, PdfBox)>,
}

impl Frag {
    fn is_value(&self) -> bool {
        is_value(&self.text)
    }
}

/// A figure, or a mark standing for a blank cell.
fn is_value(s: &str) -> bool {
    let s = s.trim();
    if matches!(s, "—" | "——" | "-" | "－" | "/" | "／" | "无" | "*" | "\\") {
        return true;
    }
    s.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && s.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '，' | '．'))
}

#[derive(Debug, Clone)]
struct Line {
    page: u32,
    cells: Vec<Frag>,
}

impl Line {
    fn has_value(&self) -> bool {
        self.cells.len() >= 2 && self.cells.iter().any(Frag::is_value)
    }
}

/// East Asian wide: ideographs, kana, hangul, CJK punctuation, full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Lines by baseline, their items in cells by x gaps.
fn lines(items: &[Item], pages: &[PageSize]) -> Vec<Line> {
    let page_height = |p: u32| pages.get(p as usize - 1).map_or(842.0, |s| s.height);
    // Items split into characters, each given its share of the item's advance (wide characters
    // twice the others): readers cut runs differently (pdf.js keeps a font's run whole, with
    // spaces where another font's glyphs stand, e.g. quotation marks), characters compare alike.
    let mut its: Vec<(u32, f64, f64, f64, f64, String)> = Vec::new();
    for i in items {
        if i.page < 1 || !(i.x.is_finite() && i.y.is_finite() && i.width.is_finite() && i.height.is_finite()) {
            continue;
        }
        let h = if i.height > 0.0 { i.height } else { 10.0 };
        let chars: Vec<char> = i.text.chars().map(fold::fold).collect();
        let weight = |c: char| if is_wide(c) { 1.0 } else { 0.55 };
        let total: f64 = chars.iter().map(|&c| weight(c)).sum();
        let unit = if i.width > 0.0 && total > 0.0 { i.width / total } else { h };
        let mut x = i.x;
        for c in chars {
            let w = unit * weight(c);
            if !c.is_whitespace() && c != '\u{a0}' {
                its.push((i.page, i.y, x, w, h, c.to_string()));
            }
            x += w;
        }
    }
    its.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.total_cmp(&b.2)));
    let mut out: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < its.len() {
        let (page, y0, _, _, h0, _) = its[i];
        let mut j = i + 1;
        let mut em = h0;
        while j < its.len() && its[j].0 == page && (y0 - its[j].1).abs() <= 0.35 * em.max(its[j].4) {
            em = em.max(its[j].4);
            j += 1;
        }
        let mut row: Vec<_> = its[i..j].to_vec();
        row.sort_by(|a, b| a.2.total_cmp(&b.2));
        let ph = page_height(page);
        let mut cells: Vec<Frag> = Vec::new();
        for (_, y, x, w, h, t) in row {
            let area = PdfBox {
                page,
                x: x as f32,
                y: (ph - y - 0.88 * h) as f32,
                width: w as f32,
                height: h as f32,
            };
            match cells.last_mut() {
                Some(c) if x - c.x1 <= 1.0 * c.em.max(h) => {
                    let gap = x - c.x1;
                    let ascii = c.text.ends_with(|c: char| c.is_ascii_alphanumeric()) && t.starts_with(|c: char| c.is_ascii_alphanumeric());
                    if gap > 0.2 * h && ascii {
                        c.text.push(' ');
                    }
                    let start = c.text.len();
                    c.text.push_str(&t);
                    c.parts.push((start, c.text.len(), area));
                    c.x1 = c.x1.max(x + w);
                    c.em = c.em.max(h);
                    c.area = c.area.cover(area);
                }
                _ => cells.push(Frag {
                    parts: vec![(0, t.len(), area)],
                    text: t,
                    x0: x,
                    x1: x + w,
                    em: h,
                    area,
                }),
            }
        }
        out.push(Line { page, cells });
        i = j;
    }
    drop_page_numbers(&mut out);
    out
}

/// A page's first or last line that is only a page number (3, - 3 -, 第3页, 3/12) is dropped:
/// inside a table it would read as a figure.
fn drop_page_numbers(lines: &mut Vec<Line>) {
    let page_number = |l: &Line| {
        if l.cells.len() != 1 {
            return false;
        }
        let t: String = l.cells[0].text.chars().filter(|c| !c.is_whitespace()).collect();
        let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '－' | '第' | '页' | '·'));
        let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
        digits(core) || core.split_once(['/', '／']).is_some_and(|(a, b)| digits(a) && digits(b))
    };
    let n = lines.len();
    let keep: Vec<bool> = (0..n)
        .map(|i| {
            let first = i == 0 || lines[i - 1].page != lines[i].page;
            let last = i + 1 == n || lines[i + 1].page != lines[i].page;
            !((first || last) && page_number(&lines[i]))
        })
        .collect();
    let mut k = keep.iter();
    lines.retain(|_| *k.next().unwrap_or(&true));
}

/// A column of a table: the extent its cells cover.
#[derive(Debug, Clone, Copy)]
struct Column {
    x0: f64,
    x1: f64,
}

/// The columns of rows holding figures: cells that overlap (within 0.2 em) are one column.
fn columns_of<'a>(rows: impl Iterator<Item = &'a Line>) -> Vec<Column> {
    let mut cols: Vec<Column> = Vec::new();
    for l in rows {
        for c in &l.cells {
            let tol = 0.2 * c.em;
            let hits: Vec<usize> = (0..cols.len())
                .filter(|&k| c.x0 < cols[k].x1 + tol && c.x1 > cols[k].x0 - tol)
                .collect();
            let mut col = Column { x0: c.x0, x1: c.x1 };
            for &k in hits.iter().rev() {
                col.x0 = col.x0.min(cols[k].x0);
                col.x1 = col.x1.max(cols[k].x1);
                cols.remove(k);
            }
            cols.push(col);
        }
    }
    cols.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    cols
}

/// The column a cell stands in: the one it overlaps most, else the nearest.
fn column_of(cols: &[Column], c: &Frag) -> usize {
    let mut best = (f64::MIN, 0usize);
    for (k, col) in cols.iter().enumerate() {
        let overlap = c.x1.min(col.x1) - c.x0.max(col.x0);
        if overlap > best.0 {
            best = (overlap, k);
        }
    }
    best.1
}

/// True when every cell of a non-figure line stands within one or two columns of the table
/// (a paragraph line runs across many).
fn fits(cols: &[Column], l: &Line) -> bool {
    let (Some(first), Some(last)) = (cols.first(), cols.last()) else {
        return false;
    };
    l.cells.iter().all(|c| {
        let tol = c.em;
        // (a header's words may run on past the figures under them)
        if c.x0 < first.x0 - tol || c.x1 > last.x1 + 10.0 * tol {
            return false;
        }
        cols.iter().filter(|k| c.x1.min(k.x1) - c.x0.max(k.x0) > 0.2 * c.em).count() <= 2
    })
}

/// One row of a table being assembled: per column, the fragments in reading order.
struct Row {
    cells: Vec<Vec<Frag>>,
}

/// A table: runs of lines (by index) and their rows.
struct Table {
    first: usize,
    last: usize,
    rows: Vec<Row>,
}

/// Finds the tables among the lines and assembles their rows.
fn tables(lines: &[Line]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].has_value() {
            i += 1;
            continue;
        }
        // Extend over lines that fit, as long as rows with figures keep coming.
        let start_anchor = i;
        let mut last_anchor = i;
        let mut cols = columns_of(std::iter::once(&lines[i]));
        let mut j = i + 1;
        while j < lines.len() {
            if lines[j].has_value() {
                let mut with = columns_of(lines[start_anchor..=j].iter().filter(|l| l.has_value()));
                // A row of figures in quite other columns is another table.
                if with.len() > cols.len() + 3 && cols.len() >= 3 {
                    break;
                }
                std::mem::swap(&mut cols, &mut with);
                last_anchor = j;
            } else if !fits(&cols, &lines[j]) {
                break;
            }
            j += 1;
        }
        // Lines after the last row of figures that fit belong to it (wrapped labels, blank rows)
        // only until a line that does not fit; lines before the first (the header) likewise.
        let mut last = last_anchor;
        while last + 1 < j && fits(&cols, &lines[last + 1]) {
            last += 1;
        }
        let mut first = start_anchor;
        let floor = out.last().map_or(0, |t: &Table| t.last + 1);
        while first > floor && !lines[first - 1].has_value() && fits(&cols, &lines[first - 1]) {
            first -= 1;
        }
        let cols = columns_of(lines[first..=last].iter().filter(|l| l.has_value()));
        out.push(Table {
            first,
            last,
            rows: rows(&lines[first..=last], &cols),
        });
        i = last + 1;
    }
    out
}

/// The rows of a table's lines: a line with figures starts a row; a line each of whose cells
/// continues a cell of the row above that was filled to its column's right edge (a wrapped
/// label) joins that row; any other line is a row of its own.
fn rows(lines: &[Line], cols: &[Column]) -> Vec<Row> {
    // How far right each column's text reaches: a cell that ends near it was wrapped.
    let mut right = vec![f64::MIN; cols.len()];
    for l in lines {
        for c in &l.cells {
            let k = column_of(cols, c);
            right[k] = right[k].max(c.x1);
        }
    }
    let mut out: Vec<Row> = Vec::new();
    for l in lines {
        let continues = !l.has_value()
            && out.last().is_some_and(|row: &Row| {
                l.cells.iter().all(|c| {
                    let k = column_of(cols, c);
                    row.cells[k]
                        .last()
                        .is_some_and(|above| above.x1 >= right[k] - 1.5 * above.em && (c.x0 - above.x0).abs() <= 1.5 * c.em)
                })
            });
        if !continues {
            out.push(Row {
                cells: vec![Vec::new(); cols.len()],
            });
        }
        let row = out.last_mut().expect("a row was pushed");
        for c in &l.cells {
            row.cells[column_of(cols, c)].push(c.clone());
        }
    }
    out
}

/// Writes the lines: paragraphs a line, table rows with cells tab-separated.
fn emit(lines: &[Line], pages: usize) -> Layout {
    let mut out = Layout {
        pages,
        ..Layout::default()
    };
    let put = |out: &mut Layout, f: &Frag| {
        let base = out.text.len();
        if out.text.ends_with(|c: char| c.is_ascii_alphanumeric()) && f.text.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            out.text.push(' ');
        }
        let base = base + (out.text.len() - base);
        out.text.push_str(&f.text);
        for &(a, b, area) in &f.parts {
            out.pieces.push(Piece {
                start: base + a,
                end: base + b,
                area,
            });
        }
    };
    let tables = tables(lines);
    // Each page's right margin, from its lines outside tables: a line that reaches it was
    // wrapped, and the next line continues the paragraph.
    let in_table = |i: usize| tables.iter().any(|t| (t.first..=t.last).contains(&i));
    // (The edge three lines in four stay within: a run set past the edge does not move it.)
    let mut ends: Vec<Vec<f64>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let p = l.page as usize;
        if ends.len() < p {
            ends.resize(p, Vec::new());
        }
        if !in_table(i) {
            ends[p - 1].push(l.cells.last().map_or(f64::MIN, |c| c.x1));
        }
    }
    let margin: Vec<f64> = ends
        .into_iter()
        .map(|mut e| {
            e.sort_by(f64::total_cmp);
            e.get(e.len() * 3 / 4).copied().unwrap_or(f64::MIN)
        })
        .collect();
    // A line was wrapped when the next one's first piece that cannot be broken — a run of
    // Latin letters and figures with the character after it, an opening bracket through its
    // closing one (0（三）), else one character; with the punctuation after it that may not begin
    // a line (议、) — would not have fitted before the margin (half an em of slack for justified
    // text).
    let lead = |l: &Line| {
        let c = &l.cells[0];
        let chars: Vec<(char, f64)> = c
            .parts
            .iter()
            .filter_map(|&(a, b, area)| c.text[a..b].chars().next().map(|ch| (ch, area.width as f64)))
            .collect();
        let mut i = 0;
        let mut w = 0.0;
        while i < chars.len() && (chars[i].0.is_ascii_alphanumeric() || matches!(chars[i].0, '.' | ',' | '%')) {
            w += chars[i].1;
            i += 1;
        }
        if i < chars.len() && "（([【〔《〈“‘".contains(chars[i].0) {
            // an opening bracket stays with what it opens, through its closing one
            let start = i;
            while i < chars.len() && i - start < 8 {
                w += chars[i].1;
                i += 1;
                if "）)]】〕》〉”’".contains(chars[i - 1].0) {
                    break;
                }
            }
        } else if i < chars.len() {
            w += chars[i].1;
            i += 1;
        }
        // punctuation that cannot begin a line goes with the character before it (议、)
        while i < chars.len() && "、，。；：！？）)]】〕》〉”’．,.".contains(chars[i].0) {
            w += chars[i].1;
            i += 1;
        }
        w.max(c.em)
    };
    let wraps = |prev: &Line, next: &Line| {
        let c = prev.cells.last().expect("a line has a cell");
        c.x1 + lead(next) > margin[prev.page as usize - 1] - 0.5 * c.em
    };
    let mut t = tables.iter().peekable();
    let mut i = 0;
    let mut open: Option<&Line> = None; // the paragraph line before, when it was wrapped
    while i < lines.len() {
        if let Some(table) = t.next_if(|t| t.first == i) {
            if open.take().is_some() {
                out.text.push('\n');
            }
            for row in &table.rows {
                let used = row.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |k| k + 1);
                for (k, cell) in row.cells[..used].iter().enumerate() {
                    if k > 0 {
                        out.text.push('\t');
                    }
                    for f in cell {
                        put(&mut out, f);
                    }
                }
                out.text.push('\n');
            }
            i = table.last + 1;
            continue;
        }
        let line = &lines[i];
        // A wrapped line goes on only into a line that starts at the margin (no indent).
        if let Some(prev) = open.take() {
            // it runs on into this line unless this one is indented (a new paragraph)
            let left = |l: &Line| l.cells[0].x0;
            let indented = (left(line) - left(prev)).abs() > 1.5 * line.cells[0].em && left(line) > left(prev);
            if indented || !wraps(prev, line) {
                out.text.push('\n');
            }
        }
        for (k, c) in line.cells.iter().enumerate() {
            if k > 0 {
                out.text.push(' ');
            }
            put(&mut out, c);
        }
        if line.cells.len() == 1 {
            open = Some(line);
        } else {
            out.text.push('\n');
        }
        i += 1;
    }
    if open.is_some() {
        out.text.push('\n');
    }
    out
}

// ------------------------------------------------------------------------------------------
// Places → pages and boxes

/// The box of the text between two character offsets of the rebuilt text: the pieces it
/// touches on the page of the first one.
fn area(layout: &Layout, chars: &CharIndex, start: usize, end: usize) -> Option<PdfBox> {
    let (a, b) = (chars.byte(start), chars.byte(end.max(start + 1)));
    let first = layout.pieces.partition_point(|p| p.end <= a);
    let mut found: Option<PdfBox> = None;
    for p in &layout.pieces[first..] {
        if p.start >= b {
            break;
        }
        found = Some(match found {
            None => p.area,
            Some(f) if f.page == p.area.page => f.cover(p.area),
            Some(f) => f,
        });
    }
    found
}

/// Character offsets (what places count) to byte offsets of a text.
struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex { starts }
    }
    fn byte(&self, chars: usize) -> usize {
        self.starts
            .get(chars)
            .copied()
            .unwrap_or_else(|| self.starts.last().copied().unwrap_or(0))
    }
}

/// Gives every place of a result its page and box in the PDF.
pub fn locate(result: &mut CheckResult, layout: &Layout) {
    let chars = CharIndex::new(&layout.text);
    let set = |p: &mut Place| {
        if let Some(b) = area(layout, &chars, p.start, p.end) {
            p.page = Some(b.page);
            p.area = Some(b);
        }
    };
    for f in &mut result.findings {
        set(&mut f.place);
        for c in &mut f.cells {
            if let Some(p) = c.place.as_mut() {
                set(p);
            }
        }
        for p in &mut f.related {
            set(p);
        }
        for c in f.changes.iter_mut().chain(f.alternatives.iter_mut()) {
            if let Some(p) = c.place.as_mut() {
                set(p);
            }
        }
    }
    if let Some(r) = result.report.as_mut() {
        for s in &mut r.sections {
            set(&mut s.place);
        }
        for g in &mut r.grids {
            for row in &mut g.rows {
                for c in &mut row.cells {
                    if let Some(p) = c.place.as_mut() {
                        set(p);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, x: f64, y: f64, page: u32) -> Item {
        Item {
            text: text.into(),
            x,
            y,
            width: 10.0 * text.chars().count() as f64,
            height: 10.0,
            page,
        }
    }

    #[test]
    fn rows_cells_and_blank_slots() {
        let page = [PageSize {
            width: 600.0,
            height: 800.0,
        }];
        let items = vec![
            item("二、主动公开政府信息情况，这一行是一段很长的正文文字", 50.0, 700.0, 1),
            item("信息内容", 50.0, 680.0, 1),
            item("本年制发件数", 150.0, 680.0, 1),
            item("本年废止件数", 250.0, 680.0, 1),
            item("现行有效件数", 350.0, 680.0, 1),
            item("规章", 50.0, 660.0, 1),
            item("1", 150.0, 660.0, 1),
            item("3", 350.0, 660.0, 1),
            item("行政规范性", 50.0, 640.0, 1),
            item("2", 150.0, 640.0, 1),
            item("0", 250.0, 640.0, 1),
            item("5", 350.0, 640.0, 1),
            item("文件", 50.0, 628.0, 1),
        ];
        let l = layout(&items, &page).unwrap();
        assert_eq!(
            l.text,
            "二、主动公开政府信息情况，这一行是一段很长的正文文字\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t\t3\n行政规范性文件\t2\t0\t5\n"
        );
        let three = l.text.find("\t3").unwrap() + 1;
        let p = l.pieces.iter().find(|p| p.start == three).unwrap();
        assert_eq!((p.area.page, p.area.x), (1, 350.0));
    }

    #[test]
    fn no_text_layer_and_undecodable_fonts() {
        let page = [PageSize {
            width: 600.0,
            height: 800.0,
        }];
        assert_eq!(layout(&[], &page).unwrap_err(), Problem::Scanned);
        let junk = vec![item(&"\u{FFFD}\u{1}".repeat(30), 50.0, 700.0, 1)];
        assert_eq!(layout(&junk, &page).unwrap_err(), Problem::Undecodable);
    }

    #[test]
    fn page_numbers_left_out() {
        let page = [
            PageSize {
                width: 600.0,
                height: 800.0,
            },
            PageSize {
                width: 600.0,
                height: 800.0,
            },
        ];
        let items = vec![
            item("第一页的正文，足够长的一行文字，到了页边。", 50.0, 700.0, 1),
            item("接着一行。", 50.0, 685.0, 1),
            item("- 1 -", 280.0, 40.0, 1),
            item("第二页的正文，足够长的一行文字，到了页边。", 50.0, 700.0, 2),
            item("接着一行。", 50.0, 685.0, 2),
            item("2", 300.0, 40.0, 2),
        ];
        // (a line that reaches the margin runs on into the next: paragraphs a line)
        assert_eq!(
            layout(&items, &page).unwrap().text,
            "第一页的正文，足够长的一行文字，到了页边。接着一行。\n第二页的正文，足够长的一行文字，到了页边。接着一行。\n"
        );
    }
}
