//! Finds the title, agency, report year, statistics period and the six
//! section headings, each with its span in the user's text.

use super::{Section, Spanned};
use crate::format::{SectionDef, SECTIONS};
use crate::text::numbers::{parse_chinese, parse_uint};
use crate::text::{Folded, Span};

/// A heading candidate: section number, heading span, and whether it starts a line.
#[derive(Debug, Clone)]
pub struct HeadingHit {
    pub number: u8,
    pub span: Span,
    pub text: String,
    /// Found under the numeral one higher than its own (五's words after 六、:
    /// a part inserted before it pushed the numbering on).
    pub renumbered: bool,
}

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Every place that looks like a section heading, in text order.
pub fn heading_hits(norm: &Folded) -> Vec<HeadingHit> {
    let t = &norm.text;
    let mut hits = Vec::new();
    // Whether only whitespace precedes the current character on its line.
    let mut at_line_start = true;
    let bytes = t.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        let (i, b) = (next, bytes[next]);
        next += crate::text::char_len(b);
        let line_start_here = at_line_start;
        // Characters are decoded only where they may be whitespace or a numeral: not ASCII's
        // (whitespace told by its byte), nor CJK ideographs (U+4000–U+9FFF) but those of
        // the numerals' first bytes.
        let c = match b {
            b'\n' => {
                at_line_start = true;
                continue;
            }
            0..=0x7F => {
                at_line_start &= b.is_ascii_whitespace() || b == 0x0B;
                continue;
            }
            0xE4 | 0xE5 => t[i..].chars().next(),
            0xE6..=0xE9 => {
                at_line_start = false;
                continue;
            }
            _ => t[i..].chars().next(),
        };
        let Some(c) = c else { break };
        if !c.is_whitespace() {
            at_line_start = false;
        }
        let Some(n) = NUMERALS.iter().position(|&x| x == c) else { continue };
        let prev = t[..i].chars().next_back();
        if let Some(hit) = heading_at(norm, i, c, &SECTIONS[n], prev, line_start_here) {
            hits.push(hit);
        } else if let Some(mut hit) = n
            .checked_sub(1)
            .and_then(|m| heading_at(norm, i, c, &SECTIONS[m], prev, line_start_here))
        {
            hit.renumbered = true;
            hits.push(hit);
        }
    }
    hits
}

/// The heading of section `def` starting at byte `i` (its numeral `c`), if
/// one starts there. Looks at most [`HEADING_WINDOW`] characters ahead.
fn heading_at(norm: &Folded, i: usize, c: char, def: &SectionDef, before: Option<char>, at_line_start: bool) -> Option<HeadingHit> {
    let t = &norm.text;
    // The separator: 、 . , or a space.
    let sep = t[i + c.len_utf8()..].chars().next()?;
    if !matches!(sep, '、' | '.' | ',' | ' ') {
        return None;
    }
    if matches!(before, Some('(' | '第' | '（')) || before.is_some_and(|b| NUMERALS.contains(&b) || b == '十') {
        return None;
    }
    let head_start = i + c.len_utf8() + sep.len_utf8();
    // The rest of the line, at most HEADING_WINDOW characters.
    let mut window_end = head_start;
    for (k, (j, ch)) in t[head_start..].char_indices().enumerate() {
        if k >= HEADING_WINDOW || ch == '\n' {
            break;
        }
        window_end = head_start + j + ch.len_utf8();
    }
    let window = &t[head_start..window_end];
    let squashed: String = window.chars().take(40).filter(|c| !c.is_whitespace()).collect();
    // Wording met in the wild before the standard words (四、因政府信息公开工作被申请行政复议…,
    // 五、政府信息公开工作存在的主要问题…) does not count as distance from the numeral.
    let filler = HEADING_FILLERS
        .iter()
        .filter(|f| squashed.starts_with(*f))
        .map(|f| f.chars().count())
        .max()
        .unwrap_or(0);
    let key_at = def
        .keys
        .iter()
        .filter_map(|k| squashed.find(k).map(|p| squashed[..p].chars().count()))
        .min()?
        .checked_sub(filler)?;
    // Mid-line headings (text whose line breaks were lost) must have the
    // key right after the numeral; at a line start the key may come a
    // little later (政府信息公开行政复议…).
    if key_at > if at_line_start { 12 } else { 6 } {
        return None;
    }
    // The heading ends at the end of the line, or, when the line breaks were
    // lost, after as many characters as the standard heading has.
    let heading_end = if at_line_start {
        window_end
    } else {
        let n = def.heading.chars().count() + filler;
        window.char_indices().nth(n).map_or(window_end, |(j, _)| head_start + j)
    };
    let text = t[i..heading_end].trim_end().to_string();
    Some(HeadingHit {
        number: def.number,
        span: norm.span(i..i + text.len()),
        text,
        renumbered: false,
    })
}

/// Words that some reports put between a section's numeral and its standard words.
const HEADING_FILLERS: [&str; 5] = [
    "因政府信息公开工作被申请",
    "政府信息公开工作被申请",
    "因政府信息公开被申请",
    "政府信息公开工作",
    "政府信息公开",
];

/// How far past a numeral a heading is looked for, in characters.
const HEADING_WINDOW: usize = 60;

/// Chooses the sections from the heading candidates: in text order, each
/// heading must have a higher number than the last one accepted. Returns the
/// sections and the rejected candidates (out of order or repeated). A
/// heading under the numeral one higher than its own is taken only where it
/// fits the order and no heading of that section stands under its own
/// numeral (in prose, 三、主动公开… is a list item, not a heading).
pub fn choose_sections(hits: &[HeadingHit], text_len: usize) -> (Vec<Section>, Vec<HeadingHit>) {
    let mut chosen: Vec<&HeadingHit> = Vec::new();
    let mut rejected = Vec::new();
    let own = |n: u8| hits.iter().any(|h| h.number == n && !h.renumbered);
    for h in hits.iter().filter(|h| !h.renumbered || !own(h.number)) {
        match chosen.last() {
            Some(last) if h.number <= last.number => {
                if !h.renumbered {
                    rejected.push(h.clone());
                }
            }
            _ => chosen.push(h),
        }
    }
    let mut sections = Vec::new();
    for (k, h) in chosen.iter().enumerate() {
        let body_end = chosen.get(k + 1).map_or(text_len, |n| n.span.start);
        sections.push(Section {
            number: h.number,
            heading: Spanned {
                value: h.text.clone(),
                span: h.span,
            },
            body: Span::new(h.span.end, body_end.max(h.span.end)),
        });
    }
    (sections, rejected)
}

/// The report's title, agency and year, from the lines before section 一.
pub struct TitleInfo {
    pub title: Option<Spanned<String>>,
    pub agency: Option<Spanned<String>>,
    pub year: Option<Spanned<i32>>,
}

const TITLE_KEYS: [&str; 3] = ["年度报告", "工作报告", "年报"];

pub fn find_title(norm: &Folded, limit: usize) -> TitleInfo {
    let t = &norm.text;
    let head = &t[..floor_char_boundary(t, limit.min(t.len()))];
    let mut none = TitleInfo {
        title: None,
        agency: None,
        year: None,
    };
    // Non-empty lines before section 一. The title is the first line holding
    // a key and a year, else the first holding a key: text pasted from a
    // portal may bring menus and breadcrumbs (…>年度报告) above it.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for l in head.split_inclusive('\n') {
        if !l.trim().is_empty() {
            lines.push((pos, l.trim_end_matches(['\n'])));
        }
        pos += l.len();
    }
    // A line up to its first title key (the title may run on into the preamble on its line).
    let up_to_key = |l: &str| -> Option<usize> { TITLE_KEYS.iter().filter_map(|key| l.find(key).map(|p| p + key.len())).min() };
    let is_title = |l: &str| {
        up_to_key(l).is_some_and(|e| {
            let head = &l[..e];
            !head.contains("根据") && !head.contains('《') && !head.contains('>') && !head.contains("关于")
        })
    };
    let with_year = lines
        .iter()
        .position(|(_, l)| is_title(l) && up_to_key(l).is_some_and(|e| find_year(&l[..e]).is_some()));
    let Some(k) = with_year.or_else(|| lines.iter().position(|(_, l)| is_title(l))) else {
        return none;
    };
    // A title over two lines: 政府信息公开工作年度报告 below the agency and year.
    if k > 0 && up_to_key(lines[k].1).is_some_and(|e| find_year(&lines[k].1[..e]).is_none()) {
        let (ppos, pline) = lines[k - 1];
        if find_year(pline).is_some() && pline.chars().count() <= 40 && !pline.contains('>') {
            let joined_end = lines[k].0 + up_to_key(lines[k].1).unwrap_or(0);
            let lead = pline.len() - pline.trim_start().len();
            return two_line_title(norm, ppos + lead, joined_end);
        }
    }
    // Markdown headings and emphasis around the title.
    let (lpos, line) = {
        let (p, l) = lines[k];
        let trimmed = l.trim_start().trim_start_matches(['#', '*', ' ']);
        (p + (l.len() - trimmed.len()), trimmed)
    };
    // The title ends at its key (a line may run on into the preamble).
    let key_end = TITLE_KEYS
        .iter()
        .filter_map(|key| line.find(key).map(|p| p + key.len()))
        .min()
        .unwrap_or(line.len());
    let line = &line[..key_end];
    let lead = line.len() - line.trim_start().len();
    let mut start = lpos + lead;
    let end = lpos + key_end;
    let year = find_year(&t[start..end]).map(|(y, a, b)| Spanned {
        value: y,
        span: norm.span(start + a..start + b),
    });
    // Agency: the text by the year on the title line, or the line above.
    let mut agency_text_range = agency_by_year(t, start, end);
    if agency_text_range.is_none() && year.is_some() && k > 0 {
        let (ppos, pline) = lines[k - 1];
        let plead = pline.len() - pline.trim_start().len();
        let s = ppos + plead;
        let e = ppos + pline.trim_end().len();
        if e > s && pline.chars().count() <= 40 {
            agency_text_range = Some((s, e));
            start = s;
        }
    }
    let agency = agency_text_range.map(|(s, e)| Spanned {
        value: t[s..e].chars().filter(|c| !c.is_whitespace()).collect(),
        span: norm.span(s..e),
    });
    let title_text: String = t[start..end].split_whitespace().collect::<Vec<_>>().join("");
    none.title = Some(Spanned {
        value: title_text,
        span: norm.span(start..end),
    });
    none.agency = agency;
    none.year = year;
    none
}

/// The agency in a title `t[start..end]` by its year: the words before the
/// year, or (year first: 2025年上海市人民政府办公厅政府信息公开工作年度报告)
/// those after it up to 政府信息公开.
fn agency_by_year(t: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (_, a, b) = find_year(&t[start..end])?;
    if !t[start..start + a].trim().is_empty() {
        return Some((start, start + t[start..start + a].trim_end().len()));
    }
    let after = &t[start + b..end];
    let after_agency = after.find("政府信息公开").map(|p| &after[..p]).unwrap_or("");
    let after_agency = after_agency.trim_start_matches("度").trim();
    (after_agency.chars().count() >= 2).then(|| {
        let s = start + b + (after.len() - after.trim_start_matches("度").trim_start().len());
        (s, s + after_agency.len())
    })
}

/// A title over two lines (its second line holds the title key, its first the year).
fn two_line_title(norm: &Folded, start: usize, end: usize) -> TitleInfo {
    let t = &norm.text;
    let text = &t[start..end];
    let year = find_year(text).map(|(y, a, b)| Spanned {
        value: y,
        span: norm.span(start + a..start + b),
    });
    let agency = agency_by_year(t, start, end).map(|(s, e)| Spanned {
        value: t[s..e].chars().filter(|c| !c.is_whitespace()).collect(),
        span: norm.span(s..e),
    });
    TitleInfo {
        title: Some(Spanned {
            value: text.split_whitespace().collect(),
            span: norm.span(start..end),
        }),
        agency,
        year,
    }
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first year written as 2023年 / 2023 年 / 二〇二三年 in `s`: (year, start, end).
pub fn find_year(s: &str) -> Option<(i32, usize, usize)> {
    for (i, _) in s.match_indices('年') {
        let before = s[..i].trim_end();
        // Arabic digits.
        let digits: String = before.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() == 4 {
            let d: String = digits.chars().rev().collect();
            if let Some(y) = parse_uint(&d) {
                if (1990..=2100).contains(&y) {
                    return Some((y as i32, before.len() - 4, i + '年'.len_utf8()));
                }
            }
        }
        let cn: String = before
            .chars()
            .rev()
            .take_while(|c| "〇零一二三四五六七八九O○".contains(*c))
            .collect();
        if cn.chars().count() == 4 {
            let c: String = cn.chars().rev().collect();
            if let Some(y) = parse_chinese(&c) {
                if (1990..=2100).contains(&y) {
                    return Some((y as i32, before.len() - c.len(), i + '年'.len_utf8()));
                }
            }
        }
    }
    None
}

/// The statistics period's year: the year of "YYYY年1月1日" in the preamble.
pub fn find_period(norm: &Folded, range: Span) -> Option<Spanned<i32>> {
    let t = &norm.text;
    let s = &t[range.start..range.end];
    let squash_pos: Vec<(usize, char)> = s.char_indices().filter(|(_, c)| !c.is_whitespace()).collect();
    let sq: String = squash_pos.iter().map(|&(_, c)| c).collect();
    let mut search = 0;
    while let Some(p) = sq[search..].find("1月1日") {
        let at = search + p;
        search = at + "1月1日".len();
        // Accept 01月01日 too by also looking at the digit before.
        let before = &sq[..at];
        let before = before.strip_suffix('0').unwrap_or(before);
        if let Some(b) = before.strip_suffix('年') {
            let digits: String = b.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
            if digits.len() == 4 {
                let y: i32 = digits.chars().rev().collect::<String>().parse().ok()?;
                // Map back through the squashed positions.
                let ystart_sq = b.len() - 4;
                let to_norm = |sqi: usize| -> usize {
                    let ci = sq[..sqi].chars().count();
                    squash_pos.get(ci).map_or(s.len(), |&(o, _)| o)
                };
                let a = range.start + to_norm(ystart_sq);
                let e = range.start + to_norm(at + "1月1日".len() - "日".len()) + "日".len();
                return Some(Spanned {
                    value: y,
                    span: norm.span(a..e),
                });
            }
        }
    }
    None
}
