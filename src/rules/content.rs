//! The content sections 五 and 六 must hold (R001–R003): the format asks
//! section 六 for the information-processing fee and the year's 政务公开工作要点,
//! and section 五 for problems and what is done about them.
//!
//! Table A's 行政事业性收费 is a fee the agency charges in its work, not the
//! 信息处理费: it is never taken for it.

use super::{Check, Context, Rule};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{IMPROVEMENTS, PROBLEMS, SHORTCOMINGS};
use crate::parse::Document;
use crate::prose::{find_any, split, SENTENCE};

/// A finding at a section's heading.
fn at_heading(doc: &Document, rule: &'static Rule, number: u8, message: String) -> Option<Finding> {
    let s = doc.section(number)?;
    Some(
        rule.finding(message, s.heading.span)
            .in_section(crate::format::section(number).numeral),
    )
}

fn r001(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    // The fee (国办函〔2020〕109号) is reported from the reports for 2021 on (the 2021 format).
    let year = doc.year.as_ref().or(doc.period_year.as_ref()).map(|y| y.value);
    if year.is_some_and(|y| y < 2021) {
        return Vec::new();
    }
    let p = &cx.prose;
    let Some(body) = p.section(6) else { return Vec::new() };
    let s = &p.text()[body.clone()];
    // 信息处理费, 信息公开处理费, 处理费: any mention states it (收取 0 元,
    // 未收取, 没有产生); so does a sentence on charging applicants
    // (未向申请人收取任何费用). 行政事业性收费 is another fee.
    let states_fee = s.contains("处理费")
        || split(p.text(), body.clone(), SENTENCE).into_iter().any(|r| {
            let x = &p.text()[r];
            x.contains("收取") && x.contains('费') && (x.contains("申请") || x.contains("信息公开")) && !x.contains("事业性收费")
        });
    if states_fee {
        return Vec::new();
    }
    at_heading(
        doc,
        &R001,
        6,
        "第六部分没有说明政府信息公开信息处理费的收取情况（依《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），格式要求在此报告，未收取的也应写明）".to_string(),
    )
    .into_iter()
    .collect()
}

/// R001 — section 六 does not state the 信息处理费.
pub const R001: Rule = Rule {
    code: "R001",
    name: "processing-fee-not-reported",
    severity: Severity::Warning,
    summary: "第六部分“其他需要报告的事项”没有说明信息处理费的收取情况（2021年度及以后的报告）",
    why: "国办公开办函〔2021〕30号要求在第六部分报告按《政府信息公开信息处理费管理办法》收取信息处理费的情况；没有收取也应写明。表二的“行政事业性收费”是另一回事，不能代替。",
    example: "六、其他需要报告的事项　无。",
    check: Check::Report(r001),
};

fn r002(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let p = &cx.prose;
    let Some(body) = p.section(6) else { return Vec::new() };
    let s = &p.text()[body];
    if ["工作要点", "公开要点", "要点落实", "政务公开重点"].iter().any(|w| s.contains(w)) {
        return Vec::new();
    }
    let year = p.year().map_or(String::new(), |y| format!("{y}年"));
    at_heading(
        doc,
        &R002,
        6,
        format!("第六部分没有报告{year}政务公开工作要点的落实情况（格式要求在此报告）"),
    )
    .into_iter()
    .collect()
}

/// R002 — section 六 does not report how the year's 政务公开工作要点 were carried out.
pub const R002: Rule = Rule {
    code: "R002",
    name: "key-tasks-not-reported",
    severity: Severity::Info,
    summary: "第六部分没有报告本年度政务公开工作要点的落实情况",
    why: "格式要求在第六部分报告本年度政务公开工作要点的落实情况；只写信息处理费的报告漏了这一项。",
    example: "六、其他需要报告的事项　2023年，全年收取信息处理费 0 元。（没有工作要点落实情况）",
    check: Check::Report(r002),
};

fn r003(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let p = &cx.prose;
    let Some(body) = p.section(5) else { return Vec::new() };
    let s = &p.text()[body];
    if s.is_empty() {
        return Vec::new();
    }
    let problems = find_any(s, PROBLEMS).is_some() || find_any(s, SHORTCOMINGS).is_some();
    // 仍有进一步改进的空间 states a shortcoming: its 改进 is no improvement.
    let rest = SHORTCOMINGS.iter().fold(s.to_string(), |t, w| t.replace(w, " "));
    let improvements = find_any(&rest, IMPROVEMENTS).is_some();
    let msg = match (problems, improvements) {
        (true, false) => "第五部分列出了存在的问题，却没有写改进情况（下一步的措施）",
        (false, true) => "第五部分只写了改进措施，没有写存在的主要问题",
        _ => return Vec::new(),
    };
    at_heading(doc, &R003, 5, msg.to_string()).into_iter().collect()
}

/// R003 — section 五 names problems but no improvements, or the reverse.
pub const R003: Rule = Rule {
    code: "R003",
    name: "problems-without-improvements",
    severity: Severity::Info,
    summary: "第五部分“存在的主要问题及改进情况”只写了问题没有写改进情况，或只写了改进没有写问题",
    why: "这一部分的标题要求两者都写：问题是什么，打算怎么改。只写一半，读者无法判断整改是否对症。",
    example: "五、存在的主要问题及改进情况　一是政策解读形式单一；二是队伍力量不足。（没有下一步措施）",
    check: Check::Report(r003),
};
