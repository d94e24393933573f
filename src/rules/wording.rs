//! Wording (W001): the standard labels of the tables must read as the
//! standard text. The list of known departures is data, in
//! `crate::format::wording`.

use super::{Check, Context, Rule};
use crate::finding::{Finding, Severity};
use crate::format::wording::{HEADING_WORDINGS, WORDINGS};
use crate::prose::{self};
use crate::text::squash;

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
    for h in HEADING_WORDINGS {
        let Some(sec) = doc.section(h.section) else { continue };
        let heading = squash(&sec.heading.value);
        if !heading.contains(h.found) || out.iter().any(|f: &Finding| f.span == sec.heading.span) {
            continue;
        }
        let msg = format!(
            "第{}部分的标题写作“{}”，标准标题为“{}”",
            crate::format::section(h.section).numeral,
            heading,
            h.standard
        );
        out.push(
            W001.finding(msg, sec.heading.span)
                .in_section(crate::format::section(h.section).numeral)
                .expected_found(h.standard, heading),
        );
    }
    out
}

/// W001 — a standard label departs from the standard text.
pub const W001: Rule = Rule {
    code: "W001",
    name: "non-standard-wording",
    severity: Severity::Info,
    summary: "表格的标准标签或小标题与国办公开办函〔2021〕30号的标准文本不一致（如“本年制发作数”“本年度止件数”“钩稽”“二十条第（一）项”缺“第”），并给出标准文本",
    why: "标签是格式规定的文字；错字、漏字虽不影响数字，却说明表格是手工录入或转抄的，值得顺手改正。",
    example: "信息内容	本年制发件数	本年度止件数	现行有效件数（应为“本年废止件数”）",
    check: Check::Report(w001),
};
