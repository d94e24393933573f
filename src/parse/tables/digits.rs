//! Digit splitting: a crawler that removed the cell boundaries left a row's
//! figures run together (`801000081`). The only structure left is that a
//! figure has no leading zero: every way to cut the runs into the row's
//! number of figures under that rule is a possible reading. Exactly one
//! reading (always so when the row has as many digits as cells) is read;
//! more than one is listed for S004 — the row's sums never choose.

use crate::text::tokens::{Tok, Token};
use crate::text::Span;

/// The most readings kept (for the S004 message).
pub const MAX_READINGS: usize = 64;

/// What the digits of a row allow.
#[derive(Debug)]
pub enum Split {
    /// Exactly one reading: the figures with their spans.
    One(Vec<(u64, Span)>),
    /// Several readings (at most [`MAX_READINGS`], `more` when there were more).
    Many { readings: Vec<Vec<u64>>, more: bool },
    /// Not digits, or no reading at all.
    None,
}

/// Total number of digits when every token is a plain digit run.
pub fn digit_count(tokens: &[Token]) -> Option<usize> {
    tokens
        .iter()
        .map(|t| match &t.tok {
            Tok::Num(s) if s.bytes().all(|b| b.is_ascii_digit()) => Some(s.len()),
            _ => None,
        })
        .sum()
}

/// The readings of `tokens` (digit runs) as `width` figures.
pub fn split(text: &str, tokens: &[Token], width: usize) -> Split {
    let runs: Vec<(&str, Span)> = tokens
        .iter()
        .filter_map(|t| match &t.tok {
            Tok::Num(s) if s.bytes().all(|b| b.is_ascii_digit()) => Some((&**s, t.span)),
            _ => None,
        })
        .collect();
    if runs.len() != tokens.len() || runs.is_empty() {
        return Split::None;
    }
    let total: usize = runs.iter().map(|r| r.0.len()).sum();
    if total < width || total > 64 || runs.len() > width {
        return Split::None;
    }
    let mut search = Search {
        runs: &runs,
        width,
        pieces: Vec::new(),
        found: Vec::new(),
        budget: 100_000,
    };
    search.run(0, 0);
    let Search { found, budget, .. } = search;
    let value = |&(r, a, b): &(usize, usize, usize)| runs[r].0[a..b].parse::<u64>().unwrap_or(u64::MAX);
    match found.len() {
        0 => Split::None,
        1 => {
            let digits: Vec<Vec<(usize, usize)>> = runs.iter().map(|r| digit_spans(text, r.1)).collect();
            Split::One(
                found[0]
                    .iter()
                    .map(|p| (value(p), sub_span(&digits[p.0], runs[p.0].1, p.1, p.2)))
                    .collect(),
            )
        }
        n => Split::Many {
            readings: found.iter().take(MAX_READINGS).map(|f| f.iter().map(value).collect()).collect(),
            more: n > MAX_READINGS || budget == 0,
        },
    }
}

/// A depth-first search over the ways to cut digit runs into figures.
struct Search<'a> {
    runs: &'a [(&'a str, Span)],
    width: usize,
    /// Pieces cut so far: (run index, byte start, byte end).
    pieces: Vec<(usize, usize, usize)>,
    found: Vec<Vec<(usize, usize, usize)>>,
    /// Steps left; the search stops at 0 (and the row stays unread).
    budget: u32,
}

impl Search<'_> {
    fn run(&mut self, run: usize, pos: usize) {
        if self.found.len() > MAX_READINGS || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        if run == self.runs.len() {
            if self.pieces.len() == self.width {
                self.found.push(self.pieces.clone());
            }
            return;
        }
        // Every run still to come needs at least one piece.
        if self.pieces.len() + (self.runs.len() - run) > self.width {
            return;
        }
        let s = self.runs[run].0;
        let max_len = if s.as_bytes()[pos] == b'0' { 1 } else { (s.len() - pos).min(18) };
        for len in 1..=max_len {
            let end = pos + len;
            self.pieces.push((run, pos, end));
            if end == s.len() {
                self.run(run + 1, 0);
            } else {
                self.run(run, end);
            }
            self.pieces.pop();
        }
    }
}

/// The user's digits of a token whose user text is `span`, each (start, end):
/// they may be ASCII or full-width, with thousands separators between them.
fn digit_spans(text: &str, span: Span) -> Vec<(usize, usize)> {
    let Some(user) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    user.char_indices()
        .filter(|&(_, c)| crate::text::fold(c).is_ascii_digit())
        .map(|(i, c)| (span.start + i, span.start + i + c.len_utf8()))
        .collect()
}

/// The span of digits `a..b` (counted among the token's `digits`, from
/// [`digit_spans`]) of a token whose user text is `span`.
fn sub_span(digits: &[(usize, usize)], span: Span, a: usize, b: usize) -> Span {
    match (digits.get(a), b.checked_sub(1).and_then(|e| digits.get(e))) {
        (Some(&(s, _)), Some(&(_, e))) if s < e => Span::new(s, e),
        _ => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn readings(s: &str, width: usize) -> Split {
        let toks: Vec<Token> = tokenize(s, Span::new(0, s.len())).into_iter().filter(|t| t.is_num()).collect();
        split(s, &toks, width)
    }

    #[test]
    fn as_many_digits_as_cells_is_forced() {
        let Split::One(v) = readings("5100000", 7) else { panic!() };
        assert_eq!(v.iter().map(|x| x.0).collect::<Vec<_>>(), [5, 1, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn no_leading_zero_fixes_some_rows() {
        // 行政规范性文件0011 (dev 124): 0|0|11 is the only reading without a leading zero.
        let Split::One(v) = readings("0011", 3) else { panic!() };
        assert_eq!(v.iter().map(|x| x.0).collect::<Vec<_>>(), [0, 0, 11]);
        // 320000032 (dev 122): 32|0|0|0|0|0|32 adds up, but 3|20|0|0|0|0|32 is a reading too.
        assert!(matches!(readings("320000032", 7), Split::Many { .. }));
    }

    #[test]
    fn spans_fall_on_the_users_digits() {
        let s = "行政许可 ５１0００００";
        let toks: Vec<Token> = tokenize(s, Span::new(0, s.len())).into_iter().filter(|t| t.is_num()).collect();
        let Split::One(v) = split(s, &toks, 7) else { panic!() };
        let shown: Vec<&str> = v.iter().map(|(_, sp)| &s[sp.start..sp.end]).collect();
        assert_eq!(shown, ["５", "１", "0", "０", "０", "０", "０"]);
    }

    #[test]
    fn the_sums_never_choose() {
        // 80|1|0|0|0|0|81 adds up, but 8|0|10|0|0|0|81 and 80|10|0|0|0|8|1 are readings too.
        let Split::Many { readings: r, .. } = readings("801000081", 7) else {
            panic!()
        };
        assert!(r.contains(&vec![80, 1, 0, 0, 0, 0, 81]));
        assert!(r.contains(&vec![8, 0, 10, 0, 0, 0, 81]));
    }
}
