//! Table B (section 三): 收到和处理政府信息公开申请情况.

use super::{Check, Context, Rule};
use crate::finding::Severity;
use crate::format;

/// B001 — a row's 总计 is not the sum of the six applicant columns.
pub const B001: Rule = Rule {
    code: format::B_ROW_TOTAL.code,
    name: "applications-row-total",
    severity: Severity::Error,
    summary: "表三某一行的“总计”不等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和",
    why: "总计列是六类申请人之和；不相等说明某一格填错或漏填，读者无法知道哪个数可信。",
    example: "（一）予以公开	6	3	0	0	0	0	8（6 + 3 = 9，总计却为 8）",
    check: Check::Report(|cx: &Context| super::arithmetic::findings(cx.doc.tables.applications.as_ref(), &B001)),
};

/// B002 — a column's （七）总计 is not the sum of the result rows.
pub const B002: Rule = Rule {
    code: format::B_COLUMN_TOTAL.code,
    name: "applications-column-total",
    severity: Severity::Error,
    summary: "表三某一列的“（七）总计”不等于（一）至（六）各项办理结果之和",
    why: "（七）总计是本年办理结果的合计；与各项之和不符，说明某项结果漏计或多计。",
    example: "（一）予以公开 8、（四）1.本机关不掌握 3，（七）总计却填 10",
    check: Check::Report(|cx: &Context| super::arithmetic::findings(cx.doc.tables.applications.as_ref(), &B002)),
};

/// B003 — 一 + 二 differs from （七）总计 + 四 in a column.
pub const B003: Rule = Rule {
    code: format::B_BALANCE.code,
    name: "applications-balance",
    severity: Severity::Error,
    summary: "表三某一列：本年新收 + 上年结转 ≠ （七）总计 + 结转下年度（表中注明的勾稽关系）",
    why: "收到的申请要么本年办结、要么结转下年，两边必须相等；这是表格自己写明的勾稽关系。",
    example: "本年新收 2、上年结转 0，办理结果总计 1、结转下年度 0（少了 1 件）",
    check: Check::Report(|cx: &Context| super::arithmetic::findings(cx.doc.tables.applications.as_ref(), &B003)),
};

/// B004 — a cell of table B is not a non-negative integer.
pub const B004: Rule = Rule {
    code: "B004",
    name: "applications-value-not-a-count",
    severity: Severity::Error,
    summary: "表三的单元格不是非负整数（“—”“/”“无”或其他文字）；空着的单元格合为一条警告，核对时按 0 计算（A001、C002 同样）",
    why: "申请件数只能是非负整数，没有的填 0；否则合计与勾稽关系都无法核对。",
    example: "2.重复申请	—	0	0	0	0	0	0",
    check: Check::Report(|cx: &Context| super::value_findings(cx.doc.tables.applications.as_ref(), &B004)),
};
