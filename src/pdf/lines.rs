//! Items → characters → lines (baselines within 0.35 em) → cells (x gaps over 1 em); page
//! numbers left out.

use super::{fold, Item, PageSize};
use crate::finding::PdfBox;

/// A cell of a line: the text of adjacent items, and its extent.
#[derive(Debug, Clone)]
pub(super) struct Frag {
    pub(super) text: String,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) em: f64,
    pub(super) area: PdfBox,
    /// Pieces of `text` (byte ranges) and their boxes: one per item.
    pub(super) parts: Vec<(usize, usize, PdfBox)>,
}

impl Frag {
    /// A fragment of one character (or run) `t` at `x`, `w` wide, of font size `h`.
    pub(super) fn of(t: &str, x: f64, w: f64, h: f64, area: PdfBox) -> Frag {
        Frag {
            parts: vec![(0, t.len(), area)],
            text: t.to_string(),
            x0: x,
            x1: x + w,
            em: h,
            area,
        }
    }

    /// `t` added at the right end (a space between Latin letters or figures that stand apart).
    pub(super) fn push(&mut self, t: &str, x: f64, w: f64, h: f64, area: PdfBox) {
        let ascii = self.text.ends_with(|c: char| c.is_ascii_alphanumeric()) && t.starts_with(|c: char| c.is_ascii_alphanumeric());
        if x - self.x1 > 0.2 * h && ascii {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(t);
        self.parts.push((start, self.text.len(), area));
        self.x1 = self.x1.max(x + w);
        self.em = self.em.max(h);
        self.area = self.area.cover(area);
    }

    pub(super) fn is_value(&self) -> bool {
        is_value(&self.text)
    }
}

/// A figure, or a mark standing for a blank cell.
pub(super) fn is_value(s: &str) -> bool {
    let s = s.trim();
    if matches!(s, "—" | "——" | "-" | "－" | "/" | "／" | "无" | "*" | "\\") {
        return true;
    }
    s.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && s.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '，' | '．'))
}

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) page: u32,
    pub(super) cells: Vec<Frag>,
}

impl Line {
    pub(super) fn has_value(&self) -> bool {
        self.cells.len() >= 2 && self.cells.iter().any(Frag::is_value)
    }
}

/// The pages that have a line of figures among other cells, in order.
pub(super) fn table_pages(lines: &[Line]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for l in lines.iter().filter(|l| l.has_value()) {
        if out.last() != Some(&l.page) {
            out.push(l.page);
        }
    }
    out
}

/// East Asian wide: ideographs, kana, hangul, CJK punctuation, full-width forms.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Lines by baseline, their items in cells by x gaps.
pub(super) fn lines(items: &[Item], pages: &[PageSize]) -> Vec<Line> {
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
    crate::sort::merge_sort(&mut its, |a, b| {
        a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.total_cmp(&b.2)).is_lt()
    });
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
        crate::sort::merge_sort(&mut row, |a, b| a.2.total_cmp(&b.2).is_lt());
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
                Some(c) if x - c.x1 <= 1.0 * c.em.max(h) => c.push(&t, x, w, h, area),
                _ => cells.push(Frag::of(&t, x, w, h, area)),
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
pub(super) fn drop_page_numbers(lines: &mut Vec<Line>) {
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
