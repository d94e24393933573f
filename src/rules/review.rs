//! Table C (section 四): 政府信息公开行政复议、行政诉讼情况.

use super::{Check, Context, Rule};
use crate::finding::Severity;
use crate::format;

/// C001 — a group's 总计 is not the sum of its four results.
pub const C001: Rule = Rule {
    code: format::C_GROUP_TOTAL.code,
    name: "review-group-total",
    severity: Severity::Error,
    summary: "表四某一组（行政复议、未经复议直接起诉、复议后起诉）的“总计”不等于结果维持、结果纠正、其他结果、尚未审结之和",
    why: "每组总计是四种结果之和；不符说明案件数填错，常见于把总计误填为 0。",
    example: "行政复议：维持 10、纠正 1、其他 0、未审结 0，总计却为 0",
    check: Check::Report(|cx: &Context| super::arithmetic::findings(cx.doc.tables.review.as_ref(), &C001)),
};

/// C002 — a figure of table C is not a non-negative integer.
pub const C002: Rule = Rule {
    code: "C002",
    name: "review-value-not-a-count",
    severity: Severity::Error,
    summary: "表四的数字不是非负整数（空格、“—”“/”“无”或其他文字）",
    why: "案件数只能是非负整数，没有的填 0；否则各组总计无法核对。",
    example: "0	0	/	0	0 …",
    check: Check::Report(|cx: &Context| super::value_findings(cx.doc.tables.review.as_ref(), &C002)),
};
