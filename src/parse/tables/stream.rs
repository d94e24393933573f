//! Reading order: PDF text extracted without positions gives a table one
//! cell a paragraph, labels apart from their figures, and sometimes a block
//! of rows column by column (a column's figures on consecutive lines). The
//! figures are taken in the template's order when their number and grouping
//! fit it: runs of single figures are read row after row; seven equal runs
//! of two or more figures are a block read column by column. Nothing else
//! (and never the sums) decides.

use super::keys::Keys;
use crate::format::RowDef;
use crate::text::tokens::{Tok, Token};

/// The rows of figures, one row of `rows` after another, when the runs of
/// `tokens` fill exactly those rows and no row's figures are interrupted by
/// another row's label; `None` when they do not fit.
pub fn rows<'t>(tokens: &[Token<'t>], rows: &[RowDef]) -> Option<Vec<Vec<Token<'t>>>> {
    let width = rows.first()?.width;
    // More figures than the table has cells can never fit: say so before building runs.
    if tokens.iter().filter(|t| t.is_value()).nth(width * rows.len() * 4).is_some() {
        return None;
    }
    let runs = runs(tokens);
    let keys = Keys::new(rows);
    let mut out: Vec<Vec<Token<'t>>> = Vec::new();
    let mut buffer: Vec<&Token> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let (words, run) = &runs[i];
        let k = run.len();
        let is_block = k >= 2 && buffer.is_empty() && i + width <= runs.len() && runs[i..i + width].iter().all(|r| r.1.len() == k);
        // A row's figures may be interrupted by header words (the flow of a header cell),
        // not by a row's label: another row's mixes rows, and the row's own amid its figures
        // (a wrapped label aligned to the cell's foot: 2 0 0 0 0 6 / 四、结转… 4) puts them out
        // of the table's order. Labels between rows may come in clumps (a label column
        // extracted apart).
        let r = out.len();
        if !buffer.is_empty() && named_rows(&keys, &keys.first_offsets(words)).any(|j| j + 1 < r || j >= r) {
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

/// The row of each key that occurs in the words (`first`: each key's first
/// offset there, [`Keys::first_offsets`]), a row once a key; 总计 is taken for
/// the header of the 总计 column, which the flow puts anywhere, not for the
/// row （七）总计.
fn named_rows<'k>(keys: &'k Keys, first: &'k [Option<usize>]) -> impl Iterator<Item = usize> + 'k {
    keys.keys
        .iter()
        .zip(first)
        .filter(|(&(k, _), at)| at.is_some() && k != "总计")
        .map(|(&(_, r), _)| r)
}

/// Figures grouped into runs: figures one a line with no blank line or label
/// between them form one run; figures on one line form one run.
/// Each run comes with the label words (squashed) between it and the run before.
pub fn runs<'a, 't>(tokens: &'a [Token<'t>]) -> Vec<(String, Vec<&'a Token<'t>>)> {
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
pub fn review<'t>(tokens: &[Token<'t>]) -> Result<Vec<Token<'t>>, String> {
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

/// Rows read under their own labels, where the whole table does not fit the
/// reading order (see [`rows`]).
///
/// PDF text in reading order (pdftotext without layout) puts each cell of a
/// table in a paragraph of its own and takes the cells of a detected table
/// row by row, left to right; but the label cells often come apart, as one
/// clump naming several rows, followed by those rows' figures. So a clump of
/// words that names rows `i..=j` of the template, each once in the table and
/// in order, fixes the figures right after it as those rows' figures when
///
/// - every figure stands alone in its paragraph, the first one too (a
///   paragraph of several figures is a line of a row or a column of a block;
///   a figure in the paragraph of a word sits in that word's cell: the header
///   cells merged with the first row's figures come in any order);
/// - nothing but empty lines stands between them (any word ends the run);
/// - they are exactly as many as the rows' cells;
///
/// and the row-by-row order then places every one. A row named in two
/// clumps, a clump whose rows skip or go back, a count one off: the rows
/// stay unread. Never the sums.
///
/// Returns, for each row of `rows`, its figures when a clump fixes them.
pub fn labelled<'a, 't>(tokens: &'a [Token<'t>], rows: &[RowDef]) -> Vec<Option<Vec<&'a Token<'t>>>> {
    let mut out: Vec<Option<Vec<&Token>>> = vec![None; rows.len()];
    // More figures than the table has cells four times over: not a table to read so.
    let cells: usize = rows.iter().map(|r| r.width).sum();
    if tokens.iter().filter(|t| t.is_value()).nth(cells * 4).is_some() {
        return out;
    }
    struct Clump<'a, 't> {
        rows: Vec<usize>,
        figures: Vec<&'a Token<'t>>,
        alone: bool,
    }
    let keys = Keys::new(rows);
    let mut clumps: Vec<Clump> = Vec::new();
    let mut open = false;
    let mut named = vec![0usize; rows.len()];
    let mut words = String::new();
    // An empty line since the last word or figure: the next figure starts a paragraph.
    let mut paragraph = true;
    for t in tokens {
        match &t.tok {
            Tok::Text(s) => {
                if words.len() < 4096 {
                    words.push_str(s);
                }
                paragraph = false;
            }
            Tok::Newline { blank: true } => paragraph = true,
            Tok::Newline { blank: false } => {}
            Tok::Tab => open = false,
            Tok::Num(_) | Tok::Blank(_) => {
                if !words.is_empty() {
                    let here = rows_in_order(&words, &keys, rows.len());
                    words.clear();
                    open = !here.is_empty();
                    if open {
                        for &j in &here {
                            named[j] += 1;
                        }
                        clumps.push(Clump {
                            rows: here,
                            figures: Vec::new(),
                            alone: true,
                        });
                    }
                }
                if let Some(c) = clumps.last_mut().filter(|_| open) {
                    c.alone &= paragraph;
                    c.figures.push(t);
                }
                paragraph = false;
            }
        }
    }
    for c in clumps {
        let consecutive = c.rows.windows(2).all(|w| w[1] == w[0] + 1);
        let once = c.rows.iter().all(|&j| named[j] == 1);
        let want: usize = c.rows.iter().map(|&j| rows[j].width).sum();
        if !(consecutive && once && c.alone && c.figures.len() == want) {
            continue;
        }
        let mut it = c.figures.into_iter();
        for &j in &c.rows {
            out[j] = Some(it.by_ref().take(rows[j].width).collect());
        }
    }
    out
}

/// The rows whose labels `words` hold, in the order the labels come.
fn rows_in_order(words: &str, keys: &Keys, n: usize) -> Vec<usize> {
    let first = keys.first_offsets(words);
    let mut named = vec![false; n];
    for j in named_rows(keys, &first) {
        named[j] = true;
    }
    let mut at: Vec<(usize, usize)> = Vec::new();
    for j in (0..n).filter(|&j| named[j]) {
        let earliest = keys
            .keys
            .iter()
            .zip(&first)
            .filter(|((_, r), _)| *r == j)
            .filter_map(|(_, p)| *p)
            .min();
        let Some(p) = earliest else { continue };
        at.push((p, j));
    }
    crate::sort::insertion_sort(&mut at, |a, b| a < b);
    at.into_iter().map(|(_, j)| j).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::TABLE_B;
    use crate::text::tokens::tokenize;
    use crate::text::Span;

    /// Figures one a paragraph, as pdftotext without layout gives a table's cells.
    fn cells(figures: &[&str]) -> String {
        figures.iter().map(|f| format!("{f}\n\n")).collect()
    }

    fn read(text: &str) -> Vec<Option<Vec<String>>> {
        let toks = tokenize(text, Span::new(0, text.len()));
        labelled(&toks, TABLE_B.rows)
            .into_iter()
            .map(|r| r.map(|v| v.iter().map(|t| digit(t)).collect()))
            .collect()
    }

    fn digit(t: &Token) -> String {
        match &t.tok {
            Tok::Num(s) => s.to_string(),
            _ => String::new(),
        }
    }

    const SEVEN: [&str; 7] = ["1", "2", "3", "4", "5", "6", "7"];
    const FOURTEEN: [&str; 14] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"];

    #[test]
    fn a_clump_of_labels_fixes_the_rows_after_it() {
        // Seed 001 through Word → PDF → pdftotext: the labels of 二 and of the group
        // 三 over row 二's figures, then the labels of 1. and 2. of （三） over their
        // fourteen figures.
        let text = format!(
            "量\n二、上\n年结转\n三、本\n年度办\n理结果\n\n{}(三) 不\n予公开\n\n1.属于\n国家秘\n密\n2.其他\n法律行\n政法规\n禁止公\n开\n\n{}(四) 无\n法提供\n",
            cells(&SEVEN),
            cells(&FOURTEEN)
        );
        let r = read(&text);
        let s = |v: &[&str]| Some(v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(r[1], s(&SEVEN));
        assert_eq!(r[4], s(&FOURTEEN[..7]));
        assert_eq!(r[5], s(&FOURTEEN[7..]));
        assert_eq!(r.iter().filter(|x| x.is_some()).count(), 3);
    }

    #[test]
    fn figures_among_the_header_cells_are_not_placed() {
        // Seed 003: the header cells merged with row 一's figures come in any order
        // (科研机构 0, 社会公益组织 0, 法律服务机构 0, 其他, 0, 法人或其他组织 商业企业 0, 0, 0).
        let text = format!(
            "一、本年新收政府信息公开申请数量\n\n自然人\n\n科研机\n构 1\n\n社会公\n益组织 2\n\n法律服\n务机构 3\n\n其他\n\n4\n\n法人或\n其他组\n织 商业企\n业 5\n\n{}",
            cells(&["6", "7"])
        );
        assert!(read(&text).iter().all(Option::is_none));
    }

    #[test]
    fn a_count_one_off_leaves_the_rows_unread() {
        let text = format!("1.属于国家秘密\n2.其他法律行政法规禁止公开\n\n{}", cells(&FOURTEEN[..13]));
        assert!(read(&text).iter().all(Option::is_none));
        let text = format!("1.属于国家秘密\n2.其他法律行政法规禁止公开\n\n{}9\n", cells(&FOURTEEN));
        assert!(read(&text).iter().all(Option::is_none));
    }

    #[test]
    fn figures_sharing_a_paragraph_are_another_shape() {
        // Seven paragraphs of two figures: a block read column by column, not row by row.
        let block: String = (0..7).map(|c| format!("{}\n{}\n\n", c, c + 10)).collect();
        let text = format!("1.属于国家秘密\n2.其他法律行政法规禁止公开\n\n{block}");
        assert!(read(&text).iter().all(Option::is_none));
    }

    #[test]
    fn rows_named_twice_or_out_of_order_are_not_read() {
        let text = format!(
            "1.属于国家秘密\n\n{}2.其他法律行政法规禁止公开\n1.属于国家秘密\n\n{}",
            cells(&SEVEN),
            cells(&SEVEN)
        );
        assert!(read(&text).iter().all(Option::is_none));
        let text = format!("2.其他法律行政法规禁止公开\n1.属于国家秘密\n\n{}", cells(&FOURTEEN));
        assert!(read(&text).iter().all(Option::is_none));
    }

    #[test]
    fn words_end_the_rows_figures() {
        // The tail of a label the keys do not know ends the figures: those after it are no row's.
        let text = format!(
            "1.属于国家秘密\n\n{}情形,不计其\n他情形)\n\n{}",
            cells(&SEVEN[..3]),
            cells(&SEVEN[3..])
        );
        assert!(read(&text).iter().all(Option::is_none));
        // A figure in the paragraph of the label is in the label's cell, or another row's.
        let text = format!("1.属于国家秘密 1\n\n{}", cells(&SEVEN[1..]));
        assert!(read(&text).iter().all(Option::is_none));
    }
}
