//! Table group A (section 二): 主动公开政府信息情况.

use super::{Check, Context, Rule};
use crate::finding::{Finding, Severity};
use crate::format;

/// A001 — a figure of table group A is not a non-negative number.
pub const A001: Rule = Rule {
    code: "A001",
    name: "active-value-not-a-count",
    severity: Severity::Error,
    summary: "表二（主动公开）的单元格不是非负整数（收费金额：不是非负金额）",
    why: "格式要求每格填数字，没有的填 0；“—”“/”或文字让合计无法核对，读者也无法判断是零还是漏填。",
    example: "行政规范性文件	/	0	38",
    check: Check::Report(|cx: &Context| super::value_findings(cx.doc.tables.active.as_ref(), &A001)),
};

/// A002 — fewer documents valid at the year's end than issued minus repealed.
pub const A002: Rule = Rule {
    code: format::A_VALID.code,
    name: "active-valid-below-net-issued",
    severity: Severity::Error,
    summary: "规章或行政规范性文件：现行有效件数 < 本年制发件数 − 本年废止件数",
    why: "年初存量不可能为负，所以年末现行有效件数至少等于本年制发减本年废止；少于它说明某个数字填错了。",
    example: "行政规范性文件	6	0	3（制发 6 件、未废止，现行有效却只有 3 件）",
    check: Check::Report(|cx: &Context| -> Vec<Finding> {
        let doc = cx.doc;
        super::arithmetic::findings(doc.tables.active.as_ref(), &A002)
    }),
};
