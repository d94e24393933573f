//! Places of a result → pages and boxes in the PDF.

use super::Layout;
use crate::finding::{PdfBox, Place};
use crate::report::CheckResult;

/// The box of the text between two character offsets of the rebuilt text: the pieces it
/// touches on the page of the first one.
pub(super) fn area(layout: &Layout, chars: &CharIndex, start: usize, end: usize) -> Option<PdfBox> {
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
pub(super) struct CharIndex {
    pub(super) starts: Vec<usize>,
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
