//! N003: results by kind in the prose disagree with table B.

use std::ops::Range;

use super::shared::{b_range, b_rows, cells_of, count_near, other_year, request_reading, sum, Claim, TOTAL};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{Outcome, CHANGE, OUTCOMES};
use crate::parse::Table;
use crate::prose::{self, find_any};
use crate::rules::{Check, Context, Rule};

/// N003 — results by kind in the prose disagree with table B.
pub const N003: Rule = Rule {
    code: "N003",
    name: "narrative-results",
    severity: Severity::Warning,
    summary: "正文所写各类办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理、办结）的件数与表三不符",
    why: "办理结果是表三的主体；正文给出的分类数字应与表中相应行（或一组小项之和）一致。",
    example: "予以公开8件，不予公开3件（表三（一）予以公开为 8，（三）不予公开各项之和为 0）",
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

/// The one kind of result a clause names: (flat offset, keyword, kind) of
/// its first match, keywords taken in the order of `OUTCOMES`. `None` when
/// the clause names none or several kinds (不予以公开 is 不予公开).
fn one_outcome(s: &str, cl: &Range<usize>) -> Option<(usize, &'static str, Outcome)> {
    let mut found: Vec<(usize, &'static str, Outcome)> = Vec::new();
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
    let first = *found.first()?;
    found.iter().all(|f| f.2 == first.2).then_some(first)
}

fn n003(cx: &Context) -> Vec<Finding> {
    let Some((t, p, clauses)) = request_reading(cx) else {
        return Vec::new();
    };
    let text = p.text();
    let mut out = Vec::new();
    for cl in clauses {
        let s = &text[cl.clone()];
        if find_any(s, CHANGE).is_some() || other_year(p, cl.clone()) {
            continue;
        }
        let Some((at, kw, o)) = one_outcome(s, &cl) else { continue };
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
        let group = (rows.len() > 1).then_some(label);
        let claim = Claim {
            phrase: num.range.start.min(at)..num.end.max(kw_end),
            table: t,
            cells,
            group,
        };
        out.push(claim.finding(p, &N003, msg, n, num.value));
    }
    out
}
