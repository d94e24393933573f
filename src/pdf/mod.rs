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

mod emit;
mod fold;
mod grid;
mod lines;
mod places;
#[cfg(all(feature = "pdf", not(target_arch = "wasm32")))]
pub mod read;
mod tables;

use crate::finding::PdfBox;
use crate::report::CheckResult;
pub use places::locate;

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

/// A path the PDF draws, as a reader hands it over: a straight segment stroked `width` points
/// wide, or (`fill`) a filled box given by two opposite corners. Coordinates as [`Item`]'s.
/// Table rules are these (see `grid`); curves and other shapes are not handed over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Path {
    /// 1-based.
    pub page: u32,
    /// One end (or corner): points from the page's left edge.
    pub x0: f64,
    /// Points up from the page's bottom edge.
    pub y0: f64,
    /// The other end (or corner).
    pub x1: f64,
    /// The other end (or corner).
    pub y1: f64,
    /// The line's width, points (0 for a filled box).
    pub width: f64,
    /// A filled box rather than a stroked segment.
    pub fill: bool,
}

impl Path {
    /// Paths from six numbers each, as the page hands them over (www/pdf-items.js): page, x0,
    /// y0, x1, y1, width — a negative width for a filled box.
    pub fn from_nums(nums: &[f64]) -> Vec<Path> {
        nums.chunks_exact(6)
            .filter(|n| n[0] >= 1.0 && n[0] <= u32::MAX as f64)
            .map(|n| Path {
                page: n[0] as u32,
                x0: n[1],
                y0: n[2],
                x1: n[3],
                y1: n[4],
                width: n[5].max(0.0),
                fill: n[5] < 0.0,
            })
            .collect()
    }
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

/// Checks a PDF from its text items and drawn paths: geometry, then [`crate::check`], then
/// boxes.
pub fn check_items(items: &[Item], pages: &[PageSize], paths: &[Path]) -> Result<PdfCheck, Problem> {
    let layout = layout(items, pages, paths)?;
    let mut result = crate::check(&layout.text);
    locate(&mut result, &layout);
    Ok(PdfCheck { text: layout.text, result })
}

/// Checks a PDF file's bytes with the native reader ([`read`]).
#[cfg(all(feature = "pdf", not(target_arch = "wasm32")))]
pub fn check_bytes(bytes: &[u8]) -> Result<PdfCheck, Problem> {
    let (items, pages, paths) = read::items(bytes)?;
    check_items(&items, &pages, &paths)
}

/// The pages where a table can stand: those with a line of figures among other cells. Only
/// their drawn paths are read ([`layout`] reads no grid elsewhere), so that the page asks pdf.js
/// for no other page's drawing.
pub fn table_pages(items: &[Item], pages: &[PageSize]) -> Vec<u32> {
    lines::table_pages(&lines::lines(items, pages))
}

/// A PDF file, by its first bytes (or its name when they are not there: a damaged file).
pub fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF") || name.to_ascii_lowercase().ends_with(".pdf")
}

/// Fewer printable characters than this: no text layer worth the name.
const MIN_CHARS: usize = 20;

/// The text shape and its map, or why there is none.
pub fn layout(items: &[Item], pages: &[PageSize], paths: &[Path]) -> Result<Layout, Problem> {
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
    let lines = lines::lines(items, pages);
    let grids = grid::grids(paths, pages, &lines::table_pages(&lines));
    let (lines, drawn) = grid::grid_tables(lines, &grids);
    let tables = tables::tables(&lines, drawn);
    Ok(emit::emit(&lines, &tables, pages.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A_PAGE: PageSize = PageSize {
        width: 600.0,
        height: 800.0,
    };

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
        let page = [A_PAGE];
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
        let l = layout(&items, &page, &[]).unwrap();
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
        let page = [A_PAGE];
        assert_eq!(layout(&[], &page, &[]).unwrap_err(), Problem::Scanned);
        let junk = vec![item(&"\u{FFFD}\u{1}".repeat(30), 50.0, 700.0, 1)];
        assert_eq!(layout(&junk, &page, &[]).unwrap_err(), Problem::Undecodable);
    }

    #[test]
    fn page_numbers_left_out() {
        let page = [A_PAGE, A_PAGE];
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
            layout(&items, &page, &[]).unwrap().text,
            "第一页的正文，足够长的一行文字，到了页边。接着一行。\n第二页的正文，足够长的一行文字，到了页边。接着一行。\n"
        );
    }

    /// A stroked rule from (x0, y0) to (x1, y1) on page 1.
    fn rule(x0: f64, y0: f64, x1: f64, y1: f64) -> Path {
        Path {
            page: 1,
            x0,
            y0,
            x1,
            y1,
            width: 0.75,
            fill: false,
        }
    }

    #[test]
    fn drawn_grid_rows_whatever_the_alignment() {
        let page = [A_PAGE];
        // Columns at x 50 | 110 | 200 | 290; rows between y 700, 660, 600, 560 (the last open:
        // the vertical rules run on to 540, as where a page break splits a row).
        let mut paths: Vec<Path> = [50.0, 110.0, 200.0, 290.0].iter().map(|&x| rule(x, 700.0, x, 540.0)).collect();
        paths.extend([700.0, 660.0, 600.0].iter().map(|&y| rule(50.0, y, 290.0, y)));
        // (a rule between rows 2 and 3 under the figure columns only: the label cell is merged)
        paths.push(rule(110.0, 560.0, 290.0, 560.0));
        let items = vec![
            item("信息", 55.0, 685.0, 1),
            item("内容", 55.0, 673.0, 1),
            item("本年", 115.0, 685.0, 1),
            item("件数", 205.0, 685.0, 1),
            // a label wrapped over four lines, its figures on the last (bottom-aligned)
            item("行政", 55.0, 645.0, 1),
            item("规范", 55.0, 633.0, 1),
            item("性文", 55.0, 621.0, 1),
            item("件", 55.0, 609.0, 1),
            item("2", 115.0, 609.0, 1),
            item("5", 205.0, 609.0, 1),
            // a label merged over two rows, each row's figures on its own
            item("规章", 55.0, 580.0, 1),
            item("1", 115.0, 585.0, 1),
            item("3", 205.0, 585.0, 1),
            item("0", 115.0, 550.0, 1),
            item("4", 205.0, 550.0, 1),
        ];
        let l = layout(&items, &page, &paths).unwrap();
        assert_eq!(l.text, "信息内容\t本年\t件数\n行政规范性文件\t2\t5\n规章\t1\t3\n\t0\t4\n");
        // with no rules drawn, the lines alone: the wrapped label's first lines a row of their own
        let alone = layout(&items, &page, &[]).unwrap().text;
        assert!(!alone.contains("行政规范性文件\t2"), "{alone}");
    }
}
