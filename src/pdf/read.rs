//! The command line's PDF reader: pdf_oxide's characters with their baselines, as
//! [`Item`]s for the geometry in [`super`] (the page gives pdf.js's items to the same code).
//! Chosen over the alternatives for being right on every generator tried (LibreOffice,
//! Chromium's print to PDF, ReportLab with a non-embedded STSong-Light under UniGB-UCS2-H,
//! fonts without ToUnicode), at the price of a longer first build; see docs/pdf.md.

use pdf_oxide::document::PdfDocument;

use pdf_oxide::elements::{PathContent, PathOperation};

use super::{Item, PageSize, Path, Problem};

/// What a PDF's pages hold for the geometry: text items, page sizes, drawn paths.
pub type Pages = (Vec<Item>, Vec<PageSize>, Vec<Path>);

/// A PDF's text items, page sizes and drawn paths, or why it cannot be read.
pub fn items(bytes: &[u8]) -> Result<Pages, Problem> {
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).is_some_and(|h| h.windows(4).any(|w| w == b"%PDF")) {
        return Err(Problem::Damaged);
    }
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| problem_of(&e))?;
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(Problem::Encrypted);
    }
    let n = doc.page_count().map_err(|e| problem_of(&e))?;
    let mut items = Vec::new();
    let mut paths = Vec::new();
    let mut pages = Vec::with_capacity(n);
    let mut read_any = false;
    for p in 0..n {
        let (x0, y0, x1, y1) = doc.get_page_media_box(p).unwrap_or((0.0, 0.0, 595.0, 842.0));
        pages.push(PageSize {
            width: (x1 - x0) as f64,
            height: (y1 - y0) as f64,
        });
        for path in doc.extract_paths(p).unwrap_or_default() {
            straight(&path, p as u32 + 1, (x0 as f64, y0 as f64), &mut paths);
        }
        let Ok(chars) = doc.extract_chars(p) else { continue };
        read_any = true;
        for c in chars {
            // Rotated or vertical text is no table's.
            if c.rotation_degrees.abs() > 1.0 && (c.rotation_degrees - 360.0).abs() > 1.0 {
                continue;
            }
            items.push(Item {
                text: c.char.to_string(),
                x: (c.origin_x - x0) as f64,
                y: (c.origin_y - y0) as f64,
                width: c.advance_width as f64,
                height: c.font_size as f64,
                page: p as u32 + 1,
            });
        }
    }
    if !read_any && n > 0 {
        return Err(Problem::Damaged);
    }
    Ok((items, pages, paths))
}

/// A path's straight pieces as [`Path`]s: each segment of a stroked path, each rectangle of a
/// filled one (curves are no table's rules).
fn straight(path: &PathContent, page: u32, (ox, oy): (f64, f64), out: &mut Vec<Path>) {
    let stroke = path.stroke_color.is_some();
    let fill = path.fill_color.is_some();
    let width = path.stroke_width as f64;
    let mut put = |(x0, y0): (f64, f64), (x1, y1): (f64, f64), fill: bool| {
        out.push(Path {
            page,
            x0: x0 - ox,
            y0: y0 - oy,
            x1: x1 - ox,
            y1: y1 - oy,
            width: if fill { 0.0 } else { width },
            fill,
        })
    };
    let mut start: Option<(f64, f64)> = None;
    let mut at: Option<(f64, f64)> = None;
    let mut corners: Vec<(f64, f64)> = Vec::new();
    for op in &path.operations {
        match *op {
            PathOperation::MoveTo(x, y) => {
                start = Some((x as f64, y as f64));
                at = start;
                corners = vec![(x as f64, y as f64)];
            }
            PathOperation::LineTo(x, y) => {
                let to = (x as f64, y as f64);
                if let (Some(from), true) = (at, stroke) {
                    put(from, to, false);
                }
                corners.push(to);
                at = Some(to);
            }
            PathOperation::CurveTo(.., x, y) => {
                at = Some((x as f64, y as f64));
                corners.clear();
            }
            PathOperation::Rectangle(x, y, w, h) => {
                let (a, b) = ((x as f64, y as f64), ((x + w) as f64, (y + h) as f64));
                if fill {
                    put(a, b, true);
                }
                if stroke {
                    let (c, d) = ((b.0, a.1), (a.0, b.1));
                    put(a, c, false);
                    put(c, b, false);
                    put(b, d, false);
                    put(d, a, false);
                }
                (start, at) = (Some(a), Some(a));
                corners.clear();
            }
            PathOperation::ClosePath => {
                if let (Some(from), Some(to), true) = (at, start, stroke) {
                    put(from, to, false);
                }
                if let (true, Some(b)) = (fill, rectangle(&corners)) {
                    put(b.0, b.1, true);
                }
                corners.clear();
                at = start;
            }
        }
    }
    if let (true, Some(b)) = (fill, rectangle(&corners)) {
        put(b.0, b.1, true);
    }
}

/// Two opposite corners of the axis-aligned rectangle the points draw (four corners, the first
/// perhaps repeated at the end), if they draw one.
fn rectangle(p: &[(f64, f64)]) -> Option<((f64, f64), (f64, f64))> {
    let p = match p {
        [a, .., z] if p.len() == 5 && (a.0 - z.0).abs() < 0.01 && (a.1 - z.1).abs() < 0.01 => &p[..4],
        _ if p.len() == 4 => p,
        _ => return None,
    };
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    let (xs, ys): (Vec<f64>, Vec<f64>) = p.iter().copied().unzip();
    let (x0, x1) = (
        xs.iter().copied().fold(f64::MAX, f64::min),
        xs.iter().copied().fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ys.iter().copied().fold(f64::MAX, f64::min),
        ys.iter().copied().fold(f64::MIN, f64::max),
    );
    p.iter()
        .all(|&(x, y)| (near(x, x0) || near(x, x1)) && (near(y, y0) || near(y, y1)))
        .then_some(((x0, y0), (x1, y1)))
}

fn problem_of(e: &pdf_oxide::error::Error) -> Problem {
    let s = e.to_string().to_ascii_lowercase();
    if s.contains("encrypt") || s.contains("password") || s.contains("decrypt") {
        Problem::Encrypted
    } else {
        Problem::Damaged
    }
}
