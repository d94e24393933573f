//! N001: the number of requests received in the prose differs from table B.

use super::shared::{cells_of, count_after, other_year, request_reading, sum, Claim, TOTAL};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{CHANGE, NONE_RECEIVED, PART, RECEIVED};
use crate::prose::{self, find_any};
use crate::rules::{Check, Context, Rule};

/// N001 — the number of requests received in the prose differs from table B.
pub const N001: Rule = Rule {
    code: "N001",
    name: "narrative-requests-received",
    severity: Severity::Warning,
    summary: "正文所写收到（受理、新收）的政府信息公开申请件数与表三“本年新收”（或新收加上年结转）不符；“未收到申请”而表中新收不为 0 也在此列",
    why: "正文与表格说的是同一件事，两处数字不一致，读者不知道哪个可信，常见于沿用上年或其他单位的文字。“受理/收到”有时只计本年新收、有时含上年结转，两种读法都不相符才报告；正文明说只是某一部分（如区政府办代表区政府受理）时不比较。",
    example: "2022年，共收到政府信息公开申请12件（表三本年新收总计为 11，上年结转 0）",
    check: Check::Report(n001),
};

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

fn n001(cx: &Context) -> Vec<Finding> {
    let Some((t, p, clauses)) = request_reading(cx) else {
        return Vec::new();
    };
    let text = p.text();
    let (Some(new), Some(carried)) = (t.def.row_index("new"), t.def.row_index("carried")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for cl in clauses {
        let s = &text[cl.clone()];
        if !s.contains("申请") {
            continue;
        }
        // 未收到…申请: none this year.
        let requests_after = |at: usize| {
            let tail = &s[at..];
            tail.match_indices("申请").any(|(i, m)| !tail[i + m.len()..].starts_with('人'))
        };
        if let Some((at, _)) = find_any(s, NONE_RECEIVED).filter(|&(at, _)| requests_after(at)) {
            // (未收到该申请人提交的补正 speaks of a correction, not of requests.)
            let (cols, who) = applicant_columns(&s[at..]);
            let cells = cells_of(&[new], &cols);
            let Some(n) = sum(t, &cells) else { continue };
            if n > 0 {
                let quote = p.quote(cl.clone());
                let msg = format!("文中说“{quote}”（即本年新收 0 件），表三“一、本年新收政府信息公开申请数量”的“{who}”却为 {n}");
                let claim = Claim {
                    phrase: cl.clone(),
                    table: t,
                    cells,
                    group: None,
                };
                out.push(claim.finding(p, &N001, msg, n, 0));
            }
            continue;
        }
        let Some((at, _)) = find_any(s, RECEIVED) else {
            continue;
        };
        if other_year(p, cl.clone()) {
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
        let quote = p.quote(cl.clone());
        let msg = if n_carried == 0 {
            format!("文中“{quote}”为 {v} 件，表三“一、本年新收政府信息公开申请数量”的“{who}”为 {n_new}，上年结转为 0：两者不符")
        } else {
            format!(
                "文中“{quote}”为 {v} 件，与表三不符：本年新收（“{who}”）{n_new} 件，连同上年结转 {n_carried} 件为 {} 件。“收到/受理”有时只计本年新收，有时含上年结转，这里两种读法都不相符",
                n_new + n_carried
            )
        };
        let mut cells = new_cells;
        cells.extend(carried_cells);
        let expected = if n_carried == 0 {
            n_new.to_string()
        } else {
            format!("{n_new} 或 {}", n_new + n_carried)
        };
        let claim = Claim {
            phrase: cl.start + at..num.end,
            table: t,
            cells,
            group: None,
        };
        out.push(claim.finding(p, &N001, msg, expected, v));
    }
    out
}
