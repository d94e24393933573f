//! Stage 1: normalisation. Every later stage reads the user's text through
//! [`fold`], one character at a time, so every token keeps the byte span of
//! the user's own characters: the way back is never lost.
//!
//! [`Folded`] is the folded text as one string, with a sparse offset map
//! back to the user's text, for stages that search whole phrases.

mod folded;
pub mod numbers;
mod span;
pub mod tokens;

pub use folded::Folded;
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

/// The length in bytes of the UTF-8 character that starts with byte `lead`.
pub fn char_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The folded form of `s` with all whitespace removed: what labels are compared by.
pub fn squash(s: &str) -> String {
    s.chars().map(fold).filter(|c| !c.is_whitespace()).collect()
}

/// True for a line that is only a page number such as `-3-` or `— 3 —`:
/// dashes, digits, dashes (whitespace ignored). The table reader and the
/// prose both leave such lines out; a lone `-2` is a figure, not a page.
/// Runs on every line, so it allocates nothing and stops at the first other
/// character.
pub fn is_page_number(line: &str) -> bool {
    let (mut stage, mut lead, mut digits, mut trail) = (0u8, 0usize, 0usize, 0usize);
    for c in line.chars().map(fold) {
        if c.is_whitespace() {
            continue;
        }
        let dash = c == '-' || c == '—';
        match stage {
            0 if dash => lead += 1,
            // No dash before the first figure: not a page number (most lines end here).
            0 if lead == 0 => return false,
            0 | 1 if c.is_ascii_digit() => {
                stage = 1;
                digits += 1;
            }
            1 | 2 if dash => {
                stage = 2;
                trail += 1;
            }
            _ => return false,
        }
    }
    lead > 0 && digits > 0 && trail > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_full_width() {
        assert_eq!(squash("（一） 予以 公开：１２"), "(一)予以公开:12");
    }

    #[test]
    fn page_numbers() {
        for line in ["-3-", "— 3 —", "  - 12 -\n", "－３－", "—1—"] {
            assert!(is_page_number(line), "{line:?}");
        }
        for line in ["-2", "3-", "12", "- -", "第3页", "-3-件", ""] {
            assert!(!is_page_number(line), "{line:?}");
        }
    }
}
