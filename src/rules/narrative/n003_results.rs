//! N003: results by kind in the prose disagree with table B.
//!
//! The request sentences are read clause by clause (at commas), each clause
//! in pieces (at 、 and brackets); a piece that only names results and runs
//! on with 、 into another that names results is read with it (予以公开、部分公开
//! 共 59 件). In a piece, each figure is compared with what the result words
//! before it name ([`Item`]):
//! - one kind (予以公开 8 件): its row, or the sum of its group of rows;
//! - several kinds (予以公开及部分公开 59 件): the sum of all their rows;
//! - a row of a group with 等 (因本机关不掌握等原因无法提供 32 件): the whole
//!   group, and the message says so where the figure is the row's alone;
//! - a row without 等 (其中本机关不掌握 31 件): that row; with the group's
//!   word as well (因本机关不掌握无法提供 31 件), either the row or the group.

use std::ops::Range;

use super::shared::{b_range, b_rows, cells_of, count_before, is_count, other_year, sum, Claim, TOTAL};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{Outcome, ResultWord, CHANGE, ETC, NOT_ETC, NOT_REQUESTS, RESPECTIVELY, RESULT_WORDS};
use crate::parse::Table;
use crate::prose::{self, find_any, split, Lexicon, Num, Prose, CLAUSE, COMMA};
use crate::rules::{Check, Context, Rule};

/// N003 — results by kind in the prose disagree with table B.
pub const N003: Rule = Rule {
    code: "N003",
    name: "narrative-results",
    severity: Severity::Warning,
    summary: "正文所写各类办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理、办结）的件数与表三不符；几类合写的（予以公开及部分公开）与这几类之和比较，“因…等原因无法提供”的与整组之和比较",
    why: "办理结果是表三的主体；正文给出的分类数字应与表中相应行（或一组小项之和）一致。几类合写的数字是这几类之和；“因本机关不掌握等原因无法提供”的“等”说明是整组（1—3 项之和），只等于其中一项时也在此列；“其中本机关不掌握 N 件”与该项比较。",
    example: "予以公开及部分公开50件（表三（一）予以公开 50 与（二）部分公开 9 之和为 59）；因本机关不掌握等原因无法提供31件（（四）无法提供 1—3 项之和为 32，31 件只是“本机关不掌握相关政府信息”一项）",
    check: Check::Report(n003),
};

/// The rows of table B that count a kind of result, and their label.
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

/// The groups a row of table B may belong to.
const GROUPS: [Outcome; 4] = [Outcome::Withheld, Outcome::Unable, Outcome::NotHandled, Outcome::Other];

/// The result words, read in one pass.
fn lexicon() -> Lexicon<ResultWord> {
    Lexicon::new(RESULT_WORDS)
}

/// A figure and the result words before it (flat offsets).
struct Item {
    words: Vec<(Range<usize>, ResultWord)>,
    num: Num,
    /// The piece it was read from, for the message.
    piece: Range<usize>,
}

fn n003(cx: &Context) -> Vec<Finding> {
    let Some(t) = cx.doc.tables.applications.as_ref() else {
        return Vec::new();
    };
    let p = &cx.prose;
    let text = p.text();
    let mut out = Vec::new();
    let lexicon = lexicon();
    for sentence in p.request_sentences() {
        for cl in split(text, sentence, COMMA) {
            let s = &text[cl.clone()];
            let words: Vec<(Range<usize>, ResultWord)> = lexicon
                .find_all(s)
                .into_iter()
                .map(|(at, w, v)| (cl.start + at..cl.start + at + w.len(), v))
                .collect();
            if words.is_empty() || find_any(s, CHANGE).is_some() || other_year(p, cl.clone()) {
                continue;
            }
            let nums = prose::numbers(text, cl.clone());
            for piece in pieces(text, cl, &words, &nums) {
                let in_piece = |r: &Range<usize>| piece.start <= r.start && r.end <= piece.end;
                let words: Vec<_> = words.iter().filter(|w| in_piece(&w.0)).cloned().collect();
                if about_other_things(text, &piece, &words) {
                    continue;
                }
                let nums: Vec<Num> = nums.iter().filter(|n| in_piece(&(n.range.start..n.end))).cloned().collect();
                for item in items(text, &piece, &words, &nums) {
                    out.extend(compare(p, t, &item));
                }
            }
        }
    }
    out
}

/// The pieces of a clause (at 、 and brackets), a piece that names results
/// without a count joined by 、 to the next when that one names results
/// before its first count (予以公开、部分公开共 59 件).
fn pieces(text: &str, cl: Range<usize>, words: &[(Range<usize>, ResultWord)], nums: &[Num]) -> Vec<Range<usize>> {
    let has_word = |r: &Range<usize>| words.iter().any(|w| r.start <= w.0.start && w.0.end <= r.end);
    let first_count = |r: &Range<usize>| {
        nums.iter()
            .find(|n| r.start <= n.range.start && n.end <= r.end && is_count(n))
            .map(|n| n.range.start)
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in split(text, cl, CLAUSE) {
        if let Some(last) = out.last_mut() {
            let joined = text[last.end..r.start] == *"、";
            let word_first = words
                .iter()
                .find(|w| r.start <= w.0.start && w.0.end <= r.end)
                .is_some_and(|w| first_count(&r).is_none_or(|c| w.0.start < c));
            if joined && has_word(last) && first_count(last).is_none() && word_first {
                last.end = r.end;
                continue;
            }
        }
        out.push(r);
    }
    out
}

/// True when a piece speaks of something else than requests (复议, 咨询 …)
/// outside its result words (信访举报投诉类申请 is a result).
fn about_other_things(text: &str, piece: &Range<usize>, words: &[(Range<usize>, ResultWord)]) -> bool {
    let mut from = piece.start;
    while let Some((at, w)) = find_any(&text[from..piece.end], NOT_REQUESTS) {
        let at = from + at;
        match words.iter().find(|x| x.0.start <= at && at < x.0.end) {
            Some(x) => from = x.0.end.max(at + w.len()),
            None => return true,
        }
    }
    false
}

/// The figures of a piece with the result words before each; words with no
/// figure after them take one just before them (3件不予公开).
fn items(text: &str, piece: &Range<usize>, words: &[(Range<usize>, ResultWord)], nums: &[Num]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut pending: Vec<(Range<usize>, ResultWord)> = Vec::new();
    let mut w = words.iter().peekable();
    for n in nums.iter().filter(|n| is_count(n)) {
        while let Some(x) = w.next_if(|x| x.0.end <= n.range.start) {
            pending.push(x.clone());
        }
        if pending.is_empty() {
            continue;
        }
        if !n.approx {
            out.push(Item {
                words: std::mem::take(&mut pending),
                num: n.clone(),
                piece: piece.clone(),
            });
        }
        pending.clear();
    }
    pending.extend(w.cloned());
    if let Some(first) = pending.first() {
        if let Some(num) = count_before(text, nums, first.0.start, 9) {
            out.push(Item {
                words: pending,
                num,
                piece: piece.clone(),
            });
        }
    }
    out
}

/// The row label without its ordinal, for messages: 本机关不掌握相关政府信息.
fn row_name(t: &Table, r: usize) -> &'static str {
    let l = t.def.rows[r].label;
    l.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
}

/// The hint where a figure compared with a group of rows is the figure of
/// exactly one of them: "；31 件只是“本机关不掌握相关政府信息”一项" (else nothing).
fn only_one_row(t: &Table, rows: &[usize], v: u64) -> String {
    if rows.len() < 2 || v == 0 {
        return String::new();
    }
    let mut equal = rows.iter().filter(|&&r| t.cell(r, TOTAL).and_then(|c| c.value.count()) == Some(v));
    match (equal.next(), equal.next()) {
        (Some(&r), None) => format!("；{v} 件只是“{}”一项", row_name(t, r)),
        _ => String::new(),
    }
}

/// Compares an item with table B.
fn compare(p: &Prose, t: &Table, item: &Item) -> Option<Finding> {
    let text = p.text();
    let first = item.words.first()?.0.start;
    let last = item.words.last()?.0.end;
    // 未办结, 尚未办结: not a count of results.
    if text[..first].ends_with('未') || text[..first].ends_with("没有") {
        return None;
    }
    let mut kinds: Vec<Outcome> = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    for (_, w) in &item.words {
        match *w {
            ResultWord::Kind(o) if !kinds.contains(&o) => kinds.push(o),
            ResultWord::Row(id) => {
                let r = t.def.row_index(id)?;
                if !rows.contains(&r) {
                    rows.push(r);
                }
            }
            _ => {}
        }
    }
    let named = kinds.len() + rows.len();
    let span = first.min(item.num.range.start)..last.max(item.num.end);
    if named > 1 && (kinds.contains(&Outcome::Finished) || find_any(&text[span.clone()], RESPECTIVELY).is_some()) {
        return None;
    }
    let v = item.num.value;
    let quote = p.quote(item.piece.clone());
    let said = format!("文中“{quote}”为 {v} 件");
    let claim = |cells: Vec<(usize, usize)>, group: Option<String>| Claim {
        phrase: span.clone(),
        table: t,
        cells,
        group,
    };
    if rows.is_empty() {
        return match kinds[..] {
            [o] => one_kind(p, t, o, v, &said, claim),
            _ => several_kinds(p, t, &kinds, v, &said, claim),
        };
    }
    // Rows of one group, with or without the group's word.
    let group = GROUPS
        .into_iter()
        .find(|&g| rows.iter().all(|r| outcome_rows(t, g).0.contains(r)))?;
    if kinds.iter().any(|&k| k != group) {
        return None;
    }
    let (group_rows, label) = outcome_rows(t, group);
    let group_cells = cells_of(&group_rows, &[TOTAL]);
    let row_cells = cells_of(&rows, &[TOTAL]);
    let (g, m) = (sum(t, &group_cells)?, sum(t, &row_cells)?);
    let quoted = |name: &dyn Fn(usize) -> String| rows.iter().map(|&r| format!("“{}”", name(r))).collect::<Vec<_>>().join("、");
    let names = quoted(&|r| row_name(t, r).to_string());
    let full_names = quoted(&|r| t.def.rows[r].full_label());
    let last_row = item.words.iter().rfind(|w| matches!(w.1, ResultWord::Row(_)))?.0.end;
    let etc_to = item
        .words
        .iter()
        .map(|w| w.0.start)
        .filter(|&s| s >= last_row)
        .min()
        .unwrap_or(item.num.range.start);
    let between = &text[last_row..etc_to.max(last_row)];
    let etc = between.contains(ETC) && NOT_ETC.iter().all(|w| !between.contains(w));
    if etc {
        // 因本机关不掌握等原因无法提供 N 件: the whole group.
        if v == g {
            return None;
        }
        let only = match rows.len() {
            _ if v != m => only_one_row(t, &group_rows, v),
            1 => format!("；{v} 件只是{names}一项"),
            _ => format!("；{v} 件只是{names}这几项"),
        };
        let msg = format!("{said}，“等”说明是整组，表三“{label}”总计为 {g}{only}");
        return Some(claim(group_cells, Some(label.to_string())).finding(p, &N003, msg, g, v));
    }
    if !kinds.is_empty() {
        // 因本机关不掌握无法提供 N 件: the row, or the group.
        if v == m || v == g {
            return None;
        }
        let msg = format!("{said}，表三{full_names}总计为 {m}，“{label}”总计为 {g}：可指该项，也可指整组，两种读法都不相符");
        let mut cells = row_cells;
        cells.extend(group_cells.into_iter().filter(|c| !rows.contains(&c.0)));
        return Some(claim(cells, Some(label.to_string())).finding(p, &N003, msg, format!("{m} 或 {g}"), v));
    }
    if v == m {
        return None;
    }
    let msg = format!("{said}，表三{full_names}总计为 {m}");
    let several = (rows.len() > 1).then(|| rows.iter().map(|&r| t.def.rows[r].full_label()).collect::<Vec<_>>().join("、"));
    Some(claim(row_cells, several).finding(p, &N003, msg, m, v))
}

/// One kind of result: its row or the sum of its group.
fn one_kind<'t>(
    p: &Prose,
    t: &'t Table,
    o: Outcome,
    found: u64,
    said: &str,
    claim: impl Fn(Vec<(usize, usize)>, Option<String>) -> Claim<'t>,
) -> Option<Finding> {
    let (rows, label) = outcome_rows(t, o);
    if rows.is_empty() {
        return None;
    }
    let cells = cells_of(&rows, &[TOTAL]);
    let n = sum(t, &cells)?;
    if n == found {
        return None;
    }
    // 予以公开 N 件 may include the partly granted (予以公开8件（含部分公开2件）).
    let partial = sum(t, &cells_of(&b_rows(t, &["partial"]), &[TOTAL]));
    if o == Outcome::Granted && partial.is_some_and(|x| n + x == found) {
        return None;
    }
    let msg = if o == Outcome::Granted {
        format!(
            "{said}，表三“{label}”总计为 {n}（连同部分公开为 {}），两种读法都不相符",
            n + partial.unwrap_or(0)
        )
    } else {
        format!("{said}，表三“{label}”总计为 {n}{}", only_one_row(t, &rows, found))
    };
    let group = (rows.len() > 1).then(|| label.to_string());
    Some(claim(cells, group).finding(p, &N003, msg, n, found))
}

/// Several kinds written as one (予以公开及部分公开 N 件): the sum of their rows.
fn several_kinds<'t>(
    p: &Prose,
    t: &'t Table,
    kinds: &[Outcome],
    found: u64,
    said: &str,
    claim: impl Fn(Vec<(usize, usize)>, Option<String>) -> Claim<'t>,
) -> Option<Finding> {
    let mut cells = Vec::new();
    let mut parts: Vec<(&'static str, u64)> = Vec::new();
    for &o in kinds {
        let (rows, label) = outcome_rows(t, o);
        if rows.is_empty() {
            return None;
        }
        let c = cells_of(&rows, &[TOTAL]);
        parts.push((label, sum(t, &c)?));
        cells.extend(c);
    }
    let n: u64 = parts.iter().map(|x| x.1).sum();
    if n == found {
        return None;
    }
    let labels: Vec<String> = parts.iter().map(|(l, _)| format!("“{l}”")).collect();
    let figures: Vec<String> = parts.iter().map(|(_, x)| x.to_string()).collect();
    let only = parts
        .iter()
        .find(|(_, x)| *x == found)
        .map(|(l, _)| format!("；{found} 件只是“{l}”一项"))
        .unwrap_or_default();
    let msg = format!(
        "{said}，是几类合计，表三{}总计之和为 {n}（{}）{only}",
        labels.join("与"),
        figures.join(" + ")
    );
    let group: Vec<&str> = parts.iter().map(|(l, _)| *l).collect();
    Some(claim(cells, Some(group.join("、"))).finding(p, &N003, msg, n, found))
}
