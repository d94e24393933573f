//! Reading the prose: the shared machinery of the N, Y, I, W and R rules.
//!
//! Prose arrives wrapped at arbitrary points (PDF text breaks lines inside
//! words and numbers' surroundings: `2023 年 1\n月 1 日`), with page numbers
//! (`-3-`) between its lines and full-width forms mixed in. [`Flat`] is the
//! text folded (`crate::text::fold`) with every whitespace character, every
//! page-number line and Markdown's `*` removed ([`Folded::flat`]), so a
//! phrase reads as one run of characters; every character keeps the span of
//! the user's character it came from, so a phrase found here points back at
//! the user's text.
//!
//! On top of it: [`numbers`] (Arabic, full-width and Chinese numerals with the
//! unit that follows them: 11件, 十一件, 两件, 二〇二三年), sentences and
//! clauses ([`split`]), the parts of a section ([`subsections`]), and
//! [`Prose`], which ties a [`Flat`] to a [`Document`]'s sections.

use std::ops::Range;

use crate::format::phrases::NOT_REQUESTS;
use crate::parse::Document;
pub use crate::text::numbers::{numbers, Num};
use crate::text::{Folded, Span};

/// Ends of sentences (after folding: ！？；are ASCII).
pub const SENTENCE: &[char] = &['。', '!', '?', ';'];
/// Ends of clauses without list commas or brackets.
pub const COMMA: &[char] = &['。', '!', '?', ';', ',', ':'];
/// Ends of the smallest pieces: list items and bracketed asides too.
pub const CLAUSE: &[char] = &['。', '!', '?', ';', ',', ':', '、', '(', ')', '《', '》'];

/// The non-empty pieces of `text[r]` between separators. The comma of a
/// figure (3,001) separates nothing: the figure is read whole.
pub fn split(text: &str, r: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    pieces(text, r, seps).collect()
}

/// [`split`]'s pieces one at a time (the first sentence without the others).
pub fn pieces<'t>(text: &'t str, r: Range<usize>, seps: &'t [char]) -> Pieces<'t> {
    let part = text.get(r.clone()).unwrap_or("");
    // The first byte of each separator in UTF-8: only characters that start
    // with one are compared with the separators.
    let mut firsts = [0u64; 4];
    for &c in seps {
        let b = c.encode_utf8(&mut [0; 4]).as_bytes()[0] as usize;
        firsts[b >> 6] |= 1 << (b & 63);
    }
    Pieces {
        part,
        base: r.start,
        end: if part.is_empty() { r.start } else { r.end },
        seps,
        firsts,
        start: r.start,
        at: 0,
    }
}

/// The iterator of [`pieces`].
pub struct Pieces<'t> {
    part: &'t str,
    /// Where `part` starts in the text, and ends.
    base: usize,
    end: usize,
    seps: &'t [char],
    firsts: [u64; 4],
    /// The start of the current piece (text offset), and the next byte to read (in `part`).
    start: usize,
    at: usize,
}

impl Iterator for Pieces<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.part.as_bytes();
        while self.at < bytes.len() {
            let b = bytes[self.at];
            if b.is_ascii_digit() {
                self.at = figure_end(bytes, self.at);
                continue;
            }
            let len = crate::text::char_len(b);
            let at = self.at;
            self.at += len;
            if self.firsts[(b >> 6) as usize] >> (b & 63) & 1 == 0 {
                continue;
            }
            let c = self.part[at..].chars().next().unwrap_or(' ');
            if self.seps.contains(&c) {
                let piece = self.start..self.base + at;
                self.start = self.base + at + len;
                if !piece.is_empty() {
                    return Some(piece);
                }
            }
        }
        let rest = self.start..self.end;
        self.start = self.end;
        (!rest.is_empty()).then_some(rest)
    }
}

/// The end of the integer part of the figure at `bytes[i]` (a digit), with its
/// thousands groups (3,001): as [`crate::text::numbers::scan_digits`]'s `int_end`, on bytes (digits
/// and commas are ASCII).
fn figure_end(bytes: &[u8], i: usize) -> usize {
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut j = i;
    while digit(j) {
        j += 1;
    }
    let mut grouped_any = false;
    while j - i <= 3 || grouped_any {
        if bytes.get(j) != Some(&b',') || !(j + 1..j + 4).all(digit) || digit(j + 4) {
            break;
        }
        grouped_any = true;
        j += 4;
    }
    j
}

/// The byte offset `n` characters after `from` (or the end of `text`).
pub fn ahead(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

/// Every occurrence of `needle` in `text[r]` (flat offsets).
pub fn find_all(text: &str, r: Range<usize>, needle: &str) -> Vec<usize> {
    text[r.clone()].match_indices(needle).map(|(i, _)| r.start + i).collect()
}

/// The first of `needles` found in `s`: (offset in s, needle); the longest
/// of those found there, the earliest listed of equals. One pass over `s`,
/// trying at each character the needles that start with its first byte.
pub fn find_any<'n>(s: &str, needles: &[&'n str]) -> Option<(usize, &'n str)> {
    let bytes = s.as_bytes();
    let mut at = 0;
    loop {
        let rest = &bytes[at..];
        let mut found: Option<&'n str> = None;
        for &n in needles {
            let first = n.as_bytes().first();
            if first.is_none_or(|f| rest.first() == Some(f)) && rest.starts_with(n.as_bytes()) && found.is_none_or(|x| n.len() > x.len()) {
                found = Some(n);
            }
        }
        if let Some(n) = found {
            return Some((at, n));
        }
        let &b = rest.first()?;
        at += crate::text::char_len(b);
    }
}

/// The last of `needles` found in `s`: (offset in s, needle).
pub fn rfind_any<'n>(s: &str, needles: &[&'n str]) -> Option<(usize, &'n str)> {
    needles
        .iter()
        .filter_map(|n| s.rfind(n).map(|p| (p, *n)))
        .max_by_key(|&(p, n)| (p, n.len()))
}

/// A list of words found in one pass over a text: at each character only
/// the words that begin with it are tried, longest first, and a match
/// resumes the scan after it (leftmost, then longest; no overlaps). Built
/// from a list of `format::phrases` where a rule reads (a sort of a few dozen
/// words); the search itself is one function for every kind of list, not a
/// copy per value type, as the page's wasm is small.
pub struct Lexicon<T: 'static> {
    list: &'static [(&'static str, T)],
    /// The words of `list`.
    words: Vec<&'static str>,
    /// (first character, index into `list`), by first character, longest word first.
    index: Vec<(char, usize)>,
}

impl<T: Copy> Lexicon<T> {
    pub fn new(list: &'static [(&'static str, T)]) -> Lexicon<T> {
        let words: Vec<&'static str> = list.iter().map(|w| w.0).collect();
        let index = lexicon_index(&words);
        Lexicon { list, words, index }
    }

    /// Every word of the list in `s`: (offset in `s`, word, value), in order.
    pub fn find_all(&self, s: &str) -> Vec<(usize, &'static str, T)> {
        lexicon_find(&self.words, &self.index, s)
            .into_iter()
            .map(|(at, k)| (at, self.list[k].0, self.list[k].1))
            .collect()
    }
}

/// [`Lexicon`]'s index of `words`: (first character, index), by first character, longest first.
fn lexicon_index(words: &[&str]) -> Vec<(char, usize)> {
    let mut index: Vec<(char, usize)> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        if let Some(c) = w.chars().next() {
            index.push((c, k));
        }
    }
    crate::sort::merge_sort(&mut index, |a, b| {
        (a.0, usize::MAX - words[a.1].len()) < (b.0, usize::MAX - words[b.1].len())
    });
    index
}

/// [`Lexicon::find_all`] as (offset in `s`, index of the word).
fn lexicon_find(words: &[&str], index: &[(char, usize)], s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let from = index.partition_point(|w| w.0 < c);
        let hit = index[from..]
            .iter()
            .take_while(|w| w.0 == c)
            .find(|w| s[i..].starts_with(words[w.1]));
        match hit {
            Some(&(_, k)) => {
                out.push((i, k));
                i += words[k].len();
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

const ORDINALS: &str = "一二三四五六七八九十";

/// The numbered parts of a section body — （一）主动公开情况 … — as
/// (the part's first characters, range to the next part). Text before the
/// first part is not returned.
pub fn subsections(text: &str, r: Range<usize>) -> Vec<(String, Range<usize>)> {
    let s = &text[r.clone()];
    let mut marks = Vec::new();
    for (i, _) in s.match_indices('(') {
        let rest = &s[i + 1..];
        let num: String = rest.chars().take_while(|c| ORDINALS.contains(*c)).collect();
        if num.is_empty() || num.chars().count() > 2 || !rest[num.len()..].starts_with(')') {
            continue;
        }
        marks.push(r.start + i);
    }
    let mut out = Vec::new();
    for (k, &m) in marks.iter().enumerate() {
        let end = marks.get(k + 1).copied().unwrap_or(r.end);
        let head: String = text[m..end].chars().take(16).collect();
        out.push((head, m..end));
    }
    out
}

/// Words that make a sentence speak of requests for disclosure.
const REQUEST_WORDS: &[&str] = &["信息公开申请", "依申请", "公开申请", "申请公开"];

/// A document with its prose flattened: what every prose rule starts from.
pub struct Prose<'a> {
    pub doc: &'a Document<'a>,
    pub flat: Folded,
    /// [`Prose::request_sentences`], computed once (four rules ask for it).
    request_sentences: std::sync::OnceLock<Vec<Range<usize>>>,
    /// [`Prose::request_clauses`], computed once (N001 and N002 read them, again
    /// for each value L001 suggests).
    request_clauses: std::sync::OnceLock<Vec<Range<usize>>>,
    /// N004's reading of the prose on review and litigation (its clauses, their numbers and
    /// claims), made once: it does not depend on the table's values, which L001 changes.
    pub(crate) review_clauses: std::sync::OnceLock<std::sync::Arc<crate::rules::ReviewClauses>>,
}

impl<'a> Prose<'a> {
    /// The prose of a document (built once per check: the rules share it
    /// through their context).
    pub fn new(doc: &'a Document<'a>) -> Prose<'a> {
        Prose {
            doc,
            flat: Folded::flat(doc.text),
            request_sentences: std::sync::OnceLock::new(),
            request_clauses: std::sync::OnceLock::new(),
            review_clauses: std::sync::OnceLock::new(),
        }
    }

    /// The same prose over another reading of the same text (L001 puts a
    /// suggested value in a table and asks the prose rules again): the flat
    /// text is copied, not built again.
    pub fn over<'b>(&self, doc: &'b Document<'b>) -> Prose<'b>
    where
        'a: 'b,
    {
        Prose {
            doc,
            flat: self.flat.clone(),
            request_sentences: self.request_sentences.clone(),
            request_clauses: self.request_clauses.clone(),
            review_clauses: self.review_clauses.clone(),
        }
    }

    pub fn text(&self) -> &str {
        &self.flat.text
    }

    /// The report's year: the title's, else the statistics period's.
    pub fn year(&self) -> Option<i32> {
        self.doc.year.as_ref().or(self.doc.period_year.as_ref()).map(|y| y.value)
    }

    /// The flat range of a section's body.
    pub fn section(&self, number: u8) -> Option<Range<usize>> {
        self.doc.section(number).map(|s| self.flat.range_of(s.body))
    }

    /// The flat range before the first section heading (title and preamble).
    pub fn preamble(&self) -> Range<usize> {
        let end = self
            .doc
            .sections
            .first()
            .map_or(self.doc.text.len().min(3000), |s| s.heading.span.start);
        self.flat.range_of(Span::new(0, end))
    }

    /// The numeral (`"一"` …) of the section holding flat offset `at`.
    pub fn section_at(&self, at: usize) -> Option<&'static str> {
        let orig = self.flat.span(at..at + 1).start;
        self.doc
            .sections
            .iter()
            .rev()
            .find(|s| s.heading.span.start <= orig)
            .map(|s| crate::format::section(s.number).numeral)
    }

    pub fn span(&self, r: Range<usize>) -> Span {
        self.flat.span(r)
    }

    /// The user's characters of a flat range, for messages.
    pub fn quote(&self, r: Range<usize>) -> String {
        self.flat.quote(self.doc.text, r)
    }

    /// The sentences of section 一 that speak of requests for disclosure:
    /// those that say so (信息公开申请, 依申请, 公开申请, 申请公开), and every
    /// sentence of the part headed （二）依申请公开….
    pub fn request_sentences(&self) -> Vec<Range<usize>> {
        self.request_sentences.get_or_init(|| self.find_request_sentences()).clone()
    }

    /// The clauses (flat ranges) of the sentences on requests, in order, less
    /// those about something else (咨询, 信件 …): what N001 and N002 read.
    pub fn request_clauses(&self) -> &[Range<usize>] {
        self.request_clauses.get_or_init(|| {
            let text = self.text();
            self.request_sentences()
                .into_iter()
                .flat_map(|s| split(text, s, CLAUSE))
                .filter(|cl| find_any(&text[cl.clone()], NOT_REQUESTS).is_none())
                .collect()
        })
    }

    fn find_request_sentences(&self) -> Vec<Range<usize>> {
        let Some(body) = self.section(1) else { return Vec::new() };
        let t = self.text();
        let parts: Vec<Range<usize>> = subsections(t, body.clone())
            .into_iter()
            .filter(|(head, _)| head.contains("依申请") || head.contains("申请公开"))
            .map(|(_, r)| r)
            .collect();
        split(t, body, SENTENCE)
            .into_iter()
            .filter(|s| {
                let x = &t[s.clone()];
                REQUEST_WORDS.iter().any(|w| x.contains(w)) || parts.iter().any(|p| p.start <= s.start && s.end <= p.end)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_finds_leftmost_longest_in_one_pass() {
        let l = Lexicon::new(&[("予以公开", 1), ("不予以公开", 2), ("公开", 3), ("部分公开", 4)]);
        let t = "不予以公开1件,予以部分公开2件,公开";
        let got: Vec<(usize, &str, i32)> = l.find_all(t);
        assert_eq!(
            got,
            [
                (0, "不予以公开", 2),
                (t.find("部分").unwrap(), "部分公开", 4),
                (t.rfind("公开").unwrap(), "公开", 3)
            ]
        );
        assert!(l.find_all("").is_empty());
    }

    #[test]
    fn sentences_clauses_and_parts() {
        let t = "(一)主动公开。共1件。(二)依申请公开情况2023年,收到2件,办结1件。";
        let parts = subsections(t, 0..t.len());
        assert_eq!(parts.len(), 2);
        assert!(parts[1].0.starts_with("(二)依申请"));
        let c = split(t, parts[1].1.clone(), COMMA);
        assert_eq!(&t[c[1].clone()], "收到2件");
        let t = "收到3,001件,办结12,3件";
        let c: Vec<&str> = split(t, 0..t.len(), CLAUSE).into_iter().map(|r| &t[r]).collect();
        assert_eq!(c, ["收到3,001件", "办结12", "3件"]);
    }
}
