//! Continuity across years (X): rules over two reports of the same agency,
//! year N and year N−1.
//!
//! The registry's `check` takes one [`Document`], and these rules need two
//! reports, so their `check` finds nothing: they are listed in
//! [`RULES`](super::RULES) for their code, severity and documentation, and
//! the real check runs over several checked reports in
//! [`crate::continuity::check`] (the command line and the page call it after
//! checking every file).

use super::Rule;
use crate::finding::Severity;
use crate::parse::Document;

/// X001 — year N's 上年结转 differs from year N−1's 结转下年度.
pub const X001: Rule = Rule {
    code: "X001",
    name: "continuity-carried-over",
    severity: Severity::Error,
    summary: "本年表三“二、上年结转政府信息公开申请数量”与同一机关上一年度报告“四、结转下年度继续办理”不一致（逐列比较）",
    why: "上一年结转到下年继续办理的申请，就是本年从上年结转来的申请，两份报告的这两行必须逐列相等；不相等说明其中一年漏报、多报，或申请在两年之间“消失”了。",
    example: "2023 年报告“四、结转下年度继续办理”自然人 1 件，2024 年报告“二、上年结转”自然人却为 0",
    check: |_: &Document| Vec::new(),
};

/// X002 — 现行有效件数 does not follow from last year's and this year's changes.
pub const X002: Rule = Rule {
    code: "X002",
    name: "continuity-valid-documents",
    severity: Severity::Warning,
    summary: "规章或行政规范性文件：本年现行有效件数 ≠ 上一年度现行有效件数 + 本年制发件数 − 本年废止件数",
    why: "现行有效件数是逐年滚动的存量：去年年末有效的，加上今年制发的，减去今年废止的，就是今年年末有效的。不相等时可能是某年数字填错；也可能有文件因有效期届满而失效、或经清理重新统计，这时应在报告中说明，所以只作警告。",
    example: "2023 年行政规范性文件现行有效 5 件；2024 年制发 3 件、废止 0 件，现行有效却填 6 件（应为 8 件）",
    check: |_: &Document| Vec::new(),
};
