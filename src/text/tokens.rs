//! Turns a stretch of the user's text into tokens (words, numbers, blank
//! markers, cell and line breaks), each with the byte span of the user's
//! characters it came from. Tables are read from these tokens.

use std::borrow::Cow;

use super::numbers::{scan_digits, Digits};
use super::{fold, is_page_number};
use crate::text::Span;

/// The text of a token borrows the user's text where folding leaves it as it stands (the usual
/// case): no string made for it, none when the token is copied.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'t> {
    /// A run of label text (folded, no whitespace).
    Text(Cow<'t, str>),
    /// A run of digits, possibly with a decimal part (`2843.38`).
    Num(Cow<'t, str>),
    /// A cell written as empty on purpose: `/`, `—`, `-`, `无`.
    Blank(Cow<'t, str>),
    /// A tab: a cell boundary in text copied from a web page or Word.
    Tab,
    /// A line break; `blank` when the line it ends was empty.
    Newline { blank: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token<'t> {
    pub tok: Tok<'t>,
    pub span: Span,
}

impl Token<'_> {
    pub fn is_num(&self) -> bool {
        matches!(self.tok, Tok::Num(_))
    }
    pub fn is_value(&self) -> bool {
        matches!(self.tok, Tok::Num(_) | Tok::Blank(_))
    }
    pub fn text(&self) -> Option<&str> {
        match &self.tok {
            Tok::Text(s) => Some(s),
            _ => None,
        }
    }
}

fn is_blank_marker(s: &str) -> bool {
    matches!(s, "/" | "—" | "——" | "-" | "--" | "无" | "\\")
}

/// Tokenise `text[range]`. Offsets in the tokens are offsets in `text`.
pub fn tokenize(text: &str, range: Span) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut line_start = range.start;
    let region = &text[range.start..range.end];
    let mut prev_blank = false;
    // Each line's characters, folded, with their offsets: one buffer for every line.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for line in region.split_inclusive('\n') {
        let has_nl = line.as_bytes().last() == Some(&b'\n');
        let body = if has_nl { &line[..line.len() - 1] } else { line };
        let blank = body.trim().is_empty();
        if !blank && !is_page_number(body) {
            chars.clear();
            chars.extend(body.char_indices().map(|(i, c)| (i, fold(c))));
            tokenize_line(line_start, body, &chars, &mut out);
        }
        if has_nl {
            out.push(Token {
                tok: Tok::Newline { blank },
                span: Span::new(line_start + body.len(), line_start + body.len() + 1),
            });
        }
        prev_blank = blank;
        line_start += line.len();
    }
    let _ = prev_blank;
    out
}

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Space,
    Tab,
    Digit,
    Other,
}

fn class(c: char) -> Class {
    match c {
        // A tab, or the bar of a Markdown table, separates cells.
        '\t' | '|' => Class::Tab,
        c if c.is_whitespace() => Class::Space,
        c if c.is_ascii_digit() => Class::Digit,
        _ => Class::Other,
    }
}

/// The tokens of one line (`chars`: its characters folded, with their offsets in `line`).
fn tokenize_line<'t>(base: usize, line: &'t str, chars: &[(usize, char)], out: &mut Vec<Token<'t>>) {
    let end_of = |k: usize| -> usize {
        if k < chars.len() {
            chars[k].0
        } else {
            line.len()
        }
    };
    let mut i = 0;
    let mut text_start: Option<usize> = None; // char index where a Text run began
    let flush_text = |from: Option<usize>, to: usize, out: &mut Vec<Token<'t>>| {
        if let Some(from) = from {
            let s = as_folded(&line[chars[from].0..end_of(to)], chars[from..to].iter().map(|&(_, c)| c));
            let span = Span::new(base + chars[from].0, base + end_of(to));
            let tok = if is_blank_marker(&s) { Tok::Blank(s) } else { Tok::Text(s) };
            out.push(Token { tok, span });
        }
    };
    while i < chars.len() {
        let c = chars[i].1;
        if c == '<' {
            if let Some((len, m)) = markup(&chars[i..]) {
                flush_text(text_start.take(), i, out);
                let span = Span::new(base + chars[i].0, base + end_of(i + len));
                match m {
                    Markup::Cell => out.push(Token { tok: Tok::Tab, span }),
                    // A row ends and another starts on the same line: a table written on one line.
                    Markup::Row if starts_cell_later(&chars[i + len..]) => out.push(Token {
                        tok: Tok::Newline { blank: false },
                        span,
                    }),
                    Markup::Row | Markup::Space => {}
                }
                i += len;
                continue;
            }
        }
        match class(c) {
            Class::Tab | Class::Space => {
                flush_text(text_start.take(), i, out);
                if class(c) == Class::Tab {
                    out.push(Token {
                        tok: Tok::Tab,
                        span: Span::new(base + chars[i].0, base + end_of(i + 1)),
                    });
                }
                i += 1;
            }
            Class::Digit => {
                // A digit run glued to the end of a word is part of the word
                // (e.g. 第1项) unless the word is only punctuation.
                let Digits { int_end: j, end: k } = scan_digits(chars, i);
                let ordinal = k == j
                    && j < chars.len()
                    && matches!(chars[j].1, '.' | '、' | ',')
                    && chars.get(j + 1).is_none_or(|&(_, n)| !n.is_ascii_digit());
                if ordinal {
                    // The last digit starts a label (3.其他); digits before it
                    // are a value glued to it (00000003.危及…).
                    if j - 1 > i {
                        flush_text(text_start.take(), i, out);
                        push_num(line, chars, base, i, j - 1, &end_of, out);
                    } else if text_start.is_some() {
                        flush_text(text_start.take(), i, out);
                    }
                    text_start = Some(j - 1);
                    i = j + 1;
                    continue;
                }
                flush_text(text_start.take(), i, out);
                push_num(line, chars, base, i, k, &end_of, out);
                i = k;
            }
            Class::Other
                if text_start.is_none()
                    && matches!(c, '-' | '+' | '−')
                    && chars.get(i + 1).is_some_and(|&(_, n)| n.is_ascii_digit())
                    && (i == 0 || class(chars[i - 1].1) != Class::Other) =>
            {
                // A signed figure (-2, +3): the sign belongs to the number.
                let mut k = i + 1;
                while k < chars.len() && chars[k].1.is_ascii_digit() {
                    k += 1;
                }
                push_num(line, chars, base, i, k, &end_of, out);
                i = k;
            }
            Class::Other => {
                if text_start.is_none() {
                    text_start = Some(i);
                }
                i += 1;
            }
        }
    }
    flush_text(text_start.take(), chars.len(), out);
}

/// What an HTML tag in text stands for (a converter's Markdown with HTML
/// tables in it): `<td>`/`<th>` start a cell, `</tr>` ends a row, `<br>` and
/// the other table and inline tags are spaces.
enum Markup {
    Cell,
    Row,
    Space,
}

/// The tag at `chars[0]` (a `<`), if it is one of [`Markup`]'s: its length in
/// characters and what it stands for.
fn markup(chars: &[(usize, char)]) -> Option<(usize, Markup)> {
    let close = chars.get(1).is_some_and(|c| c.1 == '/');
    let from = 1 + usize::from(close);
    let name_len = chars[from..].iter().take_while(|c| c.1.is_ascii_alphanumeric()).count();
    let name: String = chars[from..from + name_len].iter().map(|c| c.1.to_ascii_lowercase()).collect();
    // The tag ends at the first `>`, within a short distance and before any other `<`.
    let rest = &chars[from + name_len..];
    let end = rest.iter().take(200).position(|c| matches!(c.1, '>' | '<'))?;
    if name_len == 0 || rest[end].1 != '>' {
        return None;
    }
    let m = match (name.as_str(), close) {
        ("td" | "th", false) => Markup::Cell,
        ("tr", true) => Markup::Row,
        (
            "td" | "th" | "tr" | "table" | "tbody" | "thead" | "tfoot" | "caption" | "colgroup" | "col" | "br" | "p" | "div" | "span" | "b"
            | "strong" | "font",
            _,
        ) => Markup::Space,
        _ => return None,
    };
    Some((from + name_len + end + 1, m))
}

/// Whether a `<td` or `<th` follows on the line.
fn starts_cell_later(chars: &[(usize, char)]) -> bool {
    chars
        .windows(3)
        .any(|w| w[0].1 == '<' && w[1].1.eq_ignore_ascii_case(&'t') && matches!(w[2].1.to_ascii_lowercase(), 'd' | 'h'))
}

/// `orig` (the user's characters) when they are the `folded` ones as they stand, else these.
fn as_folded(orig: &str, folded: impl Iterator<Item = char> + Clone) -> Cow<'_, str> {
    if orig.chars().eq(folded.clone()) {
        Cow::Borrowed(orig)
    } else {
        Cow::Owned(folded.collect())
    }
}

fn push_num<'t>(
    line: &'t str,
    chars: &[(usize, char)],
    base: usize,
    from: usize,
    to: usize,
    end_of: &dyn Fn(usize) -> usize,
    out: &mut Vec<Token<'t>>,
) {
    // The digits less any thousands separators (as `numbers::digits_text`).
    let digits = chars[from..to].iter().map(|&(_, c)| c).filter(|&c| c != ',');
    out.push(Token {
        tok: Tok::Num(as_folded(&line[chars[from].0..end_of(to)], digits)),
        span: Span::new(base + chars[from].0, base + end_of(to)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok<'_>> {
        tokenize(s, Span::new(0, s.len())).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn row_with_ordinal_and_values() {
        assert_eq!(
            toks("3.其他 0 ２ /"),
            vec![
                Tok::Text("3.其他".into()),
                Tok::Num("0".into()),
                Tok::Num("2".into()),
                Tok::Blank("/".into())
            ]
        );
    }

    #[test]
    fn glued_values_and_ordinal() {
        assert_eq!(
            toks("禁止公开00000003.危及"),
            vec![Tok::Text("禁止公开".into()), Tok::Num("0000000".into()), Tok::Text("3.危及".into())]
        );
    }

    #[test]
    fn decimals_tabs_and_page_numbers() {
        assert_eq!(
            toks("收费\t2843.38\n-3-\n"),
            vec![
                Tok::Text("收费".into()),
                Tok::Tab,
                Tok::Num("2843.38".into()),
                Tok::Newline { blank: false },
                Tok::Newline { blank: false }
            ]
        );
    }

    #[test]
    fn signed_figures_and_page_dashes() {
        assert_eq!(
            toks("行政许可 12 -2 10"),
            vec![
                Tok::Text("行政许可".into()),
                Tok::Num("12".into()),
                Tok::Num("-2".into()),
                Tok::Num("10".into())
            ]
        );
        assert_eq!(toks("- 0"), vec![Tok::Blank("-".into()), Tok::Num("0".into())]);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(
            toks("3,001 53 1,234,567.5"),
            vec![Tok::Num("3001".into()), Tok::Num("53".into()), Tok::Num("1234567.5".into())]
        );
        // Not a separator: a comma between figures, or a longer run.
        assert_eq!(
            toks("12,3"),
            vec![Tok::Num("12".into()), Tok::Text(",".into()), Tok::Num("3".into())]
        );
        assert_eq!(
            toks("1234,567"),
            vec![Tok::Num("1234".into()), Tok::Text(",".into()), Tok::Num("567".into())]
        );
    }

    #[test]
    fn markdown_bars_separate_cells() {
        assert_eq!(
            toks("| 重复申请 | 0 |"),
            vec![Tok::Tab, Tok::Text("重复申请".into()), Tok::Tab, Tok::Num("0".into()), Tok::Tab]
        );
    }

    #[test]
    fn html_table_markup_separates_cells_and_rows() {
        // One row a line, and a whole table on one line (a converter's output).
        assert_eq!(
            toks("<tr><td>重复<br>申请</td><td>0</td></tr>"),
            vec![
                Tok::Tab,
                Tok::Text("重复".into()),
                Tok::Text("申请".into()),
                Tok::Tab,
                Tok::Num("0".into())
            ]
        );
        assert_eq!(
            toks("<table><tr><TD class=\"x\">其他</td><td>1</td></tr><tr><td>总计</td><td>2</td></tr></table>"),
            vec![
                Tok::Tab,
                Tok::Text("其他".into()),
                Tok::Tab,
                Tok::Num("1".into()),
                Tok::Newline { blank: false },
                Tok::Tab,
                Tok::Text("总计".into()),
                Tok::Tab,
                Tok::Num("2".into())
            ]
        );
        // Not markup: a comparison, an unknown tag.
        assert_eq!(toks("a<b"), vec![Tok::Text("a<b".into())]);
        assert_eq!(toks("<x>"), vec![Tok::Text("<x>".into())]);
    }

    #[test]
    fn spans_point_at_user_text() {
        let s = "行政许可　３９０７";
        let t = tokenize(s, Span::new(0, s.len()));
        assert_eq!(&s[t[1].span.start..t[1].span.end], "３９０７");
    }
}
