//! Years (Y001–Y002): the title, the statistics period, the 现发布《…》 sentence,
//! the year's 政务公开工作要点 and the year carried over to must agree. A
//! year that disagrees is the mark of a report copied from last year's.

use std::ops::Range;

use super::{Check, Context, Rule};
use crate::finding::{Finding, Severity};
use crate::prose::{self, Prose, SENTENCE};

fn y001(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let (Some(year), Some(period)) = (doc.year.as_ref(), doc.period_year.as_ref()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if year.value != period.value {
        out.push(
            Y001.finding(
                format!(
                    "统计期限从 {} 年开始，标题却是 {} 年度的报告：统计期限应为 {} 年 1 月 1 日至 12 月 31 日",
                    period.value, year.value, year.value
                ),
                period.span,
            )
            .expected_found(year.value, period.value)
            .with_related(year.span),
        );
        return out;
    }
    // The end of the period: 至2023年12月31日.
    let p = &cx.prose;
    let text = p.text();
    let start = p.flat.range_of(period.span).start;
    let pre = p.preamble();
    if start >= pre.end {
        return out;
    }
    let window_end = text[start..pre.end].char_indices().nth(40).map_or(pre.end, |(i, _)| start + i);
    for n in prose::numbers(text, start..window_end).into_iter().skip(1) {
        if n.is_year() && text[n.end..].starts_with("12月31日") {
            if n.value as i32 != year.value {
                out.push(
                    Y001.finding(
                        format!(
                            "统计期限截至 {} 年 12 月 31 日，标题却是 {} 年度的报告：统计期限应为 {} 年全年",
                            n.value, year.value, year.value
                        ),
                        p.span(n.range.start..n.end),
                    )
                    .expected_found(year.value, n.value)
                    .with_related(year.span),
                );
            }
            break;
        }
    }
    out
}

/// Y001 — the statistics period's year differs from the title's year.
pub const Y001: Rule = Rule {
    code: "Y001",
    name: "period-year-mismatch",
    severity: Severity::Error,
    summary: "“本报告统计数据从 YYYY 年 1 月 1 日至 12 月 31 日”中的年份与标题年份不一致",
    why: "统计期限就是报告年度；年份不一致，表中数字属于哪一年就说不清了，多是沿用上年报告时漏改。",
    example: "2023年政府信息公开工作年度报告……本报告统计数据从2022年1月1日至12月31日",
    check: Check::Report(y001),
};

/// A year found in a fixed phrase, and what it should be.
struct YearHit {
    range: Range<usize>,
    found: i32,
    expected: i32,
    what: &'static str,
}

/// Years of the release sentence: 现发布《…YYYY年…年度报告》.
fn release_title(p: &Prose, year: i32) -> Vec<YearHit> {
    let text = p.text();
    let mut hits: Vec<YearHit> = Vec::new();
    for at in prose::find_all(text, p.preamble(), "现发布《") {
        let from = at + "现发布《".len();
        let end = text[from..].find('》').map_or(from, |e| from + e);
        if let Some(n) = prose::numbers(text, from..end).into_iter().find(|n| n.is_year()) {
            hits.push(YearHit {
                range: n.range.start..n.end,
                found: n.value as i32,
                expected: year,
                what: "“现发布《…》”中报告的年份",
            });
        }
    }
    hits
}

/// Years of the 政务公开工作要点: YYYY年…工作要点落实情况 (a heading), and in section 六 对照《…YYYY年…政务公开工作要点》.
fn work_points(p: &Prose, year: i32) -> Vec<YearHit> {
    let text = p.text();
    let mut hits: Vec<YearHit> = Vec::new();
    let all = 0..text.len();
    let six = p.section(6);
    for at in prose::find_all(text, all.clone(), "工作要点") {
        let back = text[..at].char_indices().rev().nth(24).map_or(0, |(i, _)| i);
        let after = &text[at + "工作要点".len()..];
        let heading = after.starts_with("落实情况") || after.starts_with("的落实情况") || after.starts_with("贯彻落实情况");
        let in_six = six.as_ref().is_some_and(|r| r.contains(&at));
        let window = &text[back..at];
        let title_start = window.rfind('《').map(|p| back + p);
        let cited = in_six
            && title_start.is_some_and(|ts| {
                let lead_from = text[..ts].char_indices().rev().nth(7).map_or(0, |(i, _)| i);
                ["对照", "按照", "根据", "遵循", "依据", "落实"]
                    .iter()
                    .any(|w| text[lead_from..ts].contains(w))
            });
        if !heading && !cited {
            continue;
        }
        let from = title_start.unwrap_or(back);
        let seg = &text[from..at];
        if !(seg.contains("公开") || seg.ends_with("政务")) || seg.contains('》') {
            continue;
        }
        if let Some(n) = prose::numbers(text, from..at).into_iter().rev().find(|n| n.is_year()) {
            hits.push(YearHit {
                range: n.range.start..n.end,
                found: n.value as i32,
                expected: year,
                what: "政务公开工作要点的年份",
            });
        }
    }
    hits
}

/// Years carried to: 结转至YYYY年: the next year.
fn carried_to(p: &Prose, year: i32) -> Vec<YearHit> {
    let text = p.text();
    let mut hits: Vec<YearHit> = Vec::new();
    let all = 0..text.len();
    for kw in ["结转", "顺延"] {
        for at in prose::find_all(text, all.clone(), kw) {
            if let Some((true, Some(n))) = super::narrative::carry_kind(text, at, kw) {
                hits.push(YearHit {
                    range: at..n.end,
                    found: n.value as i32,
                    expected: year + 1,
                    what: "结转到的年份",
                });
            }
        }
    }
    hits
}

/// Years at the start of sections 一, 五, 六: YYYY年，at the start of sections 一, 五, 六 and of their numbered parts.
fn section_starts(p: &Prose, year: i32) -> Vec<YearHit> {
    let text = p.text();
    let mut hits: Vec<YearHit> = Vec::new();
    for number in [1u8, 5, 6] {
        let Some(body) = p.section(number) else { continue };
        let mut starts = vec![body.start];
        for (head, r) in prose::subsections(text, body.clone()) {
            // After the part's heading: its first sentence, or what follows a
            // heading written without a full stop (（二）依申请公开情况2023年，).
            let first = prose::pieces(text, r.clone(), SENTENCE).next().unwrap_or(r.clone());
            if text[first.clone()].chars().count() <= 20 {
                starts.push(first.end + text[first.end..].chars().next().map_or(0, char::len_utf8));
            }
            if let Some(h) = ["情况", "方面"].iter().filter_map(|w| text[r.clone()].find(w)).min() {
                if h < 40 {
                    starts.push(r.start + h + "情况".len());
                }
            }
            let _ = head;
        }
        for s in starts {
            if s >= body.end || !text.is_char_boundary(s) {
                continue;
            }
            let end = prose::ahead(text, s, 8).min(body.end);
            let Some(n) = prose::numbers(text, s..end).into_iter().next() else {
                continue;
            };
            let starts_here = n.range.start == s;
            let followed = text[n.end..].starts_with(',') || text[n.end..].starts_with("度,");
            if !(starts_here && n.is_year() && followed) {
                continue;
            }
            let found = n.value as i32;
            // The next year may be named in plans (2024年，将…).
            if found != year && found != year + 1 {
                hits.push(YearHit {
                    range: n.range.start..n.end,
                    found,
                    expected: year,
                    what: "段首的年份",
                });
            }
        }
    }
    hits
}

fn y002(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let p = &cx.prose;
    let Some(year) = p.year() else { return Vec::new() };
    let text = p.text();
    let hits = [release_title, work_points, carried_to, section_starts]
        .iter()
        .flat_map(|source| source(p, year));
    let mut out = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for h in hits {
        if h.found == h.expected || seen.contains(&h.range.start) {
            continue;
        }
        seen.push(h.range.start);
        let quote_end = text[h.range.end..]
            .char_indices()
            .nth(14)
            .map_or(text.len(), |(i, _)| h.range.end + i);
        let clause_end = text[h.range.start..quote_end]
            .find(['。', ',', ';', '》'])
            .map_or(quote_end, |e| h.range.start + e);
        let quote = p.quote(h.range.start..clause_end.max(h.range.end));
        let msg = format!(
            "{}为 {} 年，与报告年度 {} 年不符（“{}”），应为 {} 年",
            h.what, h.found, year, quote, h.expected
        );
        let mut f = Y002.finding(msg, p.span(h.range.clone())).expected_found(h.expected, h.found);
        if let Some(sec) = p.section_at(h.range.start) {
            f = f.in_section(sec);
        }
        if let Some(y) = doc.year.as_ref() {
            f = f.with_related(y.span);
        }
        out.push(f);
    }
    out
}

/// Y002 — a year in a heading or fixed phrase contradicts the report year.
pub const Y002: Rule = Rule {
    code: "Y002",
    name: "year-in-text-mismatch",
    severity: Severity::Warning,
    summary: "标题或固定表述中的年份与报告年度矛盾：现发布《…YYYY年…》、YYYY年政务公开工作要点落实情况、结转至YYYY年（应为次年）、各部分段首的“YYYY年，”",
    why: "这些年份都由报告年度决定；与之不符，几乎总是照抄上年报告后漏改。",
    example: "2023年报告的第六部分写“（一）2022年政务公开工作要点落实情况”",
    check: Check::Report(y002),
};
