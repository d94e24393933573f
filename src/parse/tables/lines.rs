//! The observed table: the section's tokens as lines, each line's figure
//! groups (a candidate row, or part of one) and its label segments, every
//! piece with its display column (a CJK character is two columns wide, a tab
//! a cell), so that the reader can tell which words stand over which others.

use crate::text::tokens::{Tok, Token};
use crate::text::Span;

/// A run of label words on one line: words one space apart, or one tab cell.
#[derive(Debug, Clone)]
pub struct Segment {
    pub line: usize,
    /// Display column where the segment starts (tab lines: 1000 × cell index).
    pub col: usize,
    pub text: String,
    /// From a line that holds tabs.
    pub tabbed: bool,
    /// An empty line stands right before its line (it starts a paragraph).
    pub after_blank: bool,
}

/// A run of figures on one line, with nothing but spaces, tabs and empty
/// cells between them.
#[derive(Debug, Clone)]
pub struct Group<'t> {
    pub line: usize,
    /// The figures and blank marks in order; an empty tab cell between two
    /// of them is a `Blank("")` spanning the gap.
    pub values: Vec<Token<'t>>,
    /// Display column of each value (tab lines: 1000 × cell index).
    pub cols: Vec<usize>,
    /// Empty tab cells after the last value, before the line ends or text
    /// resumes, with the span of each.
    pub trailing_empty: Vec<Span>,
    /// An empty tab cell stands right before the first value (a label spacer or an empty
    /// first cell: the text cannot tell).
    pub leading_empty: bool,
    /// Label segments on the same line before the figures (after any earlier group).
    pub prefix: Vec<Segment>,
    /// Label segments on the same line after the figures (when no group follows on it).
    pub suffix: Vec<Segment>,
    /// Whether the line holds tabs (cells) rather than spaces (layout).
    pub tabbed: bool,
}

impl Group<'_> {
    /// Only digit runs: figures a crawler may have run together.
    pub fn all_digits(&self) -> bool {
        self.values
            .iter()
            .all(|t| matches!(&t.tok, Tok::Num(s) if s.bytes().all(|b| b.is_ascii_digit())))
    }
}

/// The lines of a section: its groups in order and the label segments of
/// lines that hold no figures.
#[derive(Debug, Default)]
pub struct Observed<'t> {
    pub groups: Vec<Group<'t>>,
    /// Label segments of lines without figures, in order.
    pub labels: Vec<Segment>,
    /// Number of lines.
    pub lines: usize,
}

impl Observed<'_> {
    /// Whether the figures stand one a line, alone, as in text a PDF gives in
    /// its reading order (no layout kept: each cell a paragraph, the header's
    /// words between them) or a table copied one cell a line: a row's cells no
    /// longer stand side by side, so where the reading fails the text itself
    /// cannot say which figure is which cell.
    pub fn one_cell_a_line(&self) -> bool {
        let alone = self
            .groups
            .iter()
            .filter(|g| g.values.len() == 1 && g.prefix.is_empty() && g.suffix.is_empty())
            .count();
        self.groups.len() >= 3 && alone * 5 >= self.groups.len() * 4
    }
}

/// The most figure groups observed (a table has a few dozen; the alignment
/// looks at fewer still, see `align::MAX_GROUPS`).
pub const MAX_GROUPS: usize = 4000;

/// Display width of a character in text laid out by a PDF extractor.
pub fn width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// The display width of `s`: the sum of [`width`] over its characters, most
/// of them told by their first byte (ASCII; U+3000–U+9FFF, CJK, are wide).
pub fn display_width(s: &str) -> usize {
    let bytes = s.as_bytes();
    let (mut i, mut w) = (0, 0);
    while i < bytes.len() {
        let (len, cw) = match bytes[i] {
            0..=0x7F => (1, 1),
            0xE3..=0xE9 => (3, 2),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.len_utf8(), width(c))
            }
        };
        i += len;
        w += cw;
    }
    w
}

/// Builds the observed lines of `tokens` (from [`crate::text::tokens::tokenize`] on `text`).
pub fn observe<'t>(text: &str, tokens: &[Token<'t>]) -> Observed<'t> {
    let mut out = Observed::default();
    let mut line = 0usize;
    let mut prev_blank = false;
    let mut i = 0;
    while i <= tokens.len() {
        let end = tokens[i..]
            .iter()
            .position(|t| matches!(t.tok, Tok::Newline { .. }))
            .map_or(tokens.len(), |p| i + p);
        let toks = &tokens[i..end];
        if !toks.is_empty() {
            read_line(text, line, toks, prev_blank, &mut out);
        }
        let blank_line = match tokens.get(end) {
            Some(Token {
                tok: Tok::Newline { blank },
                ..
            }) => *blank,
            _ => false,
        };
        prev_blank = blank_line || (toks.is_empty() && prev_blank);
        line += 1;
        i = end + 1;
        // Far more figure groups than any table has: the rest is not a table's (and
        // building it would only cost memory on hostile input).
        if end == tokens.len() || out.groups.len() > MAX_GROUPS {
            break;
        }
    }
    out.lines = line;
    out
}

/// Display columns of byte offsets on one line, counted from the start of
/// the line: forward from the last offset asked (a line's pieces are asked in
/// order), so a line is read once, however many pieces it has.
struct Columns<'t> {
    text: &'t str,
    line_start: usize,
    at: usize,
    col: usize,
}

impl<'t> Columns<'t> {
    /// The line holding byte offset `at`.
    fn new(text: &'t str, at: usize) -> Columns<'t> {
        let at = at.min(text.len());
        let line_start = text.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |p| p + 1);
        Columns {
            text,
            line_start,
            at: line_start,
            col: 0,
        }
    }

    /// The display column of byte offset `at` (on this line).
    fn of(&mut self, at: usize) -> usize {
        let at = at.min(self.text.len());
        if at < self.at {
            self.at = self.line_start;
            self.col = 0;
        }
        if let Some(s) = self.text.get(self.at..at) {
            match s.rfind('\n') {
                // A line break the tokens did not mark: count from after it.
                Some(p) => {
                    self.line_start = self.at + p + 1;
                    self.col = display_width(&s[p + 1..]);
                }
                None => self.col += display_width(s),
            }
            self.at = at;
        }
        self.col
    }
}

fn read_line<'t>(text: &str, line: usize, toks: &[Token<'t>], after_blank: bool, out: &mut Observed<'t>) {
    let tabbed = toks.iter().any(|t| matches!(t.tok, Tok::Tab));
    let mut columns = Columns::new(text, toks.first().map_or(0, |t| t.span.start));
    let mut cell = 0usize;
    // Pieces of the line: labels and groups, in order.
    let mut segs: Vec<Segment> = Vec::new();
    let mut groups: Vec<(usize, Group)> = Vec::new(); // (number of segments before it, group)
    let mut cur: Option<Group> = None;
    let mut last_tab: Option<Span> = None;
    let mut seg_end_col = 0usize;
    let mut pending_empty: Vec<Span> = Vec::new();
    for t in toks {
        match &t.tok {
            Tok::Tab => {
                if let Some(prev) = last_tab {
                    // Two tabs with nothing between: an empty cell.
                    pending_empty.push(Span::new(prev.end, t.span.start));
                }
                cell += 1;
                last_tab = Some(t.span);
                continue;
            }
            Tok::Blank(b)
                if cur.is_none()
                    && segs.last().is_some_and(|l| is_item_marker(&l.text))
                    && continues_label(&segs, &groups, line, tabbed, cell, columns.of(t.span.start), seg_end_col) =>
            {
                // `4. 无` / `正当理由…`, `(四) 无` / `法提供`: a mark right after an item number
                // begins the item's label (after label words, `行政处罚 无`, it is a cell).
                if let Some(l) = segs.last_mut() {
                    l.text.push_str(b);
                }
                seg_end_col = columns.of(t.span.end);
            }
            Tok::Num(_) | Tok::Blank(_) => {
                let col = if tabbed { cell * 1000 } else { columns.of(t.span.start) };
                let g = cur.get_or_insert_with(|| Group {
                    line,
                    values: Vec::new(),
                    cols: Vec::new(),
                    trailing_empty: Vec::new(),
                    leading_empty: !pending_empty.is_empty(),
                    prefix: Vec::new(),
                    suffix: Vec::new(),
                    tabbed,
                });
                if !g.values.is_empty() {
                    for s in pending_empty.drain(..) {
                        g.values.push(Token {
                            tok: Tok::Blank("".into()),
                            span: s,
                        });
                        g.cols.push(g.cols.last().copied().unwrap_or(col) + 1);
                    }
                }
                pending_empty.clear();
                g.values.push(t.clone());
                g.cols.push(col);
            }
            Tok::Text(s) => {
                if let Some(mut g) = cur.take() {
                    g.trailing_empty = std::mem::take(&mut pending_empty);
                    groups.push((segs.len(), g));
                }
                pending_empty.clear();
                let col = if tabbed { cell * 1000 } else { columns.of(t.span.start) };
                let joins = continues_label(&segs, &groups, line, tabbed, cell, col, seg_end_col);
                if joins {
                    if let Some(l) = segs.last_mut() {
                        l.text.push_str(s);
                    }
                } else {
                    segs.push(Segment {
                        line,
                        col,
                        text: s.to_string(),
                        tabbed,
                        after_blank,
                    });
                }
                seg_end_col = col + display_width(s);
            }
            Tok::Newline { .. } => {}
        }
        last_tab = None;
    }
    if let Some(mut g) = cur.take() {
        if let Some(prev) = last_tab {
            // The line ends in a tab after the figures: one more empty cell.
            let end = toks.last().map_or(prev.end, |t| t.span.end);
            pending_empty.push(Span::new(prev.end, end.max(prev.end)));
        }
        g.trailing_empty = pending_empty;
        groups.push((segs.len(), g));
    }
    if groups.is_empty() {
        out.labels.extend(segs);
        return;
    }
    // Segments before each group are its prefix; those after the last, its suffix.
    let mut taken = 0usize;
    let n = groups.len();
    for (k, (before, mut g)) in groups.into_iter().enumerate() {
        g.prefix = segs[taken..before].to_vec();
        taken = before;
        if k + 1 == n {
            g.suffix = segs[taken..].to_vec();
        }
        out.groups.push(g);
    }
}

/// Whether a piece at display column `col` (tab lines: in cell `cell`)
/// continues the last label segment of the line.
fn continues_label(
    segs: &[Segment],
    groups: &[(usize, Group)],
    line: usize,
    tabbed: bool,
    cell: usize,
    col: usize,
    seg_end_col: usize,
) -> bool {
    segs.last()
        .is_some_and(|l| l.line == line && (if tabbed { l.col == cell * 1000 } else { col <= seg_end_col + 1 }))
        && groups.last().is_none_or(|(n, _)| *n < segs.len())
}

/// `4.`, `(四)`, `（四）`: an item number with no label words yet.
fn is_item_marker(s: &str) -> bool {
    let inner = s.trim_end_matches(['.', '、']);
    let inner = inner.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
    !inner.is_empty() && inner.chars().count() <= 2 && inner.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}
