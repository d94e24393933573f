//! Wording (W001): the standard labels of the tables must read as the
//! standard text. The list of known departures is data, in
//! `crate::format::wording`.

use super::{Check, Context, Rule};
use crate::finding::{Finding, Severity};
use crate::format::wording::{HEADING_OPTIONAL, HEADING_RUN_ON, HEADING_SAME, WORDINGS};
use crate::parse::Section;
use crate::prose::{self};
use crate::text::{fold, squash, Span};

/// A heading's words as compared, each with the offset just after it in the
/// text (`base` is the offset of `s`): folded, letters only (no punctuation
/// or spaces), the optional words left out and words written for one another
/// made one. One pass over the characters.
fn heading_words(s: &str, base: usize) -> Vec<(char, usize)> {
    let letters: Vec<(char, usize)> = s
        .char_indices()
        .map(|(i, c)| (fold(c), base + i + c.len_utf8()))
        .filter(|x| x.0.is_alphanumeric())
        .collect();
    let starts = |k: usize, w: &str| {
        let mut it = letters[k..].iter();
        w.chars().all(|c| it.next().is_some_and(|x| x.0 == c))
    };
    // The first characters of those words: a letter that is none of them starts none.
    let firsts: Vec<char> = HEADING_OPTIONAL
        .iter()
        .chain(HEADING_SAME.iter().map(|(a, _)| a))
        .filter_map(|w| w.chars().next())
        .collect();
    let mut out = Vec::with_capacity(letters.len());
    let mut k = 0;
    'next: while k < letters.len() {
        if !firsts.contains(&letters[k].0) {
            out.push(letters[k]);
            k += 1;
            continue;
        }
        for w in HEADING_OPTIONAL {
            if starts(k, w) {
                k += w.chars().count();
                continue 'next;
            }
        }
        for (a, b) in HEADING_SAME {
            if starts(k, a) {
                k += a.chars().count();
                out.extend(b.chars().map(|c| (c, letters[k - 1].1)));
                continue 'next;
            }
        }
        out.push(letters[k]);
        k += 1;
    }
    out
}

/// The edit distance (insertions, deletions and substitutions of one
/// character) from each prefix of `a`, of 0 to `a.len()` characters, to `b`.
fn prefix_distances(a: &[char], b: &[char]) -> Vec<usize> {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    let mut out = Vec::with_capacity(a.len() + 1);
    out.push(b.len());
    for (i, &x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
        out.push(prev[b.len()]);
    }
    out
}

/// Whether `s` is nothing but the header words of section `section`'s
/// tables (their column labels and row labels), at least one of them.
fn header_words_only(section: u8, s: &str) -> bool {
    use crate::format::{TABLE_A, TABLE_A_2019, TABLE_B, TABLE_B_2019, TABLE_C};
    let mut words: Vec<&str> = Vec::new();
    for t in [&TABLE_A, &TABLE_A_2019, &TABLE_B, &TABLE_B_2019, &TABLE_C]
        .into_iter()
        .filter(|t| t.section == section)
    {
        words.extend(t.columns.iter().copied());
        for r in t.rows {
            words.extend(r.label.split('·'));
            words.extend(r.keys.iter().copied());
        }
    }
    let mut rest: String = s.chars().map(fold).filter(|c| !c.is_whitespace()).collect();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(w) = words
            .iter()
            .filter(|w| !w.is_empty() && rest.starts_with(**w))
            .max_by_key(|w| w.len())
        else {
            return false;
        };
        rest.drain(..w.len());
    }
    true
}

/// W001 on a section heading whose words differ from the standard heading's
/// (by edit distance, after `heading_words`). Where the heading ends is
/// read from the text: at the end of its line, or, where a sentence runs on
/// after it on the same line, at the punctuation that ends it; in text
/// without line breaks (the heading cut after the standard's length) at the
/// end, at most `HEADING_RUN_ON` characters further, after the standard's
/// last word if one is there, that makes it nearest the standard.
fn heading_departs(text: &str, sec: &Section) -> Option<Finding> {
    let def = crate::format::section(sec.number);
    let standard: Vec<char> = heading_words(def.heading, 0).into_iter().map(|x| x.0).collect();
    let span = sec.heading.span;
    // After the numeral.
    let from = span.start + text[span.start..].chars().next()?.len_utf8();
    let line_end = text[span.start..].find('\n').map_or(text.len(), |i| span.start + i);
    let run_on = !text[span.end.min(line_end)..line_end].trim().is_empty() && span.end < line_end;
    let until = if run_on {
        prose::ahead(text, span.end, HEADING_RUN_ON).min(line_end)
    } else {
        line_end
    };
    let words = heading_words(&text[from..until], from);
    let chars: Vec<char> = words.iter().map(|x| x.0).collect();
    let distances = prefix_distances(&chars, &standard);
    // Where the heading may end: (its words, the offset).
    let ends: Vec<(usize, usize)> = if run_on {
        words.iter().enumerate().map(|(k, w)| (k + 1, w.1)).collect()
    } else {
        let mut ends: Vec<(usize, usize)> = text[from..line_end]
            .char_indices()
            .filter(|&(_, c)| matches!(fold(c), '。' | ':' | ';' | '(' | '!' | ','))
            .map(|(i, _)| (words.partition_point(|w| w.1 <= from + i), from + i))
            .collect();
        ends.push((words.len(), line_end));
        // A whole standard heading followed on its line only by its table's header words
        // (行政复议 行政诉讼: the header cells a PDF's layout puts beside the heading).
        let last = &standard[standard.len().saturating_sub(2)..];
        if let Some(k) = (1..=words.len()).rev().find(|&k| chars[..k].ends_with(last)) {
            if header_words_only(sec.number, &text[words[k - 1].1..line_end]) {
                ends.push((k, words[k - 1].1));
            }
        }
        ends
    };
    // The nearest reading, of those as near the longest. Where the text runs
    // on: an end after the standard's last word (情况, 事项) first, and an end
    // before a break (a space, a bracket, a figure: （一）, 2023年) counts
    // one nearer.
    let last = &standard[standard.len().saturating_sub(2)..];
    let (_, _, d, end) = ends
        .into_iter()
        .map(|(k, e)| {
            let d = distances[k];
            let at_break = text[e..].starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit() || matches!(fold(c), '('));
            (run_on && !chars[..k].ends_with(last), d + usize::from(run_on && !at_break), d, e)
        })
        .min_by_key(|&(other_end, near, _, e)| (other_end, near, usize::MAX - e))?;
    if d == 0 {
        return None;
    }
    let found = squash(text[span.start..end].trim_end());
    let expected = format!("{}、{}", def.numeral, def.heading);
    let msg = format!("第{}部分的标题写作“{found}”，标准标题为“{expected}”", def.numeral);
    Some(
        W001.finding(msg, Span::new(span.start, span.start + text[span.start..end].trim_end().len()))
            .in_section(def.numeral)
            .expected_found(expected, found),
    )
}

fn w001(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let p = &cx.prose;
    let text = p.text();
    let mut out = Vec::new();
    let active_layout = doc.tables.active.as_ref().map(|t| t.def.layout);
    for w in WORDINGS {
        if w.layout.is_some() && w.layout != active_layout {
            continue;
        }
        let found = squash(w.found);
        for &number in w.sections {
            let Some(body) = p.section(number) else { continue };
            for at in prose::find_all(text, body, &found) {
                if w.unless_after.is_some_and(|c| text[..at].ends_with(c)) {
                    continue;
                }
                let mut r = at..at + found.len();
                let mut standard = w.standard.to_string();
                // 二十条第（: quote the whole heading, 二十条第（一）项.
                if found.ends_with('(') {
                    let rest = &text[r.end..];
                    if let Some(close) = rest.find(")项").filter(|&c| c <= 6) {
                        let tail = &rest[..close + ")项".len()];
                        standard.push_str(&tail.replace(')', "）"));
                        r.end += tail.len();
                    }
                }
                // A row label is a label only where its figures follow (prose may say 规范性文件).
                if w.layout.is_some() && !text[r.end..].trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                let quote = p.quote(r.clone());
                let msg = format!("{}写作“{}”，标准文本为“{}”", w.label, quote, standard);
                out.push(
                    W001.finding(msg, p.span(r))
                        .in_section(crate::format::section(number).numeral)
                        .expected_found(standard, quote),
                );
            }
        }
    }
    for sec in &doc.sections {
        if out.iter().any(|f: &Finding| f.span == sec.heading.span) {
            continue;
        }
        out.extend(heading_departs(doc.text, sec));
    }
    out
}

/// W001 — a standard label departs from the standard text.
pub const W001: Rule = Rule {
    code: "W001",
    name: "non-standard-wording",
    severity: Severity::Info,
    summary: "表格的标准标签、小标题或各部分的标题与国办公开办函〔2021〕30号的标准文本不一致（如“本年制发作数”“本年度止件数”“钩稽”“二十条第（一）项”缺“第”“存在的主要问题及明年工作计划”），并给出标准文本",
    why: "标签和标题是格式规定的文字；错字、漏字虽不影响数字，却说明表格是手工录入或转抄的，值得顺手改正。各部分标题按编辑距离与标准标题比较，“的”“工作”“政府信息公开”和“及、和、与”的有无不计（“一、总体工作情况”“五、存在主要问题和改进情况”等常见写法不报告）。",
    example: "信息内容	本年制发件数	本年度止件数	现行有效件数（应为“本年废止件数”）",
    check: Check::Report(w001),
};

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> String {
        heading_words(s, 0).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn header_cells_beside_a_heading_are_not_its_words() {
        assert!(header_words_only(4, " 行政复议 行政诉讼"));
        assert!(header_words_only(4, "行政复议\t行政诉讼\t"));
        assert!(!header_words_only(4, "及其他"));
        assert!(!header_words_only(4, ""));
        assert!(!header_words_only(3, "行政复议"));
    }

    #[test]
    fn heading_words_leave_out_what_does_not_count() {
        assert_eq!(words("存在的主要问题及改进情况"), "存在主要问题改进情况");
        assert_eq!(words("政府信息公开工作存在的 主要问题和改进情况。"), "存在主要问题改进情况");
        assert_eq!(words("因政府信息公开工作被申请行政复议、提起行政诉讼情况"), "行政复议行政诉讼情况");
        assert_eq!(words("其它需要报告的事项"), words("其他需要报告的事项"));
        // Each word keeps the offset after it.
        assert_eq!(heading_words("总体 工作情况", 10).last(), Some(&('况', 10 + "总体 工作情况".len())));
    }

    #[test]
    fn distances_of_every_prefix() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(prefix_distances(&c("行政法复议"), &c("行政复议")), [4, 3, 2, 2, 2, 1]);
        assert_eq!(prefix_distances(&c(""), &c("情况")), [2]);
    }
}
