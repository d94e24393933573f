//! N006: "all finished" in the prose while requests are carried to next year, or the reverse.

use super::shared::{sum, Claim, TOTAL};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{ALL, FINISHED, NOT_REQUESTS, STILL_OPEN};
use crate::prose::{self, find_any, rfind_any, split, COMMA};
use crate::rules::{Check, Context, Rule};

/// N006 — "all finished" in the prose while requests are carried to next year, or the reverse.
pub const N006: Rule = Rule {
    code: "N006",
    name: "narrative-all-finished",
    severity: Severity::Warning,
    summary: "正文说申请均已办结（全部办理完毕），而表三“四、结转下年度继续办理”不为 0；或正文说有申请尚未办结，而该项为 0",
    why: "“均已办结”与结转下年度的申请互相矛盾。只说“均已答复”“均在法定期限内答复”的不在此列：答复不一定办结。",
    example: "全年共收到申请5件，均已办结（表三结转下年度继续办理为 1）",
    check: Check::Report(n006),
};

fn n006(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let Some(t) = doc.tables.applications.as_ref() else {
        return Vec::new();
    };
    let Some(row) = t.def.row_index("carry_next") else {
        return Vec::new();
    };
    let cells = vec![(row, TOTAL)];
    let Some(next) = sum(t, &cells) else { return Vec::new() };
    let p = &cx.prose;
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
            if let Some((at, kw)) = find_any(s, FINISHED) {
                // 均/全部/都 within six characters before the verb.
                let from = s[..at].char_indices().rev().nth(5).map_or(0, |(i, _)| i);
                let all = rfind_any(&s[from..at], ALL).map(|(i, _)| from + i);
                let earlier = &text[sentence.start..cl.start + at];
                let negated = s[..at].ends_with('未') || s[..at].ends_with("没有");
                if let Some(all) = all.filter(|_| !counted && !negated && !earlier.contains("上年") && next > 0) {
                    let quote = p.quote(cl.clone());
                    let msg = format!("文中说“{quote}”，表三“四、结转下年度继续办理”总计却为 {next}（有申请尚未办结）");
                    let claim = Claim {
                        phrase: cl.start + all..cl.start + at + kw.len(),
                        table: t,
                        cells: cells.clone(),
                        group: None,
                    };
                    out.push(claim.finding(p, &N006, msg, format!("{next}（有申请结转）"), "全部办结"));
                }
                continue;
            }
            // Something still open.
            if let Some((at, kw)) = find_any(s, STILL_OPEN) {
                if s.starts_with('无') || s.starts_with("没有") || s.starts_with("不存在") || next > 0 {
                    continue;
                }
                let quote = p.quote(cl.clone());
                let msg = format!("文中说“{quote}”，表三“四、结转下年度继续办理”总计却为 0");
                let claim = Claim {
                    phrase: cl.start + at..cl.start + at + kw.len(),
                    table: t,
                    cells: cells.clone(),
                    group: None,
                };
                out.push(claim.finding(p, &N006, msg, "有申请结转", 0));
            }
        }
    }
    out
}
