//! Reading order: PDF text extracted without positions gives a table one
//! cell a paragraph, labels apart from their figures, and sometimes a block
//! of rows column by column (a column's figures on consecutive lines). The
//! figures are taken in the template's order when their number and grouping
//! fit it: runs of single figures are read row after row; seven equal runs
//! of two or more figures are a block read column by column. Nothing else
//! (and never the sums) decides.

use crate::format::RowDef;
use crate::text::tokens::{Tok, Token};

/// The rows of figures, one row of `rows` after another, when the runs of
/// `tokens` fill exactly those rows and no row's figures are interrupted by
/// another row's label; `None` when they do not fit.
pub fn rows(tokens: &[Token], rows: &[RowDef]) -> Option<Vec<Vec<Token>>> {
    let width = rows.first()?.width;
    // More figures than the table has cells can never fit: say so before building runs.
    if tokens.iter().filter(|t| t.is_value()).nth(width * rows.len() * 4).is_some() {
        return None;
    }
    let runs = runs(tokens);
    let mut out: Vec<Vec<Token>> = Vec::new();
    let mut buffer: Vec<&Token> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let (words, run) = &runs[i];
        let k = run.len();
        let is_block = k >= 2 && buffer.is_empty() && i + width <= runs.len() && runs[i..i + width].iter().all(|r| r.1.len() == k);
        // A row's figures may be interrupted by header words (the flow of a header cell),
        // not by the label of another row: that flow mixes rows, and its order is not the
        // table's. Labels between rows may come in clumps (a label column extracted apart).
        let r = out.len();
        if !buffer.is_empty() && named_rows(words, rows).any(|j| j + 1 < r || j > r) {
            return None;
        }
        if is_block {
            let block = &runs[i..i + width];
            out.extend((0..k).map(|row| block.iter().map(|col| col.1[row].clone()).collect::<Vec<_>>()));
            i += width;
        } else {
            buffer.extend(run.iter().copied());
            let whole = buffer.len() / width * width;
            out.extend(
                buffer[..whole]
                    .chunks_exact(width)
                    .map(|c| c.iter().map(|t| (*t).clone()).collect()),
            );
            buffer.drain(..whole);
            i += 1;
        }
        if out.len() > rows.len() {
            return None;
        }
    }
    (buffer.is_empty() && out.len() == rows.len()).then_some(out)
}

/// The rows whose keys occur in `words`; 总计 is taken for the header of the
/// 总计 column, which the flow puts anywhere, not for the row （七）总计.
fn named_rows<'a>(words: &'a str, rows: &'a [RowDef]) -> impl Iterator<Item = usize> + 'a {
    rows.iter().enumerate().filter_map(move |(j, r)| {
        let named = r.keys.iter().any(|k| *k != "总计" && words.contains(k));
        named.then_some(j)
    })
}

/// Figures grouped into runs: figures one a line with no blank line or label
/// between them form one run; figures on one line form one run.
/// Each run comes with the label words (squashed) between it and the run before.
pub fn runs(tokens: &[Token]) -> Vec<(String, Vec<&Token>)> {
    let mut runs: Vec<(String, Vec<&Token>)> = Vec::new();
    let mut cur: Vec<&Token> = Vec::new();
    let mut words = String::new();
    let mut cur_words = String::new();
    let mut broken = false;
    for t in tokens {
        match &t.tok {
            Tok::Num(_) | Tok::Blank(_) => {
                if broken && !cur.is_empty() {
                    runs.push((std::mem::take(&mut cur_words), std::mem::take(&mut cur)));
                }
                if cur.is_empty() {
                    cur_words = std::mem::take(&mut words);
                }
                broken = false;
                cur.push(t);
            }
            Tok::Text(s) => {
                broken = true;
                // Only the words nearest the figures matter.
                if words.len() < 4096 {
                    words.push_str(s);
                }
            }
            Tok::Newline { blank: true } => broken = true,
            Tok::Newline { blank: false } | Tok::Tab => {}
        }
    }
    if !cur.is_empty() {
        runs.push((cur_words, cur));
    }
    runs
}

/// Table 四's fifteen figures in order, when the text fixes their order:
/// one run (nothing but 总计 between them), or three runs of five, or
/// fifteen single figures with no label between them.
pub fn review(tokens: &[Token]) -> Result<Vec<Token>, String> {
    let values: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
    if values.len() != 15 {
        return Err(format!("应有 15 个数字，读到 {} 个", values.len()));
    }
    // Runs of figures separated by label words (总计 is part of the run).
    let mut parts: Vec<usize> = vec![0];
    let mut words_between = false;
    for t in tokens {
        match &t.tok {
            Tok::Num(_) | Tok::Blank(_) => {
                if words_between && parts.last().is_some_and(|n| *n > 0) {
                    parts.push(0);
                }
                words_between = false;
                if let Some(n) = parts.last_mut() {
                    *n += 1;
                }
            }
            Tok::Text(s) if s != "总计" => words_between = true,
            _ => {}
        }
    }
    let fits = parts.len() == 1 || parts.iter().all(|&n| n == 5);
    if fits {
        Ok(values.into_iter().cloned().collect())
    } else {
        let sizes: Vec<String> = parts.iter().map(|n| n.to_string()).collect();
        Err(format!(
            "十五个数字被表头文字隔成 {} 段（各段 {} 个；PDF 按阅读顺序提取），无法确定每个数字所在的列",
            parts.len(),
            sizes.join("、")
        ))
    }
}
