//! Stage 1: normalisation. Every later stage reads the user's text through
//! [`fold`], one character at a time, so every token keeps the byte span of
//! the user's own characters: the way back is never lost.
//!
//! [`Normalized`] is the folded text as one string, with a sparse offset map
//! back to the user's text, for stages that search whole phrases.

pub mod numbers;
mod span;
pub mod tokens;

pub use span::Span;

/// Folds one character to its canonical form: full-width ASCII to ASCII,
/// ideographic and no-break spaces to a space, the variants of brackets,
/// colons, dots and dashes seen in reports to one form each.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\r' | '\u{FEFF}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '\u{2014}' | '\u{2015}' | '\u{2013}' | '\u{2212}' | '\u{2500}' => '—',
        _ => c,
    }
}

/// True for the characters that separate words inside a line (not tabs, which
/// separate cells, nor line breaks).
pub fn is_space(c: char) -> bool {
    matches!(fold(c), ' ')
}

/// The folded form of `s` with all whitespace removed: what labels are compared by.
pub fn squash(s: &str) -> String {
    s.chars().map(fold).filter(|c| !c.is_whitespace()).collect()
}

/// The folded text with a map back to the user's byte offsets.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `(normalised byte offset, original byte offset)` at every point where
    /// the two stop advancing together; sorted.
    checkpoints: Vec<(usize, usize)>,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut checkpoints = Vec::new();
        for (i, c) in original.char_indices() {
            let f = fold(c);
            if f.len_utf8() != c.len_utf8() {
                text.push(f);
                checkpoints.push((text.len(), i + c.len_utf8()));
            } else {
                text.push(f);
            }
        }
        Normalized { text, checkpoints }
    }

    /// The byte offset in the user's text of a byte offset in the folded text.
    pub fn to_original(&self, norm: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(n, _)| n <= norm);
        if i == 0 {
            norm
        } else {
            let (n, o) = self.checkpoints[i - 1];
            o + (norm - n)
        }
    }

    /// The byte offset in the folded text of a byte offset in the user's text.
    pub fn to_normalized(&self, orig: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(_, o)| o <= orig);
        if i == 0 {
            orig
        } else {
            let (n, o) = self.checkpoints[i - 1];
            n + (orig - o)
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.to_original(start), self.to_original(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_full_width() {
        assert_eq!(squash("（一） 予以 公开：１２"), "(一)予以公开:12");
    }

    #[test]
    fn normalized_maps_back() {
        let s = "共收到１１件（一）";
        let n = Normalized::new(s);
        assert_eq!(n.text, "共收到11件(一)");
        let at = n.text.find("11").unwrap();
        let span = n.span(at, at + 2);
        assert_eq!(&s[span.start..span.end], "１１");
        let p = n.text.find("(一)").unwrap();
        let span = n.span(p, p + "(一)".len());
        assert_eq!(&s[span.start..span.end], "（一）");
    }
}
