//! The command line's PDF reader: pdf_oxide's characters with their baselines, as
//! [`Item`]s for the geometry in [`super`] (the page gives pdf.js's items to the same code).
//! Chosen over the alternatives for being right on every generator tried (LibreOffice,
//! Chromium's print to PDF, ReportLab with a non-embedded STSong-Light under UniGB-UCS2-H,
//! fonts without ToUnicode), at the price of a longer first build; see docs/pdf.md.

use pdf_oxide::document::PdfDocument;

use super::{Item, PageSize, Problem};

/// A PDF's text items and page sizes, or why it cannot be read.
pub fn items(bytes: &[u8]) -> Result<(Vec<Item>, Vec<PageSize>), Problem> {
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).is_some_and(|h| h.windows(4).any(|w| w == b"%PDF")) {
        return Err(Problem::Damaged);
    }
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| problem_of(&e))?;
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(Problem::Encrypted);
    }
    let n = doc.page_count().map_err(|e| problem_of(&e))?;
    let mut items = Vec::new();
    let mut pages = Vec::with_capacity(n);
    let mut read_any = false;
    for p in 0..n {
        let (x0, y0, x1, y1) = doc.get_page_media_box(p).unwrap_or((0.0, 0.0, 595.0, 842.0));
        pages.push(PageSize {
            width: (x1 - x0) as f64,
            height: (y1 - y0) as f64,
        });
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
    Ok((items, pages))
}

fn problem_of(e: &pdf_oxide::error::Error) -> Problem {
    let s = e.to_string().to_ascii_lowercase();
    if s.contains("encrypt") || s.contains("password") || s.contains("decrypt") {
        Problem::Encrypted
    } else {
        Problem::Damaged
    }
}
