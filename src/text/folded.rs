//! [`Folded`]: the user's text folded ([`fold`]) as one string, some
//! characters possibly left out, with a map back to the user's byte offsets.
//! The parser searches it with every character kept ([`Folded::new`]); the
//! prose rules read it without whitespace and page numbers ([`Folded::flat`]),
//! so a phrase wrapped across lines reads as one run of characters. Either
//! way a phrase found in it points back at the user's own characters.

use std::ops::Range;

use super::Span;
use super::{fold, is_page_number};

/// A place where the folded text and the user's text stop advancing byte for
/// byte: at folded offset `at`, the character before ends at `end` in the
/// user's text, and the character from `at` on starts at `start` (they differ
/// where characters were left out).
#[derive(Debug, Clone, Copy)]
struct Joint {
    at: usize,
    end: usize,
    start: usize,
}

/// Folded text with a way back to the user's text.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// Sorted by `at` (and so by `start`); between two joints both texts
    /// advance together. A map as sparse as the text's changes.
    joints: Vec<Joint>,
}

impl Folded {
    /// Every character folded, none left out.
    pub fn new(original: &str) -> Folded {
        Folded::build(original, false)
    }

    /// Folded with every whitespace character, every line that is only a
    /// page number (`-3-`) and Markdown's `*` left out.
    pub fn flat(original: &str) -> Folded {
        Folded::build(original, true)
    }

    fn build(original: &str, flat: bool) -> Folded {
        let mut f = Folded {
            text: String::with_capacity(original.len()),
            joints: Vec::new(),
        };
        // Where the last character kept ends in the user's text.
        let mut prev_end = 0;
        let mut line_start = 0;
        // The user's offset less the folded offset since the last joint (both advance
        // together between joints): `along` of the text's end, kept as the text grows.
        let mut shift = 0isize;
        // Where the characters kept as they are at the end start, not yet copied: a character
        // kept as it is right after one such needs no joint, and they are copied as one run.
        let mut tail: Option<usize> = None;
        for line in original.split_inclusive('\n') {
            if !(flat && is_page_number(line)) {
                let bytes = line.as_bytes();
                let mut i = 0;
                while i < bytes.len() {
                    let b = bytes[i];
                    // Most characters are neither folded nor left out, and need not be decoded:
                    // CJK ideographs (U+4000–U+EFFF), ASCII's printable characters but `*`, and
                    // ASCII spaces but `\r` where spaces are kept.
                    let plain = match b {
                        0xE4..=0xEE => true,
                        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'*' if flat => {
                            i += 1;
                            continue;
                        }
                        b'!'..=b'~' => b != b'*',
                        b' ' | b'\t' | b'\n' | 0x0B | 0x0C => true,
                        _ => false,
                    };
                    let c = if plain { None } else { line[i..].chars().next() };
                    let len = c.map_or(crate::text::char_len(b), char::len_utf8);
                    let at = line_start + i;
                    i += len;
                    // The character folded, when it is not kept as it is.
                    let folded = c.map(fold).filter(|&f| Some(f) != c);
                    if flat
                        && c.is_some_and(|c| {
                            let f = fold(c);
                            f.is_whitespace() || f == '*'
                        })
                    {
                        continue;
                    }
                    if folded.is_none() && tail.is_some() && at == prev_end {
                        prev_end = at + len;
                        continue;
                    }
                    if let Some(from) = tail.take() {
                        f.text.push_str(&original[from..prev_end]);
                    }
                    f.join(&mut shift, prev_end, at);
                    match folded {
                        Some(x) => f.text.push(x),
                        None => tail = Some(at),
                    }
                    prev_end = at + len;
                }
            }
            line_start += line.len();
        }
        if let Some(from) = tail {
            f.text.push_str(&original[from..prev_end]);
        }
        f.join(&mut shift, prev_end, prev_end);
        f
    }

    /// Before a character is added at the end of the text: a joint when the
    /// last character's `end` or the next one's `start` is not where both
    /// texts advancing together would put it (`shift`: the user's offset less
    /// the folded one since the last joint, [`Folded::along`] kept up to date).
    fn join(&mut self, shift: &mut isize, end: usize, start: usize) {
        let at = self.text.len();
        let along = at.wrapping_add_signed(*shift);
        if along != end || along != start {
            self.joints.push(Joint { at, end, start });
            *shift = start as isize - at as isize;
        }
    }

    /// The user's offset of folded offset `n`, continued from the joint
    /// before index `k` (`n` itself before the first joint).
    fn along(&self, k: usize, n: usize) -> usize {
        k.checked_sub(1).map_or(n, |k| self.joints[k].start + (n - self.joints[k].at))
    }

    /// The smallest character boundary of the text at or after `n`.
    fn ceil(&self, n: usize) -> usize {
        (n.min(self.text.len())..=self.text.len())
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(self.text.len())
    }

    /// Where the character at folded offset `n` starts in the user's text
    /// (at the end of the text: where the last character ends).
    fn start_at(&self, n: usize) -> usize {
        self.along(self.joints.partition_point(|j| j.at <= n), n)
    }

    /// Where the character ending at folded offset `n` ends in the user's text.
    fn end_at(&self, n: usize) -> usize {
        let k = self.joints.partition_point(|j| j.at < n);
        match self.joints.get(k) {
            Some(j) if j.at == n => j.end,
            _ => self.along(k, n),
        }
    }

    /// The folded offset of the first character kept at or after the user's
    /// offset `o` (the end of the text when there is none).
    pub fn folded_at(&self, o: usize) -> usize {
        let k = self.joints.partition_point(|j| j.start <= o);
        let (at, start) = k.checked_sub(1).map_or((0, 0), |k| (self.joints[k].at, self.joints[k].start));
        let next = self.joints.get(k).map_or(self.text.len(), |j| j.at);
        self.ceil((at + (o - start)).min(next))
    }

    /// The user's span of a folded range: from the start of its first
    /// character to the end of its last.
    pub fn span(&self, r: Range<usize>) -> Span {
        let (a, b) = (self.ceil(r.start), self.ceil(r.end));
        let start = self.start_at(a);
        Span::new(start, if b > a { self.end_at(b) } else { start })
    }

    /// The folded range of the characters inside a span of the user's text.
    pub fn range_of(&self, s: Span) -> Range<usize> {
        self.folded_at(s.start)..self.folded_at(s.end)
    }

    /// The user's own characters of a folded range, those left out left out:
    /// what a message quotes.
    pub fn quote(&self, original: &str, r: Range<usize>) -> String {
        let (a, b) = (self.ceil(r.start), self.ceil(r.end));
        self.text[a..b.max(a)]
            .char_indices()
            .filter_map(|(i, _)| original.get(self.start_at(a + i)..)?.chars().next())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_maps_back() {
        let s = "共收到１１件（一）";
        let n = Folded::new(s);
        assert_eq!(n.text, "共收到11件(一)");
        let at = n.text.find("11").unwrap();
        let span = n.span(at..at + 2);
        assert_eq!(&s[span.start..span.end], "１１");
        let p = n.text.find("(一)").unwrap();
        let span = n.span(p..p + "(一)".len());
        assert_eq!(&s[span.start..span.end], "（一）");
        assert_eq!(n.folded_at(s.find('件').unwrap()), n.text.find('件').unwrap());
        assert_eq!(n.span(n.text.len()..n.text.len()), Span::new(s.len(), s.len()));
    }

    #[test]
    fn flat_joins_wrapped_lines_and_maps_back() {
        let s = "共收到政府\n  -1-\n信息公开申请 １１ 件。";
        let f = Folded::flat(s);
        assert_eq!(f.text, "共收到政府信息公开申请11件。");
        let at = f.text.find("11").unwrap();
        let span = f.span(at..at + 2);
        assert_eq!(&s[span.start..span.end], "１１");
        assert_eq!(f.quote(s, 0..f.text.find('。').unwrap()), "共收到政府信息公开申请１１件");
        let r = f.range_of(Span::new(0, s.find('信').unwrap()));
        assert_eq!(&f.text[r], "共收到政府");
        // A span ends at its last character kept, not at the spaces after it.
        let span = f.span(0..f.text.find('信').unwrap());
        assert_eq!(&s[span.start..span.end], "共收到政府");
        // Inside a character: from the next one on; an empty range at the
        // end: the end of the last character.
        let p = f.text.find('件').unwrap();
        let full_stop = s.find('。').unwrap();
        assert_eq!(f.span(p + 1..p + 2), Span::new(full_stop, full_stop));
        let end = full_stop + '。'.len_utf8();
        assert_eq!(f.span(f.text.len()..f.text.len()), Span::new(end, end));
    }

    /// Every way of asking agrees with a character-by-character map, on a
    /// text with full-width forms, spaces, page numbers and `*` everywhere.
    #[test]
    fn agrees_with_a_map_of_every_character() {
        let s = " **（一）** 收到\u{3000}申请１,２３４件\r\n\n- 2 -\n 办结 3件。\u{FEFF}x ";
        for flat in [false, true] {
            let f = if flat { Folded::flat(s) } else { Folded::new(s) };
            // (folded offset, the user's span) of every character kept.
            let mut kept = Vec::new();
            let mut line_start = 0;
            for line in s.split_inclusive('\n') {
                for (i, c) in line.char_indices() {
                    let skip = flat && (is_page_number(line) || fold(c).is_whitespace() || fold(c) == '*');
                    if !skip {
                        kept.push(Span::new(line_start + i, line_start + i + c.len_utf8()));
                    }
                }
                line_start += line.len();
            }
            let offsets: Vec<usize> = f.text.char_indices().map(|(i, _)| i).collect();
            assert_eq!(offsets.len(), kept.len());
            for (k, &a) in offsets.iter().enumerate() {
                for (m, &b) in offsets.iter().enumerate().skip(k + 1) {
                    assert_eq!(f.span(a..b), Span::new(kept[k].start, kept[m - 1].end));
                }
                assert_eq!(f.folded_at(kept[k].start), a);
                assert_eq!(f.quote(s, a..a + 1).len(), kept[k].end - kept[k].start);
            }
            for o in 0..=s.len() {
                let first = kept.iter().position(|sp| sp.start >= o).map_or(f.text.len(), |k| offsets[k]);
                assert_eq!(f.folded_at(o), first, "flat {flat}, user offset {o}");
            }
        }
    }
}
