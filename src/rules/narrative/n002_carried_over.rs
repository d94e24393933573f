//! N002: carried over from last year / to next year disagrees with table B.

use super::shared::{b_rows, cells_of, count_near, request_reading, sum, Claim, TOTAL};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{CARRY, FROM_LAST_YEAR, TO_NEXT_YEAR};
use crate::prose::{self, find_any, Num};
use crate::rules::{Check, Context, Rule};

/// N002 — carried over from last year / to next year disagrees with table B.
pub const N002: Rule = Rule {
    code: "N002",
    name: "narrative-carried-over",
    severity: Severity::Warning,
    summary: "正文所写上年结转、结转下年度（结转至次年）的申请件数与表三第二项或第四项不符",
    why: "结转件数连接前后两年的报告；正文与表格不一致，至少一处错了。",
    example: "结转至2024年1件（表三“四、结转下年度继续办理”总计为 0）",
    check: Check::Report(n002),
};

/// Which carry-over a 结转 at `at` in `s` names: `Some(true)` carried to next
/// year, `Some(false)` carried over from last year. Also the year written in
/// 结转至YYYY年, with its flat range.
pub(crate) fn carry_kind(text: &str, at: usize, kw: &str) -> Option<(bool, Option<Num>)> {
    let before: String = text[..at].chars().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect();
    if FROM_LAST_YEAR.iter().any(|w| before.ends_with(w)) {
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
    if TO_NEXT_YEAR.iter().any(|w| rest.starts_with(w)) {
        return Some((true, None));
    }
    let from = after_at + skip;
    let nums = prose::numbers(text, from..prose::ahead(text, from, 12));
    if let Some(y) = nums.first().filter(|n| n.range.start == from && n.is_year()) {
        return Some((true, Some(y.clone())));
    }
    None
}

fn n002(cx: &Context) -> Vec<Finding> {
    let Some((t, p, clauses)) = request_reading(cx) else {
        return Vec::new();
    };
    let text = p.text();
    let mut out = Vec::new();
    for cl in clauses {
        let s = &text[cl.clone()];
        let Some((at, kw)) = find_any(s, CARRY) else {
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
        let quote = p.quote(cl.clone());
        let msg = format!("文中“{quote}”为 {} 件，表三“{label}”总计为 {n}", num.value);
        let claim = Claim {
            phrase: num.range.start.min(at)..num.end.max(kw_end),
            table: t,
            cells,
            group: None,
        };
        out.push(claim.finding(p, &N002, msg, n, num.value));
    }
    out
}
