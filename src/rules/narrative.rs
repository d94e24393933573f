//! The prose against the tables (N001–N006): section 一 restates the figures
//! of tables A, B and C; where a sentence's meaning is clear, they must agree.
//!
//! Every rule reads only phrases whose meaning is plain (a keyword and a count
//! of 件 in the same clause), quotes the phrase, and points at both places: the
//! phrase (the finding's span) and the cells (`cells`, `related_spans`).
//! Where a phrase could mean two things it accepts either reading (受理/收到:
//! new requests, or new plus carried over) or declines to compare (a part of
//! the body named as the subject: 区政府办代表区政府受理…).

use std::ops::Range;

use super::Rule;
use crate::finding::{Finding, Severity};
use crate::parse::{Document, Table};
use crate::prose::{self, find_any, rfind_any, split, Num, Prose, CLAUSE, COMMA, SENTENCE};
use crate::relations::cell_ref;

/// The column of table B that holds the totals.
const TOTAL: usize = 6;

/// The sum of some cells' counts, `None` when one cannot be read.
fn sum(t: &Table, cells: &[(usize, usize)]) -> Option<u64> {
    cells.iter().map(|&(r, c)| t.cell(r, c).and_then(|x| x.value.count())).sum()
}

/// A finding at a phrase, naming the cells it disagrees with.
#[allow(clippy::too_many_arguments)]
fn at_phrase(
    p: &Prose,
    code: &'static str,
    message: String,
    phrase: Range<usize>,
    t: &Table,
    cells: &[(usize, usize)],
    expected: impl ToString,
    found: impl ToString,
) -> Finding {
    let mut f = Finding::new(code, message, p.span(phrase.clone()))
        .with_table(t.def)
        .expected_found(expected, found);
    if let Some(sec) = p.section_at(phrase.start) {
        f = f.in_section(sec);
    }
    if let Some(&(r, c)) = cells.first() {
        f.row = Some(r);
        f.row_label = Some(t.def.rows[r].full_label());
        f.column = Some(c);
        f.column_label = Some(t.def.column_label(r, c).to_string());
    }
    f.cells = cells.iter().map(|&(r, c)| cell_ref(t, r, c)).collect();
    let spans: Vec<_> = f.cells.iter().filter_map(|c| c.span).collect();
    for s in spans {
        f = f.with_related(s);
    }
    f
}

/// The first figure with the unit 件 after flat offset `from` in the clause
/// (`None` when it is approximate: 20余件).
fn count_after(nums: &[Num], from: usize) -> Option<&Num> {
    nums.iter()
        .find(|n| n.range.start >= from && n.unit == Some('件'))
        .filter(|n| !n.approx)
}

/// The last figure with the unit 件 ending at most `gap` bytes before `to`.
fn count_before(t: &str, nums: &[Num], to: usize, gap: usize) -> Option<Num> {
    nums.iter()
        .rev()
        .find(|n| n.end <= to && n.unit == Some('件'))
        .filter(|n| !n.approx && to - n.end <= gap && !t[n.end..to].contains(['件', '，']))
        .cloned()
}

/// The count a keyword at `at..kw_end` speaks of: the first after it, else
/// the one just before it (at most `gap` bytes before).
fn count_near(t: &str, nums: &[Num], at: usize, kw_end: usize, gap: usize) -> Option<Num> {
    count_after(nums, kw_end).cloned().or_else(|| count_before(t, nums, at, gap))
}

fn b_rows(t: &Table, ids: &[&str]) -> Vec<usize> {
    ids.iter().filter_map(|id| t.def.row_index(id)).collect()
}

/// Rows `from ..= to` of table B (a group such as （三）不予公开).
fn b_range(t: &Table, from: &str, to_excl: &str) -> Vec<usize> {
    match (t.def.row_index(from), t.def.row_index(to_excl)) {
        (Some(a), Some(b)) => (a..b).collect(),
        _ => Vec::new(),
    }
}

fn cells_of(rows: &[usize], cols: &[usize]) -> Vec<(usize, usize)> {
    rows.iter().flat_map(|&r| cols.iter().map(move |&c| (r, c))).collect()
}

// ------------------------------------------------------------------ N001

/// Words that make a clause about something else than requests for disclosure.
const NOT_REQUESTS: &[&str] = &[
    "复议",
    "诉讼",
    "信访",
    "提案",
    "建议",
    "投诉",
    "举报",
    "留言",
    "信箱",
    "咨询",
    "热线",
    "许可",
    "审批",
    "登记",
    "备案",
    "政务服务",
];
/// Words that put a figure in another year than the report's.
const OTHER_YEAR: &[&str] = &["去年", "上年", "上一年", "前年"];

/// True when the clause names a year other than the report's (2022年收到申请
/// 10件 in a 2023 report) or speaks of last year.
fn other_year(p: &Prose, cl: Range<usize>) -> bool {
    let t = p.text();
    find_any(&t[cl.clone()], OTHER_YEAR).is_some()
        || p.year()
            .is_some_and(|y| prose::numbers(t, cl).iter().any(|n| n.is_year() && n.value as i32 != y))
}
/// Words that make a figure a change, not a count.
const CHANGE: &[&str] = &["增加", "减少", "增长", "下降", "上升", "同比", "较上年", "比上年", "较去年", "持平"];
/// Words naming a part of the body or a channel: the figure may count only
/// that part (区政府办代表区政府受理…17 件 against 95 in the table).
const PART: &[&str] = &[
    "政府办",
    "办公室",
    "本级",
    "部门",
    "其中",
    "网上",
    "线上",
    "当面",
    "信函",
    "邮寄",
    "电子邮件",
    "传真",
    "代表",
];

/// The columns of table B an applicant qualifier selects, and its name.
fn applicant_columns(s: &str) -> (Vec<usize>, &'static str) {
    if s.contains("公民") || s.contains("自然人") {
        (vec![0], "自然人")
    } else if s.contains("法人") {
        ((1..6).collect(), "法人或其他组织")
    } else {
        (vec![TOTAL], "总计")
    }
}

fn n001(doc: &Document) -> Vec<Finding> {
    let Some(t) = doc.tables.applications.as_ref() else {
        return Vec::new();
    };
    let p = Prose::new(doc);
    let text = p.text();
    let (Some(new), Some(carried)) = (t.def.row_index("new"), t.def.row_index("carried")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sentence in p.request_sentences() {
        for cl in split(text, sentence, CLAUSE) {
            let s = &text[cl.clone()];
            if !s.contains("申请") || find_any(s, NOT_REQUESTS).is_some() {
                continue;
            }
            // 未收到…申请: none this year.
            let requests_after = |at: usize| {
                let tail = &s[at..];
                tail.match_indices("申请").any(|(i, m)| !tail[i + m.len()..].starts_with('人'))
            };
            if let Some((at, _)) =
                find_any(s, &["未收到", "没有收到", "未接到", "没有接到", "未受理", "未接收"]).filter(|&(at, _)| requests_after(at))
            {
                // (未收到该申请人提交的补正 speaks of a correction, not of requests.)
                let (cols, who) = applicant_columns(&s[at..]);
                let cells = cells_of(&[new], &cols);
                let Some(n) = sum(t, &cells) else { continue };
                if n > 0 {
                    let quote = p.quote(cl.clone());
                    let msg = format!("文中说“{quote}”（即本年新收 0 件），表三“一、本年新收政府信息公开申请数量”的“{who}”却为 {n}");
                    out.push(at_phrase(&p, "N001", msg, cl.clone(), t, &cells, n, 0));
                }
                continue;
            }
            let Some((at, _)) = find_any(s, &["收到", "受理", "新收", "接收", "接到"]) else {
                continue;
            };
            if other_year(&p, cl.clone()) {
                continue;
            }
            let nums = prose::numbers(text, cl.clone());
            let Some(num) = count_after(&nums, cl.start + at) else { continue };
            if !s[at..].contains("申请") {
                continue;
            }
            let between = &text[cl.start + at..num.range.start];
            if find_any(between, CHANGE).is_some() {
                continue;
            }
            let (cols, who) = applicant_columns(between);
            let new_cells = cells_of(&[new], &cols);
            let carried_cells = cells_of(&[carried], &cols);
            let (Some(n_new), Some(n_carried)) = (sum(t, &new_cells), sum(t, &carried_cells)) else {
                continue;
            };
            let v = num.value;
            if v == n_new || v == n_new + n_carried {
                continue;
            }
            // A part of the body or one channel named: a difference of scope,
            // not a contradiction. Decline.
            if find_any(s, PART).is_some() {
                continue;
            }
            let phrase = cl.start + at..num.end;
            let quote = p.quote(cl.clone());
            let msg = if n_carried == 0 {
                format!("文中“{quote}”为 {v} 件，表三“一、本年新收政府信息公开申请数量”的“{who}”为 {n_new}，上年结转为 0：两者不符")
            } else {
                format!(
                    "文中“{quote}”为 {v} 件，与表三不符：本年新收（“{who}”）{n_new} 件，连同上年结转 {n_carried} 件为 {} 件。“收到/受理”有时只计本年新收，有时含上年结转，这里两种读法都不相符",
                    n_new + n_carried
                )
            };
            let mut cells = new_cells.clone();
            cells.extend(carried_cells);
            let expected = if n_carried == 0 {
                n_new.to_string()
            } else {
                format!("{n_new} 或 {}", n_new + n_carried)
            };
            out.push(at_phrase(&p, "N001", msg, phrase, t, &cells, expected, v));
        }
    }
    out
}

/// N001 — the number of requests received in the prose differs from table B.
pub const N001: Rule = Rule {
    code: "N001",
    name: "narrative-requests-received",
    severity: Severity::Warning,
    summary: "正文所写收到（受理、新收）的政府信息公开申请件数与表三“本年新收”（或新收加上年结转）不符；“未收到申请”而表中新收不为 0 也在此列",
    why: "正文与表格说的是同一件事，两处数字不一致，读者不知道哪个可信，常见于沿用上年或其他单位的文字。“受理/收到”有时只计本年新收、有时含上年结转，两种读法都不相符才报告；正文明说只是某一部分（如区政府办代表区政府受理）时不比较。",
    example: "2022年，共收到政府信息公开申请12件（表三本年新收总计为 11，上年结转 0）",
    check: n001,
};

// ------------------------------------------------------------------ N002

/// Which carry-over a 结转 at `at` in `s` names: `Some(true)` carried to next
/// year, `Some(false)` carried over from last year. Also the year written in
/// 结转至YYYY年, with its flat range.
pub(crate) fn carry_kind(text: &str, at: usize, kw: &str) -> Option<(bool, Option<Num>)> {
    let before: String = text[..at].chars().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect();
    if ["上年", "上年度", "上一年度", "上一年", "去年", "上年度的", "上年的"]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return Some((false, None));
    }
    let after_at = at + kw.len();
    let mut rest = &text[after_at..];
    let mut skip = 0;
    for pre in ["至", "到"] {
        if let Some(r) = rest.strip_prefix(pre) {
            rest = r;
            skip = pre.len();
        }
    }
    if ["下年", "下一年", "次年", "明年"].iter().any(|w| rest.starts_with(w)) {
        return Some((true, None));
    }
    let from = after_at + skip;
    let nums = prose::numbers(text, from..prose::ahead(text, from, 12));
    if let Some(y) = nums.first().filter(|n| n.range.start == from && n.is_year()) {
        return Some((true, Some(y.clone())));
    }
    None
}

fn n002(doc: &Document) -> Vec<Finding> {
    let Some(t) = doc.tables.applications.as_ref() else {
        return Vec::new();
    };
    let p = Prose::new(doc);
    let text = p.text();
    let mut out = Vec::new();
    for sentence in p.request_sentences() {
        for cl in split(text, sentence, CLAUSE) {
            let s = &text[cl.clone()];
            if find_any(s, NOT_REQUESTS).is_some() {
                continue;
            }
            let Some((at, kw)) = find_any(s, &["结转", "顺延", "转入"]) else {
                continue;
            };
            let at = cl.start + at;
            let Some((next_year, _)) = carry_kind(text, at, kw) else { continue };
            let nums = prose::numbers(text, cl.clone());
            let kw_end = at + kw.len();
            let Some(num) = count_near(text, &nums, at, kw_end, 6) else {
                continue;
            };
            let (id, label) = if next_year {
                ("carry_next", "四、结转下年度继续办理")
            } else {
                ("carried", "二、上年结转政府信息公开申请数量")
            };
            let rows = b_rows(t, &[id]);
            let cells = cells_of(&rows, &[TOTAL]);
            let Some(n) = sum(t, &cells) else { continue };
            if n == num.value {
                continue;
            }
            let phrase = num.range.start.min(at)..num.end.max(kw_end);
            let quote = p.quote(cl.clone());
            let msg = format!("文中“{quote}”为 {} 件，表三“{label}”总计为 {n}", num.value);
            out.push(at_phrase(&p, "N002", msg, phrase, t, &cells, n, num.value));
        }
    }
    out
}

/// N002 — carried over from last year / to next year disagrees with table B.
pub const N002: Rule = Rule {
    code: "N002",
    name: "narrative-carried-over",
    severity: Severity::Warning,
    summary: "正文所写上年结转、结转下年度（结转至次年）的申请件数与表三第二项或第四项不符",
    why: "结转件数连接前后两年的报告；正文与表格不一致，至少一处错了。",
    example: "结转至2024年1件（表三“四、结转下年度继续办理”总计为 0）",
    check: n002,
};

// ------------------------------------------------------------------ N003

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Outcome {
    Granted,
    Partial,
    Withheld,
    Unable,
    NotHandled,
    Other,
    Finished,
}

const OUTCOMES: &[(&str, Outcome)] = &[
    ("予以公开", Outcome::Granted),
    ("部分公开", Outcome::Partial),
    ("不予公开", Outcome::Withheld),
    ("无法提供", Outcome::Unable),
    ("不予处理", Outcome::NotHandled),
    ("其他处理", Outcome::Other),
    ("办结", Outcome::Finished),
];

fn outcome_rows(t: &Table, o: Outcome) -> (Vec<usize>, &'static str) {
    match o {
        Outcome::Granted => (b_rows(t, &["granted"]), "（一）予以公开"),
        Outcome::Partial => (b_rows(t, &["partial"]), "（二）部分公开"),
        Outcome::Withheld => (b_range(t, "secret", "not_held"), "（三）不予公开（1—8 项之和）"),
        Outcome::Unable => (b_range(t, "not_held", "petition"), "（四）无法提供（1—3 项之和）"),
        Outcome::NotHandled => {
            let end = t.def.row_index("confirm").map(|i| i + 1);
            let start = t.def.row_index("petition");
            match (start, end) {
                (Some(a), Some(b)) => ((a..b).collect(), "（五）不予处理（1—5 项之和）"),
                _ => (Vec::new(), ""),
            }
        }
        Outcome::Other => {
            let start = t.def.row_index("confirm").map(|i| i + 1);
            match (start, t.def.row_index("total")) {
                (Some(a), Some(b)) => ((a..b).collect(), "（六）其他处理"),
                _ => (Vec::new(), ""),
            }
        }
        Outcome::Finished => (b_rows(t, &["total"]), "（七）总计（本年办结）"),
    }
}

fn n003(doc: &Document) -> Vec<Finding> {
    let Some(t) = doc.tables.applications.as_ref() else {
        return Vec::new();
    };
    let p = Prose::new(doc);
    let text = p.text();
    let mut out = Vec::new();
    for sentence in p.request_sentences() {
        for cl in split(text, sentence, CLAUSE) {
            let s = &text[cl.clone()];
            if find_any(s, NOT_REQUESTS).is_some() || find_any(s, CHANGE).is_some() || other_year(&p, cl.clone()) {
                continue;
            }
            // Every outcome named in the clause (不予以公开 is 不予公开).
            let mut found: Vec<(usize, &str, Outcome)> = Vec::new();
            for &(kw, o) in OUTCOMES {
                for (i, _) in s.match_indices(kw) {
                    let o = if o == Outcome::Granted && s[..i].ends_with('不') {
                        Outcome::Withheld
                    } else {
                        o
                    };
                    found.push((cl.start + i, kw, o));
                }
            }
            let kinds: Vec<Outcome> = found.iter().map(|f| f.2).fold(Vec::new(), |mut v, o| {
                if !v.contains(&o) {
                    v.push(o)
                }
                v
            });
            if kinds.len() != 1 {
                continue;
            }
            let (at, kw, o) = found[0];
            // 未办结, 尚未办结: not a count of results.
            if text[..at].ends_with('未') || text[..at].ends_with("没有") {
                continue;
            }
            let nums = prose::numbers(text, cl.clone());
            let kw_end = at + kw.len();
            let Some(num) = count_near(text, &nums, at, kw_end, 9) else {
                continue;
            };
            let (rows, label) = outcome_rows(t, o);
            if rows.is_empty() {
                continue;
            }
            let cells = cells_of(&rows, &[TOTAL]);
            let Some(n) = sum(t, &cells) else { continue };
            if n == num.value {
                continue;
            }
            // 予以公开 N 件 may include the partly granted (予以公开8件（含部分公开2件）).
            let partial = sum(t, &cells_of(&b_rows(t, &["partial"]), &[TOTAL]));
            if o == Outcome::Granted && partial.is_some_and(|x| n + x == num.value) {
                continue;
            }
            let phrase = num.range.start.min(at)..num.end.max(kw_end);
            let quote = p.quote(cl.clone());
            let msg = if o == Outcome::Granted {
                format!(
                    "文中“{quote}”为 {} 件，表三“{label}”总计为 {n}（连同部分公开为 {}），两种读法都不相符",
                    num.value,
                    n + partial.unwrap_or(0)
                )
            } else {
                format!("文中“{quote}”为 {} 件，表三“{label}”总计为 {n}", num.value)
            };
            out.push(at_phrase(&p, "N003", msg, phrase, t, &cells, n, num.value));
        }
    }
    out
}

/// N003 — results by kind in the prose disagree with table B.
pub const N003: Rule = Rule {
    code: "N003",
    name: "narrative-results",
    severity: Severity::Warning,
    summary: "正文所写各类办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理、办结）的件数与表三不符",
    why: "办理结果是表三的主体；正文给出的分类数字应与表中相应行（或一组小项之和）一致。",
    example: "予以公开8件，不予公开3件（表三（一）予以公开为 8，（三）不予公开各项之和为 0）",
    check: n003,
};

// ------------------------------------------------------------------ N004

const REVIEW: usize = 0;
const SUITS: [usize; 2] = [1, 2];

/// Words that make a 无…复议 statement about one kind of case only.
const NARROWING: &[&str] = &["纠错", "纠正", "败诉", "撤销", "违法", "被告", "责任追究", "追责"];

/// A count of cases: N 件 or N 起.
fn is_case(n: &Num) -> bool {
    matches!(n.unit, Some('件' | '起'))
}

/// The first count of cases after `from` (`None` when approximate).
fn case_after(nums: &[Num], from: usize) -> Option<&Num> {
    nums.iter().find(|n| n.range.start >= from && is_case(n)).filter(|n| !n.approx)
}

fn group_rows(suit: bool) -> Vec<usize> {
    if suit {
        SUITS.to_vec()
    } else {
        vec![REVIEW]
    }
}

fn group_name(suit: bool) -> &'static str {
    if suit {
        "行政诉讼（未经复议直接起诉与复议后起诉）"
    } else {
        "行政复议"
    }
}

fn n004(doc: &Document) -> Vec<Finding> {
    let Some(t) = doc.tables.review.as_ref() else { return Vec::new() };
    let p = Prose::new(doc);
    let text = p.text();
    let mut out = Vec::new();
    // Sections 一 and 四 (a sentence before or after the table); only
    // sentences that say they speak of disclosure (the table's own header
    // words never do).
    let mut bodies: Vec<Range<usize>> = p.section(1).into_iter().collect();
    if let Some(four) = p.section(4) {
        // Around table 四: before its first figure and after its last.
        let spans: Vec<_> = t.cells.iter().flatten().filter_map(|c| c.span).collect();
        match (spans.iter().map(|s| s.start).min(), spans.iter().map(|s| s.end).max()) {
            (Some(a), Some(b)) => {
                let a = p.flat.range_of(crate::finding::Span::new(0, a)).end.clamp(four.start, four.end);
                let b = p.flat.range_of(crate::finding::Span::new(0, b)).end.clamp(four.start, four.end);
                bodies.push(four.start..a);
                bodies.push(b..four.end);
            }
            _ => bodies.push(four),
        }
    }
    for body in bodies {
        for sentence in split(text, body, SENTENCE) {
            let ss = &text[sentence.clone()];
            if !(ss.contains("信息公开") || ss.contains("依申请") || ss.contains("公开申请")) {
                continue;
            }
            // The group the sentence last counted, for 其中结果维持 N 件.
            let mut group: Option<bool> = None;
            for cl in split(text, sentence.clone(), COMMA) {
                let s = &text[cl.clone()];
                let review_at = s.find("复议");
                let suit_at = s.find("诉讼");
                let nums = prose::numbers(text, cl.clone());
                if review_at.is_none() && suit_at.is_none() {
                    // 其中结果维持 N 件 under the last group counted.
                    let Some(g) = group else { continue };
                    let s2 = s.strip_prefix("其中").unwrap_or(s);
                    let col = [
                        ("结果维持", 0),
                        ("维持", 0),
                        ("结果纠正", 1),
                        ("纠正", 1),
                        ("其他结果", 2),
                        ("尚未审结", 3),
                        ("未审结", 3),
                    ]
                    .iter()
                    .find(|(w, _)| s2.starts_with(w))
                    .map(|&(w, c)| (w, c));
                    let Some((w, col)) = col else { continue };
                    let kw_at = cl.start + (s.len() - s2.len());
                    let Some(num) = case_after(&nums, kw_at + w.len()) else { continue };
                    let cells = cells_of(&group_rows(g), &[col]);
                    let Some(n) = sum(t, &cells) else { continue };
                    if n != num.value {
                        let quote = p.quote(cl.clone());
                        let msg = format!(
                            "文中{}“{quote}”为 {} 件，表四“{}”的“{}”为 {n}",
                            group_name(g),
                            num.value,
                            group_name(g),
                            t.def.columns[col]
                        );
                        out.push(at_phrase(&p, "N004", msg, kw_at..num.end, t, &cells, n, num.value));
                    }
                    continue;
                }
                let first = review_at.into_iter().chain(suit_at).min().unwrap_or(0);
                let neg = rfind_any(
                    &s[..first],
                    &["未发生", "未出现", "没有发生", "没有", "未有", "未产生", "不存在", "未收到", "无"],
                );
                if let Some((neg_at, _)) = neg {
                    if find_any(s, NARROWING).is_some() || nums.iter().any(|n| is_case(n) && n.value > 0) {
                        continue;
                    }
                    for suit in [false, true] {
                        let at = if suit { suit_at } else { review_at };
                        if at.is_none() {
                            continue;
                        }
                        let rows = group_rows(suit);
                        let cells: Vec<(usize, usize)> = cells_of(&rows, &[0, 1, 2, 3, 4])
                            .into_iter()
                            .filter(|&(r, c)| t.cell(r, c).and_then(|x| x.value.count()).is_some_and(|v| v > 0))
                            .collect();
                        if cells.is_empty() {
                            continue;
                        }
                        let total = sum(t, &cells_of(&rows, &[4])).unwrap_or(0);
                        let parts = sum(t, &cells_of(&rows, &[0, 1, 2, 3])).unwrap_or(0);
                        let quote = p.quote(cl.clone());
                        let msg = format!(
                            "文中说“{quote}”，表四“{}”却有案件（总计 {total}，四种结果之和 {parts}）",
                            group_name(suit)
                        );
                        let phrase = cl.start + neg_at..cl.end;
                        out.push(at_phrase(&p, "N004", msg, phrase, t, &cells, total.max(parts), 0));
                    }
                    continue;
                }
                // Counts: 行政复议 N 件 / 行政诉讼 N 件.
                if review_at.is_some() && suit_at.is_some() && s.contains('各') {
                    continue;
                }
                for suit in [false, true] {
                    let Some(at) = (if suit { suit_at } else { review_at }) else {
                        continue;
                    };
                    // 行政复议和行政诉讼共 N 件: one figure for both groups.
                    let other = if suit { review_at } else { suit_at };
                    if other.is_some_and(|o| {
                        o < at
                            && !nums
                                .iter()
                                .any(|n| is_case(n) && n.range.start > cl.start + o && n.range.start < cl.start + at)
                    }) {
                        continue;
                    }
                    let at = cl.start + at + "复议".len();
                    let Some(num) = case_after(&nums, at) else { continue };
                    let gap = &text[at..num.range.start];
                    if gap.chars().count() > 4 || gap.contains("复议") || gap.contains("诉讼") || gap.contains('各') || gap.contains("其中")
                    {
                        continue;
                    }
                    group = Some(suit);
                    let rows = group_rows(suit);
                    let totals = cells_of(&rows, &[4]);
                    let (Some(total), Some(parts)) = (sum(t, &totals), sum(t, &cells_of(&rows, &[0, 1, 2, 3]))) else {
                        continue;
                    };
                    if num.value == total || num.value == parts {
                        continue;
                    }
                    let quote = p.quote(cl.clone());
                    let msg = format!("文中“{quote}”为 {} 件，表四“{}”总计为 {total}", num.value, group_name(suit));
                    let start = cl.start + if suit { suit_at.unwrap_or(0) } else { review_at.unwrap_or(0) };
                    out.push(at_phrase(&p, "N004", msg, start..num.end, t, &totals, total, num.value));
                }
            }
        }
    }
    out
}

/// N004 — the prose on review and litigation disagrees with table C.
pub const N004: Rule = Rule {
    code: "N004",
    name: "narrative-review-litigation",
    severity: Severity::Warning,
    summary: "正文说没有因政府信息公开引起的行政复议、行政诉讼，而表四有案件；或正文所写复议、诉讼件数与表四不符",
    why: "“无行政复议、行政诉讼”是常被照抄的套话；表四有案件时，它就与表格矛盾。只说“无被纠错案件”之类的句子不在此列。",
    example: "无因政府信息公开引起的行政复议或行政诉讼（表四行政复议总计为 2）",
    check: n004,
};

// ------------------------------------------------------------------ N005

/// Verbs that name a column of table A's document rows, in the order searched.
const DOC_VERBS: &[(&str, usize)] = &[
    ("现行有效", 2),
    ("废止", 1),
    ("宣布失效", 1),
    ("制发", 0),
    ("印发", 0),
    ("出台", 0),
    ("制定", 0),
    ("公开", 0),
    ("发布", 0),
];
/// Other actions on documents: their counts are not table A's.
const OTHER_ACTIONS: &[&str] = &[
    "清理",
    "审核",
    "审查",
    "备案",
    "征求",
    "起草",
    "修订",
    "修改",
    "解读",
    "评估",
    "合法性",
    "梳理",
    "报送",
];
/// Scope words: the count may be of other bodies' documents.
const DOC_SCOPE: &[&str] = &["各部门", "各乡镇", "各单位", "部门", "累计", "历年", "以来"];

fn n005(doc: &Document) -> Vec<Finding> {
    let Some(t) = doc.tables.active.as_ref() else { return Vec::new() };
    let p = Prose::new(doc);
    let text = p.text();
    let Some(body) = p.section(1) else { return Vec::new() };
    let mut out = Vec::new();
    for sentence in split(text, body, SENTENCE) {
        let mut kind: Option<(usize, &'static str)> = None;
        for cl in split(text, sentence, CLAUSE) {
            let s = &text[cl.clone()];
            if s.contains("规范性文件") {
                kind = Some((1, "行政规范性文件"));
            } else if s.contains("规章") && !s.contains("规章制度") {
                kind = Some((0, "规章"));
            } else if ["文件", "公文", "制度", "方案", "政策", "信息", "意见"]
                .iter()
                .any(|w| s.contains(w))
            {
                kind = None;
                continue;
            }
            let Some((row, row_label)) = kind else { continue };
            if find_any(s, OTHER_ACTIONS).is_some() || find_any(s, CHANGE).is_some() {
                continue;
            }
            let nums = prose::numbers(text, cl.clone());
            let Some(first) = nums.iter().find(|n| n.unit == Some('件')) else {
                continue;
            };
            if first.approx {
                continue;
            }
            let before = &text[cl.start..first.range.start];
            let Some((vat, verb)) = DOC_VERBS
                .iter()
                .filter_map(|&(w, _)| before.rfind(w).map(|p| (p, w)))
                .max_by_key(|&(p, _)| p)
            else {
                continue;
            };
            let col = DOC_VERBS.iter().find(|(w, _)| *w == verb).map_or(0, |x| x.1);
            let cells = vec![(row, col)];
            let Some(n) = sum(t, &cells) else { continue };
            if n == first.value || find_any(s, DOC_SCOPE).is_some() {
                continue;
            }
            let quote = p.quote(cl.clone());
            let col_label = t.def.column_label(row, col);
            // 公开/发布 N 件 may count the year's new documents or all those in
            // force (a published catalogue): accept either.
            let published = matches!(verb, "公开" | "发布");
            let valid = sum(t, &[(row, 2)]);
            let (msg, cells, expected) = if published {
                let Some(valid) = valid else { continue };
                if valid == first.value {
                    continue;
                }
                (
                    format!(
                        "文中“{quote}”为 {} 件，表二“{row_label}”的“本年制发件数”为 {n}、“现行有效件数”为 {valid}：“公开”可指本年制发的，也可指现行有效的，两种读法都不相符",
                        first.value
                    ),
                    vec![(row, 0), (row, 2)],
                    format!("{n} 或 {valid}"),
                )
            } else {
                (
                    format!("文中“{quote}”为 {} 件，表二“{row_label}”的“{col_label}”为 {n}", first.value),
                    cells,
                    n.to_string(),
                )
            };
            out.push(at_phrase(
                &p,
                "N005",
                msg,
                cl.start + vat..first.end,
                t,
                &cells,
                expected,
                first.value,
            ));
        }
    }
    out
}

/// N005 — figures for normative documents disagree with table A.
pub const N005: Rule = Rule {
    code: "N005",
    name: "narrative-normative-documents",
    severity: Severity::Warning,
    summary: "正文所写制发（公开）、废止、现行有效的规章或行政规范性文件件数与表二第二十条第（一）项不符",
    why: "表二第二十条第（一）项就是这三个数；正文复述时应一致。只比较明说“规范性文件”“规章”的句子，“政策性文件”“公文”不比较。",
    example: "废止行政规范性文件7件，现行有效0件（表二行政规范性文件本年废止为 0）",
    check: n005,
};

// ------------------------------------------------------------------ N006

fn n006(doc: &Document) -> Vec<Finding> {
    let Some(t) = doc.tables.applications.as_ref() else {
        return Vec::new();
    };
    let Some(row) = t.def.row_index("carry_next") else {
        return Vec::new();
    };
    let cells = vec![(row, TOTAL)];
    let Some(next) = sum(t, &cells) else { return Vec::new() };
    let p = Prose::new(doc);
    let text = p.text();
    let mut out = Vec::new();
    for sentence in p.request_sentences() {
        for cl in split(text, sentence.clone(), COMMA) {
            let s = &text[cl.clone()];
            if find_any(s, NOT_REQUESTS).is_some() || s.contains("结转") {
                continue;
            }
            let nums = prose::numbers(text, cl.clone());
            let counted = nums.iter().any(|n| n.unit == Some('件'));
            // Everything finished.
            if let Some((at, kw)) = find_any(s, &["办结", "办理完毕", "办理完成", "处理完毕"]) {
                // 均/全部/都 within six characters before the verb.
                let from = s[..at].char_indices().rev().nth(5).map_or(0, |(i, _)| i);
                let all = rfind_any(&s[from..at], &["均", "全部", "都"]).map(|(i, _)| from + i);
                let earlier = &text[sentence.start..cl.start + at];
                let negated = s[..at].ends_with('未') || s[..at].ends_with("没有");
                if let Some(all) = all.filter(|_| !counted && !negated && !earlier.contains("上年") && next > 0) {
                    let phrase = cl.start + all..cl.start + at + kw.len();
                    let quote = p.quote(cl.clone());
                    let msg = format!("文中说“{quote}”，表三“四、结转下年度继续办理”总计却为 {next}（有申请尚未办结）");
                    out.push(at_phrase(
                        &p,
                        "N006",
                        msg,
                        phrase,
                        t,
                        &cells,
                        format!("{next}（有申请结转）"),
                        "全部办结",
                    ));
                }
                continue;
            }
            // Something still open.
            if let Some((at, kw)) = find_any(s, &["尚未办结", "正在办理中", "仍在办理", "尚在办理"]) {
                if s.starts_with('无') || s.starts_with("没有") || s.starts_with("不存在") || next > 0 {
                    continue;
                }
                let quote = p.quote(cl.clone());
                let msg = format!("文中说“{quote}”，表三“四、结转下年度继续办理”总计却为 0");
                out.push(at_phrase(
                    &p,
                    "N006",
                    msg,
                    cl.start + at..cl.start + at + kw.len(),
                    t,
                    &cells,
                    "有申请结转",
                    0,
                ));
            }
        }
    }
    out
}

/// N006 — "all finished" in the prose while requests are carried to next year, or the reverse.
pub const N006: Rule = Rule {
    code: "N006",
    name: "narrative-all-finished",
    severity: Severity::Warning,
    summary: "正文说申请均已办结（全部办理完毕），而表三“四、结转下年度继续办理”不为 0；或正文说有申请尚未办结，而该项为 0",
    why: "“均已办结”与结转下年度的申请互相矛盾。只说“均已答复”“均在法定期限内答复”的不在此列：答复不一定办结。",
    example: "全年共收到申请5件，均已办结（表三结转下年度继续办理为 1）",
    check: n006,
};
