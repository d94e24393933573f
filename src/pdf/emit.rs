//! The lines and tables written as text: paragraphs a line, table rows tab-separated, and each
//! piece's box.

use super::lines::{Frag, Line};
use super::tables::Table;
use super::{Layout, Piece};

/// Writes the lines: paragraphs a line, table rows with cells tab-separated.
pub(super) fn emit(lines: &[Line], tables: &[Table], pages: usize) -> Layout {
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
            crate::sort::merge_sort(&mut e, crate::sort::f64_less);
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
