//! N005: figures for normative documents disagree with table A.

use super::shared::{sum, Claim};
use crate::finding::{Finding, Severity};
use crate::format::phrases::{CHANGE, DOC_SCOPE, DOC_VERBS, OTHER_ACTIONS, OTHER_DOCUMENTS};
use crate::parse::Table;
use crate::prose::{self, find_any, split, CLAUSE, SENTENCE};
use crate::rules::{Check, Context, Rule};

/// N005 — figures for normative documents disagree with table A.
pub const N005: Rule = Rule {
    code: "N005",
    name: "narrative-normative-documents",
    severity: Severity::Warning,
    summary: "正文所写制发（公开）、废止、现行有效的规章或行政规范性文件件数与表二第二十条第（一）项不符",
    why: "表二第二十条第（一）项就是这三个数；正文复述时应一致。只比较明说“规范性文件”“规章”的句子，“政策性文件”“公文”不比较。",
    example: "废止行政规范性文件7件，现行有效0件（表二行政规范性文件本年废止为 0）",
    check: Check::Report(n005),
};

/// The row of table A a clause speaks of (0 规章, 1 行政规范性文件) and its
/// name. A clause that names neither keeps the sentence's `last` kind,
/// unless it names another kind of document, which ends it.
fn document_kind(s: &str, last: Option<(usize, &'static str)>) -> Option<(usize, &'static str)> {
    if s.contains("规范性文件") {
        Some((1, "行政规范性文件"))
    } else if s.contains("规章") && !s.contains("规章制度") {
        Some((0, "规章"))
    } else if OTHER_DOCUMENTS.iter().any(|w| s.contains(w)) {
        None
    } else {
        last
    }
}

/// The last verb of `DOC_VERBS` in `before`: (its offset, the verb, the column of table A).
fn last_verb(before: &str) -> Option<(usize, &'static str, usize)> {
    DOC_VERBS
        .iter()
        .filter_map(|&(w, col)| before.rfind(w).map(|p| (p, w, col)))
        .max_by_key(|&(p, _, _)| p)
}

fn n005(cx: &Context) -> Vec<Finding> {
    let doc = cx.doc;
    let Some(t) = doc.tables.active.as_ref() else { return Vec::new() };
    let p = &cx.prose;
    let text = p.text();
    let Some(body) = p.section(1) else { return Vec::new() };
    let mut out = Vec::new();
    for sentence in split(text, body, SENTENCE) {
        let mut kind: Option<(usize, &'static str)> = None;
        for cl in split(text, sentence, CLAUSE) {
            let s = &text[cl.clone()];
            kind = document_kind(s, kind);
            let Some((row, row_label)) = kind else { continue };
            if find_any(s, OTHER_ACTIONS).is_some() || find_any(s, CHANGE).is_some() {
                continue;
            }
            let nums = prose::numbers(text, cl.clone());
            let Some(first) = nums.iter().find(|n| n.unit == Some('件')) else {
                continue;
            };
            if first.approx {
                continue;
            }
            let Some((vat, verb, col)) = last_verb(&text[cl.start..first.range.start]) else {
                continue;
            };
            let Some(n) = sum(t, &[(row, col)]) else { continue };
            if n == first.value || find_any(s, DOC_SCOPE).is_some() {
                continue;
            }
            let Some(says) = disagreement(t, (row, row_label), col, verb, first.value, n) else {
                continue;
            };
            let msg = format!("文中“{}”为 {} 件，{}", p.quote(cl.clone()), first.value, says.message);
            let claim = Claim {
                phrase: cl.start + vat..first.end,
                table: t,
                cells: says.cells,
                group: None,
            };
            out.push(claim.finding(p, &N005, msg, says.expected, first.value));
        }
    }
    out
}

/// What table A says against the prose: the second half of the message, the
/// cells and the expected value.
struct TableSays {
    message: String,
    cells: Vec<(usize, usize)>,
    expected: String,
}

/// What table A says where `said` (the figure after `verb`) disagrees with
/// `n` in row `row` and column `col`. 公开/发布 N 件 may count the year's new
/// documents or all those in force (a published catalogue): `None` when it
/// is the number in force.
fn disagreement(t: &Table, (row, row_label): (usize, &str), col: usize, verb: &str, said: u64, n: u64) -> Option<TableSays> {
    if !matches!(verb, "公开" | "发布") {
        let col_label = t.def.column_label(row, col);
        return Some(TableSays {
            message: format!("表二“{row_label}”的“{col_label}”为 {n}"),
            cells: vec![(row, col)],
            expected: n.to_string(),
        });
    }
    let valid = sum(t, &[(row, 2)])?;
    if valid == said {
        return None;
    }
    let message = format!(
        "表二“{row_label}”的“本年制发件数”为 {n}、“现行有效件数”为 {valid}：“公开”可指本年制发的，也可指现行有效的，两种读法都不相符"
    );
    Some(TableSays {
        message,
        cells: vec![(row, 0), (row, 2)],
        expected: format!("{n} 或 {valid}"),
    })
}
